"""The search index follows the pages: a rebuild that changed no page takes the last index as it
is (Pagefind does not run again), and one that changed a page indexes it."""

import shutil

from sitebuild import build, make_content

POST = "Title: Un titre\nDate: 2025-03-01\nSummary: Résumé.\n\n{body}\n"


def test_a_rebuild_with_no_page_changed_takes_the_last_index_and_a_change_makes_a_new_one(tmp_path):
    content = make_content(tmp_path, {"news/2025-03-01-un-titre.fr.md": POST.format(body="Texte.")})
    output = tmp_path / "output"
    first = build(output, content=content, SEARCH_INDEX=True, verbose=True)
    assert first.returncode == 0 and "Recherche :" in first.stdout and "repris" not in first.stdout, first.stdout
    index = sorted(p.relative_to(output).as_posix() for p in (output / "pagefind").rglob("*") if p.is_file())
    again = build(output, content=content, SEARCH_INDEX=True, verbose=True)
    assert "l'index précédent, repris" in again.stdout, again.stdout
    assert sorted(p.relative_to(output).as_posix() for p in (output / "pagefind").rglob("*") if p.is_file()) == index
    (content / "news" / "2025-03-01-un-titre.fr.md").write_text(POST.format(body="Un mot nouveau : zygomatique."))
    changed = build(output, content=content, SEARCH_INDEX=True, verbose=True)
    assert changed.returncode == 0 and "repris" not in changed.stdout, changed.stdout


PAGE = ('<!DOCTYPE html><html lang="fr"><head><title>{title}</title></head><body><header>Menu</header>'
        '<main{mark}><h1>{title}</h1><p>{words}</p></main></body></html>')


def write_site(site, pages):
    """A built site made by hand: {path: (marked, words)}."""
    for path, (marked, words) in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(PAGE.format(title=path, mark=" data-pagefind-body" if marked else "", words=words))


def test_pagefind_is_shown_the_marked_pages_only_and_indexes_them_whatever_their_paths(tmp_path):
    import site_search

    site = tmp_path / "site"
    write_site(site, {
        "nouvelle/index.html": (True, "Solidarité ouvrière"),
        "étiquette/mines/index.html": (False, "Liste des nouvelles"),
        "es/noticia/index.html": (True, "Solidaridad"),
        "pagefind/vieux/index.html": (True, "Dans le dossier de l'index : pas une page du site"),
        "guide/index.html": (False, "On écrit &lt;main data-pagefind-body&gt; : ce n'est qu'un exemple."),
    })
    (site / "majuscules/index.html").parent.mkdir()
    (site / "majuscules/index.html").write_text(PAGE.format(title="M", mark=" DATA-PAGEFIND-BODY", words="Majuscules"))
    # The guide only mentions the attribute: shown to Pagefind, which finds no such element there.
    assert site_search.marked_pages(site, site_search.html_pages(site, "pagefind")) == [
        "es/noticia/index.html", "guide/index.html", "majuscules/index.html", "nouvelle/index.html"]
    assert site_search.index_site(site, site / "pagefind")["fr"]["page_count"] == 3
    # A path Pagefind's glob cannot hold as it is: every page is shown to Pagefind, which keeps the marked ones.
    shutil.rmtree(site / "pagefind")
    write_site(site, {"dossier {x}, [y]/index.html": (True, "Un chemin d'opérateurs")})
    assert not site_search.GLOB_LITERAL.fullmatch("dossier {x}, [y]/index.html")
    assert site_search.index_site(site, site / "pagefind")["fr"]["page_count"] == 4


def test_a_glob_pagefind_refuses_means_every_page_is_shown_to_it(tmp_path, monkeypatch):
    import re

    import site_search

    site = tmp_path / "site"
    write_site(site, {"une/index.html": (True, "Un"), "deux[/index.html": (True, "Deux"),
                      "liste/index.html": (False, "Liste")})
    monkeypatch.setattr(site_search, "GLOB_LITERAL", re.compile(r".*"))  # "deux[" then reaches Pagefind's glob
    assert site_search.index_site(site, site / "pagefind")["fr"]["page_count"] == 2


def test_a_site_whose_pages_only_mention_the_attribute_has_every_page_indexed(tmp_path):
    """No page marks an element: Pagefind indexes every page whole, even if a text, a script or a comment
    names the attribute."""
    import site_search

    site = tmp_path / "site"
    write_site(site, {"une/index.html": (False, "On écrit &lt;main data-pagefind-body&gt; dans un modèle."),
                      "deux/index.html": (False, "<!-- <div data-pagefind-body> --> Deux"),
                      "trois/index.html": (False, "Trois")})
    assert site_search.marked_pages(site, site_search.html_pages(site, "pagefind")) == ["deux/index.html", "une/index.html"]
    assert site_search.index_site(site, site / "pagefind")["fr"]["page_count"] == 3
