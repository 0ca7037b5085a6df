"""What every folder-based content type (exhibitions, kits, periodicals,
delegation reports) needs, in one place:

* ``load_folders(generator, setting, default, load)``: ``load(name,
  folder)`` for each sub-folder of the content type's folder; a folder whose
  content is wrong is reported (file, entry, fix) and left out;
* ``read_texts(generator, folder)``: the folder's ``index.<lang>.md`` files,
  read with Pelican's readers, one per site language present;
* ``describe_file(path)``: format, size and page count (PDFs, with pypdf)
  read from a downloadable file itself;
* ``publish_file(generator, source, url)``: a file to copy into the output
  once the run has succeeded writing pages (at ``finalized``, into the
  staging folder when atomic_output is on).
"""

import logging
import os
import shutil

from pelican import signals
from pelican.contents import Page
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from content_errors import ContentError

logger = logging.getLogger(__name__)
_queued = {}  # id(run context) -> {url: source}


def load_folders(generator, setting, default, load):
    root = os.path.join(generator.path, generator.settings.get(setting, default))
    loaded = []
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        folder = os.path.join(root, name)
        if os.path.isdir(folder):
            try:
                loaded.append(load(name, folder))
            except ContentError as error:
                logger.error("%s", error)
    return loaded


def read_texts(generator, folder):
    texts = {}
    for lang in generator.settings["SITE_LANGUAGES"].codes:
        path = os.path.join(folder, f"index.{lang}.md")
        if os.path.exists(path):
            texts[lang] = generator.readers.read_file(
                base_path=generator.path, path=os.path.relpath(path, generator.path),
                content_class=Page, context=generator.context)
    if not texts:
        raise ContentError(f"{os.path.relpath(folder)}: aucun texte (index.fr.md, index.es.md…).")
    return texts


def describe_file(path):
    """{"format", "size", "pages"} of a file; a broken PDF raises ContentError."""
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    pages = 0
    if extension == "pdf":
        try:
            pages = len(PdfReader(path).pages)
        except (PdfReadError, OSError) as error:
            raise ContentError(f"{os.path.relpath(path)}: PDF illisible ({error}).")
    return {"format": extension.upper(), "size": os.path.getsize(path), "pages": pages}


def publish_file(generator, source, url):
    key = id(generator.context)
    if key not in _queued:
        _queued.clear()
        _queued[key] = {}
    _queued[key][url] = source


def _copy_queued(pelican):
    for files in _queued.values():
        for url, source in files.items():
            target = os.path.join(pelican.output_path, url)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(source, target)
    _queued.clear()


def register():
    signals.finalized.connect(_copy_queued)
