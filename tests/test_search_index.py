"""The search index follows the pages: a rebuild that changed no page takes the last index as it
is (Pagefind does not run again), and one that changed a page indexes it."""

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
