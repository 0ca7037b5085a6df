"""Teaching kits, each a folder: ``PATH/KITS_PATH/<name>/``.

A folder holds the kit's description in each language (``index.<lang>.md``),
``kit.yml`` (audience, age, subjects, time, licence, cover, and its
resources: kind, title and description in each language, and a file per
language it exists in; licence, time and publication month are optional,
shown only once the organisation has given them, and a resource with no
file yet is shown as still to come) and, optionally, ``quiz.yml`` (questions, choices,
correct answers, explanations in each language).

For each language this generator writes a page per kit (resources with
format, size, page count and language read from the real files, a ZIP
bundle per language of every resource in that language, next to the files
under KIT_FILES_URL, how to cite, licence, JSON-LD
``LearningResource``), the quiz (a form that works without JavaScript and
is enhanced by theme/static/js/quiz.js) with a separate answer key, and
catalogue filter pages (one per audience, subject, format and language
value) that the kits section page links to.

Bundles are deterministic (sorted entries, fixed timestamps and modes) and
cached by the SHA-256 of their files: rebuilt only when a resource changes,
byte-identical otherwise.

A listed file that does not exist, a licence outside KIT_LICENCES, a kind
outside KIT_KINDS (both settings, so that the web editor's pick lists offer
exactly what the build accepts), a question with no correct answer,
a correct answer not among the choices, or a language missing in a
question stops the build with a message naming the file and the entry.

What it needs and gives: CONTRACT (site_core.contracts).
"""

import hashlib
import logging
import os
import zipfile
from dataclasses import dataclass, field

from pelican import signals
from pelican.generators import Generator
from pelican.utils import slugify

import responsive_images
import url_registry
from content_errors import (
    ContentError,
    check_publishable,
    expect,
    line_of,
    load_yaml,
    localised,
    text_of,
    texts_of,
    whole_number,
)
from content_folders import (
    describe_file,
    file_url,
    folder_file,
    load_folders,
    publish_file,
    published_bytes,
    read_texts,
)
from multilingual import terms_of
from site_core.contracts import Contract
from site_core.files import atomic_path, link_or_copy, remove_leftovers
from site_core.html import body
from site_core.pages import write_page
from site_core.urls import absolute

logger = logging.getLogger(__name__)
__all__ = ["DATA_FILE"]  # its name, for the status report

DEFAULT_LICENCES = (
    "https://creativecommons.org/licenses/by/4.0/",
    "https://creativecommons.org/licenses/by-sa/4.0/",
    "https://creativecommons.org/licenses/by-nc/4.0/",
    "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "https://creativecommons.org/licenses/by-nd/4.0/",
    "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    "https://creativecommons.org/publicdomain/zero/1.0/",
)
KINDS = ("comic", "teacher-guide", "brochure", "fact-sheet", "quiz", "slides")
FACETS = ("audience", "subject", "format", "language")  # what the catalogue filters by, in its order
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # ZIP's earliest date: same bytes on every build
DATA_FILE = "kit.yml"  # beside the texts: the cover, the audience, the resources (quiz.yml: the quiz)
CONTRACT = Contract(
    needs=("site_core", "content_errors", "url_registry", "multilingual", "responsive_images", "content_folders"),
    settings={"KITS_PATH": "kits", "KIT_FILES_URL": "documents/{kit}/", "KIT_LICENCES": DEFAULT_LICENCES,
              "KIT_KINDS": KINDS},
    paths=("kit", "quiz", "quiz_key", "kit_filter"),
    reads=("TERMS",),
    provides={"KITS": "[Kit] of KITS_PATH",
              "KITS_BY_LANG": "{lang: [view of each kit]} for the kits page and its filters",
              "KIT_FACETS": "{lang: {facet: {value: label}}}: every filter value of the kits in that language"},
)


class KitError(ContentError):
    pass


@dataclass
class Download:
    lang: str
    source: str
    name: str
    size: int
    pages: int
    format: str
    placeholder: bool = False  # a stand-in for the real document (content_folders.is_placeholder)


@dataclass
class Resource:
    id: str
    kind: str
    title: dict
    description: dict
    downloads: dict  # lang -> Download


@dataclass
class Kit:
    key: str
    folder: str
    texts: dict
    data: dict
    resources: list
    quiz: list = field(default_factory=list)
    quiz_title: dict = field(default_factory=dict)

    def render_fingerprint(self):  # see the render_cache plugin
        return [self.key, {code: [t.title, t.summary, t.slug] for code, t in self.texts.items()},
                repr(self.data.get("subjects")), [[d.source, d.size] for r in self.resources
                                                  for d in r.downloads.values()]]


def read_download(source, lang):
    """Size, format and page count read from the file itself."""
    facts = describe_file(source)
    return Download(lang, source, os.path.basename(source), facts["size"], facts["pages"], facts["format"],
                    facts["placeholder"])


def facet_values(views):
    """{facet: {value: label}} of every value the kits' views have, for the catalogue's filters."""
    found = {facet: {} for facet in FACETS}
    for view in views:
        for facet, values in view["facets"].items():
            found[facet].update(values)
    return found


def build_bundle(target, downloads, kit_key):
    """A ZIP whose bytes depend only on the files' names and published contents (images without
    their metadata), written under a temporary name and renamed."""
    with atomic_path(target) as temporary, zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for download in sorted(downloads, key=lambda d: d.name):
            info = zipfile.ZipInfo(f"{kit_key}/{download.name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, published_bytes(download.source))


class KitsGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.terms = terms_of(self)
        self.licences = self.settings["KIT_LICENCES"]
        self.store = responsive_images.store_for(self)
        self.kits = load_folders(self, "KITS_PATH", self._load, (DATA_FILE,))
        self.context["KITS"] = self.kits
        self._claim_filters()
        self.views = {(kit.key, lang): self.view(kit, lang) for kit in self.kits for lang in kit.texts}
        self.context["KITS_BY_LANG"] = {
            lang: [self.views[(k.key, lang)] for k in self.kits if (k.key, lang) in self.views]
            for lang in self.languages.codes
        }
        self.context["KIT_FACETS"] = {lang: facet_values(views) for lang, views in self.context["KITS_BY_LANG"].items()}

    def _load(self, name, folder):
        where = os.path.join(folder, DATA_FILE)
        data = load_yaml(where)
        texts = read_texts(self, folder)
        # No licence until the organisation gives one: the page shows none (make status lists it).
        licence = text_of(data.get("licence"), where, line_of(data, "licence"), "« licence: »").strip()
        if licence and licence not in self.licences:
            raise KitError(f"la licence « {licence} » n'est pas dans la liste connue.", path=where,
                           line=line_of(data, "licence"), fix=f"écrivez l'une de : {', '.join(self.licences)}, "
                                                              "ou rien tant qu'elle n'est pas décidée.")
        data["licence"] = licence
        subjects = expect(data.get("subjects"), list, where, line_of(data, "subjects"), "« subjects: »")
        for number, subject in enumerate(subjects):
            if self.terms.find("subject", subject) is None:
                raise self.terms.unknown("subject", subject, self.languages.default, where, line_of(subjects, number))
        data["subjects"] = [self.terms.find("subject", subject) for subject in data.get("subjects") or []]
        langs = list(texts)
        for key, what in (("audience", "« audience: »"), ("cover_alt", "« cover_alt: »")):
            data[key] = texts_of(data.get(key), langs, where, line_of(data, key), what)
        for key, what in (("age_min", "l'âge minimum"), ("time_minutes", "la durée")):
            data[key] = whole_number(data.get(key), where, line_of(data, key), what)
        data["published"] = text_of(data.get("published"), where, line_of(data, "published"), "« published: »")
        if data.get("cover"):
            cover = folder_file(folder, data["cover"], where, line_of(data, "cover"), "la couverture")
            try:
                self.store.image_set(cover)
            except responsive_images.ImageError as error:
                raise KitError(error.message, path=where, line=line_of(data, "cover"), fix=error.fix) from None
        entries = expect(data.get("resources"), list, where, line_of(data, "resources"), "« resources: »")
        resources = [self._resource(entry, number, folder, where, texts) for number, entry in enumerate(entries, 1)]
        if not resources:
            raise KitError("aucune ressource dans « resources: ».", path=where, line=line_of(data, "resources"),
                           fix="ajoutez au moins une ressource (id, kind, title, description, files).")
        kit = Kit(name, folder, texts, data, resources)
        quiz_path = os.path.join(folder, "quiz.yml")
        quiz = load_yaml(quiz_path, required=False)
        if quiz is not None:
            if not quiz:
                raise KitError("ce quiz est vide.", path=quiz_path, line=1,
                               fix="ajoutez « title: » et « questions: » (voir un autre quiz.yml), ou supprimez "
                                   "le fichier tant que le quiz n'est pas prêt.")
            kit.quiz = self._quiz(quiz, quiz_path, texts)
            kit.quiz_title = localised(quiz.get("title"), langs, quiz_path, line_of(quiz, "title"), "le titre du quiz")
        self._claim(kit, where)
        return kit

    def _claim(self, kit, where):
        """Its pages, its files and its bundles, in the URL registry (and queued for publishing)."""
        for lang, text in kit.texts.items():
            url_registry.claim(self.context, self.kit_url(kit, lang), source=text.source_path)
            if kit.quiz:
                url_registry.claim(self.context, self.kit_url(kit, lang, "quiz"), source=where, what="le quiz")
                url_registry.claim(self.context, self.kit_url(kit, lang, "quiz_key"), source=where,
                                   what="le corrigé du quiz")
        files = self.files_url(kit)
        for resource in kit.resources:
            for download in resource.downloads.values():
                publish_file(self, download.source, file_url(files, download.name))
        for lang in self.bundle_languages(kit):
            url_registry.claim(self.context, self.bundle_url(kit, lang), source=where,
                               what=f"la trousse complète en ZIP ({lang})")

    def _claim_filters(self):
        for lang in self.languages.codes:
            for kit in self.kits:
                if lang in kit.texts:
                    for facet, found in self.facets(kit, lang).items():
                        for value in found:  # a filter page is shared by the kits it lists: no source of its own
                            try:
                                url_registry.claim(self.context, self.url(lang, "kit_filter", facet=facet, value=value),
                                                   what="une page de filtre des trousses")
                            except ContentError as error:  # an address too long: say which kit's value makes it
                                error.path, error.line = os.path.join(kit.folder, DATA_FILE), line_of(kit.data, facet)
                                raise

    def _resource(self, entry, number, folder, where, texts):
        entry = expect(entry, dict, where, None, f"la ressource n° {number}")
        label = f"la ressource n° {number} ({entry.get('id', '?')})"
        line = line_of(entry)
        kinds = self.settings["KIT_KINDS"]
        if entry.get("kind") not in kinds:
            raise KitError(f"{label} : « kind: {entry.get('kind')} » n'est pas un genre connu.", path=where,
                           line=line_of(entry, "kind"), fix=f"écrivez l'un de : {', '.join(kinds)}.")
        # A resource without files is still to come: shown as such, with nothing to download.
        files = expect(entry.get("files"), dict, where, line_of(entry, "files"), f"« files: » de {label}")
        downloads = {}
        for lang, file in files.items():
            if lang not in self.languages.codes:
                raise KitError(f"{label} : la langue « {lang} » n'existe pas sur le site.", path=where,
                               line=line_of(entry, "files"),
                               fix=f"écrivez l'une de : {', '.join(self.languages.codes)}.")
            source = folder_file(folder, text_of(file, where, line_of(entry, "files"), f"le fichier de {label}"),
                                 where, line_of(entry, "files"), f"le fichier de {label}")
            downloads[lang] = read_download(check_publishable(source, where, line_of(entry, "files")), lang)
        title = localised(entry.get("title"), list(texts), where, line_of(entry, "title"), f"le titre de {label}")
        description = localised(entry.get("description"), list(texts), where, line_of(entry, "description"),
                                f"la description de {label}")
        resource_id = text_of(entry.get("id"), where, line_of(entry, "id"), "« id: »").strip()
        if not resource_id:
            raise KitError(f"la ressource n° {number} n'a pas d'« id: ».", path=where, line=line,
                           fix="ajoutez « id: un-nom-court ».")
        return Resource(resource_id, entry["kind"], title, description, downloads)

    def _quiz(self, quiz, where, texts):
        questions = []
        entries = expect(quiz.get("questions"), list, where, line_of(quiz, "questions"), "« questions: »")
        for number, item in enumerate(entries, 1):
            label = f"la question n° {number}"
            item = expect(item, dict, where, line_of(quiz, "questions"), label)
            choices = expect(item.get("choices"), list, where, line_of(item, "choices"), f"« choices: » de {label}")
            correct = item.get("correct") or []
            correct = correct if isinstance(correct, list) else [correct]
            if not correct:
                raise KitError(f"{label} n'a aucune bonne réponse.", path=where, line=line_of(item),
                               fix="ajoutez « correct: [numéro du bon choix] ».")
            if any(not isinstance(c, int) or isinstance(c, bool) or not 1 <= c <= len(choices) for c in correct):
                raise KitError(f"{label} : la bonne réponse {correct} n'est pas parmi les choix 1 à {len(choices)}.",
                               path=where, line=line_of(item, "correct"),
                               fix="écrivez le numéro du bon choix (1 pour le premier).")
            langs = list(texts)
            question_text = localised(item.get("question"), langs, where, line_of(item, "question"),
                                      f"{label} : la question")
            explanation = localised(item.get("explanation"), langs, where, line_of(item, "explanation"),
                                    f"{label} : l'explication")
            choices = [localised(choice, langs, where, line_of(choice) or line_of(item, "choices"),
                                 f"{label} : le choix {n}") for n, choice in enumerate(choices, 1)]
            questions.append({"number": number, "question": question_text, "choices": choices,
                              "correct": sorted(correct), "explanation": explanation,
                              "multiple": len(correct) > 1})
        return questions

    # --- views ------------------------------------------------------------

    def url(self, lang, key, **fields):
        return self.languages.url(lang, key, **fields)

    def kit_url(self, kit, lang, key="kit"):
        return self.url(lang, key, slug=kit.texts[lang].slug)

    def files_url(self, kit):
        return self.settings["KIT_FILES_URL"].format(kit=kit.key)

    def bundle_languages(self, kit):
        return [code for code in self.languages.codes if any(code in r.downloads for r in kit.resources)]

    def bundle_url(self, kit, lang):
        return f"{self.files_url(kit)}{kit.key}-{lang}.zip"

    def facets(self, kit, lang):
        """{facet: {value: label}} of a kit in one language, for the filters."""
        audience = str((kit.data.get("audience") or {}).get(lang) or "")
        subjects = {}
        for key in kit.data.get("subjects") or []:
            term = self.terms.get("subject", str(key), lang)
            subjects[term.slug] = term.name
        return {
            "audience": {slugify(audience, regex_subs=self.settings["SLUG_REGEX_SUBSTITUTIONS"]): audience}
                        if audience else {},
            "subject": subjects,
            "format": {r.kind: r.kind for r in kit.resources if r.downloads},  # what can be used now
            "language": {code: self.languages.name(code) for r in kit.resources for code in r.downloads},
        }

    def view(self, kit, lang):
        data, text = kit.data, kit.texts[lang]
        url = self.kit_url(kit, lang)
        files_url = self.files_url(kit)
        resources = [{
            "id": r.id, "kind": r.kind, "title": r.title.get(lang), "description": r.description.get(lang),
            "downloads": [{"lang": d.lang, "language": self.languages.name(d.lang), "url": file_url(files_url, d.name),
                           "size": d.size, "pages": d.pages, "format": d.format, "name": d.name,
                           "placeholder": d.placeholder}
                          for code, d in sorted(r.downloads.items(), key=lambda i: i[0] != lang)],
        } for r in kit.resources]
        bundles = [{"lang": code, "language": self.languages.name(code), "url": self.bundle_url(kit, code),
                    "placeholder": any(r.downloads[code].placeholder for r in kit.resources if code in r.downloads)}
                   for code in sorted(self.bundle_languages(kit), key=lambda code: code != lang)]
        facets = self.facets(kit, lang)
        view = {
            "key": kit.key, "title": text.title, "summary": text.summary, "content": body(text),
            "url": url,
            "cover": os.path.relpath(os.path.join(kit.folder, data["cover"]), self.path) if data.get("cover") else None,
            "cover_alt": (data.get("cover_alt") or {}).get(lang, ""),
            "audience": (data.get("audience") or {}).get(lang, ""), "age_min": data.get("age_min"),
            "subjects": list(facets["subject"].values()), "time_minutes": data.get("time_minutes"),
            "licence": data["licence"], "published": str(data.get("published") or ""),
            "resources": resources, "bundles": bundles,
            "languages": sorted(facets["language"].values()), "facets": facets,
            "quiz_url": self.kit_url(kit, lang, "quiz") if kit.quiz else None,
            "quiz_key_url": self.kit_url(kit, lang, "quiz_key") if kit.quiz else None,
            "quiz_title": kit.quiz_title.get(lang, ""),
            "quiz": [{"number": q["number"], "question": q["question"][lang], "multiple": q["multiple"],
                      "choices": [c[lang] for c in q["choices"]], "correct": q["correct"],
                      "explanation": q["explanation"][lang]} for q in kit.quiz],
        }
        view["jsonld"] = self.jsonld(view, lang)
        return view

    def jsonld(self, view, lang):
        common = {"educationalLevel": view["audience"], "inLanguage": lang}
        if view["licence"]:
            common["license"] = view["licence"]
        if view["age_min"]:
            common["typicalAgeRange"] = f"{view['age_min']}-"
        if view["time_minutes"]:
            common["timeRequired"] = f"PT{view['time_minutes']}M"
        parts = [{
            "@type": "LearningResource", "name": r["title"], "description": r["description"],
            "learningResourceType": r["kind"], **common,
            "inLanguage": [d["lang"] for d in r["downloads"]],
            "encoding": [{"@type": "MediaObject", "contentUrl": absolute(self.settings, d["url"]),
                          "inLanguage": d["lang"],
                          "encodingFormat": "application/pdf" if d["format"] == "PDF" else d["format"],
                          "contentSize": f"{d['size']} B"} for d in r["downloads"]],
        } for r in view["resources"]]
        return [{
            "@type": "LearningResource", "name": view["title"], "description": view["summary"],
            "url": absolute(self.settings, view["url"]), "learningResourceType": "teaching kit", **common,
            "about": view["subjects"], "hasPart": parts,
        }]

    # --- writing ----------------------------------------------------------

    def generate_output(self, writer):
        write = lambda url, template, **extra: write_page(self, writer, url, template, section="kits", **extra)  # noqa: E731
        views = self.views
        for kit in self.kits:
            langs = list(kit.texts)
            for lang in langs:
                view = views[(kit.key, lang)]
                write(view["url"], "kit", lang=lang, kit=view,
                      alternates={code: self.kit_url(kit, code) for code in langs})
                if kit.quiz:
                    write(view["quiz_url"], "quiz", lang=lang, kit=view,
                          alternates={code: self.kit_url(kit, code, "quiz") for code in langs})
                    write(view["quiz_key_url"], "quiz_key", lang=lang, kit=view,
                          alternates={code: self.kit_url(kit, code, "quiz_key") for code in langs})
        self._write_filters(write, views)
        self._publish_files(views)

    def _write_filters(self, write, views):
        for lang in self.languages.codes:
            kits = [views[(k.key, lang)] for k in self.kits if (k.key, lang) in views]
            values = {}
            for view in kits:
                for facet, found in view["facets"].items():
                    for value, label in found.items():
                        values.setdefault((facet, value), (label, []))[1].append(view)
            for (facet, value), (label, matching) in sorted(values.items()):
                url = self.url(lang, "kit_filter", facet=facet, value=value)
                write(url, "kits", lang=lang, kits=matching, facet=facet, facet_value=value,
                      facet_label=label, alternates={}, noindex=True)

    def _publish_files(self, views):
        """A bundle per language (built once per content, then cached); the files themselves are published
        by content_folders (queued in _claim)."""
        # "2": bundles renamed into place once whole (a killed build of older code could leave a truncated one).
        cache = os.path.join(self.settings["CACHE_PATH"], "kit-bundles-2")
        remove_leftovers(cache)
        built = total = 0
        for kit in self.kits:
            for lang in self.bundle_languages(kit):
                downloads = [r.downloads[lang] for r in kit.resources if lang in r.downloads]
                digest = hashlib.sha256()
                for download in sorted(downloads, key=lambda d: d.name):
                    digest.update(download.name.encode())
                    digest.update(published_bytes(download.source))
                cached = os.path.join(cache, f"{kit.key}-{lang}-{digest.hexdigest()[:16]}.zip")
                if not os.path.isfile(cached):
                    build_bundle(cached, downloads, kit.key)
                    built += 1
                total += 1
                target = os.path.join(self.output_path, self.bundle_url(kit, lang))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                link_or_copy(cached, target)  # the cached bundle is never rewritten: its name is its content's
        logger.info("teaching_kits: %s bundles built, %s from cache", built, total - built)


def get_generators(pelican):
    return KitsGenerator


def register():
    signals.get_generators.connect(get_generators)
