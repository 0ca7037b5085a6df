"""Teaching kits, each a folder: ``PATH/KITS_PATH/<name>/``.

A folder holds the kit's description in each language (``index.<lang>.md``),
``kit.yml`` (audience, age, subjects, time, licence, cover, and its
resources: kind, title and description in each language, and a file per
language it exists in) and, optionally, ``quiz.yml`` (questions, choices,
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

A listed file that does not exist, a licence outside KIT_LICENCES, a
resource with no file in any language, a question with no correct answer,
a correct answer not among the choices, or a language missing in a
question stops the build with a message naming the file and the entry.

Needs the content_errors and responsive_images plugins (listed before this
one in PLUGINS).
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
from content_errors import ContentError, load_yaml
from content_folders import load_folders, describe_file, publish_file, read_texts

logger = logging.getLogger(__name__)

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
FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # ZIP's earliest date: same bytes on every build


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
        return [self.key, {l: [t.title, t.summary, t.slug] for l, t in self.texts.items()},
                repr(self.data.get("subjects")), [[d.source, d.size] for r in self.resources
                                                  for d in r.downloads.values()]]


def read_download(source, lang):
    """Size, format and page count read from the file itself."""
    facts = describe_file(source)
    return Download(lang, source, os.path.basename(source), facts["size"], facts["pages"], facts["format"])


def build_bundle(target, downloads, kit_key):
    """A ZIP whose bytes depend only on the files' names and contents."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for download in sorted(downloads, key=lambda d: d.name):
            info = zipfile.ZipInfo(f"{kit_key}/{download.name}", date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(download.source, "rb") as data:
                bundle.writestr(info, data.read())


class KitsGenerator(Generator):
    def generate_context(self):
        self.languages = self.settings["SITE_LANGUAGES"]
        self.terms = self.context.get("TERMS")
        self.licences = self.settings.get("KIT_LICENCES", DEFAULT_LICENCES)
        self.store = responsive_images.store_for(self)
        self.kits = load_folders(self, "KITS_PATH", "kits", self._load)
        self.context["KITS"] = self.kits
        self.views = {(kit.key, lang): self.view(kit, lang) for kit in self.kits for lang in kit.texts}
        self.context["KITS_BY_LANG"] = {
            lang: [self.views[(k.key, lang)] for k in self.kits if (k.key, lang) in self.views]
            for lang in self.languages.codes
        }

    def _load(self, name, folder):
        data_path = os.path.join(folder, "kit.yml")
        where = os.path.relpath(data_path)
        data = load_yaml(data_path)
        texts = read_texts(self, folder)
        licence = str(data.get("licence") or "")
        if licence not in self.licences:
            raise KitError(f"{where}: la licence « {licence} » n'est pas dans la liste connue.\n"
                           f"  Correction : l'une de {', '.join(self.licences)}.")
        for subject in data.get("subjects") or []:
            if self.terms and (("subject", str(subject), self.languages.default) not in self.terms.terms):
                raise KitError(f"{where}: le sujet « {subject} » n'est pas dans content/terms.yml (subjects).")
        if data.get("cover"):
            self.store.image_set(os.path.join(folder, data["cover"]))
        resources = [self._resource(entry, number, folder, where, texts)
                     for number, entry in enumerate(data.get("resources") or [], 1)]
        if not resources:
            raise KitError(f"{where}: aucune ressource dans « resources: ».")
        kit = Kit(name, folder, texts, data, resources)
        quiz = load_yaml(os.path.join(folder, "quiz.yml"), required=False)
        if quiz:
            kit.quiz = self._quiz(quiz, os.path.relpath(os.path.join(folder, "quiz.yml")), texts)
            kit.quiz_title = quiz.get("title") or {}
        return kit

    def _resource(self, entry, number, folder, where, texts):
        label = f"{where}: ressource n° {number} ({entry.get('id', '?')})"
        if entry.get("kind") not in KINDS:
            raise KitError(f"{label}: « kind: {entry.get('kind')} » inconnu ; l'un de {', '.join(KINDS)}.")
        files = entry.get("files") or {}
        if not files:
            raise KitError(f"{label}: aucun fichier dans aucune langue.\n"
                           "  Correction : ajoutez « files: {fr: files/nom.pdf} ».")
        downloads = {}
        for lang, file in files.items():
            if lang not in self.languages.codes:
                raise KitError(f"{label}: langue « {lang} » inconnue.")
            source = os.path.normpath(os.path.join(folder, file))
            if not os.path.isfile(source):
                raise KitError(f"{label}: le fichier {os.path.relpath(source)} est introuvable.")
            downloads[lang] = read_download(source, lang)
        for key in ("title", "description"):
            for lang in texts:
                if not str((entry.get(key) or {}).get(lang) or "").strip():
                    raise KitError(f"{label}: pas de « {key} » en « {lang} ».")
        return Resource(str(entry["id"]), entry["kind"], entry["title"], entry["description"], downloads)

    def _quiz(self, quiz, where, texts):
        questions = []
        for number, item in enumerate(quiz.get("questions") or [], 1):
            label = f"{where}: question n° {number}"
            choices = item.get("choices") or []
            correct = item.get("correct") or []
            if not correct:
                raise KitError(f"{label}: aucune bonne réponse (« correct: [numéro] »).")
            if any(not isinstance(c, int) or not 1 <= c <= len(choices) for c in correct):
                raise KitError(f"{label}: la bonne réponse {correct} n'est pas parmi les choix 1 à {len(choices)}.")
            for lang in texts:
                parts = [("question", item.get("question")), ("explication", item.get("explanation"))]
                parts += [(f"choix {n}", c) for n, c in enumerate(choices, 1)]
                for what, text in parts:
                    if not isinstance(text, dict) or not str(text.get(lang) or "").strip():
                        raise KitError(f"{label}: {what} sans texte en « {lang} ».")
            questions.append({"number": number, "question": item["question"], "choices": choices,
                              "correct": sorted(correct), "explanation": item["explanation"],
                              "multiple": len(correct) > 1})
        return questions

    # --- views ------------------------------------------------------------

    def url(self, lang, key, **fields):
        return self.languages.url(lang, key, **fields)

    def kit_url(self, kit, lang, key="kit"):
        return self.url(lang, key, slug=kit.texts[lang].slug)

    def facets(self, kit, lang):
        """{facet: {value: label}} of a kit in one language, for the filters."""
        audience = str((kit.data.get("audience") or {}).get(lang) or "")
        subjects = {}
        for key in kit.data.get("subjects") or []:
            term = self.terms.get("subject", str(key), lang)
            subjects[term.slug] = term.name
        return {
            "audience": {slugify(audience, regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", [])): audience}
                        if audience else {},
            "subject": subjects,
            "format": {r.kind: r.kind for r in kit.resources},
            "language": {l: self.languages.name(l) for r in kit.resources for l in r.downloads},
        }

    def view(self, kit, lang):
        data, text = kit.data, kit.texts[lang]
        url = self.kit_url(kit, lang)
        files_url = self.settings.get("KIT_FILES_URL", "documents/{kit}/").format(kit=kit.key)
        resources = [{
            "id": r.id, "kind": r.kind, "title": r.title.get(lang), "description": r.description.get(lang),
            "downloads": [{"lang": d.lang, "language": self.languages.name(d.lang), "url": files_url + d.name,
                           "size": d.size, "pages": d.pages, "format": d.format, "name": d.name}
                          for l, d in sorted(r.downloads.items(), key=lambda i: i[0] != lang)],
        } for r in kit.resources]
        bundles = [{"lang": l, "language": self.languages.name(l), "url": f"{files_url}{kit.key}-{l}.zip"}
                   for l in sorted(self.languages.codes, key=lambda code: code != lang)
                   if any(l in r.downloads for r in kit.resources)]
        facets = self.facets(kit, lang)
        view = {
            "key": kit.key, "title": text.title, "summary": text.summary, "content": text.content,
            "url": url, "cover": os.path.relpath(os.path.join(kit.folder, data["cover"]), self.path) if data.get("cover") else None,
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
        origin = self.settings.get("SITE_ORIGIN", "")
        common = {"educationalLevel": view["audience"], "license": view["licence"], "inLanguage": lang}
        if view["age_min"]:
            common["typicalAgeRange"] = f"{view['age_min']}-"
        if view["time_minutes"]:
            common["timeRequired"] = f"PT{view['time_minutes']}M"
        parts = [{
            "@type": "LearningResource", "name": r["title"], "description": r["description"],
            "learningResourceType": r["kind"], **common,
            "inLanguage": [d["lang"] for d in r["downloads"]],
            "encoding": [{"@type": "MediaObject", "contentUrl": f"{origin}/{d['url']}", "inLanguage": d["lang"],
                          "encodingFormat": "application/pdf" if d["format"] == "PDF" else d["format"],
                          "contentSize": f"{d['size']} B"} for d in r["downloads"]],
        } for r in view["resources"]]
        return [{
            "@type": "LearningResource", "name": view["title"], "description": view["summary"],
            "url": f"{origin}/{view['url']}", "learningResourceType": "teaching kit", **common,
            "about": view["subjects"], "hasPart": parts,
        }]

    # --- writing ----------------------------------------------------------

    def generate_output(self, writer):
        write = lambda url, template, **extra: writer.write_file(  # noqa: E731
            url + "index.html", self.get_template(template), self.context, relative_urls=False,
            url_path=url, section="kits", **extra)
        views = self.views
        for kit in self.kits:
            langs = list(kit.texts)
            for lang in langs:
                view = views[(kit.key, lang)]
                write(view["url"], "kit", lang=lang, kit=view,
                      alternates={l: self.kit_url(kit, l) for l in langs})
                if kit.quiz:
                    write(view["quiz_url"], "quiz", lang=lang, kit=view,
                          alternates={l: self.kit_url(kit, l, "quiz") for l in langs})
                    write(view["quiz_key_url"], "quiz_key", lang=lang, kit=view,
                          alternates={l: self.kit_url(kit, l, "quiz_key") for l in langs})
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
        """Every download, and a bundle per language (built once per content, then cached)."""
        cache = os.path.join(self.settings["CACHE_PATH"], "kit-bundles")
        built = 0
        for kit in self.kits:
            files_url = self.settings.get("KIT_FILES_URL", "documents/{kit}/").format(kit=kit.key)
            for resource in kit.resources:
                for download in resource.downloads.values():
                    publish_file(self, download.source, files_url + download.name)
            for bundle in views[(kit.key, next(iter(kit.texts)))]["bundles"]:
                downloads = [r.downloads[bundle["lang"]] for r in kit.resources if bundle["lang"] in r.downloads]
                digest = hashlib.sha256()
                for download in sorted(downloads, key=lambda d: d.name):
                    digest.update(download.name.encode())
                    with open(download.source, "rb") as data:
                        digest.update(data.read())
                cached = os.path.join(cache, f"{kit.key}-{bundle['lang']}-{digest.hexdigest()[:16]}.zip")
                if not os.path.exists(cached):
                    build_bundle(cached, downloads, kit.key)
                    built += 1
                publish_file(self, cached, bundle["url"])
        bundles = sum(len(views[(k.key, next(iter(k.texts)))]["bundles"]) for k in self.kits)
        logger.info("teaching_kits: %s bundles built, %s from cache", built, bundles - built)


def get_generators(pelican):
    return KitsGenerator


def register():
    signals.get_generators.connect(get_generators)
