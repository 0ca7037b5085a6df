"""Checks over a built site's files, shared by the test suite's quality gates
and by `make publish` (which runs them before sending anything):

* ``vnu_errors``: the W3C Nu HTML Checker (npm ``vnu-jar``, Java) on every
  HTML page and stylesheet;
* ``broken_links``: links and resources of the site's own pages, stylesheets,
  sitemap and feeds whose file is missing;
* ``missing_fragments``: ``#fragment`` links whose target has no such id;
* ``foreign_resources``: anything a page, stylesheet or our scripts would
  load from another host.

Each returns a list of ``Finding(file, detail)`` (empty when all is well):
the built file, relative to the site, and what is wrong there; ``make
publish`` names the content file that made each built file. They read the
built files (no server, no crawl): every page is checked, not only those a
crawl from the home page would reach.
"""

import json
import re
import subprocess
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-Xss16m")

# Elements and attributes through which a browser loads something by itself.
LOADING_ATTRIBUTES = {
    "script": ["src"], "img": ["src", "srcset"], "source": ["src", "srcset"], "iframe": ["src"],
    "video": ["src", "poster"], "audio": ["src"], "embed": ["src"], "object": ["data"],
    "track": ["src"], "input": ["src"],
}
LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "apple-touch-icon",
                     "manifest", "dns-prefetch", "preconnect"}
VENDOR_BUNDLES = ("pagefind", "admin")  # output folders of other projects' built scripts
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


class Finding(NamedTuple):
    """One problem in a built file: the file (relative to the site) and what is wrong."""
    file: str  # the built file, relative to the site ("es/noticias/index.html", "theme/css/site.css")
    detail: str

    def __str__(self):
        return f"{self.file} -> {self.detail}"


def html_files(site):
    """Every HTML file of a built site."""
    return sorted(Path(site).rglob("*.html"))


def parse_pages(site):
    """{path: BeautifulSoup} of every HTML file of a built site."""
    return {path: BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser") for path in html_files(site)}


def file_of(site, url):
    """Built file behind a site-relative URL ("/es/noticias/", "/a.css?v=1#x"), or None."""
    path = unquote(urlsplit(url).path).lstrip("/")
    candidate = Path(site) / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def vnu_errors(folder):
    """Errors of the W3C Nu HTML Checker over every HTML and CSS file in `folder`."""
    return vnu_errors_by_folder(folder)[folder]


def vnu_errors_by_folder(*folders):
    """{folder: its errors} of one run of the W3C Nu HTML Checker over several folders (the checker
    starts a Java machine, seconds of work, once)."""
    result = subprocess.run(
        # A check of seconds: the Java machine's quick compiler only (half the processor time of its
        # default two), with the deeper stack the checker's HTML schema then needs.
        ["java", *JAVA_OPTIONS, "-jar", str(VNU), "--skip-non-html", "--also-check-css", "--errors-only",
         "--format", "json", *map(str, folders)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    roots = {folder: Path(folder).resolve() for folder in folders}
    found = {folder: [] for folder in folders}
    for message in messages:
        path = Path(unquote(urlsplit(message.get("url", "")).path))
        folder = next((f for f, root in roots.items() if path.is_relative_to(root)), folders[0])
        file = path.relative_to(roots[folder]).as_posix() if path.is_relative_to(roots[folder]) else str(path)
        found[folder].append(Finding(file, f"ligne {message.get('lastLine')} : {message['message']}"))
    return found


def _urls(value):
    return [part.strip().split(" ")[0] for part in value.split(",")] if value else []


def _own(url, origin):
    """The site-relative form of a link to this site, or None for another site or scheme."""
    parts = urlsplit(url)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    if parts.netloc:
        return url[len(origin):] or "/" if url.startswith(origin) else None
    return url


def _missing(site, path, here, targets, origin):
    """Findings for the `targets` (as written in `path`, whose folder's URL is `here`) that lead to
    no built file; links to other sites, schemes such as mailto: and bare fragments are skipped."""
    problems = []
    for target in targets:
        own = _own(target, origin)
        if own is None or own.startswith("#") or not urlsplit(own).path:
            continue
        absolute = own if own.startswith("/") else here.replace("//", "/") + own
        if file_of(site, absolute) is None:
            problems.append(Finding(path.relative_to(site).as_posix(), target))
    return problems


def _folder_url(site, path):
    return "/" + path.relative_to(site).parent.as_posix().strip(".") + "/"


def _xml_links(path):
    """What a sitemap or an Atom feed links to: its <loc>, the <xhtml:link href> of a sitemap's
    language versions and Atom's <link href>, whatever their namespace."""
    found = []
    for element in ElementTree.parse(path).iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name == "loc" and element.text:
            found.append(element.text.strip())
        elif name == "link" and element.get("href"):
            found.append(element.get("href"))
    return found


def broken_links(site, pages, origin):
    """Links and resources that lead to no built file: of every HTML page (links, stylesheets,
    images, scripts…), of every stylesheet (url(), @import) and of the sitemap and the feeds."""
    site = Path(site)
    problems = []
    for path, page in pages.items():
        targets = [a["href"] for a in page.find_all(["a", "link"], href=True)]
        for tag, attributes in LOADING_ATTRIBUTES.items():
            for element in page.find_all(tag):
                targets += [u for attribute in attributes for u in _urls(element.get(attribute))]
        problems += _missing(site, path, _folder_url(site, path), targets, origin)
    for css in sorted(site.rglob("*.css")):
        targets = [u for m in CSS_URL.finditer(css.read_text(encoding="utf-8")) for u in m.groups() if u]
        problems += _missing(site, css, _folder_url(site, css), targets, origin)
    for xml in sorted(site.rglob("*.xml")):
        problems += _missing(site, xml, _folder_url(site, xml), _xml_links(xml), origin)
    return problems


def missing_fragments(site, pages):
    """Links to #fragments of the site's own pages whose target has no such id.

    A fragment on a directory URL ("/es/#x", how every page here is addressed) is looked for in
    that folder's index.html."""
    ids = {path: {e["id"] for e in page.find_all(id=True)}
           | {a["name"] for a in page.find_all("a", attrs={"name": True})} for path, page in pages.items()}
    missing = []
    for path, page in pages.items():
        for link in page.find_all("a", href=True):
            target, _, fragment = link["href"].partition("#")
            if not fragment or urlsplit(target).netloc:
                continue
            target_path = file_of(site, target) if target else path
            if target_path is None or fragment not in ids.get(target_path, set()):
                missing.append(Finding(path.relative_to(site).as_posix(), link["href"]))
    return missing


def _foreign(url, origin):
    parts = urlsplit(url)
    if parts.scheme in ("", "data") and not url.startswith("//"):
        return False
    return f"{parts.scheme}://{parts.netloc}" != origin


def foreign_resources(site, pages, origin):
    """What a page or stylesheet would load from another host."""
    found = []
    for path, page in pages.items():
        for tag, attributes in LOADING_ATTRIBUTES.items():
            for element in page.find_all(tag):
                for attribute in attributes:
                    found += [(path, url) for url in _urls(element.get(attribute)) if _foreign(url, origin)]
        for link in page.find_all("link", href=True):
            if LOADING_LINK_RELS & set(link.get("rel", [])) and _foreign(link["href"], origin):
                found.append((path, link["href"]))
        styles = [style.get_text() for style in page.find_all("style")]
        styles += [element["style"] for element in page.find_all(style=True)]
        for style in styles:
            found += [(path, u) for m in CSS_URL.finditer(style) for u in m.groups() if u and _foreign(u, origin)]
    for css in Path(site).rglob("*.css"):
        found += [(css, u) for m in CSS_URL.finditer(css.read_text()) for u in m.groups() if u and _foreign(u, origin)]
    # Our scripts, strictly. The bundles of Pagefind (pagefind/) and of the web editor
    # (admin/, WEB_EDITOR's folder) name addresses they never request (translators'
    # credits, the SVG namespace, the Git hosts the editor is not set up for); the
    # browser tests record what the search page and the editor really request.
    for script in Path(site).rglob("*.js"):
        if script.relative_to(site).parts[0] in VENDOR_BUNDLES:
            continue
        found += [(script, u) for u in re.findall(r"https?://[^\s'\"`)]+", script.read_text()) if _foreign(u, origin)]
    return [Finding(Path(path).relative_to(site).as_posix(), url) for path, url in found]
