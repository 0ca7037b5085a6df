"""Delegation reports, each a folder: ``PATH/DELEGATIONS_PATH/<name>/``.

A folder holds the report's text in each language (``index.<lang>.md``) and
``delegation.yml``: country (a tag key marked ``country:`` in the terms
file), start and end of the trip (YYYY, YYYY-MM or YYYY-MM-DD), number of
delegates and the unions they came from, co-organising partner,
organisations met, the full report (a PDF, whose size and page count are
read from the file), a photo gallery (entries as in exhibitions, through
the image pipeline), and the presentations given back home (date,
audience, body) with the total number of people reached.

For each language: a list of the reports, newest first, and a page per
report. Each report is also listed on its country's page (ABOUT_COUNTRIES).

Needs content_errors, responsive_images and exhibitions (listed before this
one in PLUGINS).
"""

import datetime
import logging
import os
import re
from dataclasses import dataclass

from babel.dates import format_date, format_skeleton
from pelican import signals
from pelican.generators import Generator

import responsive_images
from content_errors import ContentError, load_yaml
from content_folders import load_folders, describe_file, publish_file, read_texts
from exhibitions import read_photo

logger = logging.getLogger(__name__)
DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def parse_date(value, where, what):
    match = DATE.match(str(value or "").strip())
    try:
        year, month, day = match.groups()
        return datetime.date(int(year), int(month or 1), int(day or 1)), 1 + bool(month) + bool(day)
    except (AttributeError, ValueError):
        raise ContentError(f"{where}: {what} « {value} » n'est pas une date (AAAA, AAAA-MM ou AAAA-MM-JJ).")


def date_label(date, precision, locale):
    if precision == 3:
        return format_date(date, "long", locale=locale)
    return format_skeleton("y" if precision == 1 else "yMMMM", date, locale=locale)


@dataclass
class Delegation:
    key: str
    folder: str
    texts: dict
    data: dict
    start: tuple
    end: tuple
    photos: list
    report: dict

    def render_fingerprint(self):  # see the render_cache plugin
        return [self.key, {l: [t.title, t.summary] for l, t in self.texts.items()}, repr(self.data)]


class DelegationsGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.store = responsive_images.store_for(self)
        self.delegations = load_folders(self, "DELEGATIONS_PATH", "delegations", self._load)
        self.delegations.sort(key=lambda d: d.start[0], reverse=True)
        about = self.context.setdefault("ABOUT_COUNTRIES", [])
        for delegation in self.delegations:
            for lang, text in delegation.texts.items():
                about.append({"kind": "delegation", "lang": lang, "url": self.url(delegation, lang),
                              "title": text.title, "summary": text.summary, "date": delegation.start[0],
                              "countries": [str(delegation.data["country"])],
                              "source": os.path.relpath(os.path.join(delegation.folder, "delegation.yml"))})

    def _load(self, name, folder):
        data_path = os.path.join(folder, "delegation.yml")
        where = os.path.relpath(data_path)
        data = load_yaml(data_path)
        texts = read_texts(self, folder)
        if not data.get("country"):
            raise ContentError(f"{where}: il manque « country: » (la clé du pays dans content/terms.yml).")
        start = parse_date(data.get("start"), where, "le début")
        end = parse_date(data.get("end") or data.get("start"), where, "la fin")
        report = None
        if data.get("report"):
            source = os.path.normpath(os.path.join(folder, data["report"]))
            if not os.path.isfile(source):
                raise ContentError(f"{where}: le rapport {os.path.relpath(source)} est introuvable.")
            report = dict(describe_file(source), source=source)
        photos = [read_photo(entry, number, folder, where, texts, self.store)
                  for number, entry in enumerate(data.get("photos") or [], 1)]
        for number, item in enumerate(data.get("presentations") or [], 1):
            parse_date(item.get("date"), f"{where}: présentation n° {number}", "la date")
        return Delegation(name, folder, texts, data, start, end, photos, report)

    def url(self, delegation, lang):
        return self.languages.url(lang, "delegation", slug=delegation.texts[lang].slug)

    def files_url(self, delegation):
        return self.settings.get("DELEGATION_FILES_URL", "documents/{delegation}/").format(delegation=delegation.key)

    def view(self, delegation, lang):
        data, locale = delegation.data, self.languages.locale(lang)
        text = delegation.texts[lang]
        local = lambda value: value.get(lang) if isinstance(value, dict) else value  # noqa: E731
        presentations = []
        for item in data.get("presentations") or []:
            date, precision = parse_date(item["date"], "", "")
            presentations.append({"date": date.isoformat()[: {1: 4, 2: 7, 3: 10}[precision]],
                                  "date_label": date_label(date, precision, locale),
                                  "audience": local(item.get("audience")), "body": local(item.get("body"))})
        report = None
        if delegation.report:
            report = dict(delegation.report, url=self.files_url(delegation) + os.path.basename(
                delegation.report["source"]))
        return {
            "key": delegation.key, "title": text.title, "summary": text.summary, "content": text.content,
            "url": self.url(delegation, lang),
            "country": self.context["TERMS"].get("tag", str(data["country"]), lang),
            "dates": " – ".join(dict.fromkeys(date_label(d, p, locale) for d, p in (delegation.start, delegation.end))),
            "start": delegation.start[0].isoformat(), "delegates": data.get("delegates"),
            "unions": data.get("unions") or [], "partner": local(data.get("partner")),
            "met": local(data.get("met")) or [], "report": report, "presentations": presentations,
            "reached": data.get("reached"), "reached_label": local(data.get("reached_note")),
            "photos": [{"path": os.path.relpath(p.source, self.path), "caption": p.caption[lang], "alt": p.alt[lang],
                        "credit": p.photographer} for p in delegation.photos],
        }

    def generate_output(self, writer):
        lists = {lang: self.languages.url(lang, "delegations") for lang in self.languages.codes}
        for lang in self.languages.codes:
            views = [self.view(d, lang) for d in self.delegations if lang in d.texts]
            writer.write_file(lists[lang] + "index.html", self.get_template("delegations"), self.context,
                              relative_urls=False, lang=lang, url_path=lists[lang], section="delegations",
                              delegations=views, alternates=lists)
            for delegation, view in zip([d for d in self.delegations if lang in d.texts], views):
                writer.write_file(view["url"] + "index.html", self.get_template("delegation"), self.context,
                                  relative_urls=False, lang=lang, url_path=view["url"], section="delegations",
                                  delegation=view,
                                  alternates={l: self.url(delegation, l) for l in delegation.texts})
                if view["report"]:
                    publish_file(self, delegation.report["source"], view["report"]["url"])

def get_generators(pelican):
    return DelegationsGenerator


def register():
    signals.get_generators.connect(get_generators)
