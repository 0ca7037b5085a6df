"""Photographs listed in a data file (an exhibition's, a delegation report's): one checked entry each.

``read_photo(entry, number, folder, data_file, texts, store)`` gives a ``Photo``
(its id, image file inside the item's folder, caption and alt text in each
language of ``texts``, photographer, rights as a URI, place, partial date),
registered with the run's image store for publishing, or raises a
ContentError naming the data file, the line and the fix.
``rights_label(uri)`` is the short name of a licence or rights statement.
"""

import os
import re
from dataclasses import dataclass, field

from content_errors import ContentError, expect, line_of, localised, partial_date, partial_iso, text_of, texts_of
from responsive_images import ImageError

RIGHTS = re.compile(
    r"^https?://(creativecommons\.org/(licenses|publicdomain)/[a-z0-9.\-/]+|"
    r"rightsstatements\.org/vocab/[A-Za-z\-]+/1\.0/?)$"
)
PHOTO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a photo's id is its page's address


@dataclass
class Photo:
    """One checked photograph of a data file (texts per language, credit, rights URI, partial date)."""
    id: str
    number: int
    source: str
    photographer: str
    rights: str
    caption: dict
    alt: dict
    place: dict = field(default_factory=dict)
    date: str = ""


def rights_label(uri):
    """The short name of a licence or rights statement URI ("CC BY-SA 4.0", "InC")."""
    parts = [p for p in uri.split("/") if p]
    if "creativecommons.org" in uri:
        if "publicdomain" in parts:
            return "CC0 1.0" if "zero" in parts else "Public Domain Mark"
        licence = parts[parts.index("licenses") + 1]
        version = parts[parts.index("licenses") + 2] if len(parts) > parts.index("licenses") + 2 else ""
        return f"CC {licence.upper()} {version}".strip()
    return parts[-2] if parts[-1] == "1.0" else parts[-1]


def read_photo(entry, number, folder, where, texts, store):
    """One checked photo entry of a data file: a Photo, or a ContentError."""
    label = f"la photo n° {number}"
    entry = expect(entry, dict, where, None, label)
    line = line_of(entry)
    if not entry.get("file"):
        raise ContentError(f"{label} n'a pas de « file: » (le fichier de l'image).", path=where, line=line,
                              fix="ajoutez « file: photos/nom-de-la-photo.jpg ».")
    file = text_of(entry["file"], where, line_of(entry, "file"), f"le fichier de {label}")
    label += f" ({file})"
    from . import folder_file  # the package's, defined before it imports this module

    source = folder_file(folder, file, where, line_of(entry, "file"), f"le fichier de {label}")
    langs = list(texts)
    caption = localised(entry.get("caption"), langs, where, line_of(entry, "caption"), f"la légende de {label}")
    alt = localised(entry.get("alt"), langs, where, line_of(entry, "alt"), f"le texte alternatif de {label}")
    rights = str(entry.get("rights") or "")
    if not RIGHTS.match(rights):
        raise ContentError(
            f"{label} : « rights: {rights} » n'est pas une licence connue.", path=where, line=line_of(entry, "rights"),
            fix="une adresse creativecommons.org/licenses/… ou rightsstatements.org/vocab/…/1.0/.")
    date = str(entry.get("date") or "")
    if date:
        date = partial_iso(*partial_date(date, where, line_of(entry, "date"), f"{label} : la date"))
    photographer = text_of(entry.get("photographer"), where, line_of(entry, "photographer"), "« photographer: »")
    if not photographer.strip():
        raise ContentError(f"{label} n'a pas de « photographer: » (le crédit).", path=where, line=line,
                              fix="ajoutez « photographer: Nom de la personne ou de l'organisation ».")
    try:
        store.image_set(source)  # also registers it for publishing
    except ImageError as error:
        raise ContentError(f"{label} : {error.message}", path=where, line=line_of(entry, "file"),
                              fix=error.fix) from None
    place = texts_of(entry.get("place"), langs, where, line_of(entry, "place"), f"le lieu de {label}")
    photo_id = text_of(entry.get("id"), where, line_of(entry, "id"), "« id: »") or \
        os.path.splitext(os.path.basename(source))[0].split(".")[0]
    if not PHOTO_ID.match(photo_id):
        raise ContentError(f"{label} : « id: {photo_id} » ne peut pas servir d'adresse.", path=where,
                              line=line_of(entry, "id") if entry.get("id") else line_of(entry, "file"),
                              fix="écrivez « id: » avec des lettres sans accents, des chiffres et des tirets.")
    return Photo(id=photo_id, number=number, source=source, photographer=photographer.strip(), rights=rights,
                 caption=caption, alt=alt, place=place, date=date)
