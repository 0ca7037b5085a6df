"""Full-text search with Pagefind: a search page per language and the index.

* For each language, a search page (template ``search``, URL from the
  language's ``search`` path; ``noindex``, so not in the sitemap).
* Once every page is written (``finalized``, still inside the staging
  folder of atomic_output), Pagefind indexes the output. It makes one index
  per ``<html lang>``, so a search from a French page finds French pages.
  The theme chooses what is indexed: pages whose template marks an element
  ``data-pagefind-body`` (content pages, not lists), with filters from
  ``data-pagefind-filter``.

Pagefind runs as its own command (``python -m pagefind``, from the
``pagefind[bin]`` package) and the build waits for it to exit: nothing here
parses HTML or builds an index itself. (Its Python service API ends the
indexer as soon as it has answered, which under load left a half-written
bundle; the command finishes its files before it exits.)

``index_site(site, bundle)`` indexes a built site into a folder of one's
choosing (the dev server's own, refreshed after each page reload). A
rebuild whose pages are all the same as the last build's (``pages_digest``,
kept in the bundle) copies the last index instead of running Pagefind.
Pagefind is shown only the pages it will index (``marked_pages``: those
holding ``data-pagefind-body``, found by a plain search of each file) as a
glob of their paths in its configuration file: it parses every file it is
shown, and the lists, tags and other pages it would leave out cost it time
and memory (2,018 of 2,867 pages shown: 0.94 of its wall time, 0.91 of its
processor time, peak memory 165 -> 143 MiB, over 8 interleaved pairs).

Settings: SEARCH_INDEX (default True; False skips indexing, the search page
is still written), SEARCH_BUNDLE_DIR (default "pagefind", the folder of the
index and of Pagefind's scripts inside the output).
"""

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile

from pelican import signals
from pelican.generators import Generator

import url_registry
from content_errors import ContentError, report
from site_core.contracts import Contract
from site_core.files import previous_output
from site_core.pages import write_page
from site_core.progress import progress

logger = logging.getLogger(__name__)
__all__ = ["index_site", "bundle_dir"]
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual"),
    settings={"SEARCH_INDEX": True, "SEARCH_BUNDLE_DIR": "pagefind"},
    paths=("search",),
    provides={"SEARCH_URLS": "{lang: url} of the search pages", "SEARCH_BUNDLE_URL": "/pagefind/: Pagefind's files"},
)


class SearchPageGenerator(Generator):
    def generate_context(self):
        languages = self.settings["SITE_LANGUAGES"]
        self.urls = {lang: languages.url(lang, "search") for lang in languages.codes}
        for url in self.urls.values():
            url_registry.claim(self.context, url, what="la page de recherche")
        url_registry.reserve(self.context, bundle_dir(self.settings), what="l'index de la recherche")
        self.context["SEARCH_URLS"] = self.urls
        self.context["SEARCH_BUNDLE_URL"] = "/" + bundle_dir(self.settings) + "/"

    def generate_output(self, writer):
        for lang, url in self.urls.items():
            write_page(self, writer, url, "search", lang=lang, section="search", alternates=self.urls, noindex=True)


DIGEST_FILE = "pages.sha256"  # in the bundle: the digest of the pages it indexes (pages_digest)
# Pagefind indexes only the pages with an element that holds this attribute (in any case), when one does.
INDEXED_MARK = re.compile(rb"data-pagefind-body", re.IGNORECASE)
# What Pagefind says when none of the pages it was shown has such an element: it then indexed them whole.
NO_PAGE_MARKED = "Did not find a data-pagefind-body element"
# Pagefind's settings from the environment win over its configuration file's: those this plugin sets.
OVERRIDDEN_BY_ENVIRONMENT = ("PAGEFIND_SITE", "PAGEFIND_OUTPUT_PATH", "PAGEFIND_OUTPUT_SUBDIR", "PAGEFIND_GLOB")
# A path Pagefind's glob (wax) reads as itself: letters, digits, "_", ".", "-" and "/" (none of its
# operators: ?*$()[]{},:<>!); a page with another character in its path means no glob.
GLOB_LITERAL = re.compile(r"[\w.-]+(?:/[\w.-]+)*")


def bundle_dir(settings):
    return settings["SEARCH_BUNDLE_DIR"].strip("/")


def index_site(site, bundle, pages=None):
    """Pagefind's index of the built site in the folder `site`, written into the folder `bundle`:
    {lang: {"page_count": n, …}}; a failure raises ContentError. `pages`: the site's html_pages, if
    the caller has them. (The dev server indexes this way after the page has reloaded, into a folder
    of its own.)"""
    configuration = {"site": os.path.abspath(site), "output_path": os.path.abspath(bundle)}
    if pages is None:
        pages = list(html_pages(site, os.path.relpath(bundle, site)))
    marked = marked_pages(site, pages)
    if marked and all(GLOB_LITERAL.fullmatch(page) for page in marked):
        configuration["glob"] = "{" + ",".join(marked) + "}"
    result = _run_pagefind(configuration)
    if "glob" in configuration and ((result.returncode != 0 and "valid glob" in result.stdout)
                                    or NO_PAGE_MARKED in result.stdout):
        # Every page shown to Pagefind, as by default: its glob has a size limit (about 5,000 paths), or
        # the pages shown only mention the attribute (in a text, a script, a comment) and none is marked.
        del configuration["glob"]
        result = _run_pagefind(configuration)
    entry = os.path.join(bundle, "pagefind-entry.json")
    if result.returncode != 0 or not os.path.isfile(entry):
        raise ContentError(f"la recherche n'a pas pu être indexée par Pagefind ({result.stdout.strip()[-500:]}).",
                           fix="réinstallez « pagefind[bin] » (make html installe requirements.txt), ou écrivez "
                               "SEARCH_INDEX = False dans la configuration.")
    with open(entry, encoding="utf-8") as data:
        return json.load(data)["languages"]


def _run_pagefind(configuration):
    """Pagefind's command run with `configuration` as its configuration file (pagefind.json, read from
    its working folder: a glob of thousands of paths is too long for a command line)."""
    with tempfile.TemporaryDirectory(prefix="pagefind-") as folder:
        with open(os.path.join(folder, "pagefind.json"), "w", encoding="utf-8") as written:
            json.dump(configuration, written)
        environment = {name: value for name, value in os.environ.items() if name not in OVERRIDDEN_BY_ENVIRONMENT}
        return subprocess.run([sys.executable, "-m", "pagefind"], cwd=folder, env=environment,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def html_pages(site, bundle):
    """The paths, relative to `site` and in order, of the built site's HTML pages, the search bundle's own
    folder (`bundle`, relative to `site`) left out: what Pagefind reads."""
    for root, folders, names in os.walk(site):
        folders[:] = sorted(f for f in folders if os.path.relpath(os.path.join(root, f), site) != bundle)
        for name in sorted(names):
            if name.endswith(".html"):
                yield os.path.relpath(os.path.join(root, name), site)


def marked_pages(site, pages):
    """Those of `pages` (html_pages) that may mark an element ``data-pagefind-body``: once one page of a site does,
    Pagefind indexes those pages only. The attribute's name is looked for, in any case, anywhere in each
    file (0.2 s for 2,867 pages), not parsed: a page that only mentions it is shown to Pagefind for
    nothing (it finds no such element there), never one that has it left out; if no page shown to it
    has one, index_site shows Pagefind every page."""
    found = []
    for page in pages:
        with open(os.path.join(site, page), "rb") as html:
            if INDEXED_MARK.search(html.read()):
                found.append(page.replace(os.sep, "/"))
    return found


def pages_digest(site, pages):
    """The SHA-256 of the path, size and modification time of the built site's HTML `pages`
    (html_pages): what Pagefind reads. A page a rebuild reuses is the previous
    build's file (render_cache links it: the same size and time), so an equal digest means the very
    same pages, hence the same index; a page written again, even with the same bytes, gives another
    digest and a new index. (Reading and hashing every page instead took 0.8 s on 2,866 pages.)"""
    digest = hashlib.sha256()
    for page in pages:
        stat = os.stat(os.path.join(site, page))
        digest.update(f"{page}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _reuse_last_index(settings, site, bundle, digest):
    """The last build's index, copied, when it indexed exactly these pages (its digest beside it)."""
    last, here = os.path.join(previous_output(settings), bundle), os.path.join(site, bundle)
    record = os.path.join(last, DIGEST_FILE)
    if not os.path.isfile(record):
        return None
    with open(record, encoding="utf-8") as recorded:
        if recorded.read().strip() != digest:
            return None
    if os.path.abspath(last) != os.path.abspath(here):  # (a build in place has it there already)
        shutil.copytree(last, here)
    with open(os.path.join(here, "pagefind-entry.json"), encoding="utf-8") as data:
        return json.load(data)["languages"]


def build_index(pelican):
    if not pelican.settings["SEARCH_INDEX"]:
        return
    site = os.path.abspath(pelican.output_path)
    bundle = bundle_dir(pelican.settings)
    pages = list(html_pages(site, bundle))  # (the output's folders walked once: 0.08 s for 2,867 pages)
    digest = pages_digest(site, pages)
    try:
        # Nothing Pagefind reads has changed (a rebuild that changed no page): its last index stands.
        indexed = _reuse_last_index(pelican.settings, site, bundle, digest)
        reused = bool(indexed)
        if not indexed:
            progress("Recherche : indexation des pages…")
            indexed = index_site(site, os.path.join(site, bundle), pages)
    except ContentError as error:
        report(error, log=logger)
        return
    with open(os.path.join(site, bundle, DIGEST_FILE), "w", encoding="utf-8") as record:
        record.write(digest)
    for lang in pelican.settings["SITE_LANGUAGES"].codes:
        if not indexed.get(lang, {}).get("page_count"):
            report(ContentError(f"recherche : aucune page en « {lang} » n'a été indexée ; la recherche dans cette "
                                "langue ne trouvera rien.", fix=f"publiez au moins un texte en « {lang} »."),
                   logging.WARNING, logger)
    pages = sum(info.get("page_count", 0) for info in indexed.values())
    logger.info("Recherche : %d pages indexées dans /%s/%s", pages, bundle,
                " (pages inchangées : l'index précédent, repris)" if reused else "")


def get_generators(pelican):
    return SearchPageGenerator


def register():
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(build_index)
