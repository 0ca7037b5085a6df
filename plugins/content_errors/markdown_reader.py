"""The Markdown reader: Pelican's, with a header parser that names every mistake.

Pelican reads a Markdown file's header with Python-Markdown's ``meta``
extension, which accepts only ``Key: value`` written exactly so, takes any
``Word: text`` line after the header for one more field (a first paragraph
such as ``Rappel: …`` then vanishes), ends the header silently at a
``Summary :`` typed with a space (French keyboards and Word put one, often
a no-break space), and reads only UTF-8. No Pelican setting or
Python-Markdown option changes that, hence this parser:

* the header is a YAML front matter between two ``---`` lines (what the
  web editor and ``make post`` write; lists of tags allowed; read as the
  data files are, lines kept, dates as text, no anchors), or Pelican's:
  the lines up to the first empty line, ``Key: value`` with
  any spaces (plain, no-break, narrow no-break) around the colon, keys in
  any case; an indented line continues the previous value;
* a file with neither a title nor a text (the web editor writes one for a
  language nobody has filled in yet) is a draft: no page;
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
  computer (``localhost``, ``127.0.0.1``: the dev server), stops the build;
* so does HTML typed in a body that the site does not publish: a tag
  outside BODY_TAGS (``<script>``, ``<iframe>``, forms, SVG…), an event
  attribute (``onclick``), an address that runs code (``javascript:``), or
  an image, sound or video that each visit would load from another site
  (links to other sites are fine); the same holds for a summary's links;
* ``Slug:``, ``Save_as:`` and ``Url:`` must be addresses inside the site,
  and a title must give an address (not only punctuation, not too long);
* each of the site's links to a file or text of its own (``{static}``,
  ``{attach}``, ``{filename}``) must lead to one (content_errors, once
  everything is read).

One Markdown instance serves every file (Pelican builds one per file: a
third of the reading time on a large site).
"""

import difflib
import html
import ipaddress
import os
import re
from urllib.parse import quote, urlsplit

import yaml
from markdown import Markdown
from pelican import signals
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime, slugify

from . import ContentError, Entry, content_file_is_inside, parse_yaml, read_text

SPACES = " \t\u00a0\u202f\u2007"
HEADER_LINE = re.compile(rf"^[ ]{{0,3}}(?P<key>[^\W\d][\w-]*)[{SPACES}]*:(?:[{SPACES}]+|$)(?P<value>.*)$")
# Pelican's own metadata, and what the theme and plugins read.
KNOWN_FIELDS = ("title", "date", "modified", "category", "tags", "summary", "slug", "status", "lang",
                "author", "authors", "save_as", "url", "description")
SHOWN_FIELDS = "Title, Date, Category, Tags, Summary, Slug, Status"  # what authors write
# The French words an author may type for a field.
FRENCH_NAMES = {"titre": "title", "résumé": "summary", "resume": "summary", "sommaire": "summary",
                "catégorie": "category", "categorie": "category", "rubrique": "category", "étiquettes": "tags",
                "etiquettes": "tags", "étiquette": "tags", "etiquette": "tags", "adresse": "slug", "statut": "status",
                "état": "status", "langue": "lang", "auteur": "author", "auteure": "author"}
DATE_FIELD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
EMPTY_IS_A_VALUE = ("save_as", "url")
LOCAL_HOSTS = ("localhost", "0.0.0.0")
SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
SITE_PATH = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]*/)*(?:[A-Za-z0-9][A-Za-z0-9._-]*)?$")
LONGEST_SLUG = 120  # a folder's name: file systems stop at 255 bytes
BODY_TAGS = frozenset(
    "p br hr h1 h2 h3 h4 h5 h6 a img em strong b i u s del ins mark small sub sup code pre kbd samp var blockquote "
    "q cite abbr dfn time ul ol li dl dt dd table thead tbody tfoot tr th td caption colgroup col figure figcaption "
    "div span section article aside details summary picture source audio video track address wbr".split())
URL_ATTRIBUTES = ("href", "src", "srcset", "poster", "cite", "action", "formaction", "data")
LOADED_BY_VISITS = ("img", "source", "audio", "video", "track")
SAFE_SCHEMES = ("", "http", "https", "mailto", "tel")
# What Markdown itself writes, recognised without parsing (see plainly_safe): tags of BODY_TAGS, no
# event attribute, addresses in double quotes that are relative, {static}-style, or (for links only)
# http(s), mailto and tel; no entity, space or colon where a browser could hide a scheme.
TAG_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
EVENT_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
URL_VALUE = re.compile(r"""\b(href|src|srcset|poster|cite|action|formaction|data)\s*=\s*(?:"([^"]*)")?""",
                       re.IGNORECASE)
SAFE_LINK = re.compile(r"""^(?:(?:https?://|mailto:|tel:)[^\s&"<>]*|[^\s&"<>:]*)$""")
SAFE_RESOURCE = re.compile(r"""^(?!//)[^\s&"<>:]*$""")
LINK_ATTRIBUTE = re.compile(r'(?P<name>\b(?:href|src))="(?P<url>[^"]*)"')


FENCE = "---"  # a front matter's first and last line
LIST_FIELDS = ("tags", "authors")  # the fields a front matter may give as a list
FRONT_MATTER_HINT = ("entre les deux lignes « --- », un champ par ligne, « nom: valeur » ; mettez entre "
                     "guillemets un texte qui contient « : » ou commence par un signe comme « * », « & » ou « [ ».")


def front_matter(lines, path):
    """([(line, key, value)], the line after the closing fence) of a YAML front matter (the format
    of the web editor and of ``make post``): values as the ``Key: value`` header gives them (a list
    of tags as "a, b"), so that both formats go through the same checks."""
    end = next((number for number, line in enumerate(lines[1:], 1) if line.rstrip() in (FENCE, "...")), None)
    if end is None:
        raise ContentError("l'en-tête commence par « --- » mais aucune ligne « --- » ne le ferme.", path=path, line=1,
                           fix="ajoutez une ligne « --- » après le dernier champ de l'en-tête, avant le texte.")
    # An empty first line keeps the YAML's line numbers those of the file.
    data = parse_yaml("\n" + "\n".join(lines[1:end]), path, FRONT_MATTER_HINT, what="l'en-tête") or {}
    if not isinstance(data, dict):
        raise ContentError("l'en-tête devrait être une liste de champs « nom: valeur ».", path=path, line=2,
                           fix=FRONT_MATTER_HINT)
    fields = []
    for key, value in data.items():
        line = data.line_of(key) if isinstance(data, Entry) else 2
        plain_list = isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value)
        if key in LIST_FIELDS and plain_list:
            value = ", ".join(str(item).strip() for item in value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        elif value is None:
            value = ""
        elif not isinstance(value, str):
            kind = "un texte ou une liste" if key in LIST_FIELDS else "un texte"
            raise ContentError(f"le champ « {key} » devrait être {kind}.", path=path, line=line, fix=FRONT_MATTER_HINT)
        fields.append((line, str(key).lower(), value.strip(SPACES + "\n")))
    return fields, end + 1


def front_matter_text(fields):
    """The YAML front matter (fences included) of [(key, value)], as the web editor writes it:
    what ``make post`` and ``make translate`` write, quoted where YAML needs it ("Grève : le point")."""
    return f"{FENCE}\n" + yaml.safe_dump(dict(fields), allow_unicode=True, sort_keys=False, width=10_000) + f"{FENCE}\n"


def parse_header(text, path, known=KNOWN_FIELDS):
    """([(line, key, value)], first body line number, body) of a Markdown file's text: its
    ``Key: value`` header (Pelican's) or its YAML front matter between two ``---`` lines."""
    lines = text.split("\n")
    fields, number = [], 0
    if lines and lines[0].rstrip() == FENCE:
        fields, number = front_matter(lines, path)
    elif lines and HEADER_LINE.match(lines[0]):
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
            meant = FRENCH_NAMES.get(key) or next(iter(difflib.get_close_matches(key, known, n=1, cutoff=0.75)), None)
            last = line == fields[-1][0]  # the last line: likely the text's first line, not a field
            raise ContentError(
                f"« {key.capitalize()}: » n'est pas un champ d'en-tête connu (les champs : {SHOWN_FIELDS})."
                + (f" Vouliez-vous dire « {meant.capitalize()}: » ?" if meant else ""),
                path=path, line=line,
                fix=("si c'est le début du texte, laissez une ligne vide après l'en-tête ; sinon, corrigez le nom du "
                     "champ." if last else "corrigez le nom du champ.") if not meant else
                    f"écrivez « {meant.capitalize()}: »" + (" (ou, si c'est le début du texte, laissez une ligne vide "
                                                            "après l'en-tête)." if last else "."))
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


def plainly_safe(html_text):
    """True for HTML that holds nothing unsafe_html could refuse, told by patterns alone; anything
    else (raw HTML of an author's, an entity in an address…) is parsed by unsafe_html."""
    if not set(TAG_NAME.findall(html_text)) <= BODY_TAGS or EVENT_ATTRIBUTE.search(html_text):
        return False
    for match in URL_VALUE.finditer(html_text):
        name, value = match[1].lower(), match[2]
        if value is None or not (SAFE_LINK if name in ("href", "cite") else SAFE_RESOURCE).match(value):
            return False
    return True


def unsafe_html(html_text):
    """(problem, fix) for each piece of some HTML that the site does not publish (see the docstring)."""
    if plainly_safe(html_text):
        return  # what Markdown writes, and nothing else: no need to parse it (the usual case)
    from bs4 import BeautifulSoup  # only texts with HTML of their own pay for it

    for element in BeautifulSoup(html_text, "html.parser").find_all(True):
        if element.name not in BODY_TAGS:
            yield (f"une balise « <{element.name}> », que le site ne publie pas",
                   "retirez-la : le site ne publie ni script, ni formulaire, ni contenu intégré d'un autre site "
                   "(pour une vidéo ou un document d'ailleurs, faites un simple lien vers lui).")
            continue
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                yield (f"un attribut « {name} » (du code), que le site ne publie pas", "retirez cet attribut.")
            elif name.lower() in URL_ATTRIBUTES:
                for url in (part.strip().split(" ")[0] for part in str(value).split(",")) if name == "srcset" \
                        else [str(value)]:
                    parts = urlsplit(html.unescape(url).strip())
                    if parts.scheme.lower() not in SAFE_SCHEMES and not url.startswith("{"):
                        yield (f"une adresse « {url} », qui exécuterait du code", "retirez ce lien.")
                    elif element.name in LOADED_BY_VISITS and parts.netloc:
                        yield (f"une image, un son ou une vidéo pris sur un autre site (« {url} »)",
                               "téléchargez le fichier dans content/media/ et écrivez son adresse à partir de "
                               "/media/ : le site ne fait rien charger d'ailleurs à ses visiteurs.")


def line_of(text, needle, first_line=1):
    """The line of `text` where `needle` is written, in any case (HTML's names are: <SCRIPT>, ONCLICK),
    numbered from `first_line`: where it stands as an address or a tag ("(x", "\"x", "<x") if it does,
    else wherever it appears; None if nowhere."""
    lines, needle = text.lower().split("\n"), needle.lower()
    for forms in ((f"({needle}", f"\"{needle}", f"'{needle}", f"<{needle}", f"</{needle}"), (needle,)):
        for number, line in enumerate(lines, first_line):
            if any(form in line for form in forms):
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
        if not str(metadata.get("title", "")).strip() and not body.strip():
            # A language the web editor wrote a file for but nobody filled in (Decap CMS writes one
            # per language, decap-cms#6932): not a page yet, as a translation still in draft.
            return "", {**metadata, "title": os.path.basename(source_path), "status": "draft"}
        if not str(metadata.get("title", "")).strip():
            raise ContentError("ce texte n'a pas de titre.", path=source_path, line=1,
                               fix="ajoutez en première ligne « Title: Le titre », puis une ligne vide.")
        if "slug" not in metadata:
            self._check_address_of_title(metadata["title"], source_path, fields)
        content = encode_spaces(self._converter().convert(body))
        self._check_body(content, body, body_line, source_path, metadata)
        if metadata.get("summary"):
            line = next(number for number, key, _ in fields if key == "summary")
            for problem, fix in unsafe_html(metadata["summary"]):
                raise ContentError(f"le résumé contient {problem}.", path=source_path, line=line, fix=fix)
        return content, metadata

    def _check_address_of_title(self, title, path, fields):
        slug = slugify(str(title), regex_subs=self.settings.get("SLUG_REGEX_SUBSTITUTIONS", []))
        line = next((number for number, key, _ in fields if key == "title"), 1)
        if not slug:
            raise ContentError(f"le titre « {title} » ne donne aucune adresse (il n'a ni lettre ni chiffre).",
                               path=path, line=line, fix="ajoutez une ligne « Slug: une-adresse » à l'en-tête.")
        if len(slug) > LONGEST_SLUG:
            raise ContentError(f"le titre donne une adresse de {len(slug)} caractères, trop longue.", path=path,
                               line=line, fix="ajoutez une ligne « Slug: » avec une adresse plus courte, par exemple "
                                              f"« Slug: {slug[:60].rstrip('-')} ».")

    def process_metadata(self, name, value):
        """Pelican's, plus the language check (a file name's language and date come through here too).
        A date written as the site writes them (DATE_FIELD) is read directly: the same date as Pelican's
        dateutil gives it, in a hundredth of the time (every file name has one)."""
        if name == "lang":
            self._check_lang(value)
        if name in ("date", "modified") and isinstance(value, str) and (written := DATE_FIELD.match(value)):
            try:
                return SafeDatetime(*(int(part or 0) for part in written.groups()))
            except ValueError:
                pass  # a day that does not exist: said below, as Pelican's reading says it
        try:
            return super().process_metadata(name, value)
        except ValueError:
            if name != "date":
                raise
            raise ContentError(f"la date « {value} », au début du nom du fichier, n'existe pas.",
                               fix="renommez le fichier avec une date qui existe, au format AAAA-MM-JJ-cle.fr.md, "
                                   "par exemple 2024-11-19-retour-de-la-delegation.fr.md.") from None

    def _value(self, key, value, path, line):
        if key in ("date", "modified") and not DATE_FIELD.match(value):
            # Pelican would read "03/11/2026" as the 11th of March, silently.
            raise ContentError(f"la date « {value} » n'est pas écrite AAAA-MM-JJ.", path=path, line=line,
                               fix="écrivez-la par exemple « Date: 2026-11-03 » (année, mois, jour), "
                                   "ou « Date: 2026-11-03 14:30 ».")
        if key == "slug" and (not SLUG.match(value) or len(value) > LONGEST_SLUG):
            raise ContentError(f"« Slug: {value} » n'est pas une adresse possible.", path=path, line=line,
                               fix="écrivez seulement des lettres sans accents, des chiffres et des tirets "
                                   f"({LONGEST_SLUG} au plus), par exemple « Slug: retour-de-la-delegation ».")
        if key in ("save_as", "url") and not SITE_PATH.match(value):
            raise ContentError(f"« {key.capitalize()}: {value} » n'est pas une adresse du site.", path=path,
                               line=line, fix="écrivez un chemin du site sans « / » au début, sans « .. » ni adresse "
                                              "d'un autre site (ou laissez la valeur vide).")
        if key in self.settings["FORMATTED_FIELDS"]:
            # Markdown's emphasis and links, but HTML typed in a summary stays text.
            value = self._converter().convert(html.escape(value, quote=False))
        try:
            return self.process_metadata(key, value)
        except (ContentError, ValueError) as error:
            if key in ("date", "modified"):
                raise ContentError(f"la date « {value} » n'est pas une date valide.", path=path, line=line,
                                   fix="écrivez-la AAAA-MM-JJ, par exemple « Date: 2024-11-19 » "
                                       "(ou 2024-11-19 14:30).") from None
            if isinstance(error, ContentError):
                error.path, error.line = path, line
                raise
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
            for example in self.settings.get("PLACEHOLDER_ALT") or ():
                if f'alt="{html.escape(example)}"' in content:
                    raise ContentError(f"le texte alternatif d'une image est encore l'exemple « {example} ».",
                                       path=path, line=line_of(body, f"[{example}]", body_line),
                                       fix="décrivez, entre les crochets, ce que montre cette photo.")
            for sentence in (self.settings.get("PLACEHOLDER_BODY") or {}).values():
                start = sentence[:40]
                if start and start in body:
                    raise ContentError(
                        f"le texte est encore celui du modèle (« {start}… »).", path=path,
                        line=line_of(body, start, body_line),
                        fix="remplacez cette phrase par le texte de la nouvelle (et remplissez le résumé, "
                            "« summary: »), ou ajoutez « status: draft » à l'en-tête tant qu'il n'est pas prêt.")
        for problem, fix in unsafe_html(content):
            needle = problem.split("« ", 1)[-1].split(" »", 1)[0].strip("<>")
            raise ContentError(f"le texte contient {problem}.", path=path, line=line_of(body, needle, body_line),
                               fix=fix)
        for url in local_links(content):
            raise ContentError(
                f"le lien « {url} » mène à votre ordinateur (l'aperçu du site), pas au site public.",
                path=path, line=line_of(body, urlsplit(url).netloc, body_line),
                fix=f"écrivez l'adresse sans son début : « {urlsplit(url).path or '/'} ».")


def use_checked_reader(readers):
    """Make `readers` (Pelican's Readers) read Markdown with CheckedMarkdownReader."""
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def register():
    signals.readers_init.connect(use_checked_reader)
