"""The core every plugin of the site builds on: small modules of named
functions and types, plus one plugin job (listed first in PLUGINS): check
the plugins' contracts and the settings when the build starts, and start
each run's state.

* ``contracts``: ``Contract`` (what a plugin needs, reads, provides, and its
  settings with their defaults); ``check`` at ``initialized``;
* ``run``: ``run_of(generator | context | pelican)``, one build's state;
* ``urls``: ``save_as(url)``, ``absolute(settings, url)``;
* ``pages``: ``write_page(generator, writer, url, template, **values)``, ``neighbours(items)``;
* ``progress``: ``progress(message)``, how far long work has got, shown at once by the build runner;
* ``dates``: ``date_label(date, precision, locale)`` of partial dates;
* ``files``: files written whole or not at all (``atomic_path``,
  ``write_atomically``, ``copy_atomically``, ``remove_leftovers``); the last good site
  (``previous_output``) and files that keep their identity there (``write_or_keep``, ``link_or_copy``);
* ``html``: ``body_html``, ``body``, the only HTML marked safe; ``written_body``;
* ``templates``: templates compiled once per process (Jinja's bytecode cache).
* ``processes``: worker pools (``processes(wanted)``, ``processes_to_fork(wanted)``,
  ``ctrl_c_for_this_process_only()``);

The rest of the shared API lives with the plugin that owns it, each listed
in that plugin's ``__all__`` (the tests refuse an import of anything else
from another plugin): content errors and data-file fields
(``content_errors``), the site's languages, terms and translations
(``multilingual``), the URL registry (``url_registry``), images
(``responsive_images``), folder-based content (``content_folders``).
"""

from pelican import signals

from . import contracts, templates
from .contracts import Contract
from .run import run_of

# The settings of the core's own modules (urls.absolute reads SITE_ORIGIN, files.previous_output
# PREVIOUS_OUTPUT_PATH).
CONTRACT = Contract(settings={"SITE_ORIGIN": "", "PREVIOUS_OUTPUT_PATH": None})


def _start_run(generator):
    run_of(generator)
    templates.share_compiled_templates(generator)


def register():
    signals.initialized.connect(contracts.check)
    signals.generator_init.connect(_start_run)
