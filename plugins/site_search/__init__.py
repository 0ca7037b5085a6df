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

Settings: SEARCH_INDEX (default True; False skips indexing, the search page
is still written), SEARCH_BUNDLE_DIR (default "pagefind", the folder of the
index and of Pagefind's scripts inside the output).
"""

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys

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


def bundle_dir(settings):
    return settings["SEARCH_BUNDLE_DIR"].strip("/")


def index_site(site, bundle):
    """Pagefind's index of the built site in the folder `site`, written into the folder `bundle`:
    {lang: {"page_count": n, …}}; a failure raises ContentError. (The dev server indexes this way
    after the page has reloaded, into a folder of its own.)"""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", os.path.abspath(site), "--output-path",
                             os.path.abspath(bundle)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    entry = os.path.join(bundle, "pagefind-entry.json")
    if result.returncode != 0 or not os.path.isfile(entry):
        raise ContentError(f"la recherche n'a pas pu être indexée par Pagefind ({result.stdout.strip()[-500:]}).",
                           fix="réinstallez « pagefind[bin] » (make html installe requirements.txt), ou écrivez "
                               "SEARCH_INDEX = False dans la configuration.")
    with open(entry, encoding="utf-8") as data:
        return json.load(data)["languages"]


def pages_digest(site, bundle):
    """The SHA-256 of the path, size and modification time of every HTML page of the built site, the
    search bundle's own folder left out: what Pagefind reads. A page a rebuild reuses is the previous
    build's file (render_cache links it: the same size and time), so an equal digest means the very
    same pages, hence the same index; a page written again, even with the same bytes, gives another
    digest and a new index. (Reading and hashing every page instead took 0.8 s on 2,866 pages.)"""
    digest = hashlib.sha256()
    for root, folders, names in os.walk(site):
        folders[:] = sorted(f for f in folders if os.path.relpath(os.path.join(root, f), site) != bundle)
        for name in sorted(names):
            if name.endswith(".html"):
                path = os.path.join(root, name)
                stat = os.stat(path)
                digest.update(f"{os.path.relpath(path, site)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
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
    digest = pages_digest(site, bundle)
    try:
        # Nothing Pagefind reads has changed (a rebuild that changed no page): its last index stands.
        indexed = _reuse_last_index(pelican.settings, site, bundle, digest)
        reused = bool(indexed)
        if not indexed:
            progress("Recherche : indexation des pages…")
            indexed = index_site(site, os.path.join(site, bundle))
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
