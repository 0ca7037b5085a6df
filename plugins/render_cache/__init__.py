"""Reuse a page from the previous build when nothing it is made of changed.

Pelican renders every page on every build. With its content cache on, a
rebuild after editing one post still spends most of its time rendering
thousands of unchanged pages. This plugin gives Pelican a Writer that, for
each page, computes a fingerprint of what the page is made of and, if the
previous build wrote the same page from the same fingerprint, hard-links
(or copies) the previous file instead of rendering it.

A page's fingerprint combines:

* a site fingerprint, computed once per build: the settings, every file of
  the theme and of the plugin folders, and the shared context (everything
  generators put there: lists of articles, pages, terms, plain data);
* the page's own arguments (its article or page, the items it lists...).

Content items are fingerprinted in two depths. An article the page is
about (passed as a top-level argument, like ``article=``) counts with its
body and all its metadata; so does every page (pages are few, and a page's
body may be shown elsewhere, as a home page shows its introduction). An
article that is only listed (inside a list, or in the shared context)
counts by what lists show of it: URL, title, summary, date, language,
status, category, tags and its translations' URLs. So editing the body of
one post re-renders that post's page only, while editing its title
re-renders every page. The assumption this rests on: a template shows an
article's body only on that article's own page (feeds are always written).
Other values count by what they hold: plain data, dates, dataclasses (every
field), functions and classes (by their qualified name), and objects that
declare ``render_fingerprint()`` (what of them a page can show).
Anything else is refused: the build stops naming its type and the context
key or page argument it came in, rather than reusing pages that could be
stale (``FingerprintError``).

The record of fingerprints lives in the cache folder (CACHE_PATH/render-cache/,
one file per output folder), never in the published site; each entry also holds the size and modification time of
the file it describes, so a page is reused only if the previous output
still holds exactly the file that was recorded (a build that failed or was
killed before replacing the output cannot make a page stale). It is written
under a temporary name and renamed. The previous output is the setting
PREVIOUS_OUTPUT_PATH (the build runner sets it, as it builds into a staging
folder), else OUTPUT_PATH. RENDER_CACHE = False (a one-off build, such as
make newsletter's) writes with Pelican's own writer and keeps no record.
Each page is left for later (PageToWrite, through parallel_build's PageRecorder): once every
generator has written, its fingerprint is computed, and the page reused or rendered, on every core
when there are enough of them (PARALLEL_RENDERING_FROM, in a process with one thread). Pages
Pelican's writer must write itself (relative addresses, overrides, its own pagination, a context
of their own) are fingerprinted and written at once.
No existing plugin does this; Pelican's own caches stop at reading.
"""

import dataclasses
import datetime
import hashlib
import json
import logging
import os

from pelican import signals
from pelican.contents import Article, Content, Static
from pelican.urlwrappers import URLWrapper
from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from multilingual import inherited_fields
from parallel_build import PageRecorder
from site_core.contracts import Contract
from site_core.files import link_or_copy, previous_output, write_atomically
from site_core.html import written_body
from site_core.run import run_of

logger = logging.getLogger(__name__)
__all__ = ["FingerprintError", "Fingerprinter"]
CONTRACT = Contract(needs=("site_core", "parallel_build", "multilingual"),
                    settings={"RENDER_CACHE": True})

# Context entries that are not what pages are made of: Pelican's own indexes, and where this
# build writes (the build runner's staging folder changes with every build).
UNSHARED = ("generated_content", "static_content", "OUTPUT_PATH", "PREVIOUS_OUTPUT_PATH")
LISTED_FIELDS = ("url", "lang", "title", "summary", "date", "status", "category", "tags")


def _digest_files(folders):
    digest = hashlib.sha256()
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".pyc", ".mo")):
                    continue
                path = os.path.join(root, name)
                digest.update(path.encode())
                with open(path, "rb") as source:
                    digest.update(source.read())
    return digest.hexdigest()


class FingerprintError(TypeError):
    """A value templates receive that the render cache cannot summarise (a developer's mistake)."""

    def __init__(self, kind, where):
        super().__init__(f"render_cache ne sait pas résumer un objet « {kind} » ({where}) : une page qui le montre "
                         "pourrait rester périmée. Donnez à ce type une méthode render_fingerprint() (ce qu'une page "
                         "en montre), ou faites-en une dataclass.")
        self.kind, self.where = kind, where


class Fingerprinter:
    """Stable, JSON-able summaries of the values templates receive."""

    def __init__(self):
        self._listed = {}

    def listed(self, item):
        """What lists show of an item, as one short digest (items recur in many lists)."""
        key = id(item)
        if key not in self._listed:
            fields = [self.value(getattr(item, name, None)) for name in LISTED_FIELDS]
            fields.append(sorted(
                (getattr(t, "lang", ""), getattr(t, "url", "")) for t in getattr(item, "translations", [])
            ))
            fields.append(item.source_path)
            self._listed[key] = hashlib.sha1(json.dumps(fields, default=str).encode()).hexdigest()
        return self._listed[key]

    def full(self, item):
        """Everything of an item a page about it shows: its listed digest, body, metadata, inherited fields."""
        metadata = {key: self.value(value) for key, value in item.metadata.items()}
        return [self.listed(item), written_body(item), metadata,
                sorted((k, self.value(v)) for k, v in inherited_fields(item).items())]

    def value(self, value, depth=0):
        """A JSON-able summary of a value a page receives; a FingerprintError for a value it cannot summarise."""
        if value is None or isinstance(value, (str, int, float, bool)):
            return value
        if isinstance(value, (datetime.date, datetime.datetime)):
            return value.isoformat()
        if isinstance(value, Static):  # a file copied as it is: where it comes from and where it goes
            return ["static", value.source_path, value.url]
        if isinstance(value, Article):
            return self.listed(value)
        if isinstance(value, Content):
            return self.full(value)
        if depth > 20:  # a structure that contains itself
            raise FingerprintError(type(value).__qualname__, "une valeur qui se contient elle-même")
        if isinstance(value, dict):
            return [[str(k), self.value(v, depth + 1)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
        if isinstance(value, (list, tuple, set, frozenset)):
            items = [self.value(v, depth + 1) for v in value]
            return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
        if hasattr(value, "render_fingerprint"):
            return self.value(value.render_fingerprint(), depth + 1)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return [type(value).__name__, self.value(
                {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}, depth + 1)]
        if callable(value) and hasattr(value, "__qualname__"):  # a function or a class (a setting, a filter)
            return ["code", getattr(value, "__module__", ""), value.__qualname__]
        if isinstance(value, URLWrapper):  # Pelican's categories, tags and authors
            return [type(value).__name__, value.name, value.url]
        raise FingerprintError(type(value).__qualname__, "une valeur")

    def named(self, name, value, where):
        """value(), saying which context key or page argument an unknown value came in."""
        try:
            return self.value(value)
        except FingerprintError as error:
            raise FingerprintError(error.kind, f"{where} « {name} »") from None


class CachingWriter(Writer):
    """Pelican's writer, with each page reused from the previous build when its fingerprint is the
    same, and every page left for later (parallel_build's PageRecorder: on every core, once every
    generator has written; see PageToWrite) but for those Pelican's writer must handle at once."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.previous_output = previous_output(settings)
        # One record per output folder (make html's, make publish's…), each describing its own files.
        output_id = hashlib.sha1(os.path.abspath(self.previous_output).encode()).hexdigest()[:12]
        self.manifest_path = os.path.join(settings["CACHE_PATH"], "render-cache", f"{output_id}.json")
        self.previous = self._load(self.manifest_path)
        self.manifest = {}  # name -> fingerprint
        self.fingerprints = Fingerprinter()
        self.site = None
        self.shared_context = None  # the context every page is written with (Pelican gives them one)
        self.waiting = {}  # output file -> its PageToWrite, until finalized
        self.reused = self.rendered = 0
        self.recorder = PageRecorder(settings, prepare=self._prepare)
        run_of(settings).get("render_cache_writers", list).append(self)  # saved at finalized

    @staticmethod
    def _load(path):
        try:
            with open(path, encoding="utf-8") as source:
                return json.load(source)
        except (OSError, ValueError):
            return {}

    def _context_fingerprint(self, context):
        """What every page written with `context` depends on: the theme's and plugins' files, the
        context's shared keys."""
        folders = [self.settings["THEME"], *self.settings.get("PLUGIN_PATHS", [])]
        shared = [[key, self.fingerprints.named(key, value, "la clé du contexte")]
                  for key, value in sorted(context.items()) if key not in UNSHARED]
        return hashlib.sha256(json.dumps([_digest_files(folders), shared], default=str).encode()).hexdigest()

    def _site_fingerprint(self):
        """The shared context's fingerprint, made once."""
        if self.site is None:
            self.site = self._context_fingerprint(self.shared_context)
        return self.site

    def _prepare(self):
        """Before the pages left for later are written: the site's fingerprint, once, here (not in each worker)."""
        self._site_fingerprint()

    def _page_fingerprint(self, name, template, context, kwargs, extra):
        own = {
            key: self.fingerprints.full(value) if isinstance(value, Content) else
            self.fingerprints.named(key, value, f"l'argument de la page {name}")
            for key, value in kwargs.items()
        }
        # A page with a context of its own (never the case here, possible with Pelican) is fingerprinted
        # with that context, not with the shared one.
        site = self._site_fingerprint() if context is self.shared_context else self._context_fingerprint(context)
        return hashlib.sha256(json.dumps([site, name, template.name, own, extra], default=str).encode()).hexdigest()

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        extra = [relative_urls, template_name, override_output, url]
        if self.shared_context is None:
            self.shared_context = context
        paginates = self._paginates(paginated, template_name, kwargs)
        if relative_urls or override_output or paginates or context is not self.shared_context:
            return self._write_now(name, template, context, relative_urls, paginated, paginates, template_name,
                                   override_output, url, kwargs, extra)
        # Pelican's writer, without making the file (the page's PageToWrite does, later).
        path = sanitised_join(self.output_path, name)
        page = PageToWrite(self, name, template, kwargs, extra)
        if self._claim(path, override=False):
            self.recorder.add(page)
            self.waiting[path] = page
        signals.content_written.send(path, context=_page_context(context, name, kwargs))
        return None

    def _claim(self, path, override):
        """Pelican's writer's rule for one file (Writer._open_w, without opening it): False when a page
        took this place for good earlier (this one is skipped), an error when a page would replace
        another without saying so; else the file is this page's."""
        if path in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{path}" a second time (was previously '
                                               "overwritten)")
            logger.info('Skipping "%s", not overwriting', path)
            return False
        if path in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{path}" as Pelican has already written to it '
                                           "previously (set `override=True` if intended)")
        if override:
            self._overridden_files.add(path)
        self._written_files.add(path)
        return True

    def _paginates(self, paginated, template_name, kwargs):
        """Whether Pelican's writer would cut this page into several (PAGINATED_TEMPLATES)."""
        if paginated is None:
            paginated = {key: value for key, value in kwargs.items() if key in ("articles", "dates")}
        return bool(paginated) and template_name in self.settings["PAGINATED_TEMPLATES"]

    def _write_now(self, name, template, context, relative_urls, paginated, paginates, template_name, override_output,
                   url, kwargs, extra):
        """A page Pelican's writer writes itself, at once: with relative addresses (which it sets in the
        shared context for each page), an override (which takes the place of a page left for later),
        pages it paginates, a context of its own (fingerprinted with that context)."""
        key = self._page_fingerprint(name, template, context, kwargs, extra)
        self.manifest[name] = key
        previous = os.path.join(self.previous_output, name)
        target = sanitised_join(self.output_path, name)
        if override_output and target in self.waiting:
            self.recorder.discard(self.waiting.pop(target))
        if self._still_there(name, key, previous) and not paginates:
            if self._claim(target, override_output):
                self._reuse(previous, target)
                self.reused += 1
            signals.content_written.send(target, context=_page_context(context, name, kwargs))
            return None
        self.rendered += 1
        return super().write_file(name, template, context, relative_urls, paginated, template_name, override_output,
                                  url, **kwargs)

    def _still_there(self, name, key, previous):
        """The previous build recorded this page with this fingerprint, and its file is unchanged."""
        recorded = self.previous.get(name)
        if not recorded or recorded[0] != key:
            return False
        try:
            stat = os.stat(previous)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == recorded[1:]

    def _reuse(self, previous, target):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        link_or_copy(previous, target)

    def save(self):
        """Record every page with its fingerprint and its file's size and time (written atomically)."""
        record = {}
        for name, key in self.manifest.items():
            try:
                stat = os.stat(os.path.join(self.output_path, name))
            except OSError:
                continue
            record[name] = [key, stat.st_size, stat.st_mtime_ns]
        write_atomically(self.manifest_path, json.dumps(record, separators=(",", ":"), sort_keys=True))
        logger.info("render_cache: %s pages rendered, %s reused", self.rendered, self.reused)


@dataclasses.dataclass
class PageToWrite:
    """A page left for later (parallel_build's PageRecorder): ``write()``, in a worker or here,
    links the previous build's file when the page's fingerprint is the one recorded with it, else
    renders the page, and gives (fingerprint, reused); ``written()`` records that here.
    It keeps the page's own arguments, not a copy of the site's context (thousands of pages, each
    copy the size of the settings: the largest part of a build's memory)."""

    writer: CachingWriter  # its shared_context is every such page's site context
    name: str
    template: object
    own: dict  # the page's own arguments, fingerprinted one by one
    extra: list

    def write(self):
        writer = self.writer
        key = writer._page_fingerprint(self.name, self.template, writer.shared_context, self.own, self.extra)
        previous = os.path.join(writer.previous_output, self.name)
        target = sanitised_join(writer.output_path, self.name)
        reused = writer._still_there(self.name, key, previous)
        if reused:
            writer._reuse(previous, target)
        else:
            html = self.template.render(_page_context(writer.shared_context, self.name, self.own))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8") as out:  # as Pelican's writer writes
                out.write(html)
        return key, reused

    def written(self, result):
        key, reused = result
        self.writer.manifest[self.name] = key
        if reused:
            self.writer.reused += 1
        else:
            self.writer.rendered += 1
            logger.info('Writing "%s"', sanitised_join(self.writer.output_path, self.name))  # as Pelican's writer says


def _page_context(site_context, name, own):
    """A page's context as Pelican's writer makes it (Writer.write_file): the site's, its file, its own
    arguments."""
    context = site_context.copy()
    context["localsiteurl"] = context.get("localsiteurl", None)
    context["output_file"] = name
    context.update(own)
    return context


def _get_writer(pelican):
    if not pelican.settings["RENDER_CACHE"]:
        return None  # a one-off build (make newsletter): Pelican's own writer, no record kept
    return CachingWriter


def _save(pelican):
    for writer in run_of(pelican).get("render_cache_writers", list):
        writer.save()


def register():
    signals.get_writer.connect(_get_writer)
    signals.finalized.connect(_save)
