"""Quality gates over the whole build: W3C validity, links and fragments,
and no resource from another host."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from sitebuild import ROOT, file_of

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_errors(folder):
    """Errors of the W3C Nu HTML Checker over every HTML and CSS file in `folder`."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--skip-non-html", "--also-check-css", "--errors-only",
         "--format", "json", str(folder)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in messages]


def linkcheck(starts, workdir):
    """linkchecker over HTTP with its anchor check: (URLs checked, warnings, errors, report)."""
    config = workdir / "linkcheckerrc"
    config.write_text("[checking]\nthreads=4\nmaxrequestspersecond=1000\n[AnchorCheck]\n")
    result = subprocess.run(
        [str(Path(sys.executable).with_name("linkchecker")), "--config", str(config), "--no-status",
         "-o", "text", *starts],
        capture_output=True, text=True,
    )
    summary = re.search(r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found",
                        result.stdout)
    assert summary, result.stdout + result.stderr
    _, urls, warnings, errors = map(int, summary.groups())
    return urls, warnings, errors, result.stdout


def test_every_page_and_stylesheet_is_valid(site, pages):
    errors = vnu_errors(site)
    print(f"vnu checked {len(pages)} HTML pages and {len(list(site.rglob('*.css')))} stylesheets")
    assert not errors, "\n".join(errors[:30])


def test_every_link_and_fragment_resolves(site, origin, tmp_path):
    """From the home pages, the sitemap and the 404 pages: no broken link or fragment."""
    starts = [f"{origin}/", f"{origin}/es/", f"{origin}/sitemap.xml", f"{origin}/404.html", f"{origin}/es/404.html"]
    urls, warnings, errors, report = linkcheck(starts, tmp_path)
    print(f"linkchecker: {urls} URLs, {warnings} warnings, {errors} errors")
    assert urls > 200
    assert (errors, warnings) == (0, 0), report


def missing_fragments(site, pages):
    """Links to #fragments of the site's own pages whose target has no such id.

    linkchecker's AnchorCheck misses fragments on directory URLs ("/es/#x"),
    which is how every page here is addressed; this reads the built files."""
    ids = {path: {e["id"] for e in page.find_all(id=True)} | {a["name"] for a in page.find_all("a", attrs={"name": True})}
           for path, page in pages.items()}
    missing = []
    for path, page in pages.items():
        for link in page.find_all("a", href=True):
            target, _, fragment = link["href"].partition("#")
            if not fragment or urlsplit(target).netloc:
                continue
            target_path = file_of(site, target) if target else path
            if target_path is None or fragment not in ids.get(target_path, set()):
                missing.append(f"{path.relative_to(site)} -> {link['href']}")
    return missing


def test_every_fragment_exists(site, pages):
    assert not missing_fragments(site, pages)


def test_the_checkers_do_catch_defects(site, origin, tmp_path):
    """The gates above can fail: a bad page is reported by each checker."""
    bad = site / "gate-self-test"
    bad.mkdir(exist_ok=True)
    try:
        page = bad / "index.html"
        page.write_text(
            '<!doctype html><html lang="fr"><title>t</title><p><div>x</p>'
            '<a href="/gate-self-test/missing/">a</a><a href="/#no-such-anchor">b</a>'
        )
        assert any("gate-self-test" in error for error in vnu_errors(bad))
        _, _, errors, report = linkcheck([f"{origin}/gate-self-test/"], tmp_path)
        assert errors >= 1 and "missing" in report
        soup = BeautifulSoup(page.read_text(), "html.parser")
        assert missing_fragments(site, {page: soup}) == ["gate-self-test/index.html -> /#no-such-anchor"]
    finally:
        shutil.rmtree(bad)


# Elements and attributes through which a browser loads something by itself.
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
    "track": ["src"], "input": ["src"],
}
LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon",
                     "manifest", "dns-prefetch", "preconnect"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def _urls(value):
    return [part.strip().split(" ")[0] for part in value.split(",")] if value else []


def _foreign(url, origin):
    parts = urlsplit(url)
    if parts.scheme in ("", "data") and not url.startswith("//"):
        return False
    return f"{parts.scheme}://{parts.netloc}" != origin


def test_no_page_or_stylesheet_loads_anything_from_another_host(site, pages, origin):
    found = []
    for path, page in pages.items():
        for tag, attributes in LOADING_ATTRIBUTES.items():
            for element in page.find_all(tag):
                for attribute in attributes:
                    found += [(path, url) for url in _urls(element.get(attribute)) if _foreign(url, origin)]
        for link in page.find_all("link", href=True):
            if LOADING_LINK_RELS & set(link.get("rel", [])) and _foreign(link["href"], origin):
                found.append((path, link["href"]))
        for style in page.find_all("style"):
            found += [(path, u) for m in CSS_URL.finditer(style.get_text()) for u in m.groups() if u and _foreign(u, origin)]
        for element in page.find_all(style=True):
            found += [(path, u) for m in CSS_URL.finditer(element["style"]) for u in m.groups() if u and _foreign(u, origin)]
    for css in site.rglob("*.css"):
        found += [(css, u) for m in CSS_URL.finditer(css.read_text()) for u in m.groups() if u and _foreign(u, origin)]
    # Our scripts, strictly. Pagefind's bundle (pagefind/) names addresses it never
    # requests (translators' credits, the SVG namespace); the browser gate records
    # what the search page really requests, results shown.
    for script in site.rglob("*.js"):
        if script.parent.name == "pagefind":
            continue
        found += [(script, u) for u in re.findall(r"https?://[^\s'\"`)]+", script.read_text()) if _foreign(u, origin)]
    assert not found, found[:20]
