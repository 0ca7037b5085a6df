"""A rebuild reuses the pages whose sources did not change, and only those."""

import os

from sitebuild import build
from test_translations import make_content, page


def inode(output, url):
    return os.stat(output / url.strip("/") / "index.html").st_ino


def test_rebuild_renders_what_changed_and_reuses_the_rest(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-01-un.fr.md": "Title: Premier\nSummary: Résumé un.\n\nCorps un.\n",
        "news/2025-03-02-deux.fr.md": "Title: Deuxième\nSummary: Résumé deux.\n\nCorps deux.\n",
        "pages/accueil.fr.md": "Title: Bienvenue\nStatus: hidden\nSave_as:\nUrl:\n\nIntro première.\n",
    })
    output, cache = tmp_path / "output", tmp_path / "cache"

    def rebuild():
        result = build(output, content=content, cache=cache, LOAD_CONTENT_CACHE=True)
        assert result.returncode == 0, result.stdout

    rebuild()
    before = {url: inode(output, url) for url in ("premier", "deuxieme", "nouvelles", "")}

    # A body edit: that post's page is rendered again, every other page reused.
    post = content / "news/2025-03-01-un.fr.md"
    post.write_text(post.read_text().replace("Corps un.", "Corps un, corrigé."))
    rebuild()
    assert "Corps un, corrigé." in page(output, "premier").get_text()
    assert inode(output, "premier") != before["premier"]
    for url in ("deuxieme", "nouvelles", ""):
        assert inode(output, url) == before[url], url

    # A title edit shows in every list.
    post.write_text(post.read_text().replace("Title: Premier", "Title: Premier, nouveau titre"))
    rebuild()
    titles = [a.get_text() for a in page(output, "nouvelles").select(".post-card-title a")]
    assert "Premier, nouveau titre" in titles

    # A page's body shown elsewhere (the home page's introduction) counts too.
    intro = content / "pages/accueil.fr.md"
    intro.write_text(intro.read_text().replace("Intro première.", "Intro révisée."))
    rebuild()
    assert "Intro révisée." in page(output, "").get_text()


def test_a_template_the_terms_a_data_file_or_a_setting_changed_renders_the_pages_again(tmp_path):
    """What a page is made of besides its text: each change shows on the next build's pages."""
    import shutil

    from sitebuild import ROOT
    from small_site import make_small_site

    content = make_small_site(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))
    output, cache = tmp_path / "output", tmp_path / "cache"

    def rebuild(**settings):
        result = build(output, content=content, cache=cache, LOAD_CONTENT_CACHE=True, THEME=str(theme),
                       verbose=True, **settings)
        assert result.returncode == 0, result.stdout
        return result.stdout

    said = rebuild()
    assert "0 reused" in said
    assert "0 pages rendered" in rebuild(), "nothing changed: every page is reused"

    base = theme / "templates" / "base.html"
    base.write_text(base.read_text().replace("</body>", "<!-- gabarit modifié --></body>"))
    rebuild()
    assert "gabarit modifié" in (output / "index.html").read_text()
    assert "gabarit modifié" in (output / "un-texte" / "index.html").read_text()

    terms = content / "terms.yml"
    terms.write_text(terms.read_text().replace("fr: Colombie", "fr: Colombie (pays)"))
    rebuild()
    assert "Colombie (pays)" in page(output, "un-texte").get_text()

    exhibition = content / "exhibitions" / "demo" / "exhibition.yml"
    exhibition.write_text(exhibition.read_text().replace("Légende", "Légende corrigée"))
    rebuild()
    assert "Légende corrigée" in page(output, "expositions/demo").get_text()

    rebuild(SITE_ORIGIN="https://ciso.example")
    canonical = page(output, "un-texte").find("link", rel="canonical")["href"]
    assert canonical == "https://ciso.example/un-texte/"
