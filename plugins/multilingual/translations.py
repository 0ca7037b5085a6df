"""Translations: one file per language, beside the original, sharing a key.

Pelican groups items by ARTICLE_TRANSLATION_ID / PAGE_TRANSLATION_ID (here
the ``translation_key`` taken from the file name). This module adds what it
lacks:

* a translation inherits from its original every field it does not set
  itself (date, image, category, tags, country...), except the fields that
  are text of its own language or its address (setting TRANSLATION_OWN_FIELDS,
  default OWN_FIELDS);
* two files claiming the same language for one key stop the build.

Inheritance is recomputed on every run from each file's own metadata, which
is never modified, so items restored from Pelican's content cache always
follow their original's current values.
"""

import logging
import os
from collections import defaultdict

from content_errors import ContentError, header_line, report, shown
from site_core.html import written_body

logger = logging.getLogger(__name__)

# A translation's own fields: its text and its address. The translated text fields an author
# writes in a translation's header (make translate copies them from the original to be translated).
TEXT_FIELDS = ("title", "summary", "description")
OWN_FIELDS = (*TEXT_FIELDS, "slug", "lang", "translation_key", "url", "save_as", "reader")


def published_with_translations(items):
    """Originals with their translations of the same standing: every language's published items, or
    every language's hidden ones (a hidden page's translation is hidden too: the home page's text)."""
    found = []
    for item in items:
        found.append(item)
        found.extend(t for t in item.translations if t.status in ("published", item.status))
    return found


def inherited_fields(item):
    """{field: value} that a translation takes from its original (empty for an original)."""
    return dict(getattr(item, "inherited", {}))


def translation_groups(items):
    """Items grouped by translation key: an original with its translations."""
    groups = defaultdict(list)
    for item in items:
        groups[getattr(item, "translation_key", None) or id(item)].append(item)
    return groups.values()


def original_of(group, languages):
    """The original of a group: its item in the first of the site's languages that it has."""
    for code in languages.codes:
        for item in group:
            if item.lang == code:
                return item
    return group[0]


def check_one_file_per_language(group):
    """Two files in one language for one key: reported, naming the one written last."""
    by_lang = defaultdict(list)
    for item in group:
        by_lang[item.lang].append(item)
    for lang, items in by_lang.items():
        if len(items) > 1:
            items.sort(key=lambda item: os.stat(item.source_path).st_mtime_ns)  # the one written last is named
            others = " et ".join(shown(i.source_path) for i in items[:-1])
            report(ContentError(
                f"ce fichier et {others} sont tous en « {lang} » pour la même traduction "
                f"« {items[0].translation_key} ».", path=items[-1].source_path,
                fix="un seul fichier par langue : renommez l'un d'eux (la clé est la partie du nom entre "
                    "la date et la langue) ou changez sa langue."), log=logger)


def inherit_from_original(group, languages, own_fields):
    """Each translation takes from its original every field it does not set, except `own_fields`."""
    original = original_of(group, languages)
    for item in group:
        item.inherited = {}
        if item is original:
            continue
        for key, value in original.metadata.items():
            if key not in own_fields and key not in item.metadata:
                item.inherited[key] = value
                setattr(item, key, value)


def inherit_dates(items, languages):
    """A translation's date is its original's unless its own header sets one (its file name's date
    is only where the file sorts): set before the build decides what is published when
    (scheduled_posts), so that a translation is never out before its original."""
    for group in translation_groups(items):
        original = original_of(group, languages)
        for item in group:
            if item is not original and item.date != original.date and not header_line(item.source_path, "date"):
                item.date = original.date


def own_or_inherited(item, key, default=None):
    """A field as the file sets it, else as its original sets it."""
    if key in item.metadata:
        return item.metadata[key]
    return getattr(item, "inherited", {}).get(key, default)


def process(items, settings):
    """Inheritance and checks for every translation group of `items`."""
    languages = settings["SITE_LANGUAGES"]
    own_fields = settings["TRANSLATION_OWN_FIELDS"]
    for group in translation_groups(items):
        check_one_file_per_language(group)
        inherit_from_original(group, languages, own_fields)
        check_translated(group, languages)


def check_translated(group, languages):
    """A published translation whose text is still its original's (make translate copies it to be
    translated in place) is worth a warning: in strict mode (publishing), it is not sent."""
    original = original_of(group, languages)
    for item in group:
        if item is not original and item.status != "draft" and written_body(item) and \
                written_body(item).strip() == written_body(original).strip():
            report(ContentError(f"cette traduction (« {item.lang} ») a encore le texte de l'original "
                                f"(« {original.lang} »).", path=item.source_path,
                                fix="traduisez le texte, ou remettez « Status: draft » dans l'en-tête tant que "
                                    "la traduction n'est pas faite."), logging.WARNING, logger)
