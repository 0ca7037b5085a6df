"""Plain Pelican for the benchmark: default theme, core translations only."""

PATH = "content"
SITENAME = "Bench"
SITEURL = ""
TIMEZONE = "America/Montreal"
DEFAULT_LANG = "fr"
FILENAME_METADATA = (
    r"(?:(?P<date>\d{4}-\d{2}-\d{2})-)?(?P<translation_key>[^.]+)(?:\.(?P<lang>[^.]+))?$"
)
ARTICLE_TRANSLATION_ID = "translation_key"
ARTICLE_PATHS = ["news"]
PAGE_PATHS = ["pages"]
PLUGINS = []
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
TRANSLATION_FEED_ATOM = "feeds/all-{lang}.atom.xml"
