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
leak. Originals are only read.

A generator that shows images through templates registers them while it
builds its context (``store_for(generator).image_set(path)``): a page the
render_cache plugin reuses calls no template, yet its images must still be
published.

Derivatives are cached under CACHE_PATH/images by the SHA-256 of the
original and the pipeline's settings: a rebuild with no image change
encodes nothing and only links the cached files into the output. Encoding
runs in a process pool (one worker per core).

pelican-image-process (the pelican-plugins namespace plugin) rewrites
``<img>`` tags with srcset in one format but neither makes ``<picture>``
sources per format, nor strips metadata, nor caches by content; hence ours.
"""

import hashlib
import json
import logging
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from pelican import signals
from PIL import Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

DEFAULTS = {
    "IMAGE_WIDTHS": [400, 800, 1200, 1600],
    "IMAGE_OUTPUT_DIR": "images",
    "IMAGE_QUALITY": {"avif": 50, "webp": 72, "jpeg": 78},
    "IMAGE_SIZES": "(min-width: 64rem) 42rem, 100vw",
}
FORMATS = (("avif", "image/avif", "AVIF"), ("webp", "image/webp", "WEBP"), ("jpeg", "image/jpeg", "JPEG"))
ENCODER_OPTIONS = {"AVIF": {"speed": 7}, "WEBP": {"method": 4}, "JPEG": {"optimize": True, "progressive": True}}
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff")


class ImageError(ValueError):
    pass


@dataclass
class ImageSet:
    width: int
    height: int
    digest: str
    stem: str
    widths: list = field(default_factory=list)

    def render_fingerprint(self):
        return [self.digest, self.widths]

    def name(self, width, ext):
        return f"{self.stem}-{self.digest[:10]}-{width}.{'jpg' if ext == 'jpeg' else ext}"


def _encode(source, target_dir, image_set, quality):
    """Worker: every derivative of one original, from its pixels only."""
    with Image.open(source) as original:
        upright = ImageOps.exif_transpose(original)
        pixels = upright.convert("RGB")
    pixels.info = {}  # no EXIF, XMP, ICC or comment travels into a derivative
    for width in image_set.widths:
        resized = pixels if width == pixels.width else pixels.resize(
            (width, round(pixels.height * width / pixels.width)), Image.Resampling.LANCZOS)
        for ext, _, pil_format in FORMATS:
            resized.save(os.path.join(target_dir, image_set.name(width, ext)), pil_format,
                         quality=quality[ext], **ENCODER_OPTIONS[pil_format])
    return source


class ImageStore:
    def __init__(self, settings):
        self.settings = {key: settings.get(key, value) for key, value in DEFAULTS.items()}
        self.content_path = settings["PATH"]
        self.cache_dir = os.path.join(settings["CACHE_PATH"], "images")
        self.url_prefix = self.settings["IMAGE_OUTPUT_DIR"].strip("/")
        self.sets = {}  # source path -> ImageSet
        self.pending = {}  # source path -> ImageSet still to encode
        self.processed = self.reused = 0
        self._recipe = json.dumps([self.settings["IMAGE_WIDTHS"], self.settings["IMAGE_QUALITY"],
                                   ENCODER_OPTIONS], sort_keys=True)

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
            raise ImageError(f"{os.path.relpath(source)}: image introuvable.")
        with open(source, "rb") as data:
            digest = hashlib.sha256(data.read() + self._recipe.encode()).hexdigest()
        try:
            with Image.open(source) as image:
                image = ImageOps.exif_transpose(image)
                width, height = image.size
        except (UnidentifiedImageError, OSError) as error:
            raise ImageError(f"{os.path.relpath(source)}: ce fichier n'est pas une image lisible ({error}).")
        widths = sorted({w for w in self.settings["IMAGE_WIDTHS"] if w < width} | {min(width, max(self.settings["IMAGE_WIDTHS"]))})
        stem = os.path.splitext(os.path.basename(source))[0]
        image_set = ImageSet(width, height, digest, stem, widths)
        self.sets[source] = image_set
        cached = all(os.path.exists(os.path.join(self.cache_dir, image_set.name(w, ext)))
                     for w in widths for ext, _, _ in FORMATS)
        if cached:
            self.reused += 1
        else:
            self.pending[source] = image_set
        return image_set

    def url(self, image_set, width, ext):
        return f"/{self.url_prefix}/{image_set.name(width, ext)}"

    def picture(self, source, alt, sizes=None, loading="lazy", css_class=None):
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
        priority = ' fetchpriority="high"' if loading == "eager" else ""
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
        if not self.pending:
            return
        os.makedirs(self.cache_dir, exist_ok=True)
        quality = self.settings["IMAGE_QUALITY"]
        workers = min(len(self.pending), os.cpu_count() or 1)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            jobs = [pool.submit(_encode, source, self.cache_dir, image_set, quality)
                    for source, image_set in self.pending.items()]
            for job in jobs:
                job.result()
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
                        try:
                            os.link(os.path.join(self.cache_dir, name), target)
                        except OSError:
                            shutil.copyfile(os.path.join(self.cache_dir, name), target)
        logger.info("responsive_images: %s originals encoded, %s from cache",
                    self.processed, self.reused)


# --- Pelican wiring -------------------------------------------------------

_stores = {}  # id(run context) -> ImageStore; kept out of the pickled context


def store_for(generator):
    key = id(generator.context)
    if key not in _stores:
        _stores.clear()
        _stores[key] = ImageStore(generator.settings)
    return _stores[key]


def _install(generator):
    store = store_for(generator)

    def picture(path, alt, sizes=None, loading="lazy", css_class=None):
        return store.picture(store.source(path), alt, sizes, loading, css_class)

    generator.env.globals["picture"] = picture


def _resolve(src, item, content_path):
    for marker in ("{static}", "{attach}", "{filename}"):
        if src.startswith(marker):
            src = src[len(marker):]
            break
    else:
        if "://" in src or src.startswith(("data:", "//")):
            return None
    if src.startswith("/"):
        return os.path.normpath(os.path.join(content_path, src.lstrip("/")))
    return os.path.normpath(os.path.join(os.path.dirname(item.source_path), src))


def _rewrite_images(item, store, content_path):
    from bs4 import BeautifulSoup  # only pages with images pay for it

    html = item._content
    if not html or "<img" not in html:
        return
    soup = BeautifulSoup(html, "html.parser")
    changed = False
    for img in soup.find_all("img"):
        source = _resolve(img.get("src", ""), item, content_path)
        if source is None:
            continue
        where = os.path.relpath(item.source_path)
        alt = (img.get("alt") or "").strip()
        if not alt:
            logger.error("%s: l'image « %s » n'a pas de texte alternatif.\n"
                         "  Correction : décrivez ce qu'elle montre entre les crochets : "
                         "![Ce que montre la photo](%s)", where, img.get("src"), img.get("src"))
            continue
        try:
            markup = store.picture(source, alt, loading="lazy")
        except ImageError as error:
            logger.error("%s: %s\n  Correction : vérifiez le chemin de l'image.", where, error)
            continue
        img.replace_with(BeautifulSoup(str(markup), "html.parser"))
        if not changed:
            item.share_image = store.largest_jpeg(store.image_set(source))
            item.share_image_alt = alt
            item.share_image_source = source
        changed = True
    if changed:
        item._content = str(soup)


def _rewrite_generator(generator):
    store = store_for(generator)
    for attribute in ("articles", "translations", "hidden_articles", "hidden_translations",
                      "pages", "hidden_pages"):
        for item in getattr(generator, attribute, []):
            _rewrite_images(item, store, generator.settings["PATH"])


def _keep_originals_private(generator):
    """Originals keep their metadata: never copy them to the output as is."""
    generator.staticfiles[:] = [f for f in generator.staticfiles
                                if not f.source_path.lower().endswith(IMAGE_EXTENSIONS)]


def _publish(pelican):
    for store in _stores.values():
        store.publish(pelican.output_path)


def register():
    signals.generator_init.connect(_install)
    signals.article_generator_finalized.connect(_rewrite_generator)
    signals.page_generator_finalized.connect(_rewrite_generator)
    signals.static_generator_finalized.connect(_keep_originals_private)
    signals.finalized.connect(_publish)
