"""Plugins, tools and templates use a plugin only through what it declares: its package's
``__all__`` (every public name of site_core's modules), and the context keys of its CONTRACT.
Read from the source, so a new reach-in fails here before any build."""

import ast
import importlib

from jinja2 import Environment, FileSystemLoader, meta
from pelican.settings import read_settings

from site_core.contracts import declared_context_keys, with_defaults
from sitebuild import ROOT

PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())
CORE_MODULES = ("contracts", "run", "urls", "pages", "dates", "files", "html")
SETTINGS = with_defaults(read_settings(str(ROOT / "pelicanconf.py")))


def uses_of_other_plugins(paths, root=ROOT):
    """(file, line, plugin, submodule or None, name) of every name a file (under `root`) takes from a
    plugin not its own."""
    found = []
    for path in paths:
        parts = path.relative_to(root).parts
        owner = parts[1] if parts[0] == "plugins" else None
        tree = ast.parse(path.read_text(), str(path))
        aliases = {}  # local name of an imported plugin or plugin module -> (plugin, submodule)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                plugin, _, sub = node.module.partition(".")
                if plugin in PLUGINS and plugin != owner:
                    for alias in node.names:
                        found.append((path, node.lineno, plugin, sub or None, alias.name))
                        if not sub and (ROOT / "plugins" / plugin / f"{alias.name}.py").is_file():
                            aliases[alias.asname or alias.name] = (plugin, alias.name)  # a module of it
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    plugin, _, sub = alias.name.partition(".")
                    if plugin in PLUGINS and plugin != owner:
                        aliases[alias.asname or plugin] = (plugin, sub or None)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in aliases:
                plugin, sub = aliases[node.value.id]
                found.append((path, node.lineno, plugin, sub, node.attr))
    return found


def sources():
    return sorted([*(ROOT / "plugins").rglob("*.py"), *(ROOT / "tools").glob("*.py")])


def api_of(plugin):
    return set(getattr(importlib.import_module(plugin), "__all__", []))


def reaches(found):
    """The uses that are not in the used plugin's API."""
    wrong = []
    for path, line, plugin, sub, name in found:
        where = f"{path.name}:{line} {plugin}{'.' + sub if sub else ''}.{name}"
        if plugin == "site_core":  # the core: its modules are its API, their private names are not
            if name.startswith("_") or (sub is None and name not in (*CORE_MODULES, "Contract", "run_of")):
                wrong.append(where)
        elif name.startswith("_") or (sub is None and name not in api_of(plugin)) or (
                sub is not None and sub not in api_of(plugin)):
            wrong.append(where)
    return wrong


def test_every_plugin_declares_its_api():
    assert not [plugin for plugin in PLUGINS if plugin != "site_core"
                and not hasattr(importlib.import_module(plugin), "__all__")]


def test_no_plugin_or_tool_reaches_into_a_plugins_internals():
    assert not reaches(uses_of_other_plugins(sources()))


def test_the_boundary_check_does_see_a_reach_in(tmp_path):
    sneaky = tmp_path / "tools" / "sneaky.py"  # read as a tool of the project would be
    sneaky.parent.mkdir()
    sneaky.write_text("from multilingual.terms import _private\nimport responsive_images\nresponsive_images._open\n"
                      "from multilingual import terms\nterms._slugs\nfrom exhibitions import ExhibitionsGenerator\n")
    found = uses_of_other_plugins([sneaky], root=tmp_path)
    assert {(p, s, n) for _, _, p, s, n in found} >= {
        ("multilingual", "terms", "_private"), ("responsive_images", None, "_open"), ("multilingual", "terms", "_slugs"),
        ("exhibitions", None, "ExhibitionsGenerator")}
    assert len(reaches(found)) == 4


def test_every_context_key_a_template_reads_is_a_setting_or_declared_by_a_plugin():
    env = Environment(loader=FileSystemLoader(str(ROOT / "theme" / "templates")), extensions=["jinja2.ext.i18n"])
    env.filters.update(dict.fromkeys(("localdate", "localnumber", "filesize"), str))  # the multilingual plugin's
    declared = declared_context_keys([importlib.import_module(name) for name in SETTINGS["PLUGINS"]])
    unknown = {}
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        for variable in meta.find_undeclared_variables(env.parse(source)):
            if variable.isupper() and variable not in SETTINGS and variable not in declared:
                unknown.setdefault(variable, []).append(name)
    assert not unknown, unknown


def test_the_readme_documents_every_context_key_a_plugin_provides():
    declared = declared_context_keys([importlib.import_module(name) for name in SETTINGS["PLUGINS"]])
    readme = (ROOT / "README.md").read_text()
    assert declared and not [key for key in declared if f"`{key}`" not in readme]
