"""One registry of the files a build writes, and who writes each one.

Pelican only notices that two things write one file when the second write
fails (``FileOverwriteFailedError``, naming nothing but the output folder),
after half the site is written; a file copied over another (a text whose
``Save_as:`` is the stylesheet's address) is not noticed at all. Here every
file has an owner before anything is written:

* each generator of a plugin claims the files it will write while it builds
  its context: ``claim(context, url_or_file, source=..., what=...)`` (a
  directory URL such as ``delegations/`` means its ``index.html``); a
  plugin that writes a whole folder of its own (the theme's files, the
  image derivatives, the search index) reserves it: ``reserve(context,
  "pagefind/", what=...)``;
* once every generator has its context (``all_generators_finalized``),
  Pelican's own items are claimed (articles, pages and their translations,
  hidden ones, static files) and the theme's files;
* two claims on one file, or a claim inside a reserved folder, stop the
  build with a message naming both (the content file and the line of its
  ``Slug:`` or ``Save_as:`` when there is one, and how to fix it); so does
  an address that would leave the output, or whose parts are too long for a
  file system;
* a page or feed written without a claim is reported as an error: the
  registry is complete by construction, so a plugin that forgets to claim
  is found by its first build;
* ``sources(context)``: {output file: source file or description}, so that
  a problem found in a built page (make publish's checks) names the file
  the author wrote.

The registry belongs to the run (site_core.run); it is never saved in
Pelican's content cache.
"""

import logging
import os
from dataclasses import dataclass

from pelican import signals

from content_errors import ContentError, header_line, report, shown
from site_core.contracts import Contract
from site_core.html import written_body
from site_core.run import run_of
from site_core.urls import save_as, url_of_file

__all__ = ["claim", "reserve", "sources"]
CONTRACT = Contract(needs=("site_core", "content_errors"))
logger = logging.getLogger(__name__)
ITEM_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
              "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages", "staticfiles")
LONGEST_PART = 200  # bytes in one folder or file name (file systems stop at 255)



@dataclass
class Claim:
    file: str
    source: str = None  # the content file that makes it, if there is one
    what: str = ""  # what it is, in the author's words, when no file makes it
    line: int = None

    def describe(self):
        if self.source:
            place = f"{shown(self.source)}, ligne {self.line}" if self.line else shown(self.source)
            return f"{place}" + (f" ({self.what})" if self.what else "")
        return self.what or "une page du site"


class UrlRegistry:
    def __init__(self):
        self.claims = {}  # output file -> Claim
        self.folders = {}  # reserved folder ("pagefind/") -> Claim

    def claim(self, url, source=None, what="", line=None):
        file = save_as(url)
        if os.path.isabs(file) or os.path.normpath(file).split(os.sep)[0] == "..":
            raise ContentError(f"l'adresse « {url} » sortirait du site.", path=source, line=line,
                               fix="une adresse ne contient que des lettres, des chiffres, des tirets et des « / ».")
        longest = max(file.split("/"), key=lambda part: len(part.encode()))
        if len(longest.encode()) > LONGEST_PART:
            raise ContentError(f"une adresse de la page ({what or 'ce texte'}) est trop longue ({len(longest)} "
                               f"caractères d'un seul tenant).", path=source, line=line,
                               fix="raccourcissez le texte dont elle vient (un titre, un public, un nom).")
        new = Claim(file, source, what, line)
        held = self.claims.setdefault(file, new)
        if held is not new and (held.source, held.what) != (new.source, new.what):
            _report_conflict(held, new)
        folder = next((f for f in self.folders if file.startswith(f)), None)
        if folder:
            _report_conflict(self.folders[folder], new, folder)
        return file

    def reserve(self, folder, what):
        folder = folder.strip("/") + "/"
        if folder not in self.folders:
            self.folders[folder] = Claim(folder, what=what)
            for file, held in self.claims.items():
                if file.startswith(folder):
                    _report_conflict(self.folders[folder], held, folder)


def registry(context):
    """The run's registry (created on first use)."""
    return run_of(context).get("url_registry", UrlRegistry)


def claim(context, url, source=None, what="", line=None):
    """Claim the file behind `url` for this run; returns that file's path in the output."""
    return registry(context).claim(url, source, what, line)


def reserve(context, folder, what):
    """Reserve a whole folder of the output (its files are written by one plugin only)."""
    registry(context).reserve(folder, what)


def sources(context):
    """{output file: the content file (and line) or description behind it}, for messages about a built page."""
    return {file: claim.describe() for file, claim in registry(context).claims.items()}


def _written_at(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _report_conflict(first, second, folder=None):
    # A content file is the one to change (of two, the one written last): name it last, with the
    # line to edit.
    if (first.source and not second.source) or (first.source and second.source and
                                                _written_at(first.source) > _written_at(second.source)):
        first, second = second, first
    address = "/" + (folder or url_of_file(first.file))
    if not second.source:
        report(ContentError(f"{first.describe()} et {second.describe()} donnent la même adresse, {address}.",
                            fix="donnez une autre adresse à l'un des deux."), log=logger)
        return
    field = "Slug"
    if second.source.endswith(".md"):
        line = header_line(second.source, "save_as")
        field = "Save_as" if line else "Slug"
        second.line = second.line or line or header_line(second.source, "slug")
    report(ContentError(
        f"{first.describe()} et ce texte donnent la même adresse, {address}.", path=second.source, line=second.line,
        fix="donnez-lui une autre adresse avec une ligne « Slug: autre-adresse » dans son en-tête (ou changez son "
            "titre)." if field == "Slug" else "écrivez une autre adresse après « Save_as: » (ou retirez la ligne)."),
        log=logger)


def _claim_items(generators):
    context = generators[0].context
    found = registry(context)
    theme_static = os.path.join(generators[0].theme, "static")
    for root, _, files in os.walk(theme_static):
        for name in files:
            relative = os.path.relpath(os.path.join(root, name), theme_static).replace(os.sep, "/")
            found.claim(f"{context.get('THEME_STATIC_DIR', 'theme')}/{relative}", what="un fichier du thème")
    for generator in generators:
        for attribute in ITEM_LISTS:
            for item in getattr(generator, attribute, None) or []:
                if item.save_as:
                    try:
                        found.claim(item.save_as, item.source_path)
                    except ContentError as error:
                        report(error, log=logger)
    _check_links(generators, found)


def _check_links(generators, found):
    """Each link of a text to an address of the site (``/…``) leads to a page or a file the build writes:
    a mistyped file name is found by every build, not by make publish only."""
    from urllib.parse import unquote, urlsplit

    from content_errors import LINK_ATTRIBUTE, line_in_text, read_text

    known = set(found.claims)
    for generator in generators:
        for attribute in ITEM_LISTS[:-1]:  # texts, not static files
            for item in getattr(generator, attribute, None) or []:
                if not item.save_as or item.status == "draft":
                    continue
                for match in LINK_ATTRIBUTE.finditer(written_body(item)):
                    url = match["url"]
                    if not url.startswith("/") or url.startswith("//"):
                        continue
                    path = unquote(urlsplit(url).path)
                    file = save_as(path)
                    if file in known or f"{file}/index.html" in known or any(
                            file.startswith(folder) for folder in found.folders):
                        continue
                    near = _nearest(file, known)
                    report(ContentError(
                        f"le lien « {path} » ne mène à aucune page ni à aucun fichier du site."
                        + (f" Vouliez-vous dire « /{url_of_file(near)} » ?" if near else ""),
                        path=item.source_path, line=line_in_text(read_text(item.source_path), path),
                        fix="corrigez l'adresse (un fichier à télécharger va dans content/media/ : "
                            "/media/son-nom.pdf)."), log=logger)


def _nearest(file, known):
    import difflib
    import unicodedata

    same = lambda text: unicodedata.normalize("NFC", text).casefold()  # noqa: E731
    by_form = {same(other): other for other in known}
    if same(file) in by_form:
        return by_form[same(file)]
    return next(iter(difflib.get_close_matches(file, list(known), n=1, cutoff=0.8)), None)


def _check_claimed(path, context=None):
    output = (context or {}).get("OUTPUT_PATH")
    if not output:
        return
    file = os.path.relpath(path, output).replace(os.sep, "/")
    if file not in registry(context).claims:
        logger.error("%s a été écrit sans être réservé (url_registry.claim) : le plugin qui l'écrit doit le "
                     "réserver dans generate_context.", file)


def _check_feed_claimed(path, context=None, feed=None):
    _check_claimed(path, context)


def register():
    signals.all_generators_finalized.connect(_claim_items)
    signals.content_written.connect(_check_claimed)
    signals.feed_written.connect(_check_feed_claimed)
