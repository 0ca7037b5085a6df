"""The validators every content type shares (content_errors), the periodicals' catalogue reader and
the Markdown header parser: what an author writes, what the build takes from it, and the message for
what it cannot take. Pure functions, in this process."""

import datetime
import os

import pytest

from content_errors import (
    ContentError,
    check_publishable,
    decode_text,
    describe,
    expect,
    inside,
    line_of,
    load_yaml,
    localised,
    partial_date,
    partial_iso,
    text_of,
    texts_of,
    whole_number,
)
from content_errors.markdown_reader import parse_header
from periodical_archives import read_catalogue


def refused(call, *fragments):
    with pytest.raises(ContentError) as error:
        call()
    for fragment in fragments:
        assert fragment in str(error.value), str(error.value)
    return error.value


@pytest.mark.parametrize("written, date, precision", [
    ("2024", datetime.date(2024, 1, 1), 1), ("2024-11", datetime.date(2024, 11, 1), 2),
    (" 2024-11-05 ", datetime.date(2024, 11, 5), 3), (2024, datetime.date(2024, 1, 1), 1)])
def test_a_partial_date_keeps_its_precision_and_is_written_back_as_it_was(written, date, precision):
    assert partial_date(written) == (date, precision)
    assert partial_iso(date, precision) == str(written).strip()


def test_a_date_a_spreadsheet_rewrote_gets_the_spreadsheet_advice():
    error = refused(lambda: partial_date("nov. 2024", "catalogue.csv", 4, "la date"),
                    "la date « nov. 2024 » n'est pas une date.", "format « Texte »")
    assert (error.path, error.line) == ("catalogue.csv", 4)
    assert "tableur" not in str(refused(lambda: partial_date("2024-13")))


def test_text_fields_take_numbers_as_written_and_refuse_lists_and_yes_no():
    assert text_of(12, "f", 1, "x") == "12" and text_of(None, "f", 1, "x") == ""
    refused(lambda: text_of(True, "f", 3, "« photographer: »"), "« photographer: » devrait être un texte.")
    refused(lambda: text_of(["a"], "f", 3, "x"), "guillemets")


def test_a_field_in_each_language_names_the_missing_language_and_a_text_cut_by_a_comma():
    assert localised({"fr": " Oui ", "es": "Sí"}, ["fr", "es"], "f", 1, "la légende") == {"fr": "Oui", "es": "Sí"}
    refused(lambda: localised({"fr": "Oui"}, ["fr", "es"], "f", 2, "la légende"),
            "la légende n'a pas de texte en « es ».", '{fr: "…", es: "…"}')
    refused(lambda: localised({"fr": "Oui", "d'accord": None}, ["fr"], "f", 2, "la légende"),
            "une partie « d'accord » qui n'est pas une langue")
    refused(lambda: localised("Oui", ["fr"], "f", 2, "la légende"), "devrait être donné dans chaque langue")
    assert localised(None, ["fr"], "f", 2, "x", required=False) == {}


def test_a_field_written_once_serves_every_language():
    assert texts_of("FIQ", ["fr", "es"], "f", 1, "x") == {"fr": "FIQ", "es": "FIQ"}
    assert texts_of({"es": "Sindicato"}, ["fr", "es"], "f", 1, "x") == {"es": "Sindicato"}
    assert texts_of("", ["fr"], "f", 1, "x") == {}


@pytest.mark.parametrize("value", ["onze", 3.5, -1, True, "11"])
def test_a_count_is_a_whole_number_written_in_figures(value):
    refused(lambda: whole_number(value, "delegation.yml", 5, "le nombre de délégué·e·s"), "n'est pas un nombre entier")


def test_a_count_may_be_left_out():
    assert whole_number(None, "f", 1, "x") is None and whole_number(11, "f", 1, "x") == 11


def test_a_value_of_the_wrong_shape_says_what_was_expected():
    assert expect(None, list, "f", 1, "« photos: »") == []
    refused(lambda: expect("photo.jpg", list, "f", 1, "« photos: »"), "« photos: » devrait contenir une liste")


def test_a_data_file_remembers_every_line_and_refuses_what_yaml_would_do_silently(tmp_path):
    path = tmp_path / "kit.yml"
    path.write_text("title: Trousse\nresources:\n  - id: bd\n    kind: comic\npublished: 2024-11-05\n")
    data = load_yaml(str(path))
    assert line_of(data, "resources") == 2 and line_of(data["resources"][0], "kind") == 4
    assert data["published"] == "2024-11-05", "a date stays as written"
    path.write_text("title: A\ntitle: B\n")
    assert refused(lambda: load_yaml(str(path)), "un champ écrit deux fois").line == 2
    path.write_text("a: &x [1]\nb: *x\n")
    refused(lambda: load_yaml(str(path)), "« & » ou « * »")
    path.write_text("caption: Ouvrières: en grève\n")
    assert refused(lambda: load_yaml(str(path)), "un « : » dans un texte sans guillemets").line == 1
    refused(lambda: load_yaml(str(tmp_path / "absent.yml")), "introuvable")
    assert load_yaml(str(tmp_path / "absent.yml"), required=False) is None


def test_text_from_word_or_excel_on_windows_is_read_and_binary_is_refused():
    assert decode_text("Délégation".encode("cp1252"), "f") == "Délégation"
    assert decode_text("\ufeffOui".encode("utf-8"), "f") == "Oui"
    assert decode_text("Sí".encode("utf-16"), "f") == "Sí"
    refused(lambda: decode_text(b"ab\x00\xff\xfe\x81", "f"), "n'est pas du texte lisible")


def test_a_path_named_by_content_stays_inside_its_folder(tmp_path):
    folder = tmp_path / "kit"
    (folder / "files").mkdir(parents=True)
    (folder / "files" / "bd.pdf").write_bytes(b"%PDF")
    assert inside(str(folder), "files/bd.pdf", "kit.yml") == os.path.realpath(folder / "files" / "bd.pdf")
    for written in ("../../etc/hostname", "/etc/hostname"):
        refused(lambda written=written: inside(str(folder), written, "kit.yml", 3), "est hors du dossier")
    os.symlink("/etc/hostname", folder / "files" / "lien.pdf")
    refused(lambda: inside(str(folder), "files/lien.pdf", "kit.yml"), "est hors du dossier")


def test_only_documents_images_and_media_are_published_as_files():
    assert check_publishable("files/guide.pdf") == "files/guide.pdf"
    for name in ("page.html", "dessin.svg", "script.js"):
        refused(lambda name=name: check_publishable(name, "kit.yml", 4), "n'est pas un fichier que le site publie")
    refused(lambda: check_publishable("photo.jpg", only=(".pdf",)), "(PDF)")


def test_a_problem_reads_file_line_message_then_fix():
    assert describe("ce texte n'a pas de titre.", "content/news/a.fr.md", 1, "ajoutez « Title: »") == (
        "content/news/a.fr.md, ligne 1 : ce texte n'a pas de titre.\n  Correction : ajoutez « Title: »")
    assert describe("rien", None) == "rien"


def test_a_header_with_french_spacing_continued_lines_and_the_text_after_it():
    fields, body_line, body = parse_header("Title: Un titre\nSummary\u00a0: Un résumé\n  sur deux lignes\n\nTexte.",
                                           "a.fr.md")
    assert fields == [(1, "title", "Un titre"), (2, "summary", "Un résumé\nsur deux lignes")]
    assert (body_line, body.strip()) == (5, "Texte."), "the text starts on line 5, after the empty line"


def test_an_unknown_header_field_suggests_the_right_one():
    error = refused(lambda: parse_header("Title: T\nRésumé: R\n\nTexte.", "a.fr.md"),
                    "« Résumé: » n'est pas un champ d'en-tête connu", "Vouliez-vous dire « Summary: » ?")
    assert error.line == 2


CATALOGUE = "volume,number,date,title,pdf\n13,1,1991-04,Solidarité,pdf/13-1.pdf\n12,2,1990,Avant,pdf/12-2.pdf\n"


def test_a_catalogue_gives_its_issues_in_date_order_and_names_the_line_of_a_bad_row(tmp_path):
    from small_site import pdf

    folder = tmp_path / "revue"
    for name in ("13-1", "12-2"):
        pdf(folder / "pdf" / f"{name}.pdf", pages=3)
    catalogue = folder / "catalogue.csv"
    catalogue.write_text(CATALOGUE)
    issues = read_catalogue(str(catalogue), str(folder))
    assert [(i.key, i.precision, i.pages) for i in issues] == [("12-2", 1, 3), ("13-1", 2, 3)]
    catalogue.write_text(CATALOGUE + "13,1,1991-05,Encore,pdf/13-1.pdf\n")
    assert refused(lambda: read_catalogue(str(catalogue), str(folder)), "vol. 13, no 1 est déjà à la ligne 2.").line == 4
    catalogue.write_bytes(CATALOGUE.replace(",", ";").replace("Solidarité", "Été").encode("cp1252"))
    assert read_catalogue(str(catalogue), str(folder))[1].row["title"] == "Été", "a French spreadsheet's CSV"
    catalogue.write_text("volume,number,title\n")
    refused(lambda: read_catalogue(str(catalogue), str(folder)), "colonnes manquantes : date, pdf.")


@pytest.mark.parametrize("written", ["2024-11-19", "2024-1-5", "2024-11-19 14:30", "2024-11-19T14:30:05"])
def test_a_date_reads_as_pelican_reads_it(written):
    """The reader reads a date written as the site writes them itself (every file name has one),
    and must give what Pelican's own reading gives."""
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import get_date

    from content_errors.markdown_reader import CheckedMarkdownReader

    reader = CheckedMarkdownReader({**DEFAULT_CONFIG, "LANGUAGES": {}})
    read = reader.process_metadata("date", written)
    assert read == get_date(written) and type(read) is type(get_date(written))
    with pytest.raises(ContentError):
        reader.process_metadata("date", "2024-02-30")
