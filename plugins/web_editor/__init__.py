"""A web editor for the content files, served with the site: a Git-based CMS's page and settings.

The editor itself is an npm package (Decap CMS: one built script and the parts
it loads beside it, every interface language bundled); this plugin only puts
it in the output, with the two files the theme writes for it:

* ``<folder>/index.html``, from the theme's template ``admin`` (the page that
  loads the editor's script, from the site itself);
* ``<folder>/config.yml``, from the theme's template ``admin/config.yml``:
  the editor's collections, written by the theme in the authors' words. The
  template gets ``choices(kind, lang)`` (the terms of a kind, as the pick
  lists' ``{label, value}``: a category or a tag cannot be mistyped),
  ``per_language(label, name, …)`` (a field given in each of the site's
  languages, as an object of one field per language), ``languages`` (the site's languages, for the editor's locales),
  ``backend`` and ``local_backend`` (from the settings), ``content_folder``
  (the content folder's name: the editor's paths start there), and ``json``
  to write any value as YAML reads it.

The scripts are linked into the output (a hard link, or a copy across file
systems), not rewritten: a build adds the editor in milliseconds.

Settings: WEB_EDITOR (default None: no editor), a dict with ``scripts`` (the
package's folder of built files), ``entry`` (the script the page loads;
the parts it loads are the files ending in ``.<entry>``), ``folder``
(default "admin"), ``backend`` (the editor's backend settings for the Git
host: where each save becomes a commit) and ``local_backend`` (the address
of the local proxy that writes the files on this computer, for the dev
server; None in production).
"""

import json
import logging
import os

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

import url_registry
from content_errors import ContentError, report
from multilingual import terms_of
from site_core.contracts import Contract
from site_core.files import link_or_copy, previous_output, write_or_keep

logger = logging.getLogger(__name__)
__all__ = ["editor_settings", "editor_scripts", "per_language"]
CONTRACT = Contract(needs=("site_core", "content_errors", "url_registry", "multilingual"),
                    settings={"WEB_EDITOR": None})


def editor_settings(settings):
    """WEB_EDITOR with its defaults, or None when the site has no editor, or an editor with nowhere
    to save (neither a Git host nor a local proxy: an editor that saves nothing is not published)."""
    given = settings["WEB_EDITOR"]
    editor = {"folder": "admin", "backend": None, "local_backend": None, **(given or {})}
    return editor if given and (editor["backend"] or editor["local_backend"]) else None


def editor_scripts(editor):
    """The editor's script files to serve: its entry and the parts it loads (source maps left out)."""
    folder, entry = editor["scripts"], editor["entry"]
    return sorted(name for name in os.listdir(folder)
                  if name == entry or (name.endswith("." + entry) and not name.endswith(".map")))


class WebEditorGenerator(Generator):
    def generate_context(self):
        self.editor = editor_settings(self.settings)
        if self.editor:
            url_registry.reserve(self.context, self.editor["folder"].strip("/"), what="l'éditeur web")

    def generate_output(self, writer):
        if not self.editor:
            return
        folder = os.path.join(self.output_path, self.editor["folder"].strip("/"))
        if not os.path.isdir(self.editor["scripts"]):
            report(ContentError(f"l'éditeur web n'est pas installé (dossier {self.editor['scripts']} introuvable).",
                                fix="lancez « make html » ou « make devserver », qui l'installent depuis npm."),
                   log=logger)
            return
        os.makedirs(folder, exist_ok=True)
        for name in editor_scripts(self.editor):
            link_or_copy(os.path.join(self.editor["scripts"], name), os.path.join(folder, name))
        terms = terms_of(self)
        languages = self.settings["SITE_LANGUAGES"]

        def choices(kind, lang=None):
            lang = lang or languages.default
            return [{"label": terms.get(kind, key, lang).name, "value": key} for key in terms.keys(kind)]

        values = dict(self.context, choices=choices, languages=languages, json=_yaml_value,
                      per_language=lambda *args, **options: per_language(languages, *args, **options),
                      backend=self.editor["backend"], local_backend=self.editor["local_backend"],
                      entry=self.editor["entry"],
                      content_folder=os.path.basename(os.path.abspath(self.settings["PATH"])))
        previous = os.path.join(previous_output(self.settings), self.editor["folder"].strip("/"))
        for template, name in (("admin.html", "index.html"), ("admin/config.yml", "config.yml")):
            text = self.env.get_template(template).render(values)
            write_or_keep(os.path.join(folder, name), text, os.path.join(previous, name))


def per_language(languages, label, name, widget="string", required=True, hint=None, **options):
    """An editor field for a value given in each language of the site, as the data files hold it
    ({fr: …, es: …}): an object with one field per language, the default language's required
    (when the value is), the others optional (a page shows the default language's where one is
    missing). `options` go to each language's field (a pattern, a list's settings)."""
    return {"label": label, "name": name, "widget": "object", "required": required, **({"hint": hint} if hint else {}),
            "fields": [{"label": languages.name(code), "name": code, "widget": widget,
                        "required": required and code == languages.default, **options} for code in languages.codes]}


def _yaml_value(value):
    """`value` written so that YAML reads it back as it is (JSON is YAML); marked safe because the
    file is YAML, not HTML: HTML escaping would turn its quotes into entities."""
    return Markup(json.dumps(value, ensure_ascii=False))


def get_generators(pelican):
    return WebEditorGenerator


def register():
    signals.get_generators.connect(get_generators)
