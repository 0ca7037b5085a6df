"""`make devserver`: rebuilds on a change, reloads the open page, and shows a
failed build's errors in the page and the terminal in plain words."""

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from dev_server import state, wait_for
from sitebuild import ROOT, make_content
from tools.local_site import free_port

POST = "Title: {title}\nDate: {date}\nSummary: Résumé.\n\nTexte.\n"


@pytest.fixture
def devserver(tmp_path):
    content = make_content(tmp_path, {"news/2025-03-01-essai.fr.md": POST.format(title="Premier titre", date="2025-03-01")})
    port = free_port()
    log = (tmp_path / "terminal.txt").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "tools.devserver", "--content", str(content), "--output", str(tmp_path / "output"),
         "--cache", str(tmp_path / "cache"), "--port", str(port)], cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    origin = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: state(origin)["build"] >= 1)
        yield origin, content / "news" / "2025-03-01-essai.fr.md", tmp_path
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_a_change_rebuilds_and_reloads_and_a_bad_file_shows_its_error_in_the_page(browser, devserver):
    origin, post, tmp_path = devserver
    page = browser.new_page()
    page.goto(origin + "/premier-titre/")
    assert page.locator("h1").inner_text() == "Premier titre"

    post.write_text(POST.format(title="Premier titre", date="2025-13-45"))
    alert = page.get_by_role("alert")
    alert.wait_for(timeout=90_000)
    text = alert.inner_text()
    assert "Votre dernière modification n'apparaît pas encore" in text and "output" not in text
    assert "content/news/2025-03-01-essai.fr.md, ligne 2 : la date « 2025-13-45 » n'est pas une date valide." in text
    assert "Correction : écrivez-la AAAA-MM-JJ" in text
    assert page.locator("h1").inner_text() == "Premier titre"  # the last good site is still served

    post.write_text(POST.format(title="Premier titre", date="2025-03-02") + "\nUne phrase ajoutée.\n")
    page.wait_for_function("() => !document.getElementById('devserver-errors') && "
                           "document.body.innerText.includes('Une phrase ajoutée.')", timeout=90_000)
    page.close()

    terminal = (tmp_path / "terminal.txt").read_text()
    assert "ÉCHOUÉE" in terminal and "n'est pas une date valide" in terminal and "Correction" in terminal
    assert "Traceback" not in terminal
    assert wait_for(lambda: state(origin)["ok"])


def test_an_unknown_address_gets_the_sites_own_404_page_in_its_language(devserver):
    origin, _, _ = devserver
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(origin + "/nulle-part/")
    assert answer.value.code == 404
    page = answer.value.read().decode()
    assert '<html lang="fr">' in page and "Cette adresse ne mène à aucune page" in page


def test_the_status_report_is_served_but_never_written_to_the_output(devserver):
    origin, _, tmp_path = devserver
    with urllib.request.urlopen(origin + "/_statut/") as response:
        report = response.read().decode()
    assert "Couverture des traductions" in report and "manque en « es »" in report
    assert "2025-03-01-essai.fr.md" in report
    assert not list((tmp_path / "output").rglob("*statut*"))


def test_the_search_finds_a_change_a_moment_after_the_page_has_reloaded(browser, devserver):
    """The dev server indexes after the page has reloaded, into a folder of its own, served at the
    search bundle's address: nothing of the index is in the output, and a new word is found."""
    origin, post, tmp_path = devserver
    post.write_text(POST.format(title="Premier titre", date="2025-03-01") + "\nUn mot nouveau : zygomatique.\n")
    page = browser.new_page()
    found = []
    for _ in range(60):
        page.goto(origin + "/recherche/?q=zygomatique")
        page.wait_for_selector(".pagefind-ui__message", timeout=30_000)
        if page.locator(".pagefind-ui__result").count():
            found = page.locator(".pagefind-ui__result-link").all_text_contents()
            break
        page.wait_for_timeout(500)
    page.close()
    assert found == ["Premier titre"], found
    assert not (tmp_path / "output" / "pagefind").exists(), "the index lives beside the output, not in it"
