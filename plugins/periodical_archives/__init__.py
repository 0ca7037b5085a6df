"""Digitised periodicals, each a folder: ``PATH/ARCHIVES_PATH/<name>/``.

A folder holds the publication's presentation in each language
(``index.<lang>.md``) and its catalogue, one row per issue, in either of two
forms (one per folder): ``catalogue.csv``, as a spreadsheet saves it::

    volume,number,date,title,themes_fr,themes_es,pdf,cover,note_fr,note_es

or ``catalogue.yml``, the form the web editor writes (it cannot edit a
table): ``issues:``, a list of entries with the same names::

    issues:
      - {volume: 13, number: 1, date: 1991-04, pdf: pdf/solidarite-13-1.pdf}

(``date`` as YYYY, YYYY-MM or YYYY-MM-DD; ``pdf`` and ``cover`` relative to
the folder; ``cover`` and the notes optional; ``status: draft``, as for a
post, keeps a row off the site: an example to copy, an issue being
prepared; ``draft_rows(path)`` lists them for the status report). For each language this
generator writes a page per publication, its issues grouped by decade and
year, and a page per issue (cover, themes, the PDF with format, size and
page count read from the file, previous and next issue), with JSON-LD
``Periodical`` and ``PublicationIssue``.

A row with an unparseable date, a volume and number already used, or a PDF
that does not exist stops the build with a message naming the catalogue's line.

What it needs and gives: CONTRACT (site_core.contracts).
"""

import csv
import datetime
import io
import logging
import os
import re
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
    read_text,
    text_of,
)
from content_folders import describe_file, file_url, folder_file, is_placeholder, load_folders, publish_file, read_texts
from site_core.contracts import Contract
from site_core.dates import date_label
from site_core.html import body
from site_core.pages import neighbours, write_page
from site_core.urls import origin as site_origin

logger = logging.getLogger(__name__)
__all__ = ["CATALOGUES", "catalogue_of", "catalogue_rows", "draft_rows", "read_catalogue"]
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual", "responsive_images", "content_folders"),
    settings={"ARCHIVES_PATH": "archives", "ARCHIVE_FILES_URL": "documents/{publication}/"},
    paths=("publication", "publication_issue"),
    provides={"PUBLICATIONS": "[Publication] of ARCHIVES_PATH",
              "PUBLICATIONS_BY_LANG": "{lang: [view of each publication]} for the archives page"},
)
COLUMNS = ("volume", "number", "date", "title", "pdf")
CATALOGUES = ("catalogue.csv", "catalogue.yml")  # a spreadsheet's, the web editor's
ISSUE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]*$")  # a volume or a number goes into the issue's address


@dataclass
class Issue:
    line: int
    volume: str
    number: str
    date: datetime.date
    precision: int  # 1 year, 2 month, 3 day
    row: dict
    pdf: str
    size: int
    pages: int
    cover: str = ""

    @property
    def key(self):
        return f"{self.volume}-{self.number}"


@dataclass
class Publication:
    key: str
    folder: str
    texts: dict
    issues: list

    def render_fingerprint(self):  # see the render_cache plugin
        return [self.key, {code: [t.title, t.summary] for code, t in self.texts.items()},
                [[i.key, i.row, i.size] for i in self.issues]]


def catalogue_of(folder):
    """The catalogue file of a publication's folder (one of CATALOGUES); none, or both, is a ContentError."""
    found = [os.path.join(folder, name) for name in CATALOGUES if os.path.exists(os.path.join(folder, name))]
    if not found:
        raise ContentError("ce dossier n'a pas de catalogue des numéros.", path=os.path.join(folder, CATALOGUES[0]),
                           fix="créez catalogue.csv (un tableur) ou, dans l'éditeur web, le catalogue de cette "
                               "publication (voir le README).")
    if len(found) > 1:
        raise ContentError("ce dossier a deux catalogues, catalogue.csv et catalogue.yml : un seul est lu.",
                           path=found[1], fix="gardez celui que vous tenez à jour et supprimez l'autre.")
    return found[0]


def catalogue_rows(path):
    """(line, row) of each non-empty row of a catalogue (csv or yml), cells as stripped text."""
    return _yaml_rows(path) if path.endswith(".yml") else _csv_rows(path)


def _yaml_rows(path):
    data = load_yaml(path, "chaque numéro est une entrée de « issues: », par exemple "
                           "« - {volume: 13, number: 1, date: 1991-04, pdf: pdf/fichier.pdf} ».")
    if "issues" not in data:
        raise ContentError("il manque « issues: », la liste des numéros.", path=path, line=1,
                           fix="écrivez « issues: » puis un numéro par entrée (voir le README).")
    issues = expect(data["issues"] or [], list, path, line_of(data, "issues"), "« issues: »")
    for number, entry in enumerate(issues, 1):
        entry = expect(entry, dict, path, line_of(issues, number - 1), f"le numéro n° {number} de « issues: »")
        row = {str(key): text_of(value, path, line_of(entry, key), f"« {key}: »").strip()
               for key, value in entry.items()}
        yield line_of(entry), {**dict.fromkeys(COLUMNS, ""), **row}


def _csv_rows(path):
    """(line, row) of each non-empty row of a catalogue.csv, cells stripped.

    The file may come from a spreadsheet: UTF-8 or Windows-1252 (content_errors.read_text), with commas
    or, as French-language spreadsheets write it, semicolons between the columns."""
    text = read_text(path)
    first = text.split("\n", 1)[0]
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",")
                            else ",")
    try:
        names = [name.strip() for name in reader.fieldnames or []]
        missing = [c for c in COLUMNS if c not in names]
        if missing:
            raise ContentError(f"colonnes manquantes : {', '.join(missing)}.", path=path, line=1,
                               fix=f"la première ligne nomme les colonnes : {','.join(COLUMNS)},… (voir le README).")
        twice = sorted({name for name in names if names.count(name) > 1 and name})
        if twice:
            raise ContentError(f"la colonne « {twice[0]} » est nommée deux fois.", path=path, line=1,
                               fix="renommez ou supprimez l'une des deux colonnes.")
        reader.fieldnames = names
        for row in reader:
            if None in row:  # DictReader puts the cells beyond the last column there
                raise ContentError(f"cette ligne a {len(row[None])} case(s) de plus qu'il n'y a de colonnes.",
                                   path=path, line=reader.line_num,
                                   fix="mettez entre guillemets un texte qui contient une virgule (ou un "
                                       "point-virgule), ou retirez les cases de trop.")
            row = {k: (v or "").strip() for k, v in row.items()}
            if any(row.values()):
                yield reader.line_num, row
    except csv.Error as error:
        raise ContentError(f"ce tableau est illisible à cet endroit ({error}).", path=path, line=reader.line_num,
                           fix="vérifiez les guillemets de cette ligne (un guillemet ouvert doit être refermé).") \
            from None


ROW_STATUSES = ("", "published", "draft")


def _is_draft(path, line, row):
    status = row.get("status", "").lower()
    if status not in ROW_STATUSES:
        raise ContentError(f"« status: {row['status']} » n'est pas un état connu.", path=path, line=line,
                           fix="écrivez « status: draft » pour garder ce numéro hors du site, ou rien pour le publier.")
    return status == "draft"


def draft_rows(path):
    """(line, row) of each row of a catalogue kept off the site (``status: draft``)."""
    return [(line, row) for line, row in catalogue_rows(path) if _is_draft(path, line, row)]


def read_catalogue(path, folder):
    """The issues of one catalogue (csv or yml), in date order, drafts left out; bad rows raise ContentError
    naming their line."""
    issues, seen = [], {}
    for line, row in catalogue_rows(path):
        if _is_draft(path, line, row):
            continue
        date, precision = partial_date(row["date"], path, line)
        key = (row["volume"], row["number"])
        if key in seen:
            raise ContentError(f"vol. {key[0]}, no {key[1]} est déjà à la ligne {seen[key]}.", path=path, line=line,
                               fix="corrigez le volume ou le numéro de l'une des deux lignes.")
        seen[key] = line
        if not all(ISSUE_PART.match(part) for part in key):
            raise ContentError(f"le volume « {key[0]} » et le numéro « {key[1]} » doivent être des nombres (ou des "
                               "lettres sans accents et des chiffres).", path=path, line=line,
                               fix="par exemple : 13 et 1 (ou 13 et hors-serie).")
        pdf = check_publishable(folder_file(folder, row["pdf"], path, line, "le PDF"), path, line, only=(".pdf",))
        try:
            pages = describe_file(pdf)["pages"]
        except ContentError as error:
            raise ContentError(error.message, path=path, line=line, fix=error.fix) from None
        cover = folder_file(folder, row["cover"], path, line, "la couverture") if row.get("cover") else ""
        issues.append(Issue(line, row["volume"], row["number"], date, precision, row,
                            pdf, os.path.getsize(pdf), pages, cover))
    issues.sort(key=lambda i: (i.date, i.volume.zfill(4), i.number.zfill(4)))
    return issues


class ArchivesGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.store = responsive_images.store_for(self)
        self.publications = load_folders(self, "ARCHIVES_PATH", self._load, CATALOGUES)
        self.context["PUBLICATIONS"] = self.publications
        self.context["PUBLICATIONS_BY_LANG"] = {
            lang: [self.view(p, lang) for p in self.publications if lang in p.texts]
            for lang in self.languages.codes
        }

    def _load(self, name, folder):
        texts = read_texts(self, folder)
        catalogue = catalogue_of(folder)
        issues = read_catalogue(catalogue, folder)
        for issue in issues:
            if issue.cover:
                try:
                    self.store.image_set(issue.cover)
                except responsive_images.ImageError as error:
                    raise ContentError(error.message, path=catalogue, line=issue.line, fix=error.fix) from None
        publication = Publication(name, folder, texts, issues)
        files = self.files_url(publication)
        for lang, text in texts.items():
            url_registry.claim(self.context, self.languages.url(lang, "publication", slug=text.slug),
                               source=text.source_path)
            for issue in issues:
                url_registry.claim(self.context, self.issue_url(text, issue, lang), source=catalogue, line=issue.line,
                                   what=f"vol. {issue.volume}, no {issue.number}")
        for issue in issues:
            publish_file(self, issue.pdf, file_url(files, os.path.basename(issue.pdf)))
        return publication

    def files_url(self, publication):
        return self.settings["ARCHIVE_FILES_URL"].format(publication=publication.key)

    def issue_url(self, text, issue, lang):
        return self.languages.url(lang, "publication_issue", slug=text.slug, issue=issue.key)

    def _date_label(self, issue, lang):
        """"1991", "avril 1991" / "abril de 1991", or a full date, as the locale writes them."""
        return date_label(issue.date, issue.precision, self.languages.locale(lang))

    def view(self, publication, lang):
        text = publication.texts[lang]
        url = self.languages.url(lang, "publication", slug=text.slug)
        files = self.files_url(publication)
        issues = []
        for issue in publication.issues:
            row = issue.row
            issues.append({
                "key": issue.key, "volume": issue.volume, "number": issue.number,
                "url": self.issue_url(text, issue, lang),
                "date": partial_iso(issue.date, issue.precision),
                "date_label": self._date_label(issue, lang), "year": issue.date.year,
                "decade": issue.date.year // 10 * 10, "title": row.get("title", ""),
                "themes": row.get(f"themes_{lang}") or row.get(f"themes_{self.languages.default}", ""),
                "note": row.get(f"note_{lang}") or row.get(f"note_{self.languages.default}", ""),
                "pdf": {"url": file_url(files, os.path.basename(issue.pdf)), "size": issue.size, "pages": issue.pages,
                        "format": "PDF", "placeholder": is_placeholder(issue.pdf)},
                "cover": os.path.relpath(issue.cover, self.path) if issue.cover else None,
                "alternates": {code: self.languages.url(code, "publication_issue", slug=t.slug, issue=issue.key)
                               for code, t in publication.texts.items()},
            })
        for before, issue, after in neighbours(issues):
            issue["previous"], issue["next"] = (
                {"url": i["url"], "label": f"vol. {i['volume']}, no {i['number']}"} if i else None
                for i in (before, after))
        decades = {}
        for issue in issues:
            decades.setdefault(issue["decade"], {}).setdefault(issue["year"], []).append(issue)
        return {"key": publication.key, "title": text.title, "summary": text.summary, "content": body(text),
                "url": url, "issues": issues, "decades": sorted(decades.items()), "count": len(issues),
                "first_year": issues[0]["year"] if issues else None,
                "last_year": issues[-1]["year"] if issues else None, "files": files}

    def jsonld(self, view, lang, issue=None):
        origin = site_origin(self.settings)
        periodical = {"@type": "Periodical", "@id": f"{origin}/{view['url']}#periodical", "name": view["title"],
                      "url": f"{origin}/{view['url']}", "inLanguage": self.languages.default,
                      "publisher": {"@type": "Organization", "name": self.languages.site_name(lang)}}
        if issue is None:
            periodical["hasPart"] = [{"@id": f"{origin}/{i['url']}#issue"} for i in view["issues"]]
            return [periodical]
        return [{
            "@type": "PublicationIssue", "@id": f"{origin}/{issue['url']}#issue",
            "issueNumber": issue["number"], "datePublished": issue["date"], "name": issue["title"],
            "about": issue["themes"], "url": f"{origin}/{issue['url']}",
            "isPartOf": {"@type": ["PublicationVolume", "Periodical"], "volumeNumber": issue["volume"],
                         "name": view["title"], "url": f"{origin}/{view['url']}",
                         "@id": f"{origin}/{view['url']}#periodical"},
            "encoding": {"@type": "MediaObject", "contentUrl": f"{origin}/{issue['pdf']['url']}",
                         "encodingFormat": "application/pdf", "contentSize": f"{issue['pdf']['size']} B"},
        }]

    def generate_output(self, writer):
        for publication in self.publications:
            for lang in publication.texts:
                view = self.view(publication, lang)
                common = dict(lang=lang, section="archives", publication=view)
                write_page(
                    self, writer, view["url"], "publication", jsonld_graph=self.jsonld(view, lang),
                    alternates={code: self.languages.url(code, "publication", slug=t.slug)
                                for code, t in publication.texts.items()}, **common)
                for issue in view["issues"]:
                    write_page(
                        self, writer, issue["url"], "publication_issue", issue=issue,
                        jsonld_graph=self.jsonld(view, lang, issue),
                        alternates=issue["alternates"], **common)

def get_generators(pelican):
    return ArchivesGenerator


def register():
    signals.get_generators.connect(get_generators)
