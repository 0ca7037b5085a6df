"""Site search, as a visitor uses it in Chromium: the header box, the search
page in the page's language, accent-insensitive matches, section filters,
every kind of content findable, and a useful page without JavaScript."""

import copy
import json
import re

import pytest

from sitebuild import page_at
from tools.page_kinds import PAGE_KINDS, RESULTS_SHOWN, resolve

RESULT = ".pagefind-ui__result"


def search_from(browser, origin, start, query, **context_options):
    """Type `query` in the header search box of `start` and submit it; the search page, loaded."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    page.goto(origin + start)
    page.get_by_role("search").get_by_role("searchbox").fill(query)
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    return page


def shown_results(page):
    page.wait_for_function(RESULTS_SHOWN)
    return page.eval_on_selector_all(
        f"{RESULT} .pagefind-ui__result-link",
        "links => links.map(a => ({url: new URL(a.href).pathname, title: a.textContent.trim()}))")


def highlighted(page):
    return [text.lower() for text in page.locator(f"{RESULT} mark").all_text_contents()]


@pytest.mark.parametrize("start, query, lang, found_word, first_title_word", [
    ("/", "solidarite", "fr", "solidarité", "solidarit"),
    ("/delegation-colombie/", "recuperer", "fr", "récupér", "récupér"),
    ("/es/", "recicladores", "es", "recicladores", "recicladores"),
    ("/es/delegacion-colombia/", "delegacion", "es", "delegación", "delegaci"),
])
def test_a_query_typed_on_a_page_finds_pages_in_that_pages_language_with_or_without_accents(
        browser, site, origin, start, query, lang, found_word, first_title_word):
    page = search_from(browser, origin, start, query)
    results = shown_results(page)
    assert page.evaluate("document.documentElement.lang") == lang
    assert f"q={query}" in page.url
    assert len(results) >= 3, results
    in_spanish = [r["url"].startswith("/es/") for r in results]
    assert all(in_spanish) if lang == "es" else not any(in_spanish), results
    assert first_title_word in results[0]["title"].lower(), results[0]
    assert any(found_word in word for word in highlighted(page)), highlighted(page)
    page.context.close()


@pytest.mark.parametrize("start, query, placeholder, summary, filter_name, section, prefix", [
    ("/", "solidarite", "Rechercher", "résultats pour", "Rubrique", "Expositions", "/expositions/"),
    ("/es/", "solidaridad", "Buscar", "resultados para", "Sección", "Archivo", "/es/archivo/"),
])
def test_the_search_interface_speaks_the_pages_language_and_narrows_results_to_one_section(
        browser, site, origin, start, query, placeholder, summary, filter_name, section, prefix):
    page = search_from(browser, origin, start, query)
    before = shown_results(page)
    ui = page.locator("#site-search")
    assert ui.get_by_role("textbox").get_attribute("placeholder") == placeholder
    assert summary in ui.inner_text()
    assert filter_name in ui.inner_text()
    assert "results for" not in ui.inner_text().lower()
    assert not all(r["url"].startswith(prefix) for r in before), before
    page.locator("summary", has_text=filter_name).click()
    options = page.locator(".pagefind-ui__filter-label").all_text_contents()
    expected = {"fr": ["Nouvelles", "Délégations", "Expositions", "Trousses pédagogiques", "Archives"],
                "es": ["Noticias", "Delegaciones", "Exposiciones", "Materiales pedagógicos", "Archivo"]}
    names = {re.sub(r" \(\d+\)$", "", option.strip()) for option in options}  # "Archives (6)"
    assert set(expected["es" if start == "/es/" else "fr"]) <= names, options
    page.get_by_label(re.compile(rf"^{section} \(\d+\)$")).check()
    page.wait_for_function(
        "prefix => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
        " return links.length && links.every(a => new URL(a.href).pathname.startsWith(prefix)); }", arg=prefix)
    page.context.close()


CONTENT_KINDS = ["post", "section: about", "exhibition", "exhibition photo", "teaching kit", "quiz",
                 "periodical", "periodical issue", "country", "delegation report"]
NOT_INDEXED = ["news list", "tag", "archive year", "exhibition panels", "quiz answer key", "kit filter", "404"]


def pagefind_search(page, query):
    """URLs of the first results Pagefind's own API finds for `query`, from the loaded page's language."""
    return page.evaluate("""async query => {
        const pagefind = await import('/pagefind/pagefind.js');
        const search = await pagefind.search(query);
        const data = await Promise.all(search.results.slice(0, 8).map(r => r.data()));
        return data.map(d => d.url);
    }""", query)


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_kind_of_content_is_findable_by_its_title_and_lists_are_not(browser, site, origin, pages, lang):
    page = browser.new_page()
    found, missing, leaked = {}, [], []
    urls = {kind: resolve(page, origin, PAGE_KINDS[kind][lang == "es"], lang) for kind in CONTENT_KINDS + NOT_INDEXED}
    page.goto(f"{origin}/" if lang == "fr" else f"{origin}/es/")  # Pagefind searches the page's language
    for kind, url in urls.items():
        title = page_at(site, pages, url).h1.get_text(" ", strip=True)
        results = pagefind_search(page, title)
        found[kind] = (title, results[:3])
        if kind in CONTENT_KINDS and url not in results:
            missing.append((kind, url, title, results))
        if kind in NOT_INDEXED and url in results:
            leaked.append((kind, url))
    page.close()
    print(json.dumps(found, ensure_ascii=False, indent=1))
    assert not missing, missing
    assert not leaked, leaked


def words(text):
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_excerpts_show_the_pages_own_words_never_two_glued_together(browser, site, origin, pages, lang):
    """« Date avril 1991 » was indexed as « Dateavril 1991 »: a word the page never says."""
    page = browser.new_page()
    urls = {kind: resolve(page, origin, PAGE_KINDS[kind][lang == "es"], lang) for kind in CONTENT_KINDS}
    page.goto(f"{origin}/" if lang == "fr" else f"{origin}/es/")  # Pagefind searches the page's language
    glued = {}
    for kind, url in urls.items():
        body = copy.copy(page_at(site, pages, url).find(attrs={"data-pagefind-body": True}))  # pages are shared
        for ignored in body.find_all(attrs={"data-pagefind-ignore": True}):
            ignored.decompose()
        title = page_at(site, pages, url).h1.get_text(" ", strip=True)
        indexed = page.evaluate("""async ([query, url]) => {
            const pagefind = await import('/pagefind/pagefind.js');
            const search = await pagefind.search(query);
            for (const result of search.results) {
                const data = await result.data();
                if (data.url === url) return data.content;
            }
            return null;
        }""", [title, url])
        assert indexed, (kind, url)
        unknown = words(indexed) - words(body.get_text(" "))
        if unknown:
            glued[(kind, url)] = sorted(unknown)
    page.close()
    assert not glued, glued


def test_without_javascript_the_search_page_offers_ways_to_browse(browser, site, origin):
    page = search_from(browser, origin, "/", "solidarite", java_script_enabled=False)
    assert "/recherche/?q=solidarite" in page.url
    main = page.get_by_role("main")
    assert "demande JavaScript" in main.inner_text()
    year = main.get_by_role("link", name="2025")
    year.click()
    assert page.get_by_role("heading", level=1).inner_text().endswith("2025")
    assert page.locator("main .archive-list li").count() >= 1
    exhibitions = page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Expositions")
    assert exhibitions.is_visible()
    page.context.close()
