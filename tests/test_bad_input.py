"""Bad content stops the build with a message naming the file, the line and
the fix; the last good site stays in place and content/ is never written."""

import hashlib
from pathlib import Path

import pytest

from sitebuild import build, make_content

GOOD_FRENCH = "Title: Un texte\nCategory: Délégations\nTags: Colombie\n\nCorps du texte.\n"
GOOD_SPANISH = "Title: Un texto\n\nCuerpo del texto.\n"


def snapshot(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).rglob("*")) if p.is_file()}


@pytest.fixture
def small_site(tmp_path):
    """A two-post site, already built once (the last good build)."""
    content = make_content(tmp_path, {"news/2024-11-19-un-texte.fr.md": GOOD_FRENCH,
                                      "news/2024-11-19-un-texte.es.md": GOOD_SPANISH})
    output = tmp_path / "output"
    first = build(output, content=content)
    assert first.returncode == 0, first.stdout
    return content, output


def fails_cleanly(small_site, name, text, *expected):
    content, output = small_site
    (content / "news" / name).parent.mkdir(parents=True, exist_ok=True)
    (content / "news" / name).write_text(text)
    before_content, before_output = snapshot(content), snapshot(output)
    result = build(output, content=content)
    message = result.stdout
    assert result.returncode != 0, message
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in:\n{message}"
    assert "Traceback" not in message
    assert snapshot(output) == before_output, "the last good build was changed"
    assert snapshot(content) == before_content, "content/ was written"
    assert not list(output.parent.glob(".output-*")), "a staging folder was left behind"
    return message


def test_good_site_builds(small_site):
    content, output = small_site
    assert (output / "un-texte" / "index.html").is_file()
    assert (output / "es" / "un-texto" / "index.html").is_file()


def test_missing_title(small_site):
    fails_cleanly(small_site, "2024-12-01-sans-titre.fr.md", "Category: Délégations\n\nTexte.\n",
                  "news/2024-12-01-sans-titre.fr.md", "n'a pas de titre", "Title:")


def test_unparseable_date(small_site):
    fails_cleanly(small_site, "mauvaise-date.fr.md", "Title: Mauvaise date\nDate: 2024-13-45\n\nTexte.\n",
                  "news/mauvaise-date.fr.md:2", "« 2024-13-45 »", "AAAA-MM-JJ")


def test_unknown_language_in_file_name(small_site):
    fails_cleanly(small_site, "2024-12-01-texte.de.md", "Title: Ein Text\n\nText.\n",
                  "news/2024-12-01-texte.de.md", "la langue « de »", ".fr.md", ".es.md", "LANGUAGES")


def test_unknown_language_in_metadata(small_site):
    fails_cleanly(small_site, "2024-12-01-texte.fr.md", "Title: Texte\nLang: xx\n\nTexte.\n",
                  "news/2024-12-01-texte.fr.md:2", "la langue « xx »")


def test_two_files_claim_one_language_for_one_translation(small_site):
    message = fails_cleanly(small_site, "2025-01-05-un-texte.fr.md", "Title: Autre texte\n\nTexte.\n",
                            "news/2025-01-05-un-texte.fr.md", "news/2024-11-19-un-texte.fr.md",
                            "« fr »", "un seul fichier par langue")
    assert "un-texte" in message


def test_two_items_with_one_address(small_site):
    fails_cleanly(small_site, "2025-01-05-copie.fr.md", "Title: Un texte\n\nAutre corps.\n",
                  "news/2024-11-19-un-texte.fr.md", "news/2025-01-05-copie.fr.md",
                  "même adresse /un-texte/", "Slug:")


def test_unknown_category(small_site):
    fails_cleanly(small_site, "2025-01-05-autre.fr.md", "Title: Autre\nCategory: Inconnue\n\nTexte.\n",
                  "news/2025-01-05-autre.fr.md", "la catégorie « Inconnue »", "terms.yml")


def test_broken_terms_file(small_site):
    content, _ = small_site
    terms = content / "terms.yml"
    terms.write_text(terms.read_text() + "tags:\n  oops: {fr: Oups, es: [\n")
    fails_cleanly(small_site, "2025-01-05-autre.fr.md", "Title: Autre\n\nTexte.\n",
                  "terms.yml:", "YAML illisible")
