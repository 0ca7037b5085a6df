"""The organisation's details file (plugins/organisation_details): what it takes, what pages and
structured data get from it, and the French message (file, line, fix) for each mistake. Pure
functions, in this process."""

import pytest

from content_errors import ContentError
from organisation_details import FIELDS, empty_fields, nothing_filled, read_details
from sitebuild import ROOT

LANGUAGES = ["fr", "es"]
FILLED = """\
contact:
  address: |
    1001, rue Exemple
    Montréal (Québec) H2X 1X1
  email: info@exemple.org
  phone: "+1 514 555-1234, poste 22"
  newsletter: https://infolettre.exemple.org/inscription
social:
  facebook: https://www.facebook.com/exemple
  instagram: ""
  podcast: https://soundcloud.com/exemple
membership:
  fees: {fr: "Membre individuel : 25 $", es: ""}
  form: ""
donation:
  how: {fr: "Par chèque.", es: "Con cheque."}
"""


def details_of(tmp_path, text, name="coordonnees.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_details(str(path), LANGUAGES, {"contact": "contact", "adhesion": "membership"})


def test_a_filled_file_gives_each_block_its_values_links_and_structured_data(tmp_path):
    details = details_of(tmp_path, FILLED)
    assert details.contact["email"] == "info@exemple.org"
    assert details.contact["address"] == "1001, rue Exemple\nMontréal (Québec) H2X 1X1"
    assert details.phone_link == "tel:+15145551234;ext=22"
    assert details.accounts() == [("facebook", "https://www.facebook.com/exemple"), ("instagram", ""),
                                  ("podcast", "https://soundcloud.com/exemple")]
    assert details.membership == {"fees": {"fr": "Membre individuel : 25 $"}, "form": ""}
    assert details.donation == {"how": {"fr": "Par chèque.", "es": "Con cheque."}, "url": ""}
    assert details.block_of("adhesion") == "membership" and details.block_of("presse") is None
    assert details.schema() == {
        "sameAs": ["https://www.facebook.com/exemple", "https://soundcloud.com/exemple"],
        "email": "info@exemple.org", "telephone": "+1 514 555-1234, poste 22",
        "address": "1001, rue Exemple, Montréal (Québec) H2X 1X1"}
    assert empty_fields(details, LANGUAGES) == [
        ("l'adresse Instagram", 10), ("les cotisations (es)", 13), ("l'adresse du formulaire d'adhésion", 14),
        ("l'adresse pour donner", 15)]  # a field not written yet: its part's line


def test_the_real_file_has_every_field_empty_each_on_its_line():
    path = ROOT / "content" / "coordonnees.yml"
    details = read_details(str(path), LANGUAGES)
    assert details.schema() == {} and not any(url for _, url in details.accounts())
    empty = empty_fields(details, LANGUAGES)
    assert len(empty) == len(FIELDS) + 2  # the two texts per language, once per language
    lines = path.read_text(encoding="utf-8").splitlines()
    for what, line in empty:
        assert line and lines[line - 1].lstrip().split(":")[0] in {name for _, name, *_ in FIELDS}, (what, line)


@pytest.mark.parametrize("written, link", [
    ("514 555-1234", "tel:5145551234"), ("(514) 555-1234", "tel:5145551234"), ("+1 514.555.1234", "tel:+15145551234"),
    ("+1 514 555-1234 ext. 7", "tel:+15145551234;ext=7")])
def test_a_phone_number_is_written_as_people_write_it_and_linked_by_its_digits(tmp_path, written, link):
    assert details_of(tmp_path, f"contact:\n  phone: \"{written}\"\n").phone_link == link


def test_an_absent_file_is_a_file_with_nothing_filled_in(tmp_path):
    details = read_details(str(tmp_path / "absent.yml"), LANGUAGES)
    assert details == nothing_filled(str(tmp_path / "absent.yml"))
    assert details.phone_link == "" and details.schema() == {}


# (what is written, every fragment the message must hold: the file and line, what is wrong, the fix)
MISTAKES = {
    "an email that is not one": (
        "contact:\n  email: info(at)exemple.org\n",
        ["coordonnees.yml, ligne 2 : « email: » (le courriel) « info(at)exemple.org » n'est pas une adresse courriel.",
         "Correction : écrivez l'adresse seule, sans espace, par exemple « info@exemple.org »."]),
    "an email written as a link": (
        "contact:\n  email: mailto:info@exemple.org\n",
        ["ligne 2 : « email: » (le courriel) commence par « mailto: ».", "écrivez l'adresse seule : « info@exemple.org »."]),
    "an address in http://": (
        "social:\n  facebook: http://www.facebook.com/exemple\n",
        ["ligne 2 : « facebook: » (l'adresse Facebook) « http://www.facebook.com/exemple » n'est pas une adresse https://.",
         "écrivez « https:// » au lieu de « http:// » : « https://www.facebook.com/exemple »."]),
    "an address without https://": (
        "social:\n  instagram: www.instagram.com/exemple\n",
        ["ligne 2 : « instagram: » (l'adresse Instagram)", "« https://www.instagram.com/exemple »."]),
    "a script instead of an address": (
        "donation:\n  url: \"javascript:alert(1)\"\n",
        ["ligne 2 : « url: » (l'adresse pour donner) « javascript:alert(1) » n'est pas une adresse https://.",
         "elle commence par https://"]),
    "an address that would end its attribute": (
        "membership:\n  form: 'https://exemple.org/\" onclick=\"x'\n",
        ["ligne 2 : « form: » (l'adresse du formulaire d'adhésion)", "n'est pas une adresse https://."]),
    "a phone number with words": (
        "contact:\n  phone: appelez-nous\n",
        ["ligne 2 : « phone: » (le téléphone) « appelez-nous » n'est pas un numéro de téléphone.",
         "« +1 514 555-1234 »"]),
    "a text per language written once": (
        "membership:\n  fees: 25 $\n",
        ["ligne 2 : « fees: » (les cotisations) devrait être donné dans chaque langue.", "{fr: \"…\", es: \"…\"}"]),
    "a text per language cut by an unquoted comma": (
        "donation:\n  how: {fr: Par chèque, à l'ordre du CISO, es: Con cheque}\n",
        ["ligne 2 : « how: » (la façon de donner) a une partie « à l'ordre du CISO » qui n'est pas une langue.",
         "mettez chaque texte entre guillemets"]),
    "a file YAML cannot read": (
        "contact:\n  email: \"info@exemple.org\n",
        ["coordonnees.yml, ligne", "ce fichier de données est illisible", "guillemets"]),
    "a text where a list was typed": (
        "contact:\n  address:\n    - 1001, rue Exemple\n    - Montréal\n",
        ["ligne 2 : « address: » (l'adresse postale) devrait être un texte."]),
    "a field the file does not have": (
        "social:\n  facebook: \"\"\n  tiktok: https://www.tiktok.com/@exemple\n",
        ["ligne 3 : « tiktok: » n'est pas un champ de « social: ».",
         "les champs de « social: » sont « facebook: », « instagram: », « podcast: »."]),
    "a field outside its part": (
        "email: info@exemple.org\n",
        ["ligne 1 : « email: » n'est pas une partie de ce fichier.", "un champ se met sous sa partie, indenté"]),
    "a part written as a list": (
        "contact:\n  - info@exemple.org\n",
        ["ligne 1 : « contact: » devrait contenir des lignes « nom: valeur » indentées."]),
    "a file that is a list": (
        "- info@exemple.org\n",
        ["coordonnees.yml, ligne 1 : ce fichier devrait contenir des lignes « nom: valeur »"]),
}


@pytest.mark.parametrize("case", list(MISTAKES), ids=list(MISTAKES))
def test_each_mistake_is_refused_naming_the_file_the_line_and_the_fix(tmp_path, case):
    written, fragments = MISTAKES[case]
    with pytest.raises(ContentError) as refused:
        details_of(tmp_path, written)
    said = str(refused.value)
    assert refused.value.fix and refused.value.line, said
    for fragment in fragments:
        assert fragment in said, f"{fragment!r} not in:\n{said}"
