"""A multilingual site from one Pelican run.

Each submodule has one job (those with signals of their own have a register()):

* languages: where each language lives; a page's language and counterparts
* translations: inheritance between a file and its translations; one file
  per language and key
* terms: categories and tags translated through one mapping
* interface: gettext catalogues and Babel formats for templates
* listings: each language's home, lists, term pages, archives, feeds, 404
* sitemap: sitemap.xml with hreflang alternates, robots.txt
"""

import os

from pelican import signals

from content_errors import ContentError, header_line, report

from . import interface, languages, listings, sitemap, terms, translations


def _prepare_articles(generator):
    settings = generator.settings
    items = (generator.articles + generator.translations + generator.hidden_articles + generator.hidden_translations
             + generator.drafts + generator.drafts_translations)  # drafts too: Pelican reads their category
    translations.process(items, settings)
    if "TERMS" not in generator.context:
        path = os.path.join(settings["PATH"], settings.get("TERMS_FILE", "terms.yml"))
        generator.context["TERMS"] = terms.Terms(path, settings["SITE_LANGUAGES"], settings)
    for item in items:
        generator.context["TERMS"].localise(item)
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
