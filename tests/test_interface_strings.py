"""Interface strings: every template string translated, none left on a page."""

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sitebuild import ROOT

LANGS = ["fr", "es"]


def template_strings():
    found = extract_from_dir(
        ROOT / "theme" / "templates",
        method_map=[("**.html", "jinja2")],
        options_map={"**.html": {"extensions": "jinja2.ext.i18n"}},
    )
    return {message if isinstance(message, str) else message[0] for _, _, message, _, _ in found}


def catalogue(lang):
    with open(ROOT / "theme" / "translations" / lang / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=lang)


def translated(message):
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return message.id and "fuzzy" not in message.flags and all(strings)


def test_templates_use_strings():
    assert len(template_strings()) > 20


def test_every_template_string_is_translated_in_every_language():
    wanted = template_strings()
    for lang in LANGS:
        done = {m.id if isinstance(m.id, str) else m.id[0] for m in catalogue(lang) if translated(m)}
        assert not wanted - done, f"{lang}: untranslated {sorted(wanted - done)}"


def test_no_spanish_page_shows_an_untranslated_interface_string(site, pages):
    spanish = catalogue("es")
    english = {m.id if isinstance(m.id, str) else m.id[0] for m in spanish if m.id}
    for path, page in pages.items():
        if page.html["lang"] != "es":
            continue
        chrome = [page.find("header", class_="site-header"), page.find("footer", class_="site-footer")]
        chrome += page.select("nav, h1, .count, .pager")
        texts = {t.strip() for part in chrome if part for t in part.stripped_strings}
        assert not texts & english, f"{path}: {sorted(texts & english)}"
