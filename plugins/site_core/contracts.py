"""What each plugin needs and gives, declared, and checked before anything is read.

Every plugin of the site declares a ``CONTRACT`` in its package:

* ``needs``: the plugins it calls, which must be listed before it in PLUGINS;
* ``settings``: ``{NAME: default}`` of the settings it reads; this is the one
  place of each default (applied when the build starts) and of its kind
  (a setting given with another kind is refused);
* ``paths``: the keys of ``LANGUAGES[lang]["paths"]`` it builds addresses
  from, which every language must give;
* ``provides``: ``{context key: what it holds}``, the upper-case names it puts
  in the context for templates and later plugins;
* ``reads``: the context keys of other plugins it reads; each of their
  providers must come before it in PLUGINS.

``check(pelican)`` runs at ``initialized`` (site_core's register) and stops the
build with one plain French message per problem, naming the settings file
and line: a plugin listed before one it needs, a context key read before it
is made or made by nobody, a setting of the wrong kind, a language without
an address a plugin builds. ``declared_context_keys(modules)`` is the full
table of shared context keys (the tests check that nothing else is shared);
``with_defaults(settings)`` gives a tool outside a build the same settings.
"""

import copy
import logging
import os
import re
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Contract:
    """What a plugin needs from the site and what it gives it (see the module's docstring)."""

    needs: tuple = ()
    settings: dict = field(default_factory=dict)
    paths: tuple = ()
    provides: dict = field(default_factory=dict)
    reads: tuple = ()


KINDS = {bool: "vrai ou faux (True/False)", int: "un nombre", float: "un nombre", str: "un texte entre guillemets",
         list: "une liste [ … ]", tuple: "une liste [ … ]", dict: "un dictionnaire { … }"}
LANGUAGE_FIELDS = {"name": "le nom de la langue (« Español »)", "site_name": "le nom du site dans cette langue"}


def contract_of(module):
    """A plugin module's CONTRACT, or None."""
    return getattr(module, "CONTRACT", None)


def declared_context_keys(modules):
    """{context key: (plugin, what it holds)} of every key the plugins declare they provide."""
    table = {}
    for module in modules:
        contract = contract_of(module)
        for key, what in (contract.provides if contract else {}).items():
            table.setdefault(key, (module.__name__, what))
    return table


def settings_line(path, name):
    """The last line of the settings file that sets or changes `name` (the one in effect), or None."""
    found = None
    setting = re.compile(rf"^\s*{re.escape(name)}(\s*[+|-]?=|\s*\[|\.\w+\()")
    try:
        with open(path, encoding="utf-8") as source:
            for number, line in enumerate(source, 1):
                if setting.match(line):
                    found = number
    except (OSError, TypeError):
        pass
    return found


def settings_place(path, name):
    """(file, line) where `name` is set: the settings file, else the file it starts from
    (publishconf.py's ``from pelicanconf import *``), else (the settings file, None)."""
    line = settings_line(path, name)
    if line is None and path:
        try:
            with open(path, encoding="utf-8") as source:
                base = re.search(r"^from (\w+) import \*", source.read(), re.MULTILINE)
        except OSError:
            base = None
        if base:
            parent = os.path.join(os.path.dirname(path), base[1] + ".py")
            if settings_line(parent, name) is not None:
                return parent, settings_line(parent, name)
    return path, line


def _same_kind(value, default):
    if default is None or value is None:
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(value, bool) and isinstance(default, bool)
    if isinstance(default, (int, float)):
        return isinstance(value, (int, float))
    if isinstance(default, (list, tuple)):
        return isinstance(value, (list, tuple))
    return isinstance(value, type(default))


def problems(names, modules, settings):
    """(message, setting name, fix) of everything wrong with the plugins' order and the settings."""
    found = []
    if "site_core" in names and names[0] != "site_core":
        found.append(("le plugin « site_core » doit être le premier de PLUGINS (il vérifie les autres).", "PLUGINS",
                      "placez « \"site_core\" » en tête de PLUGINS."))
    position = {name: number for number, name in enumerate(names)}
    contracts = {module.__name__: contract_of(module) for module in modules}
    defaults = {}
    for name, contract in contracts.items():
        for setting, default in (contract.settings if contract else {}).items():
            first = defaults.setdefault(setting, (name, default))
            if first[1] != default:
                found.append((f"{setting} a deux valeurs par défaut : {first[1]!r} (plugin « {first[0]} ») et "
                              f"{default!r} (plugin « {name} »).", setting,
                              "un réglage a une seule valeur par défaut : déclarez-le dans le plugin qui le possède."))
    providers = {}
    for name, contract in contracts.items():
        for key in (contract.provides if contract else {}):
            providers.setdefault(key, []).append(name)
    for name, contract in contracts.items():
        if contract is None:
            continue
        for needed in contract.needs:
            if needed not in position:
                found.append((f"le plugin « {name} » a besoin du plugin « {needed} », absent de PLUGINS.", "PLUGINS",
                              f"ajoutez « \"{needed}\" » à PLUGINS, avant « \"{name}\" »."))
            elif position[needed] > position.get(name, -1):
                found.append((f"le plugin « {name} » est listé avant « {needed} », dont il a besoin.", "PLUGINS",
                              f"dans PLUGINS, placez « \"{needed}\" » avant « \"{name}\" »."))
        for key in contract.reads:
            makers = providers.get(key, [])
            if not makers:
                found.append((f"le plugin « {name} » lit « {key} », qu'aucun plugin de PLUGINS ne fournit.", "PLUGINS",
                              "ajoutez à PLUGINS le plugin qui le fournit (voir le CONTRACT de chaque plugin)."))
            for maker in makers:
                if position[maker] > position.get(name, -1):
                    found.append((f"le plugin « {name} » lit « {key} », que « {maker} » fournit, mais il est listé "
                                  "avant lui.", "PLUGINS",
                                  f"dans PLUGINS, placez « \"{maker}\" » avant « \"{name}\" »."))
        for setting, default in contract.settings.items():
            value = settings.get(setting, default)
            if not _same_kind(value, default):
                found.append((f"{setting} devrait être {KINDS.get(type(default), type(default).__name__)} (le plugin "
                              f"« {name} » le lit), pas « {value!r} ».", setting,
                              f"écrivez par exemple {setting} = {default!r}"))
    found.extend(_language_problems(settings, contracts))
    return found


def _language_problems(settings, contracts):
    found = []
    languages, default = settings.get("LANGUAGES"), settings.get("DEFAULT_LANG")
    if not isinstance(languages, dict) or not languages:
        return [("LANGUAGES devrait donner chaque langue du site : {\"fr\": {…}, \"es\": {…}}.", "LANGUAGES",
                 "rétablissez LANGUAGES depuis la dernière version qui fonctionnait.")]
    if default not in languages:
        found.append((f"DEFAULT_LANG (« {default} ») n'est pas une des langues de LANGUAGES ({', '.join(languages)}).",
                      "DEFAULT_LANG", f"écrivez DEFAULT_LANG = \"{next(iter(languages))}\", ou ajoutez cette langue."))
    wanted = {}
    for name, contract in contracts.items():
        for key in (contract.paths if contract else ()):
            wanted.setdefault(key, name)
    for code, language in languages.items():
        if not isinstance(language, dict):
            found.append((f"LANGUAGES[\"{code}\"] devrait être un dictionnaire {{\"name\": …, \"paths\": {{…}}}}.",
                          "LANGUAGES", "copiez l'entrée d'une autre langue et traduisez-la."))
            continue
        for key, what in LANGUAGE_FIELDS.items():
            if not language.get(key):
                found.append((f"LANGUAGES[\"{code}\"] n'a pas « {key} » ({what}).", "LANGUAGES",
                              f"ajoutez \"{key}\": \"…\" à l'entrée de cette langue."))
        paths = language.get("paths")
        if not isinstance(paths, dict):
            found.append((f"LANGUAGES[\"{code}\"] n'a pas « paths » (les adresses de ses pages).", "LANGUAGES",
                          "copiez les « paths » d'une autre langue et traduisez les adresses."))
            continue
        missing = [key for key in wanted if key not in paths]
        for key in missing:
            found.append((f"LANGUAGES[\"{code}\"][\"paths\"] n'a pas « {key} » (le plugin « {wanted[key]} » en fait "
                          "une adresse).", "LANGUAGES",
                          f"ajoutez \"{key}\": \"…\" aux paths de cette langue, comme dans les autres langues."))
    return found


def apply_defaults(modules, settings):
    """Each declared setting that the settings file leaves out takes its declared default."""
    for module in modules:
        contract = contract_of(module)
        for setting, default in (contract.settings if contract else {}).items():
            if setting not in settings:
                settings[setting] = copy.deepcopy(default)


def with_defaults(settings):
    """The settings with every plugin's declared defaults, for a tool that reads content without a
    build (make status): the same values a build would see."""
    import importlib

    apply_defaults([importlib.import_module(name) for name in settings.get("PLUGINS", [])], settings)
    return settings


def check(pelican):
    """At ``initialized``: the plugins' order and the settings, then the defaults; a ContentError
    (after every other problem is reported) stops the build before anything is read."""
    from content_errors import ContentError, report

    settings = pelican.settings
    modules = list(getattr(pelican, "plugins", []))
    names = [module.__name__ for module in modules]
    source = settings.get("SETTINGS_FILE")
    errors = [ContentError(message, *settings_place(source, setting), fix=fix)
              for message, setting, fix in problems(names, modules, settings)]
    for error in errors[:-1]:
        report(error, log=logger)
    if errors:
        raise errors[-1]
    apply_defaults(modules, settings)
