"""Every language's home, news list, category and tag pages, archives by
year, Atom feeds and 404 page, written in the same run as the articles.

Pelican writes these for the default language only (translations get
neither lists nor term pages); pelican-i18n-subsites fixes that by running
Pelican once per language. This generator instead groups the articles
already read by language and writes each language's listings itself, each
listing knowing its counterparts in the other languages (for hreflang and
the language switcher).
"""

import logging
from collections import defaultdict
from operator import attrgetter

from pelican import signals
from pelican.generators import Generator

import url_registry
from site_core.pages import write_page
from site_core.urls import absolute
from site_core.urls import origin as site_origin

from . import sitemap
from .languages import category_section
from .terms import terms_of
from .translations import published_with_translations as all_published

logger = logging.getLogger(__name__)


class Listing:
    """One list page in every language that has it: {lang: (url, items)}."""

    def __init__(self, per_page):
        self.per_page = per_page
        self.by_lang = {}

    def add(self, lang, url, items):
        """The list in `lang`: its first page's URL and its items."""
        self.by_lang[lang] = (url, items)

    def page_count(self, lang):
        """How many pages the list has in `lang` (at least one, even empty)."""
        items = self.by_lang[lang][1]
        return max(1, -(-len(items) // self.per_page)) if self.per_page else 1

    def page_url(self, lang, number):
        """The URL of page `number` of the list in `lang` ("nouvelles/page/2/")."""
        url = self.by_lang[lang][0]
        return url if number == 1 else f"{url}page/{number}/"

    def alternates(self, number=1):
        """{lang: url} of page `number` in every language that has that many pages."""
        return {
            lang: self.page_url(lang, number)
            for lang in self.by_lang
            if number <= self.page_count(lang)
        }


class LanguageListingsGenerator(Generator):
    """Every language's home, lists, term pages, archives, feeds and 404 page."""
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.terms = terms_of(self)
        per_page = self.settings["NEWS_PER_PAGE"]
        articles = all_published(self.context.get("articles", []))
        articles.sort(key=attrgetter("date"), reverse=True)
        self.news = defaultdict(list)
        for article in articles:
            self.news[article.lang].append(article)

        self.listings = {}  # (kind, key) -> Listing
        news = self.listings[("news", None)] = Listing(per_page)
        for lang in self.languages.codes:
            news.add(lang, self.languages.url(lang, "news"), self.news[lang])
        for kind in ("category", "tag"):
            members = defaultdict(list)
            for article in articles:
                terms = [getattr(article, "category", None)] if kind == "category" else article.tags
                for term in filter(None, terms):
                    members[(term.key, term.lang)].append(article)
            for (key, lang), items in sorted(members.items()):
                listing = self.listings.setdefault((kind, key), Listing(per_page))
                listing.add(lang, self.terms.get(kind, key, lang).url, items)
        years = defaultdict(list)
        for article in articles:
            years[(article.date.year, article.lang)].append(article)
        self.years = defaultdict(list)  # lang -> [(year, count)]
        for (year, lang), items in sorted(years.items(), reverse=True):
            listing = self.listings.setdefault(("year", year), Listing(0))
            listing.add(lang, self.languages.url(lang, "year", year=year), items)
            self.years[lang].append((year, len(items)))

        self.context["SECTION_URLS"] = self._section_urls()
        self.context["PAGES_BY_KEY"] = self._pages_by_key()
        self.context["NEWS_BY_LANG"] = self.news
        self.context["NEWS_YEARS"] = dict(self.years)
        self._claim_urls()

    def _pages(self):
        return all_published(self.context.get("pages", [])) + all_published(
            self.context.get("hidden_pages", [])
        )

    def _pages_by_key(self):
        pages = defaultdict(dict)
        for page in self._pages():
            pages[page.translation_key][page.lang] = page
        return pages

    def _section_urls(self):
        """{section: {lang: url}} for every navigation section that exists."""
        pages = self._pages_by_key()
        sections = {}
        for section, target in self.languages.sections.items():
            kind, _, key = target.partition(":")
            if kind == "news":
                urls = self.listings[("news", None)].alternates()
            elif kind == "url":
                urls = {lang: self.languages.url(lang, key) for lang in self.languages.codes}
            elif kind in ("category", "tag"):
                listing = self.listings.get((kind, key))
                urls = listing.alternates() if listing else {}
            else:
                urls = {lang: page.url for lang, page in pages.get(key, {}).items()}
            sections[section] = urls
        return sections

    def _claim_urls(self):
        claim = lambda url, what: url_registry.claim(self.context, url, what=what)  # noqa: E731
        names = {"home": "la page d'accueil", "archives": "les archives des nouvelles", "not_found": "la page 404",
                 "feed": "le fil des nouvelles"}
        for lang in self.languages.codes:
            for key, what in names.items():
                claim(self.languages.url(lang, key), what)
        claim(self.settings["FEED_ALL_LANGUAGES"], "le fil de toutes les langues")
        sitemap.claim_files(self.context)
        kinds = {"news": "la liste des nouvelles", "category": "une page de catégorie", "tag": "une page d'étiquette",
                 "year": "une année des archives"}
        for (kind, key), listing in self.listings.items():
            term = kind in ("category", "tag")  # a term's page: its name comes from the terms file
            for lang in listing.by_lang:
                for number in range(1, listing.page_count(lang) + 1):
                    url_registry.claim(self.context, listing.page_url(lang, number),
                                       what=kinds[kind] + (f" « {key} »" if key else ""),
                                       source=self.terms.path if term else None,
                                       line=self.terms.line_of(key) if term else None)
                if kind == "category":
                    slug = self.terms.get(kind, key, lang).slug
                    claim(self.languages.url(lang, "category_feed", slug=slug), f"le fil de la catégorie « {key} »")

    # --- output -----------------------------------------------------------

    def _write(self, writer, url, template, lang, alternates, **extra):
        write_page(self, writer, url, template, lang=lang, alternates=alternates, **extra)

    def _write_listing(self, writer, listing, template, extra_for):
        for lang, (_, items) in listing.by_lang.items():
            count = listing.page_count(lang)
            per_page = listing.per_page or max(len(items), 1)
            for number in range(1, count + 1):
                self._write(
                    writer, listing.page_url(lang, number), template, lang,
                    listing.alternates(number),
                    articles=items[(number - 1) * per_page: number * per_page],
                    total=len(items),
                    pagination={
                        "number": number, "count": count,
                        "previous": listing.page_url(lang, number - 1) if number > 1 else None,
                        "next": listing.page_url(lang, number + 1) if number < count else None,
                    },
                    **extra_for(lang),
                )

    def _term_page(self, kind, key):
        def extra_for(lang):
            section = category_section(self.languages, key) if kind == "category" else "news"
            return {"term": self.terms.get(kind, key, lang), "section": section}
        return extra_for

    def generate_output(self, writer):
        languages = self.languages
        everywhere = {lang: languages.url(lang, "home") for lang in languages.codes}
        archives = {lang: languages.url(lang, "archives") for lang in languages.codes}
        not_found = {lang: languages.url(lang, "not_found") for lang in languages.codes}
        for lang in languages.codes:
            latest = self.news[lang][: self.settings["HOME_NEWS_COUNT"]]
            self._write(writer, languages.url(lang, "home"), "index", lang, everywhere,
                        section="home", articles=latest)
            self._write(writer, languages.url(lang, "archives"), "archives", lang, archives,
                        section="news", years=self.years[lang])
            self._write(writer, languages.url(lang, "not_found"), "404", lang, not_found,
                        section="home", noindex=True)
        for (kind, key), listing in self.listings.items():
            if kind == "news":
                extra_for = lambda lang: {"section": "news"}  # noqa: E731
            elif kind == "year":
                extra_for = lambda lang, year=key: {"section": "news", "year": year}  # noqa: E731
            else:
                extra_for = self._term_page(kind, key)
            template = "term" if kind in ("category", "tag") else kind
            self._write_listing(writer, listing, template, extra_for)
        self._write_feeds(writer)

    def _write_feeds(self, writer):
        origin = site_origin(self.settings)
        base = dict(self.context, SITEURL=origin, FEED_DOMAIN=origin)
        for lang in self.languages.codes:
            feed_context = dict(
                base, lang=lang, SITENAME=self.languages.site_name(lang),
                home_url=absolute(self.settings, self.languages.url(lang, "home")),
            )
            url = self.languages.url(lang, "feed")
            writer.write_feed(self.news[lang], feed_context, url, url)
            for (kind, key), listing in self.listings.items():
                if kind == "category" and lang in listing.by_lang:
                    term = self.terms.get(kind, key, lang)
                    url = self.languages.url(lang, "category_feed", slug=term.slug)
                    writer.write_feed(listing.by_lang[lang][1], feed_context, url, url, feed_title=term.name)
        everything = sorted(
            (a for items in self.news.values() for a in items), key=attrgetter("date"), reverse=True
        )
        url = self.settings["FEED_ALL_LANGUAGES"]
        writer.write_feed(everything, dict(base, lang=None), url, url)


def get_generators(pelican):
    return LanguageListingsGenerator


def set_feed_identity(context, feed):
    """Each feed has its own id; a language's feed says its language and
    links to that language's home page."""
    feed.feed["id"] = feed.feed["feed_url"]
    if context.get("lang"):
        feed.feed["language"] = context["lang"]
        feed.feed["link"] = context["home_url"]


def register():
    signals.get_generators.connect(get_generators)
    signals.feed_generated.connect(set_feed_identity)
