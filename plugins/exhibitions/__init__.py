"""Photo exhibitions, each a folder: ``PATH/EXHIBITIONS_PATH/<name>/``.

A folder holds the exhibition's text in each language (``index.<lang>.md``:
introduction, curators' text, credits, visit information) and one data file,
``exhibition.yml``: its venues, and its photos in exhibition order, each
with its image file, caption and alt text in each language (two different
fields, neither derived from the other), photographer, place, date, and
rights as a URI (a Creative Commons licence or a rightsstatements.org
statement).

For each language the exhibition has a text in, this generator writes a
landing page (introduction, grid of every photo, credits, visits), one page
per photo (its own URL, large image, caption, credit, previous/next), and a
print view laid out as panels, each with a QR code (segno) leading to that
photo's page. Every page gets JSON-LD (ExhibitionEvent, ImageGallery,
Photograph, BreadcrumbList) and its counterparts in the other languages.

A missing caption or alt text, a photo listed but absent, a file that is not
an image, a rights value that is not a known URI, or broken YAML stops the
build with a message naming the file and the entry.

What it needs and gives: CONTRACT (site_core.contracts).
"""

import functools
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

import segno
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

import responsive_images
import url_registry
from content_errors import ContentError, expect, line_of, load_yaml, partial_date, partial_iso, text_of, texts_of
from content_folders import load_folders, read_photo, read_texts, rights_label
from site_core.contracts import Contract
from site_core.dates import date_label
from site_core.html import body_html
from site_core.pages import neighbours, write_page
from site_core.urls import absolute

logger = logging.getLogger(__name__)
__all__ = ["DATA_FILE"]  # its name, for the status report
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual", "responsive_images", "content_folders"),
    settings={"EXHIBITIONS_PATH": "exhibitions"},
    paths=("exhibition", "photo", "exhibition_print"),
    provides={
        "EXHIBITIONS": "[Exhibition] of EXHIBITIONS_PATH",
        "ABOUT_COUNTRIES": "[{kind, lang, url, title, summary, date, countries, image, source, line, lines}]: "
                           "what other content types say about a country (exhibitions, delegation reports), for its "
                           "page; line: where the data file lists the countries, lines (optional): {country: its own "
                           "line}, image (optional): the original of its picture in the list",
    },
)

DATA_FILE = "exhibition.yml"


class ExhibitionError(ContentError):
    pass


@dataclass
class Exhibition:
    key: str
    folder: str
    texts: dict  # lang -> Page
    venues: list
    photos: list
    countries: list = field(default_factory=list)  # tag keys of the countries it is about
    countries_line: int = None  # where the data file lists them
    country_lines: dict = field(default_factory=dict)  # {country: its line}

    def render_fingerprint(self):  # see the render_cache plugin
        return [self.key, {lang: [t.title, t.summary, t.slug] for lang, t in self.texts.items()},
                [[p.slugs, p.source, p.caption, p.alt] for p in self.photos], repr(self.venues)]

    def url(self, languages, lang, kind="exhibition", photo=None):
        return languages.url(lang, kind, slug=self.texts[lang].slug, photo=photo.slug(lang) if photo else "")


def _localised(value, lang):
    if isinstance(value, dict):
        return value.get(lang)
    return value


def _date_display(date, locale):
    """"2020", "juin 2020", "2 juin 2020": a photo's partial date the locale's way."""
    return date_label(*partial_date(date), locale) if date else ""


@functools.lru_cache(maxsize=4096)
def qr_code(url, title):
    """The QR code of `url`, as inline SVG titled `title` (segno escapes it); drawn once per process
    (a dev server's build draws only the new ones)."""
    return Markup(segno.make(url, error="m").svg_inline(scale=3, title=title, omitsize=True))


class QRCodes(Mapping):
    """{photo id: its QR code}, each drawn when a page shows it: a page the render cache reuses
    draws none (a QR code is the slowest part of a rebuild). Not a dict, so that the render cache
    reads its fingerprint, the addresses and titles, instead of its values."""

    def __init__(self, wanted):
        self._wanted = wanted  # {photo id: (url, title)}

    def __getitem__(self, key):
        return qr_code(*self._wanted[key])

    def __iter__(self):
        return iter(self._wanted)

    def __len__(self):
        return len(self._wanted)

    def render_fingerprint(self):  # see the render_cache plugin
        return sorted(self._wanted.items())


class ExhibitionsGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.store = responsive_images.store_for(self)
        self.exhibitions = load_folders(self, "EXHIBITIONS_PATH", self._load, (DATA_FILE,))
        self.context["EXHIBITIONS"] = self.exhibitions
        about = self.context.setdefault("ABOUT_COUNTRIES", [])
        for exhibition in self.exhibitions:
            start = min((str(v["start"]) for v in exhibition.venues if v.get("start")), default=None)
            for lang, text in exhibition.texts.items():
                about.append({
                    "kind": "exhibition", "lang": lang, "url": exhibition.url(self.languages, lang),
                    "title": text.title, "summary": text.summary, "countries": exhibition.countries,
                    "image": exhibition.photos[0].source if exhibition.photos else None,
                    "date": partial_date(start)[0] if start else None,
                    "source": os.path.join(exhibition.folder, DATA_FILE), "line": exhibition.countries_line,
                    "lines": exhibition.country_lines,
                })

    # --- reading ----------------------------------------------------------

    def _load(self, name, folder):
        where = os.path.join(folder, DATA_FILE)
        data = load_yaml(where)
        texts = read_texts(self, folder)
        # No photo yet: the exhibition is presented with what is known of it, its gallery to come.
        photos = expect(data.get("photos"), list, where, line_of(data, "photos"), "« photos: »")
        checked = [read_photo(entry, number, folder, where, texts, self.store)
                   for number, entry in enumerate(photos, 1)]
        for lang in texts:  # each language's photo pages have addresses of their own
            seen = {}
            for photo, entry in zip(checked, photos, strict=True):
                slug = photo.slug(lang)
                if slug in seen:
                    raise ExhibitionError(f"les photos n° {seen[slug]} et n° {photo.number} ont le même id « {slug} »"
                                          f" en « {lang} ».", path=where, line=line_of(entry, "id"),
                                          fix="donnez-leur des « id: » différents.")
                seen[slug] = photo.number
        listed = expect(data.get("venues"), list, where, line_of(data, "venues"), "« venues: »")
        venues = [expect(v, dict, where, line_of(listed, n), "un lieu de « venues: »") for n, v in enumerate(listed)]
        for venue in venues:
            for key in ("name", "description"):
                venue[key] = texts_of(venue.get(key), list(texts), where, line_of(venue, key), f"« {key}: » d'un lieu")
            for key in ("locality", "country"):
                venue[key] = text_of(venue.get(key), where, line_of(venue, key), f"« {key}: » d'un lieu")
            if venue.get("start"):
                venue["start"] = partial_iso(*partial_date(venue["start"], where, line_of(venue, "start"),
                                                           "la date de début"))
        listed = expect(data.get("countries"), list, where, line_of(data, "countries"), "« countries: »")
        countries = [text_of(c, where, line_of(listed, n), "un pays de « countries: »") for n, c in enumerate(listed)]
        exhibition = Exhibition(name, folder, texts, venues, checked, countries, line_of(data, "countries"),
                                {country: line_of(listed, n) for n, country in enumerate(countries)})
        for lang, text in texts.items():
            url_registry.claim(self.context, exhibition.url(self.languages, lang), source=text.source_path)
            if checked:  # panels to print, one per photo
                url_registry.claim(self.context, exhibition.url(self.languages, lang, "exhibition_print"),
                                   source=where, what="les panneaux à imprimer")
            for photo in checked:
                url_registry.claim(self.context, exhibition.url(self.languages, lang, "photo", photo), source=where,
                                   what=f"la page de la photo n° {photo.number}")
        return exhibition

    # --- structured data --------------------------------------------------

    def _absolute(self, url):
        return absolute(self.settings, url)

    def _photo_jsonld(self, view, photo, lang):
        image_url, width, height = self.store.largest_jpeg(photo["image"])
        data = {
            "@type": ["Photograph", "ImageObject"],
            "@id": self._absolute(photo["url"]) + "#photo",
            "name": photo["caption"], "caption": photo["caption"], "description": photo["alt"],
            "contentUrl": self._absolute(image_url), "width": width, "height": height,
            "url": self._absolute(photo["url"]), "inLanguage": lang,
            "creator": {"@type": "Person", "name": photo["photographer"]},
            "creditText": photo["photographer"], "copyrightNotice": photo["photographer"],
            "license": photo["rights"],
            "isPartOf": {"@id": self._absolute(view["url"]) + "#gallery"},
        }
        if photo["place"]:
            data["contentLocation"] = {"@type": "Place", "name": photo["place"]}
        if photo["date"]:
            data["dateCreated"] = photo["date"]
        return data

    def _breadcrumbs(self, lang, *trail):
        items = [(self.languages.site_name(lang), self.languages.url(lang, "home")), *trail]
        return {"@type": "BreadcrumbList", "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": self._absolute(url)}
            for n, (name, url) in enumerate(items, 1)
        ]}

    def _exhibition_jsonld(self, view, lang):
        gallery = self._absolute(view["url"]) + "#gallery"
        venues = [
            {"@type": "ExhibitionEvent", "name": f"{view['title']} — {venue['name']}",
             "location": {"@type": "Place", "name": venue["name"],
                          "address": {"@type": "PostalAddress", "addressLocality": venue.get("locality", ""),
                                      "addressCountry": venue.get("country", "")}},
             **({"startDate": str(venue["start"])} if venue.get("start") else {}),
             **({"description": venue["description"]} if venue.get("description") else {})}
            for venue in view["venues"]
        ]
        event = {
            "@type": "ExhibitionEvent", "name": view["title"], "description": view["summary"],
            "inLanguage": lang, "url": self._absolute(view["url"]),
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
            "location": [{"@type": "VirtualLocation", "url": self._absolute(view["url"])}]
                        + [v["location"] for v in venues],
            "subEvent": venues,
            "workFeatured": {"@id": gallery},
            "organizer": {"@type": "Organization", "name": self.languages.site_name(lang)},
        }
        if venues and "startDate" in venues[0]:
            event["startDate"] = venues[0]["startDate"]
        gallery_data = {
            "@type": "ImageGallery", "@id": gallery, "name": view["title"], "url": self._absolute(view["url"]),
            "inLanguage": lang,
            "hasPart": [{"@id": self._absolute(p["url"]) + "#photo"} for p in view["photos"]],
        }
        return [event, gallery_data, self._breadcrumbs(lang, (view["title"], view["url"]))]

    # --- writing ----------------------------------------------------------

    def _view(self, exhibition, lang):
        """What templates show of an exhibition in one language."""
        languages = self.languages
        text = exhibition.texts[lang]
        photos = []
        for photo in exhibition.photos:
            url = exhibition.url(languages, lang, "photo", photo)
            photos.append({
                "id": photo.id, "number": photo.number, "url": url, "path": os.path.relpath(photo.source, self.path),
                "caption": photo.caption[lang], "alt": photo.alt[lang], "photographer": photo.photographer,
                "place": photo.place.get(lang, ""), "date": photo.date, "rights": photo.rights,
                "rights_label": rights_label(photo.rights),
                "date_display": _date_display(photo.date, languages.locale(lang)),
                "image": self.store.image_set(photo.source),
                "alternates": {code: exhibition.url(languages, code, "photo", photo) for code in exhibition.texts},
            })
        for before, photo, after in neighbours(photos):
            photo["previous"], photo["next"] = (
                {"url": p["url"], "label": p["caption"]} if p else None for p in (before, after))
        intro, _, details = (text.content or "").partition("<h2")
        view = {
            "key": exhibition.key, "title": text.title, "summary": text.summary,
            "intro": body_html(intro), "details": body_html("<h2" + details if details else ""),
            "text": text, "url": exhibition.url(languages, lang),
            "print_url": exhibition.url(languages, lang, "exhibition_print"),
            "venues": [
                {**venue, "name": _localised(venue.get("name"), lang),
                 "description": _localised(venue.get("description"), lang)}
                for venue in exhibition.venues
            ],
            "photos": photos,
        }
        view["jsonld"] = self._exhibition_jsonld(view, lang)
        for photo in photos:
            photo["jsonld"] = [
                self._photo_jsonld(view, photo, lang),
                self._breadcrumbs(lang, (view["title"], view["url"]), (photo["caption"], photo["url"])),
            ]
            photo["share_image"] = self.store.largest_jpeg(photo["image"])
        view["share_image"] = photos[0]["share_image"] if photos else None
        return view

    def generate_output(self, writer):
        languages = self.languages
        for exhibition in self.exhibitions:
            alternates = {lang: exhibition.url(languages, lang) for lang in exhibition.texts}
            prints = {lang: exhibition.url(languages, lang, "exhibition_print") for lang in exhibition.texts}
            for lang in exhibition.texts:
                view = self._view(exhibition, lang)
                common = dict(lang=lang, section="exhibitions", exhibition=view)
                write_page(self, writer, view["url"], "exhibition", alternates=alternates, **common)
                for photo in view["photos"]:
                    write_page(self, writer, photo["url"], "photo", alternates=photo["alternates"], photo=photo,
                               **common)
                qr_codes = QRCodes({photo["id"]: (absolute(self.settings, photo["url"]), photo["caption"])
                                    for photo in view["photos"]})
                if view["photos"]:
                    write_page(self, writer, view["print_url"], "exhibition_print", alternates=prints,
                               qr_codes=qr_codes, **common)


def get_generators(pelican):
    return ExhibitionsGenerator


def register():
    signals.get_generators.connect(get_generators)
