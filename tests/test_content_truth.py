"""What the pages say of the organisation's documents is what it has said, nothing more (issue 16):
no licence, duration or page count it has not given, a stand-in document says it is one, what is
still to come says so and offers nothing to download, and example rows of a catalogue stay off the
site (only the status report lists them)."""

import pytest

from sitebuild import file_of, page_at
from tools import status

TEXTILE_KIT = "/trousses-pedagogiques/les-dessous-du-textile/"
DIGITAL_KIT = "/trousses-pedagogiques/bd-industrie-numerique/"


@pytest.mark.parametrize("url", [TEXTILE_KIT, DIGITAL_KIT])
def test_a_kit_shows_no_licence_nor_duration_the_organisation_has_not_given(site, pages, url):
    kit = page_at(site, pages, url)
    facts = kit.select_one(".kit-facts").get_text(" ", strip=True)
    assert "Licence" not in facts and "minutes" not in facts, facts
    assert not kit.find("a", rel="license")
    assert '"license"' not in str(kit.find("script", type="application/ld+json"))


def test_a_stand_in_document_says_so_beside_its_link_and_gives_no_page_count(site, pages):
    for url in (TEXTILE_KIT, "/delegations/colombie-2024/", "/archives/solidarite/13-1/"):
        page = page_at(site, pages, url)
        downloads = page.select("a.download, p.download")
        assert downloads, url
        for download in downloads:
            text = download.get_text(" ", strip=True) + " " + (download.find_next(class_="provisional") or
                                                               download).get_text(" ", strip=True)
            assert "document provisoire" in text, (url, text)
            assert " pages" not in text and "1 page" not in text, (url, text)


def test_what_is_still_to_come_says_so_and_offers_nothing_to_download(site, pages):
    kit = page_at(site, pages, DIGITAL_KIT)
    resources = kit.select("li.resource")
    assert len(resources) == 5 and all("À paraître" in r.get_text() for r in resources)
    assert not kit.select("a[download]"), "no download that looks real"
    assert "Cinq fiches éducatives" in kit.get_text(), "the report's five fact sheets, without invented titles"
    assert file_of(site, DIGITAL_KIT + "quiz/") is None, "no quiz before the comic's own"
    exhibition = page_at(site, pages, "/expositions/50-ans-de-solidarites/")
    assert "à venir" in exhibition.select_one("main").get_text()
    assert not exhibition.select(".photo-grid") and file_of(site, "/expositions/50-ans-de-solidarites/panneaux/") is None


def test_example_rows_of_a_catalogue_stay_off_the_site_and_the_status_lists_them(site, pages):
    solidarite = page_at(site, pages, "/archives/solidarite/")
    listed = " ".join(li.get_text() for li in solidarite.select(".issue-list li"))
    assert listed and "EXEMPLE" not in listed
    assert file_of(site, "/archives/solidarite/1-1/") is None
    panorama = page_at(site, pages, "/archives/panorama-international/")
    assert not panorama.select(".issue-list") and "Aucun numéro n'est encore en ligne" in panorama.get_text()
    collected = status.collect()
    rows = [entry.line() for entry in collected.unpublished_rows]
    assert len(rows) == 5 and all("catalogue.yml : ligne" in row for row in rows), rows
    confirm = [entry.line() for entry in collected.to_confirm]
    assert any("les-dessous-du-textile/kit.yml : la licence à confirmer" in line for line in confirm), confirm
    assert not any("les-dessous-du-textile/kit.yml : le mois de parution" in line for line in confirm), \
        "the report gives it: novembre 2022"
