"""Teaching kits: downloads read from the real files, bundles, errors, the
catalogue's filters without JavaScript, the quiz's form and answer key."""

import hashlib
import json
import zipfile

import pytest

from kit_fixture import make_site, question, resource
from sitebuild import build, build_fails_saying, page


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("kit")
    content = make_site(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    result = build(output, content=content, cache=cache, verbose=True, LOAD_CONTENT_CACHE=True)
    assert result.returncode == 0, result.stdout
    return content, output, cache, result.stdout


def test_each_download_shows_format_size_pages_and_language_read_from_the_file(built):
    content, output, _, _ = built
    kit = page(output, "trousses-pedagogiques/demo")
    downloads = kit.select(".downloads li")
    assert len(downloads) == 3
    facts = [" ".join(d.select_one(".file-facts").get_text(" ", strip=True).split()) for d in downloads]
    size = (content / "kits/demo/files/bd.fr.pdf").stat().st_size
    # Each download says its kind, language, format, size and pages (a button, in the first screen's words);
    # a stand-in (the quiz's files) says it is one, and its pages are not counted.
    assert facts[0].endswith(f"· Français · PDF, {size / 1000:.1f} ko, 12 pages".replace(".", ","))
    assert "· Français · PDF" in facts[1] and facts[1].endswith(" ko")
    assert "· Español · PDF" in facts[2] and facts[2].endswith(" ko")
    assert [bool(d.select(".provisional")) for d in downloads] == [False, True, True]
    for link in kit.select(".downloads a"):
        assert (output / link["href"].lstrip("/")).is_file()
    spanish = page(output, "es/materiales-pedagogicos/demo-es")
    assert "12 páginas" in spanish.select_one(".downloads").get_text()


def test_bundle_per_language_holds_every_resource_in_that_language_and_is_stable(built):
    content, output, cache, log = built
    french = output / "documents/demo/demo-fr.zip"
    spanish = output / "documents/demo/demo-es.zip"
    links = [a["href"] for a in page(output, "es/materiales-pedagogicos/demo-es").select(".bundle a")]
    assert links == ["/documents/demo/demo-es.zip", "/documents/demo/demo-fr.zip"]
    with zipfile.ZipFile(french) as bundle:
        assert bundle.namelist() == ["demo/bd.fr.pdf", "demo/quiz.fr.placeholder.pdf"]
        assert bundle.read("demo/bd.fr.pdf") == (content / "kits/demo/files/bd.fr.pdf").read_bytes()
    with zipfile.ZipFile(spanish) as bundle:
        assert bundle.namelist() == ["demo/quiz.es.placeholder.pdf"]
    assert "2 bundles built, 0 from cache" in log
    before = hashlib.sha256(french.read_bytes()).hexdigest()
    again = build(output, content=content, cache=cache, verbose=True, LOAD_CONTENT_CACHE=True)
    assert "0 bundles built, 2 from cache" in again.stdout
    assert hashlib.sha256(french.read_bytes()).hexdigest() == before
    # From scratch (no cache), the same bytes again.
    fresh = build(output.with_name("output2"), content=content, cache=cache.with_name("cache2"))
    assert fresh.returncode == 0
    assert hashlib.sha256((output.with_name("output2") / "documents/demo/demo-fr.zip").read_bytes()).hexdigest() == before


def test_a_changed_resource_rebuilds_its_bundle(tmp_path):
    content = make_site(tmp_path)
    output, cache = tmp_path / "output", tmp_path / "cache"
    build(output, content=content, cache=cache)
    (content / "kits/demo/files/quiz.es.placeholder.pdf").write_bytes(
        (content / "kits/demo/files/quiz.fr.placeholder.pdf").read_bytes())
    again = build(output, content=content, cache=cache, verbose=True)
    assert "1 bundles built, 1 from cache" in again.stdout


def test_catalogue_filters_work_without_javascript(built):
    _, output, _, _ = built
    section = page(output, "trousses-pedagogiques")
    filters = {a.get_text(): a["href"] for a in section.select(".kit-filters a")}
    assert {"Élèves du secondaire", "Industrie textile", "Environnement", "Bande dessinée", "Quiz",
            "Français", "Español"} <= set(filters)
    comic = page(output, filters["Bande dessinée"])
    assert [a.get_text() for a in comic.select(".kit-card h2 a")] == ["Trousse démo"]
    assert comic.select_one('.kit-filters a[aria-current="page"]').get_text() == "Bande dessinée"
    spanish = page(output, "es/materiales-pedagogicos/filtro/language/es")
    assert [a.get_text() for a in spanish.select(".kit-card h2 a")] == ["Material demo"]


def test_kit_page_has_learning_resource_data(built):
    _, output, _, _ = built
    data = json.loads(page(output, "trousses-pedagogiques/demo").find("script", type="application/ld+json").string)
    kit = data["@graph"][0]
    assert kit["@type"] == "LearningResource" and kit["typicalAgeRange"] == "14-" and kit["timeRequired"] == "PT75M"
    assert kit["license"].startswith("https://creativecommons.org/") and kit["inLanguage"] == "fr"
    assert [p["learningResourceType"] for p in kit["hasPart"]] == ["comic", "quiz"]
    assert kit["educationalLevel"] == "Élèves du secondaire"


def test_quiz_is_a_form_without_javascript_with_a_separate_answer_key(built):
    _, output, _, _ = built
    quiz = page(output, "trousses-pedagogiques/demo/quiz")
    form = quiz.find("form", class_="quiz-form")
    assert form["action"] == "/trousses-pedagogiques/demo/quiz/corrige/"
    questions = form.find_all("fieldset")
    assert [len(q.find_all("input")) for q in questions] == [3, 3, 3]
    assert [q.find("input")["type"] for q in questions] == ["radio", "checkbox", "radio"]
    assert all(q.find("label") for q in questions)
    key = page(output, "trousses-pedagogiques/demo/quiz/corrige")
    rights = [[c.get_text(" ", strip=True).replace("\u202f", " ") for c in li.select(".answer-right")]
              for li in key.select(".answer-list > li")]  # (French spacing: a narrow space before « : »)
    assert rights == [["Bonne réponse : Choix 2"], ["Bonne réponse : Choix 1", "Bonne réponse : Choix 3"],
                      ["Bonne réponse : Choix 2"]]


@pytest.mark.parametrize("change, expected", [
    (dict(resources=[resource("bd", "comic", {"fr": "files/absent.pdf"})]), ["ressource n° 1 (bd)", "introuvable"]),
    (dict(licence="https://example.org/licence"), ["licence « https://example.org/licence »"]),
    (dict(questions=[question(1, correct=())]), ["question n° 1", "aucune bonne réponse"]),
    (dict(questions=[question(1, correct=(5,))]), ["question n° 1", "n'est pas parmi les choix"]),
])
def test_bad_kit_data_stops_the_build_naming_file_and_entry(tmp_path, change, expected):
    content = make_site(tmp_path, **change)
    build_fails_saying(tmp_path / "output", "kits/demo/", *expected, content=content)


def test_a_question_missing_a_language_stops_the_build(tmp_path):
    broken = question(1)
    del broken["explanation"]["es"]
    content = make_site(tmp_path, questions=[broken])
    build_fails_saying(tmp_path / "output", "quiz.yml, ligne 11 : la question n° 1 : l'explication n'a pas de texte en « es »",
                       content=content)
