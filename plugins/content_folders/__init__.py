"""What every folder-based content type (exhibitions, kits, periodicals,
delegation reports) needs, in one place:

* ``load_folders(generator, setting, load, data_files)``: ``load(name,
  folder)`` for each sub-folder of the content type's folder; a folder whose
  content is wrong is reported (file, entry, fix) and left out; a folder
  that is a link to somewhere outside the content is refused; a folder
  that has its texts but none of ``data_files`` yet is in preparation: left
  out without an error (an author writes the texts first, then the data
  file, perhaps days later, and every other page must still publish);
* ``in_preparation(folder, data_files)``: whether a folder is such a folder
  (for the status report);
* ``read_texts(generator, folder)``: the folder's ``index.<lang>.md`` files,
  read with Pelican's readers, one per site language present;
* ``folder_file(folder, written, data_file, line, what)``: a file a data file
  names, which must exist inside the item's own folder
  (content_errors.inside: no absolute path, no ``..``, no link elsewhere);
* ``describe_file(path)``: format, size and page count (PDFs, with pypdf)
  read from a downloadable file itself (the size of what is published), and
  whether it is a stand-in (``is_placeholder``: named with PLACEHOLDER_MARK,
  a document still to come);
* ``file_url(folder_url, name)``: a published file's address, with the
  characters of its name (spaces…) encoded as browsers send them;
* ``publish_file(generator, source, url)``: a file to copy into the output
  with the pages, claimed in the URL registry at once (so call it while
  building the context); images are published without their metadata
  (responsive_images.without_metadata), like every image of the site;
* ``published_bytes(path)``: the bytes that are published for a file (for
  bundles);
* ``read_photo(...)``, ``Photo``, ``rights_label(uri)``: photographs listed in
  a data file (photos.py).
"""

import logging
import os
import re
import shutil
from urllib.parse import quote, unquote

from pelican import signals
from pelican.contents import Page
from pelican.generators import Generator

import responsive_images
import url_registry
from content_errors import ContentError, inside, report, shown
from site_core.contracts import Contract
from site_core.files import remembered
from site_core.run import run_of

__all__ = ["load_folders", "in_preparation", "read_texts", "folder_file", "describe_file", "is_placeholder",
           "PLACEHOLDER_MARK", "file_url", "publish_file", "published_bytes", "read_photo", "Photo", "rights_label"]
CONTRACT = Contract(needs=("site_core", "content_errors", "url_registry", "responsive_images", "multilingual"))
logger = logging.getLogger(__name__)
FOLDER_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a folder's name goes into addresses


def in_preparation(folder, data_files):
    """Whether `folder` holds a text (``index.<lang>.md``) but none of its `data_files` yet."""
    names = os.listdir(folder)
    has_text = any(name.startswith("index.") and name.endswith(".md") for name in names)
    return has_text and not any(name in names for name in data_files)


def load_folders(generator, setting, load, data_files):
    """``load(name, folder)`` of each sub-folder of the folder the setting names (under PATH), but
    those in preparation (texts, no data file yet)."""
    root = os.path.join(generator.path, generator.settings[setting])
    loaded = []
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        folder = os.path.join(root, name)
        if not os.path.isdir(folder) or name.startswith("."):
            continue
        try:
            inside(root, name, folder, what="le dossier")
            if not FOLDER_NAME.match(name):
                raise ContentError(f"le nom du dossier « {name} » ne peut pas servir d'adresse.", path=folder,
                                   fix="renommez-le avec des lettres sans accents, des chiffres et des tirets, "
                                       "par exemple « delegation-colombie-2024 ».")
            if in_preparation(folder, data_files):
                logger.info("%s/ : pas encore publié, il lui manque %s.", shown(folder), " ou ".join(data_files))
                continue
            loaded.append(load(name, folder))
        except ContentError as error:
            report(error, log=logger)
    return loaded


def read_texts(generator, folder):
    """{lang: Page} of a folder's ``index.<lang>.md`` texts, read with Pelican's readers; none is a ContentError."""
    texts = {}
    for lang in generator.settings["SITE_LANGUAGES"].codes:
        path = os.path.join(folder, f"index.{lang}.md")
        if os.path.exists(path):
            texts[lang] = generator.readers.read_file(
                base_path=generator.path, path=os.path.relpath(path, generator.path),
                content_class=Page, context=generator.context)
    if not texts:
        raise ContentError("ce dossier n'a aucun texte.", path=folder,
                           fix="ajoutez-y index.fr.md (et index.es.md pour l'espagnol).")
    return texts


def folder_file(folder, written, data_file, line=None, what="le fichier"):
    """The file `written` in a data file names, inside the item's folder; it must exist."""
    if not str(written or "").strip():
        raise ContentError(f"{what} n'a pas de nom.", path=data_file, line=line,
                           fix="écrivez le nom du fichier, à partir du dossier de ce fichier de données.")
    source = inside(folder, written, data_file, line, what)
    if not os.path.isfile(source):
        raise ContentError(f"{what} « {written} » est introuvable dans {shown(folder)}/.",
                           path=data_file, line=line, fix="ajoutez le fichier ou corrigez son nom.")
    return source


def published_bytes(path):
    """The bytes published for a file: an image without its metadata, anything else as it is."""
    if path.lower().endswith(responsive_images.IMAGE_EXTENSIONS):
        return responsive_images.without_metadata(path)
    with open(path, "rb") as data:
        return data.read()


# In a file's name: a stand-in for a document still to come (tools/placeholders.py makes them). The
# pages say so beside its link and never give its page count as a fact.
PLACEHOLDER_MARK = ".placeholder."


def is_placeholder(path):
    """Whether the file at `path` is a stand-in, named with PLACEHOLDER_MARK."""
    return PLACEHOLDER_MARK in os.path.basename(path)


def describe_file(path):
    """{"format", "size", "pages", "placeholder"} of a file as published (no page count for a
    stand-in: its pages are not the document's); a broken PDF raises ContentError. Read once per
    change of the file (site_core.files.remembered)."""
    return dict(remembered("file facts", path, lambda: _read_facts(path)))


def _read_facts(path):
    extension = os.path.splitext(path)[1].lower().lstrip(".")
    pages = 0
    if extension == "pdf":
        from pypdf import PdfReader  # a tenth of a second to import: only builds that read a PDF pay it
        from pypdf.errors import PdfReadError

        try:
            pages = len(PdfReader(path).pages)
        except (PdfReadError, OSError, ValueError) as error:
            raise ContentError(f"ce PDF est illisible ({error}).", path=path,
                               fix="remplacez-le par un PDF qui s'ouvre dans un lecteur de PDF.") from None
        size = os.path.getsize(path)
    elif path.lower().endswith(responsive_images.IMAGE_EXTENSIONS):
        size = len(published_bytes(path))
    else:
        size = os.path.getsize(path)
    return {"format": extension.upper(), "size": size, "pages": 0 if is_placeholder(path) else pages,
            "placeholder": is_placeholder(path)}


def file_url(folder_url, name):
    """A published file's address in its folder, its name encoded as browsers send it."""
    return folder_url + quote(name)


def publish_file(generator, source, url, what=""):
    """Publish `source` as the output file behind `url` (claimed now: call it while building the
    context); it is copied when the site's files are written."""
    target = url_registry.claim(generator.context, unquote(url), source=source, what=what)
    _queued(generator)[target] = source


def _queued(holder):
    """{output file: source} of the files to publish in this run."""
    return run_of(holder).get("published_files", dict)


class PublishedFilesGenerator(Generator):
    """Writes the files queued by publish_file into the output (with the pages)."""

    def generate_context(self):
        pass

    def generate_output(self, writer):
        for target, source in _queued(self).items():
            path = os.path.join(self.output_path, target)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if source.lower().endswith(responsive_images.IMAGE_EXTENSIONS):
                with open(path, "wb") as out:
                    out.write(published_bytes(source))
            else:
                shutil.copyfile(source, path)


def get_generators(pelican):
    return PublishedFilesGenerator


def register():
    signals.get_generators.connect(get_generators)


from .photos import Photo, read_photo, rights_label  # noqa: E402 (photos uses folder_file, defined above)
