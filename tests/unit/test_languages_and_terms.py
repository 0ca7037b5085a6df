"""The multilingual plugin's pure parts: the terms file, listings and their pages, the language
switcher's targets, the interface catalogues. In this process, on small inputs."""

from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from multilingual import SiteLanguages, Terms, TermsError
from multilingual.interface import Catalogues
from multilingual.languages import switch_targets
from multilingual.listings import Listing
from sitebuild import ROOT

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))
LANGUAGES = SiteLanguages(SETTINGS)

TERMS = """categories:
  nouvelles: {fr: Nouvelles, es: Noticias}
  delegations: {fr: Délégations, es: Delegaciones}
tags:
  mexique: {fr: Mexique, es: México, country: MX}
  textile: {fr: Textile, es: {name: Textil, slug: textil-es}}
subjects:
  textile: {fr: Textile, es: Textil}
"""


def terms(tmp_path, text=TERMS):
    path = tmp_path / "terms.yml"
    path.write_text(text)
    return Terms(str(path), LANGUAGES, SETTINGS)


def test_a_term_is_found_by_its_key_or_its_name_in_any_language_accents_and_case_aside(tmp_path):
    found = terms(tmp_path)
    assert [found.find("category", w) for w in ("delegations", "Délégations", "DELEGACIONES", "x")] == [
        "delegations", "delegations", "delegations", None]
    spanish = found.get("tag", "textile", "es")
    assert (spanish.name, spanish.slug, spanish.url) == ("Textil", "textil-es", "es/etiqueta/textil-es/")
    assert found.get("tag", "mexique", "fr").url == "etiquette/mexique/"
    assert found.with_extra("tag", "country") == ["mexique"]
    assert found.names("category", "es") == ["Noticias", "Delegaciones"]


def test_an_unknown_term_lists_the_names_one_can_write_and_the_nearest(tmp_path):
    error = terms(tmp_path).unknown("category", "Délégation", "fr", "news/a.fr.md", 3)
    assert "la catégorie « Délégation » n'existe pas. Vouliez-vous dire « Délégations » ?" in error.message
    assert "Nouvelles, Délégations" in error.fix and (error.path, error.line) == ("news/a.fr.md", 3)


@pytest.mark.parametrize("text, fragment, line", [
    ("categories:\n  é-t-é: {fr: Été}\n", "la clé « é-t-é » ne peut pas servir d'adresse", 2),
    ("categories:\n  a: {es: A}\n", "le terme « a » n'a pas de nom en « fr »", 2),
    ("tags:\n  mx: {fr: Mexique, es: México, country: Mexique}\n", "« country: Mexique » n'est pas un code de pays", 2),
    ("categorie:\n  a: {fr: A}\n", "« categorie: » n'est sous aucune des parties", 1),
])
def test_a_broken_terms_file_names_its_line(tmp_path, text, fragment, line):
    with pytest.raises(TermsError) as error:
        terms(tmp_path, text)
    assert fragment in error.value.message and error.value.line == line


def test_a_listing_paginates_and_knows_its_counterparts_page_by_page():
    listing = Listing(per_page=2)
    listing.add("fr", "nouvelles/", list(range(5)))
    listing.add("es", "es/noticias/", list(range(2)))
    assert (listing.page_count("fr"), listing.page_count("es")) == (3, 1)
    assert listing.page_url("fr", 1) == "nouvelles/" and listing.page_url("fr", 3) == "nouvelles/page/3/"
    assert listing.alternates(1) == {"fr": "nouvelles/", "es": "es/noticias/"}
    assert listing.alternates(2) == {"fr": "nouvelles/page/2/"}, "Spanish has no second page"
    empty = Listing(per_page=10)
    empty.add("fr", "x/", [])
    assert empty.page_count("fr") == 1, "an empty list still has its page"


def context(**values):
    return {"SITE_LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr", **values}


def test_the_switcher_goes_to_the_counterpart_or_says_there_is_none_and_goes_to_the_section():
    article = SimpleNamespace(lang="fr", url="delegation-colombie/", category=SimpleNamespace(key="delegations"),
                              translations=[SimpleNamespace(lang="es", url="es/delegacion-colombia/")])
    translated = switch_targets(context(article=article))
    assert [(t["lang"], t["url"], t["translated"], t["current"]) for t in translated] == [
        ("fr", "delegation-colombie/", True, True), ("es", "es/delegacion-colombia/", True, False)]
    alone = SimpleNamespace(lang="fr", url="seul/", category=SimpleNamespace(key="delegations"), translations=[])
    sections = {"delegations": {"fr": "delegations/", "es": "es/delegaciones/"}, "news": {"es": "es/noticias/"}}
    spanish = switch_targets(context(article=alone, SECTION_URLS=sections))[1]
    assert (spanish["url"], spanish["translated"]) == ("es/delegaciones/", False)
    without_section = switch_targets(context(article=alone, SECTION_URLS={"news": {"es": "es/noticias/"}}))[1]
    assert without_section["url"] == "es/noticias/", "a post with no section there goes to the news"
    home = switch_targets(context(lang="fr", url_path="x/", alternates={"fr": "x/"}))[1]
    assert home["url"] == LANGUAGES.url("es", "home") == "es/"


def test_a_missing_interface_string_is_shown_in_its_own_language_and_reported_once(caplog):
    catalogues = Catalogues(dict(SETTINGS, SITE_LANGUAGES=LANGUAGES))
    assert catalogues.gettext("es", "News") == "Noticias"
    with caplog.at_level("WARNING"):
        assert catalogues.gettext("es", "A string no template has") == "A string no template has"
        assert catalogues.ngettext("es", "one thing nobody wrote", "things", 2) == "things"
        catalogues.gettext("es", "A string no template has")
    reported = [r.getMessage() for r in caplog.records]
    assert len(reported) == 2 and "« A string no template has » n'a pas de traduction" in reported[0]
