"""Delegation reports on the real site: the lists, a report's facts, its
country's page."""

import pytest

from sitebuild import file_of, page_at


@pytest.mark.parametrize("url, expected", [
    ("/delegations/", ["/delegations/colombie-2024/", "/delegations/mexique-2020/"]),
    ("/es/delegaciones/", ["/es/delegaciones/colombia-2024/", "/es/delegaciones/mexico-2020/"]),
])
def test_delegations_are_listed_newest_first_in_each_language(site, pages, url, expected):
    listing = page_at(site, pages, url)
    assert [a["href"] for a in listing.select(".post-card-title a")] == expected
    nav = listing.find("nav", class_="site-nav").find("a", attrs={"aria-current": "page"})
    assert nav["href"] == url


def test_a_report_shows_its_facts_download_gallery_and_presentations(site, pages):
    report = page_at(site, pages, "/delegations/colombie-2024/")
    facts = " ".join(report.select_one(".kit-facts").get_text(" ", strip=True).split())
    assert "Colombie" in facts and "novembre 2024 – décembre 2024" in facts and "11" in facts
    assert "Projet accompagnement solidarité Colombie" in facts
    download = report.select_one(".download")
    assert download.find("a")["href"].endswith(".pdf") and file_of(site, download.find("a")["href"])
    # The report's PDF is a stand-in until the real one is added: said beside its link, no page count.
    assert " ".join(download.select_one(".file-facts").get_text().split()).endswith(" ko")
    assert download.select_one(".provisional").get_text() == "document provisoire"
    assert len(report.select(".photo-grid picture")) == 3
    rows = report.select(".presentations tbody tr")
    assert len(rows) == 11 and rows[0].find("time")["datetime"] == "2024-12"
    assert "1 100" in " ".join(report.select_one(".reached").get_text().split()).replace("\u202f", " ")


def test_reports_appear_on_their_country_page(site, pages):
    colombia = page_at(site, pages, "/es/paises/colombia/")
    assert "/es/delegaciones/colombia-2024/" in [a["href"] for a in colombia.select(".post-card-title a")]
    mexique = page_at(site, pages, "/pays/mexique/")
    assert "Frente Auténtico del Trabajo" in mexique.select_one(".prose").get_text()
    assert "Institut culturel Karl-Lévêque" in page_at(site, pages, "/es/paises/haiti/").select_one(".prose").get_text()
    links = [a["href"] for a in mexique.select(".post-card-title a")]
    assert "/delegations/mexique-2020/" in links and "/expositions/du-mexique-au-quebec/" in links
