"""One registry of the files a build writes, and who writes each one.

Pelican only notices that two things write one file when the second write
fails (``FileOverwriteFailedError``, naming nothing but the output folder),
after half the site is written. Here every file has an owner before
anything is written:

* each generator of a plugin claims the files it will write while it builds
  its context: ``claim(context, url_or_file, source=..., what=...)`` (a
  directory URL such as ``delegations/`` means its ``index.html``);
* once every generator has its context (``all_generators_finalized``),
  Pelican's own items are claimed (articles, pages and their translations,
  hidden ones, static files), and two claims on one file stop the build
  with a message naming both (the content file and the line of its
  ``Slug:`` when there is one, and how to fix it);
* a page or feed written without a claim is reported as an error: the
  registry is complete by construction, so a plugin that forgets to claim
  is found by its first build;
* ``sources(context)``: {output file: source file or description}, so that
  a problem found in a built page (make publish's checks) names the file
  the author wrote.

The registry belongs to the run (it lives in the context); it is never
saved in Pelican's content cache.
"""

import logging
import os
from dataclasses import dataclass

from pelican import signals

from content_errors import ContentError, report

logger = logging.getLogger(__name__)
CONTEXT_KEY = "URL_REGISTRY"
ITEM_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
              "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages", "staticfiles")


def output_file(url):
    """The file behind a site-relative URL: "a/" and "" are directories, served by their index.html."""
    url = url.lstrip("/")
    return url + "index.html" if url == "" or url.endswith("/") else url


@dataclass
class Claim:
    file: str
    source: str = None  # the content file that makes it, if there is one
    what: str = ""  # what it is, in the author's words, when no file makes it
    line: int = None

    def describe(self):
        from content_errors import shown

        if self.source:
            place = f"{shown(self.source)}, ligne {self.line}" if self.line else shown(self.source)
            return f"{place}" + (f" ({self.what})" if self.what else "")
        return self.what or "une page du site"


class UrlRegistry:
    def __init__(self):
        self.claims = {}  # output file -> Claim
        self.conflicts = []  # (first Claim, second Claim)

    def __reduce__(self):  # per run: a cached article's copy of the context starts empty
        return (UrlRegistry, ())

    def claim(self, url, source=None, what="", line=None):
        file = output_file(url)
        if os.path.isabs(file) or os.path.normpath(file).split(os.sep)[0] == "..":
            raise ContentError(f"l'adresse « {url} » sortirait du site.", path=source, line=line,
                               fix="une adresse ne contient que des lettres, des chiffres, des tirets et des « / ».")
        new = Claim(file, source, what, line)
        held = self.claims.setdefault(new.file, new)
        if held is not new and (held.source, held.what) != (new.source, new.what):
            self.conflicts.append((held, new))
        return new.file

    def source_of(self, file):
        claim = self.claims.get(file)
        return claim.describe() if claim else None


def registry(context):
    """The run's registry (created on first use)."""
    if not isinstance(context.get(CONTEXT_KEY), UrlRegistry):
        context[CONTEXT_KEY] = UrlRegistry()
    return context[CONTEXT_KEY]


def claim(context, url, source=None, what="", line=None):
    """Claim the file behind `url` for this run; returns that file's path in the output."""
    return registry(context).claim(url, source, what, line)


def sources(context):
    return {file: claim.describe() for file, claim in registry(context).claims.items()}


def _written_at(path):
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _slug_line(path):
    from content_errors import header_line

    return header_line(path, "slug")


def _claim_items(generators):
    context = generators[0].context
    found = registry(context)
    for generator in generators:
        for attribute in ITEM_LISTS:
            for item in getattr(generator, attribute, None) or []:
                if item.save_as:
                    found.claim(item.save_as, item.source_path)
    reported = set()
    for first, second in found.conflicts:
        key = (first.file, first.describe(), second.describe())
        if key in reported:
            continue
        reported.add(key)
        # A content file is the one to change (of two, the one written last): name it last, with the
        # line to edit.
        if (first.source and not second.source) or (first.source and second.source and
                                                    _written_at(first.source) > _written_at(second.source)):
            first, second = second, first
        if second.source and second.source.endswith(".md"):
            second.line = second.line or _slug_line(second.source)
        report(ContentError(
            f"{first.describe()} et ce texte donnent la même adresse, /{first.file.removesuffix('index.html')}.",
            path=second.source, line=second.line,
            fix="donnez-lui une autre adresse avec une ligne « Slug: autre-adresse » dans son en-tête "
                "(ou changez son titre).") if second.source else ContentError(
            f"{first.describe()} et {second.describe()} donnent la même adresse, /{first.file}.",
            fix="donnez une autre adresse à l'un des deux."))


def _check_claimed(path, context=None):
    output = (context or {}).get("OUTPUT_PATH")
    if not output or CONTEXT_KEY not in (context or {}):
        return
    file = os.path.relpath(path, output).replace(os.sep, "/")
    if file not in context[CONTEXT_KEY].claims:
        logger.error("%s a été écrit sans être réservé (url_registry.claim) : le plugin qui l'écrit doit le "
                     "réserver dans generate_context.", file)


def _check_feed_claimed(path, context=None, feed=None):
    _check_claimed(path, context)


def register():
    signals.all_generators_finalized.connect(_claim_items)
    signals.content_written.connect(_check_claimed)
    signals.feed_written.connect(_check_feed_claimed)
