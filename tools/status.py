"""`make status`: how much of the site is translated, and what is missing.

Reads every article and page with Pelican's readers and the site's settings
(the build's own Markdown reader, so that a file the build would refuse is
listed first, with its message), groups them by translation key as the
build does, and reports per section and language how many items exist,
then, each by its title and file (in the page, with a link to its form in the
web editor; a list longer than ten is folded):

* items without a counterpart in some language;
* images without a text alternative (Markdown ``![](…)`` or ``<img>`` without ``alt``);
* items without a summary (lists, feeds and sharing previews show it);
* posts without an image (shared with the site's card instead);
* drafts, and posts scheduled for a later date; rows of the periodicals'
  catalogues kept off the site (``status: draft``);
* what a kit's page leaves out until its kit.yml gives it (licence, time,
  month of publication), and its resources still to come (no file yet);
* folders of exhibitions, kits, delegations and periodicals that have their
  texts but not yet their data file (not published until they do);
* what is still a placeholder: the content's « [Espace réservé : …] » marks
  (line by line, in every text and data file), the placeholder files
  (``….placeholder.pdf``) data files still point to, and the fields of the
  organisation's details file (ORGANISATION_DETAILS_FILE: address, accounts,
  fees…) still empty.

Printed in the terminal (``report``), and as an HTML page (``html_report``)
that the dev server shows at /_statut/ and that is never published.
Exit status 0: all this is information, not errors.
"""

import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from html import escape

import yaml
from bs4 import BeautifulSoup
from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))
from content_errors import ContentError, load_yaml, read_text, show_paths_from, shown  # noqa: E402
from content_errors.markdown_reader import register as use_the_builds_reader  # noqa: E402
from content_folders import in_preparation  # noqa: E402
from delegation_reports import DATA_FILE as DELEGATION_FILE  # noqa: E402
from exhibitions import DATA_FILE as EXHIBITION_FILE  # noqa: E402
from multilingual.interface import compile_catalogue  # noqa: E402
from multilingual.languages import SiteLanguages, category_section  # noqa: E402
from multilingual.terms import Terms, TermsError  # noqa: E402
from multilingual.translations import (  # noqa: E402
    OWN_FIELDS,
    inherit_from_original,
    own_or_inherited,
    translation_groups,
)
from organisation_details import empty_fields, nothing_filled, read_details  # noqa: E402
from periodical_archives import CATALOGUES, catalogue_of, draft_rows  # noqa: E402
from scheduled_posts import build_time, waits  # noqa: E402
from site_core.contracts import with_defaults  # noqa: E402
from teaching_kits import DATA_FILE as KIT_FILE  # noqa: E402
from tools.placeholders import MARK as PLACEHOLDER_MARK  # noqa: E402

# The content's own mark for what is still to be written, in each language (content/pages/contact.fr.md).
PLACEHOLDER_TEXT = re.compile(r"\[(?:Espace réservé|Marcador de posición)\s*:\s*([^\]]*)\]")
# tools/placeholders.py makes these files; the real document, under another name, replaces each.
PLACEHOLDER_FILE = re.compile(r"[\w./-]*" + re.escape(PLACEHOLDER_MARK) + r"[A-Za-z0-9]+")
# The folder-based content types: (setting naming their folder, the data files one of which each needs).
FOLDER_KINDS = (("EXHIBITIONS_PATH", (EXHIBITION_FILE,)), ("KITS_PATH", (KIT_FILE,)),
                ("DELEGATIONS_PATH", (DELEGATION_FILE,)), ("ARCHIVES_PATH", CATALOGUES))
SECTION_LABELS = {  # msgids of the theme's navigation
    "news": "News", "delegations": "Delegations", "advocacy": "Advocacy", "pages": "Pages",
}


def read_all(settings, errors):
    """(kind, item) of every article and page; a file the build would refuse goes to `errors`."""
    use_the_builds_reader()
    readers = Readers(settings)
    context = {"generated_content": {}, "static_content": {}, "static_links": set(), "localsiteurl": ""}
    found = []
    for kind, paths, content_class in (
        ("article", settings["ARTICLE_PATHS"], Article),
        ("page", settings["PAGE_PATHS"], Page),
    ):
        for folder in paths:
            for root, _, files in os.walk(os.path.join(settings["PATH"], folder)):
                for name in sorted(files):
                    if not name.endswith(".md"):
                        continue
                    path = os.path.relpath(os.path.join(root, name), settings["PATH"])
                    try:
                        item = readers.read_file(settings["PATH"], path, content_class=content_class,
                                                 context=context)
                    except ContentError as error:
                        error.path = error.path or os.path.join(settings["PATH"], path)
                        errors.append(str(error))
                        continue
                    found.append((kind, item))
    return found


def section_of(kind, item, terms, languages, errors):
    """The item's section; a category or tag the build would refuse goes to `errors` (once, on the
    file that writes it)."""
    if kind == "page":
        return "pages"
    if terms is None:  # the terms file is broken (listed among the errors)
        return "news"
    key = None
    written = own_or_inherited(item, "category") or terms.default_category
    try:
        key = terms.resolve("category", written, item).key
    except TermsError as error:
        if "category" in item.metadata:
            errors.append(str(error))
    for tag in item.metadata.get("tags") or []:
        try:
            terms.resolve("tag", tag, item)
        except TermsError as error:
            errors.append(str(error))
    return category_section(languages, key)


def images_of(item):
    """The <img> elements of an item's text as the reader made it (Markdown images included)."""
    return BeautifulSoup(item.content or "", "html.parser").find_all("img")


@dataclass(frozen=True)
class Entry:
    """One thing to look at: the item's title, its file, and what is wrong there (if it needs saying)."""
    title: str
    path: str
    detail: str = ""

    def line(self):
        return f"{self.title} — {self.path}" + (f" : {self.detail}" if self.detail else "")


@dataclass
class Status:
    """What make status reports: counts per section and language, and what to look at."""
    languages: list
    errors: list = field(default_factory=list)  # what stops the build, as its message says it
    counts: dict = field(default_factory=lambda: defaultdict(Counter))  # section label -> {lang: n}
    untranslated: list = field(default_factory=list)  # (lang, Entry)
    no_alt: list = field(default_factory=list)  # Entry, the image as detail
    no_summary: list = field(default_factory=list)  # Entry
    no_image: list = field(default_factory=list)  # Entry
    drafts: list = field(default_factory=list)  # Entry
    scheduled: list = field(default_factory=list)  # (date, Entry)
    unpublished_rows: list = field(default_factory=list)  # Entry: a catalogue row kept off the site
    to_confirm: list = field(default_factory=list)  # Entry: a fact a page leaves out until it is given
    in_preparation: list = field(default_factory=list)  # Entry: the folder, what it lacks as detail
    placeholder_texts: list = field(default_factory=list)  # Entry, the line and the mark as detail
    placeholder_files: list = field(default_factory=list)  # Entry, the line and the file as detail
    empty_details: list = field(default_factory=list)  # Entry: the field, its line as detail

    def sections(self):
        """(section label, [count per language]) in the menu's order."""
        return [(label, [self.counts[label][code] for code in self.languages]) for label in self.counts]

    def groups(self):
        """(heading, [(prefix, Entry or message)]) for each kind of thing to look at."""
        return [
            ("À corriger : la construction s'arrête sur ces fichiers", [("", error) for error in self.errors]),
            ("Sans traduction", [(f"manque en « {lang} » : ", entry) for lang, entry in self.untranslated]),
            ("Images sans texte alternatif", [("", entry) for entry in self.no_alt]),
            ("Sans résumé (summary:)", [("", entry) for entry in self.no_summary]),
            ("Nouvelles sans image (partagées avec l'image du site)", [("", entry) for entry in self.no_image]),
            ("Brouillons (status: draft)", [("", entry) for entry in self.drafts]),
            ("Programmées", [(f"{date} : ", entry) for date, entry in self.scheduled]),
            ("Numéros d'archives gardés hors du site (status: draft)",
             [("", entry) for entry in self.unpublished_rows]),
            ("À confirmer : les pages n'en disent rien tant que ce n'est pas écrit",
             [("", entry) for entry in self.to_confirm]),
            ("Pas encore publiés : il leur manque leur fichier de données",
             [("", entry) for entry in self.in_preparation]),
            ("Espaces réservés encore dans les textes", [("", entry) for entry in self.placeholder_texts]),
            ("Documents provisoires encore publiés (à remplacer par les vrais)",
             [("", entry) for entry in self.placeholder_files]),
            ("Coordonnées encore vides", [("", entry) for entry in self.empty_details]),
        ]

    def problems(self):
        """(heading, [lines]) for each kind of thing to look at, as the terminal shows them."""
        return [(heading, [prefix + (entry.line() if isinstance(entry, Entry) else entry) for prefix, entry in found])
                for heading, found in self.groups()]


def still_placeholders(content, titles, status):
    """Every placeholder mark and placeholder file named in the content's text and data files, by line."""
    for root, folders, names in os.walk(content):
        folders.sort()
        for name in sorted(names):
            if not name.endswith((".md", ".yml", ".csv")):
                continue
            path = os.path.join(root, name)
            title = titles.get(os.path.abspath(path)) or os.path.relpath(root, content)
            try:
                lines = read_text(path).splitlines()
            except (OSError, ContentError):
                continue  # the build names a file it cannot read
            for number, line in enumerate(lines, 1):
                status.placeholder_texts += [Entry(title, shown(path), f"ligne {number} : {mark.group(1).strip()}")
                                             for mark in PLACEHOLDER_TEXT.finditer(line)]
                if name.endswith((".yml", ".csv")):
                    status.placeholder_files += [Entry(title, shown(path), f"ligne {number} : {named}")
                                                 for named in PLACEHOLDER_FILE.findall(line)]


def folders_in_preparation(settings):
    """An Entry for each folder of a folder-based type that has its texts but no data file yet."""
    readers, found = Readers(settings), []
    for setting, data_files in FOLDER_KINDS:
        root = os.path.join(settings["PATH"], settings[setting])
        for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
            folder = os.path.join(root, name)
            if os.path.isdir(folder) and in_preparation(folder, data_files):
                found.append(Entry(text_title(readers, settings, folder) or name, shown(folder) + "/",
                                   f"il lui manque {' ou '.join(data_files)} ; dans l'éditeur, son dossier : {name}"))
    return found


# What a kit's page leaves out until kit.yml gives it (the organisation has not said it yet).
KIT_FACTS = {"licence": "la licence", "time_minutes": "la durée", "published": "le mois de parution"}


def kit_facts_to_confirm(settings):
    """An Entry for each fact a kit does not give yet, and for each of its resources with no file."""
    readers, found = Readers(settings), []
    root = os.path.join(settings["PATH"], settings["KITS_PATH"])
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        path = os.path.join(root, name, KIT_FILE)
        try:
            data = load_yaml(path, required=False)
        except ContentError:
            continue  # the build names a file it cannot read
        if not isinstance(data, dict):
            continue
        title = text_title(readers, settings, os.path.join(root, name)) or name
        found += [Entry(title, shown(path), f"{what} à confirmer (la page n'en montre aucune)")
                  for key, what in KIT_FACTS.items() if not str(data.get(key) or "").strip()]
        for resource in data.get("resources") or []:
            if isinstance(resource, dict) and not resource.get("files"):
                found.append(Entry(title, shown(path), f"« {resource.get('id', '?')} » à paraître : aucun fichier"))
    return found


def unpublished_catalogue_rows(settings):
    """An Entry for each row of a periodical's catalogue kept off the site (``status: draft``)."""
    found = []
    root = os.path.join(settings["PATH"], settings["ARCHIVES_PATH"])
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        try:
            path = catalogue_of(os.path.join(root, name))
            rows = draft_rows(path)
        except ContentError:
            continue  # the build names a catalogue it cannot read
        found += [Entry(name, shown(path), f"ligne {line} : vol. {row.get('volume')}, no {row.get('number')}")
                  for line, row in rows]
    return found


def text_title(readers, settings, folder):
    """The title of a folder's text in the site's first language, as the build reads it, or None."""
    path = os.path.join(folder, f"index.{settings['DEFAULT_LANG']}.md")
    try:
        item = readers.read_file(settings["PATH"], os.path.relpath(path, settings["PATH"]), content_class=Page,
                                 context={"generated_content": {}, "static_content": {}, "static_links": set()})
    except (ContentError, OSError):
        return None  # the build names a text it cannot read
    return str(item.metadata.get("title") or "") or None


def empty_details(settings, languages, errors):
    """An Entry for each field of the organisation's details file still empty (shown nowhere on the
    site; an account without its address links the contact page instead); a file the build would
    refuse goes to `errors`."""
    name = settings.get("ORGANISATION_DETAILS_FILE")
    if not name:
        return []
    path = os.path.join(settings["PATH"], name)
    try:
        details = read_details(path, languages.codes)
    except ContentError as error:
        errors.append(str(error))
        details = nothing_filled(path)
    return [Entry(what[0].upper() + what[1:], shown(path), f"ligne {line} : encore vide" if line else "encore vide")
            for what, line in empty_fields(details, languages.codes)]


def collect(settings_file="pelicanconf.py", content=None, now=None):
    """Read every text as the build would, and gather the report."""
    override = {"PATH": os.path.abspath(content)} if content else None
    settings = with_defaults(read_settings(settings_file, override=override))
    show_paths_from(os.path.dirname(settings["PATH"]))
    languages = SiteLanguages(settings)
    status = Status(languages.codes)
    try:
        terms = Terms(os.path.join(settings["PATH"], settings["TERMS_FILE"]), languages, settings)
    except ContentError as error:
        status.errors.append(str(error))
        terms = None
    french = compile_catalogue(settings["THEME"], languages.default)
    now = now or build_time(settings)
    items = read_all(settings, status.errors)
    kinds = {id(item): kind for kind, item in items}
    for section in SECTION_LABELS.values():  # the table's rows, in the menu's order
        status.counts[french.gettext(section)]
    for group in translation_groups([item for _, item in items]):
        have = {item.lang for item in group}
        inherit_from_original(group, languages, OWN_FIELDS)
        for item in group:
            path = shown(item.source_path)
            entry = Entry(str(item.metadata.get("title") or os.path.basename(path)), path)
            kind = kinds[id(item)]
            section = french.gettext(SECTION_LABELS[section_of(kind, item, terms, languages, status.errors)])
            status.counts[section][item.lang] += 1
            images = images_of(item)
            status.no_alt += [Entry(entry.title, path, image.get("src", "")) for image in images
                              if not image.get("alt", "").strip()]
            if not str(item.metadata.get("summary") or "").strip():
                status.no_summary.append(entry)
            if kind == "article" and not images:
                status.no_image.append(entry)
            if item.metadata.get("status") == "draft":
                status.drafts.append(entry)
            elif kind == "article" and waits(item, now):
                status.scheduled.append((item.date.date().isoformat(), entry))
        for lang in languages.codes:
            if lang not in have:
                status.untranslated.extend((lang, Entry(str(item.metadata.get("title") or ""), shown(item.source_path)))
                                           for item in group)
    titles = {os.path.abspath(item.source_path): str(item.metadata.get("title") or "") for _, item in items}
    still_placeholders(settings["PATH"], titles, status)
    status.in_preparation = folders_in_preparation(settings)
    status.to_confirm = kit_facts_to_confirm(settings)
    status.unpublished_rows = unpublished_catalogue_rows(settings)
    status.empty_details = empty_details(settings, languages, status.errors)
    status.counts = {label: counts for label, counts in status.counts.items() if sum(counts.values())}
    status.errors.sort()
    for name in ("no_alt", "no_summary", "no_image", "drafts"):
        getattr(status, name).sort(key=lambda entry: (entry.path, entry.detail))
    for name in ("untranslated", "scheduled"):
        getattr(status, name).sort(key=lambda pair: (pair[1].path, pair[0]))
    return status


SHOWN_IN_FULL = 10  # a longer list is folded: its first lines in the terminal, a <details> in the page


def report(settings_file="pelicanconf.py", content=None, out=sys.stdout):
    """The report, printed for a terminal."""
    status = collect(settings_file, content)
    print(f"Couverture des traductions ({', '.join(status.languages)})\n", file=out)
    print(f"{'Section':<16}" + "".join(f"{code:>6}" for code in status.languages), file=out)
    for label, counts in status.sections():
        print(f"{label:<16}" + "".join(f"{n:>6}" for n in counts), file=out)
    for heading, lines in status.problems():
        print(f"\n{heading} ({len(lines)})" + (" :" if lines else " : aucun"), file=out)
        for line in lines[:SHOWN_IN_FULL]:
            print("  " + line.replace("\n", "\n  "), file=out)
        if len(lines) > SHOWN_IN_FULL:
            print(f"  … et {len(lines) - SHOWN_IN_FULL} autres (la liste entière : make devserver, puis la page "
                  "/_statut/)", file=out)


def editor_collections(output):
    """The web editor's collections as the last build wrote them (OUTPUT/admin/config.yml), or []."""
    path = os.path.join(output, "admin", "config.yml") if output else None
    if not path or not os.path.isfile(path):
        return []
    with open(path, encoding="utf-8") as config:
        return (yaml.safe_load(config) or {}).get("collections", [])


def editor_link(path, collections):
    """The address of an item's form in the web editor (`path`: "content/news/x.fr.md"), or None; for a
    folder still without its data file ("content/delegations/x/"), the form that creates it."""
    if path.endswith("/"):
        parent = os.path.dirname(path.rstrip("/"))
        for collection in collections:
            if "meta" in collection and collection.get("folder", "").strip("/") == parent:
                return f"/admin/#/collections/{collection['name']}/new"
        return None
    for collection in collections:
        for single in collection.get("files") or []:  # a form per file (a kit's kit.yml, its quiz.yml)
            if single.get("file") == path:
                return f"/admin/#/collections/{collection['name']}/entries/{single['name']}"
        if "folder" not in collection:
            continue
        folder = collection["folder"].strip("/") + "/"
        if not path.startswith(folder) or not path.endswith("." + collection.get("extension", "md")):
            continue
        entry = path[len(folder):].rsplit(".", 1)[0]
        if collection.get("i18n"):  # one file per language, "<entry>.<lang>"
            entry = entry.rsplit(".", 1)[0]
        # The entry's file as the collection names it ("{{slug}}/kit": a kit's kit.yml, not its quiz.yml).
        # A nested collection's entry is its folder's file of that name (a delegation's delegation.yml).
        index_file = (collection.get("meta") or {}).get("path", {}).get("index_file")
        pattern = "{{slug}}/" + index_file if index_file else collection.get("path", "{{slug}}")
        shape = re.escape(pattern).replace(re.escape("{{slug}}"), "[^/]+")
        if re.fullmatch(shape, entry):
            return f"/admin/#/collections/{collection['name']}/entries/{entry}"
    return None


def html_report(status, output=None):
    """The same report as a small HTML page (for the dev server only): each item by its title, with
    a link to its form in the web editor when the last build in `output` has one."""
    collections = editor_collections(output)
    head = "".join(f"<th scope=\"col\">{escape(code)}</th>" for code in status.languages)
    rows = "".join(f"<tr><th scope=\"row\">{escape(label)}</th>" + "".join(f"<td>{n}</td>" for n in counts) + "</tr>"
                   for label, counts in status.sections())
    parts = [f"<table><caption>Couverture des traductions</caption><thead><tr><th scope=\"col\">Section</th>{head}"
             f"</tr></thead><tbody>{rows}</tbody></table>"]
    for heading, found in status.groups():
        items = []
        for prefix, entry in found:
            if not isinstance(entry, Entry):
                items.append(f"<li><code>{escape(entry)}</code></li>")
                continue
            link = editor_link(entry.path, collections)
            title = f"<a href=\"{escape(link)}\">{escape(entry.title)}</a>" if link else escape(entry.title)
            detail = f" : <code>{escape(entry.detail)}</code>" if entry.detail else ""
            items.append(f"<li>{escape(prefix)}{title} <small><code>{escape(entry.path)}</code></small>{detail}</li>")
        listing = f"<ul>{''.join(items)}</ul>" if items else "<p>Aucun.</p>"
        if len(items) > SHOWN_IN_FULL:
            listing = f"<details><summary>Afficher les {len(items)}</summary>{listing}</details>"
        parts.append(f"<h2>{escape(heading)} ({len(found)})</h2>{listing}")
    return ("<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
            "content=\"width=device-width, initial-scale=1\"><title>État du site</title>"
            "<link rel=\"stylesheet\" href=\"/theme/css/site.css\"></head><body><main class=\"wrap\">"
            "<h1>État du site (page locale, jamais publiée)</h1>"
            + ("<p><a href=\"/admin/\">Ouvrir l'éditeur du site</a></p>" if collections else "")
            + "".join(parts) + "</main></body></html>")


def main(argv):
    """`make status`."""
    content = argv[0] if argv else None
    if content and not os.path.isdir(content):
        print(f"Erreur : le dossier {content} n'existe pas. Exemple : make status (le dossier content/ du site).",
              file=sys.stderr)
        sys.exit(2)
    report(content=content)


if __name__ == "__main__":
    main(sys.argv[1:])
