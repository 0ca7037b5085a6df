"""`make post` and `make translate`: the files they write, what they say, and
what a wrong input to each of them says (without writing anything)."""

import contextlib
import importlib
import io
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from sitebuild import ROOT, build, make_content, page, site_today
from tools.authoring import run


def command_line(module, *args, content=None):
    """The command as `make` starts it, in its own Python: (returncode, stdout with stderr)."""
    extra = ["--contenu", str(content)] if content and module == "tools.new_post" else []
    return subprocess.run([sys.executable, "-m", module, *args, *extra], cwd=ROOT, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def command(module, *args, content=None):
    """The same command run in this process, through the same entry point (tools.authoring.run):
    what it prints and its exit status, without a Python start each time."""
    extra = ["--contenu", str(content)] if content and module == "tools.new_post" else []
    said = io.StringIO()
    returncode = 0
    with contextlib.redirect_stdout(said), contextlib.redirect_stderr(said):
        try:
            run(lambda: importlib.import_module(module).main([*args, *extra]))
        except SystemExit as stop:
            returncode = stop.code
    return SimpleNamespace(returncode=returncode, stdout=said.getvalue())


def news_files(content):
    return sorted(p.name for p in (content / "news").glob("*.md"))


def test_make_post_writes_a_post_with_todays_date_its_slug_and_section(tmp_path):
    content = make_content(tmp_path)
    result = command_line("tools.new_post", "--titre", "Retour de la délégation au Honduras",
                     "--rubrique", "délégations", content=content)
    assert result.returncode == 0, result.stdout
    today = site_today().isoformat()
    name = f"{today}-retour-de-la-delegation-au-honduras.fr.md"
    assert news_files(content) == [name]
    assert "Créé : " in result.stdout and name in result.stdout and "make translate" in result.stdout
    text = (content / "news" / name).read_text()
    assert text.startswith(f"---\ntitle: Retour de la délégation au Honduras\ndate: {today}\ncategory: Délégations\n"
                           "tags: []\nsummary: ''\n---\n\n")
    output = tmp_path / "output"
    untouched = build(output, content=content)  # published as it is, it would say "Écrivez ici le texte…"
    assert untouched.returncode == 1
    assert f"content/news/{name}, ligne 9 : le texte est encore celui du modèle" in untouched.stdout
    (content / "news" / name).write_text(text.replace(text.split("\n\n", 1)[1], "Six syndicalistes sont rentrés.\n"))
    built = build(output, content=content)
    assert built.returncode == 0, built.stdout
    post = page(output, "retour-de-la-delegation-au-honduras")
    assert post.h1.get_text(strip=True) == "Retour de la délégation au Honduras"
    assert "Délégations" in post.select_one(".meta").get_text()


def test_make_post_takes_what_make_passes_exactly_as_typed(tmp_path):
    """`make post TITRE=…` hands the title over as an environment variable: quotes, dollars and
    backquotes are part of the title, never read by a shell."""
    content = make_content(tmp_path)
    title = 'Le "droit" de grève à 15 $ `id` $(whoami)'
    result = subprocess.run([sys.executable, "-m", "tools.new_post", "--contenu", str(content)], cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=dict(os.environ, TITRE=title, RUBRIQUE="nouvelles", LANGUE=""))
    assert result.returncode == 0, result.stdout
    [name] = news_files(content)
    assert (content / "news" / name).read_text().startswith(f"---\ntitle: {title}\n")


def test_make_post_takes_a_section_by_its_number_or_another_languages_name_and_writes_in_that_language(tmp_path):
    content = make_content(tmp_path)
    result = command("tools.new_post", "--titre", "Carta al primer ministro", "--rubrique", "Incidencia",
                     "--langue", "es", content=content)
    assert result.returncode == 0, result.stdout
    [name] = news_files(content)
    assert name.endswith("-carta-al-primer-ministro.es.md")
    assert "\ncategory: Incidencia\n" in (content / "news" / name).read_text()
    by_number = command("tools.new_post", "--titre", "Deuxième", "--rubrique", "1", content=content)
    assert by_number.returncode == 0 and "\ncategory: Nouvelles\n" in next((content / "news").glob("*deuxieme*")).read_text()


@pytest.mark.parametrize("args, says", [
    (["--titre", "  ", "--rubrique", "nouvelles"], "le titre est vide"),
    (["--titre", "Un titre", "--rubrique", "sport"], "La rubrique « sport » n'existe pas. Rubriques possibles : 1. Nouvelles, 2. Délégations"),
    (["--titre", "Un titre", "--rubrique", "Delegation"], "La rubrique « Delegation » n'existe pas. Vouliez-vous dire « Délégations » ?"),
    (["--titre", "Un titre", "--rubrique", "nouvelles", "--langue", "de"],
     "La langue « de » n'existe pas sur le site. Langues possibles : fr (Français), es (Español)"),
])
def test_make_post_refuses_a_wrong_input_with_the_fix_and_writes_nothing(tmp_path, args, says):
    content = make_content(tmp_path)
    result = command("tools.new_post", *args, content=content)
    assert result.returncode == 2
    assert result.stdout.startswith("Erreur : ") and says in result.stdout, result.stdout
    assert "Traceback" not in result.stdout
    assert news_files(content) == []


def test_make_post_never_overwrites_a_post(tmp_path):
    content = make_content(tmp_path)
    args = ("--titre", "Même titre", "--rubrique", "nouvelles")
    assert command("tools.new_post", *args, content=content).returncode == 0
    [name] = news_files(content)
    (content / "news" / name).write_text((content / "news" / name).read_text() + "\nTexte écrit.\n")
    again = command("tools.new_post", *args, content=content)
    assert again.returncode == 2 and "existe déjà" in again.stdout
    assert "Texte écrit." in (content / "news" / name).read_text()


ORIGINAL = """Title: Délégation au Honduras
Date: 2025-02-03
Category: Délégations
Tags: honduras
Summary: Six syndicalistes au Honduras.

Le texte **original**, en français.
"""


def test_make_translate_writes_the_counterpart_beside_it_as_a_draft_that_inherits_the_rest(tmp_path):
    content = make_content(tmp_path, {"news/2025-02-03-honduras.fr.md": ORIGINAL})
    source = content / "news" / "2025-02-03-honduras.fr.md"
    result = command_line("tools.translate", str(source))
    assert result.returncode == 0, result.stdout
    target = content / "news" / "2025-02-03-honduras.es.md"
    assert str(target.name) in result.stdout and "status: draft" in result.stdout
    text = target.read_text()
    assert text == ("---\ntitle: Délégation au Honduras\nsummary: Six syndicalistes au Honduras.\nstatus: draft\n---\n\n"
                    "Le texte **original**, en français.\n")
    assert source.read_text() == ORIGINAL

    output = tmp_path / "output"
    assert build(output, content=content).returncode == 0
    # A draft is not published: its (still French) text is on no Spanish page.
    assert not [p for p in (output / "es").rglob("*.html") if "Le texte <strong>original</strong>" in p.read_text()]
    switcher = page(output, "delegation-au-honduras").select_one("nav.lang-switch").get_text(" ", strip=True)
    assert "page non traduite" in switcher

    # Translated, slug added, "Status: draft" removed: published, with the original's date, section and tags.
    target.write_text("Title: Delegación al Honduras\nSlug: delegacion-al-honduras\nSummary: Seis sindicalistas.\n\n"
                      "El texto traducido.\n")
    assert build(output, content=content).returncode == 0
    spanish = page(output, "es/delegacion-al-honduras")
    assert spanish.html["lang"] == "es"
    meta = spanish.select_one(".meta").get_text(" ", strip=True)
    assert "Delegaciones" in meta and "2025" in meta
    assert "Honduras" in spanish.select_one(".post-tags").get_text()


@pytest.mark.parametrize("make_args, says", [
    (lambda c: [str(c / "news" / "absent.fr.md")], "n'existe pas. Exemple : make translate FICHIER="),
    (lambda c: [str(c / "news" / "2025-02-03-honduras.fr.md"), "--langue", "fr"], "est déjà en « fr »"),
    (lambda c: [str(c / "news" / "2025-02-03-honduras.fr.md"), "--langue", "pt"], "La langue « pt » n'existe pas"),
    (lambda c: [str(c / "news" / "2025-02-03-honduras.es.md")], "existe déjà : la traduction est commencée"),
    (lambda c: [str(c / "news" / "sans-langue.md")], "le nom doit finir par la langue puis .md"),
    (lambda c: [], "quel fichier traduire ?"),
])
def test_make_translate_refuses_a_wrong_input_with_the_fix(tmp_path, make_args, says):
    content = make_content(tmp_path, {"news/2025-02-03-honduras.fr.md": ORIGINAL,
                                      "news/2025-02-03-honduras.es.md": "Title: Ya\n\nYa.\n",
                                      "news/sans-langue.md": ORIGINAL})
    before = news_files(content)
    result = command("tools.translate", *make_args(content))
    assert result.returncode == 2 and says in result.stdout, result.stdout
    assert news_files(content) == before
