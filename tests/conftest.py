import fcntl
import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import sync_playwright

from sitebuild import ROOT, SHARED_IMAGES, build, html_files
from tools import local_site
from tools.local_site import SiteHandler

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


AXE_URL = "/__axe/axe.min.js"  # served from the site's origin, so the site's CSP lets it run


class _Handler(SiteHandler):
    """Serves a built site with the production security headers, and axe-core beside it."""

    def translate_path(self, path):
        if path.split("?")[0] == AXE_URL:
            return str(AXE)
        return super().translate_path(path)


# The test files that take longest, started first: `make test` spreads the files over the cores,
# and a long file started last would keep one core busy after the other has finished.
LONGEST_FIRST = ("test_gate_browser.py", "test_interrupted_builds.py", "test_gate_html_links.py",
                 "test_search_browser.py", "test_publish.py", "test_bad_input.py")


def pytest_collection_modifyitems(items):
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: the rest keep their order


def serving(folder, origin):
    """`folder` served at `origin` with the production security headers (and axe-core), for the block's length."""
    return local_site.serving(folder, origin, _Handler)


# The real site is built once for the whole run, whatever the number of test processes: `make test`
# runs one per core (pytest-xdist), and each used to build and serve its own copy. The process that
# starts them (the controller) serves a shared folder from the start, and the first test process
# that needs the site builds it there, the others waiting for it (its result is kept beside it).
SHARED_SITE = "CISO_TEST_SITE"  # environment variable: "folder origin", set by the controller
_SHARED_SITE_KEY = pytest.StashKey[tuple]()  # the controller's (folder, server)


def pytest_configure(config):
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("xdist"):
        return  # a test process started by the controller, or no xdist at all
    if not config.getoption("numprocesses", None):
        return  # xdist installed but not used (pytest without -n): the site fixture does it all
    folder = Path(tempfile.mkdtemp(prefix="ciso-test-site-"))
    origin = f"http://127.0.0.1:{local_site.free_port()}"
    (folder / "output").mkdir()
    server = serving(folder / "output", origin)
    server.__enter__()
    config.stash[_SHARED_SITE_KEY] = (folder, server)
    os.environ[SHARED_SITE] = f"{folder} {origin}"  # inherited by the test processes, started next


def pytest_unconfigure(config):
    if _SHARED_SITE_KEY in config.stash:
        folder, server = config.stash[_SHARED_SITE_KEY]
        server.__exit__(None, None, None)
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(SHARED_SITE, None)


@pytest.fixture(scope="session")
def origin():
    """Where the test server answers; the site is built for that address."""
    if SHARED_SITE in os.environ:
        return os.environ[SHARED_SITE].split(" ", 1)[1]
    return f"http://127.0.0.1:{local_site.free_port()}"


def _build_real_site(output, origin):
    """The real site built for `origin`: (exit status, what the build said)."""
    SHARED_IMAGES.mkdir(parents=True, exist_ok=True)
    result = build(output, SITE_ORIGIN=origin, FEED_DOMAIN=origin, SEARCH_INDEX=True)
    return result.returncode, result.stdout


@pytest.fixture(scope="session")
def site(tmp_path_factory, origin):
    """The real site, built once for the whole run (search index included) and served at
    `origin`. Read-only for tests: a test that needs a page of its own uses `scratch`."""
    if SHARED_SITE not in os.environ:
        output = tmp_path_factory.mktemp("site") / "output"
        returncode, said = _build_real_site(output, origin)
        assert returncode == 0, said
        with serving(output, origin):
            yield output
        return
    folder = Path(os.environ[SHARED_SITE].split(" ", 1)[0])
    output, outcome = folder / "output", folder / "build-result.json"
    with open(folder / "build.lock", "w") as lock:  # the first process builds, the others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not outcome.exists():
            staging = folder / "staging"
            returncode, said = _build_real_site(staging, origin)
            if returncode == 0:  # into the served folder whole, as the build itself does
                for entry in staging.iterdir():
                    entry.rename(output / entry.name)
            outcome.write_text(json.dumps([returncode, said]))
    returncode, said = json.loads(outcome.read_text())
    assert returncode == 0, said
    yield output


@pytest.fixture
def scratch(tmp_path):
    """(folder, origin): an empty folder served like the site (same headers, axe-core), for a
    test's own pages (the checkers' self-tests), so that no test writes into the shared site."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    with serving(folder, f"http://127.0.0.1:{local_site.free_port()}") as origin:
        yield folder, origin


@pytest.fixture(scope="session")
def pages(site):
    """{path: BeautifulSoup} of every built HTML page."""
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in html_files(site)}


@pytest.fixture(scope="session")
def site_pages(site, pages):
    """The pages visitors read: every built page but the web editor's (admin/, a tool with no
    language switcher, feed or sharing tags; the link and validity checks still read it)."""
    return {path: page for path, page in pages.items() if path.relative_to(site).parts[0] != "admin"}


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = local_site.launch_chromium(playwright)
        yield browser
        browser.close()


def axe_violations(page, inline=False):
    """axe-core (from npm, injected from disk) on the loaded page: (violations, number of passes).
    It is loaded from the test server's origin (/__axe/), or written into the page (`inline`) where
    another server serves it without a Content-Security-Policy (the dev server)."""
    if inline:
        page.add_script_tag(path=str(AXE))
    else:
        page.add_script_tag(url=AXE_URL)
    # resultTypes: the violations in full, the rules that passed without the list of every element they
    # passed on (a third of axe's time); the count of passes stays, to tell a real audit from an empty one.
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", WCAG)
    return result["violations"], len(result["passes"])
