"""A small site with every kind of content (posts in two languages, a kit with its quiz,
an exhibition, a delegation report, a periodical), for tests that break it or serve it;
and small files like an author's (a phone photo with its GPS data, PDFs)."""

import struct
import zlib

import yaml
from PIL import Image

from kit_fixture import question, resource
from sitebuild import make_content

FRENCH = "Title: Un texte\nCategory: Délégations\nTags: Colombie\nSummary: Un résumé.\n\nCorps du texte.\n"
SPANISH = "Title: Un texto\nSlug: un-texto\nSummary: Un resumen.\n\nCuerpo del texto.\n"
CATALOGUE = ("volume,number,date,title,themes_fr,themes_es,pdf,cover,note_fr,note_es\n"
             "13,1,1991-04,Solidarité,Mexique,México,pdf/13-1.pdf,,,\n")


def small_photo(path, size=(480, 320), gps=True):
    """A small JPEG with camera metadata (GPS included), like a phone's."""
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "Téléphone"
    if gps:
        exif[0x8825] = {1: "N", 2: (45.0, 30.0, 10.0), 3: "W", 4: (73.0, 34.0, 5.0)}
    Image.new("RGB", size, (150, 60, 40)).save(path, "JPEG", exif=exif.tobytes())


def pdf(path, pages=2):
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = [Image.new("L", (100, 140), 255) for _ in range(pages)]
    sheets[0].save(path, "PDF", save_all=True, append_images=sheets[1:])


def huge_png(path, width=20000, height=20000):
    """A PNG whose header says 20000 x 20000 pixels (its pixels are never read)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def write(content, name, text, encoding="utf-8"):
    path = content / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def edit_yaml(content, name, change):
    path = content / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))


def make_small_site(root):
    content = make_content(root, {
        "news/2024-11-19-un-texte.fr.md": FRENCH, "news/2024-11-19-un-texte.es.md": SPANISH,
        "pages/contact.fr.md": "Title: Nous joindre\nSlug: contact\n\nTexte.\n",
        "pages/trousses-pedagogiques.fr.md": "Title: Trousses pédagogiques\nSlug: trousses-pedagogiques\n\nTexte.\n",
    })
    kit = content / "kits" / "demo"
    write(content, "kits/demo/index.fr.md", "Title: Trousse démo\nSlug: demo\nSummary: Une trousse.\n\nTexte.\n")
    write(content, "kits/demo/index.es.md", "Title: Material demo\nSlug: demo-es\nSummary: Un material.\n\nTexto.\n")
    pdf(kit / "files" / "bd.pdf", 3)
    small_photo(kit / "cover.jpg")
    (kit / "kit.yml").write_text(yaml.safe_dump({
        "cover": "cover.jpg", "cover_alt": {"fr": "Couverture", "es": "Portada"},
        "audience": {"fr": "Élèves", "es": "Estudiantes"}, "subjects": ["textile"],
        "licence": "https://creativecommons.org/licenses/by/4.0/",
        "resources": [resource("bd", "comic", {"fr": "files/bd.pdf", "es": "files/bd.pdf"})],
    }, allow_unicode=True))
    (kit / "quiz.yml").write_text(yaml.safe_dump({"title": {"fr": "Quiz", "es": "Cuestionario"},
                                                  "questions": [question(1)]}, allow_unicode=True))
    exhibition = content / "exhibitions" / "demo"
    small_photo(exhibition / "photos" / "un.jpg")
    write(content, "exhibitions/demo/index.fr.md", "Title: Exposition\nSlug: demo\nSummary: Une expo.\n\nIntro.\n")
    (exhibition / "exhibition.yml").write_text(yaml.safe_dump({
        "venues": [{"name": {"fr": "Ici", "es": "Aquí"}, "start": "2023-06-02"}], "countries": ["mexique"],
        "photos": [{"file": "photos/un.jpg", "id": {"fr": "un", "es": "uno"}, "photographer": "Une photographe",
                    "rights": "https://rightsstatements.org/vocab/InC/1.0/",
                    "caption": {"fr": "Légende"}, "alt": {"fr": "Texte alternatif"}}],
    }, allow_unicode=True))
    delegation = content / "delegations" / "voyage"
    pdf(delegation / "files" / "rapport.pdf")
    write(content, "delegations/voyage/index.fr.md", "Title: Délégation\nSlug: voyage\nSummary: Un voyage.\n\nTexte.\n")
    (delegation / "delegation.yml").write_text(yaml.safe_dump({
        "country": "colombie", "start": "2024-11", "end": "2024-12", "delegates": 3, "report": "files/rapport.pdf",
        "presentations": [{"date": "2025-01", "audience": {"fr": "Un syndicat"}, "body": {"fr": "Une personne"}}],
    }, allow_unicode=True))
    archive = content / "archives" / "revue"
    pdf(archive / "pdf" / "13-1.pdf")
    write(content, "archives/revue/index.fr.md", "Title: La revue\nSlug: la-revue\nSummary: Une revue.\n\nTexte.\n")
    write(content, "archives/revue/catalogue.csv", CATALOGUE)
    return content
