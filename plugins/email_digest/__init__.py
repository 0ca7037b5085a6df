"""An email-ready digest, per language, of the posts published since a date.

Active when EMAIL_DIGEST_SINCE is set (an ISO date; `make newsletter` sets
it). For each language with posts dated on or after it, renders the theme's
``digest.html`` (HTML for email: inline styles, absolute links, images at
EMAIL_DIGEST_IMAGE_WIDTH for a 600-pixel layout, with their dimensions) and
``digest.txt`` (the plain-text part), and writes them into EMAIL_DIGEST_PATH
(default "newsletters"), outside the site's output: a digest is never
published. Templates get ``posts`` (newest first, each with ``url``,
``image`` = (url, width, height) or None and ``image_alt``), ``since``,
``lang`` and ``SITE_ORIGIN``.

What it needs and gives: CONTRACT (site_core.contracts).
"""

import datetime
import logging
import os

from pelican import signals
from pelican.generators import Generator

import responsive_images
from multilingual import published_with_translations
from site_core.contracts import Contract
from site_core.urls import absolute

logger = logging.getLogger(__name__)
__all__ = []
CONTRACT = Contract(
    needs=("site_core", "multilingual", "responsive_images"),
    settings={"EMAIL_DIGEST_SINCE": None, "EMAIL_DIGEST_IMAGE_WIDTH": 600, "EMAIL_DIGEST_PATH": "newsletters"},
)


class DigestGenerator(Generator):
    def generate_context(self):
        pass

    def generate_output(self, writer):
        since = self.settings["EMAIL_DIGEST_SINCE"]
        if not since:
            return
        since = datetime.date.fromisoformat(str(since))
        store = responsive_images.store_for(self)
        width = self.settings["EMAIL_DIGEST_IMAGE_WIDTH"]
        folder = self.settings["EMAIL_DIGEST_PATH"]
        items = [a for a in published_with_translations(self.context.get("articles", [])) if a.date.date() >= since]
        items = sorted(dict.fromkeys(items), key=lambda a: a.date, reverse=True)
        os.makedirs(folder, exist_ok=True)
        for lang in self.settings["SITE_LANGUAGES"].codes:
            posts = []
            for article in (a for a in items if a.lang == lang):
                image = None
                source = getattr(article, "share_image_source", None)
                if source:
                    url, image_width, image_height = store.jpeg_at_least(store.image_set(source), width)
                    image = (absolute(self.settings, url), width, round(image_height * width / image_width))
                posts.append({"article": article, "url": absolute(self.settings, article.url), "image": image,
                              "image_alt": getattr(article, "share_image_alt", "")})
            if not posts:
                logger.info("Infolettre : rien de publié en « %s » depuis le %s.", lang, since)
                continue
            for kind in ("html", "txt"):
                template = self.get_template("digest" if kind == "html" else "digest_text")
                text = template.render(dict(self.context, lang=lang, posts=posts, since=since, url_path=""))
                path = os.path.join(folder, f"infolettre-{since.isoformat()}-{lang}.{kind}")
                with open(path, "w", encoding="utf-8") as out:
                    out.write(text)


def get_generators(pelican):
    return DigestGenerator


def register():
    signals.get_generators.connect(get_generators)
