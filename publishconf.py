"""Production settings: pelicanconf.py plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITE_ORIGIN = "https://www.ciso.qc.ca"
FEED_DOMAIN = SITE_ORIGIN
# A clean build for publishing: no content cache from local edits.
LOAD_CONTENT_CACHE = False
