"""What `make post` and `make translate` share: the site's settings, its
languages and terms (the multilingual plugin's own), and a plain French
message for a wrong input."""

import os
import sys

from pelican.settings import read_settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))
from content_errors import ContentError, show_paths_from  # noqa: E402
from multilingual import SiteLanguages, Terms  # noqa: E402
from site_core.contracts import with_defaults  # noqa: E402


class AuthoringError(Exception):
    """A wrong input: the message says what was wrong and what to type instead."""


def load_site(settings_file="pelicanconf.py", content=None):
    """(settings with the plugins' defaults, SiteLanguages, Terms) of a content folder, as a build sees them."""
    override = {"PATH": os.path.abspath(content)} if content else None
    settings = with_defaults(read_settings(settings_file, override=override))  # as a build would see them
    show_paths_from(os.path.dirname(settings["PATH"]))
    languages = SiteLanguages(settings)
    return settings, languages, Terms(os.path.join(settings["PATH"], settings["TERMS_FILE"]), languages, settings)


def check_language(code, languages):
    """`code` if the site has that language, else an AuthoringError listing the ones it has."""
    if code not in languages.codes:
        names = ", ".join(f"{c} ({languages.name(c)})" for c in languages.codes)
        raise AuthoringError(f"La langue « {code} » n'existe pas sur le site. Langues possibles : {names}.")
    return code


def run(main):
    """Run a command; a wrong input ends with its message and exit status 2, no traceback."""
    try:
        main()
    except (AuthoringError, ContentError) as error:  # a ContentError: a broken terms file, say
        print(f"Erreur : {error}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, EOFError):
        print("\nAbandon : aucun fichier n'a été créé.", file=sys.stderr)
        sys.exit(1)
