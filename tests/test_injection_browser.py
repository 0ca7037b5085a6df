"""Text from content can never become markup: every text field of every content type holds
script, attribute and entity payloads; every built page, opened in Chromium with no
Content-Security-Policy to stop anything, runs none of them and shows each text as written.

The fields: a post's and a page's headers, the terms' names, an exhibition's photos and
venues, a kit's facts, resources and quiz, a delegation report's facts, a periodical's
catalogue cells, and a file name. The feeds, the sitemap and the email digests stay
well-formed, and the search index is built.
"""

import csv
import functools
import http.server
import io
import json
import threading
import xml.etree.ElementTree as ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import build, html_files, make_content, url_of
from small_site import pdf, small_photo
from tools.local_site import free_port

# Each field gets its own name, then the payload: closing a script, opening an attribute,
# an event handler, entities that must stay entities, quotes of both kinds.
PAYLOAD = ("</script><script>window.__ran=1</script>\"><img src=x onerror=\"window.__ran=1\">"
           "<svg onload=window.__ran=1> &lt;/title&gt; &amp; 'l' \"q\"")  # short enough for a description


def text(field):
    return f"{field} {PAYLOAD}"


def localised(field):
    return {"fr": text(f"{field}-fr"), "es": text(f"{field}-es")}


def make_site(root):
    terms = (
        "categories:\n"
        f"  nouvelles: {json.dumps(localised('categorie'), ensure_ascii=False)}\n"
        "  delegations: {fr: Délégations, es: Delegaciones}\n"
        f"tags:\n  colombie: {json.dumps(dict(localised('etiquette'), country='CO'), ensure_ascii=False)}\n"
        "subjects:\n"
        f"  textile: {json.dumps(localised('sujet'), ensure_ascii=False)}\n")
    content = make_content(root, {
        "news/2025-01-10-piege.fr.md": f"Title: {text('titre-fr')}\nSlug: piege\nCategory: nouvelles\nTags: colombie\n"
                                       f"Summary: {text('resume-fr')}\n\nLe corps.\n",
        "news/2025-01-10-piege.es.md": f"Title: {text('titre-es')}\nSlug: trampa\nSummary: {text('resume-es')}\n\n"
                                       "El cuerpo.\n",
        "pages/contact.fr.md": f"Title: {text('page-fr')}\nSlug: contact\nSummary: {text('page-resume-fr')}\n\nTexte.\n",
        "pages/contact.es.md": f"Title: {text('page-es')}\nSlug: contacto\nSummary: {text('page-resume-es')}\n\n"
                               "Texto.\n",
        "pages/trousses-pedagogiques.fr.md": "Title: Trousses\nSlug: trousses-pedagogiques\n\nTexte.\n",
    })
    (content / "terms.yml").write_text(terms)
    for kind, slug in (("exhibitions", "expo"), ("kits", "trousse"), ("delegations", "voyage"), ("archives", "revue")):
        for lang in ("fr", "es"):
            (content / kind / slug).mkdir(parents=True, exist_ok=True)
            (content / kind / slug / f"index.{lang}.md").write_text(
                f"Title: {text(f'{kind}-titre-{lang}')}\nSlug: {slug}-{lang}\nSummary: {text(f'{kind}-resume-{lang}')}\n\n"
                "Texte.\n")
    small_photo(content / "exhibitions/expo/photos/une.jpg")
    (content / "exhibitions/expo/exhibition.yml").write_text(yaml.safe_dump({
        "countries": ["colombie"],
        "venues": [{"name": localised("lieu"), "description": localised("lieu-description"),
                    "locality": text("localite"), "country": "CA", "start": "2023-06-02"}],
        "photos": [{"file": "photos/une.jpg", "id": "une", "photographer": text("photographe"),
                    "place": localised("endroit"), "rights": "https://rightsstatements.org/vocab/InC/1.0/",
                    "caption": localised("legende"), "alt": localised("alt")}],
    }, allow_unicode=True))
    weird_name = "d'un \"guide\" <b> & co.pdf"
    pdf(content / "kits/trousse/files" / weird_name)
    small_photo(content / "kits/trousse/couverture.jpg")
    (content / "kits/trousse/kit.yml").write_text(yaml.safe_dump({
        "cover": "couverture.jpg", "cover_alt": localised("couverture"), "audience": localised("public"),
        "subjects": ["textile"], "licence": "https://creativecommons.org/licenses/by/4.0/", "published": "2022",
        "resources": [{"id": "guide", "kind": "teacher-guide", "title": localised("ressource"),
                       "description": localised("ressource-description"),
                       "files": {"fr": f"files/{weird_name}", "es": f"files/{weird_name}"}}],
    }, allow_unicode=True))
    (content / "kits/trousse/quiz.yml").write_text(yaml.safe_dump({
        "title": localised("quiz"),
        "questions": [{"question": localised("question"), "choices": [localised("choix-1"), localised("choix-2")],
                       "correct": [2], "explanation": localised("explication")}],
    }, allow_unicode=True))
    small_photo(content / "delegations/voyage/photos/une.jpg")
    (content / "delegations/voyage/delegation.yml").write_text(yaml.safe_dump({
        "country": "colombie", "start": "2024-11", "delegates": 2, "unions": [text("syndicat")],
        "partner": localised("partenaire"), "met": {"fr": [text("rencontre-fr")], "es": [text("rencontre-es")]},
        "reached": 10, "reached_note": localised("portee"),
        "presentations": [{"date": "2025-01", "audience": localised("auditoire"), "body": localised("par")}],
        "photos": [{"file": "photos/une.jpg", "photographer": text("credit"),
                    "rights": "https://rightsstatements.org/vocab/InC/1.0/",
                    "caption": localised("legende-delegation"), "alt": localised("alt-delegation")}],
    }, allow_unicode=True))
    pdf(content / "archives/revue/pdf/13-1.pdf")
    catalogue = io.StringIO()
    writer = csv.writer(catalogue)
    writer.writerow(["volume", "number", "date", "title", "themes_fr", "themes_es", "pdf", "cover", "note_fr", "note_es"])
    writer.writerow(["13", "1", "1991-04", text("numero"), text("themes-fr"), text("themes-es"), "pdf/13-1.pdf", "",
                     text("note-fr"), text("note-es")])
    (content / "archives/revue/catalogue.csv").write_text(catalogue.getvalue())
    return content


@pytest.fixture(scope="module")
def trapped_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("injection")
    content = make_site(root)
    output = root / "output"
    result = build(output, content=content, EMAIL_DIGEST_SINCE="2025-01-01", EMAIL_DIGEST_PATH=str(root / "digests"),
                   SEARCH_INDEX=True)  # the index too must take hostile text
    assert result.returncode == 0, result.stdout
    # A server with no security headers at all: nothing but the markup itself keeps a script from running.
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield output, root / "digests", f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_no_page_runs_a_script_from_content(browser, trapped_site):
    output, digests, origin = trapped_site
    # Every page but the editor's: it shows its login button and nothing from content before one logs
    # in (what content gives it, its settings file, is checked in test_web_editor_browser).
    urls = [url for url in (url_of(output, path) for path in html_files(output)) if not url.startswith("/admin/")]
    assert len(urls) > 30
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in urls:
        page.goto(origin + url)
        assert page.evaluate("window.__ran") is None, f"a script from content ran on {url}"
    for digest in sorted(digests.glob("*.html")):
        page.goto(digest.as_uri())
        assert page.evaluate("window.__ran") is None, digest.name
    page.close()
    assert not dialogs


def visible(page):
    """The page's text as a visitor sees it, and its attributes' values, as the browser decoded them."""
    soup = BeautifulSoup(page, "html.parser")
    for element in soup(["script", "style"]):
        if element.get("type") != "application/ld+json":
            element.decompose()
    attributes = [value for tag in soup.find_all(True) for value in tag.attrs.values() if isinstance(value, str)]
    return soup.get_text(" "), attributes, [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


@pytest.mark.parametrize("url, fields", [
    ("/piege/", ["titre-fr", "resume-fr", "categorie-fr", "etiquette-fr"]),
    ("/es/trampa/", ["titre-es", "resume-es", "etiquette-es"]),
    ("/contact/", ["page-fr", "page-resume-fr"]),
    ("/expositions/expo-fr/", ["exhibitions-titre-fr", "legende-fr", "alt-fr"]),
    ("/expositions/expo-fr/une/", ["legende-fr", "alt-fr", "photographe", "endroit-fr"]),
    ("/es/exposiciones/expo-es/paneles/", ["legende-es", "photographe"]),
    ("/trousses-pedagogiques/trousse-fr/", ["kits-titre-fr", "public-fr", "sujet-fr", "ressource-fr",
                                            "ressource-description-fr", "couverture-fr", "quiz-fr"]),
    ("/es/materiales-pedagogicos/trousse-es/cuestionario/", ["quiz-es", "question-es", "choix-1-es", "choix-2-es",
                                                             "explication-es"]),
    ("/trousses-pedagogiques/trousse-fr/quiz/corrige/", ["question-fr", "choix-2-fr", "explication-fr"]),
    ("/delegations/voyage-fr/", ["delegations-titre-fr", "syndicat", "partenaire-fr", "rencontre-fr", "portee-fr",
                                 "auditoire-fr", "par-fr", "legende-delegation-fr", "credit", "alt-delegation-fr"]),
    ("/archives/revue-fr/13-1/", ["numero", "themes-fr", "note-fr"]),
    ("/es/archivo/revue-es/13-1/", ["numero", "themes-es", "note-es"]),
    ("/pays/*/", ["etiquette-fr", "titre-fr", "exhibitions-titre-fr", "delegations-titre-fr"]),
])
def test_each_text_reads_back_as_written(trapped_site, url, fields):
    output, _, _ = trapped_site
    [built] = output.glob(url.strip("/") + "/index.html")  # a country's address is made from its (trapped) name
    words, attributes, data = visible(built.read_text())
    flat = json.dumps(data, ensure_ascii=False)
    for field in fields:
        written = text(field)
        seen = [written in " ".join(words.split()), any(written == a or written in a for a in attributes),
                json.dumps(written, ensure_ascii=False)[1:-1] in flat]
        assert any(seen), f"{field!r} does not read back as written on {url}"


def test_the_file_name_with_quotes_and_brackets_is_a_working_link(trapped_site):
    output, _, _ = trapped_site
    kit = BeautifulSoup((output / "trousses-pedagogiques/trousse-fr/index.html").read_text(), "html.parser")
    href = kit.select_one(".downloads a")["href"]
    assert href == "/documents/trousse/d%27un%20%22guide%22%20%3Cb%3E%20%26%20co.pdf"
    assert (output / "documents/trousse/d'un \"guide\" <b> & co.pdf").is_file()


def test_feeds_sitemap_and_digests_stay_well_formed(trapped_site):
    output, digests, _ = trapped_site
    for feed in [*output.glob("flux/*.xml"), *output.glob("es/flujo/*.xml"), output / "feeds/all.atom.xml",
                 output / "sitemap.xml"]:
        ElementTree.parse(feed)  # raises on anything that is not well-formed XML
    entry = ElementTree.parse(output / "flux" / "atom.xml").find("{http://www.w3.org/2005/Atom}entry")
    assert entry.findtext("{http://www.w3.org/2005/Atom}title").startswith("titre-fr ")
    text_digest = " ".join((digests / "infolettre-2025-01-01-fr.txt").read_text().split())
    assert text("titre-fr") in text_digest and text("resume-fr") in text_digest  # plain text: as written
    assert (output / "pagefind" / "pagefind-entry.json").is_file()
