"""French typography on French pages: a narrow no-break space (U+202F) before ; : ! ? and inside
« », in the text of every page written in a language of TYPOGRAPHY_LANGUAGES (default French).

Only text between tags changes: never a tag or an attribute (an address, an alternative text as
written), never the inside of code, pre, kbd, samp, script, style or textarea, never an entity
(``&amp;`` keeps its semicolon), never a colon inside a word or a number (``https://``, 10:30).
A space already there (plain or no-break) becomes the narrow one; « Corrigé: » becomes
« Corrigé : » with U+202F.

It runs on each page's finished HTML (a template class of each generator's environment), so
texts from content, data files and the interface catalogue are treated alike; a page the render
cache reuses is the file this wrote. Templates that do not end in .html (the web editor's YAML
settings) are left as they are. SmartyPants-type Markdown extensions do not space punctuation
for French, and no library of the Python-Markdown or Jinja families does it on HTML; hence ours.
"""

import re

from jinja2 import Template
from pelican import signals

from multilingual.languages import page_language
from site_core.contracts import Contract

__all__ = ["french_spacing", "french_spacing_html"]
CONTRACT = Contract(needs=("site_core", "multilingual"), settings={"TYPOGRAPHY_LANGUAGES": ["fr"]})

NARROW = "\u202f"
SPACES = "[ \u00a0\u202f]"
# An entity (kept), a punctuation mark after a character that is not a space, an opening bracket
# or another mark, and before a space, a closing mark or the end; or a French quotation mark.
_TEXT_RULES = re.compile(
    r"(?P<entity>&(?:amp;)?#?\w+;)"  # an entity, or one written as text (« &gt; » shown as typed)
    rf"|(?<=[^\s;:!?(\[«]){SPACES}?(?P<mark>[;:!?])(?=[\s»)\]\"'’<;:!?]|$)"
    rf"|(?P<open>«){SPACES}*"
    rf"|{SPACES}*(?P<close>»)"
)
# What the rules can change: the engine finds these fast; only the texts around them are then spaced.
_MARKS = re.compile("[;:!?«»]")
# Comments, and the tags of what is not prose (code, scripts, styles, form fields), whose content is
# left whole, however nested (<kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd>) or left open.
_VERBATIM_TAG = re.compile(r"<!--.*?-->|<(/?)(?:code|pre|kbd|samp|script|style|textarea)\b[^>]*>", re.S | re.I)


def _spaced(match):
    if match.group("entity"):
        return match.group("entity")
    if match.group("mark"):
        return NARROW + match.group("mark")
    if match.group("open"):
        return "«" + NARROW
    return NARROW + "»"


def french_spacing(text):
    """A text (no tags, entities allowed) with French spacing."""
    return _TEXT_RULES.sub(_spaced, text)


def french_spacing_html(html):
    """HTML with French spacing in its text only (see the module's docstring)."""
    parts, start, depth = [], 0, 0  # depth: how many verbatim elements are open at this point
    for tag in _VERBATIM_TAG.finditer(html):
        if tag[0].startswith("<!--") or tag[0].endswith("/>"):
            if not depth:  # a comment in the text: left whole
                parts += [_spaced_texts(html[start:tag.start()]), tag[0]]
                start = tag.end()
        elif tag[1]:  # a closing tag (one that closes nothing is text's, as any tag)
            if depth:
                depth -= 1
                if not depth:
                    parts.append(html[start:tag.end()])
                    start = tag.end()
        else:
            if not depth:
                parts.append(_spaced_texts(html[start:tag.start()]))
                start = tag.start()
            depth += 1
    parts.append(html[start:] if depth else _spaced_texts(html[start:]))  # one left open: as written to the end
    return "".join(parts)


def _spaced_texts(html):
    """HTML without code or comments, each text between two tags that holds a mark spaced by
    french_spacing (looping over every tag in Python, or a regular expression trying each position,
    took most of the time: marks are few)."""
    parts, copied, position = [], 0, 0
    while mark := _MARKS.search(html, position):
        at = mark.start()
        tag_end = html.rfind(">", 0, at)
        if html.rfind("<", 0, at) > tag_end:  # inside a tag: on after it
            position = html.find(">", at) + 1 or len(html)
            continue
        text_start = tag_end + 1
        text_end = html.find("<", at)
        text_end = len(html) if text_end < 0 else text_end
        parts += [html[copied:text_start], french_spacing(html[text_start:text_end])]
        copied = position = text_end
    parts.append(html[copied:])
    return "".join(parts)


def _install(generator):
    languages = set(generator.settings["TYPOGRAPHY_LANGUAGES"])

    class TypographicTemplate(Template):
        def render(self, *args, **kwargs):
            html = super().render(*args, **kwargs)
            if not (self.name or "").endswith(".html"):
                return html
            # Pelican passes one dict: read it, do not copy the whole site's context for each page.
            context = args[0] if len(args) == 1 and not kwargs else dict(*args, **kwargs)
            return french_spacing_html(html) if page_language(context) in languages else html

    generator.env.template_class = TypographicTemplate


def register():
    signals.generator_init.connect(_install)
