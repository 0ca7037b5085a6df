"""The site's icons for browsers and phones, drawn from one SVG of the theme.

Browsers ask for ``/favicon.ico`` at the root of a site whatever its pages
say, and a phone's home screen wants a square PNG (``/apple-touch-icon.png``);
both are made here at each build from SITE_ICON, an SVG file under the
theme's static folder (which the pages also name, for browsers that read an
SVG icon): the ICO at 16, 32 and 48 px, the PNG at 180 px on an opaque
background (a phone draws a transparent icon on black). Nothing derived is
kept in the repository.

The SVG is drawn by resvg (resvg-py, a self-contained wheel: no system
library), whose output Pillow writes as ICO and PNG; Pillow alone reads no
SVG.

Settings: SITE_ICON (a path under the theme's ``static`` folder, default None:
no icons) and SITE_ICON_BACKGROUND (the touch icon's background colour).
"""

import io
import logging
import os

import resvg_py
from pelican import signals
from pelican.generators import Generator
from PIL import Image

import url_registry
from content_errors import ContentError, report
from site_core.contracts import Contract
from site_core.files import write_atomically

logger = logging.getLogger(__name__)
__all__ = []
CONTRACT = Contract(needs=("site_core", "content_errors", "url_registry"),
                    settings={"SITE_ICON": None, "SITE_ICON_BACKGROUND": "#ffffff"})
ICO_SIZES = (16, 32, 48)
TOUCH_SIZE, TOUCH_MARGIN = 180, 20  # the mark inside a margin, as the phone crops the corners


def render(svg, size):
    """The SVG drawn as a size × size RGBA image."""
    return Image.open(io.BytesIO(bytes(resvg_py.svg_to_bytes(svg_string=svg, width=size, height=size)))).convert("RGBA")


def favicon_ico(svg):
    """The bytes of an ICO holding the SVG at each of ICO_SIZES, each drawn at its own size."""
    out = io.BytesIO()
    images = [render(svg, size) for size in ICO_SIZES]
    images[-1].save(out, format="ICO", sizes=[(s, s) for s in ICO_SIZES], append_images=images[:-1])
    return out.getvalue()


def touch_icon(svg, background):
    """The bytes of the phone's square PNG: the SVG inside a margin, on an opaque background."""
    canvas = Image.new("RGBA", (TOUCH_SIZE, TOUCH_SIZE), background)
    mark = render(svg, TOUCH_SIZE - 2 * TOUCH_MARGIN)
    canvas.alpha_composite(mark, (TOUCH_MARGIN, TOUCH_MARGIN))
    out = io.BytesIO()
    canvas.convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


class SiteIconsGenerator(Generator):
    FILES = {"favicon.ico": lambda svg, settings: favicon_ico(svg),
             "apple-touch-icon.png": lambda svg, settings: touch_icon(svg, settings["SITE_ICON_BACKGROUND"])}

    def generate_context(self):
        self.source = None
        if not self.settings["SITE_ICON"]:
            return
        self.source = os.path.join(self.theme, "static", self.settings["SITE_ICON"])
        for name in self.FILES:
            url_registry.claim(self.context, name, source=self.source, what="l'icône du site")

    def generate_output(self, writer):
        if not self.source:
            return
        try:
            with open(self.source, encoding="utf-8") as icon:
                svg = icon.read()
            made = {name: draw(svg, self.settings) for name, draw in self.FILES.items()}
        except (OSError, ValueError) as error:
            report(ContentError(f"l'icône du site n'a pas pu être dessinée ({error}).", path=self.source,
                                fix="vérifiez que ce fichier est un SVG qui s'ouvre dans un navigateur."), log=logger)
            return
        for name, data in made.items():
            write_atomically(os.path.join(self.output_path, name), data)


def get_generators(pelican):
    return SiteIconsGenerator


def register():
    signals.get_generators.connect(get_generators)
