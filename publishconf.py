"""Production settings: pelicanconf.py plus the public address."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

SITE_ORIGIN = "https://www.ciso.qc.ca"
FEED_DOMAIN = SITE_ORIGIN
# A clean build for publishing: no content cache from local edits, and none left for them.
LOAD_CONTENT_CACHE = False
CACHE_CONTENT = False
# Strict: any warning (an untranslated interface string, a language without
# search results...) stops the build; nothing half-right goes public.
BUILD_FAIL_ON_WARNINGS = True
# .gz and .br copies of every text file, for servers that send them as they
# are (see deploy/nginx.conf); last, so that it sees every file.
PLUGINS = PLUGINS + ["pelican.plugins.precompress"]  # noqa: F405
# The web editor's Git host, where each save in /admin/ becomes a commit (README, « L'éditeur web
# en ligne »). Until it is named here the public site has no /admin/; the dev server's local
# proxy is never published. For gitlab.com (nothing else to install), for example:
#   WEB_EDITOR_BACKEND = {"name": "gitlab", "repo": "ciso/site-web", "branch": "main",
#                         "auth_type": "pkce", "app_id": "<the Application ID GitLab shows>"}
# Another host (a Gitea or Forgejo, a GitLab of your own): also name its address in the
# editor's Content-Security-Policy, deploy/nginx.conf (map $ciso_content_security_policy).
WEB_EDITOR_BACKEND = None
WEB_EDITOR = dict(WEB_EDITOR, local_backend=None, backend=WEB_EDITOR_BACKEND)  # noqa: F405

# Where `make publish` sends the site once the build and the checks pass:
# "rsync" to DEPLOY_TARGET ("user@host:/var/www/ciso/" or a local folder),
# or "git" to the branch DEPLOY_TARGET of this repository (static hosting).
# An empty target builds and checks, then stops before sending anything.
DEPLOY_METHOD = "rsync"
DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")
