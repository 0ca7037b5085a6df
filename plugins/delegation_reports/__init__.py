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

What it needs and gives: CONTRACT (site_core.contracts).
"""

import logging
import os
from dataclasses import dataclass

from pelican import signals
from pelican.generators import Generator

import responsive_images
import url_registry
from content_errors import (
    ContentError,
    check_publishable,
    expect,
    line_of,
    load_yaml,
    partial_date,
    partial_iso,
    text_of,
    texts_of,
    whole_number,
)
from content_folders import describe_file, file_url, folder_file, load_folders, publish_file, read_photo, read_texts
from multilingual import terms_of
from site_core.contracts import Contract
from site_core.dates import date_label
from site_core.html import body
from site_core.pages import write_page

logger = logging.getLogger(__name__)
DATA_FILE = "delegation.yml"  # beside the texts: the facts, the report and the photos
__all__ = ["DATA_FILE"]  # its name, for the status report
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual", "responsive_images", "content_folders"),
    settings={"DELEGATIONS_PATH": "delegations", "DELEGATION_FILES_URL": "documents/{delegation}/"},
    paths=("delegations", "delegation"),
    reads=("TERMS",),
    provides={"ABOUT_COUNTRIES": "(see exhibitions) each report, on its country's page"},
)


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
        return [self.key, {code: [t.title, t.summary] for code, t in self.texts.items()}, repr(self.data)]


class DelegationsGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.store = responsive_images.store_for(self)
        for lang in self.languages.codes:
            url_registry.claim(self.context, self.languages.url(lang, "delegations"), what="la liste des délégations")
        self.delegations = load_folders(self, "DELEGATIONS_PATH", self._load, (DATA_FILE,))
        self.delegations.sort(key=lambda d: d.start[0], reverse=True)
        about = self.context.setdefault("ABOUT_COUNTRIES", [])
        for delegation in self.delegations:
            for lang, text in delegation.texts.items():
                about.append({"kind": "delegation", "lang": lang, "url": self.url(delegation, lang),
                              "title": text.title, "summary": text.summary, "date": delegation.start[0],
                              "countries": [str(delegation.data["country"])],
                              "image": delegation.photos[0].source if delegation.photos else None,
                              "source": os.path.join(delegation.folder, DATA_FILE),
                              "line": line_of(delegation.data, "country")})

    def _load(self, name, folder):
        where = os.path.join(folder, DATA_FILE)
        data = load_yaml(where)
        texts = read_texts(self, folder)
        terms = terms_of(self)
        country = str(data.get("country") or "")
        if not country:
            raise ContentError("il manque « country: » (la clé du pays dans content/terms.yml).", path=where,
                               line=1, fix="ajoutez par exemple « country: colombie ».")
        if terms.find("tag", country) is None:
            raise terms.unknown("tag", country, self.languages.default, where, line_of(data, "country"))
        data["country"] = terms.find("tag", country)
        start = partial_date(data.get("start"), where, line_of(data, "start"), "le début")
        end = partial_date(data.get("end") or data.get("start"), where, line_of(data, "end"), "la fin")
        report = None
        if data.get("report"):
            named = folder_file(folder, data["report"], where, line_of(data, "report"), "le rapport")
            source = check_publishable(named, where, line_of(data, "report"), only=(".pdf",))
            report = dict(describe_file(source), source=source)
        langs = list(texts)
        for key, what in (("delegates", "le nombre de délégué·e·s"), ("reached", "le nombre de personnes rejointes")):
            data[key] = whole_number(data.get(key), where, line_of(data, key), what)
        unions = expect(data.get("unions"), list, where, line_of(data, "unions"), "« unions: »")
        data["unions"] = [text_of(union, where, line_of(unions, n), "un syndicat de « unions: »")
                          for n, union in enumerate(unions)]
        for key, what in (("partner", "« partner: »"), ("reached_note", "« reached_note: »")):
            data[key] = texts_of(data.get(key), langs, where, line_of(data, key), what)
        met = data.get("met")
        met = met if isinstance(met, dict) else dict.fromkeys(langs, met)
        data["met"] = {lang: [text_of(m, where, line_of(listed, n), "une organisation de « met: »")
                              for n, m in enumerate(listed)]
                       for lang in langs
                       for listed in [expect(met.get(lang), list, where, line_of(met, lang) or line_of(data, "met"),
                                             "« met: »")]}
        photos = [read_photo(entry, number, folder, where, texts, self.store)
                  for number, entry in enumerate(expect(data.get("photos"), list, where, line_of(data, "photos"),
                                                        "« photos: »"), 1)]
        presentations = expect(data.get("presentations"), list, where, line_of(data, "presentations"),
                               "« presentations: »")
        for number, item in enumerate(presentations, 1):
            item = expect(item, dict, where, line_of(data, "presentations"), f"la présentation n° {number}")
            partial_date(item.get("date"), where, line_of(item, "date"), f"la date de la présentation n° {number}")
            for key in ("audience", "body"):
                item[key] = texts_of(item.get(key), langs, where, line_of(item, key), f"la présentation n° {number}")
        delegation = Delegation(name, folder, texts, data, start, end, photos, report)
        for lang in texts:
            url_registry.claim(self.context, self.url(delegation, lang), source=texts[lang].source_path)
        if report:
            publish_file(self, source, self.report_url(delegation))
        return delegation

    def url(self, delegation, lang):
        return self.languages.url(lang, "delegation", slug=delegation.texts[lang].slug)

    def files_url(self, delegation):
        return self.settings["DELEGATION_FILES_URL"].format(delegation=delegation.key)

    def report_url(self, delegation):
        return file_url(self.files_url(delegation), os.path.basename(delegation.report["source"]))

    def view(self, delegation, lang):
        data, locale = delegation.data, self.languages.locale(lang)
        text = delegation.texts[lang]
        local = lambda value: value.get(lang) if isinstance(value, dict) else value  # noqa: E731
        presentations = []
        for item in data.get("presentations") or []:
            date, precision = partial_date(item["date"])
            presentations.append({"date": partial_iso(date, precision),
                                  "date_label": date_label(date, precision, locale),
                                  "audience": local(item.get("audience")), "body": local(item.get("body"))})
        report = None
        if delegation.report:
            report = dict(delegation.report, url=self.report_url(delegation))
        return {
            "key": delegation.key, "title": text.title, "summary": text.summary, "content": body(text),
            "url": self.url(delegation, lang),
            "country": terms_of(self).get("tag", str(data["country"]), lang),
            "dates": " – ".join(dict.fromkeys(date_label(d, p, locale) for d, p in (delegation.start, delegation.end))),
            "start": delegation.start[0].isoformat(), "delegates": data.get("delegates"),
            "unions": data.get("unions") or [], "partner": local(data.get("partner")),
            "met": data["met"].get(lang) or [], "report": report, "presentations": presentations,
            "reached": data.get("reached"), "reached_label": local(data.get("reached_note")),
            "photos": [{"path": os.path.relpath(p.source, self.path), "caption": p.caption[lang], "alt": p.alt[lang],
                        "credit": p.photographer} for p in delegation.photos],
        }

    def generate_output(self, writer):
        lists = {lang: self.languages.url(lang, "delegations") for lang in self.languages.codes}
        for lang in self.languages.codes:
            views = [self.view(d, lang) for d in self.delegations if lang in d.texts]
            write_page(self, writer, lists[lang], "delegations", lang=lang, section="delegations",
                       delegations=views, alternates=lists)
            for delegation, view in zip([d for d in self.delegations if lang in d.texts], views, strict=True):
                write_page(self, writer, view["url"], "delegation", lang=lang, section="delegations",
                           delegation=view, alternates={code: self.url(delegation, code) for code in delegation.texts})

def get_generators(pelican):
    return DelegationsGenerator


def register():
    signals.get_generators.connect(get_generators)
