"""The organisation's details on the site (plugins/organisation_details): a field filled in shows in
its page's block and in the footer, one left empty nowhere, an empty block not at all; make status
lists what is still empty, linked to the editor's form."""

import pytest

from sitebuild import build, build_fails_saying, make_content, page

DETAILS = """\
contact:
  address: "1001, rue <b>Exemple</b>"
  email: info@exemple.org
  phone: "+1 514 555-1234"
  newsletter: ""
social:
  facebook: https://www.facebook.com/exemple
  instagram: ""
  podcast: ""
membership:
  fees: {fr: "Membre individuel : 25 $\\nOrganisation : 100 $", es: ""}
  form: ""
donation:
  how: {fr: "", es: ""}
  url: https://dons.exemple.org/ciso
"""
PAGES = {f"pages/{key}.{lang}.md": f"Title: {key} {lang}\nSlug: {slug}\n\nLe texte de la page.\n"
         for key, lang, slug in [("contact", "fr", "contact"), ("contact", "es", "contacto"),
                                 ("adhesion", "fr", "adhesion"), ("adhesion", "es", "afiliacion"),
                                 ("appui-50e", "fr", "appui-50e")]}


@pytest.fixture(scope="module")
def details_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("details")
    content = make_content(tmp, {**PAGES, "coordonnees.yml": DETAILS})
    result = build(tmp / "output", content=content)
    assert result.returncode == 0, result.stdout
    return tmp


def block(soup):
    """The page's block of details, or None."""
    return soup.find("section", class_="organisation-details")


def test_the_contact_page_shows_what_is_filled_in_as_links_and_nothing_of_what_is_not(details_site):
    contact = block(page(details_site / "output", "contact"))
    assert contact.h2.get_text() == "Coordonnées"
    assert contact.find_next_sibling("div", class_="prose").get_text(strip=True) == "Le texte de la page.", \
        "on the contact page, the details come first"
    links = {a.get_text(strip=True): a["href"] for a in contact.find_all("a")}
    assert links == {"info@exemple.org": "mailto:info@exemple.org", "+1 514 555-1234": "tel:+15145551234",
                     "Facebook": "https://www.facebook.com/exemple"}
    assert contact.address.get_text() == "1001, rue <b>Exemple</b>"  # as written, never markup
    labels = [dt.get_text() for dt in contact.find_all("dt")]
    assert labels == ["Adresse postale", "Courriel", "Téléphone", "Suivre le CISO"]
    spanish = block(page(details_site / "output", "es/contacto"))
    assert [dt.get_text() for dt in spanish.find_all("dt")][:3] == ["Dirección postal", "Correo electrónico", "Teléfono"]


def test_each_block_shows_what_is_filled_in_in_its_pages_language_and_an_empty_block_nothing(details_site):
    output = details_site / "output"
    membership = block(page(output, "adhesion"))
    assert membership.h2.get_text() == "Cotisations"
    # A paragraph per line, French punctuation spaced as in every French text (typography plugin).
    assert [p.get_text() for p in membership("p")] == ["Membre individuel\u202f: 25 $", "Organisation\u202f: 100 $"]
    assert not membership.find("a")  # no form address: no form heading, no button
    assert block(page(output, "es/afiliacion")) is None  # the Spanish fees are still empty
    donation = block(page(output, "appui-50e"))  # its address only: the heading and the button
    assert donation.h2.get_text() == "Faire un don" and len(donation("p")) == 1
    assert donation.a["href"] == "https://dons.exemple.org/ciso" and donation.a.get_text() == "Donner en ligne"


def test_the_footer_links_the_accounts_filled_in_and_nothing_for_the_others(details_site):
    """An account without its address used to link the contact page, which does not have it either."""
    for url in ("", "es"):
        footer = {a.get_text(strip=True): a["href"] for a in page(details_site / "output", url).find("footer")("a")}
        assert footer["Facebook"] == "https://www.facebook.com/exemple"
        for empty in ("Instagram", "Balado", "Pódcast", "Abonnement au bulletin", "Suscripción al boletín"):
            assert empty not in footer, (url, footer)
        assert "instagram.com" not in str(page(details_site / "output", url))


def test_status_lists_each_field_still_empty_linked_to_the_editors_form(details_site):
    from bs4 import BeautifulSoup

    from tools import status

    collected = status.collect(content=details_site / "content")
    empty = [(entry.title, entry.path, entry.detail) for entry in collected.empty_details]
    assert empty == [
        ("L'adresse d'inscription à l'infolettre", "content/coordonnees.yml", "ligne 5 : encore vide"),
        ("L'adresse Instagram", "content/coordonnees.yml", "ligne 8 : encore vide"),
        ("L'adresse du balado", "content/coordonnees.yml", "ligne 9 : encore vide"),
        ("Les cotisations (es)", "content/coordonnees.yml", "ligne 11 : encore vide"),
        ("L'adresse du formulaire d'adhésion", "content/coordonnees.yml", "ligne 12 : encore vide"),
        ("La façon de donner (fr)", "content/coordonnees.yml", "ligne 14 : encore vide"),
        ("La façon de donner (es)", "content/coordonnees.yml", "ligne 14 : encore vide")]
    report = BeautifulSoup(status.html_report(collected, output=details_site / "output"), "html.parser")
    listed = report.find("h2", string=lambda text: text.startswith("Coordonnées encore vides")).find_next_sibling()
    assert {a["href"] for a in listed("a")} == {"/admin/#/collections/details/entries/details"}


def test_settings_that_name_a_file_outside_the_content_folder_or_a_block_that_does_not_exist_stop_the_build(tmp_path):
    content = make_content(tmp_path, PAGES)
    build_fails_saying(tmp_path / "output", "pelicanconf.py, ligne", "ORGANISATION_DETAILS_FILE « ../../etc/hostname » est "
                       "hors du dossier content/",
                       content=content, ORGANISATION_DETAILS_FILE="../../etc/hostname")
    build_fails_saying(tmp_path / "output", "pelicanconf.py, ligne", "ORGANISATION_DETAILS_BLOCKS donne à la page "
                       "« adhesion » le bloc « adhesion », qui n'existe pas.", "contact, membership, donation",
                       content=content, ORGANISATION_DETAILS_BLOCKS={"adhesion": "adhesion"})
