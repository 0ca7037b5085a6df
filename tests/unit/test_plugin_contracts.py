"""What plugins share through the context is declared (site_core.contracts), checked on a whole
build of the small site with every kind of content; a contract broken in the settings stops the
build with its French message, in this process."""

import importlib

from pelican import signals

from site_core.contracts import declared_context_keys
from sitebuild import ROOT, build, build_fails_saying
from small_site import make_small_site


def test_every_context_key_a_build_adds_is_declared_by_the_plugin_that_makes_it(tmp_path):
    seen = {}

    def remember(generators):
        seen["context"], seen["settings"] = generators[0].context, dict(generators[0].settings)

    signals.all_generators_finalized.connect(remember, weak=False)
    try:
        result = build(tmp_path / "output", content=make_small_site(tmp_path))
    finally:
        signals.all_generators_finalized.disconnect(remember)
    assert result.returncode == 0, result.stdout
    added = {key for key in set(seen["context"]) - set(seen["settings"]) if key.isupper()}
    modules = [importlib.import_module(name) for name in seen["settings"]["PLUGINS"]]
    declared = declared_context_keys(modules)
    assert added, "the build adds keys for templates"
    assert added <= set(declared), sorted(added - set(declared))
    assert {"TERMS", "SECTION_URLS", "EXHIBITIONS", "KITS_BY_LANG", "COUNTRY_URLS", "ABOUT_COUNTRIES"} <= added


def test_a_plugin_moved_before_one_it_needs_stops_the_build_naming_the_settings_line(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text((ROOT / "pelicanconf.py").read_text() + '\nPLUGINS.remove("country_pages")\n'
                        'PLUGINS.insert(PLUGINS.index("exhibitions"), "country_pages")\n')
    line = len(settings.read_text().splitlines())  # the line that moved it
    build_fails_saying(tmp_path / "output", f"settings.py, ligne {line} : le plugin « country_pages » lit "
                       "« ABOUT_COUNTRIES », que « exhibitions » fournit, mais il est listé avant lui.",
                       "placez « \"exhibitions\" » avant « \"country_pages\" »", settings=settings,
                       content=make_small_site(tmp_path))


def test_a_language_missing_an_address_stops_the_build_before_anything_is_read(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text((ROOT / "pelicanconf.py").read_text() + '\ndel LANGUAGES["es"]["paths"]["kit"]\n'
                        'NEWS_PER_PAGE = "10"\n')
    last = len(settings.read_text().splitlines())
    said = build_fails_saying(tmp_path / "output",
                              "LANGUAGES[\"es\"][\"paths\"] n'a pas « kit » (le plugin « teaching_kits » en fait une "
                              "adresse).", f"settings.py, ligne {last} : NEWS_PER_PAGE devrait être un nombre",
                              settings=settings, content=make_small_site(tmp_path))
    assert "KeyError" not in said and not (tmp_path / "output").exists()
