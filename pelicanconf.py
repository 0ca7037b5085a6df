"""Pelican settings for local builds (`make html`, `make devserver`).

Production overrides live in publishconf.py. Words shown to visitors live in
content/ (articles, pages, terms.yml) and in the theme's gettext catalogues,
not here.
"""

import os

AUTHOR = "CISO"
SITENAME = "CISO"
SITEURL = ""  # internal links are root-relative
# Absolute address of the site, for canonical and hreflang links, feeds,
# the sitemap and sharing tags.
SITE_ORIGIN = "http://127.0.0.1:8000"
FEED_DOMAIN = SITE_ORIGIN
PATH = "content"
THEME = "theme"
TIMEZONE = "America/Montreal"

# --- Languages -------------------------------------------------------------
# One run renders every language. The default language lives at the site
# root, every other one under "/<code>/". Adding a language is one entry here
# plus theme/translations/<code>/LC_MESSAGES/messages.po.
DEFAULT_LANG = "fr"
LANGUAGES = {
    "fr": {
        "name": "Français",
        "site_name": "Centre international de solidarité ouvrière",
        "locale": "fr_CA",
        "share_locale": "fr_CA",  # Open Graph's language_TERRITORY
        "paths": {
            "home": "",
            "news": "nouvelles/",
            "category": "categorie/{slug}/",
            "tag": "etiquette/{slug}/",
            "archives": "archives-des-nouvelles/",
            "year": "archives-des-nouvelles/{year}/",
            "feed": "flux/atom.xml",
            "category_feed": "flux/categorie-{slug}.atom.xml",
            "not_found": "404.html",
            "exhibition": "expositions/{slug}/",
            "photo": "expositions/{slug}/{photo}/",
            "exhibition_print": "expositions/{slug}/panneaux/",
            "kit": "trousses-pedagogiques/{slug}/",
            "quiz": "trousses-pedagogiques/{slug}/quiz/",
            "quiz_key": "trousses-pedagogiques/{slug}/quiz/corrige/",
            "kit_filter": "trousses-pedagogiques/filtre/{facet}/{value}/",
            "subject": "trousses-pedagogiques/filtre/subject/{slug}/",
            "publication": "archives/{slug}/",
            "country": "pays/{slug}/",
            "delegations": "delegations/",
            "delegation": "delegations/{slug}/",
            "publication_issue": "archives/{slug}/{issue}/",
            "search": "recherche/",
        },
    },
    "es": {
        "name": "Español",
        "site_name": "Centro Internacional de Solidaridad Obrera",
        "locale": "es",
        "share_locale": "es_LA",  # Facebook's Latin-American Spanish (Mexico, Colombia)
        "paths": {
            "home": "",
            "news": "noticias/",
            "category": "categoria/{slug}/",
            "tag": "etiqueta/{slug}/",
            "archives": "archivo-de-noticias/",
            "year": "archivo-de-noticias/{year}/",
            "feed": "flujo/atom.xml",
            "category_feed": "flujo/categoria-{slug}.atom.xml",
            "not_found": "404.html",
            "exhibition": "exposiciones/{slug}/",
            "photo": "exposiciones/{slug}/{photo}/",
            "exhibition_print": "exposiciones/{slug}/paneles/",
            "kit": "materiales-pedagogicos/{slug}/",
            "quiz": "materiales-pedagogicos/{slug}/cuestionario/",
            "quiz_key": "materiales-pedagogicos/{slug}/cuestionario/respuestas/",
            "kit_filter": "materiales-pedagogicos/filtro/{facet}/{value}/",
            "subject": "materiales-pedagogicos/filtro/subject/{slug}/",
            "publication": "archivo/{slug}/",
            "country": "paises/{slug}/",
            "delegations": "delegaciones/",
            "delegation": "delegaciones/{slug}/",
            "publication_issue": "archivo/{slug}/{issue}/",
            "search": "buscar/",
        },
    },
}
# Feed of every language together.
FEED_ALL_LANGUAGES = "feeds/all.atom.xml"
NEWS_PER_PAGE = 10
HOME_NEWS_COUNT = 4

# Navigation: section key -> what it points at. "news" is the news list,
# "category:<term>" a category of content/terms.yml, "page:<key>" the page
# whose file is content/pages/<key>.<lang>.md, "url:<paths key>" a page that
# a plugin writes in every language (LANGUAGES paths). Labels come from the catalogue.
SECTIONS = {
    "news": "news",
    "delegations": "url:delegations",
    "exhibitions": "page:expositions",
    "kits": "page:trousses-pedagogiques",
    "archives": "page:archives",
    "advocacy": "category:plaidoyer",
    "about": "page:a-propos",
}
# Category term -> section, for articles (everything else is "news").
# Standing pages shown at the top of a category's list, by translation key: the campaigns in
# advocacy, the year's agenda in education.
CATEGORY_PAGES = {
    "plaidoyer": ["sortons-la-caisse", "loi-diligence-raisonnable", "justice-migrante"],
    "education": ["activites-education-2024-2025"],
}
# Pages linked from every footer, by translation key.
FOOTER_PAGES = ["adhesion", "alliances", "presse", "contact", "appui-50e"]
CATEGORY_SECTIONS = {"delegations": "delegations", "plaidoyer": "advocacy"}
TERMS_FILE = "terms.yml"

# --- Sharing ----------------------------------------------------------------
# The card social networks show for a page without an image of its own.
SHARE_IMAGE = {"url": "/theme/images/share-card.png", "width": 1200, "height": 630}
# The organisation's address, email, phone, newsletter, social accounts, membership fees and how to give
# (plugins/organisation_details): one file the officer fills in, under content/. The footer links
# every account (one still empty: the page of the contact block instead), structured data gives those
# filled in; each page below shows its block after its text (by translation key: contact.fr.md is "contact").
ORGANISATION_DETAILS_FILE = "coordonnees.yml"
ORGANISATION_DETAILS_BLOCKS = {"contact": "contact", "adhesion": "membership", "appui-50e": "donation"}
ORGANIZATION_ALTERNATE_NAMES = ["CISO"]  # the other names structured data gives the organisation

# --- Content ---------------------------------------------------------------
# "2024-11-19-panel-jqsi.fr.md": date, translation key, language.
FILENAME_METADATA = (
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})-)?(?P<translation_key>[^.]+)(?:\.(?P<lang>[^.]+))?$"
)
# Never read or published: editors' and systems' own files (".DS_Store", Word's "~$…" locks).
IGNORE_FILES = [".*", "~$*", "*~", "Thumbs.db", "desktop.ini"]
# The sentence `make post` writes in a new post: a text that still holds it is not published.
PLACEHOLDER_BODY = {
    "fr": "Écrivez ici le texte de la nouvelle, en Markdown. Remplissez « summary: » (une ou deux phrases "
          "qui résument la nouvelle) et, au besoin, « tags: » (étiquettes de content/terms.yml, séparées "
          "par des virgules : « tags: Colombie, Mexique »).",
}
# The example alt text the README and the messages give: a real image's description replaces it.
PLACEHOLDER_ALT = ["Ce que montre la photo"]
ARTICLE_TRANSLATION_ID = "translation_key"
PAGE_TRANSLATION_ID = "translation_key"
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["media"]
# The site's icon (plugins/site_icons): the pages name the SVG, the build draws /favicon.ico and
# /apple-touch-icon.png from it.
SITE_ICON = "icons/favicon.svg"
# The exhibition the home page leads with (its folder under content/exhibitions/); none: the first
# exhibition that has photos.
HOME_EXHIBITION = "du-mexique-au-quebec"
# content/exhibitions/<name>/: index.<lang>.md and exhibition.yml (exhibitions plugin)
EXHIBITIONS_PATH = "exhibitions"
# content/kits/<name>/: index.<lang>.md, kit.yml, quiz.yml (teaching_kits plugin)
KITS_PATH = "kits"
KIT_FILES_URL = "documents/{kit}/"
# content/archives/<name>/: index.<lang>.md and catalogue.csv (periodical_archives plugin)
ARCHIVES_PATH = "archives"
ARCHIVE_FILES_URL = "documents/{publication}/"
# content/countries/<tag key>.<lang>.md: a country's programme (country_pages plugin)
COUNTRIES_PATH = "countries"
# content/delegations/<name>/: index.<lang>.md and delegation.yml (delegation_reports plugin)
DELEGATIONS_PATH = "delegations"
DELEGATION_FILES_URL = "documents/{delegation}/"
# Full-text search (site_search plugin): Pagefind writes its index here.
SEARCH_INDEX = True
SEARCH_BUNDLE_DIR = "pagefind"
# A post dated in the future is published by the first build on or after its
# date (scheduled_posts plugin, which makes that decision on every build).
WITH_FUTURE_DATES = True
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = ""  # see TERMS_DEFAULT_CATEGORY
TERMS_DEFAULT_CATEGORY = "nouvelles"
SUMMARY_MAX_LENGTH = 40

ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_URL = DRAFT_SAVE_AS = DRAFT_LANG_URL = DRAFT_LANG_SAVE_AS = ""

# Lists, term pages, archives and feeds are written per language by the
# multilingual plugin; Pelican's own single-language ones are switched off.
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
CATEGORIES_SAVE_AS = TAGS_SAVE_AS = AUTHORS_SAVE_AS = ARCHIVES_SAVE_AS = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ATOM = FEED_RSS = FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
FEED_MAX_ITEMS = 20
PAGINATED_TEMPLATES = {}  # the multilingual plugin paginates its own lists

RELATIVE_URLS = False
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
# Cache whole articles, not just parsed text: our plugins recompute what
# they add (inheritance, terms, URLs) on every run.
CONTENT_CACHING_LAYER = "generator"
CHECK_MODIFIED_METHOD = "mtime"
GZIP_CACHE = False  # a few MB more on disk, faster cold and warm builds

# Every template escapes what it shows; the HTML of a text's body is marked as such in one
# place (plugins/site_core/html.py).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.toc": {"permalink": False},
    },
    "output_format": "html5",
}

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    # In the order their contracts ask for (site_core checks it): each after the plugins it needs.
    "site_core", "content_errors", "parallel_build", "url_registry", "multilingual", "organisation_details",
    "scheduled_posts", "responsive_images", "content_folders", "exhibitions", "teaching_kits", "periodical_archives",
    "delegation_reports", "country_pages", "site_search", "email_digest", "web_editor", "site_icons", "typography",
    "render_cache",
]
# The web editor at /admin/ (plugins/web_editor): Decap CMS from npm (package.json). Here, for the dev
# server: saves go through the local proxy that `make devserver` starts, into content/ on this
# computer. publishconf.py names the Git host, where each save is a commit.
WEB_EDITOR = {
    "scripts": os.path.join(os.path.dirname(os.path.abspath(__file__)), "node_modules", "decap-cms", "dist"),
    "entry": "decap-cms.js",
    "local_backend": "http://127.0.0.1:8081/api/v1",
}
