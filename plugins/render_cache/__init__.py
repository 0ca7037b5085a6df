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
Objects of other kinds count only through the plain data they hold; an
object that needs more can define ``render_fingerprint()``.

The record of fingerprints lives in the cache folder (CACHE_PATH/render-cache/,
one file per output folder), never in the published site; each entry also holds the size and modification time of
the file it describes, so a page is reused only if the previous output
still holds exactly the file that was recorded (a build that failed or was
killed before replacing the output cannot make a page stale). It is written
under a temporary name and renamed. The previous output is the setting
PREVIOUS_OUTPUT_PATH (the build runner sets it, as it builds into a staging
folder), else OUTPUT_PATH. RENDER_CACHE = False (a one-off build, such as
make newsletter's) writes with Pelican's own writer and keeps no record.
No existing plugin does this; Pelican's own caches stop at reading.
"""

import datetime
import hashlib
import json
import logging
import os
import shutil

from pelican import signals
from pelican.contents import Article, Content, Static
from pelican.writers import Writer

from site_core.files import write_atomically

logger = logging.getLogger(__name__)

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
        metadata = {key: self.value(value) for key, value in item.metadata.items()}
        return [self.listed(item), item._content, metadata,
                sorted((k, self.value(v)) for k, v in getattr(item, "inherited", {}).items())]

    def value(self, value, depth=0):
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
        if depth > 6:
            return type(value).__name__
        if isinstance(value, dict):
            return [[str(k), self.value(v, depth + 1)] for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))]
        if isinstance(value, (list, tuple, set, frozenset)):
            items = [self.value(v, depth + 1) for v in value]
            return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
        if hasattr(value, "render_fingerprint"):
            return value.render_fingerprint()
        name, url = getattr(value, "name", None), getattr(value, "url", None)
        if isinstance(name, str) and isinstance(url, str):  # categories, tags, authors
            return [type(value).__name__, name, url]
        return type(value).__name__


class CachingWriter(Writer):
    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.previous_output = settings.get("PREVIOUS_OUTPUT_PATH") or settings["OUTPUT_PATH"]
        # One record per output folder (make html's, make publish's…), each describing its own files.
        output_id = hashlib.sha1(os.path.abspath(self.previous_output).encode()).hexdigest()[:12]
        self.manifest_path = os.path.join(settings["CACHE_PATH"], "render-cache", f"{output_id}.json")
        self.previous = self._load(self.manifest_path)
        self.manifest = {}
        self.fingerprints = Fingerprinter()
        self.site = None
        self.reused = self.rendered = 0
        _writers.append(self)

    @staticmethod
    def _load(path):
        try:
            with open(path, encoding="utf-8") as source:
                return json.load(source)
        except (OSError, ValueError):
            return {}

    def _site_fingerprint(self, context):
        if self.site is None:
            folders = [self.settings["THEME"], *self.settings.get("PLUGIN_PATHS", [])]
            shared = {k: v for k, v in context.items() if k not in UNSHARED}
            self.site = hashlib.sha256(json.dumps(
                [_digest_files(folders), self.fingerprints.value(shared)], default=str
            ).encode()).hexdigest()
        return self.site

    def _page_fingerprint(self, name, template, context, kwargs, extra):
        own = {
            key: self.fingerprints.full(value) if isinstance(value, Content) else self.fingerprints.value(value)
            for key, value in kwargs.items()
        }
        return hashlib.sha256(json.dumps(
            [self._site_fingerprint(context), name, template.name, own, extra], default=str
        ).encode()).hexdigest()

    def write_file(self, name, template, context, relative_urls=False, paginated=None,
                   template_name=None, override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        key = self._page_fingerprint(name, template, context, kwargs,
                                     [relative_urls, template_name, override_output, url])
        self.manifest[name] = key
        previous = os.path.join(self.previous_output, name)
        target = os.path.join(self.output_path, name)
        if self._still_there(name, key, previous) and not paginated:
            self._reuse(previous, target)
            localcontext = dict(context, output_file=name, **kwargs)
            if url is not None:
                localcontext["url"] = url
            signals.content_written.send(target, context=localcontext)
            self.reused += 1
            return None
        self.rendered += 1
        return super().write_file(name, template, context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)

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
        self._written_files.add(target)
        if os.path.abspath(previous) == os.path.abspath(target):
            return
        os.makedirs(os.path.dirname(target), exist_ok=True)
        try:
            os.link(previous, target)
        except OSError:
            shutil.copyfile(previous, target)

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


_writers = []


def _get_writer(pelican):
    _writers.clear()
    if not pelican.settings.get("RENDER_CACHE", True):
        return None  # a one-off build (make newsletter): Pelican's own writer, no record kept
    return CachingWriter


def _save(pelican):
    for writer in _writers:
        writer.save()
    _writers.clear()


def register():
    signals.get_writer.connect(_get_writer)
    signals.finalized.connect(_save)
