"""sitemap.xml listing every page with its hreflang alternates, and robots.txt.

Pages are collected as they are written (``content_written``), so every
generator's output is covered without each one registering its pages; a
page whose context sets ``noindex`` (the 404 pages) is left out. The
pelican-sitemap plugin lists pages but not their language alternates.
"""

import os
from xml.sax.saxutils import escape, quoteattr

from pelican import signals

import url_registry
from site_core.run import run_of
from site_core.urls import origin as site_origin
from site_core.urls import url_of_file

from .languages import page_alternates, page_language, x_default

FILES = ("sitemap.xml", "robots.txt")


def claim_files(context):
    """Claimed with the lists (listings), while the context is built: links may lead to them."""
    for name in FILES:
        url_registry.claim(context, name, what=f"le fichier {name}")


def _url_of(path, output_path):
    return url_of_file(os.path.relpath(path, output_path).replace(os.sep, "/"))


def _record(path, context):
    if not path.endswith(".html") or context.get("noindex"):
        return
    alternates = dict(page_alternates(context))
    _written(context)[path] = (page_language(context), alternates)


def _written(holder):
    """{output file: (language, alternates)} of this run's pages."""
    return run_of(holder).get("sitemap", dict)


def _write(pelican):
    settings = pelican.settings
    origin = site_origin(settings)
    written = _written(pelican)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for path in sorted(written):
        lang, alternates = written[path]
        url = _url_of(path, pelican.output_path)
        alternates.setdefault(lang, url)
        lines.append(f"<url><loc>{escape(f'{origin}/{url}')}</loc>")
        for code, href in alternates.items():
            lines.append(f'  <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(f"{origin}/{href}")}/>')
        default = x_default(alternates, settings["DEFAULT_LANG"])
        lines.append(f'  <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(f"{origin}/{default}")}/>')
        lines.append("</url>")
    lines.append("</urlset>\n")
    with open(os.path.join(pelican.output_path, "sitemap.xml"), "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    with open(os.path.join(pelican.output_path, "robots.txt"), "w", encoding="utf-8") as out:
        out.write(f"User-agent: *\nAllow: /\n\nSitemap: {origin}/sitemap.xml\n")


def register():
    signals.content_written.connect(_record)
    signals.finalized.connect(_write)
