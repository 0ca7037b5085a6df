"""The site's languages: where each one's pages live, and how a page in one
language finds its counterparts in the others.

Settings: DEFAULT_LANG, and LANGUAGES, a mapping from language code to
``{"name", "locale", "share_locale", "paths": {key: url pattern}}``. The default language
lives at the site root, every other one under "<code>/".
"""

from pelican import signals


class SiteLanguages:
    """The site's languages (LANGUAGES, DEFAULT_LANG): codes, names, locales and each page's address."""
    def __init__(self, settings):
        # Made at initialized, maybe before site_core has checked LANGUAGES and applied the declared
        # defaults (SECTIONS…): nothing here may fail on bad settings, and the rest is read when used.
        self._settings = settings
        self.default = settings.get("DEFAULT_LANG")
        self.languages = settings.get("LANGUAGES") or {}
        self.codes = list(self.languages)

    @property
    def sections(self):
        """{section: target} of the navigation (SECTIONS)."""
        return self._settings["SECTIONS"]

    @property
    def category_sections(self):
        """{category key: section} (CATEGORY_SECTIONS)."""
        return self._settings["CATEGORY_SECTIONS"]

    def prefix(self, lang):
        """Where a language's pages start: "" for the default language, "es/" for the others."""
        return "" if lang == self.default else f"{lang}/"

    def render_fingerprint(self):  # see render_cache
        return [self.default, self.languages, self.sections, self.category_sections]

    def url(self, lang, key, **fields):
        """Site-relative URL (no leading slash) of page `key` in `lang`."""
        return self.prefix(lang) + self.languages[lang]["paths"][key].format(**fields)

    def locale(self, lang):
        """The Babel locale of a language (its code when LANGUAGES gives none)."""
        return self.languages[lang].get("locale", lang)

    def share_locale(self, lang):
        """language_TERRITORY for Open Graph (``share_locale``, else the Babel locale)."""
        return self.languages[lang].get("share_locale") or self.locale(lang)

    def name(self, lang):
        """The language's name in itself ("Español")."""
        return self.languages[lang]["name"]

    def site_name(self, lang):
        """The site's name in that language."""
        return self.languages[lang]["site_name"]


def content_alternates(item):
    """{lang: url} of a content item and of each of its translations."""
    found = {item.lang: item.url}
    for other in item.translations:
        found.setdefault(other.lang, other.url)
    return found


def page_item(context):
    """The article or page a template renders, or None (a list)."""
    return context.get("article") or context.get("page")


def page_language(context):
    """The language of the page a template renders."""
    if context.get("lang"):
        return context["lang"]
    item = page_item(context)
    if item is not None:
        return item.lang
    return context["DEFAULT_LANG"]


def page_url(context):
    """Site-relative URL of the page being rendered."""
    if context.get("url_path") is not None:
        return context["url_path"]
    item = page_item(context)
    return item.url if item is not None else ""


def page_alternates(context):
    """{lang: url} of every existing version of the page being rendered."""
    if context.get("alternates") is not None:
        return context["alternates"]
    item = page_item(context)
    if item is not None:
        return content_alternates(item)
    return {}


def _attach(pelican):
    pelican.settings["SITE_LANGUAGES"] = SiteLanguages(pelican.settings)


def register():
    signals.initialized.connect(_attach)


def x_default(alternates, default_lang):
    """The URL for visitors whose language the site does not have."""
    if default_lang in alternates:
        return alternates[default_lang]
    return next(iter(alternates.values()), None)


def category_section(languages, category):
    """The navigation section of a category's posts (CATEGORY_SECTIONS), "news" by default."""
    return languages.category_sections.get(getattr(category, "key", category), "news")


def page_section(context):
    """Navigation section of the page being rendered, or None."""
    if context.get("section"):
        return context["section"]
    languages = context["SITE_LANGUAGES"]
    if context.get("article") is not None:
        return category_section(languages, getattr(context["article"], "category", None))
    page = context.get("page")
    if page is not None:
        target = f"page:{page.translation_key}"
        for section, points_at in languages.sections.items():
            if points_at == target:
                return section
        return getattr(page, "section", None)
    return None


def switch_targets(context):
    """One entry per language for the language switcher.

    Each goes to this page's counterpart in that language; where there is
    none, to the same section in that language (or its home page), flagged
    ``translated=False`` so the switcher can say so.
    """
    languages = context["SITE_LANGUAGES"]
    current = page_language(context)
    alternates = page_alternates(context)
    sections = context.get("SECTION_URLS", {})
    # Where the section has nothing in a language, an article falls back to
    # that language's news list, anything else to its home page.
    fallbacks = [page_section(context)]
    if context.get("article") is not None:
        fallbacks.append("news")
    targets = []
    for lang in languages.codes:
        url = alternates.get(lang)
        translated = url is not None
        if not translated:
            found = (sections.get(s, {}).get(lang) for s in fallbacks)
            url = next((u for u in found if u is not None), languages.url(lang, "home"))
        targets.append({
            "lang": lang, "name": languages.name(lang), "url": url,
            "current": lang == current, "translated": translated,
        })
    return targets
