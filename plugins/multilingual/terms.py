"""Categories and tags as translated terms, kept in one mapping.

TERMS_FILE (under PATH) maps each term, by key, to its name in every
language, optionally with an explicit slug::

    categories:
      delegations: {fr: Délégations, es: Delegaciones}
    tags:
      colombie: {fr: Colombie, es: {name: Colombia, slug: colombia}, country: CO}

Fields that are not language codes (here ``country``) are kept on every
language's term, in ``term.extra``.

An author may write a term in any language (or by its key); each article's
category and tags become ``Term`` objects in the article's own language,
with that language's name, slug and URL, so term pages in two languages are
counterparts of each other. An unknown term, or a term with no name in the
default language, stops the build; a term with no name in a language other than the default
keeps its default name there (with a warning), so a new language can be
added before every term is translated.
"""

import logging
import os

from content_errors import ContentError, load_yaml
from pelican.utils import slugify

from .translations import own_or_inherited

logger = logging.getLogger(__name__)

KINDS = {"category": "categories", "tag": "tags", "subject": "subjects"}


class TermsError(ContentError):
    pass


class Term:
    """One term (category or tag) in one language."""

    def __init__(self, kind, key, lang, name, slug, url, extra=None):
        self.kind, self.key, self.lang = kind, key, lang
        self.name, self.slug, self.url = name, slug, url
        self.extra = extra or {}  # non-language fields of the term, e.g. {"country": "MX"}

    @property
    def save_as(self):
        return self.url + "index.html"

    def _id(self):
        return (self.kind, self.key, self.lang)

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
    def __init__(self, path, languages, settings):
        self.path = path
        self.languages = languages
        self.default_category = settings.get("TERMS_DEFAULT_CATEGORY")
        self._settings = settings
        self._slugs = {}
        self.terms = {}  # (kind, key, lang) -> Term
        self.lookup = {kind: {} for kind in KINDS}  # (kind) -> normalised name -> key
        self.usable = True
        try:
            self._load()
        except ContentError as error:
            # Reported once; items then get no terms rather than one error each.
            logger.error("%s", error)
            self.usable = False

    def _slug(self, text):
        if text not in self._slugs:
            self._slugs[text] = slugify(text, regex_subs=self._settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        return self._slugs[text]

    def _load(self):
        where = os.path.relpath(self.path)
        data = load_yaml(self.path, "chaque ligne est « clé: {fr: Nom, es: Nombre} », indentée "
                                    "de deux espaces sous « categories: », « tags: » ou « subjects: ».")
        for kind, section in KINDS.items():
            for key, names in (data.get(section) or {}).items():
                self._add(kind, str(key), names or {}, where)

    @staticmethod
    def _name_and_slug(names, lang):
        entry = names.get(lang) if isinstance(names, dict) else None
        if isinstance(entry, dict):
            return entry.get("name"), entry.get("slug")
        return entry, None

    def _add(self, kind, key, names, where):
        self.lookup[kind][self._slug(key)] = key
        default = self.languages.default
        if not self._name_and_slug(names, default)[0]:
            raise TermsError(
                f"{where}: le terme « {key} » n'a pas de nom en « {default} ».\n"
                f"  Correction : ajoutez « {default}: … » à sa ligne."
            )
        for lang in self.languages.codes:
            name, slug = self._name_and_slug(names, lang)
            if not name:
                # A language added later starts with the default names; say so once per term.
                logger.warning("%s: le terme « %s » n'a pas encore de nom en « %s » ; "
                               "il garde son nom en « %s ».", where, key, lang, default)
                name, slug = self._name_and_slug(names, default)
            name = str(name)
            slug = slug or self._slug(name)
            url = self.languages.url(lang, kind, slug=slug)
            extra = {k: v for k, v in names.items() if k not in self.languages.languages} if isinstance(names, dict) else {}
            self.terms[(kind, key, lang)] = Term(kind, key, lang, name, slug, url, extra)
            self.lookup[kind].setdefault(self._slug(name), key)

    def get(self, kind, key, lang):
        return self.terms[(kind, key, lang)]

    def keys(self, kind):
        """The keys of a kind, in the terms file's order."""
        return list(dict.fromkeys(key for (k, key, _) in self.terms if k == kind))

    def find(self, kind, written):
        """The key of a term written as its key or its name in any language (case and accents
        ignored), or None."""
        return self.lookup[kind].get(self._slug(str(written)))

    def resolve(self, kind, written, item):
        key = self.find(kind, written)
        if key is None and not self.usable:
            return None
        if key is None:
            where = os.path.relpath(item.source_path)
            label = "la catégorie" if kind == "category" else "l'étiquette"
            known = ", ".join(self.keys(kind))
            raise TermsError(
                f"{where}: {label} « {written} » n'est pas dans {os.path.relpath(self.path)}.\n"
                f"  Correction : utilisez l'une de ({known}) ou ajoutez-la à ce "
                "fichier avec son nom dans chaque langue."
            )
        return self.get(kind, key, item.lang)

    def localise(self, item):
        """Give `item` its category and tags as terms in its own language."""
        item.__dict__.pop("category", None)
        item.tags = []
        try:
            written = own_or_inherited(item, "category") or self.default_category
            category = self.resolve("category", written, item) if written else None
            if category:
                item.category = category
            tags = own_or_inherited(item, "tags") or []
            item.tags = [term for term in (self.resolve("tag", t, item) for t in tags) if term]
        except TermsError as error:
            logger.error("%s", error)
