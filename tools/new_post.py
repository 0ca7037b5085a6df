"""`make post`: a new post's Markdown file, with correct metadata, ready to write.

Asks for the title, the section (a category of content/terms.yml: its key,
its name in any language, or its number in the list) and the language
(the site's default if left empty); or takes them as options, as in
``make post TITRE="…" RUBRIQUE=plaidoyer LANGUE=fr``.

Writes ``<news folder>/<today>-<slug>.<lang>.md``: the file name gives the
date, the translation key (the slug) and the language, as the site's
FILENAME_METADATA expects; the slug is made by Pelican's own slugify, so it
is the address the post will have. Never overwrites a file.
"""

import argparse
import os
import sys

from pelican.utils import slugify

# tools.authoring puts the plugins on the path: imported first.
# isort: off
from tools.authoring import AuthoringError, check_language, load_site, run
from content_errors.markdown_reader import front_matter_text
from scheduled_posts import site_today
# isort: on


def choose_category(answer, lang, terms):
    """A category key from its number in the list, its key, or its name in any language."""
    keys = terms.keys("category")
    answer = str(answer).strip()
    if answer.isdigit() and 1 <= int(answer) <= len(keys):
        return keys[int(answer) - 1]
    key = terms.find("category", answer) if answer else None
    if key is None:
        listing = ", ".join(f"{number}. {terms.get('category', key, lang).name}" for number, key in enumerate(keys, 1))
        _, asks, guess = terms.unknown("category", answer, lang).message.partition(" Vouliez-vous")  # the build's guess
        raise AuthoringError(f"La rubrique « {answer} » n'existe pas.{asks + guess} "
                             f"Rubriques possibles : {listing}. Pour en créer une, ajoutez-la à content/terms.yml.")
    return key


def ask(prompt, given, default=None):
    """The option if given; else the default when nobody is at the keyboard; else a question."""
    if given is not None:
        return given
    if default is not None and not sys.stdin.isatty():
        return default
    return input(prompt)


def create_post(title, section, lang, settings, languages, terms, today=None):
    """Write a new post's file from the template (never over an existing one); its path."""
    title = " ".join(str(title or "").split())
    if not title:
        raise AuthoringError("le titre est vide. Exemple : make post TITRE=\"Retour de la délégation en Colombie\"")
    lang = check_language(lang or languages.default, languages)
    key = choose_category(section, lang, terms)
    slug = slugify(title, regex_subs=settings["SLUG_REGEX_SUBSTITUTIONS"])
    if not slug:
        raise AuthoringError(f"le titre « {title} » ne donne aucune adresse ; ajoutez-y des lettres.")
    day = today or site_today(settings)
    date = day.isoformat()
    folder = os.path.join(settings["PATH"], settings["ARTICLE_PATHS"][0])
    path = os.path.join(folder, f"{date}-{slug}.{lang}.md")
    if os.path.exists(path):
        raise AuthoringError(f"{os.path.relpath(path)} existe déjà ; ouvrez-le, ou choisissez un autre titre.")
    sentences = settings["PLACEHOLDER_BODY"]  # the build refuses a text that still holds it
    body = sentences.get(lang) or sentences[languages.default]
    os.makedirs(folder, exist_ok=True)
    with open(path, "x", encoding="utf-8") as out:
        category = terms.get("category", key, lang).name
        out.write(front_matter_text([("title", title), ("date", day), ("category", category), ("tags", []),
                                     ("summary", "")]) + "\n" + body + "\n")
    return path


def main(argv=None):
    """`make post`: ask for what TITRE=, RUBRIQUE= and LANGUE= do not give, then create the post."""
    parser = argparse.ArgumentParser(prog="make post", description="Crée le fichier d'une nouvelle.")
    # make post TITRE=… RUBRIQUE=… LANGUE=…: make passes them as environment variables.
    parser.add_argument("--titre", default=os.environ.get("TITRE") or None)
    parser.add_argument("--rubrique", default=os.environ.get("RUBRIQUE") or None)
    parser.add_argument("--langue", default=os.environ.get("LANGUE") or None)
    parser.add_argument("--contenu", help="dossier du contenu (par défaut : celui de pelicanconf.py)")
    options = parser.parse_args(argv)
    settings, languages, terms = load_site(content=options.contenu)
    title = ask("Titre de la nouvelle : ", options.titre)
    if options.rubrique is None:
        for number, key in enumerate(terms.keys("category"), 1):
            print(f"  {number}. {terms.get('category', key, languages.default).name}")
    section = ask("Rubrique (numéro ou nom) : ", options.rubrique)
    lang = ask(f"Langue ({', '.join(languages.codes)} ; vide = {languages.default}) : ", options.langue, "")
    path = create_post(title, section, lang.strip() or None, settings, languages, terms)
    print(f"Créé : {os.path.relpath(path)}")
    print("Écrivez le texte, puis vérifiez avec « make devserver ». Pour la traduction : "
          f"make translate FICHIER={os.path.relpath(path)}")


if __name__ == "__main__":
    run(main)
