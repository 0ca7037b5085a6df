"""Quality gates over the whole build: W3C validity, links and fragments (of the pages, the
stylesheets, the sitemap and the feeds), and no resource from another host."""

import shutil

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


def test_every_page_and_stylesheet_is_valid(site, pages, validity):
    errors = validity[0][site]
    print(f"vnu checked {len(pages)} HTML pages and {len(list(site.rglob('*.css')))} stylesheets")
    assert not errors, "\n".join(map(str, errors[:30]))


def test_every_fragment_exists(site, pages):
    assert not missing_fragments(site, pages)


def test_the_checkers_do_catch_defects(site, tmp_path, validity):
    """The gates can fail: a bad page beside a copy of the home page, a stylesheet and a sitemap
    pointing at missing files are reported by each checker."""
    errors, bad = validity
    assert any(error.file == "index.html" for error in errors[bad])
    folder, origin = tmp_path / "self-test", "http://127.0.0.1:9"
    folder.mkdir()
    shutil.copy(site / "index.html", folder / "index.html")
    page = folder / "gate-self-test" / "index.html"
    page.parent.mkdir()
    page.write_text(BAD_PAGE)
    (folder / "gate-self-test" / "style.css").write_text('a { background: url("../no-such.png") }')
    (folder / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml"><url><loc>http://127.0.0.1:9/gate-self-test/</loc>'
        '<xhtml:link rel="alternate" hreflang="es" href="http://127.0.0.1:9/es/no-such/"/></url></urlset>')
    pages = {path: BeautifulSoup(path.read_text(), "html.parser") for path in (folder / "index.html", page)}
    assert list(map(str, missing_fragments(folder, {page: pages[page]}))) == [
        "gate-self-test/index.html -> /#no-such-anchor"]
    broken = list(map(str, broken_links(folder, pages, origin)))
    assert "gate-self-test/index.html -> /gate-self-test/missing/" in broken
    assert "gate-self-test/style.css -> ../no-such.png" in broken
    assert "sitemap.xml -> http://127.0.0.1:9/es/no-such/" in broken
    assert "sitemap.xml -> http://127.0.0.1:9/gate-self-test/" not in broken
    soup = pages[page]
    soup.append(soup.new_tag("script", src="https://cdn.example.com/x.js"))
    assert list(map(str, foreign_resources(folder, {page: soup}, origin))) == [
        "gate-self-test/index.html -> https://cdn.example.com/x.js"]


def test_no_page_or_stylesheet_loads_anything_from_another_host(site, pages, origin):
    found = foreign_resources(site, pages, origin)
    assert not found, found[:20]


def test_no_link_or_resource_of_a_page_a_stylesheet_the_sitemap_or_a_feed_is_missing(site, pages, origin):
    """The check `make publish` runs, over every built page (not only those a crawl would reach)."""
    assert len(list(site.rglob("*.xml"))) > 5 and len(list(site.rglob("*.css"))) >= 1
    assert not broken_links(site, pages, origin)
