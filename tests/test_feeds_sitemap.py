"""Feeds per language and together, the sitemap with alternates, robots.txt."""

import xml.etree.ElementTree as ET

import feedparser
import pytest

from sitebuild import file_of

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def local(url):
    scheme, rest = url.split("://", 1)
    assert scheme == "http" and rest.startswith("127.0.0.1:"), url
    return "/" + rest.split("/", 1)[1]


def parse(site, path):
    feed = feedparser.parse((site / path).read_bytes())
    assert not feed.bozo, (path, feed.get("bozo_exception"))
    return feed


def posts_in(pages, lang):
    return {p.find("link", rel="canonical")["href"] for p in pages.values()
            if p.find("article", class_="post") and p.html["lang"] == lang}


@pytest.mark.parametrize("path, lang", [("flux/atom.xml", "fr"), ("es/flujo/atom.xml", "es")])
def test_language_feed_holds_that_language_newest_first(site, pages, path, lang):
    feed = parse(site, path)
    assert feed.feed.language == lang
    links = [entry.link for entry in feed.entries]
    assert 0 < len(links) <= 20
    assert set(links) <= posts_in(pages, lang)
    dates = [entry.published_parsed for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)


def test_feed_of_all_languages_holds_both(site, pages):
    links = {entry.link for entry in parse(site, "feeds/all.atom.xml").entries}
    assert links & posts_in(pages, "fr") and links & posts_in(pages, "es")


def test_each_category_has_a_feed_per_language(site):
    french = parse(site, "flux/categorie-delegations.atom.xml")
    spanish = parse(site, "es/flujo/categoria-delegaciones.atom.xml")
    assert any("/delegation-colombie/" in e.link for e in french.entries)
    assert any("/es/delegacion-colombia/" in e.link for e in spanish.entries)


def test_every_page_links_its_language_feed(site, site_pages):
    for page in site_pages.values():
        href = page.find("link", type="application/atom+xml")["href"]
        assert file_of(site, href), href


def test_sitemap_lists_every_page_with_the_same_alternates_as_the_page(site, pages):
    root = ET.parse(site / "sitemap.xml").getroot()
    listed = set()
    for entry in root.findall("s:url", NS):
        url = local(entry.find("s:loc", NS).text)
        path = file_of(site, url)
        assert path, url
        listed.add(path)
        in_sitemap = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", NS)}
        on_page = {link["hreflang"]: link["href"] for link in pages[path].find_all("link", rel="alternate", hreflang=True)}
        assert in_sitemap == on_page, url
    indexable = {p for p, page in pages.items() if not page.find("meta", attrs={"name": "robots"})}
    assert listed == indexable


def test_robots_txt_points_to_the_sitemap(site, origin):
    assert f"Sitemap: {origin}/sitemap.xml" in (site / "robots.txt").read_text().splitlines()


def test_every_feed_entry_leads_to_a_page(site):
    feeds = sorted(site.rglob("*.atom.xml")) + sorted(site.rglob("atom.xml"))
    assert len(feeds) > 10
    for path in feeds:
        for entry in parse(site, path.relative_to(site)).entries:
            assert file_of(site, local(entry.link)), (path, entry.link)
