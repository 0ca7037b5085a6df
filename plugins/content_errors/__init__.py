"""Stop the build on bad content with a message that names the file, the line
and the fix, in the authors' language (French).

What other plugins share through this one (named functions, no internals):

* ``ContentError(message, path=, line=, fix=)``: a mistake in the content,
  as a structured problem. Raise it from a reader or a data-file loader;
  ``report(error)`` logs it so that the build runner (tools/build.py) counts
  it and prints it, the same way everywhere (terminal, pipe, CI, the dev
  server's page).
* ``read_text(path)``: a text file's contents, whatever its encoding was
  saved as (UTF-8, with or without a byte-order mark, UTF-16, or the
  Windows-1252 that Word and Excel write); only a file that is not text at
  all stops the build.
* ``load_yaml(path)``: a data file's contents; broken YAML names its line,
  and every mapping read remembers its line (``line_of(entry, key)``), so a
  message about an entry can name it; ``expect(value, dict|list, …)``
  refuses a value of the wrong shape with a plain message.
* ``inside(folder, written, ...)``: a path a content file names, resolved
  (symbolic links included) and guaranteed to stay inside ``folder``.
* ``partial_date(value, …)``: a date written AAAA, AAAA-MM or AAAA-MM-JJ, with
  its precision, or a ContentError; ``partial_iso(date, precision)``.
* ``shown(path)``: a path as messages show it; ``describe(message, path,
  line, fix)``: a problem as people read it (ContentError's text, and the
  build runner's records).
* ``header_line(path, field)``: the line of a Markdown file's header that
  sets `field` (for a message about it), or None.

This plugin also replaces Pelican's Markdown reader (markdown_reader.py:
our own header parsing, every mistake named by line) and keeps static files
found through links to elsewhere out of the site.
"""

import datetime
import logging
import os
import re

import yaml
from pelican import signals

logger = logging.getLogger(__name__)


class ContentError(ValueError):
    """A mistake an author made: what is wrong, in which file and line, and how to fix it."""

    def __init__(self, message, path=None, line=None, fix=None):
        super().__init__(message)
        self.message, self.path, self.line, self.fix = message, path, line, fix

    def __str__(self):
        return describe(self.message, self.path, self.line, self.fix)


def describe(message, path=None, line=None, fix=None):
    """A problem as people read it: "content/news/x.fr.md, ligne 3 : message", then the fix."""
    where = f"{shown(path)}, ligne {line}" if path and line else shown(path) if path else ""
    return (f"{where} : {message}" if where else message) + (f"\n  Correction : {fix}" if fix else "")


_shown_from = [None]  # the folder messages' paths start from (see show_paths_from)


def show_paths_from(folder):
    """Messages name files from `folder` on (the build runner gives the content folder's parent, so a
    file reads "content/news/…" wherever the build runs); None: from the current directory."""
    _shown_from[0] = folder


def shown(path):
    """A path as a message shows it: from the folder set by show_paths_from, when it is below it."""
    path = str(path)
    if not os.path.isabs(path):
        return path
    relative = os.path.relpath(path, _shown_from[0] or os.curdir)
    return path if relative.startswith("..") else relative


def report(error, level=logging.ERROR, log=logger):
    """Log a ContentError so that the build runner records it as a problem (and fails the build)."""
    error.reported = True  # a caller that re-raises it is not reported twice
    log.log(level, "%s", error, extra={"problem": error})


# --- Reading text files --------------------------------------------------

# Word and Excel on Windows save "texte" as Windows-1252 by default; every
# byte sequence that is not UTF-8 is, in practice, that.
FALLBACK_ENCODING = "cp1252"


def decode_text(data, path):
    """Text from a file's bytes: UTF-8 (byte-order mark dropped), UTF-16 with its mark, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        bad_at = error.start
    if b"\x00" not in data:
        try:
            return data.decode(FALLBACK_ENCODING)
        except UnicodeDecodeError:
            pass
    line = data.count(b"\n", 0, bad_at) + 1
    raise ContentError(
        "ce fichier n'est pas du texte lisible (ni UTF-8, ni Windows-1252).", path=path, line=line,
        fix="enregistrez-le en texte « UTF-8 » (dans Word : Fichier > Enregistrer sous > Texte brut, "
            "codage Unicode UTF-8), ou remplacez-le par sa dernière version correcte.")


def read_text(path):
    """A text file's contents (see decode_text), with Windows line endings made plain."""
    with open(path, "rb") as source:
        data = source.read()
    return decode_text(data, path).replace("\r\n", "\n").replace("\r", "\n")


YAML_HINT = ("vérifiez l'indentation (deux espaces) et mettez entre guillemets les textes qui "
             "contiennent « : » ou commencent par un signe comme « * », « & » ou « [ ».")


class Entry(dict):
    """A mapping read from a data file, which remembers its line and the line of each key."""

    line = None
    lines = {}

    def line_of(self, key):
        return self.lines.get(key, self.line)


class _LineLoader(yaml.SafeLoader):
    def construct_entry(self, node):
        entry = Entry()
        entry.line = node.start_mark.line + 1
        entry.lines = {getattr(key, "value", None): key.start_mark.line + 1 for key, _ in node.value}
        yield entry
        entry.update(self.construct_mapping(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_entry)


def line_of(value, key=None):
    """The line of an entry read by load_yaml (or of one of its keys), or None."""
    if isinstance(value, Entry):
        return value.line_of(key) if key is not None else value.line
    return None


def expect(value, kind, path, line, what):
    """`value` if it is a `kind` (dict or list), else a ContentError saying what was expected there."""
    if value is None:
        return kind()
    if isinstance(value, kind):
        return value
    shape = ("une liste d'éléments, chacun sur une ligne commençant par « - »" if kind is list
             else "des lignes « nom: valeur » indentées")
    raise ContentError(f"{what} devrait contenir {shape}.", path=path, line=line,
                       fix="comparez avec un fichier du même genre qui fonctionne, ou avec le modèle du README.")


# PyYAML's problems (in English), as an author would understand them.
_YAML_PROBLEMS = (
    ("expected <block end>", "l'indentation de cette ligne ne suit pas celle des lignes voisines"),
    ("mapping values are not allowed", "un « : » dans un texte sans guillemets"),
    ("cannot start any token", "un caractère qui ne peut pas commencer une valeur (une tabulation, « @ » ou « ` »)"),
    ("could not find expected ':'", "il manque « : » après le nom d'un champ"),
    ("expected ',' or '}'", "une accolade « { » n'est pas refermée"),
    ("expected ',' or ']'", "un crochet « [ » n'est pas refermé"),
    ("undefined alias", "un texte commence par « * » sans guillemets"),
    ("found unexpected end of stream", "des guillemets ne sont pas refermés"),
    ("found unknown escape character", "une barre oblique inverse « \\ » entre guillemets"),
    ("expected alphabetic or numeric character", "un texte commence par « & » ou « * » sans guillemets"),
)


def _yaml_problem(error):
    text = str(error)
    return next((french for english, french in _YAML_PROBLEMS if english in text),
                "sa structure (indentation, guillemets, « : ») n'est pas valide")


def load_yaml(path, hint=YAML_HINT, required=True):
    """A YAML data file's contents (mappings as Entry, with their lines); broken YAML raises a
    ContentError naming the file and line. A missing file is a ContentError too, or None when the
    file is optional."""
    if not os.path.exists(path):
        if required:
            raise ContentError("ce fichier est introuvable.", path=path, fix="créez ce fichier.")
        return None
    try:
        data = yaml.load(read_text(path), Loader=_LineLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        raise ContentError(f"ce fichier de données est illisible : {_yaml_problem(error)}.", path=path,
                           line=mark.line + 1 if mark else None, fix=hint) from None
    return expect(data, dict, path, 1, "ce fichier")


def header_line(path, field):
    """The line number of `field` in a Markdown file's header, or None."""
    from .markdown_reader import parse_header

    try:
        fields, _, _ = parse_header(read_text(path), path, known=None)
    except (OSError, ContentError):
        return None
    return next((line for line, key, _ in fields if key == field), None)


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


def partial_date(value, path=None, line=None, what="la date"):
    """(date, precision) of "2024", "2024-11" or "2024-11-05" (precision 1, 2 or 3: year, month, day);
    anything else raises a ContentError."""
    match = PARTIAL_DATE.match(str(value if value is not None else "").strip())
    try:
        year, month, day = match.groups()
        return datetime.date(int(year), int(month or 1), int(day or 1)), 1 + bool(month) + bool(day)
    except (AttributeError, ValueError):
        raise ContentError(f"{what} « {value} » n'est pas une date.", path=path, line=line,
                           fix="écrivez-la AAAA, AAAA-MM ou AAAA-MM-JJ, par exemple 2024-11.") from None


def partial_iso(date, precision):
    """"2024", "2024-11" or "2024-11-05": a partial date as written."""
    return date.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]


# --- Paths named by content ----------------------------------------------

def inside(folder, written, named_in, line=None, what="le fichier", as_written=None):
    """The file a content file names (``written``, relative to ``folder``), resolved with its
    symbolic links; a path that leads outside ``folder`` (absolute, ``..``, or a link pointing
    elsewhere) raises a ContentError naming ``named_in`` (and the path ``as_written`` there)."""
    written = str(written or "").strip()
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, written))
    if os.path.isabs(written) or os.path.commonpath([root, target]) != root:
        raise ContentError(
            f"{what} « {as_written or written} » est hors du dossier {shown(folder)}/ : le site ne publie que "
            "ce qui est dans le dossier du contenu.", path=named_in, line=line,
            fix=f"copiez le fichier dans {shown(folder)}/ et écrivez son nom à partir de ce dossier "
                "(par exemple « files/document.pdf »), sans « / » au début ni « .. ».")
    return target


def content_file_is_inside(item_or_path, content_root):
    """True when a file Pelican found under the content folder really is there (not a link to elsewhere)."""
    path = getattr(item_or_path, "source_path", item_or_path)
    root = os.path.realpath(content_root)
    return os.path.commonpath([root, os.path.realpath(path)]) == root


STATIC_LINK = re.compile(r"""\{static\}([^"'>\s]+)""")


def _texts_linking_to(target, generator):
    """(path, line) of the texts whose ``{static}`` links lead to `target`."""
    for item in generator.context.get("generated_content", {}).values():
        for match in STATIC_LINK.finditer(getattr(item, "_content", None) or ""):
            link = match[1]
            base = generator.path if link.startswith("/") else os.path.dirname(item.source_path)
            if os.path.realpath(os.path.join(base, link.lstrip("/"))) == os.path.realpath(target):
                from .markdown_reader import line_of

                yield item.source_path, line_of(read_text(item.source_path), link)


def _refuse_outside_static_files(generator):
    """Pelican follows symbolic links and ``{static}`` paths: a file found through them
    outside the content folder is never published."""
    kept = []
    for static in generator.staticfiles:
        if content_file_is_inside(static, generator.path):
            kept.append(static)
            continue
        linking = list(_texts_linking_to(static.source_path, generator))
        for path, line in linking or [(static.source_path, None)]:
            report(ContentError(
                f"ce texte fait un lien vers {shown(static.source_path)}, hors du dossier du contenu ; ce fichier "
                "n'est pas publié." if linking else
                "ce fichier est un lien vers un fichier hors du dossier du contenu ; il n'est pas publié.",
                path=path, line=line,
                fix="copiez le fichier dans content/media/ et faites le lien vers /media/son-nom ; ou retirez le "
                    "lien." if linking else "remplacez le lien par une copie du fichier, ou retirez-le."))
    generator.staticfiles[:] = kept


# Files an author may drop among the texts, meaning them to be published; the site reads Markdown only.
DOCUMENT_EXTENSIONS = (".html", ".htm", ".docx", ".doc", ".odt", ".rtf", ".txt", ".pages", ".rst")


def _refuse_documents_among_texts(generators):
    settings = generators[0].settings
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for root, dirs, files in os.walk(os.path.join(settings["PATH"], folder)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if name.lower().endswith(DOCUMENT_EXTENSIONS) and not name.startswith((".", "~$")):
                    report(ContentError(
                        "ce fichier n'est pas un texte Markdown (.md) : le site ne le lit pas.",
                        path=os.path.join(root, name),
                        fix="copiez son texte dans un fichier .md (make post en crée un), ou, si c'est un "
                            "document à télécharger, déplacez-le dans content/media/ et faites-y un lien."))


def register():
    from . import markdown_reader

    markdown_reader.register()
    signals.static_generator_finalized.connect(_refuse_outside_static_files)
    signals.all_generators_finalized.connect(_refuse_documents_among_texts)
