"""Quality gates over the whole build: W3C validity, links and fragments,
and no resource from another host."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools.site_checks import broken_links, foreign_resources, missing_fragments, vnu_errors_by_folder

# A page with a defect of every kind the checkers look for.
BAD_PAGE = ('<!doctype html><html lang="fr"><title>t</title><p><div>x</p>'
            '<a href="/gate-self-test/missing/">a</a><a href="/#no-such-anchor">b</a>')


@pytest.fixture(scope="module")
def validity(site, tmp_path_factory):
    """The W3C checker's errors over the whole site and, in the same run, over a page with a known
    defect: ({folder: errors}, the page's folder)."""
    bad = tmp_path_factory.mktemp("vnu-self-test")
    (bad / "index.html").write_text(BAD_PAGE)
    return vnu_errors_by_folder(site, bad), bad


def linkcheck(starts, workdir):
    """linkchecker over HTTP with its anchor check: (URLs checked, warnings, errors, report)."""
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\nmaxrequestspersecond=1000\n[AnchorCheck]\n")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("linkchecker")), "--config", str(config), "--no-status",
         "-o", "text", *starts],
        capture_output=True, text=True,
    )
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found",
                        result.stdout)
    assert summary, result.stdout + result.stderr
    _, urls, warnings, errors = map(int, summary.groups())
    return urls, warnings, errors, result.stdout


def test_every_page_and_stylesheet_is_valid(site, pages, validity):
    errors = validity[0][site]
    print(f"vnu checked {len(pages)} HTML pages and {len(list(site.rglob('*.css')))} stylesheets")
    assert not errors, "\n".join(map(str, errors[:30]))


def test_every_link_and_fragment_resolves(site, origin, tmp_path):
    """From the home pages, the sitemap and the 404 pages: no broken link or fragment."""
    starts = [f"{origin}/", f"{origin}/es/", f"{origin}/sitemap.xml", f"{origin}/404.html", f"{origin}/es/404.html"]
    urls, warnings, errors, report = linkcheck(starts, tmp_path)
    print(f"linkchecker: {urls} URLs, {warnings} warnings, {errors} errors")
    assert urls > 200
    assert (errors, warnings) == (0, 0), report


def test_every_fragment_exists(site, pages):
    assert not missing_fragments(site, pages)


def test_the_checkers_do_catch_defects(site, scratch, tmp_path, validity):
    """The gates above can fail: a bad page beside a copy of the home page is reported by each checker."""
    errors, bad = validity
    assert any(error.file == "index.html" for error in errors[bad])
    folder, origin = scratch
    shutil.copy(site / "index.html", folder / "index.html")
    page = folder / "gate-self-test" / "index.html"
    page.parent.mkdir()
    page.write_text(BAD_PAGE)
    _, _, errors, report = linkcheck([f"{origin}/gate-self-test/"], tmp_path)
    assert errors >= 1 and "missing" in report
    soup = BeautifulSoup(page.read_text(), "html.parser")
    assert list(map(str, missing_fragments(folder, {page: soup}))) == ["gate-self-test/index.html -> /#no-such-anchor"]
    assert list(map(str, broken_links(folder, {page: soup}, origin))) == [
        "gate-self-test/index.html -> /gate-self-test/missing/"]
    soup.append(soup.new_tag("script", src="https://cdn.example.com/x.js"))
    assert list(map(str, foreign_resources(folder, {page: soup}, origin))) == [
        "gate-self-test/index.html -> https://cdn.example.com/x.js"]


def test_no_page_or_stylesheet_loads_anything_from_another_host(site, pages, origin):
    found = foreign_resources(site, pages, origin)
    assert not found, found[:20]


def test_no_internal_link_or_resource_is_missing(site, pages, origin):
    """The file check `make publish` runs (no server needed) agrees with the crawl above."""
    assert not broken_links(site, pages, origin)
