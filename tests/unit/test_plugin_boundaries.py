"""Plugins use each other only through what each one declares as its API (its package's
``__all__``; every public name of site_core's modules): no reach into another plugin's
internals. Read from the source, so a new reach-in fails here before any build."""

import ast
import importlib

from sitebuild import ROOT

PLUGINS = sorted(p.name for p in (ROOT / "plugins").iterdir() if (p / "__init__.py").is_file())


def uses_of_other_plugins():
    """(file, line, plugin, submodule or None, name) of every name a plugin takes from another one."""
    found = []
    for path in sorted((ROOT / "plugins").rglob("*.py")):
        owner = path.relative_to(ROOT / "plugins").parts[0]
        tree = ast.parse(path.read_text(), str(path))
        imported = {}  # local name of an imported plugin module -> (plugin, submodule)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                plugin, _, sub = node.module.partition(".")
                if plugin in PLUGINS and plugin != owner:
                    found += [(path, node.lineno, plugin, sub or None, alias.name) for alias in node.names]
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    plugin, _, sub = alias.name.partition(".")
                    if plugin in PLUGINS and plugin != owner:
                        imported[alias.asname or plugin] = (plugin, sub or None)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in imported:
                plugin, sub = imported[node.value.id]
                found.append((path, node.lineno, plugin, sub, node.attr))
    return found


def api_of(plugin):
    module = importlib.import_module(plugin)
    return set(getattr(module, "__all__", []))


def test_every_plugin_but_the_core_declares_its_api_or_is_used_by_none():
    used = {plugin for _, _, plugin, _, _ in uses_of_other_plugins()} - {"site_core"}
    assert all(api_of(plugin) for plugin in used), [p for p in used if not api_of(p)]


def test_no_plugin_reaches_into_another_ones_internals():
    reaches = []
    for path, line, plugin, sub, name in uses_of_other_plugins():
        where = f"{path.relative_to(ROOT)}:{line} {plugin}{'.' + sub if sub else ''}.{name}"
        if plugin == "site_core":  # the core: its modules are its API, their private names are not
            if name.startswith("_") or (sub is None and name not in ("contracts", "run", "urls", "pages", "dates",
                                                                        "files", "html")):
                reaches.append(where)
        elif sub is None and name not in api_of(plugin):
            reaches.append(where)
        elif sub is not None and (sub not in api_of(plugin) or name.startswith("_")):
            reaches.append(where)
    assert not reaches, reaches


def test_the_boundary_check_does_see_a_reach_in(tmp_path, monkeypatch):
    sneaky = ROOT / "plugins" / "render_cache" / "_boundary_self_test.py"
    sneaky.write_text("from multilingual.terms import _private\nimport responsive_images\nresponsive_images._open\n")
    try:
        found = {(plugin, sub, name) for _, _, plugin, sub, name in uses_of_other_plugins()}
        assert {("multilingual", "terms", "_private"), ("responsive_images", None, "_open")} <= found
    finally:
        sneaky.unlink()


def test_the_readme_documents_every_context_key_a_plugin_provides():
    from pelican.settings import read_settings

    from site_core.contracts import declared_context_keys

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    declared = declared_context_keys([importlib.import_module(name) for name in settings["PLUGINS"]])
    readme = (ROOT / "README.md").read_text()
    assert declared and not [key for key in declared if f"`{key}`" not in readme]
