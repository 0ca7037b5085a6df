"""Categories and tags as translated terms, kept in one mapping.

TERMS_FILE (under PATH) maps each term, by key, to its name in every
language, optionally with an explicit slug::

    categories:
      delegations: {fr: Délégations, es: Delegaciones}
    tags:
      colombie: {fr: Colombie, es: {name: Colombia, slug: colombia}, country: CO}

Fields that are not language codes (here ``country``) are kept on every
language's term, in ``term.extra``.

A part may also be a list, the form the web editor writes (its forms edit
lists, not mappings keyed by the term), each entry naming its key::

    categories:
      - {key: delegations, fr: Délégations, es: Delegaciones}

An author may write a term in any language (or by its key); each article's
category and tags become ``Term`` objects in the article's own language,
with that language's name, slug and URL, so term pages in two languages are
counterparts of each other. An unknown term stops the build naming the
file and line, the terms an author can write there (their names, in the
file's language) and the nearest one ("vouliez-vous dire … ?"). A terms
file that does not load, or a term with no name in the default language,
stops the build at once with that one message (nothing else can be checked
without the terms); a term with no name in a language other than the
default keeps its default name there (with a warning), so a new language
can be added before every term is translated.
"""

import difflib
import logging
import os
import re

from pelican.utils import slugify

from content_errors import ContentError, header_line, line_of, load_yaml, report, shown
from site_core.run import run_of
from site_core.urls import save_as

from .translations import own_or_inherited

logger = logging.getLogger(__name__)

KINDS = {"category": "categories", "tag": "tags", "subject": "subjects"}
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")  # ISO 3166-1 alpha-2
TERM_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")  # a key names files and addresses


class TermsError(ContentError):
    """A mistake in the terms file, or a term a text names that it does not have."""
    pass


class Term:
    """One term (category or tag) in one language."""

    def __init__(self, kind, key, lang, name, slug, url, extra=None):
        self.kind, self.key, self.lang = kind, key, lang
        self.name, self.slug, self.url = name, slug, url
        self.extra = extra or {}  # non-language fields of the term, e.g. {"country": "MX"}

    @property
    def save_as(self):
        """The output file of the term's page."""
        return save_as(self.url)

    def _id(self):
        return (self.kind, self.key, self.lang)

    def render_fingerprint(self):  # see render_cache
        return [*self._id(), self.name, self.slug, self.url, sorted(self.extra.items())]

    def __hash__(self):
        return hash(self._id())

    def __eq__(self, other):
        return isinstance(other, Term) and self._id() == other._id()

    def __lt__(self, other):
        return self.name.lower() < other.name.lower()

    def __str__(self):
        return self.name

    def __repr__(self):
        return f"<Term {self.kind}:{self.key} {self.lang}>"


class Terms:
    """The terms file (TERMS_FILE): every category, tag and subject in every language (see the module's docstring)."""
    def __init__(self, path, languages, settings):
        self.path = path
        self.languages = languages
        self.default_category = settings.get("TERMS_DEFAULT_CATEGORY")
        self._settings = settings
        self._slugs = {}
        self.terms = {}  # (kind, key, lang) -> Term
        self.lookup = {kind: {} for kind in KINDS}  # (kind) -> normalised name -> key
        self._lines = {}  # key -> its line in the terms file (the first kind that has it)
        self._load()  # a ContentError here stops the build: nothing can be checked without the terms

    def _slug(self, text):
        if text not in self._slugs:
            self._slugs[text] = slugify(text, regex_subs=self._settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        return self._slugs[text]

    def _load(self):
        data = load_yaml(self.path, "chaque terme est une ligne « - {key: clé, fr: Nom, es: Nombre} », indentée "
                                    "de deux espaces sous « categories: », « tags: » ou « subjects: ».")
        stray = [key for key in data if key not in KINDS.values()]
        if stray:
            raise TermsError(f"« {stray[0]}: » n'est sous aucune des parties « categories: », « tags: » ou "
                             "« subjects: ».", path=self.path, line=line_of(data, stray[0]),
                             fix="indentez cette ligne de deux espaces, sous la partie où ce terme va.")
        for kind, section in KINDS.items():
            entries = data.get(section) or {}
            if isinstance(entries, list):  # the web editor's form: [{key: …, fr: …, es: …}]
                entries = dict(self._listed(entries, section, line_of(data, section)))
            elif isinstance(entries, dict):
                for key in entries:
                    self._lines.setdefault(str(key), line_of(entries, key))
            else:
                raise TermsError(f"« {section}: » doit contenir une ligne par terme.", path=self.path,
                                 line=line_of(data, section),
                                 fix="écrivez chaque terme sur sa ligne, indentée de deux espaces : "
                                     "« - {key: clé, fr: Nom, es: Nombre} ».")
            for key, names in entries.items():
                self._add(kind, str(key), names or {}, self.path)

    def _listed(self, entries, section, line):
        """(key, names) of each entry of a part written as a list, its line remembered."""
        seen = set()
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict) or not str(entry.get("key") or "").strip():
                raise TermsError(f"le terme n° {number} de « {section}: » n'a pas de clé (« key: »).", path=self.path,
                                 line=line_of(entry) or line_of(entries, number - 1) or line,
                                 fix="donnez-lui une clé, en lettres sans accents, chiffres et tirets : "
                                     "« - {key: el-salvador, fr: Salvador, es: El Salvador} ».")
            key = str(entry["key"]).strip()
            if key in seen:
                raise TermsError(f"la clé « {key} » est deux fois dans « {section}: ».", path=self.path,
                                 line=line_of(entry), fix="gardez un seul terme par clé.")
            seen.add(key)
            self._lines.setdefault(key, line_of(entry))
            yield key, {name: value for name, value in entry.items() if name != "key"}

    @staticmethod
    def _name_and_slug(names, lang):
        entry = names.get(lang) if isinstance(names, dict) else None
        if isinstance(entry, dict):
            return entry.get("name"), entry.get("slug")
        return entry, None

    def _add(self, kind, key, names, where):
        if not TERM_KEY.match(key):
            raise TermsError(f"la clé « {key} » ne peut pas servir d'adresse ni de nom de fichier.", path=where,
                             line=self.line_of(key), fix="écrivez la clé avec des lettres sans accents, des chiffres "
                                                      "et des tirets, par exemple « el-salvador ».")
        for lang in self.languages.codes:
            slug = self._name_and_slug(names, lang)[1]
            if slug is not None and not TERM_KEY.match(str(slug)):
                raise TermsError(f"l'adresse « {slug} » du terme « {key} » n'est pas possible.", path=where,
                                 line=self.line_of(key), fix="lettres sans accents, chiffres et tirets seulement.")
        self.lookup[kind][self._slug(key)] = key
        default = self.languages.default
        if not self._name_and_slug(names, default)[0]:
            raise TermsError(f"le terme « {key} » n'a pas de nom en « {default} ».", path=where,
                             line=self.line_of(key), fix=f"ajoutez « {default}: … » à sa ligne.")
        for lang in self.languages.codes:
            name, slug = self._name_and_slug(names, lang)
            if not name:
                # A language added later starts with the default names; say so once per term.
                report(ContentError(f"le terme « {key} » n'a pas encore de nom en « {lang} » ; il garde son nom "
                                    f"en « {default} ».", path=where, line=self.line_of(key),
                                    fix=f"ajoutez « {lang}: … » à sa ligne."), logging.WARNING, logger)
                name, slug = self._name_and_slug(names, default)
            name = str(name)
            slug = slug or self._slug(name)
            url = self.languages.url(lang, kind, slug=slug)
            extra = ({k: v for k, v in names.items() if k not in self.languages.languages}
                     if isinstance(names, dict) else {})
            if "country" in extra and not COUNTRY_CODE.match(str(extra["country"])):
                raise TermsError(f"« country: {extra['country']} » n'est pas un code de pays.", path=where,
                                 line=self.line_of(key), fix="écrivez le code de deux lettres majuscules, par exemple "
                                                            "« country: MX » pour le Mexique.")
            self.terms[(kind, key, lang)] = Term(kind, key, lang, name, slug, url, extra)
            self.lookup[kind].setdefault(self._slug(name), key)

    def render_fingerprint(self):  # see render_cache
        return sorted([*key, term.name, term.slug, term.url, sorted(term.extra.items())]
                      for key, term in self.terms.items())

    def get(self, kind, key, lang):
        """The Term of `kind` and `key` in `lang`."""
        return self.terms[(kind, key, lang)]

    def with_extra(self, kind, field):
        """The keys of a kind's terms that set `field` (the country tags: ``with_extra("tag", "country")``)."""
        return [key for key in self.keys(kind) if self.get(kind, key, self.languages.default).extra.get(field)]

    def keys(self, kind):
        """The keys of a kind, in the terms file's order."""
        return list(dict.fromkeys(key for (k, key, _) in self.terms if k == kind))

    def find(self, kind, written):
        """The key of a term written as its key or its name in any language (case and accents
        ignored), or None."""
        return self.lookup[kind].get(self._slug(str(written)))

    def line_of(self, key):
        """The line of the terms file where `key` is written (for a message about it)."""
        if self._lines.get(key):
            return self._lines[key]
        try:
            with open(self.path, encoding="utf-8", errors="replace") as text:
                for number, line in enumerate(text, 1):
                    if line.strip().startswith(f"{key}:"):
                        return number
        except OSError:
            pass
        return None

    def names(self, kind, lang):
        """The names of a kind's terms in one language, in the terms file's order."""
        return [self.get(kind, key, lang).name for key in self.keys(kind)]

    def unknown(self, kind, written, lang, path=None, line=None):
        """The error for a term that is not in the terms file: the names one can write, and the nearest."""
        label = {"category": "la catégorie", "tag": "l'étiquette", "subject": "le sujet"}[kind]
        names = self.names(kind, lang)
        # What the author may have meant: a term's name in any language, or its key.
        candidates = {self._slug(key): key for key in self.keys(kind)}
        for (k, key, _), term in self.terms.items():
            if k == kind:
                candidates.setdefault(self._slug(term.name), key)
        nearest = difflib.get_close_matches(self._slug(str(written)), list(candidates), n=1, cutoff=0.6)
        guess = f" Vouliez-vous dire « {self.get(kind, candidates[nearest[0]], lang).name} » ?" if nearest else ""
        return TermsError(
            f"{label} « {written} » n'existe pas.{guess}", path=path, line=line,
            fix=f"écrivez l'un de ces noms : {', '.join(names)} ; ou, pour en créer "
                f"{'un, ajoutez-le' if kind == 'subject' else 'une, ajoutez-la'} à "
                f"{shown(self.path)} avec son nom dans chaque langue.")

    def resolve(self, kind, written, item):
        """The Term a text's header names (in any language), in the text's language; else a TermsError."""
        key = self.find(kind, written)
        if key is None:
            field = {"category": "category", "tag": "tags"}[kind]
            raise self.unknown(kind, written, item.lang, item.source_path, header_line(item.source_path, field))
        return self.get(kind, key, item.lang)

    def localise(self, item):
        """Give `item` its category and tags as terms in its own language. A term the item only
        inherits from its original is reported on the original, not again on each translation."""
        try:  # what Pelican read, or a term of an earlier run (cached items)
            del item.category
        except AttributeError:
            pass
        item.tags = []
        written = own_or_inherited(item, "category") or self.default_category
        try:
            category = self.resolve("category", written, item) if written else None
            if category:
                item.category = category
        except TermsError as error:
            if "category" in item.metadata:
                report(error, log=logger)
        for tag in own_or_inherited(item, "tags") or []:
            try:
                item.tags.append(self.resolve("tag", tag, item))
            except TermsError as error:
                if "tags" in item.metadata:
                    report(error, log=logger)


def terms_of(holder):
    """The site's terms for this run (a generator or a context): TERMS_FILE under PATH, read once per
    run, and the context's ``TERMS`` for templates. A terms file that does not load stops the build."""
    context = holder.context if isinstance(getattr(holder, "context", None), dict) else holder

    def load():
        return Terms(os.path.join(context["PATH"], context["TERMS_FILE"]), context["SITE_LANGUAGES"], context)

    terms = run_of(holder).get("terms", load)
    context["TERMS"] = terms
    return terms
