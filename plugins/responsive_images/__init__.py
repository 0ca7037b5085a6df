"""Responsive, metadata-free images for every image of the site.

From each original under PATH this plugin makes derivatives at several
widths (IMAGE_WIDTHS, never wider than the original) in AVIF and WebP with a
JPEG fallback, and templates get them as ``<picture>`` markup with
``srcset``, ``sizes``, ``width`` and ``height`` (no layout shift) and
``loading="lazy"`` unless asked otherwise:

* ``picture(path, alt, sizes=..., loading=..., css_class=...)`` in templates
  (``path`` relative to PATH);
* Markdown images in articles and pages (``![alt](/media/photo.jpg)`` or
  ``{static}`` links) are replaced by the same markup; an image with no alt
  text, or missing, stops the build naming the file. The first one becomes
  the item's ``share_image`` ((url, width, height) of its largest JPEG),
  ``share_image_alt`` and ``share_image_source``, for sharing tags,
  structured data and email digests.

Every derivative is re-encoded from pixels only: EXIF (GPS included), XMP,
IPTC and ICC data are never copied, so where a photograph was taken does not
leak. Originals are only read. An image that is published as a file (an
image in a static folder such as ``media/``, a kit resource) is published
as ``without_metadata(path)``: the same image, its metadata dropped (JPEG
re-saved with its own quantisation tables, so nothing visible changes).

An image larger than Pillow's decompression-bomb limit (MAX_IMAGE_PIXELS,
about 89 megapixels) stops the build with its size and the fix, before it
is decoded; a file whose name says image but that is not one, too.

A category of the terms file may name an ``image:`` (a path under PATH):
the picture lists show for its posts that have none of their own. It is
checked and registered here, its message naming the terms file's line.

A generator that shows images through templates registers them while it
builds its context (``store_for(generator).image_set(path)``): a page the
render_cache plugin reuses calls no template, yet its images must still be
published.

Derivatives are cached under IMAGE_CACHE_PATH (default CACHE_PATH/images)
by the SHA-256 of the original and the pipeline's settings: a rebuild with
no image change encodes nothing and only links the cached files into the
output, and several builds may share one folder (the dev server and make
html, the tests). Each is written under a temporary name carrying its
process and renamed (site_core.files), so a build killed while encoding
leaves no half-written derivative under a final name, and one build never
removes a file another is still writing. Encoding runs
in a process pool (one worker per core, forked from a clean server process: the build may run
in a process with other threads, such as the dev server's).

pelican-image-process (the pelican-plugins namespace plugin) rewrites
``<img>`` tags with srcset in one format but neither makes ``<picture>``
sources per format, nor strips metadata, nor caches by content; hence ours.
"""

import difflib
import functools
import hashlib
import io
import json
import logging
import multiprocessing
import os
import re
import unicodedata
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import unquote

from markupsafe import Markup, escape
from pelican import signals
from PIL import Image, ImageOps, UnidentifiedImageError

import url_registry
from content_errors import ContentError, inside, report, shown
from parallel_build import shared_with_workers
from site_core.contracts import Contract
from site_core.files import atomic_path, link_or_copy, remove_leftovers
from site_core.html import replace_written_body, written_body
from site_core.processes import ctrl_c_for_this_process_only, processes
from site_core.progress import progress
from site_core.run import run_of

__all__ = ["ImageError", "ImageSet", "ImageStore", "IMAGE_EXTENSIONS", "store_for", "without_metadata"]

logger = logging.getLogger(__name__)

CONTRACT = Contract(
    needs=("site_core", "content_errors", "parallel_build", "url_registry", "multilingual"),
    reads=("TERMS",),
    settings={
        "IMAGE_WIDTHS": [400, 800, 1200, 1600],
        "IMAGE_OUTPUT_DIR": "images",
        "IMAGE_QUALITY": {"avif": 50, "webp": 72, "jpeg": 78},
        "IMAGE_SIZES": "(min-width: 64rem) 42rem, 100vw",
        "IMAGE_CACHE_PATH": None,  # None: CACHE_PATH/images; the tests share one folder between builds
    },
)
FORMATS = (("avif", "image/avif", "AVIF"), ("webp", "image/webp", "WEBP"), ("jpeg", "image/jpeg", "JPEG"))
# Chosen by bench/image_encoders.py (bytes against time, every width of three camera-sized photos):
# AVIF speed 8 takes 0.58 of speed 7's time for 1 % more bytes (speed 4 saves 27 % of the bytes for 9
# times the time: each new photo would keep the dev server busy seconds longer); WebP method 4 (2:
# 0.33 of the time, 4 % more bytes; 6: 1.33 of the time, 5 % fewer).
ENCODER_OPTIONS = {"AVIF": {"speed": 8}, "WEBP": {"method": 4}, "JPEG": {"optimize": True, "progressive": True}}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")
PIPELINE = 2


class ImageError(ContentError):
    """An image that cannot be published (missing, unreadable, damaged, too big, no alt text)."""
    pass


def _open(source):
    """An image opened lazily (header only), or an ImageError saying what is wrong with the file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return Image.open(source)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_big(source) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        raise ImageError(f"ce fichier n'est pas une image lisible ({error}).", path=source,
                         fix="remplacez-le par une photo en JPEG ou PNG.") from None


def _too_big(source):
    limit = Image.MAX_IMAGE_PIXELS / 1_000_000
    return ImageError(f"cette image est trop grande (plus de {limit:.0f} mégapixels) pour être publiée.",
                      path=source, fix="réduisez-la (6000 pixels de large suffisent) et enregistrez-la à nouveau.")


def without_metadata(source):
    """The image's bytes without EXIF (GPS included), XMP, IPTC or comments, in its own format.
    (Asked for several times in a build, to check the file, to publish it, to bundle it: made once
    per version of the file.)"""
    stat = os.stat(source)
    return _stripped(source, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _stripped(source, size, mtime_ns):
    with _open(source) as image:
        kind = image.format
        buffer = io.BytesIO()
        try:
            if kind == "JPEG":
                image.save(buffer, "JPEG", quality="keep", optimize=True)
            else:
                pixels = image.copy()
                pixels.info = {}
                pixels.save(buffer, kind or "PNG")
        except (OSError, ValueError, SyntaxError) as error:
            raise _damaged(source, error) from None
    return buffer.getvalue()


def _damaged(source, error):
    return ImageError(f"cette image est abîmée ou incomplète ({error}) : elle ne peut pas être publiée.",
                      path=source, fix="enregistrez-la à nouveau depuis l'original, ou remplacez-la.")


def _missing(source):
    """The error for an image that is not where the text says, with the file it probably meant."""
    folder, name = os.path.split(source)
    others = os.listdir(folder) if os.path.isdir(folder) else []
    same = lambda text: unicodedata.normalize("NFC", text).casefold()  # noqa: E731
    meant = next((other for other in others if same(other) == same(name)), None) or next(
        iter(difflib.get_close_matches(name, others, n=1, cutoff=0.8)), None)
    return ImageError(f"l'image « {shown(source)} » est introuvable."
                      + (f" Le dossier a « {meant} »." if meant else ""),
                      fix=f"écrivez le nom exactement comme celui du fichier (« {meant} »), majuscules et accents "
                          "compris." if meant else "ajoutez l'image dans ce dossier, ou corrigez son nom.")


@dataclass
class ImageSet:
    """An original's size, content digest and the widths of its derivatives."""
    width: int
    height: int
    digest: str
    stem: str
    widths: list = field(default_factory=list)

    def name(self, width, ext):
        """A derivative's file name: the original's stem, its digest, the width."""
        return f"{self.stem}-{self.digest[:10]}-{width}.{'jpg' if ext == 'jpeg' else ext}"


def _encode(source, target_dir, image_set, quality):
    """Worker: every derivative of one original, from its pixels only, each renamed into place once whole."""
    with Image.open(source) as original:
        upright = ImageOps.exif_transpose(original)
        pixels = upright.convert("RGB")
    pixels.info = {}  # no EXIF, XMP, ICC or comment travels into a derivative
    for width in image_set.widths:
        resized = pixels if width == pixels.width else pixels.resize(
            (width, round(pixels.height * width / pixels.width)), Image.Resampling.LANCZOS)
        for ext, _, pil_format in FORMATS:
            with atomic_path(os.path.join(target_dir, image_set.name(width, ext))) as temporary:
                resized.save(temporary, pil_format, quality=quality[ext], **ENCODER_OPTIONS[pil_format])
    return source


def _whole(path):
    """A derivative in the cache: present and not empty (older code could leave empty files)."""
    try:
        return os.path.getsize(path) > 0
    except OSError:
        return False


class ImageStore:
    """One run's images: what each original's derivatives are, which to encode, what to publish."""
    def __init__(self, settings):
        self.settings = {key: settings[key] for key in CONTRACT.settings}
        self.content_path = settings["PATH"]
        self.cache_dir = settings["IMAGE_CACHE_PATH"] or os.path.join(settings["CACHE_PATH"], "images")
        self.url_prefix = self.settings["IMAGE_OUTPUT_DIR"].strip("/")
        self.sets = {}  # source path -> ImageSet
        self.static_copies = {}  # output file -> original (images of static folders, see without_metadata)
        self.pending = {}  # source path -> ImageSet still to encode
        self.processed = self.reused = 0
        # PIPELINE names the way derivatives are written: 2 since they are renamed into place once whole,
        # so that none written by earlier code (which a killed build could leave truncated) is taken.
        self._recipe = json.dumps([PIPELINE, self.settings["IMAGE_WIDTHS"], self.settings["IMAGE_QUALITY"],
                                   ENCODER_OPTIONS], sort_keys=True)
        remove_leftovers(self.cache_dir)

    def render_fingerprint(self):
        """Every image of the run and where it goes (see render_cache): a page showing an image by its path
        must be rendered again when the image, and so its derivatives' names, change."""
        return [sorted([source, image_set.digest, image_set.widths] for source, image_set in self.sets.items()),
                sorted(self.static_copies.items())]

    def source(self, path):
        """An original's file: `path` is relative to PATH (or already inside it)."""
        if os.path.isabs(path) and path.startswith(self.content_path + os.sep):
            return os.path.normpath(path)
        return os.path.normpath(os.path.join(self.content_path, path.lstrip("/")))

    def image_set(self, source):
        """Sizes and derivative names of an original; encoding is queued, not done."""
        if source in self.sets:
            return self.sets[source]
        if not os.path.isfile(source):
            raise _missing(source)
        with open(source, "rb") as data:
            digest = hashlib.sha256(data.read() + self._recipe.encode()).hexdigest()
        with _open(source) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
        if orientation in (5, 6, 7, 8):  # EXIF says the camera was turned: the upright image is rotated
            width, height = height, width
        chosen = self.settings["IMAGE_WIDTHS"]
        widths = sorted({w for w in chosen if w < width} | {min(width, max(chosen))})
        # The derivatives' names go into srcset lists, where a space separates a URL from its width.
        stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", os.path.splitext(os.path.basename(source))[0]).strip("-") or "image"
        image_set = ImageSet(width, height, digest, stem, widths)
        self.sets[source] = image_set
        cached = all(_whole(os.path.join(self.cache_dir, image_set.name(w, ext)))
                     for w in widths for ext, _, _ in FORMATS)
        if cached:
            self.reused += 1
        else:
            self.pending[source] = image_set
        return image_set

    def registered(self):
        """The image sets registered so far, and the sources of those still to encode: what a worker
        of parallel_build that rendered pages found (picture() registers the images it shows)."""
        return dict(self.sets), set(self.pending)

    def add_registered(self, found):
        """Add what a worker's registered() gave (the sets this process does not have yet)."""
        sets, pending = found
        for source, image_set in sets.items():
            if source not in self.sets:
                self.sets[source] = image_set
                if source in pending:
                    self.pending[source] = image_set
                else:
                    self.reused += 1

    def url(self, image_set, width, ext):
        """The address of one derivative."""
        return f"/{self.url_prefix}/{image_set.name(width, ext)}"

    def picture(self, source, alt, sizes=None, loading="lazy", css_class=None, priority=None):
        """The <picture> markup of an original: AVIF and WebP sources, a JPEG <img> with width, height and alt.
        An eager image is fetched first (``fetchpriority="high"``, the page's main image) unless
        `priority` is False (a page of many eager images, as the print panels: one of them leads)."""
        image_set = self.image_set(source)
        sizes = sizes or self.settings["IMAGE_SIZES"]
        largest = image_set.widths[-1]
        height = round(image_set.height * largest / image_set.width)
        sources = "".join(
            f'<source type="{mime}" srcset="{self._srcset(image_set, ext)}" sizes="{escape(sizes)}">'
            for ext, mime, _ in FORMATS[:-1]
        )
        fallback = image_set.widths[min(1, len(image_set.widths) - 1)]
        attributes = f' class="{escape(css_class)}"' if css_class else ""
        priority = ' fetchpriority="high"' if loading == "eager" and priority is not False else ""
        return Markup(
            f"<picture{attributes}>{sources}"
            f'<img src="{self.url(image_set, fallback, "jpeg")}" srcset="{self._srcset(image_set, "jpeg")}" '
            f'sizes="{escape(sizes)}" width="{largest}" height="{height}" alt="{escape(alt)}" '
            f'loading="{loading}" decoding="async"{priority}></picture>'
        )

    def jpeg_at_least(self, image_set, width):
        """(url, width, height) of the narrowest JPEG at least `width` wide (else the widest)."""
        chosen = next((w for w in image_set.widths if w >= width), image_set.widths[-1])
        return self.url(image_set, chosen, "jpeg"), chosen, round(image_set.height * chosen / image_set.width)

    def largest_jpeg(self, image_set):
        """(url, width, height) of the biggest JPEG: for sharing tags and structured data."""
        width = image_set.widths[-1]
        return self.url(image_set, width, "jpeg"), width, round(image_set.height * width / image_set.width)

    def _srcset(self, image_set, ext):
        return ", ".join(f"{self.url(image_set, w, ext)} {w}w" for w in image_set.widths)

    def encode_pending(self):
        """Encode every derivative not in the cache yet, one process per core."""
        if not self.pending:
            return
        os.makedirs(self.cache_dir, exist_ok=True)
        quality = self.settings["IMAGE_QUALITY"]
        workers = min(len(self.pending), processes(0))
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("forkserver"))
        try:
            with ctrl_c_for_this_process_only():  # the encoders start here
                jobs = {pool.submit(_encode, source, self.cache_dir, image_set, quality): source
                        for source, image_set in self.pending.items()}
            total, step = len(jobs), max(1, len(jobs) // 10)  # about ten steps shown, whatever the number
            progress(f"Photos : préparation de {total} photo(s) en plusieurs tailles…")
            for done, (job, source) in enumerate(jobs.items(), 1):
                try:
                    job.result()
                except (OSError, ValueError, SyntaxError) as error:  # pixels that do not decode
                    raise _damaged(source, error) from None
                if done % step == 0 or done == total:
                    progress(f"Photos : {done} sur {total} préparées")
        finally:  # stopped (Ctrl+C, a damaged image): no new image; those being encoded end first
            pool.shutdown(wait=True, cancel_futures=True)
        self.processed += len(self.pending)
        self.pending.clear()

    def publish(self, output_path):
        """Encode what is missing, then link every derivative used into the output."""
        self.encode_pending()
        target_dir = os.path.join(output_path, self.url_prefix)
        os.makedirs(target_dir, exist_ok=True)
        for image_set in self.sets.values():
            for width in image_set.widths:
                for ext, _, _ in FORMATS:
                    name = image_set.name(width, ext)
                    target = os.path.join(target_dir, name)
                    if not os.path.exists(target):
                        link_or_copy(os.path.join(self.cache_dir, name), target)
        for name, source in self.static_copies.items():
            target = os.path.join(output_path, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(without_metadata(source))
        logger.info("responsive_images: %s originals encoded, %s from cache",
                    self.processed, self.reused)


# --- Pelican wiring -------------------------------------------------------

def store_for(holder):
    """This run's image store (a generator, a context, or in ``finalized`` the Pelican object)."""
    run = run_of(holder)
    return run.get("images", lambda: ImageStore(run.context))


def _install(generator):
    store = store_for(generator)
    url_registry.reserve(generator.context, store.url_prefix, what="les images du site")

    def picture(path, alt, sizes=None, loading="lazy", css_class=None, priority=None):
        return store.picture(store.source(path), alt, sizes, loading, css_class, priority)

    generator.env.globals["picture"] = picture
    shared_with_workers(generator, "images", store.registered, store.add_registered)


def _resolve(src, item, content_path):
    """The original behind an image's address in a text, inside the content folder; None for another site."""
    src = unquote(src)
    for marker in ("{static}", "{attach}", "{filename}"):
        if src.startswith(marker):
            src = src[len(marker):]
            break
    else:
        if "://" in src or src.startswith(("data:", "//")):
            return None
    if src.startswith("/"):
        return inside(content_path, src.lstrip("/"), item.source_path, what="l'image", as_written=src)
    relative = os.path.relpath(os.path.join(os.path.dirname(item.source_path), src), content_path)
    return inside(content_path, relative, item.source_path, what="l'image", as_written=src)


def _rewrite_images(item, store, content_path):
    from bs4 import BeautifulSoup  # only pages with images pay for it

    from content_errors import line_in_text as line_of
    from content_errors import read_text

    html = written_body(item)
    if "<img" not in html:
        return
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for img in soup.find_all("img"):
        written = img.get("src", "")
        alt = (img.get("alt") or "").strip()
        # An image without alt text is found by what the author wrote, "![](…)", not by its first use.
        needle = f"![]({unquote(written)}" if not alt else unquote(written)
        line = lambda needle=needle, written=written: line_of(  # noqa: E731
            read_text(item.source_path), needle) or line_of(read_text(item.source_path), unquote(written))
        try:
            source = _resolve(written, item, content_path)
            if source is None:
                continue
            if not alt:
                raise ImageError(f"l'image « {unquote(written)} » n'a pas de texte alternatif.",
                                 fix=f"décrivez ce qu'elle montre entre les crochets : "
                                     f"![Ce que montre la photo]({unquote(written)})")
            markup = store.picture(source, alt, loading="lazy")
        except ContentError as error:
            if not error.path or error.path == item.source_path:  # else it names the image file, the one to fix
                error.path, error.line = item.source_path, error.line or line()
            report(error, log=logger)
            continue
        img.replace_with(BeautifulSoup(str(markup), "html.parser"))
        if not changed:
            item.share_image = store.largest_jpeg(store.image_set(source))
            item.share_image_alt = alt
            item.share_image_source = source
        changed = True
    if changed:
        replace_written_body(item, str(soup))


def _rewrite_generator(generator):
    store = store_for(generator)
    for attribute in ("articles", "translations", "hidden_articles", "hidden_translations",
                      "pages", "hidden_pages"):
        for item in getattr(generator, attribute, []):
            _rewrite_images(item, store, generator.settings["PATH"])


def _register_term_images(generator):
    """The images categories name (``image:`` in the terms file), checked and registered: the lists
    show them, and a page the render cache reuses calls no template."""
    from multilingual import terms_of

    store, terms = store_for(generator), terms_of(generator)
    for key in terms.with_extra("category", "image"):
        written, line = str(terms.get("category", key, terms.languages.default).extra["image"]), terms.line_of(key)
        try:
            # "/media/x.jpg", as the web editor writes it, is from the content folder too.
            store.image_set(inside(generator.settings["PATH"], written.lstrip("/"), terms.path, line,
                                   what="l'image", as_written=written))
        except ContentError as error:  # the image's own problem (missing, too large…), at the terms' line
            error.path, error.line = terms.path, line
            report(error, log=logger)


def _keep_metadata_private(generator):
    """Originals keep their metadata: an image in a static folder is published as a copy without it
    (by this plugin, at the end of the run), never copied as is by Pelican."""
    store = store_for(generator)
    kept = []
    for static in generator.staticfiles:
        if not static.source_path.lower().endswith(IMAGE_EXTENSIONS):
            kept.append(static)
            continue
        try:
            without_metadata(static.source_path)  # a broken or oversized image stops the build here
        except ContentError as error:
            report(error, log=logger)
            continue
        url_registry.claim(generator.context, static.save_as, source=static.source_path)
        store.static_copies[static.save_as] = static.source_path
    generator.staticfiles[:] = kept


def _publish(pelican):
    store_for(pelican).publish(pelican.output_path)


def register():
    signals.generator_init.connect(_install)
    signals.article_generator_finalized.connect(_rewrite_generator)
    signals.article_generator_finalized.connect(_register_term_images)
    signals.page_generator_finalized.connect(_rewrite_generator)
    signals.static_generator_finalized.connect(_keep_metadata_private)
    signals.finalized.connect(_publish)
