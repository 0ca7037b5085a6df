"""The real site, built once: languages, alternates, switcher, dates, lists."""

import re

import pytest

from sitebuild import page_at, url_of

FRENCH_MONTHS = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"


def lang_of_location(url):
    return "es" if url.startswith("/es/") else "fr"


def indexable(pages):
    return {path: page for path, page in pages.items() if not page.find("meta", attrs={"name": "robots"})}


def alternates(page):
    return {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}


def relative(href):
    """Site-relative form of an absolute URL of the site."""
    scheme, rest = href.split("://", 1)
    assert scheme == "http" and rest.startswith("127.0.0.1:"), href
    return "/" + rest.split("/", 1)[1]




def test_every_page_declares_the_language_of_its_location(site, pages):
    assert len(pages) > 60
    for path, page in pages.items():
        url = url_of(site, path)
        assert page.html["lang"] == lang_of_location(url), url


def test_every_page_has_canonical_and_reciprocal_alternates(site, pages):
    for path, page in indexable(pages).items():
        url = url_of(site, path)
        canonical = page.find("link", rel="canonical")["href"]
        assert relative(canonical) == url
        links = alternates(page)
        lang = page.html["lang"]
        assert relative(links[lang]) == url, f"{url} does not list itself"
        assert "x-default" in links, url
        for code, href in links.items():
            target = page_at(site, pages, relative(href))
            if code == "x-default":
                continue
            assert target.html["lang"] == code, f"{url} -> {href}"
            assert relative(alternates(target)[lang]) == url, f"{href} does not link back to {url}"


def switcher(page):
    nav = page.find("nav", class_="lang-switch")
    return {a["hreflang"]: a for a in nav.find_all("a")}


def test_switcher_goes_to_the_translation(site, pages):
    french = page_at(site, pages, "/delegation-colombie/")
    spanish = page_at(site, pages, "/es/delegacion-colombia/")
    assert switcher(french)["es"]["href"] == "/es/delegacion-colombia/"
    assert switcher(spanish)["fr"]["href"] == "/delegation-colombie/"
    assert "non traduite" not in french.find("nav", class_="lang-switch").get_text()


def test_every_switcher_link_leads_to_a_page_in_that_language(site, pages, site_pages):
    for path, page in site_pages.items():
        for code, link in switcher(page).items():
            target = page_at(site, pages, link["href"])
            assert target.html["lang"] == code, f"{url_of(site, path)} -> {link['href']}"


def test_dates_are_written_the_way_each_language_writes_them(site, pages):
    french = page_at(site, pages, "/delegation-colombie/").find("time")
    spanish = page_at(site, pages, "/es/delegacion-colombia/").find("time")
    assert french["datetime"] == spanish["datetime"]
    assert re.fullmatch(rf"\d{{1,2}} ({FRENCH_MONTHS}) 2024", french.get_text())
    assert re.fullmatch(r"\d{1,2} de [a-z]+ de 2024", spanish.get_text())
    panel = [p for p in pages.values() if p.find("time", datetime="2024-11-19") and p.find("article")]
    texts = {p.html["lang"]: p.find("article").find("time").get_text() for p in panel}
    assert texts == {"fr": "19 novembre 2024", "es": "19 de noviembre de 2024"}


def test_translation_inherits_category_and_tags_in_its_own_language(site, pages):
    spanish = page_at(site, pages, "/es/delegacion-colombia/")
    category = spanish.find("p", class_="meta").find("a")
    assert (category["href"], category.get_text()) == ("/es/categoria/delegaciones/", "Delegaciones")
    tags = {a.get_text() for a in spanish.select(".post-tags a")}
    assert "Colombia" in tags


def test_term_pages_link_to_their_counterpart(site, pages):
    french = page_at(site, pages, "/categorie/delegations/")
    assert french.h1.get_text() == "Délégations"
    assert relative(alternates(french)["es"]) == "/es/categoria/delegaciones/"
    assert switcher(french)["es"]["href"] == "/es/categoria/delegaciones/"
    spanish = page_at(site, pages, "/es/categoria/delegaciones/")
    assert spanish.h1.get_text() == "Delegaciones"
    assert {a["href"] for a in spanish.select(".post-card-title a")} >= {"/es/delegacion-colombia/"}


@pytest.mark.parametrize("first", ["/nouvelles/", "/es/noticias/"])
def test_news_list_is_paginated_and_lists_every_post_once(site, pages, first):
    lang = lang_of_location(first)
    posts = {url_of(site, p) for p, page in pages.items()
             if page.find("article", class_="post") and page.html["lang"] == lang}
    listed, url, seen = [], first, 0
    while url:
        page = page_at(site, pages, url)
        listed += [a["href"] for a in page.select(".post-card-title a")]
        assert len(page.select(".post-card")) <= 10
        following = page.find("a", rel="next")
        url = following["href"] if following else None
        seen += 1
    assert seen >= 2, "at least 11 posts should make two pages"
    assert sorted(listed) == sorted(posts)


def test_archive_by_year_lists_every_post_of_that_year(site, pages):
    archive = page_at(site, pages, "/es/archivo-de-noticias/")
    years = [a["href"] for a in archive.select(".year-list a")]
    assert "/es/archivo-de-noticias/2024/" in years
    total = 0
    for url in years:
        year = url.rstrip("/").rsplit("/", 1)[1]
        for time in page_at(site, pages, url).select(".archive-list time"):
            assert time["datetime"].startswith(year)
            total += 1
    spanish_posts = [p for p in pages.values() if p.find("article", class_="post") and p.html["lang"] == "es"]
    assert total == len(spanish_posts)


def test_localised_404_pages(site, pages):
    french, spanish = page_at(site, pages, "/404.html"), page_at(site, pages, "/es/404.html")
    assert french.h1.get_text() == "Page introuvable"
    assert spanish.h1.get_text() == "Página no encontrada"
    for page in (french, spanish):
        assert page.find("meta", attrs={"name": "robots", "content": "noindex"})
    assert french.select_one("nav.lang-switch a[hreflang=es]")["href"] == "/es/404.html", "to the Spanish 404, not home"
    assert spanish.select_one("nav.lang-switch a[hreflang=fr]")["href"] == "/404.html"


def test_navigation_names_every_section_in_each_language(site, pages):
    expected = {
        "/": ["Nouvelles", "Délégations", "Expositions", "Trousses pédagogiques", "Archives", "Plaidoyer", "À propos"],
        "/es/": ["Noticias", "Delegaciones", "Exposiciones", "Materiales pedagógicos", "Archivo", "Incidencia", "Quiénes somos"],
    }
    for url, labels in expected.items():
        nav = page_at(site, pages, url).find("nav", class_="site-nav")
        assert [a.get_text() for a in nav.find_all("a")] == labels
        for link in nav.find_all("a"):
            assert page_at(site, pages, link["href"]).html["lang"] == lang_of_location(url)


@pytest.mark.parametrize("url, marked", [
    ("/nouvelles/", "Nouvelles"), ("/delegations/colombie-2024/", "Délégations"),
    ("/es/exposiciones/de-mexico-a-quebec/", "Exposiciones"),
    ("/pays/mexique/", None), ("/es/paises/mexico/", None),  # no section of the menu holds the countries
])
def test_the_menu_marks_the_section_a_page_belongs_to_and_no_other(site, pages, url, marked):
    nav = page_at(site, pages, url).find("nav", class_="site-nav")
    assert [a.get_text() for a in nav.find_all("a", attrs={"aria-current": True})] == ([marked] if marked else [])


def test_french_pages_have_french_spacing_in_their_text_only_and_spanish_pages_none(site, pages):
    narrow = "\u202f"
    quiz_key = pages[site / "trousses-pedagogiques" / "les-dessous-du-textile" / "quiz" / "corrige" / "index.html"]
    assert quiz_key.h1.get_text().startswith(f"Corrigé{narrow}: "), "« Corrigé: » had no space"
    french = pages[site / "index.html"]
    assert f"{narrow}?" in french.get_text() or f"«{narrow}" in french.get_text() or f"{narrow}:" in french.get_text()
    for tag in french.find_all(True):
        for name, value in tag.attrs.items():
            assert narrow not in str(value), (tag.name, name, value)
    for script in french.find_all("script"):
        assert narrow not in script.get_text(), "never inside a script (JSON-LD)"
    for path, page in pages.items():
        if page.html.get("lang") == "es":
            assert narrow not in str(page), path
