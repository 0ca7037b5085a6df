"""Every mistake an author makes, and the input a stranger would send, in one table.

Each case starts from a copy of a small site (posts in two languages, a kit,
an exhibition, a delegation report, a periodical), already built once: the
last good build. A mistake must give a non-zero exit, a French message that
names the file (and the line, where there is one) and says how to fix it, no
traceback, no English line, an output byte-identical to the last good build,
and nothing changed under content/. The other cases are mistakes the build
accepts as the author meant them; each says what the visitor then sees.
All builds run in this process, through the build runner (tools.build).
"""

import hashlib
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from dev_server import wait_for
from kit_fixture import resource
from sitebuild import build, page
from small_site import CATALOGUE, SPANISH, edit_yaml, huge_png, make_small_site, pdf, small_photo, write

FRENCH_LINE = re.compile(r"^(Erreur : |Attention : |  Correction : |La construction a échoué |Site construit )")
OUTSIDE = Path("/etc/hostname")  # a file every Linux machine has, outside any content folder



@pytest.fixture(scope="module")
def last_good_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("last-good")
    content = make_small_site(root)
    result = build(root / "output", content=content, cache=root / "cache", SEARCH_INDEX=False)
    assert result.returncode == 0, result.stdout
    return root


@pytest.fixture
def small_site(last_good_build, tmp_path):
    """A copy of the last good build: content/, output/ and its cache. The output and the cache are
    hard links to the last good build's files (a build never writes a file in place: it writes a new
    one and renames it, and a failed build writes nothing), which saves copying some 6 MB per case;
    content/ is copied, since a case edits its files."""
    shutil.copytree(last_good_build / "content", tmp_path / "content", symlinks=True)
    for name in ("output", "cache"):
        shutil.copytree(last_good_build / name, tmp_path / name, symlinks=True, copy_function=os.link)
    return tmp_path / "content", tmp_path / "output"


def snapshot(folder):
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else os.readlink(p)
            for p in sorted(Path(folder).rglob("*")) if p.is_file() or p.is_symlink()}


def rebuild(small_site):
    content, output = small_site
    return build(output, content=content, cache=output.parent / "cache", SEARCH_INDEX=False)


# (what was done to the site, every fragment the message must hold)
MISTAKES = {
    "a text without a title": (
        lambda c: write(c, "news/2024-12-01-sans-titre.fr.md", "Category: Délégations\n\nTexte.\n"),
        ["content/news/2024-12-01-sans-titre.fr.md, ligne 1 : ce texte n'a pas de titre.", "Title: Le titre"]),
    "a date that does not exist": (
        lambda c: write(c, "news/mauvaise-date.fr.md", "Title: Mauvaise date\nDate: 2024-13-45\n\nTexte.\n"),
        ["content/news/mauvaise-date.fr.md, ligne 2 : la date « 2024-13-45 » n'est pas une date valide.",
         "AAAA-MM-JJ"]),
    "a file name in a language the site does not have": (
        lambda c: write(c, "news/2024-12-01-texte.de.md", "Title: Ein Text\n\nText.\n"),
        ["content/news/2024-12-01-texte.de.md : la langue « de » n'existe pas sur ce site (fr, es).",
         "« ….fr.md » ou « ….es.md »"]),
    "a language the site does not have, in the header": (
        lambda c: write(c, "news/2024-12-01-texte.fr.md", "Title: Texte\nLang: xx\n\nTexte.\n"),
        ["content/news/2024-12-01-texte.fr.md, ligne 2 : la langue « xx » n'existe pas"]),
    "two files in one language for one translation": (
        lambda c: write(c, "news/2025-01-05-un-texte.fr.md", "Title: Autre texte\n\nTexte.\n"),
        ["content/news/2025-01-05-un-texte.fr.md : ce fichier et content/news/2024-11-19-un-texte.fr.md sont tous en "
         "« fr » pour la même traduction « un-texte ».", "un seul fichier par langue"]),
    "two texts with one address": (
        lambda c: write(c, "news/2025-01-05-copie.fr.md", "Title: Un texte\n\nAutre corps.\n"),
        ["content/news/2025-01-05-copie.fr.md : content/news/2024-11-19-un-texte.fr.md et ce texte donnent la même "
         "adresse, /un-texte/.", "Slug: autre-adresse"]),
    "a category that does not exist": (
        lambda c: write(c, "news/2025-01-05-autre.fr.md", "Title: Autre\nCategory: Inconnue\n\nTexte.\n"),
        ["content/news/2025-01-05-autre.fr.md, ligne 2 : la catégorie « Inconnue » n'existe pas.",
         "écrivez l'un de ces noms : Nouvelles, Délégations, Plaidoyer"]),
    "a category that does not exist, on a post about a country": (
        lambda c: write(c, "news/2025-01-05-pays.fr.md", "Title: Pays\nCategory: Inconnue\nTags: Colombie\n\nTexte.\n"),
        ["content/news/2025-01-05-pays.fr.md, ligne 2 : la catégorie « Inconnue » n'existe pas."]),
    "a category with a typo": (
        lambda c: write(c, "news/2025-01-05-autre.fr.md", "Title: Autre\nCategory: Delegation\n\nTexte.\n"),
        ["ligne 2 : la catégorie « Delegation » n'existe pas. Vouliez-vous dire « Délégations » ?"]),
    "a tag with a typo, in Spanish": (
        lambda c: write(c, "news/2025-01-05-otro.es.md", "Title: Otro\nTags: Colombi\n\nTexto.\n"),
        ["content/news/2025-01-05-otro.es.md, ligne 2 : l'étiquette « Colombi » n'existe pas. "
         "Vouliez-vous dire « Colombia » ?"]),
    "a header field that does not exist (the text's first line, without an empty line)": (
        lambda c: write(c, "news/2025-01-05-rappel.fr.md",
                        "Title: Rappel\nSummary: Un rappel.\nRappel: pour souligner la journée, venez.\n\nSuite.\n"),
        ["content/news/2025-01-05-rappel.fr.md, ligne 3 : « Rappel: » n'est pas un champ d'en-tête connu",
         "laissez une ligne vide après l'en-tête"]),
    "a front matter (the editor's format) that is never closed": (
        lambda c: write(c, "news/2025-01-05-ouvert.fr.md", "---\ntitle: Ouvert\n\nLe texte.\n"),
        ["content/news/2025-01-05-ouvert.fr.md, ligne 1 : l'en-tête commence par « --- » mais aucune ligne « --- » "
         "ne le ferme.", "ajoutez une ligne « --- »"]),
    "a front matter with a colon in a title without quotes": (
        lambda c: write(c, "news/2025-01-05-deux-points.fr.md", "---\ntitle: Grève : le point\nsummary: R.\n---\n\nT.\n"),
        ["content/news/2025-01-05-deux-points.fr.md, ligne 2 : l'en-tête est illisible", "entre guillemets"]),
    "a front matter field that does not exist": (
        lambda c: write(c, "news/2025-01-05-champ.fr.md", "---\ntitle: Champ\nrésumé: Un résumé.\n---\n\nTexte.\n"),
        ["content/news/2025-01-05-champ.fr.md, ligne 3 : « Résumé: » n'est pas un champ d'en-tête connu",
         "Vouliez-vous dire « Summary: » ?"]),
    "a front matter date that does not exist": (
        lambda c: write(c, "news/mauvaise-date-yaml.fr.md", "---\ntitle: Date\ndate: 2024-13-45\n---\n\nTexte.\n"),
        ["content/news/mauvaise-date-yaml.fr.md, ligne 3 : la date « 2024-13-45 » n'est pas une date valide."]),
    "a front matter title written as a list": (
        lambda c: write(c, "news/2025-01-05-liste.fr.md", "---\ntitle: [Grève, le point]\n---\n\nTexte.\n"),
        ["content/news/2025-01-05-liste.fr.md, ligne 2 : le champ « title » devrait être un texte.", "guillemets"]),
    "a front matter tag with a typo, in a list": (
        lambda c: write(c, "news/2025-01-05-otro.es.md", "---\ntitle: Otro\ntags:\n  - Colombi\n---\n\nTexto.\n"),
        ["content/news/2025-01-05-otro.es.md, ligne 3 : l'étiquette « Colombi » n'existe pas. "
         "Vouliez-vous dire « Colombia » ?"]),
    "a header field given twice": (
        lambda c: write(c, "news/2025-01-05-double.fr.md", "Title: Double\nSummary: Un.\nSummary: Deux.\n\nTexte.\n"),
        ["ligne 3 : « Summary: » est écrit deux fois (lignes 2 et 3)."]),
    "a status that does not exist": (
        lambda c: write(c, "news/2025-01-05-etat.fr.md", "Title: État\nStatus: publie\n\nTexte.\n"),
        ["content/news/2025-01-05-etat.fr.md", "« Status: publie » n'est pas un état connu", "Status: draft"]),
    "the new-post template, untouched": (
        lambda c: write(c, "news/2025-01-05-modele.fr.md", "Title: Nouvelle\nDate: 2025-01-05\nCategory: Nouvelles\n"
                        "Tags:\nSummary:\n\nÉcrivez ici le texte de la nouvelle, en Markdown. Remplissez « summary: » "
                        "(une ou deux phrases qui résument la nouvelle) et, au besoin, « Tags: ».\n"),
        ["content/news/2025-01-05-modele.fr.md, ligne 7 : le texte est encore celui du modèle"]),
    "a link to the dev server": (
        lambda c: write(c, "news/2025-01-05-lien.fr.md", "Title: Lien\n\nVoir\n[ici](http://127.0.0.1:8000/contact/).\n"),
        ["content/news/2025-01-05-lien.fr.md, ligne 4 : le lien « http://127.0.0.1:8000/contact/ » mène à votre "
         "ordinateur", "« /contact/ »"]),
    "a link to localhost": (
        lambda c: write(c, "news/2025-01-05-lien.fr.md", "Title: Lien\n\n[Accueil](http://localhost:8000/)\n"),
        ["ligne 3 : le lien « http://localhost:8000/ » mène à votre ordinateur"]),
    "a slug that is a page a plugin writes (the delegations list)": (
        lambda c: write(c, "news/2025-01-05-liste.fr.md", "Title: Liste\nSlug: delegations\n\nTexte.\n"),
        ["la liste des délégations et ce texte donnent la même adresse, /delegations/.",
         "content/news/2025-01-05-liste.fr.md, ligne 2", "Slug: autre-adresse"]),
    "a slug that is the search page": (
        lambda c: write(c, "pages/recherche.fr.md", "Title: Chercher\nSlug: recherche\n\nTexte.\n"),
        ["la page de recherche et ce texte donnent la même adresse, /recherche/.", "content/pages/recherche.fr.md"]),
    "a slug that leaves the site": (
        lambda c: write(c, "news/2025-01-05-sortie.fr.md", "Title: Sortie\nSlug: ../../etc\n\nTexte.\n"),
        ["ligne 2 : « Slug: ../../etc » n'est pas une adresse possible."]),
    "a date in the file name that does not exist": (
        lambda c: write(c, "news/2024-13-45-texte.fr.md", "Title: Texte\n\nTexte.\n"),
        ["content/news/2024-13-45-texte.fr.md : la date « 2024-13-45 », au début du nom du fichier, n'existe pas.",
         "AAAA-MM-JJ-cle"]),
    "a page saved as HTML among the texts": (
        lambda c: write(c, "news/2025-01-05-page.html", "<html><title>Page</title><script>alert(1)</script></html>"),
        ["content/news/2025-01-05-page.html : ce fichier n'est pas un texte Markdown (.md)", "make post"]),
    "a Word document among the texts": (
        lambda c: write(c, "pages/statuts.docx", "PK\x03\x04 du Word"),
        ["content/pages/statuts.docx : ce fichier n'est pas un texte Markdown (.md)", "content/media/"]),
    "a template chosen in the header (the theme chooses)": (
        lambda c: write(c, "news/2025-01-05-gabarit.fr.md", "Title: Gabarit\nTemplate: ../../../etc/passwd\n\nT.\n"),
        ["ligne 2 : « Template: » n'est pas un champ d'en-tête connu"]),
    "a {static} link to a file outside the content folder": (
        lambda c: write(c, "news/2025-01-05-statique.fr.md",
                        "Title: Statique\n\n[Le fichier]({static}/../../../../../../../../../etc/hostname)\n"),
        ["content/news/2025-01-05-statique.fr.md, ligne 3 : ce texte fait un lien vers /etc/hostname, hors du "
         "dossier du contenu"]),
    "a term key that is a path": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace("key: mexique,", "key: ../../mexique,")),
        ["content/terms.yml, ligne", "la clé « ../../mexique » ne peut pas servir d'adresse"]),
    "a folder name with spaces": (
        lambda c: (c / "delegations" / "voyage").rename(c / "delegations" / "mon voyage"),
        ["content/delegations/mon voyage : le nom du dossier « mon voyage » ne peut pas servir d'adresse"]),
    "a photo id that is a path": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d["photos"][0].update(id="../../x")),
        ["content/exhibitions/demo/exhibition.yml, ligne", "« id: ../../x » ne peut pas servir d'adresse"]),
    "a data file that is a link to a file elsewhere": (
        lambda c: (write(c.parent, "ailleurs.yml", (c / "kits/demo/kit.yml").read_text()),
                   (c / "kits/demo/kit.yml").unlink(), (c / "kits/demo/kit.yml").symlink_to(c.parent / "ailleurs.yml")),
        ["content/kits/demo/kit.yml : ce fichier est un lien vers un fichier ailleurs"]),
    "the terms file as a link to a file elsewhere": (
        lambda c: (write(c.parent, "termes.yml", (c / "terms.yml").read_text()), (c / "terms.yml").unlink(),
                   (c / "terms.yml").symlink_to(c.parent / "termes.yml")),
        ["content/terms.yml : ce fichier est un lien vers un fichier ailleurs"]),
    "a named pipe among the texts (it would block the build for ever)": (
        lambda c: os.mkfifo(c / "news" / "2025-01-05-tube.fr.md"),
        ["content/news/2025-01-05-tube.fr.md : ce n'est pas un fichier ordinaire"]),
    "an upper-case script in a text's body": (
        lambda c: write(c, "news/2025-01-05-script.fr.md", "Title: Script\n\nUn texte.\n\n<SCRIPT>alert(1)</SCRIPT>\n"),
        ["content/news/2025-01-05-script.fr.md, ligne 5 : le texte contient une balise « <script> »"]),
    "a script in a text's body": (
        lambda c: write(c, "news/2025-01-05-script.fr.md", "Title: Script\n\nUn texte.\n\n<script>alert(1)</script>\n"),
        ["content/news/2025-01-05-script.fr.md, ligne 5 : le texte contient une balise « <script> »"]),
    "a video from another site embedded in a body": (
        lambda c: write(c, "news/2025-01-05-video.fr.md",
                        "Title: Vidéo\n\n<iframe src=\"https://video.example/x\"></iframe>\n"),
        ["ligne 3 : le texte contient une balise « <iframe> »", "faites un simple lien"]),
    "a javascript: link in a body": (
        lambda c: write(c, "news/2025-01-05-js.fr.md", "Title: JS\n\n[clic](javascript:alert(2))\n"),
        ["ligne 3 : le texte contient une adresse « javascript:alert(2) », qui exécuterait du code"]),
    "an event attribute in a body": (
        lambda c: write(c, "news/2025-01-05-clic.fr.md", "Title: Clic\n\n<span onclick=\"go()\">ici</span>\n"),
        ["ligne 3 : le texte contient un attribut « onclick »"]),
    "an image from another site in a body": (
        lambda c: write(c, "news/2025-01-05-ailleurs.fr.md",
                        "Title: Ailleurs\n\n![Une photo](https://images.example/photo.jpg)\n"),
        ["ligne 3 : le texte contient une image, un son ou une vidéo pris sur un autre site", "content/media/"]),
    "a javascript: link in a summary": (
        lambda c: write(c, "news/2025-01-05-resume.fr.md", "Title: Résumé\nSummary: [clic](javascript:alert(1))\n\nT.\n"),
        ["content/news/2025-01-05-resume.fr.md, ligne 2 : le résumé contient une adresse « javascript:alert(1) »"]),
    "an HTML page in media/": (
        lambda c: (write(c, "media/page.html", "<script>alert(1)</script>"),
                   write(c, "news/2025-01-05-page.fr.md", "Title: Page\n\n[la page](/media/page.html)\n")),
        ["content/media/page.html : « page.html » n'est pas un fichier que le site publie"]),
    "an SVG drawing in media/": (
        lambda c: write(c, "media/dessin.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(2)</script></svg>"),
        ["content/media/dessin.svg : « dessin.svg » n'est pas un fichier que le site publie", "PNG"]),
    "an address to another site in Url:": (
        lambda c: write(c, "news/2025-01-05-url.fr.md", "Title: Url\nUrl: //evil.example/phish\n\nT.\n"),
        ["ligne 2 : « Url: //evil.example/phish » n'est pas une adresse du site."]),
    "javascript: in Url:": (
        lambda c: write(c, "news/2025-01-05-url.fr.md", "Title: Url\nUrl: javascript:alert(1)\n\nT.\n"),
        ["ligne 2 : « Url: javascript:alert(1) » n'est pas une adresse du site."]),
    "a Save_as: that is the stylesheet": (
        lambda c: write(c, "news/2025-01-05-css.fr.md", "Title: CSS\nSave_as: theme/css/site.css\n\nT.\n"),
        ["content/news/2025-01-05-css.fr.md, ligne 2 : un fichier du thème et ce texte donnent la même adresse, "
         "/theme/css/site.css.", "Save_as:"]),
    "a Save_as: that is robots.txt": (
        lambda c: write(c, "news/2025-01-05-robots.fr.md", "Title: Robots\nSave_as: robots.txt\n\nT.\n"),
        ["le fichier robots.txt et ce texte donnent la même adresse, /robots.txt."]),
    "a Save_as: in the search index's folder": (
        lambda c: write(c, "news/2025-01-05-pf.fr.md", "Title: PF\nSave_as: pagefind/pagefind.js\n\nT.\n"),
        ["l'index de la recherche et ce texte donnent la même adresse, /pagefind/."]),
    "a Save_as: that is a hidden file": (
        lambda c: write(c, "news/2025-01-05-cache.fr.md", "Title: Caché\nSave_as: .htaccess\n\nT.\n"),
        ["ligne 2 : « Save_as: .htaccess » n'est pas une adresse du site."]),
    "an issue whose volume and number are ..": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("13,1,", "..,..,")),
        ["content/archives/revue/catalogue.csv, ligne 2 : le volume « .. » et le numéro « .. »"]),
    "a catalogue row shorter than its header": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.split("\n")[0] + "\n13,1,1991-04\n"),
        ["content/archives/revue/catalogue.csv, ligne 2 : le PDF n'a pas de nom."]),
    "a catalogue row with a cell too many (a comma without quotes)": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("Solidarité,", "Solidarité, printemps,")),
        ["content/archives/revue/catalogue.csv, ligne 2 : cette ligne a 1 case(s) de plus", "guillemets"]),
    "a catalogue cell of 200 000 characters": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("Solidarité", '"' + "x" * 200_000 + '"')),
        ["content/archives/revue/catalogue.csv, ligne", "ce tableau est illisible à cet endroit"]),
    "a catalogue with a column named twice": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("note_es", "title")),
        ["content/archives/revue/catalogue.csv, ligne 1 : la colonne « title » est nommée deux fois."]),
    "a catalogue in both forms, a spreadsheet's and the editor's": (
        lambda c: write(c, "archives/revue/catalogue.yml", "issues:\n  - {volume: 13, number: 1, date: 1991-04, "
                        "pdf: pdf/13-1.pdf}\n"),
        ["content/archives/revue/catalogue.yml : ce dossier a deux catalogues, catalogue.csv et catalogue.yml",
         "supprimez l'autre"]),
    "an editor's catalogue with an impossible date": (
        lambda c: ((c / "archives/revue/catalogue.csv").unlink(),
                   write(c, "archives/revue/catalogue.yml", "issues:\n  - volume: 13\n    number: 1\n"
                         "    date: 1991-13\n    pdf: pdf/13-1.pdf\n")),
        ["content/archives/revue/catalogue.yml, ligne 2 : la date « 1991-13 »"]),
    "an editor's catalogue whose PDF is a file outside the content folder": (
        lambda c: ((c / "archives/revue/catalogue.csv").unlink(),
                   write(c, "archives/revue/catalogue.yml", "issues:\n  - {volume: 13, number: 1, date: 1991-04, "
                         f"pdf: ../../../../..{OUTSIDE}}}\n")),
        ["content/archives/revue/catalogue.yml, ligne 2 : le PDF « ../../../../../etc/hostname » est hors du dossier"]),
    "an editor's catalogue whose issues are not a list": (
        lambda c: ((c / "archives/revue/catalogue.csv").unlink(),
                   write(c, "archives/revue/catalogue.yml", "issues: 13-1\n")),
        ["content/archives/revue/catalogue.yml, ligne 1 : « issues: »"]),
    "a catalogue's second issue written as a sentence": (
        lambda c: ((c / "archives/revue/catalogue.csv").unlink(),
                   write(c, "archives/revue/catalogue.yml", "issues:\n  - {volume: 13, number: 1, date: 1991-04, "
                                                            "pdf: pdf/13-1.pdf}\n  - vol. 13 no 2, 1991\n")),
        ["content/archives/revue/catalogue.yml, ligne 3 : le numéro n° 2 de « issues: »"]),
    "a photo where the catalogue wants a PDF": (
        lambda c: (small_photo(c / "archives/revue/pdf/13-1.jpg"),
                   write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("13-1.pdf", "13-1.jpg"))),
        ["content/archives/revue/catalogue.csv, ligne 2 : « 13-1.jpg » n'est pas un fichier que le site publie (PDF)"]),
    "a title of 300 characters": (
        lambda c: write(c, "news/2025-01-05-long.fr.md", "Title: " + "Très long titre " * 20 + "\n\nT.\n"),
        ["ligne 1 : le titre donne une adresse de", "trop longue", "Slug:"]),
    "a kit audience of 400 characters": (
        lambda c: edit_yaml(c, "kits/demo/kit.yml", lambda d: d.update(audience={"fr": "Élèves " * 60, "es": "Es"})),
        ["content/kits/demo/kit.yml", "est trop longue"]),
    "a truncated photo": (
        lambda c: (small_photo(c / "media" / "coupee.jpg"),
                   (c / "media" / "coupee.jpg").write_bytes((c / "media" / "coupee.jpg").read_bytes()[:900]),
                   write(c, "news/2025-01-05-coupee.fr.md", "Title: Coupée\n\n![Une photo](/media/coupee.jpg)\n")),
        ["content/media/coupee.jpg : cette image est abîmée ou incomplète"]),
    "an invisible control character in a title": (
        lambda c: write(c, "news/2025-01-05-nul.fr.md", "Title: Un\x00titre\n\nT.\n"),
        ["content/news/2025-01-05-nul.fr.md, ligne 1 : ce fichier contient un caractère invisible (U+0000)"]),
    "a caption written as a list": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d["photos"][0].update(caption={"fr": ["a", "b"]})),
        ["content/exhibitions/demo/exhibition.yml, ligne", "la légende de la photo n° 1 (photos/un.jpg) en « fr » "
         "devrait être un texte."]),
    "a caption cut by a comma without quotes": (
        lambda c: write(c, "exhibitions/demo/exhibition.yml", (c / "exhibitions/demo/exhibition.yml").read_text()
                        .replace("caption:\n    fr: Légende", "caption: {fr: En 2020, la délégation adopte un slogan}")),
        ["la légende de la photo n° 1 (photos/un.jpg) a une partie « la délégation adopte un slogan » qui n'est pas "
         "une langue.", "guillemets"]),
    "a credit written as a mapping": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d["photos"][0].update(photographer={"a": 1})),
        ["« photographer: » devrait être un texte."]),
    "a number of delegates in words": (
        lambda c: edit_yaml(c, "delegations/voyage/delegation.yml", lambda d: d.update(delegates="beaucoup")),
        ["content/delegations/voyage/delegation.yml, ligne", "le nombre de délégué·e·s « beaucoup » n'est pas un "
         "nombre entier."]),
    "a negative number of delegates": (
        lambda c: edit_yaml(c, "delegations/voyage/delegation.yml", lambda d: d.update(delegates=-3)),
        ["le nombre de délégué·e·s « -3 » n'est pas un nombre entier."]),
    "a photo id written yes": (
        lambda c: write(c, "exhibitions/demo/exhibition.yml",
                        (c / "exhibitions/demo/exhibition.yml").read_text().replace("fr: un\n", "fr: yes\n")),
        ["« id: » en « fr » devrait être un texte."]),
    "a YAML field named by a list": (
        lambda c: write(c, "kits/demo/quiz.yml", "? [a, b]\n: x\n"),
        ["content/kits/demo/quiz.yml, ligne 1 : ce fichier de données est illisible : un nom de champ"]),
    "a field written twice in a data file": (
        lambda c: write(c, "exhibitions/demo/exhibition.yml", (c / "exhibitions/demo/exhibition.yml").read_text()
                        .replace("- alt:\n", "- alt: {es: Texto}\n  alt:\n")),
        ["content/exhibitions/demo/exhibition.yml, ligne", "un champ écrit deux fois"]),
    "a NUL character in a file name of a data file": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d["photos"][0].update(file="photos/un\0.jpg")),
        ["le fichier de la photo n° 1", "a un nom avec un caractère invisible."]),
    "a data file nested thousands of levels deep": (
        lambda c: write(c, "kits/demo/quiz.yml", "title: " + "[" * 5000 + "]" * 5000 + "\n"),
        ["content/kits/demo/quiz.yml : ce fichier de données est imbriqué trop profondément"]),
    "anchors and aliases that would expand into gigabytes": (
        lambda c: write(c, "kits/demo/kit.yml", (c / "kits/demo/kit.yml").read_text() + "".join(
            f"x{n}: &x{n} [" + ", ".join([f"*x{n - 1}"] * 9 if n else ["lol"] * 9) + "]\n" for n in range(9))),
        ["content/kits/demo/kit.yml, ligne", "un texte commence par « & » ou « * » sans guillemets"]),
    "a data file that is a folder": (
        lambda c: ((c / "kits/demo/quiz.yml").unlink(), (c / "kits/demo/quiz.yml").mkdir()),
        ["content/kits/demo/quiz.yml : ce fichier ne peut pas être lu"]),
    "an empty quiz": (
        lambda c: write(c, "kits/demo/quiz.yml", ""),
        ["content/kits/demo/quiz.yml, ligne 1 : ce quiz est vide."]),
    "a {static} link to a file that does not exist": (
        lambda c: write(c, "news/2025-01-05-manque.fr.md", "Title: Manque\n\n[Le guide]({static}/media/nope.pdf)\n"),
        ["content/news/2025-01-05-manque.fr.md, ligne 3 : le lien vers « content/media/nope.pdf » ne mène à aucun "
         "fichier."]),
    "a {filename} link to a text that does not exist": (
        lambda c: write(c, "news/2025-01-05-lien.fr.md", "Title: Lien\n\n[L'autre]({filename}/news/absent.fr.md)\n"),
        ["content/news/2025-01-05-lien.fr.md, ligne 3 : le lien « {filename}/news/absent.fr.md » ne mène à aucun texte"]),
    "a link to a PDF with its name mistyped": (
        lambda c: (pdf(c / "media" / "Rapport de la délégation.pdf"),
                   write(c, "news/2025-01-05-rapport.fr.md",
                         "Title: Rapport\n\nLe [rapport](</media/Rapport de la delegation.pdf>).\n")),
        ["content/news/2025-01-05-rapport.fr.md, ligne 3 : le lien « /media/Rapport de la delegation.pdf » ne mène "
         "à aucune page ni à aucun fichier du site. Vouliez-vous dire « /media/Rapport de la délégation.pdf » ?"]),
    "a link to a page that does not exist": (
        lambda c: write(c, "news/2025-01-05-page.fr.md", "Title: Page\n\nVoir [la délégation](/un-text/).\n"),
        ["ligne 3 : le lien « /un-text/ » ne mène à aucune page ni à aucun fichier du site. "
         "Vouliez-vous dire « /un-texte/ » ?"]),
    "a folder of media/ that is a link to a folder elsewhere": (
        lambda c: ((c / "media").mkdir(), (c / "media" / "systeme").symlink_to("/etc")),
        ["content/media/systeme : ce dossier est un lien vers un dossier hors du contenu"]),
    "a title with no letter": (
        lambda c: write(c, "news/2025-01-05-rien.fr.md", "Title: !!! ???\n\nT.\n"),
        ["ligne 1 : le titre « !!! ??? » ne donne aucune adresse", "Slug:"]),
    "a slug with letters of another alphabet": (
        lambda c: write(c, "news/2025-01-05-cyr.fr.md", "Title: Cyr\nSlug: ВКонтакте\n\nT.\n"),
        ["« Slug: ВКонтакте » n'est pas une adresse possible."]),
    "a term of the editor's form without its key": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace("{key: mexique, ", "{")),
        ["content/terms.yml, ligne 14 : le terme n° 1 de « tags: » n'a pas de clé (« key: »).", "key: el-salvador"]),
    "a term written as a name only, not with its key": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace(
            "  - {key: haiti,", "  - Salvador\n  - {key: haiti,")),
        ["content/terms.yml, ligne 15 : le terme n° 2 de « tags: » n'a pas de clé (« key: »)."]),
    "a section's image that is not there": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace(
            "{key: delegations, fr: Délégations, es: Delegaciones}",
            "{key: delegations, fr: Délégations, es: Delegaciones, image: /media/absente.jpg}")),
        ["content/terms.yml, ligne 7 : l'image « content/media/absente.jpg » est introuvable."]),
    "a section's image outside the content": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace(
            "{key: delegations, fr: Délégations, es: Delegaciones}",
            "{key: delegations, fr: Délégations, es: Delegaciones, image: ../../etc/hostname}")),
        ["content/terms.yml, ligne 7 : l'image « ../../etc/hostname » est hors du dossier content/"]),
    "a term key twice in one part": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace("key: haiti,", "key: mexique,")),
        ["content/terms.yml, ligne 15 : la clé « mexique » est deux fois dans « tags: »."]),
    "a country code that is a path": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace("country: MX", "country: ../../x")),
        ["content/terms.yml, ligne", "« country: ../../x » n'est pas un code de pays."]),
    "a term written outside its part of the terms file": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text() + "maquila: {fr: Maquila, es: Maquila}\n"),
        ["« maquila: » n'est sous aucune des parties", "indentez cette ligne"]),
    "a date written the Québec way (day/month/year)": (
        lambda c: write(c, "news/2025-01-05-date.fr.md", "Title: Date\nDate: 03/11/2026\n\nT.\n"),
        ["ligne 2 : la date « 03/11/2026 » n'est pas écrite AAAA-MM-JJ.", "2026-11-03"]),
    "the example alt text of the README, as it is": (
        lambda c: (small_photo(c / "media" / "photo.jpg"),
                   write(c, "news/2025-01-05-exemple.fr.md", "Title: Ex\n\n![Ce que montre la photo](/media/photo.jpg)\n")),
        ["ligne 3 : le texte alternatif d'une image est encore l'exemple « Ce que montre la photo »."]),
    "a translation in another section than its original": (
        lambda c: write(c, "news/2024-11-19-un-texte.es.md", SPANISH.replace("Slug:", "Category: Incidencia\nSlug:")),
        ["content/news/2024-11-19-un-texte.es.md, ligne 2 : cette traduction est dans la rubrique « Incidencia », "
         "son original dans « Délégations »."]),
    "an image used twice, without alt text the second time": (
        lambda c: (small_photo(c / "media" / "photo.jpg"),
                   write(c, "news/2025-01-05-deux.fr.md", "Title: Deux\n\n![Une photo](/media/photo.jpg)\n\n"
                                                          "Texte.\n\n![](/media/photo.jpg)\n")),
        ["content/news/2025-01-05-deux.fr.md, ligne 7 : l'image « /media/photo.jpg » n'a pas de texte alternatif"]),
    "a binary file saved as a text": (
        lambda c: (c / "news" / "2025-01-05-binaire.fr.md").write_bytes(b"Title: X\n\n\x00\x81\x8d\xff\xfe\x00"),
        ["content/news/2025-01-05-binaire.fr.md, ligne 3 : ce fichier n'est pas du texte lisible", "UTF-8"]),
    "an image without alt text": (
        lambda c: (small_photo(c / "media" / "photo.jpg"),
                   write(c, "news/2025-01-05-image.fr.md", "Title: Image\n\n![](/media/photo.jpg)\n")),
        ["content/news/2025-01-05-image.fr.md, ligne 3 : l'image « /media/photo.jpg » n'a pas de texte alternatif",
         "![Ce que montre la photo](/media/photo.jpg)"]),
    "an image 20000 pixels wide": (
        lambda c: (huge_png(c / "media" / "immense.png"),
                   write(c, "news/2025-01-05-immense.fr.md", "Title: Immense\n\n![Une carte](/media/immense.png)\n")),
        ["content/media/immense.png : cette image est trop grande", "réduisez-la"]),
    "a file named as an image that is not one": (
        lambda c: (write(c, "media/faux.jpg", "ceci n'est pas une image"),
                   write(c, "news/2025-01-05-faux.fr.md", "Title: Faux\n\n![Une photo](/media/faux.jpg)\n")),
        ["content/media/faux.jpg : ce fichier n'est pas une image lisible", "JPEG ou PNG"]),
    "an image path outside the content folder": (
        lambda c: write(c, "news/2025-01-05-dehors.fr.md", "Title: Dehors\n\n![Un fichier](../../../../etc/x.jpg)\n"),
        ["content/news/2025-01-05-dehors.fr.md, ligne 3 : l'image « ../../../../etc/x.jpg » est hors du dossier"]),
    "a link in media/ to a file elsewhere": (
        lambda c: ((c / "media").mkdir(), (c / "media" / "secret.txt").symlink_to(OUTSIDE)),
        ["content/media/secret.txt : ce fichier est un lien vers un fichier hors du dossier du contenu"]),
    "a post that is a link to a file elsewhere": (
        lambda c: (write(c.parent, "ailleurs.md", "Title: Ailleurs\n\nTexte.\n"),
                   (c / "news" / "2025-01-05-ailleurs.fr.md").symlink_to(c.parent / "ailleurs.md")),
        ["content/news/2025-01-05-ailleurs.fr.md : ce fichier est un lien vers un fichier hors du dossier"]),
    "a broken terms file": (
        lambda c: write(c, "terms.yml", (c / "terms.yml").read_text().replace("Délégations, es: Delegaciones}",
                                                                              "Délégations, es: Delegaciones")),
        ["content/terms.yml, ligne", "ce fichier de données est illisible : une accolade « { » n'est pas refermée"]),
    "a kit file named by an absolute path": (
        lambda c: edit_yaml(c, "kits/demo/kit.yml", lambda d: d["resources"][0]["files"].update(fr=str(OUTSIDE))),
        ["content/kits/demo/kit.yml, ligne", f"« {OUTSIDE} » est hors du dossier content/kits/demo/"]),
    "a kit file named through ..": (
        lambda c: edit_yaml(c, "kits/demo/kit.yml",
                            lambda d: d["resources"][0]["files"].update(fr="../../../../../../../../etc/hostname")),
        ["content/kits/demo/kit.yml, ligne", "« ../../../../../../../../etc/hostname » est hors du dossier"]),
    "a kit file that is a link to a file elsewhere": (
        lambda c: ((c / "kits/demo/files/lien.pdf").symlink_to(OUTSIDE),
                   edit_yaml(c, "kits/demo/kit.yml", lambda d: d["resources"][0]["files"].update(fr="files/lien.pdf"))),
        ["content/kits/demo/kit.yml, ligne", "« files/lien.pdf » est hors du dossier content/kits/demo/"]),
    "a delegation report named by an absolute path": (
        lambda c: edit_yaml(c, "delegations/voyage/delegation.yml", lambda d: d.update(report=str(OUTSIDE))),
        ["content/delegations/voyage/delegation.yml, ligne", "le rapport « /etc/hostname » est hors du dossier"]),
    "a periodical PDF named by an absolute path": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace("pdf/13-1.pdf", str(OUTSIDE))),
        ["content/archives/revue/catalogue.csv, ligne 2 : le PDF « /etc/hostname » est hors du dossier"]),
    "an exhibition folder that is a link to elsewhere": (
        lambda c: (c / "exhibitions" / "ailleurs").symlink_to("/etc"),
        ["content/exhibitions/ailleurs : le dossier « ailleurs » est hors du dossier content/exhibitions/"]),
    "a kit's subject that does not exist": (
        lambda c: edit_yaml(c, "kits/demo/kit.yml", lambda d: d.update(subjects=["textil"])),
        ["content/kits/demo/kit.yml, ligne", "le sujet « textil » n'existe pas. Vouliez-vous dire « Industrie textile » ?"]),
    "photos written as a text instead of a list": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d.update(photos="photos/un.jpg")),
        ["content/exhibitions/demo/exhibition.yml, ligne", "« photos: » devrait contenir une liste"]),
    "a presentation written as a sentence": (
        lambda c: edit_yaml(c, "delegations/voyage/delegation.yml", lambda d: d.update(presentations=["Au syndicat"])),
        ["content/delegations/voyage/delegation.yml, ligne", "la présentation n° 1 devrait contenir des lignes"]),
    "a delegation's country with a typo": (
        lambda c: edit_yaml(c, "delegations/voyage/delegation.yml", lambda d: d.update(country="colombi")),
        ["content/delegations/voyage/delegation.yml, ligne 1", "Vouliez-vous dire « Colombie » ?"]),
    "an exhibition date that does not exist": (
        lambda c: edit_yaml(c, "exhibitions/demo/exhibition.yml", lambda d: d["venues"][0].update(start="2023-13-01")),
        ["content/exhibitions/demo/exhibition.yml, ligne", "la date de début « 2023-13-01 » n'est pas une date"]),
    "a catalogue without its columns": (
        lambda c: write(c, "archives/revue/catalogue.csv", "13,1,1991-04\n"),
        ["content/archives/revue/catalogue.csv, ligne 1 : colonnes manquantes"]),
    "a data file that is a list": (
        lambda c: write(c, "kits/demo/kit.yml", "- cover.jpg\n- files/bd.pdf\n"),
        ["content/kits/demo/kit.yml, ligne 1 : ce fichier devrait contenir des lignes « nom: valeur »"]),
    "an email of the organisation's details that is not one": (
        lambda c: write(c, "coordonnees.yml", "contact:\n  email: info@exemple\n"),
        ["content/coordonnees.yml, ligne 2 : « email: » (le courriel) « info@exemple » n'est pas une adresse courriel.",
         "par exemple « info@exemple.org »"]),
    "an account of the organisation's details that is not https://": (
        lambda c: write(c, "coordonnees.yml", "social:\n  facebook: \"javascript:alert(1)\"\n"),
        ["content/coordonnees.yml, ligne 2 : « facebook: » (l'adresse Facebook) « javascript:alert(1) » n'est pas une "
         "adresse https://.", "elle commence par https://"]),
    "a quiz answer that is not a choice": (
        lambda c: edit_yaml(c, "kits/demo/quiz.yml", lambda d: d["questions"][0].update(correct=[True])),
        ["content/kits/demo/quiz.yml, ligne", "la bonne réponse [True] n'est pas parmi les choix 1 à 3"]),
}


@pytest.mark.parametrize("case", list(MISTAKES), ids=list(MISTAKES))
def test_a_mistake_stops_the_build_with_a_plain_message_and_changes_nothing(small_site, case):
    change, fragments = MISTAKES[case]
    content, output = small_site
    change(content)
    before_content, before_output = snapshot(content), snapshot(output)
    built = rebuild(small_site)
    said = built.stdout
    assert built.returncode == 1, said
    for fragment in fragments:
        assert fragment in said, f"{fragment!r} not in:\n{said}"
    english = [line for line in said.splitlines() if not FRENCH_LINE.match(line)]
    assert not english, f"lines that are not our plain French messages:\n{said}"
    assert all(problem.fix for problem in built.result.errors), said  # every error says how to fix it
    assert snapshot(output) == before_output, "the last good build was changed"
    assert snapshot(content) == before_content, "content/ was written"
    assert not [p for p in output.parent.glob(".output-*") if "-discarded-" not in p.name], \
        "a staging folder was left behind"  # (a site replaced earlier may still be being deleted)


def test_a_replaced_site_that_outlived_its_deletion_is_said_and_deleted(small_site):
    """A site replaced by an earlier build is deleted in the background; one still there long after
    (rm could not delete it) is said, so that it does not take the disk's room unnoticed."""
    content, output = small_site
    left = output.parent / ".output-discarded-abc" / "site"
    left.mkdir(parents=True)
    (left / "index.html").write_text("ancien site")
    long_ago = time.time() - 3600
    os.utime(left.parent, (long_ago, long_ago))
    built = rebuild(small_site)
    assert built.returncode == 0, built.stdout
    assert ("Un ancien site, le dossier caché .output-discarded-abc, n'a pas pu être supprimé : supprimez-le"
            in built.stdout), built.stdout
    wait_for(lambda: not left.parent.exists())  # deleted, in the background


def test_a_wrong_item_of_a_list_is_named_by_its_own_line_not_the_lists(small_site):
    """An item written as plain text in a list of several (« - textil »): the message names its line."""
    content, _ = small_site
    lists = {"kits/demo/kit.yml": ("subjects:\n  - textile\n  - textil\n", "le sujet « textil » n'existe pas"),
             "exhibitions/demo/exhibition.yml": ("countries:\n  - mexique\n  - atlantide\n",
                                                 "« atlantide » n'est pas un pays"),
             "delegations/voyage/delegation.yml": ("unions:\n  - CSN\n  - [FTQ, CSQ]\n", "un syndicat de « unions: »")}
    for name, (written, _) in lists.items():
        key = written.split(":")[0]
        edit_yaml(content, name, lambda data, key=key: data.pop(key, None))
        with open(content / name, "a", encoding="utf-8") as data_file:
            data_file.write(written)
    said = rebuild(small_site).stdout
    for name, (_, message) in lists.items():
        wrong_item = len((content / name).read_text().splitlines())  # the file's last line
        assert f"content/{name}, ligne {wrong_item} : {message}" in said, said


def test_a_broken_terms_file_is_one_message_not_one_per_text(small_site):
    content, _ = small_site
    MISTAKES["a broken terms file"][0](content)
    built = rebuild(small_site)
    assert built.returncode == 1 and len(built.result.problems) == 1, built.stdout


# (what was done, what the visitor then sees: a check on the output)
def _check_windows_text(output, content):
    post = page(output, "accents")
    assert post.h1.get_text() == "Délégation à Montréal"
    assert "« guillemets » et œuvre" in post.get_text().replace("\u202f", " ")  # French spacing inside « »


def _check_summary(output, content):
    post = page(output, "resume")
    assert post.find("meta", attrs={"name": "description"})["content"] == "Le résumé, écrit à la française."
    assert "Summary" not in post.select_one(".prose").get_text()


def _check_pdf_download(output, content):
    link = page(output, "guide").select_one(".prose a")
    assert link["href"] == "/media/Guide%20de%20l%27enseignant.pdf"
    assert (output / "media" / "Guide de l'enseignant.pdf").read_bytes() == (
        content / "media" / "Guide de l'enseignant.pdf").read_bytes()


def _check_photo_download(output, content):
    with Image.open(output / "media" / "photo.jpg") as published:
        assert not published.getexif(), "a photo published as a download keeps no metadata (GPS included)"


def _check_kit_image_resource(output, content):
    with Image.open(output / "documents" / "demo" / "carte.jpg") as published:
        assert not published.getexif()
    with zipfile.ZipFile(output / "documents" / "demo" / "demo-fr.zip") as bundle:
        with bundle.open("demo/carte.jpg") as zipped, Image.open(zipped) as image:
            assert not image.getexif(), "a photo in a kit's ZIP keeps no metadata"


def _check_windows_data(output, content):
    assert "Élèves du cégep" in page(output, "trousses-pedagogiques/demo").get_text()


def _check_spreadsheet_catalogue(output, content):
    assert "Numéro spécial été" in page(output, "archives/la-revue/13-1").get_text()


def _check_front_matter(output):
    post = page(output, "greve-le-point")
    assert post.h1.get_text().replace("\u202f", " ") == "Grève : le point"  # French spacing: a narrow space
    assert "Délégations" in post.select_one(".meta").get_text()
    assert [a.get_text() for a in post.select(".post-tags a")] == ["Colombie"]
    assert "<strong>texte</strong>" in str(post.select_one("main"))


def _check_mapping_terms(output):
    assert page(output, "categorie/delegations").h1 is not None
    assert page(output, "es/etiqueta/colombia").h1 is not None


def _check_editor_catalogue(output):
    issue = page(output, "archives/la-revue/13-1")
    assert "Mexique" in issue.get_text() and issue.find("a", href=lambda h: h and h.endswith("13-1.pdf"))


ACCEPTED = {
    "a text saved by Word as Windows-1252, with Windows line ends": (
        lambda c: write(c, "news/2025-01-05-accents.fr.md", "Title: Délégation à Montréal\r\nSlug: accents\r\n\r\n"
                        "Des « guillemets » et œuvre.\r\n", encoding="cp1252"), _check_windows_text),
    "« Summary : » with a no-break space before the colon": (
        lambda c: write(c, "news/2025-01-05-resume.fr.md", "Title: Résumé\nSlug: resume\nSummary\u00a0: Le résumé, "
                        "écrit à la française.\n\nLe texte.\n"), _check_summary),
    "a post in the web editor's format (YAML front matter, tags as a list)": (
        lambda c: write(c, "news/2025-01-05-editeur.fr.md", '---\ntitle: "Grève : le point"\ndate: 2025-01-05\n'
                        "category: Délégations\ntags:\n  - Colombie\nsummary: Le résumé.\n---\n\nLe **texte**.\n"),
        lambda output, content: _check_front_matter(output)),
    "a catalogue written by the web editor (catalogue.yml) in place of the spreadsheet": (
        lambda c: ((c / "archives/revue/catalogue.csv").unlink(),
                   write(c, "archives/revue/catalogue.yml", "issues:\n  - volume: 13\n    number: 1\n    date: 1991-04\n"
                         "    title: Solidarité\n    themes_fr: Mexique\n    themes_es: México\n    pdf: pdf/13-1.pdf\n")),
        lambda output, content: _check_editor_catalogue(output)),
    "a terms file written by hand as a mapping, each term on its key": (
        lambda c: write(c, "terms.yml", "categories:\n  nouvelles: {fr: Nouvelles, es: Noticias}\n"
                        "  delegations: {fr: Délégations, es: Delegaciones}\ntags:\n"
                        "  colombie: {fr: Colombie, es: {name: Colombia, slug: colombia}, country: CO}\n"
                        "  mexique: {fr: Mexique, es: México, country: MX}\n"
                        "subjects:\n  textile: {fr: Industrie textile, es: Industria textil}\n"),
        lambda output, content: _check_mapping_terms(output)),
    "a PDF in media/ with spaces and an apostrophe in its name, linked from a post": (
        lambda c: (pdf(c / "media" / "Guide de l'enseignant.pdf"),
                   write(c, "news/2025-01-05-guide.fr.md",
                         "Title: Guide\nSlug: guide\n\n[Le guide](</media/Guide de l'enseignant.pdf>)\n")),
        _check_pdf_download),
    "a phone photo in media/, linked as a download": (
        lambda c: (small_photo(c / "media" / "photo.jpg"),
                   write(c, "news/2025-01-05-photo.fr.md", "Title: Photo\n\n[La photo](/media/photo.jpg)\n")),
        _check_photo_download),
    "a phone photo as a kit resource": (
        lambda c: (small_photo(c / "kits/demo/files/carte.jpg"),
                   edit_yaml(c, "kits/demo/kit.yml", lambda d: d["resources"].append(
                       resource("carte", "fact-sheet", {"fr": "files/carte.jpg"})))), _check_kit_image_resource),
    "a kit's data file saved as Windows-1252": (
        lambda c: write(c, "kits/demo/kit.yml", (c / "kits/demo/kit.yml").read_text().replace("Élèves", "Élèves du cégep"),
                        encoding="cp1252"), _check_windows_data),
    "a catalogue saved by a French spreadsheet (semicolons, Windows-1252)": (
        lambda c: write(c, "archives/revue/catalogue.csv", CATALOGUE.replace(",", ";").replace(
            "Solidarité;", "Numéro spécial été;"), encoding="cp1252"), _check_spreadsheet_catalogue),
}


@pytest.mark.parametrize("case", list(ACCEPTED), ids=list(ACCEPTED))
def test_a_mistake_the_build_understands_as_the_author_meant_it(small_site, case):
    change, check = ACCEPTED[case]
    content, output = small_site
    change(content)
    built = rebuild(small_site)
    assert built.returncode == 0, built.stdout
    check(output, content)


@pytest.mark.parametrize("make, said", [(lambda path: None, "n'existe pas"),
                                        (lambda path: path.write_text("texte"), "n'est pas un dossier")],
                         ids=["missing", "a file"])
def test_a_content_folder_that_is_missing_or_a_file_is_said_so_with_the_way_to_give_it(tmp_path, make, said):
    from tools.build import build_site

    content = tmp_path / "contenu"
    make(content)
    result = build_site(content, tmp_path / "output")
    said_to_author = "\n".join(problem.text() for problem in result.problems)
    assert not result.ok and "contenu" in said_to_author and said in said_to_author, said_to_author
    assert "INPUTDIR=" in said_to_author and "--content" in said_to_author, "how to give the folder"
    assert not (tmp_path / "output").exists()
