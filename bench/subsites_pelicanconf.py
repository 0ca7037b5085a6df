"""pelican-i18n-subsites for the benchmark: one Pelican run per language."""

import os
import sys

sys.path.append(os.path.dirname(__file__))
from plain_pelicanconf import *  # noqa: E402,F401,F403

PLUGINS = ["pelican.plugins.i18n_subsites"]
JINJA_ENVIRONMENT = {"extensions": ["jinja2.ext.i18n"]}
I18N_SUBSITES = {"es": {"SITENAME": "Bench ES"}}
