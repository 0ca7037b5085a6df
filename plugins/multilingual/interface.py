"""Interface strings and formats in the language of each page.

* Gettext catalogues: THEME/translations/<lang>/LC_MESSAGES/messages.po,
  extracted from the templates with ``pybabel extract`` (see babel.cfg).
  Each .po is compiled to .mo with Babel when it is newer than its .mo, so
  compiled files never need committing.
* One Jinja environment serves every language: the ``_()``/``ngettext()``
  callables installed for jinja2.ext.i18n read the language of the page
  being rendered from the template context (``lang``, or the article's or
  page's own), so a template never passes a language around.
* A string missing from a language's catalogue is logged as a warning
  naming the catalogue, and shown in the msgid's language.
* Babel formats dates and numbers per locale: ``date|localdate``,
  ``date|localdate('MMMM y')``, ``n|localnumber``.
* ``fragment(key…)``: a call block rendered once per run and key.
"""

import functools
import gettext
import logging
import os

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.units import format_unit
from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from content_errors import ContentError, report
from site_core.files import atomic_path
from site_core.html import body
from site_core.run import run_of
from site_core.urls import absolute

from . import structured_data
from .languages import (
    page_alternates,
    page_item,
    page_language,
    page_section,
    page_url,
    switch_targets,
    x_default,
)

logger = logging.getLogger(__name__)
DOMAIN = "messages"


def catalogue_path(theme, lang, ext="po"):
    """Where a language's gettext catalogue (.po, or its compiled .mo) lives in the theme."""
    return os.path.join(theme, "translations", lang, "LC_MESSAGES", f"{DOMAIN}.{ext}")


def compile_catalogue(theme, lang):
    """A language's catalogue, compiled to .mo when the .po is newer (written atomically)."""
    po_path, mo_path = catalogue_path(theme, lang), catalogue_path(theme, lang, "mo")
    if not os.path.exists(po_path):
        raise ContentError(
            f"le catalogue des textes de l'interface en « {lang} » n'existe pas.", path=po_path,
            fix=f"créez-le : pybabel init -i theme/translations/messages.pot -d theme/translations -l {lang}")
    if not os.path.exists(mo_path) or os.path.getmtime(mo_path) < os.path.getmtime(po_path):
        try:
            with open(po_path, "rb") as source:
                catalog = read_po(source, locale=lang)
        except Exception as error:  # Babel's parser raises several kinds
            raise ContentError(f"ce catalogue est illisible ({error}).", path=po_path,
                               fix="annulez la dernière modification de ce fichier.") from None
        with atomic_path(mo_path) as temporary, open(temporary, "wb") as target:
            write_mo(target, catalog, use_fuzzy=False)
    with open(mo_path, "rb") as compiled:
        return gettext.GNUTranslations(compiled)


class _Missing(gettext.NullTranslations):
    """The fallback of a language's catalogue (gettext's own mechanism): it is asked only for a
    string the catalogue lacks, says so once, and gives the msgid."""

    def __init__(self, report_missing):
        super().__init__()
        self.report_missing = report_missing

    def gettext(self, message):
        self.report_missing(message)
        return message

    def ngettext(self, singular, plural, n):
        self.report_missing(singular)
        return singular if n == 1 else plural


class Catalogues:
    """Every language's compiled catalogue, for one run (with the fragments rendered and the strings
    _() shows made once per run)."""

    def __init__(self, settings):
        self.theme = settings["THEME"]
        self.languages = settings["SITE_LANGUAGES"]
        self._reported = set()
        self.by_lang = {}
        for lang in self.languages.codes:
            catalogue = compile_catalogue(self.theme, lang)
            catalogue.add_fallback(_Missing(lambda msgid, lang=lang: self._missing(lang, msgid)))
            self.by_lang[lang] = catalogue
        self.fragments = {}  # see fragment() in install()
        self.shown = {}  # (language, msgid, autoescape) -> what _() shows; see shown_translation in install()

    def _missing(self, lang, msgid):
        if (lang, msgid) not in self._reported:
            self._reported.add((lang, msgid))
            report(ContentError(f"le texte d'interface « {msgid} » n'a pas de traduction.",
                                path=catalogue_path(self.theme, lang),
                                fix="lancez « make translations » puis traduisez-le dans ce catalogue."),
                   logging.WARNING, logger)

    def gettext(self, lang, msgid):
        """The translation of `msgid` in `lang` (a missing one is reported once, and shown as written)."""
        return self.by_lang[lang].gettext(msgid)

    def ngettext(self, lang, singular, plural, n):
        """The plural-aware translation in `lang`."""
        return self.by_lang[lang].ngettext(singular, plural, n)


# A date appears in many lists; Babel's formatting is worth doing once.
_format_date = functools.lru_cache(maxsize=8192)(
    lambda value, fmt, locale: format_date(value, fmt, locale=locale)
)

def install(generator):
    """Give the generator's Jinja environment the i18n callables, filters and globals of every page."""
    settings = generator.settings
    # Once per run, shared by all generators; held by the run (gettext objects do not pickle into
    # Pelican's content cache, and the run never goes there).
    catalogues = run_of(generator).get("catalogues", lambda: Catalogues(settings))
    languages = settings["SITE_LANGUAGES"]

    @pass_context
    def _gettext(context, msgid):
        return catalogues.gettext(page_language(context), msgid)

    @pass_context
    def _ngettext(context, singular, plural, n):
        return catalogues.ngettext(page_language(context), singular, plural, n)

    @pass_context
    def localdate(context, value, fmt="long"):
        return _format_date(value, fmt, languages.locale(page_language(context)))

    @pass_context
    def filesize(context, size):
        """"1,2 Mo" / "1,2 MB": a file size the page's language's way."""
        locale = languages.locale(page_language(context))
        unit, value = ("digital-kilobyte", size / 1000) if size < 1_000_000 else ("digital-megabyte", size / 1_000_000)
        return format_unit(value, unit, length="short", format="#,##0.#", locale=locale)

    @pass_context
    def localnumber(context, value):
        return format_decimal(value, locale=languages.locale(page_language(context)))

    def fragment(*key, caller):
        """``{% call fragment("footer", lang) %}…{% endcall %}``: markup rendered once per
        run and key, for a part of the layout that depends on nothing else (a language's
        footer); thousands of pages then skip re-rendering it."""
        if key not in catalogues.fragments:
            catalogues.fragments[key] = caller()
        return catalogues.fragments[key]

    @pass_context
    def shown_translation(context, msgid, **variables):
        """``_('…')`` as jinja2.ext.i18n's new-style gettext gives it (translated, marked safe where
        the template escapes, formatted with `variables`), with the string of each language made
        once: the extension's two wrappers around each call cost a tenth of a page's rendering."""
        escape = context.eval_ctx.autoescape
        if variables:
            return (Markup if escape else str)(_gettext(context, msgid)) % variables
        key = (page_language(context), msgid, escape)
        if key not in catalogues.shown:
            catalogues.shown[key] = (Markup if escape else str)(_gettext(context, msgid)) % {}
        return catalogues.shown[key]

    env = generator.env
    structured_data.install(env, settings)
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)
    env.globals.update(_=shown_translation, gettext=shown_translation)
    env.filters.update(localdate=localdate, localnumber=localnumber, filesize=filesize)
    env.globals.update(
        page_language=pass_context(page_language),
        page_alternates=pass_context(page_alternates),
        page_item=pass_context(page_item),
        page_url=pass_context(page_url),
        page_section=pass_context(page_section),
        switch_targets=pass_context(switch_targets),
        x_default=x_default,
        absolute_url=lambda url: absolute(settings, url),
        languages=languages,
        fragment=fragment,
        body=body,
    )


def register():
    signals.generator_init.connect(install)
