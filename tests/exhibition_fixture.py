"""A small made-up exhibition, for tests that need one they can break."""

import yaml

from sitebuild import make_content
from tools.placeholders import make


def photo(number, **changes):
    entry = {
        "file": f"photos/{number:02d}-photo.placeholder.jpg", "id": {"fr": f"photo-{number}", "es": f"foto-{number}"},
        "photographer": "Benoit Taillefer", "place": {"fr": "Mexique", "es": "México"}, "date": "2020",
        "rights": "https://rightsstatements.org/vocab/InC/1.0/",
        "caption": {"fr": f"Légende {number}", "es": f"Leyenda {number}"},
        "alt": {"fr": f"Image provisoire {number}", "es": f"Imagen provisional {number}"},
    }
    entry.update(changes)
    return entry


SMALL = (600, 400)  # enough for a test that does not count the widths made of a photo


def make_site(tmp_path, photos=None, count=3, size=SMALL):
    """content/ with terms, one news post and an exhibition of `count` photos (of `size` pixels)."""
    content = make_content(tmp_path, {"news/2025-01-01-nouvelle.fr.md": "Title: Nouvelle\n\nTexte.\n"})
    folder = content / "exhibitions" / "demo"
    (folder / "photos").mkdir(parents=True)
    photos = photos if photos is not None else [photo(n) for n in range(1, count + 1)]
    (folder / "exhibition.yml").write_text(yaml.safe_dump(
        {"venues": [{"name": {"fr": "Place Émilie-Gamelin", "es": "Plaza Émilie-Gamelin"},
                     "locality": "Montréal", "country": "CA", "start": "2023-06-02"}],
         "photos": photos}, allow_unicode=True))
    (folder / "index.fr.md").write_text("Title: Démo\nSlug: demo\nSummary: Une démo.\n\nIntro.\n\n## Crédits\n\nMerci.\n")
    (folder / "index.es.md").write_text("Title: Demostración\nSlug: demostracion\nSummary: Una demo.\n\nIntro.\n\n## Créditos\n\nGracias.\n")
    for number, entry in enumerate(photos, 1):
        path = folder / entry["file"]
        if not path.exists() and str(path).endswith(".placeholder.jpg"):
            make(str(path), f"demo {number}", number, size)
    return content
