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
