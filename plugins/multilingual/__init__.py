"""A multilingual site from one Pelican run.

Each submodule has one job (those with signals of their own have a register()):

* languages: where each language lives; a page's language and counterparts
* translations: inheritance between a file and its translations; one file
  per language and key
* terms: categories and tags translated through one mapping
* interface: gettext catalogues and Babel formats for templates
* listings: each language's home, lists, term pages, archives, feeds, 404
* sitemap: sitemap.xml with hreflang alternates, robots.txt
* structured_data: the JSON-LD of posts and home pages, for templates
"""

from pelican import signals

from content_errors import ContentError, header_line, report
from site_core.contracts import Contract

from . import interface, languages, listings, sitemap, terms, translations
from .languages import SiteLanguages
from .terms import Term, Terms, TermsError, terms_of
from .translations import TEXT_FIELDS, inherited_fields, own_or_inherited, published_with_translations

__all__ = ["SiteLanguages", "Term", "Terms", "TermsError", "terms_of", "TEXT_FIELDS", "inherited_fields",
           "own_or_inherited", "published_with_translations", "languages", "terms", "translations", "interface",
           "listings", "sitemap"]

CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry"),
    settings={
        "TERMS_FILE": "terms.yml", "TERMS_DEFAULT_CATEGORY": None, "TRANSLATION_OWN_FIELDS": translations.OWN_FIELDS,
        "NEWS_PER_PAGE": 10, "HOME_NEWS_COUNT": 4, "SECTIONS": {}, "CATEGORY_SECTIONS": {},
        "FEED_ALL_LANGUAGES": "feeds/all.atom.xml",
        "SHARE_IMAGE": {"url": "", "width": 0, "height": 0}, "ORGANIZATION_ALTERNATE_NAMES": [],
    },
    paths=("home", "news", "category", "tag", "subject", "archives", "year", "feed", "category_feed", "not_found"),
    provides={
        "SITE_LANGUAGES": "the site's languages (SiteLanguages), also in the settings from initialized on",
        "TERMS": "the terms of TERMS_FILE (Terms): categories, tags, subjects in every language",
        "SECTION_URLS": "{section: {lang: url}} of each navigation section that exists",
        "PAGES_BY_KEY": "{translation key: {lang: page}} of the published pages",
        "NEWS_BY_LANG": "{lang: [articles]}, newest first",
        "NEWS_YEARS": "{lang: [(year, count)]} of the news archives",
    },
)


def _prepare_articles(generator):
    settings = generator.settings
    items = (generator.articles + generator.translations + generator.hidden_articles + generator.hidden_translations
             + generator.drafts + generator.drafts_translations)  # drafts too: Pelican reads their category
    translations.process(items, settings)
    site_terms = terms_of(generator)
    for item in items:
        site_terms.localise(item)
    check_same_section(items, settings["SITE_LANGUAGES"])
    freeze_urls(items)


def check_same_section(items, languages):
    """A translation is in its original's category: one that sets another is a mistake (it would sit
    in another section of the site than its original)."""
    for group in translations.translation_groups(items):
        original = translations.original_of(group, languages)
        for item in group:
            theirs, ours = getattr(original, "category", None), getattr(item, "category", None)
            if item is not original and "category" in item.metadata and theirs and ours and theirs.key != ours.key:
                report(ContentError(
                    f"cette traduction est dans la rubrique « {ours.name} », son original dans « {theirs.name} ».",
                    path=item.source_path, line=header_line(item.source_path, "category"),
                    fix="retirez la ligne « Category: » de la traduction : elle prend celle de l'original."))


def _prepare_pages(generator):
    items = generator.pages + generator.translations + generator.hidden_pages + generator.hidden_translations
    translations.process(items, generator.settings)
    freeze_urls(items)


def freeze_urls(items):
    """Pelican recomputes an item's URL (a format and a relpath) at every
    access, dozens of times per item across the lists; once final, keep it."""
    for item in items:
        item.override_url = item.url


def register():
    for module in (languages, interface, listings, sitemap):
        module.register()
    signals.article_generator_finalized.connect(_prepare_articles)
    signals.page_generator_finalized.connect(_prepare_pages)
