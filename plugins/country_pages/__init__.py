"""A page per country, in each language, gathering everything about it.

A country is a tag of the terms file marked with its ISO code
(``mexique: {fr: Mexique, es: México, country: MX}``). For each country
that has a programme text (``PATH/COUNTRIES_PATH/<tag key>.<lang>.md``) or
anything tagged with it, this generator writes, in each language, a page
with that text and, newest first, every item about the country in that
language: news posts and advocacy letters tagged with it, and whatever other
plugins put in the context list ``ABOUT_COUNTRIES`` (dicts with ``lang``,
``url``, ``title``, ``date``, ``summary``, ``kind`` and ``countries``, a list
of tag keys, optionally ``image``, the original of its picture in the list,
and for messages ``source`` and ``line``, where the data file names the
countries), such as exhibitions and delegation reports. A post's item has
``post``, the article, whose image the template finds as the news lists do.

What it needs and gives: CONTRACT (site_core.contracts); site_core checks
that the plugins filling ABOUT_COUNTRIES come before it in PLUGINS.
"""

import datetime
import logging
import os
from collections import defaultdict

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

import url_registry
from content_errors import ContentError, report
from multilingual import published_with_translations, terms_of
from site_core.contracts import Contract
from site_core.pages import write_page

logger = logging.getLogger(__name__)
__all__ = []
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual"),
    settings={"COUNTRIES_PATH": "countries"},
    paths=("country",),
    reads=("TERMS", "ABOUT_COUNTRIES"),
    provides={"COUNTRY_URLS": "{country tag key: {lang: url}} of the country pages that exist"},
)


def _sort_date(value):
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    return datetime.datetime.min


class CountryPagesGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.terms = terms_of(self)
        self.countries = set(self.terms.with_extra("tag", "country"))
        self.items = defaultdict(list)  # (key, lang) -> items
        for article in published_with_translations(self.context.get("articles", [])):
            for tag in article.tags:
                if tag.key in self.countries:
                    self.items[(tag.key, article.lang)].append({
                        "kind": getattr(getattr(article, "category", None), "key", "news"), "lang": article.lang,
                        "url": article.url, "title": article.title, "date": article.date,
                        "summary": article.summary, "category": getattr(article, "category", None), "post": article})
        for item in self.context.get("ABOUT_COUNTRIES", []):
            for key in item["countries"]:
                if key not in self.countries:
                    names = ", ".join(sorted(f"{k} ({self.terms.get('tag', k, self.languages.default).name})"
                                             for k in self.countries))
                    line = (item.get("lines") or {}).get(key, item.get("line"))  # the country's own line, if known
                    report(ContentError(f"« {key} » n'est pas un pays.", path=item.get("source"), line=line,
                                        fix=f"écrivez la clé d'un pays de {self.settings['TERMS_FILE']} : {names}."),
                           log=logger)
                    continue
                self.items[(key, item["lang"])].append(item)
        self.texts = {}
        folder = os.path.join(self.path, self.settings["COUNTRIES_PATH"])
        for key in self.countries:
            for lang in self.languages.codes:
                path = os.path.join(folder, f"{key}.{lang}.md")
                if os.path.exists(path):
                    try:
                        self.texts[(key, lang)] = self.readers.read_file(
                            base_path=self.path, path=os.path.relpath(path, self.path),
                            content_class=Page, context=self.context)
                    except ContentError as error:
                        report(error, log=logger)
        self.page_keys = {(key, lang) for key in self.countries for lang in self.languages.codes
                      if (key, lang) in self.texts or self.items.get((key, lang))}
        for key, lang in self.page_keys:
            text = self.texts.get((key, lang))
            url_registry.claim(self.context, self.url(key, lang), source=text.source_path if text else None,
                               what=f"la page du pays « {key} »")
        self.context["COUNTRY_URLS"] = {
            key: {lang: self.url(key, lang) for lang in self.languages.codes if (key, lang) in self.page_keys}
            for key in self.countries
        }

    def url(self, key, lang):
        return self.languages.url(lang, "country", slug=self.terms.get("tag", key, lang).slug)

    def generate_output(self, writer):
        for key, lang in sorted(self.page_keys):
            url = self.url(key, lang)
            items = sorted(self.items.get((key, lang), []), key=lambda i: _sort_date(i["date"]), reverse=True)
            write_page(
                self, writer, url, "country", lang=lang, country=self.terms.get("tag", key, lang),
                text=self.texts.get((key, lang)), items=items,
                alternates={code: self.url(key, code) for code in self.languages.codes
                            if (key, code) in self.page_keys})


def get_generators(pelican):
    return CountryPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
