"""Photographs listed in a data file (an exhibition's, a delegation report's): one checked entry each.

``read_photo(entry, number, folder, data_file, texts, store)`` gives a ``Photo``
(its id, the address of its page in each language, image file inside the item's folder, caption and alt text in each
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
    id: str  # the first language's address: what names the photo within its file (panels, QR codes)
    number: int
    source: str
    photographer: str
    rights: str
    caption: dict
    alt: dict
    place: dict = field(default_factory=dict)
    date: str = ""
    slugs: dict = field(default_factory=dict)  # {lang: the address of its page}, every language of its texts

    def slug(self, lang):
        """The last part of its page's address in `lang`."""
        return self.slugs.get(lang, self.id)


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
    slugs = _photo_slugs(entry, source, langs, where, label)
    photo_id = slugs[langs[0]] if langs else _file_slug(source)
    return Photo(id=photo_id, number=number, source=source, photographer=photographer.strip(), rights=rights,
                 caption=caption, alt=alt, place=place, date=date, slugs=slugs)


def _file_slug(source):
    return os.path.splitext(os.path.basename(source))[0].split(".")[0]


def _photo_slugs(entry, source, langs, where, label):
    """{lang: address} from « id: », written once for every language (« id: portrait ») or per
    language (« id: {fr: portrait, es: retrato} », a language left out taking the first one's);
    without it, the file's name."""
    written = entry.get("id")
    line = line_of(entry, "id") if written else line_of(entry, "file")
    if isinstance(written, dict):
        given = localised(written, [lang for lang in langs if lang in written] or langs[:1], where, line, "« id: »")
        fallback = next(iter(given.values()))
        slugs = {lang: given.get(lang, fallback) for lang in langs}
    else:
        slug = text_of(written, where, line, "« id: »").strip() or _file_slug(source)
        slugs = dict.fromkeys(langs, slug)
    for lang, slug in slugs.items():
        if not PHOTO_ID.match(slug):
            raise ContentError(f"{label} : « id: {slug} » ne peut pas servir d'adresse.", path=where,
                               line=line_of(written, lang) if isinstance(written, dict) and lang in written else line,
                               fix="écrivez « id: » avec des lettres sans accents, des chiffres et des tirets.")
    return slugs
