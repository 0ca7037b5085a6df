"""Build a site with the project's settings, as `make html` does, into any folder, in this process."""

import re
import runpy
from pathlib import Path
from types import SimpleNamespace

from bs4 import BeautifulSoup

from tools.build import build_site, summary
from tools.site_checks import file_of, html_files  # noqa: F401 (the tests' helpers too)

ROOT = Path(__file__).resolve().parent.parent
# Image derivatives are named by the SHA-256 of their original and of the pipeline's settings, and
# written whole or not at all: every test build shares make html's folder of them, so an image is
# encoded once (on a fresh clone, by the first build that shows it), not by each test.
SHARED_IMAGES = ROOT / "cache" / "images"


def build(output, content=ROOT / "content", settings="pelicanconf.py", cache=None, verbose=False, show_progress=None,
          **overrides):
    """Build once with the build runner (tools.build); returns its BuildResult as `result`, with
    `returncode` (the exit status `make html` would have) and `stdout` (what it would print).
    The search index is left out unless asked for (SEARCH_INDEX=True); images come from SHARED_IMAGES
    unless IMAGE_CACHE_PATH says otherwise."""
    overrides.setdefault("CACHE_PATH", str(cache or Path(output).with_name(Path(output).name + "-cache")))
    overrides.setdefault("LOAD_CONTENT_CACHE", False)
    overrides.setdefault("SEARCH_INDEX", False)
    overrides.setdefault("IMAGE_CACHE_PATH", str(SHARED_IMAGES))
    result = build_site(content, output, ROOT / settings, overrides, verbose=verbose, show_progress=show_progress)
    return SimpleNamespace(result=result, returncode=result.exit_status,
                           stdout="\n".join(filter(None, [result.text(), summary(result)])))


def site_today():
    """Today's date where the site is (pelicanconf.py's TIMEZONE): the date `make post` and the
    editor give a new post, whatever the machine's own clock says (CI runs on UTC)."""
    from scheduled_posts import site_today as today_in

    return today_in({"TIMEZONE": SITE_TIMEZONE, "SCHEDULE_NOW": None})


SITE_TIMEZONE = runpy.run_path(str(ROOT / "pelicanconf.py"))["TIMEZONE"]


def url_of(output, path):
    """Site-relative URL ("/es/noticias/") of a built file."""
    relative = Path(path).relative_to(output).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def page(output, url):
    """The built page at a site-relative directory URL ("es/noticias"), parsed."""
    return BeautifulSoup((Path(output) / url.strip("/") / "index.html").read_text(), "html.parser")


def page_at(site, pages, url):
    """The already parsed page (from the `pages` fixture) behind a site-relative URL."""
    path = file_of(site, url)
    assert path is not None, f"no page at {url}"
    return pages[path]


def build_fails_saying(output, *fragments, **build_args):
    """Build; it must fail with a plain message holding every fragment (no traceback). Returns the output."""
    result = build(output, **build_args)
    assert result.returncode != 0, result.stdout
    for fragment in fragments:
        assert fragment in result.stdout, f"{fragment!r} not in:\n{result.stdout}"
    assert "Traceback" not in result.stdout, result.stdout
    return result.stdout


def make_content(tmp_path, files=None):
    """A small content folder: the real terms.yml, news/ and pages/, plus `files` ({path: text})."""
    content = Path(tmp_path) / "content"
    for folder in ("news", "pages"):
        (content / folder).mkdir(parents=True, exist_ok=True)
    # The real terms, less the images their categories name (photos of the real content, not here).
    terms = (ROOT / "content" / "terms.yml").read_text(encoding="utf-8")
    (content / "terms.yml").write_text(re.sub(r", image: [^,}]+", "", terms), encoding="utf-8")
    for name, text in (files or {}).items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text)
    return content
