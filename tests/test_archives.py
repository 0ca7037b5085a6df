"""Digitised periodicals: the CSV catalogue, its errors by line, grouping, previous/next."""

import json

import pytest

from sitebuild import build, build_fails_saying, make_content, page
from small_site import pdf
from tools.placeholders import archive_placeholders

HEADER = "volume,number,date,title,themes_fr,themes_es,pdf,cover,note_fr,note_es\n"
ROWS = [
    "13,1,1991-04,Solidarité,Mexique,México,pdf/13-1.placeholder.pdf,,,\n",
    "1,1,1976,,Débuts,Inicios,pdf/1-1.placeholder.pdf,,EXEMPLE,EJEMPLO\n",
    "8,2,1984-10-15,,Haïti,Haití,pdf/8-2.placeholder.pdf,,,\n",
    "8,1,1984-03,,Chili,Chile,pdf/8-1.pdf,,,\n",  # the real document (the others are stand-ins)
]


def make_site(tmp_path, rows=ROWS):
    content = make_content(tmp_path, {"news/2025-01-01-n.fr.md": "Title: Nouvelle\n\nTexte.\n"})
    folder = content / "archives" / "revue"
    folder.mkdir(parents=True)
    (folder / "index.fr.md").write_text("Title: La revue\nSlug: la-revue\nSummary: Une revue.\n\nTexte.\n")
    (folder / "index.es.md").write_text("Title: La revista\nSlug: la-revista\nSummary: Una revista.\n\nTexto.\n")
    (folder / "catalogue.csv").write_text(HEADER + "".join(rows))
    archive_placeholders(str(content), pages=5)
    pdf(folder / "pdf" / "8-1.pdf", pages=5)
    return content




@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("archives")
    content = make_site(tmp_path)
    output = tmp_path / "output"
    result = build(output, content=content)
    assert result.returncode == 0, result.stdout
    return content, output


def test_issues_are_grouped_by_decade_and_year_in_date_order(built):
    _, output = built
    publication = page(output, "archives/la-revue")
    assert [h.get_text() for h in publication.select("section h2")] == ["Années 1970", "Années 1980", "Années 1990"]
    assert [h.get_text() for h in publication.select("section h3")] == ["1976", "1984", "1991"]
    links = [a["href"] for a in publication.select(".issue-list a")]
    assert links == ["/archives/la-revue/1-1/", "/archives/la-revue/8-1/", "/archives/la-revue/8-2/",
                     "/archives/la-revue/13-1/"]
    assert "EXEMPLE" in publication.select(".issue-list li")[0].get_text()


def test_issue_page_shows_the_pdf_and_links_previous_and_next(built):
    content, output = built
    issue = page(output, "archives/la-revue/8-1")
    assert issue.find("time")["datetime"] == "1984-03" and issue.find("time").get_text() == "mars 1984"
    assert issue.find("a", rel="prev")["href"] == "/archives/la-revue/1-1/"
    assert issue.find("a", rel="next")["href"] == "/archives/la-revue/8-2/"
    facts = " ".join(issue.select_one(".file-facts").get_text().split())
    assert facts.startswith("PDF,") and facts.endswith("5 pages") and not issue.select(".provisional")
    stand_in = page(output, "archives/la-revue/8-2")
    assert stand_in.select_one(".provisional").get_text() == "document provisoire"
    assert "pages" not in stand_in.select_one(".file-facts").get_text(), "a stand-in's pages are not the issue's"
    assert (output / issue.select_one(".download a")["href"].lstrip("/")).is_file()
    first, last = page(output, "archives/la-revue/1-1"), page(output, "es/archivo/la-revista/13-1")
    assert first.find("a", rel="prev") is None and last.find("a", rel="next") is None
    assert last.find("time").get_text() == "abril de 1991"
    assert last.find("nav", class_="lang-switch").find("a", hreflang="fr")["href"] == "/archives/la-revue/13-1/"


def test_structured_data_of_periodical_and_issue(built):
    _, output = built
    periodical = json.loads(page(output, "archives/la-revue").find("script", type="application/ld+json").string)
    assert periodical["@graph"][0]["@type"] == "Periodical" and len(periodical["@graph"][0]["hasPart"]) == 4
    issue = json.loads(page(output, "archives/la-revue/13-1").find("script", type="application/ld+json").string)
    node = issue["@graph"][0]
    assert node["@type"] == "PublicationIssue" and node["issueNumber"] == "1" and node["datePublished"] == "1991-04"
    assert node["isPartOf"]["volumeNumber"] == "13"


@pytest.mark.parametrize("rows, expected", [
    (ROWS[:2] + ["9,1,mars 1985,,,,pdf/1-1.placeholder.pdf,,,\n"], ["catalogue.csv, ligne 4", "la date « mars 1985 »"]),
    (ROWS[:3] + ["13,1,1992,,,,pdf/1-1.placeholder.pdf,,,\n"],
     ["catalogue.csv, ligne 5", "vol. 13, no 1 est déjà à la ligne 2"]),
    (ROWS[:1] + ["2,1,1977,,,,pdf/absent.pdf,,,\n"], ["catalogue.csv, ligne 3", "« pdf/absent.pdf » est introuvable"]),
])
def test_a_bad_row_stops_the_build_naming_the_csv_line(tmp_path, rows, expected):
    content = make_site(tmp_path, rows=rows)
    build_fails_saying(tmp_path / "output", *expected, content=content)


def test_a_draft_row_stays_off_the_site_unchecked_and_an_unknown_state_is_named_with_its_line(tmp_path):
    content = make_site(tmp_path, rows=ROWS[:1])
    folder = content / "archives" / "revue"
    (folder / "catalogue.csv").unlink()
    catalogue = ("issues:\n  - {volume: 13, number: 1, date: 1991-04, pdf: pdf/13-1.placeholder.pdf}\n"
                 "  - {volume: 2, number: 1, date: 1977, pdf: pdf/pas-encore.pdf, status: draft}\n")
    (folder / "catalogue.yml").write_text(catalogue)
    output = tmp_path / "output"
    built = build(output, content=content)
    assert built.returncode == 0, built.stdout  # the draft's PDF does not exist yet: no matter
    assert (output / "archives/la-revue/13-1/index.html").is_file()
    assert not (output / "archives/la-revue/2-1").exists()
    (folder / "catalogue.yml").write_text(catalogue.replace("status: draft", "status: brouillon"))
    build_fails_saying(tmp_path / "output-2", "catalogue.yml, ligne 3", "« status: brouillon » n'est pas un état connu",
                       "status: draft", content=content)
