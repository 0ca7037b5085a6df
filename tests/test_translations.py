"""Translations on small made-up sites: one-language posts, inheritance, a third language."""

import importlib.util
import shutil

from sitebuild import ROOT, build, make_content, page


def test_post_in_one_language_only(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-01-seul.fr.md": "Title: Seulement en français\nCategory: Plaidoyer\n\nTexte.\n",
        "news/2025-03-02-paire.fr.md": "Title: En deux langues\n\nTexte.\n",
        "news/2025-03-02-paire.es.md": "Title: En dos idiomas\n\nTexto.\n",
    })
    output = tmp_path / "output"
    result = build(output, content=content)
    assert result.returncode == 0, result.stdout
    french = page(output, "seulement-en-francais")
    hreflangs = {link["hreflang"] for link in french.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs == {"fr", "x-default"}
    switch = french.find("nav", class_="lang-switch")
    link = switch.find("a", hreflang="es")
    # No Spanish advocacy yet: the switcher falls back to the Spanish news list.
    assert link["href"] == "/es/noticias/"
    assert "(page non traduite)" in switch.get_text()
    assert (output / "es" / "noticias" / "index.html").is_file()
    spanish_list = page(output, "es/noticias")
    assert [a.get_text() for a in spanish_list.select(".post-card-title a")] == ["En dos idiomas"]


def test_translation_inherits_what_it_does_not_set(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-02-paire.fr.md": "Title: Original\nCategory: Délégations\nTags: Haïti, Mexique\n\nTexte.\n",
        "news/2025-03-02-paire.es.md": "Title: Traducción\nTags: Haití\n\nTexto.\n",
    })
    output = tmp_path / "output"
    assert build(output, content=content).returncode == 0
    spanish = page(output, "es/traduccion")
    assert spanish.find("time")["datetime"] == "2025-03-02"
    assert spanish.select_one(".meta a")["href"] == "/es/categoria/delegaciones/"
    # Its own tags win over the original's.
    assert [a.get_text() for a in spanish.select(".post-tags a")] == ["Haití"]


def site_settings():
    spec = importlib.util.spec_from_file_location("pelicanconf", ROOT / "pelicanconf.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


def test_a_third_language_is_a_settings_entry_plus_a_catalogue(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))
    # The catalogue: here the French one stands in for a real English translation.
    shutil.copytree(theme / "translations" / "fr", theme / "translations" / "en")
    content = make_content(tmp_path, {
        "news/2025-03-02-paire.fr.md": "Title: Original\n\nTexte.\n",
        "news/2025-03-02-paire.en.md": "Title: English version\n\nText.\n",
    })
    # The settings entry: French's, with English names and words where a URL needs them.
    languages = dict(site_settings()["LANGUAGES"])
    english_paths = {key: path.replace("nouvelles", "news").replace("flux", "feed")
                     for key, path in languages["fr"]["paths"].items()}
    languages["en"] = {"name": "English", "site_name": "International Workers' Solidarity Centre",
                       "locale": "en_CA", "paths": english_paths}
    output = tmp_path / "output"
    result = build(output, content=content, THEME=str(theme), LANGUAGES=languages)
    assert result.returncode == 0, result.stdout
    english = page(output, "en/english-version")
    assert english.html["lang"] == "en"
    assert english.find("time").get_text() == "March 2, 2025"
    hreflangs = {link["hreflang"]: link["href"] for link in english.find_all("link", rel="alternate", hreflang=True)}
    assert hreflangs["fr"].endswith("/original/") and hreflangs["en"].endswith("/en/english-version/")
    assert (output / "en" / "news" / "index.html").is_file()
    assert (output / "en" / "feed" / "atom.xml").is_file()
    french = page(output, "original")
    assert french.find("nav", class_="lang-switch").find("a", hreflang="en")["href"] == "/en/english-version/"
