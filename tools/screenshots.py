"""`make screenshots`: full-page pictures of every page kind (tools.page_kinds), in each language,
at a phone's width and a desktop's, taken in Debian's Chromium from the built site served as in
production, into a folder that is never committed, with an index.html to look through them.

Lazy images are loaded first (the page is scrolled to its end and back), so that a picture shows
what a visitor who scrolls would see.
"""

import argparse
import html
import re
import sys
from pathlib import Path

from tools import local_site
from tools.page_kinds import PAGE_KINDS, RESULTS_SHOWN, resolve

WIDTHS = {375: 812, 1280: 900}  # viewport width: height (an iPhone's, a laptop's)
LANGUAGES = ("fr", "es")  # the order of each kind's two addresses in PAGE_KINDS

# Scrolls the page to its end, one screen at a time, so that every lazy image starts loading,
# then waits for every image to be loaded (or broken) and goes back to the top.
LOAD_EVERYTHING = """async () => {
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight) {
        scrollTo(0, y);
        await new Promise(resolve => setTimeout(resolve, 50));
    }
    await Promise.all([...document.images].map(image => image.complete ? null :
        new Promise(resolve => { image.onload = image.onerror = resolve; })));
    scrollTo(0, 0);
}"""


def file_name(number, kind, lang, width):
    """« 07-exhibition-photo-es-375.png »: in the page kinds' order, then language and width."""
    slug = re.sub(r"[^a-z0-9]+", "-", kind.lower()).strip("-")
    return f"{number:02d}-{slug}-{lang}-{width}.png"


def take(site, into, kinds=None):
    """Screenshots of `kinds` (every page kind by default) of the site in `site`, into `into`:
    [(kind, lang, width, address, file name)]."""
    from playwright.sync_api import sync_playwright

    into.mkdir(parents=True, exist_ok=True)
    for old in into.glob("*.png"):
        old.unlink()
    taken = []
    origin = f"http://127.0.0.1:{local_site.free_port()}"
    with local_site.serving(site, origin), sync_playwright() as playwright:
        browser = local_site.launch_chromium(playwright)
        for width, height in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for number, (kind, urls) in enumerate(PAGE_KINDS.items(), 1):
                if kinds and kind not in kinds:
                    continue
                for lang, url in zip(LANGUAGES, urls, strict=True):
                    address = resolve(page, origin, url, lang)
                    page.goto(origin + address)
                    if "?q=" in address:
                        page.wait_for_function(RESULTS_SHOWN)
                    page.evaluate(LOAD_EVERYTHING)
                    name = file_name(number, kind, lang, width)
                    page.screenshot(path=into / name, full_page=True)
                    taken.append((kind, lang, width, address, name))
            page.close()
        browser.close()
    _write_index(into, taken)
    return taken


def _write_index(into, taken):
    rows = "\n".join(
        f'<figure><a href="{html.escape(name)}"><img src="{html.escape(name)}" loading="lazy" alt=""></a>'
        f"<figcaption>{html.escape(kind)} · {lang} · {width} px<br><code>{html.escape(address)}</code>"
        "</figcaption></figure>"
        for kind, lang, width, address, name in sorted(taken, key=lambda t: (t[2], t[4])))
    (into / "index.html").write_text(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Captures d\'écran du site</title>'
        "<style>body{font:14px system-ui;margin:1rem}main{display:grid;grid-template-columns:repeat(auto-fill,"
        "minmax(12rem,1fr));gap:1rem}img{width:100%;height:20rem;object-fit:cover;object-position:top;"
        "border:1px solid #ccc}</style><h1>Captures d'écran du site</h1><main>" + rows + "</main>",
        encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="output", help="the built site (make html)")
    parser.add_argument("--into", default="screenshots", help="where the pictures go (not committed)")
    parser.add_argument("--kind", action="append", help="only this page kind (as tools/page_kinds.py names it)")
    options = parser.parse_args(argv)
    site, into = Path(options.site), Path(options.into)
    if not (site / "index.html").is_file():
        print(f"Il n'y a pas de site construit dans « {site} » : lancez d'abord « make html ».", file=sys.stderr)
        return 1
    unknown = sorted(set(options.kind or ()) - set(PAGE_KINDS))
    if unknown:
        print(f"Sorte de page inconnue : {', '.join(unknown)} (voyez tools/page_kinds.py).", file=sys.stderr)
        return 1
    taken = take(site, into, options.kind)
    print(f"{len(taken)} captures d'écran dans {into}/ ({len({t[0] for t in taken})} sortes de pages, "
          f"{len(LANGUAGES)} langues, {len(WIDTHS)} largeurs) : ouvrez {into}/index.html.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
