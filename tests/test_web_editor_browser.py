"""The web editor at /admin/, as the communications officer uses it: `make devserver` on a
small site, Decap CMS in Debian's Chromium, every request recorded. A post written and
published in the editor lands in content/ as the site's convention says, the dev server
rebuilds it, a language never filled in publishes nothing, and its translation, filled in
later, is a file beside it holding only its own fields."""

import json
import runpy
import subprocess
import sys
import urllib.request

import pytest
import yaml
from PIL import Image

from conftest import axe_violations
from content_errors import parse_yaml
from dev_server import next_build, state, wait_for
from sitebuild import ROOT, SHARED_IMAGES, SITE_TIMEZONE, build, make_content, site_today
from small_site import make_small_site, pdf
from tools.local_site import free_port
from tools.placeholders import PAGE_COUNT_FIELDS

# Records what the Content-Security-Policy blocks (installed before any page script runs).
CSP_RECORDER = """window.__cspBlocked = [];
document.addEventListener('securitypolicyviolation', e => window.__cspBlocked.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));"""


@pytest.fixture
def editor(tmp_path):
    """(origin, content folder) of `make devserver` on a small site, its editor's proxy on a port of its own."""
    content = make_small_site(tmp_path)
    proxy_port = free_port()
    settings = tmp_path / "devserver_settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"IMAGE_CACHE_PATH = {str(SHARED_IMAGES)!r}\n"  # the tests' encoded images, shared
                        f"WEB_EDITOR = dict(WEB_EDITOR, local_backend='http://127.0.0.1:{proxy_port}/api/v1')\n")
    port = free_port()
    terminal = tmp_path / "terminal.txt"  # a file, not a pipe: a pipe nobody reads fills and stops the server
    with terminal.open("w") as log:
        server = subprocess.Popen([sys.executable, "-m", "tools.devserver", "--content", str(content),
                                   "--output", str(tmp_path / "output"), "--settings", str(settings),
                                   "--cache", str(tmp_path / "cache"), "--port", str(port)],
                                  cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    origin = f"http://127.0.0.1:{port}"
    try:
        try:
            wait_for(lambda: state(origin)["ok"])
            wait_for(lambda: urllib.request.urlopen(urllib.request.Request(
                f"http://127.0.0.1:{proxy_port}/api/v1", data=b'{"action": "info"}',
                headers={"Content-Type": "application/json"})).status == 200)
        except AssertionError:
            raise AssertionError("the dev server did not start:\n" + terminal.read_text()) from None
        yield origin, content
    finally:
        server.terminate()
        server.wait(timeout=30)
        said = terminal.read_text()
        assert "Traceback" not in said, said


def recorded_page(browser):
    """A new tab at a desktop's width: (the page, the list of every address it requests), what the
    Content-Security-Policy blocks in window.__cspBlocked."""
    # The officer's browser is in Montréal: a post written there in the evening is dated that evening's day.
    page = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id=SITE_TIMEZONE).new_page()
    page.add_init_script(CSP_RECORDER)
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    return page, requests


def open_editor(page, origin):
    """The editor's page, logged in (on this computer, « Se connecter » asks nothing): its collections."""
    page.goto(origin + "/admin/")
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_text("Collections").wait_for()


def test_a_post_written_in_the_editor_is_a_file_of_the_sites_convention_and_a_page(browser, editor):
    origin, content = editor
    page, requests = recorded_page(browser)
    context = page.context
    open_editor(page, origin)
    policy = page.evaluate("() => fetch(location.href).then(r => r.headers.get('Content-Security-Policy'))")
    assert "frame-ancestors 'none'" in policy, "the editor runs under the policy deploy/ gives it"
    collections = page.locator("body").inner_text()
    assert "Nouvelles" in collections and "Pages" in collections and "Expositions (photos)" in collections
    assert "Médias" in collections and "Media\n" not in collections
    for kind in ("Trousses (fichiers)", "Quiz", "Délégations (faits et photos)", "Pays", "Archives (numéros)"):
        assert kind in collections, kind
    # What is left to do, one click away: the dev server's status page, each item linked to its form.
    to_do = page.get_by_role("link", name="Ce qui reste à faire sur le site")
    assert to_do.get_attribute("href") == "/_statut/"
    assert "Sans traduction" in urllib.request.urlopen(origin + "/_statut/").read().decode()

    page.goto(origin + "/admin/#/collections/news/new")
    page.locator("#title-field-1").wait_for()
    toolbar = page.locator("body").inner_text()
    assert "Copier depuis une autre langue" in toolbar and "another locale" not in toolbar, "the editor speaks French"
    page.locator("#title-field-1").fill("Grève des travailleuses : le point")
    page.locator("#category-field-4").click()
    page.get_by_text("Délégations", exact=True).last.click()  # a pick list: the terms' names
    page.locator("#tags-field-5").click()
    page.get_by_text("Colombie", exact=True).last.click()
    page.locator("#summary-field-6").fill("Un résumé de la grève.")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type("Le texte de la nouvelle.")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()

    # Named and dated by the day in Montréal, as the officer's browser gives it (from 19:00 there, the
    # day in UTC is already tomorrow: this test then tells the two apart).
    today = site_today()
    french = content / "news" / f"{today.isoformat()}-greve-des-travailleuses-le-point.fr.md"
    text = french.read_text(encoding="utf-8")
    header, body = text.split("\n---\n", 1)
    assert header.startswith("---\n")
    assert yaml.safe_load(header[4:]) == {"title": "Grève des travailleuses : le point", "date": today,
                                          "category": "delegations", "tags": ["colombie"],
                                          "summary": "Un résumé de la grève."}
    assert body.strip() == "Le texte de la nouvelle."

    rebuilt = next_build(origin, built)
    assert rebuilt["ok"], rebuilt
    page.goto(origin + "/greve-des-travailleuses-le-point/")
    assert page.get_by_role("heading", level=1).inner_text() == "Grève des travailleuses\u202f: le point"  # French spacing
    assert "Délégations" in page.locator(".meta").inner_text()
    # The Spanish side was never filled: whatever file the editor left for it, no Spanish page.
    assert "page non traduite" in page.locator("nav.lang-switch").inner_text()
    assert not list((content.parent / "output" / "es").rglob("*greve*"))

    # The translation, filled in later in the editor's Spanish column: its file holds its own fields only.
    page.goto(origin + f"/admin/#/collections/news/entries/{french.name.removesuffix('.fr.md')}")
    page.locator("#title-field-8").fill("Huelga de las trabajadoras: balance")
    page.locator("#slug-field-9").fill("huelga-de-las-trabajadoras")
    page.locator("#summary-field-13").fill("Un resumen de la huelga.")
    page.locator("[data-slate-editor=true]").nth(1).click()
    page.keyboard.type("El texto de la noticia.")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    spanish = french.with_name(french.name.replace(".fr.md", ".es.md"))
    header, body = spanish.read_text(encoding="utf-8").split("\n---\n", 1)
    own = yaml.safe_load(header[4:])
    assert own.pop("date", today) == today, "the editor may give the translation the French date, never another"
    assert own == {"title": "Huelga de las trabajadoras: balance", "slug": "huelga-de-las-trabajadoras",
                   "summary": "Un resumen de la huelga."}
    assert body.strip() == "El texto de la noticia."
    assert french.read_text(encoding="utf-8") == text, "the French file is left as it was"
    assert next_build(origin, built)["ok"]
    page.goto(origin + "/es/huelga-de-las-trabajadoras/")
    assert page.get_by_role("heading", level=1).inner_text() == "Huelga de las trabajadoras: balance"
    assert "Delegaciones" in page.locator(".meta").inner_text(), "the section comes from the French file"
    french_link = page.locator("nav.lang-switch a[hreflang=fr]")
    assert french_link.get_attribute("href") == "/greve-des-travailleuses-le-point/"

    # The terms themselves have their form: each part a list, each term by its French name.
    page.goto(origin + "/admin/#/collections/terms/entries/terms")
    page.get_by_text("6 rubriques (catégories)", exact=True).click()  # the list, folded, opens
    page.get_by_text("Délégations", exact=True).first.wait_for()
    assert page.get_by_text("20 étiquettes", exact=True).count() == 1

    # A kit's two data files, side by side in its folder: each form lists each kit once, by its title.
    page.goto(origin + "/admin/#/collections/quizzes")
    page.get_by_text("Trousse démo", exact=True).wait_for()
    assert page.get_by_text("Trousse démo", exact=True).count() == 1
    page.get_by_text("Trousse démo", exact=True).click()
    page.get_by_text("Titre du quiz", exact=False).first.wait_for()
    assert page.locator("[id^=fr-field-]").first.input_value() == "Quiz", "the quiz's own file, not the kit's"

    outside = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, outside
    assert page.evaluate("window.__cspBlocked") == []
    context.close()

    # On a phone, « Publier » is on the screen and the form fits it (Decap alone lays out 800 px).
    phone = browser.new_context(viewport={"width": 375, "height": 800}).new_page()
    open_editor(phone, origin)
    phone.goto(origin + "/admin/#/collections/news/new")
    phone.locator("[id^=title-field-]").first.wait_for()
    publish = phone.get_by_role("button", name="Publier").first.bounding_box()
    assert publish and publish["x"] + publish["width"] <= 375, publish
    title = phone.locator("[id^=title-field-]").first.bounding_box()
    assert title["x"] + title["width"] <= 375, title
    phone.context.close()

    # axe-core is written into the page, which the editor's policy forbids: a context of its own.
    audit = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
    open_editor(audit, origin)
    home_violations, _ = axe_violations(audit, inline=True)
    audit.goto(origin + "/admin/#/collections/news/new")
    audit.locator("#title-field-1").wait_for()
    editor_violations, _ = axe_violations(audit, inline=True)
    audit.context.close()
    print(f"axe-core on the editor: {len(home_violations)} kinds of violation on its collections page, "
          f"{len(editor_violations)} on the new-post form: "
          + ", ".join(sorted({v["id"] for v in home_violations + editor_violations})))


def test_a_photo_added_to_an_exhibition_is_refused_without_its_alt_text_then_has_its_page(
        browser, editor, tmp_path):
    origin, content = editor
    photo = tmp_path / "nouvelle-photo.jpg"
    Image.new("RGB", (900, 600), (120, 80, 40)).save(photo, "JPEG")
    page, requests = recorded_page(browser)
    context = page.context
    open_editor(page, origin)
    page.goto(origin + "/admin/#/collections/exhibitions/entries/demo/exhibition")
    page.get_by_role("button", name="Ajouter photo", exact=True).click()
    page.get_by_role("button", name="Choisir une image").click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_text("nouvelle-photo.jpg").wait_for()
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.locator("[id^=photographer-field-]").last.fill("Une photographe")
    page.locator("[id^=rights-field-]").last.click()
    page.get_by_text("Creative Commons BY 4.0", exact=True).last.click()
    ids = [element.get_attribute("id") for element in page.locator("[id^=fr-field-], [id^=es-field-]").all()]
    id_fr, id_es, place_fr, place_es, caption_fr, caption_es, alt_fr, alt_es = ids[-8:]
    page.locator(f"#{id_fr}").fill("nouvelle-photo")
    page.locator(f"#{id_es}").fill("foto-nueva")
    page.locator(f"#{caption_fr}").fill("Une légende")
    page.locator(f"#{caption_es}").fill("Una leyenda")
    page.locator(f"#{alt_es}").fill("Una foto marrón, lisa")
    before = (content / "exhibitions" / "demo" / "exhibition.yml").read_text(encoding="utf-8")

    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    # The editor's own French messages, at the top and at the field; nothing is written.
    page.get_by_text("il manque un champ requis", exact=False).first.wait_for()
    assert page.get_by_text("Le champ Français est requis.").count() == 1
    assert (content / "exhibitions" / "demo" / "exhibition.yml").read_text(encoding="utf-8") == before
    assert not (content / "exhibitions" / "demo" / "photos" / "nouvelle-photo.jpg").exists()

    page.locator(f"#{alt_fr}").fill("Une photo brune, unie")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    assert (content / "exhibitions" / "demo" / "photos" / "nouvelle-photo.jpg").is_file()
    data = yaml.safe_load((content / "exhibitions" / "demo" / "exhibition.yml").read_text(encoding="utf-8"))
    added = data["photos"][-1]
    assert added["file"] == "photos/nouvelle-photo.jpg" and added["id"] == {"fr": "nouvelle-photo", "es": "foto-nueva"}
    assert added["alt"] == {"fr": "Une photo brune, unie", "es": "Una foto marrón, lisa"}
    assert added["rights"] == "https://creativecommons.org/licenses/by/4.0/"
    # As the build reads them (dates as text): the editor may quote a value otherwise, not change it.
    after, earlier = (parse_yaml(text, "exhibition.yml") for text in (
        (content / "exhibitions" / "demo" / "exhibition.yml").read_text(encoding="utf-8"), before))
    assert after["venues"] == earlier["venues"], "what the editor does not show is kept"
    assert after["photos"][:-1] == earlier["photos"], "the other photos are kept as they were"
    rebuilt = next_build(origin, built)
    assert rebuilt["ok"], rebuilt
    page.goto(origin + "/expositions/demo/nouvelle-photo/")
    assert page.locator("main img[alt='Une photo brune, unie']").count() == 1
    assert "Une légende" in page.locator("main").inner_text()
    outside = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, outside
    assert page.evaluate("window.__cspBlocked") == []
    context.close()


def test_an_image_in_a_posts_text_waits_for_its_text_alternative_then_goes_through_the_image_pipeline(
        browser, editor, tmp_path):
    """The image of a text, from the toolbar's « + »: not saved without its text alternative (the
    editor says so in French), then uploaded into media/ and shown as the site's responsive picture."""
    origin, content = editor
    photo = tmp_path / "rassemblement.jpg"
    Image.new("RGB", (1600, 1000), (40, 90, 140)).save(photo, "JPEG")
    page, requests = recorded_page(browser)
    open_editor(page, origin)
    page.goto(origin + "/admin/#/collections/news/new")
    page.locator("[id^=title-field-]").first.fill("Photo du rassemblement")
    page.locator("[id^=category-field-]").first.click()
    page.get_by_text("Nouvelles", exact=True).last.click()
    page.locator("[id^=summary-field-]").first.fill("Le rassemblement en photo.")
    page.locator("[data-slate-editor=true]").first.click()
    page.get_by_role("button", name="Ajouter un composant").first.click()
    assert page.get_by_text("Bloc de code", exact=True).count() >= 1 and page.get_by_text("Code Block").count() == 0
    page.get_by_text("Image", exact=True).first.click()
    assert page.get_by_text("Insérer depuis une adresse web").count() == 0, "no image from another site"
    page.get_by_role("button", name="Choisir une image").first.click()
    page.locator("input[type=file]").set_input_files(photo)
    page.get_by_text("rassemblement.jpg").wait_for()
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    # Refused by the editor itself, at the field, in French; nothing is written.
    page.get_by_text("Une image de ce texte n'a pas de texte alternatif", exact=False).first.wait_for()
    assert not list(content.glob("news/*photo-du-rassemblement*")) and not (content / "media" / "rassemblement.jpg").exists()

    page.locator("[id^=alt-field-]").first.fill("Des travailleuses rassemblées devant l'usine")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    assert (content / "media" / "rassemblement.jpg").is_file(), "uploaded where the build looks for it"
    assert next_build(origin, built)["ok"]
    page.goto(origin + "/photo-du-rassemblement/")
    picture = page.locator("main picture img[alt=\"Des travailleuses rassemblées devant l'usine\"]")
    assert picture.count() == 1 and "/images/" in (picture.get_attribute("srcset") or picture.get_attribute("src"))
    outside = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, outside
    page.context.close()


def test_an_issue_added_to_a_periodicals_catalogue_with_its_pdf_has_its_page(browser, editor, tmp_path):
    """The periodicals' catalogues are the editor's form (catalogue.yml): a numbered issue, its PDF
    uploaded beside the others, its themes in each language. A number already used is saved, refused
    by the build, and the editor's page says why."""
    origin, content = editor
    catalogue = content / "archives" / "revue" / "catalogue.yml"
    (content / "archives" / "revue" / "catalogue.csv").unlink()
    catalogue.write_text("issues:\n  - {volume: 13, number: 1, date: 1991-04, pdf: pdf/13-1.pdf}\n", encoding="utf-8")
    wait_for(lambda: state(origin)["ok"] and (content.parent / "output" / "archives" / "la-revue" / "13-1").is_dir())
    scan = tmp_path / "revue-14-2.pdf"
    pdf(scan, pages=3)
    page, requests = recorded_page(browser)
    open_editor(page, origin)
    page.goto(origin + "/admin/#/collections/archives/entries/revue/catalogue")
    page.get_by_role("button", name="Ajouter numéro", exact=True).click()
    page.locator("[id^=volume-field-]").last.fill("13")  # a slip: vol. 13, no 1 is already there
    page.locator("[id^=number-field-]").last.fill("1")
    page.locator("[id^=date-field-]").last.fill("1992-03")
    page.locator("[id^=themes_fr-field-]").last.fill("Haïti")
    page.locator("[id^=themes_es-field-]").last.fill("Haití")
    page.get_by_role("button", name="Choisir un fichier").last.click()
    page.locator("input[type=file]").set_input_files(scan)
    page.get_by_text("revue-14-2.pdf").wait_for()
    page.get_by_role("button", name="Choisir les éléments sélectionnés").click()
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    # The build refuses it and says so in the editor's page, in French, with the line and the fix.
    refused = next_build(origin, built)
    assert not refused["ok"], refused
    panel = page.locator("#devserver-errors")
    panel.wait_for()
    assert "catalogue.yml, ligne 6 : vol. 13, no 1 est déjà à la ligne 2" in panel.inner_text(), panel.inner_text()
    assert "Correction" in panel.inner_text() and "« Publier » à nouveau" in panel.inner_text()
    box = panel.bounding_box()
    assert box["y"] >= 66 and box["y"] + box["height"] <= 900, "below the editor's own toolbar, on the screen"
    to_fix = urllib.request.urlopen(origin + "/_statut/").read().decode()
    assert "vol. 13, no 1 est déjà à la ligne 2" in to_fix, "the status page lists what stops the build"
    for field, value in (("volume", "14"), ("number", "2")):  # typed over, as the officer would
        page.locator(f"[id^={field}-field-]").last.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(value)
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").last.wait_for()
    wait_for(lambda: "volume: 14" in catalogue.read_text(encoding="utf-8").replace('"', "").replace("'", ""))

    assert (content / "archives" / "revue" / "pdf" / "revue-14-2.pdf").is_file()
    issues = parse_yaml(catalogue.read_text(encoding="utf-8"), str(catalogue))["issues"]
    assert [str(i["volume"]) for i in issues] == ["13", "14"]
    assert issues[1]["pdf"] == "pdf/revue-14-2.pdf" and issues[1]["themes_es"] == "Haití"
    rebuilt = next_build(origin, built)
    assert rebuilt["ok"], rebuilt
    page.goto(origin + "/archives/la-revue/14-2/")
    assert "Haïti" in page.locator("main").inner_text()
    assert "3 pages" in page.locator("main").inner_text(), "the page count is read from the uploaded file"
    outside = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, outside
    page.context.close()


def test_a_new_delegation_is_its_texts_then_its_facts_written_into_the_same_folder(browser, editor):
    """A delegation, as the officer adds one: its story first (« Délégations (textes) »); the site still
    builds and does not publish it yet, and the status page says what it lacks, linking to the form
    that creates its facts in that folder; once they are saved, it has its page."""
    origin, content = editor
    page, requests = recorded_page(browser)
    open_editor(page, origin)
    page.goto(origin + "/admin/#/collections/delegation_texts/new")
    page.locator("[id^=title-field-]").first.fill("Délégation en Haïti")
    page.locator("[id^=summary-field-]").first.fill("Une délégation syndicale en Haïti.")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type("Le récit de la délégation.")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    folder = content / "delegations" / "delegation-en-haiti"
    assert (folder / "index.fr.md").is_file()
    waiting = next_build(origin, built)
    assert waiting["ok"], "a story without its facts yet stops no other page from publishing"
    assert not (content.parent / "output" / "delegations" / "delegation-en-haiti").exists()
    page.goto(origin + "/_statut/")
    listed = page.locator("li", has_text="Délégation en Haïti").filter(has_text="delegation.yml")
    assert "son dossier : delegation-en-haiti" in listed.inner_text()
    listed.get_by_role("link", name="Délégation en Haïti").click()

    page.get_by_text("Dossier", exact=True).wait_for()
    page.locator("[id^=country-field-]").click()
    page.get_by_text("Colombie", exact=True).last.click()
    page.locator("[id^=start-field-]").fill("2026-02")
    page.locator("input").first.fill("Délégation en Haïti")  # the title, not the folder's name
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Dossier : Lettres sans accents, chiffres et tirets, sans espace.").wait_for()
    assert not (folder / "delegation.yml").exists() and len(list(folder.parent.iterdir())) == 2
    page.locator("input").first.click()  # typed over, as the officer would (fill() appends in Decap)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type("delegation-en-haiti")
    built = state(origin)["build"]
    page.get_by_role("button", name="Publier").first.click()
    page.get_by_text("Publier maintenant").click()
    page.get_by_text("Entrée enregistrée").wait_for()
    facts = parse_yaml((folder / "delegation.yml").read_text(encoding="utf-8"), "delegation.yml")
    assert facts["country"] == "colombie" and str(facts["start"]) == "2026-02"
    assert set(facts) <= {"country", "start", "unions", "met", "presentations", "photos", "partner", "reached_note"}, \
        "the folder's name is the file's place, not a field in it"
    published = next_build(origin, built)
    assert published["ok"], published
    page.goto(origin + "/delegations/delegation-en-haiti/")
    assert page.get_by_role("heading", level=1).inner_text() == "Délégation en Haïti"
    assert "Le récit de la délégation." in page.locator("main").inner_text()
    outside = [url for url in requests if not url.startswith(("http://127.0.0.1", "data:", "blob:"))]
    assert not outside, outside
    page.context.close()


def test_in_production_the_editor_is_published_only_with_its_git_host_and_never_with_the_local_proxy(tmp_path):
    content = make_content(tmp_path, {"news/2025-03-01-a.fr.md": "Title: A\nSummary: R.\n\nT.\n",
                                      "news/2025-03-01-a.es.md": "Title: B\nSlug: b\nSummary: R.\n\nT.\n"})
    without = build(tmp_path / "sans", content=content, settings="publishconf.py", SEARCH_INDEX=False,
                    BUILD_FAIL_ON_WARNINGS=False)
    assert without.returncode == 0, without.stdout
    assert not (tmp_path / "sans" / "admin").exists(), "no Git host named: no editor"
    gitlab = {"name": "gitlab", "repo": "ciso/site-web", "branch": "main", "auth_type": "pkce", "app_id": "abc"}
    editor = runpy.run_path(str(ROOT / "publishconf.py"))["WEB_EDITOR"]  # as publishconf.py leaves it
    # Compression off: brotli and zopfli at their best take some 15 s over the editor's 5 MB (test_publish
    # checks the compressed copies).
    with_host = build(tmp_path / "avec", content=content, settings="publishconf.py", SEARCH_INDEX=False,
                      BUILD_FAIL_ON_WARNINGS=False, WEB_EDITOR=dict(editor, backend=gitlab),
                      PRECOMPRESS_BROTLI=False, PRECOMPRESS_ZOPFLI=False, PRECOMPRESS_GZIP=False)
    assert with_host.returncode == 0, with_host.stdout
    config = yaml.safe_load((tmp_path / "avec" / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == gitlab and "local_backend" not in config
    assert "/_statut/" not in (tmp_path / "avec" / "admin" / "index.html").read_text(), "a page only the dev server has"
    assert (tmp_path / "avec" / "admin" / "decap-cms.js").is_file()


def test_the_editors_settings_hold_every_term_name_as_written_quotes_colons_and_markup_included(tmp_path):
    """A name the officer types into terms.yml reaches the editor's pick list as itself: the settings
    file stays YAML and no markup in it is read as anything but text."""
    hostile = 'Grève "générale" : <script>alert(1)</script> & co\\ # pas un commentaire'
    content = make_content(tmp_path)
    terms = content / "terms.yml"
    terms.write_text(terms.read_text(encoding="utf-8").replace(
        "{key: nouvelles, fr: Nouvelles, es: Noticias}", f"{{key: nouvelles, fr: {json.dumps(hostile)}, es: Noticias}}"),
        encoding="utf-8")
    built = build(tmp_path / "output", content=content)
    assert built.returncode == 0, built.stdout
    config = yaml.safe_load((tmp_path / "output" / "admin" / "config.yml").read_text(encoding="utf-8"))
    [news] = [c for c in config["collections"] if c["name"] == "news"]
    categories = next(f for f in news["fields"] if f["name"] == "category")["options"]
    assert {"label": hostile, "value": "nouvelles"} in categories
    assert config["collections"][0]["folder"] == "content/news", "paths start at the content folder"


# Read only to make placeholder files (a placeholder PDF's number of pages); the editor has no use for
# them, and keeps them as they are when it saves.
PLACEHOLDER_ONLY = set(PAGE_COUNT_FIELDS.values())


def unedited(data, fields, where):
    """What of `data` the editor's `fields` would not show: keys without a field, and values a pick
    list does not offer (as "where: key" strings)."""
    by_name = {field["name"]: field for field in fields}
    found = []
    for key, value in data.items():
        field = by_name.get(str(key))
        if field is None:
            found += [] if key in PLACEHOLDER_ONLY else [f"{where}: {key}"]
        elif field["widget"] == "object":
            found += unedited(value or {}, field["fields"], f"{where}.{key}")
        elif field["widget"] == "list" and "fields" in field:
            for number, item in enumerate(value or [], 1):
                item = item if isinstance(item, dict) else {field["fields"][0]["name"]: item}
                found += unedited(item, field["fields"], f"{where}.{key}[{number}]")
        elif field["widget"] == "select":
            offered = {option["value"] for option in field["options"]}
            found += [f"{where}: {key} = {v!r} is not offered" for v in (value if isinstance(value, list) else [value])
                      if v not in offered]
    return found


def test_every_field_of_every_data_file_is_in_the_editor_with_its_values_on_the_pick_lists(site):
    """Every kind of content has its forms, and every data file of the real content opens in them
    whole: each field it holds has its form field, and each value picked from a list is offered."""
    config = yaml.safe_load((site / "admin" / "config.yml").read_text(encoding="utf-8"))
    collections = {c["name"]: c for c in config["collections"]}
    kinds = {folder.name for folder in (ROOT / "content").iterdir() if folder.is_dir() and folder.name != "media"}
    assert kinds <= {c["folder"].split("/", 1)[1] for c in collections.values() if "folder" in c}, \
        "a kind of content has no form"
    missing, opened = [], 0
    for collection in collections.values():
        for single in collection.get("files", []):  # one file, a form of its own (terms.yml)
            path = ROOT / single["file"]
            missing += unedited(parse_yaml(path.read_text(encoding="utf-8"), str(path)), single["fields"], single["file"])
            opened += 1
        if "folder" not in collection:
            continue
        folder = ROOT / collection["folder"]
        index_file = collection.get("meta", {}).get("path", {}).get("index_file")  # a folder's file of that name
        if "filter" in collection:  # a form only to create a file that has its own form once it exists
            listed = [single["fields"] for c in collections.values() for single in c.get("files", [])
                      if single["file"].endswith(f"/{index_file}.{collection['extension']}")]
            assert listed and all(fields == collection["fields"] for fields in listed), collection["name"]
            continue
        base = ("*/" + index_file) if index_file else collection.get("path", "{{slug}}").replace("{{slug}}", "*")
        pattern = f"{base}.*.{collection['extension']}" if collection.get("i18n") else f"{base}.{collection['extension']}"
        entries = sorted(folder.glob(pattern))
        assert entries, f"{collection['name']}: no file of the content matches {pattern}"
        for path in entries if collection["format"] == "yaml" else []:
            data = parse_yaml(path.read_text(encoding="utf-8"), str(path))
            missing += unedited(data, collection["fields"], str(path.relative_to(ROOT)))
            opened += 1
    assert opened >= 9, opened
    assert not missing, missing
