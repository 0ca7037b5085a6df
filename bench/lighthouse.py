"""`make lighthouse`: Lighthouse's mobile scores for every page kind (tools.page_kinds), in each
language, against the budgets: 100 in performance, accessibility and best practices everywhere,
100 in SEO on every page search engines may index (a page that says ``noindex`` cannot have it).

The built site is served on 127.0.0.1 with the production security headers and its text compressed
(tools.local_site; gzip here, where nginx sends brotli, smaller still). One page
at a time, in Debian's Chromium, with Lighthouse's simulated slow 4G phone. Lighthouse is pinned in
bench/lighthouse/package.json, apart from the test suite's checkers (the suite does not run it:
about ten seconds a page).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from tools import local_site
from tools.page_kinds import PAGE_KINDS, resolve

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LANGUAGES = ("fr", "es")


def addresses(origin, kinds):
    """[(kind, lang, address)] of the page kinds, resolved as a visitor reaches them (the menu's links)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = local_site.launch_chromium(playwright)
        page = browser.new_page()
        found = [(kind, lang, resolve(page, origin, url, lang))
                 for kind, urls in PAGE_KINDS.items() if not kinds or kind in kinds
                 for lang, url in zip(LANGUAGES, urls, strict=True)]
        browser.close()
    return found


def indexable(url):
    with urllib.request.urlopen(url) as answer:  # noqa: S310 (our own local server)
        text = answer.read().decode("utf-8", "replace")
    return 'name="robots" content="noindex"' not in text


def audit(url):
    """{category: score 0-100}, and the audits below their best that weigh in each category."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [LIGHTHOUSE, url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env={**os.environ, "CHROME_PATH": local_site.CHROMIUM}, check=True, capture_output=True)
        data = json.loads(report.read_text())
    scores, missed, audits = {}, {}, data["audits"]
    for name in CATEGORIES:
        category = data["categories"][name]
        scores[name] = round((category["score"] or 0) * 100)
        weighed = [audits[ref["id"]] for ref in category["auditRefs"] if ref["weight"]]
        missed[name] = [f"{a['id']} ({a.get('displayValue') or a['score']})"
                        for a in weighed if a["score"] is not None and a["score"] < 1]
    return scores, missed, data["audits"]["cumulative-layout-shift"]["numericValue"]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="output", help="the built site (make html)")
    parser.add_argument("--kind", action="append", help="only this page kind (as tools/page_kinds.py names it)")
    parser.add_argument("--json", help="also write every score to this file")
    options = parser.parse_args(argv)
    if not (Path(options.site) / "index.html").is_file():
        print(f"No built site in {options.site}: run make html first.", file=sys.stderr)
        return 1
    origin = f"http://127.0.0.1:{local_site.free_port()}"
    rows, short = [], []
    with local_site.serving(options.site, origin, local_site.CompressingSiteHandler):
        for kind, lang, address in addresses(origin, options.kind):
            scores, missed, layout_shift = audit(origin + address)
            seo_counts = indexable(origin + address)
            rows.append({"kind": kind, "lang": lang, "url": address, **scores, "cls": round(layout_shift, 3),
                         "indexable": seo_counts})
            counted = [name for name in CATEGORIES if name != "seo" or seo_counts]
            below = {name: missed[name] for name in counted if scores[name] < 100}
            print(f"{kind:22} {lang}  " + "  ".join(f"{name[:4]} {scores[name]:3}" for name in CATEGORIES)
                  + f"  CLS {layout_shift:.3f}" + ("" if seo_counts else "  (noindex: SEO not counted)"),
                  flush=True)
            if below:
                short.append((kind, lang, address, below))
    if options.json:
        Path(options.json).write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    print(f"\n{len(rows)} pages, {len({r['kind'] for r in rows})} kinds x {len(LANGUAGES)} languages: "
          + ("every budget met." if not short else f"{len(short)} below budget:"))
    for kind, lang, address, below in short:
        print(f"  {kind} ({lang}) {address}: " + "; ".join(f"{name} {', '.join(audits) or '?'}"
                                                           for name, audits in below.items()))
    return 1 if short else 0


if __name__ == "__main__":
    sys.exit(main())
