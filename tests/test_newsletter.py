"""`make newsletter SINCE=…`: email-ready digests per language, and what a wrong date says."""

import datetime
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from sitebuild import ROOT, make_content

ORIGIN = "https://www.ciso.qc.ca/"  # publishconf's public address
FILES = {
    "news/2025-01-10-ancienne.fr.md": "Title: Une ancienne nouvelle\nSummary: Avant la date.\n\nTexte.\n",
    "news/2025-01-10-ancienne.es.md": "Title: Una noticia antigua\nSummary: Antes.\n\nTexto.\n",
    "news/2025-03-05-recente.fr.md": "Title: Les récupérateurs & la ville\nCategory: Éducation\nSummary: Une "
                                     "*nouvelle* récente.\n\n![Des récupérateurs trient le carton](/media/tri.jpg)\n",
    "news/2025-03-05-recente.es.md": "Title: Los recicladores y la ciudad\nSlug: recicladores-ciudad\nSummary: "
                                     "Reciente.\n\n![Recicladores clasifican cartón](/media/tri.jpg)\n",
    "news/2025-03-09-texte.fr.md": "Title: Sans photo\nSummary: Juste du texte.\n\nTexte.\n",
}


def newsletter(tmp_path, *args):
    return subprocess.run([sys.executable, "-m", "tools.newsletter", "--content", str(tmp_path / "content"),
                           "--folder", str(tmp_path / "newsletters"), *args], cwd=ROOT,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def digests(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("newsletter")
    content = make_content(tmp, FILES)
    (content / "media").mkdir()
    Image.new("RGB", (2000, 1333), "#6b5a40").save(content / "media" / "tri.jpg")
    result = newsletter(tmp, "--since", "2025-03-01")
    assert result.returncode == 0, result.stdout
    return tmp / "newsletters", result.stdout


def test_one_html_and_one_text_digest_per_language_with_only_the_recent_posts(digests):
    folder, said = digests
    assert sorted(p.name for p in folder.iterdir()) == [
        "infolettre-2025-03-01-es.html", "infolettre-2025-03-01-es.txt",
        "infolettre-2025-03-01-fr.html", "infolettre-2025-03-01-fr.txt"]
    assert "infolettre-2025-03-01-fr.html" in said and "Copiez le .html" in said
    french = BeautifulSoup((folder / "infolettre-2025-03-01-fr.html").read_text(), "html.parser")
    titles = [h2.get_text(strip=True) for h2 in french.find_all("h2")]
    assert titles == ["Sans photo", "Les récupérateurs & la ville"]  # newest first, none before the date
    assert french.html["lang"] == "fr" and "Publiées depuis le 1 mars 2025" in french.get_text()
    spanish = BeautifulSoup((folder / "infolettre-2025-03-01-es.html").read_text(), "html.parser")
    assert [h2.get_text(strip=True) for h2 in spanish.find_all("h2")] == ["Los recicladores y la ciudad"]
    assert "Seguir leyendo" in spanish.get_text()


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_the_html_is_ready_for_email_absolute_links_sized_images_inline_styles(digests, lang):
    folder, _ = digests
    html = (folder / f"infolettre-2025-03-01-{lang}.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    links = [a["href"] for a in soup.find_all("a")]
    assert links and all(href.startswith(ORIGIN) for href in links), links
    images = soup.find_all("img")
    assert len(images) == 1
    for image in images:
        assert image["src"].startswith(ORIGIN + "images/") and image["src"].endswith(".jpg")
        assert image["alt"].strip() and int(image["width"]) <= 600 and int(image["height"]) > 0
        assert abs(int(image["width"]) / int(image["height"]) - 2000 / 1333) < 0.02
    assert not soup.find("style") and not soup.find("link") and not soup.find("script")
    assert soup.find("table")["style"] and all(h2.a["style"] for h2 in soup.find_all("h2"))


def test_the_plain_text_part_has_each_title_summary_and_address(digests):
    folder, _ = digests
    text = (folder / "infolettre-2025-03-01-fr.txt").read_text()
    assert "Les récupérateurs & la ville" in text and "Une nouvelle récente." in text
    assert f"Lire la suite\u202f: {ORIGIN}les-recuperateurs-la-ville/" in text, "French spacing, as on the pages"
    assert not re.search(r"<[a-z]", text)


@pytest.mark.parametrize("args, status, says", [
    ([], 2, "depuis quelle date ? Exemple : make newsletter SINCE=2025-05-01"),
    (["--since", "01/03/2025"], 2, "« 01/03/2025 » n'est pas une date AAAA-MM-JJ"),
    (["--since", (datetime.date.today() + datetime.timedelta(days=3)).isoformat()], 2, "est dans le futur"),
    (["--since", "2025-06-01"], 1, "aucune nouvelle publiée depuis le 2025-06-01 : pas d'infolettre."),
])
def test_a_wrong_or_empty_date_says_so(tmp_path, args, status, says):
    make_content(tmp_path, {name: text for name, text in FILES.items() if "recente" not in name})
    result = newsletter(tmp_path, *args)
    assert result.returncode == status and says in result.stdout, result.stdout
    assert "Traceback" not in result.stdout
    assert not list(tmp_path.glob("newsletters/*"))  # nothing written
