"""Plain Pelican with our URL layout (every page a folder with index.html),
to tell the cost of that layout apart from the cost of our plugins."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from plain_pelicanconf import *  # noqa: E402,F401,F403

ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
