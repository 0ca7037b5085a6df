"""The Markdown reader: Pelican's, with a header parser that names every mistake.

Pelican reads a Markdown file's header with Python-Markdown's ``meta``
extension, which accepts only ``Key: value`` written exactly so, takes any
``Word: text`` line after the header for one more field (a first paragraph
such as ``Rappel: …`` then vanishes), ends the header silently at a
``Summary :`` typed with a space (French keyboards and Word put one, often
a no-break space), and reads only UTF-8. No Pelican setting or
Python-Markdown option changes that, hence this parser:

* the header is the lines up to the first empty line; ``Key: value`` with
  any spaces (plain, no-break, narrow no-break) around the colon, keys in
  any case; an indented line continues the previous value;
* an unknown key stops the build with the known ones and "if this is
  text, leave an empty line after the header"; a key given twice too;
* an empty value means the field is not set (except ``Save_as:`` and
  ``Url:``, where empty means "no page of its own", as in Pelican);
* values go through Pelican's own ``process_metadata`` (dates, tags,
  categories); a date Pelican cannot read names its line;
* a summary (FORMATTED_FIELDS) is Markdown, but any HTML typed in it is
  shown as typed, never run: it is text for lists, feeds and sharing tags;
* the file may be UTF-8, UTF-16 or Windows-1252 (content_errors.read_text);
* a text still holding the new-post template's sentence (setting
  PLACEHOLDER_BODY, ``{lang: sentence}``), or linking to the author's own
  computer (``localhost``, ``127.0.0.1``: the dev server), stops the build.

One Markdown instance serves every file (Pelican builds one per file: a
third of the reading time on a large site).
"""

import html
import ipaddress
import re
from urllib.parse import quote, urlsplit

from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader

from . import ContentError, content_file_is_inside, read_text


SPACES = " \t\u00a0\u202f\u2007"
HEADER_LINE = re.compile(rf"^[ ]{{0,3}}(?P<key>[^\W\d][\w-]*)[{SPACES}]*:(?:[{SPACES}]+|$)(?P<value>.*)$")
# Pelican's own metadata, and what the theme and plugins read.
KNOWN_FIELDS = ("title", "date", "modified", "category", "tags", "summary", "slug", "status", "lang",
                "author", "authors", "template", "save_as", "url", "translation", "description")
SHOWN_FIELDS = "Title, Date, Category, Tags, Summary, Slug, Status"  # what authors write
EMPTY_IS_A_VALUE = ("save_as", "url")
LOCAL_HOSTS = ("localhost", "0.0.0.0")
SLUG = re.compile(r"^[\w][\w.-]*$")
LINK_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src))="(?P<url>[^"]*)"')


def parse_header(text, path, known=KNOWN_FIELDS):
    """([(line, key, value)], first body line number, body) of a Markdown file's text."""
    lines = text.split("\n")
    fields, number = [], 0
    if lines and HEADER_LINE.match(lines[0]):
        for number, line in enumerate(lines, 1):
            if not line.strip():
                break
            match = HEADER_LINE.match(line)
            if line[:1] in (" ", "\t") and fields and not match:
                where, key, value = fields[-1]
                fields[-1] = (where, key, f"{value}\n{line.strip()}")
                continue
            if not match:
                number -= 1  # the text starts here, without the empty line
                break
            fields.append((number, match["key"].lower(), match["value"].strip(SPACES)))
        else:
            number = len(lines)
    seen = {}
    for line, key, _ in fields:
        if known is None:
            continue
        if key not in known:
            raise ContentError(
                f"« {key.capitalize()}: » n'est pas un champ d'en-tête connu (les champs : {SHOWN_FIELDS}).",
                path=path, line=line,
                fix="si c'est le début du texte, laissez une ligne vide après l'en-tête ; "
                    "sinon, corrigez le nom du champ.")
        if key in seen:
            raise ContentError(f"« {key.capitalize()}: » est écrit deux fois (lignes {seen[key]} et {line}).",
                               path=path, line=line, fix="gardez une seule de ces lignes.")
        seen[key] = line
    return fields, number + 1, "\n".join(lines[number:])


def local_links(html_text):
    """The links of some HTML that lead to the author's own computer."""
    found = []
    for match in LINK_ATTRIBUTE.finditer(html_text):
        host = (urlsplit(html.unescape(match["url"])).hostname or "").lower()
        if not host:
            continue
        try:
            local = ipaddress.ip_address(host).is_loopback or host == "0.0.0.0"
        except ValueError:
            local = host in LOCAL_HOSTS or host.endswith(".localhost")
        if local:
            found.append(html.unescape(match["url"]))
    return found


def encode_spaces(html_text):
    """Links and images whose address has spaces ("Mon guide.pdf"), written as browsers send them."""
    return LINK_ATTRIBUTE.sub(
        lambda m: f'{m["name"]}="{quote(m["url"], safe=";/?:@&=+$,#%~!*()[]")}"' if " " in m["url"] else m[0],
        html_text)


def line_of(text, needle, first_line=1):
    for number, line in enumerate(text.split("\n"), first_line):
        if needle in line:
            return number
    return None


class CheckedMarkdownReader(MarkdownReader):
    """Markdown reader whose every header mistake says where and how to fix it."""

    def __init__(self, settings):
        # Pelican's MarkdownReader adds the `meta` extension to the settings: our header
        # parser replaces it, so only BaseReader's set-up is kept.
        super(MarkdownReader, self).__init__(settings)
        self._source_path = None
        self._markdown = None

    def _converter(self):
        if self._markdown is None:
            config = dict(self.settings["MARKDOWN"])
            extensions = [e for e in config.get("extensions", []) if e != "markdown.extensions.meta"]
            config["extensions"] = list(dict.fromkeys(extensions + list(config.get("extension_configs", {}))))
            self._markdown = Markdown(**config)
        self._markdown.reset()
        return self._markdown

    def read(self, source_path):
        """Content and metadata; a mistake raises a ContentError (Pelican logs it as "Could not
        process", which the build runner turns back into this error's message)."""
        self._source_path = source_path
        if not content_file_is_inside(source_path, self.settings["PATH"]):
            raise ContentError("ce fichier est un lien vers un fichier hors du dossier du contenu.",
                               path=source_path, fix="remplacez le lien par une copie du fichier.")
        text = read_text(source_path)
        fields, body_line, body = parse_header(text, source_path)
        metadata = {}
        for line, key, value in fields:
            if value == "" and key not in EMPTY_IS_A_VALUE:
                continue
            metadata[key] = self._value(key, value, source_path, line)
        if not str(metadata.get("title", "")).strip():
            raise ContentError("ce texte n'a pas de titre.", path=source_path, line=1,
                               fix="ajoutez en première ligne « Title: Le titre », puis une ligne vide.")
        content = encode_spaces(self._converter().convert(body))
        self._check_body(content, body, body_line, source_path, metadata)
        return content, metadata

    def process_metadata(self, name, value):
        """Pelican's, plus the language check (a file name's language and date come through here too)."""
        if name == "lang":
            self._check_lang(value)
        try:
            return super().process_metadata(name, value)
        except ValueError:
            if name != "date":
                raise
            raise ContentError(f"la date « {value} » n'est pas une date valide.",
                               fix="écrivez-la AAAA-MM-JJ (dans le nom du fichier : AAAA-MM-JJ-cle.fr.md), "
                                   "par exemple 2024-11-19.") from None

    def _value(self, key, value, path, line):
        if key == "template" and not SLUG.match(value):
            raise ContentError(f"« Template: {value} » n'est pas un nom de gabarit.", path=path, line=line,
                               fix="retirez cette ligne (ou écrivez le nom d'un gabarit du thème, sans « / »).")
        if key == "slug" and not SLUG.match(value):
            raise ContentError(f"« Slug: {value} » n'est pas une adresse possible.", path=path, line=line,
                               fix="écrivez seulement des lettres sans accents, des chiffres et des tirets, "
                                   "par exemple « Slug: retour-de-la-delegation ».")
        if key in self.settings["FORMATTED_FIELDS"]:
            # Markdown's emphasis and links, but HTML typed in a summary stays text.
            value = self._converter().convert(html.escape(value, quote=False))
        try:
            return self.process_metadata(key, value)
        except ContentError as error:
            error.path, error.line = path, line
            raise
        except ValueError:
            if key in ("date", "modified"):
                raise ContentError(f"la date « {value} » n'est pas une date valide.", path=path, line=line,
                                   fix="écrivez-la AAAA-MM-JJ, par exemple « Date: 2024-11-19 » "
                                       "(ou 2024-11-19 14:30).") from None
            raise ContentError(f"« {key.capitalize()}: {value} » n'est pas une valeur possible.", path=path,
                               line=line, fix="corrigez cette ligne.") from None

    def _check_lang(self, value):
        languages = self.settings.get("LANGUAGES") or {}
        if languages and value not in languages:
            known = ", ".join(languages)
            names = " ou ".join(f"« ….{code}.md »" for code in languages)
            raise ContentError(f"la langue « {value} » n'existe pas sur ce site ({known}).",
                               fix=f"nommez le fichier {names}, ou ajoutez la langue à LANGUAGES dans "
                                   "pelicanconf.py.")

    def _check_body(self, content, body, body_line, path, metadata):
        if metadata.get("status", "published") != "draft":
            for sentence in (self.settings.get("PLACEHOLDER_BODY") or {}).values():
                start = sentence[:40]
                if start and start in body:
                    raise ContentError(
                        f"le texte est encore celui du modèle (« {start}… »).", path=path,
                        line=line_of(body, start, body_line),
                        fix="remplacez cette phrase par le texte de la nouvelle (et remplissez « Summary: »), "
                            "ou ajoutez « Status: draft » à l'en-tête tant qu'il n'est pas prêt.")
        for url in local_links(content):
            raise ContentError(
                f"le lien « {url} » mène à votre ordinateur (l'aperçu du site), pas au site public.",
                path=path, line=line_of(body, urlsplit(url).netloc, body_line),
                fix=f"écrivez l'adresse sans son début : « {urlsplit(url).path or '/'} ».")


def use_checked_reader(readers):
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def register():
    signals.readers_init.connect(use_checked_reader)
