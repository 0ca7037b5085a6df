"""An organisation's details, from one data file: how to reach it, where to follow it, how to join
it and how to give to it.

The file (ORGANISATION_DETAILS_FILE, under the content folder; absent: nothing is filled in) has
four parts, each optional, each field optional (empty: shown nowhere)::

    contact:    {address: text, email: address, phone: number, newsletter: https address}
    social:     {facebook: https address, instagram: https address, podcast: https address}
    membership: {fees: {<lang>: text, …}, form: https address}
    donation:   {how: {<lang>: text, …}, url: https address}

Everything is checked before a page shows it: an email that is not one, an address that is not
``https://``, a phone number with letters, a text where a language is expected, a field or a part
the reader does not know; each is refused with the file, the line and the fix (a ContentError).

The checked values are the context key ORGANISATION_DETAILS (a ``Details``): its parts as dicts,
``block_of(page key)`` (which part a page shows after its text, from ORGANISATION_DETAILS_BLOCKS:
``{page key: "contact" | "membership" | "donation"}``; the contact block also lists the social
accounts), ``accounts()`` (the social accounts, in order, with or without an address),
``schema()`` (the schema.org properties of what is filled in: sameAs, email, telephone, address) and
``phone_link`` (the ``tel:`` address of the phone number). ``read_details(path, languages)`` and
``empty_fields(details, languages)`` serve tools outside a build (make status).
"""

import dataclasses
import logging
import re
from urllib.parse import urlsplit

from pelican import signals
from pelican.generators import Generator

from content_errors import ContentError, expect, inside, line_of, load_yaml, localised, report, text_of
from site_core.contracts import Contract, settings_place

logger = logging.getLogger(__name__)
__all__ = ["Details", "FIELDS", "read_details", "nothing_filled", "empty_fields"]
CONTRACT = Contract(
    needs=("site_core", "content_errors", "multilingual"),
    settings={"ORGANISATION_DETAILS_FILE": None, "ORGANISATION_DETAILS_BLOCKS": {}},
    provides={"ORGANISATION_DETAILS": "the organisation's details (Details): contact, social accounts, membership, "
                                      "donation; which page shows which block"},
)

# (part, field, kind, what it is, for messages and make status): the file's one description.
FIELDS = (
    ("contact", "address", "text", "l'adresse postale"),
    ("contact", "email", "email", "le courriel"),
    ("contact", "phone", "phone", "le téléphone"),
    ("contact", "newsletter", "https", "l'adresse d'inscription à l'infolettre"),
    ("social", "facebook", "https", "l'adresse Facebook"),
    ("social", "instagram", "https", "l'adresse Instagram"),
    ("social", "podcast", "https", "l'adresse du balado"),
    ("membership", "fees", "per_language", "les cotisations"),
    ("membership", "form", "https", "l'adresse du formulaire d'adhésion"),
    ("donation", "how", "per_language", "la façon de donner"),
    ("donation", "url", "https", "l'adresse pour donner"),
)
PARTS = tuple(dict.fromkeys(part for part, *_ in FIELDS))
BLOCKS = ("contact", "membership", "donation")  # the contact block shows the social part too
# A plain address: no spaces, quotes or angle brackets (which would end the link's attribute).
EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&*+/=?^_{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                   r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$")
# Digits with the separators people write, then an extension (« poste 22 »), if any.
PHONE = re.compile(r"^(?P<number>\+?\(?[0-9][0-9 ().-]*[0-9])"
                   r"(?:\s*,?\s*(?:poste|ext\.?|extension|x)\s*(?P<ext>[0-9]+))?$", re.IGNORECASE)
URL_CHARACTERS = re.compile(r"^[^\s\"'<>\\`]+$")


@dataclasses.dataclass(frozen=True)
class Details:
    """The checked details (see the module's docstring); a part's empty fields are empty texts or dicts."""

    path: str
    contact: dict
    social: dict
    membership: dict
    donation: dict
    blocks: dict = dataclasses.field(default_factory=dict)  # {page key: block}
    lines: dict = dataclasses.field(default_factory=dict)  # {"part.field": line in the file}

    def block_of(self, page_key):
        """The block the page of `page_key` shows after its text, or None."""
        return self.blocks.get(page_key)

    def accounts(self):
        """(name, address or "") of each social account, in the file's order."""
        return [(name, self.social.get(name, "")) for part, name, *_ in FIELDS if part == "social"]

    @property
    def phone_link(self):
        """The phone number as a ``tel:`` address (its digits, its ``+``, its extension), or ""."""
        match = PHONE.match(self.contact.get("phone", ""))
        if not match:
            return ""
        number = ("+" if match["number"].startswith("+") else "") + re.sub(r"[^0-9]", "", match["number"])
        return f"tel:{number}" + (f";ext={match['ext']}" if match["ext"] else "")

    def schema(self):
        """The schema.org properties of the organisation that are filled in."""
        properties = {}
        same_as = [address for _, address in self.accounts() if address]
        if same_as:
            properties["sameAs"] = same_as
        for field, name in (("email", "email"), ("phone", "telephone")):
            if self.contact.get(field):
                properties[name] = self.contact[field]
        if self.contact.get("address"):
            properties["address"] = ", ".join(line.strip() for line in self.contact["address"].splitlines()
                                              if line.strip())
        return properties


def _checked(kind, value, path, line, what, languages):
    """A field's value, checked for its kind; "" (or {}) when empty."""
    if kind == "per_language":
        return localised(value, languages, path, line, what, required=False)
    text = text_of(value, path, line, what).strip()
    if not text:
        return ""
    if kind == "email":
        if text.lower().startswith("mailto:"):
            raise ContentError(f"{what} commence par « mailto: ».", path=path, line=line,
                               fix=f"écrivez l'adresse seule : « {text[len('mailto:'):].strip()} ».")
        if not EMAIL.match(text):
            raise ContentError(f"{what} « {text} » n'est pas une adresse courriel.", path=path, line=line,
                               fix="écrivez l'adresse seule, sans espace, par exemple « info@exemple.org ».")
    elif kind == "phone":
        if not PHONE.match(text) or len(re.sub(r"[^0-9]", "", text)) < 7:
            raise ContentError(f"{what} « {text} » n'est pas un numéro de téléphone.", path=path, line=line,
                               fix="écrivez le numéro en chiffres, par exemple « +1 514 555-1234 » "
                                   "(ou « +1 514 555-1234, poste 22 »).")
    elif kind == "https":
        _check_https(text, path, line, what)
    return text


def _check_https(text, path, line, what):
    parts = urlsplit(text) if URL_CHARACTERS.match(text) else None
    if parts and parts.scheme == "https" and "." in (parts.hostname or ""):
        return
    if text.lower().startswith("http://"):
        fix = f"écrivez « https:// » au lieu de « http:// » : « https://{text[len('http://'):]} »."
    elif "://" not in text and "." in text and " " not in text:
        fix = f"écrivez l'adresse entière, qui commence par https:// : « https://{text} »."
    else:
        fix = ("copiez l'adresse entière depuis la barre d'adresse du navigateur ; elle commence par https:// "
               "et n'a pas d'espace (par exemple « https://www.exemple.org/page »).")
    raise ContentError(f"{what} « {text} » n'est pas une adresse https://.", path=path, line=line, fix=fix)


def read_details(path, languages, blocks=None):
    """The Details of the data file at `path` (absent: every field empty); a mistake raises a ContentError."""
    data = load_yaml(path, required=False)
    if data is None:
        return nothing_filled(path, blocks)
    for part in data:
        if part not in PARTS:
            raise ContentError(f"« {part}: » n'est pas une partie de ce fichier.", path=path,
                               line=line_of(data, part) or 1,
                               fix=f"les parties sont {', '.join(f'« {p}: »' for p in PARTS)} ; vérifiez "
                                   "l'orthographe et l'indentation (un champ se met sous sa partie, indenté).")
    values, lines = {}, {}
    for part in PARTS:
        written = expect(data.get(part), dict, path, line_of(data, part) or 1, f"« {part}: »")
        known = [name for each, name, *_ in FIELDS if each == part]
        for name in written:
            if name not in known:
                raise ContentError(f"« {name}: » n'est pas un champ de « {part}: ».", path=path,
                                   line=line_of(written, name) or line_of(data, part),
                                   fix=f"les champs de « {part}: » sont {', '.join(f'« {k}: »' for k in known)}.")
        values[part] = {}
        for each, name, kind, what in FIELDS:
            if each != part:
                continue
            # The field's line, else its part's (a field not written yet), else none (no part either).
            line = getattr(written, "lines", {}).get(name) or getattr(data, "lines", {}).get(part)
            if line:
                lines[f"{part}.{name}"] = line
            values[part][name] = _checked(kind, written.get(name), path, line, f"« {name}: » ({what})", languages)
    return Details(path=path, blocks=dict(blocks or {}), lines=lines, **values)


def nothing_filled(path, blocks=None):
    """The Details of a file with every field empty."""
    parts = {part: {name: {} if kind == "per_language" else "" for each, name, kind, _ in FIELDS if each == part}
             for part in PARTS}
    return Details(path=path, blocks=dict(blocks or {}), **parts)


def empty_fields(details, languages):
    """(what, line) of each field still empty: a text per language counts once per language left empty."""
    found = []
    for part, name, kind, what in FIELDS:
        value = getattr(details, part)[name]
        line = details.lines.get(f"{part}.{name}")
        if kind == "per_language":
            found += [(f"{what} ({lang})", line) for lang in languages if not value.get(lang)]
        elif not value:
            found.append((what, line))
    return found


def _blocks(settings):
    """ORGANISATION_DETAILS_BLOCKS, each block checked (a ContentError naming the settings' line)."""
    blocks = settings["ORGANISATION_DETAILS_BLOCKS"]
    for page, block in blocks.items():
        if block not in BLOCKS:
            where, line = settings_place(settings.get("SETTINGS_FILE"), "ORGANISATION_DETAILS_BLOCKS")
            raise ContentError(f"ORGANISATION_DETAILS_BLOCKS donne à la page « {page} » le bloc « {block} », "
                               "qui n'existe pas.", path=where, line=line,
                               fix=f"écrivez l'un de ces blocs : {', '.join(BLOCKS)}.")
    return blocks


class OrganisationDetailsGenerator(Generator):
    def generate_context(self):
        languages = self.settings["SITE_LANGUAGES"].codes
        name = self.settings["ORGANISATION_DETAILS_FILE"]
        details = nothing_filled("")
        try:
            blocks = _blocks(self.settings)
            details = nothing_filled("", blocks)
            if name:  # a path from the settings, still kept inside the content folder
                setting = settings_place(self.settings.get("SETTINGS_FILE"), "ORGANISATION_DETAILS_FILE")
                path = inside(self.path, name, *setting, what="ORGANISATION_DETAILS_FILE")
                details = read_details(path, languages, blocks)
        except ContentError as error:
            report(error, log=logger)  # the build fails; meanwhile the pages show nothing of the file
        self.context["ORGANISATION_DETAILS"] = details


def get_generators(pelican):
    return OrganisationDetailsGenerator


def register():
    signals.get_generators.connect(get_generators)
