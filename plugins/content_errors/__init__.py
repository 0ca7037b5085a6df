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
  refuses a value of the wrong shape, ``text_of``, ``localised`` and
  ``whole_number`` a text, a text in each language or a count that is not
  one, each with a plain message.
* ``inside(folder, written, ...)``: a path a content file names, resolved
  (symbolic links included) and guaranteed to stay inside ``folder``.
* ``partial_date(value, …)``: a date written AAAA, AAAA-MM or AAAA-MM-JJ, with
  its precision, or a ContentError; ``partial_iso(date, precision)``.
* ``shown(path)``: a path as messages show it; ``describe(message, path,
  line, fix)``: a problem as people read it (ContentError's text, and the
  build runner's records).
* ``header_line(path, field)``: the line of a Markdown file's header that
  sets `field` (for a message about it), or None; ``line_in_text(text,
  needle)``: the line of a text where an address or a word is written;
  ``LINK_ATTRIBUTE``: the pattern of the ``href``/``src`` of a body's HTML.

This plugin also replaces Pelican's Markdown reader (markdown_reader.py:
our own header parsing, every mistake named by line) and keeps static files
found through links to elsewhere out of the site.
"""

import copy
import datetime
import errno
import logging
import os
import re
import stat

import yaml
from pelican import signals

from site_core.contracts import Contract
from site_core.files import remembered
from site_core.html import written_body

__all__ = ["ContentError", "describe", "show_paths_from", "shown", "report", "decode_text", "read_text", "Entry",
           "Items", "load_yaml", "parse_yaml", "line_of", "text_of", "localised", "texts_of", "whole_number", "expect",
           "header_line",
           "partial_date", "partial_iso", "inside", "check_publishable", "content_file_is_inside",
           "PUBLISHABLE_EXTENSIONS", "line_in_text", "LINK_ATTRIBUTE",
           "markdown_reader"]
CONTRACT = Contract(needs=("site_core",), settings={"PLACEHOLDER_BODY": {}, "PLACEHOLDER_ALT": []})
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


CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # invisible characters that break pages and feeds


# Why a file could not be read, in French (the system says it in English).
_REASONS = {errno.ENOENT: "il n'existe plus", errno.EISDIR: "c'est un dossier", errno.EACCES: "il est protégé",
            errno.EPERM: "il est protégé", errno.ELOOP: "c'est un lien qui tourne en rond"}


def _reason(error):
    return _REASONS.get(error.errno, error.strerror or str(error))


def read_text(path):
    """A text file's contents (see decode_text), with Windows line endings made plain. The file must
    really be in its folder (not a link to a file elsewhere) and hold no invisible control character."""
    folder = os.path.realpath(os.path.dirname(path))
    if os.path.commonpath([folder, os.path.realpath(path)]) != folder:
        raise ContentError("ce fichier est un lien vers un fichier ailleurs : le site ne le lit pas.", path=path,
                           fix="remplacez le lien par une copie du fichier.")
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):  # a pipe or a device would block the build
            raise ContentError("ce n'est pas un fichier ordinaire (un tube, un périphérique) : le site ne le lit pas.",
                               path=path, fix="retirez-le du dossier du contenu.")
        with open(path, "rb") as source:
            data = source.read()
    except OSError as error:
        raise ContentError(f"ce fichier ne peut pas être lu ({_reason(error)}).", path=path,
                           fix="vérifiez que c'est bien un fichier (pas un dossier) et qu'il n'est pas protégé."
                           ) from None
    text = decode_text(data, path).replace("\r\n", "\n").replace("\r", "\n")
    control = CONTROL.search(text)
    if control:
        raise ContentError(f"ce fichier contient un caractère invisible (U+{ord(control[0]):04X}) qui ne peut "
                           "pas être publié.", path=path, line=text.count("\n", 0, control.start()) + 1,
                           fix="retapez cette ligne (le caractère vient souvent d'un copier-coller).")
    return text


YAML_HINT = ("vérifiez l'indentation (deux espaces) et mettez entre guillemets les textes qui "
             "contiennent « : » ou commencent par un signe comme « * », « & » ou « [ ».")


class Entry(dict):
    """A mapping read from a data file, which remembers its line and the line of each key."""

    line = None
    lines = {}

    def line_of(self, key):
        """The line of `key` in the data file (else the entry's own line)."""
        return self.lines.get(key, self.line)


class Items(list):
    """A list read from a data file, which remembers its line and the line of each item (a plain
    text item, « - Mexique », has no line of its own otherwise)."""

    line = None
    lines = ()

    def line_of(self, index):
        """The line of item `index` (else the list's own line)."""
        return self.lines[index] if 0 <= index < len(self.lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """YAML for data files: mappings and lists remember their lines; dates stay text (our fields parse their own
    dates, and a caption that looks like a date is a caption); no anchors or aliases (``&a`` and ``*a``,
    which an author never needs and which let a few lines expand into gigabytes)."""

    def construct_entry(self, node):
        entry = Entry()
        entry.line = node.start_mark.line + 1
        entry.lines = {}
        for key, _ in node.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in entry.lines:  # YAML would keep the last one silently
                    raise yaml.constructor.ConstructorError(None, None, "found duplicate key", key.start_mark)
                entry.lines[key.value] = key.start_mark.line + 1
        yield entry
        entry.update(self.construct_mapping(node))

    def construct_items(self, node):
        items = Items()
        items.line = node.start_mark.line + 1
        items.lines = [child.start_mark.line + 1 for child in node.value]
        yield items
        items.extend(self.construct_sequence(node))

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent) or getattr(self.peek_event(), "anchor", None):
            raise yaml.composer.ComposerError(None, None, "found an anchor or alias", self.peek_event().start_mark)
        return super().compose_node(parent, index)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_entry)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_items)
_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def line_of(value, key=None):
    """The line of an entry or a list read by load_yaml (or of one of its keys, or items), or None."""
    if isinstance(value, (Entry, Items)):
        return value.line_of(key) if key is not None else value.line
    return None


def text_of(value, path, line, what):
    """A text field's value as text: a number stays as written ("12"); a list, a mapping, a yes/no
    (which YAML reads as true/false) is refused with a plain message."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ContentError(f"{what} devrait être un texte.", path=path, line=line,
                       fix="mettez le texte entre guillemets, par exemple « \"…\" », sur une seule ligne.")


LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


def localised(value, languages, path, line, what, required=True):
    """{lang: text} of a field given in each language ({fr: …, es: …}); a language missing (when
    required) or a value that is not text raises a ContentError."""
    if not isinstance(value, dict):
        if value in (None, "") and not required:
            return {}
        raise ContentError(f"{what} devrait être donné dans chaque langue.", path=path, line=line,
                           fix="écrivez-le « {fr: \"…\", es: \"…\"} ».")
    # A key that is no language code is a text cut by a comma or a colon written without quotes.
    unknown = [key for key in value if not (isinstance(key, str) and LANGUAGE_CODE.match(key))]
    if unknown:
        raise ContentError(f"{what} a une partie « {unknown[0]} » qui n'est pas une langue.", path=path,
                           line=line_of(value, unknown[0]) or line,
                           fix="mettez chaque texte entre guillemets (une virgule ou un « : » hors guillemets coupe "
                               "le texte), par exemple « {fr: \"…\", es: \"…\"} ».")
    found = {}
    for lang in languages:
        text = text_of(value.get(lang), path, line_of(value, lang) or line, f"{what} en « {lang} »").strip()
        if not text and required:
            raise ContentError(f"{what} n'a pas de texte en « {lang} ».", path=path, line=line,
                               fix="écrivez-le dans chaque langue, sur une ligne : « {"
                                   + ", ".join(f'{code}: \"…\"' for code in languages) + "} ».")
        if text:
            found[lang] = text
    return found


def texts_of(value, languages, path, line, what):
    """{lang: text} of an optional field written once for every language ("FIQ") or per language
    ({fr: …, es: …}); lists and other shapes are refused."""
    if value in (None, ""):
        return {}
    if isinstance(value, dict):
        return localised(value, [lang for lang in languages if lang in value] or languages, path, line, what)
    text = text_of(value, path, line, what).strip()
    return dict.fromkeys(languages, text) if text else {}


def whole_number(value, path, line, what, required=False):
    """A count written in a data file (delegates, pages…): a whole number, 0 or more, or None."""
    if value in (None, "") and not required:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
        return value
    raise ContentError(f"{what} « {value} » n'est pas un nombre entier.", path=path, line=line,
                       fix="écrivez un nombre, en chiffres, sans espace ni texte (par exemple 11).")


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
    ("'\\t' that cannot start any token", "une tabulation : remplacez-la par deux espaces"),
    ("cannot start any token", "un caractère qui ne peut pas commencer une valeur (« @ » ou « ` »)"),
    ("could not find expected ':'", "il manque « : » après le nom d'un champ"),
    ("expected ',' or '}'", "une accolade « { » n'est pas refermée, ou un guillemet « \" » au milieu d'un texte "
                            "entre guillemets le termine trop tôt (écrivez plutôt « » ou ’)"),
    ("expected ',' or ']'", "un crochet « [ » n'est pas refermé"),
    ("undefined alias", "un texte commence par « * » sans guillemets"),
    ("found unexpected end of stream", "des guillemets ne sont pas refermés"),
    ("found unknown escape character", "une barre oblique inverse « \\ » entre guillemets"),
    ("expected alphabetic or numeric character", "un texte commence par « & » ou « * » sans guillemets"),
    ("found an anchor or alias", "un texte commence par « & » ou « * » sans guillemets"),
    ("found unhashable key", "un nom de champ qui n'est pas un simple mot"),
    ("found duplicate key", "un champ écrit deux fois"),
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
    # Parsed once per change of the file (the dev server's builds); each caller gets its own copy to change.
    parsed = remembered("yaml", path, lambda: parse_yaml(read_text(path), path, hint))
    return expect(copy.deepcopy(parsed), dict, path, 1, "ce fichier")


def parse_yaml(text, path, hint=YAML_HINT, what="ce fichier de données"):
    """YAML text read as load_yaml reads a file (lines kept, dates as text, no anchors); broken
    YAML raises a ContentError naming `path` and the line in `text`."""
    try:
        return yaml.load(text, Loader=_LineLoader)
    except RecursionError:
        raise ContentError(f"{what} est imbriqué trop profondément pour être lu.", path=path,
                           fix="un fichier de données a quelques niveaux d'indentation, pas des milliers.") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        raise ContentError(f"{what} est illisible : {_yaml_problem(error)}.", path=path,
                           line=mark.line + 1 if mark else None, fix=hint) from None


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
        spreadsheet = any(c.isalpha() for c in str(value)) or "/" in str(value)
        raise ContentError(f"{what} « {value} » n'est pas une date.", path=path, line=line,
                           fix="écrivez-la AAAA, AAAA-MM ou AAAA-MM-JJ, par exemple 2024-11"
                               + (" (un tableur change souvent les dates : mettez la colonne au format « Texte » "
                                  "avant de les taper)." if spreadsheet else ".")) from None


def partial_iso(date, precision):
    """"2024", "2024-11" or "2024-11-05": a partial date as written."""
    return date.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]]


# --- Paths named by content ----------------------------------------------

def inside(folder, written, named_in, line=None, what="le fichier", as_written=None):
    """The file a content file names (``written``, relative to ``folder``), resolved with its
    symbolic links; a path that leads outside ``folder`` (absolute, ``..``, or a link pointing
    elsewhere) raises a ContentError naming ``named_in`` (and the path ``as_written`` there)."""
    written = str(written or "").strip()
    if CONTROL.search(written):
        raise ContentError(f"{what} a un nom avec un caractère invisible.", path=named_in, line=line,
                           fix="retapez le nom du fichier.")
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, written))
    if os.path.isabs(written) or os.path.commonpath([root, target]) != root:
        raise ContentError(
            f"{what} « {as_written or written} » est hors du dossier {shown(folder)}/ : le site ne publie que "
            "ce qui est dans le dossier du contenu.", path=named_in, line=line,
            fix=f"copiez le fichier dans {shown(folder)}/ et écrivez son nom à partir de ce dossier "
                "(par exemple « files/document.pdf »), sans « / » au début ni « .. ».")
    return target


# What the site publishes as a file to download or view: documents, images, sound and video; never
# what a browser would run on the site's own address (HTML pages, scripts, SVG drawings).
PUBLISHABLE_EXTENSIONS = (
    ".pdf", ".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif", ".tif", ".tiff", ".mp3", ".ogg", ".oga", ".m4a",
    ".mp4", ".webm", ".zip", ".doc", ".docx", ".odt", ".ods", ".odp", ".ppt", ".pptx", ".xls", ".xlsx", ".csv",
    ".txt", ".epub", ".rtf")


def check_publishable(path, named_in=None, line=None, only=None):
    """A file that may be published as it is (`only`: the extensions this field takes, e.g. (".pdf",))."""
    allowed = only or PUBLISHABLE_EXTENSIONS
    if not path.lower().endswith(allowed):
        kinds = ", ".join(e.lstrip(".").upper() for e in allowed[:8]) + ("…" if len(allowed) > 8 else "")
        raise ContentError(f"« {os.path.basename(path)} » n'est pas un fichier que le site publie ({kinds}).",
                           path=named_in or path, line=line,
                           fix="une page HTML, un script ou un dessin SVG s'exécuterait sur le site : convertissez "
                               "le document en PDF (ou l'image en PNG), ou retirez-le.")
    return path


def content_file_is_inside(item_or_path, content_root):
    """True when a file Pelican found under the content folder really is there (not a link to elsewhere)."""
    path = getattr(item_or_path, "source_path", item_or_path)
    root = os.path.realpath(content_root)
    return os.path.commonpath([root, os.path.realpath(path)]) == root


STATIC_LINK = re.compile(r"""\{(?:static|attach)\}([^"'>\s]+)""")


def _texts_linking_to(target, generator):
    """(path, line) of the texts whose ``{static}`` links lead to `target`."""
    for item in generator.context.get("generated_content", {}).values():
        for match in STATIC_LINK.finditer(written_body(item)):
            link = match[1]
            base = generator.path if link.startswith("/") else os.path.dirname(item.source_path)
            if os.path.realpath(os.path.join(base, link.lstrip("/"))) == os.path.realpath(target):
                from .markdown_reader import line_of

                yield item.source_path, line_of(read_text(item.source_path), link)


def _linked_folder(path, content_root):
    """The first folder of `path` (under the content folder) that is a link, or None."""
    relative = os.path.relpath(path, content_root).split(os.sep)
    for depth in range(1, len(relative)):
        candidate = os.path.join(content_root, *relative[:depth])
        if os.path.islink(candidate):
            return candidate
    return None


def _check_static_files(generator):
    """What Pelican would copy as it is: only files really inside the content folder (Pelican follows
    symbolic links and ``{static}`` paths), that exist, and that a browser would not run."""
    kept, linked_folders = [], set()
    for static in generator.staticfiles:
        if not os.path.exists(static.source_path):
            for path, line in _texts_linking_to(static.source_path, generator):
                report(ContentError(f"le lien vers « {shown(static.source_path)} » ne mène à aucun fichier.",
                                    path=path, line=line,
                                    fix="vérifiez le nom du fichier (et son dossier) après {static}."))
            continue
        if content_file_is_inside(static, generator.path):
            try:
                kept.append(check_publishable(static.source_path))
            except ContentError as error:
                report(error)
            continue
        folder = _linked_folder(static.source_path, generator.path)
        if folder:  # a whole folder that is a link elsewhere: one message for it
            if folder not in linked_folders:
                linked_folders.add(folder)
                report(ContentError("ce dossier est un lien vers un dossier hors du contenu ; rien n'en est publié.",
                                    path=folder, fix="remplacez le lien par une copie des fichiers à publier."))
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
    generator.staticfiles[:] = [static for static in generator.staticfiles if static.source_path in kept]


FILENAME_LINK = re.compile(r"""\{filename\}([^"'>\s#?]+)""")


def _check_links_to_texts(generators):
    """Every ``{filename}`` link leads to a text of the site (Pelican says only "Unable to find", later,
    without the file that links)."""
    context = generators[0].context
    known = set(context.get("generated_content", {})) | set(context.get("static_content", {}))
    root = generators[0].path
    from urllib.parse import unquote

    from .markdown_reader import line_of

    for item in list(context.get("generated_content", {}).values()):
        for match in FILENAME_LINK.finditer(written_body(item)):
            link = unquote(match[1])
            target = link.lstrip("/") if link.startswith("/") else os.path.relpath(
                os.path.normpath(os.path.join(os.path.dirname(item.source_path), link)), root)
            if target.replace(os.sep, "/") not in known:
                report(ContentError(f"le lien « {{filename}}{link} » ne mène à aucun texte du site.",
                                    path=item.source_path, line=line_of(read_text(item.source_path), link),
                                    fix="vérifiez le nom du fichier (à partir du dossier content/, par exemple "
                                        "{filename}/news/2024-11-19-panel-jqsi.fr.md)."))


# Files an author may drop among the texts, meaning them to be published; the site reads Markdown only.
DOCUMENT_EXTENSIONS = (".html", ".htm", ".docx", ".doc", ".odt", ".rtf", ".txt", ".pages", ".rst")


def _refuse_documents_among_texts(generators):
    settings = generators[0].settings
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for root, dirs, files in os.walk(os.path.join(settings["PATH"], folder)):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if name.lower().endswith(DOCUMENT_EXTENSIONS) and not name.startswith((".", "~$")):
                    renamed = name.lower().endswith(".md.txt")  # an editor added ".txt" when saving
                    report(ContentError(
                        "ce fichier n'est pas un texte Markdown (.md) : le site ne le lit pas.",
                        path=os.path.join(root, name),
                        fix="retirez « .txt » à la fin de son nom (il doit finir par .md)." if renamed else
                            "copiez son texte dans un fichier .md (make post en crée un), ou, si c'est un "
                            "document à télécharger, déplacez-le dans content/media/ et faites-y un lien."))


def register():
    from . import markdown_reader

    markdown_reader.register()
    signals.static_generator_finalized.connect(_check_static_files)
    signals.all_generators_finalized.connect(_refuse_documents_among_texts)
    signals.all_generators_finalized.connect(_check_links_to_texts)


# The reader uses the functions above: imported once they exist.
from .markdown_reader import LINK_ATTRIBUTE  # noqa: E402
from .markdown_reader import line_of as line_in_text  # noqa: E402
