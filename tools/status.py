"""`make status`: how much of the site is translated, and what is missing.

Reads every article and page with Pelican's own readers and settings, groups
them by translation key as the build does, and prints per section and
language how many items exist, then the path of each item that has no
counterpart in some language. Exit status 0: missing translations are
information, not errors.
"""

import os
import sys
from collections import Counter, defaultdict

from pelican.contents import Article, Page
from pelican.readers import Readers
from pelican.settings import read_settings

sys.path.insert(0, "plugins")
from multilingual.interface import compile_catalogue  # noqa: E402
from multilingual.languages import SiteLanguages  # noqa: E402
from multilingual.terms import Terms, TermsError  # noqa: E402
from multilingual.translations import (  # noqa: E402
    OWN_FIELDS, inherit_from_original, own_or_inherited, translation_groups,
)

SECTION_LABELS = {  # msgids of the theme's navigation
    "news": "News", "delegations": "Delegations", "advocacy": "Advocacy", "pages": "Pages",
}


def read_all(settings):
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
                    item = readers.read_file(settings["PATH"], path, content_class=content_class, context=context)
                    found.append((kind, item))
    return found


def section_of(kind, item, terms, languages):
    if kind == "page":
        return "pages"
    written = own_or_inherited(item, "category") or terms.default_category
    try:
        key = terms.resolve("category", written, item).key
    except TermsError:
        key = None
    return languages.category_sections.get(key, "news")


def report(settings_file="pelicanconf.py", content=None, out=sys.stdout):
    settings = read_settings(settings_file, override={"PATH": os.path.abspath(content)} if content else None)
    languages = SiteLanguages(settings)
    terms = Terms(os.path.join(settings["PATH"], settings["TERMS_FILE"]), languages, settings)
    french = compile_catalogue(settings["THEME"], languages.default)
    items = read_all(settings)
    kinds = {id(item): kind for kind, item in items}
    counts = defaultdict(Counter)
    missing = []
    for group in translation_groups([item for _, item in items]):
        have = {item.lang for item in group}
        inherit_from_original(group, languages, OWN_FIELDS)
        for item in group:
            counts[section_of(kinds[id(item)], item, terms, languages)][item.lang] += 1
        for lang in languages.codes:
            if lang not in have:
                missing.extend((lang, os.path.relpath(item.source_path)) for item in group)
    print(f"Couverture des traductions ({', '.join(languages.codes)})\n", file=out)
    print(f"{'Section':<16}" + "".join(f"{code:>6}" for code in languages.codes), file=out)
    for section in SECTION_LABELS:
        if section in counts:
            label = french.gettext(SECTION_LABELS[section])
            print(f"{label:<16}" + "".join(f"{counts[section][c]:>6}" for c in languages.codes), file=out)
    print(file=out)
    if missing:
        print(f"Sans traduction ({len(missing)}) :", file=out)
        for lang, path in sorted(missing, key=lambda m: m[1]):
            print(f"  manque en « {lang} » : {path}", file=out)
    else:
        print("Tout est traduit.", file=out)


if __name__ == "__main__":
    report(content=sys.argv[1] if len(sys.argv) > 1 else None)
