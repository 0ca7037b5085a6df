"""Stop the build on bad content with a message that names the file, the line
and the fix, in the authors' language (French).

Pelican alone skips a post with no title or a bad date with a terse log line
and goes on; it lets two files claim one URL until the writer trips over it.
This plugin:

* replaces the Markdown reader with a subclass that checks each metadata
  value as it is read (dates, language codes, a title present) and raises a
  ``ContentError`` naming the source line (the subclass also reuses one
  Markdown instance for every file, where Pelican builds a new one per
  file: a third of the reading time on a large site);
* after every generator has read its content, checks that no two items (in
  any language, published or hidden) share an output file;
* gives other plugins ``load_yaml`` and ``ContentError`` for their data
  files, so every such error reads the same way.

Pelican reports a file its reader rejected as "Could not process <file>"
without the reason, so the reason is logged here first, as an error (the
atomic_output plugin then refuses the build).
"""

import logging
import os
import re

import yaml
from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import pelican_open

logger = logging.getLogger(__name__)


class ContentError(ValueError):
    pass


def load_yaml(path, hint="vérifiez l'indentation (deux espaces) et mettez entre guillemets "
              "les textes qui contiennent « : ».", required=True):
    """A YAML data file's contents; broken YAML raises a ContentError naming
    the file and line. A missing file is a ContentError too, or None when
    the file is optional."""
    if not os.path.exists(path):
        if required:
            raise ContentError(f"{os.path.relpath(path)} est introuvable : créez ce fichier.")
        return None
    with open(path, encoding="utf-8") as source:
        try:
            return yaml.safe_load(source) or {}
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise ContentError(
                f"{os.path.relpath(path)}{line}: YAML illisible ({getattr(error, 'problem', error)}).\n"
                f"  Correction : {hint}"
            ) from None


def _line_of(source_path, name):
    """1-based line of metadata `name` in a Markdown file, or None."""
    pattern = re.compile(rf"^\s*{re.escape(name)}\s*:", re.IGNORECASE)
    try:
        with open(source_path, encoding="utf-8") as text:
            for number, line in enumerate(text, 1):
                if not line.strip():
                    return None  # metadata ends at the first blank line
                if pattern.match(line):
                    return number
    except OSError:
        return None
    return None


def _where(source_path, name=None):
    path = os.path.relpath(source_path)
    line = _line_of(source_path, name) if name else None
    return f"{path}:{line}" if line else path


class CheckedMarkdownReader(MarkdownReader):
    """Markdown reader whose metadata errors say where and how to fix them."""

    _markdown = None
    _meta_step = None

    def _reset_markdown(self):
        if self._markdown is None:
            self._markdown = Markdown(**self.settings["MARKDOWN"])
            self._meta_step = self._markdown.preprocessors["meta"]
        self._markdown.reset()
        # Pelican's _parse_metadata removes the meta step to render fields.
        self._markdown.preprocessors.register(self._meta_step, "meta", 27)
        return self._markdown

    def _read_markdown(self, source_path):
        self._source_path = source_path
        self._md = self._reset_markdown()
        with pelican_open(source_path) as text:
            content = self._md.convert(text)
        meta = getattr(self._md, "Meta", None)
        return content, (self._parse_metadata(meta) if meta else {})

    def read(self, source_path):
        self._reading = source_path
        try:
            content, metadata = self._read_markdown(source_path)
            if not str(metadata.get("title", "")).strip():
                raise ContentError(
                    f"{_where(source_path)}: ce texte n'a pas de titre.\n"
                    "  Correction : ajoutez en première ligne « Title: Le titre »."
                )
        except ContentError as error:
            logger.error("%s", error)
            raise
        finally:
            self._reading = None
        return content, metadata

    def process_metadata(self, name, value):
        reading = getattr(self, "_reading", None)

        def where():  # only worked out for an error: it reads the file again
            return _where(reading, name) if reading else "nom du fichier"

        try:
            if name == "lang":
                self._check_lang(value, where)
            try:
                return super().process_metadata(name, value)
            except ValueError as error:
                if name == "date":
                    raise ContentError(
                        f"{where()}: la date « {value} » n'est pas une date valide.\n"
                        "  Correction : écrivez-la AAAA-MM-JJ, par exemple "
                        "« Date: 2024-11-19 » (ou 2024-11-19 14:30)."
                    ) from None
                raise ContentError(f"{where()}: « {name}: {value} » : {error}") from None
        except ContentError as error:
            if not reading:  # read() logs the errors met while reading the file
                logger.error("%s", error)
            raise

    def _check_lang(self, value, where):
        languages = self.settings.get("LANGUAGES") or {}
        if languages and value not in languages:
            known = ", ".join(languages)
            raise ContentError(
                f"{where()}: la langue « {value} » n'existe pas sur ce site ({known}).\n"
                f"  Correction : nommez le fichier « ….{'.md ou ….'.join(languages)}.md », "
                "ou ajoutez la langue à LANGUAGES dans pelicanconf.py."
            )


def use_checked_reader(readers):
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def _content_items(generators):
    for generator in generators:
        for attribute in (
            "articles", "translations", "hidden_articles", "hidden_translations",
            "pages", "hidden_pages",
        ):
            yield from getattr(generator, attribute, [])


def check_unique_urls(generators):
    owners = {}
    for item in _content_items(generators):
        if not item.save_as:
            continue
        other = owners.setdefault(item.save_as, item)
        if other is not item:
            logger.error(
                "%s et %s donnent la même adresse /%s.\n"
                "  Correction : changez le titre de l'un des deux, ou ajoutez-lui "
                "une ligne « Slug: autre-adresse ».",
                os.path.relpath(other.source_path),
                os.path.relpath(item.source_path),
                item.url,
            )


def register():
    signals.readers_init.connect(use_checked_reader)
    signals.all_generators_finalized.connect(check_unique_urls)
