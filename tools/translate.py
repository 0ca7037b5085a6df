"""`make translate FICHIER=…`: the counterpart of a post or page in another language, beside it.

``2024-12-16-delegation-colombie.fr.md`` gives ``2024-12-16-delegation-colombie.es.md``:
the same translation key (the file name), so the site links the two, and
the new file inherits everything it does not say itself (date, category,
tags, country, image...: the multilingual plugin's inheritance), so those
are carried over without being copied. The new file holds the text's own
fields (title, summary) and the whole original text, to translate in place,
and ``status: draft`` so that nothing half-translated is published: remove
that line when the translation is done. It is written as YAML front matter
(the web editor's format), whatever the original's header.

The target language is the site's other language when there are two, or
LANGUE=… otherwise. Never overwrites a file.
"""

import argparse
import os
import re

# tools.authoring puts the plugins on the path: imported first.
# isort: off
from tools.authoring import AuthoringError, check_language, load_site, run
from content_errors import read_text
from content_errors.markdown_reader import front_matter_text, parse_header
from multilingual import TEXT_FIELDS as OWN_FIELDS  # the text fields of a file's language; the rest is inherited
# isort: on

# "name.fr.md" / "2024-12-16-name.fr.md" -> stem and language.
FILE_NAME = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.md$")


def translate_file(source, target_lang, languages):
    """Write the counterpart of `source` in `target_lang` beside it, as a draft; its path."""
    if not os.path.isfile(source):
        raise AuthoringError(f"le fichier {source} n'existe pas. Exemple : "
                             "make translate FICHIER=content/news/2024-12-16-delegation-colombie.fr.md")
    match = FILE_NAME.match(os.path.basename(source))
    if not match:
        raise AuthoringError(f"{source} : le nom doit finir par la langue puis .md (par exemple « .fr.md »).")
    source_lang = check_language(match["lang"], languages)
    if target_lang is None:
        others = [code for code in languages.codes if code != source_lang]
        if len(others) != 1:
            raise AuthoringError(f"dans quelle langue ? Ajoutez LANGUE=… ({', '.join(others)}).")
        target_lang = others[0]
    check_language(target_lang, languages)
    if target_lang == source_lang:
        raise AuthoringError(f"{source} est déjà en « {source_lang} » ; choisissez une autre langue.")
    target = os.path.join(os.path.dirname(source), f"{match['stem']}.{target_lang}.md")
    if os.path.exists(target):
        raise AuthoringError(f"{os.path.relpath(target)} existe déjà : la traduction est commencée, ouvrez ce fichier.")
    # The header read as the build reads it (content_errors): "Summary :" and the like included.
    fields, _, body = parse_header(read_text(source), source, known=None)
    own = [(key, value) for _, key, value in fields if key in OWN_FIELDS]
    body = body.lstrip("\n")
    if not any(key == "title" for key, _ in own):
        raise AuthoringError(f"{source} n'a pas de titre (« title: ») ; ce n'est pas une nouvelle ou une page.")
    with open(target, "x", encoding="utf-8") as out:
        out.write(front_matter_text([*own, ("status", "draft")]) + "\n" + body)
    return target, source_lang, target_lang


def main(argv=None):
    """`make translate FICHIER=… [LANGUE=…]`."""
    parser = argparse.ArgumentParser(prog="make translate", description="Crée la traduction d'un fichier, à côté.")
    # make translate FICHIER=… LANGUE=…: make passes them as environment variables.
    parser.add_argument("fichier", nargs="?", default=os.environ.get("FICHIER") or None)
    parser.add_argument("--langue", default=os.environ.get("LANGUE") or None)
    options = parser.parse_args(argv)
    if not options.fichier:
        raise AuthoringError("quel fichier traduire ? "
                             "Exemple : make translate FICHIER=content/news/2024-12-16-delegation-colombie.fr.md")
    _, languages, _ = load_site()
    target, source_lang, target_lang = translate_file(options.fichier, options.langue, languages)
    print(f"Créé : {os.path.relpath(target)} (traduction « {target_lang} » de {options.fichier})")
    print(f"  1. Traduisez le titre, le résumé et le texte (ils sont encore en « {source_lang} »).")
    print("  2. Ajoutez « Slug: » avec l'adresse de la page dans cette langue (sinon, elle vient du titre).")
    print("  3. La date, la catégorie et les étiquettes viennent de l'original : ne les répétez pas.")
    print("  4. Retirez la ligne « status: draft » pour publier la traduction.")


if __name__ == "__main__":
    run(main)
