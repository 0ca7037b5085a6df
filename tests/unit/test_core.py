"""site_core: contracts between plugins, a run's state, addresses, dates; and the render cache's
fingerprints. Pure functions, in this process."""

import datetime
import importlib
import os
import pickle
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings

from render_cache import Fingerprinter, FingerprintError
from site_core.contracts import (
    Contract,
    apply_defaults,
    declared_context_keys,
    problems,
    settings_line,
    settings_place,
)
from site_core.dates import date_label
from site_core.run import RUN_KEY, Run, run_of
from site_core.urls import absolute, save_as
from sitebuild import ROOT


def plugin(name, **contract):
    return SimpleNamespace(__name__=name, CONTRACT=Contract(**contract))


LANGUAGES = {"fr": {"name": "Français", "site_name": "Site", "paths": {"home": "", "news": "nouvelles/"}}}


def test_a_plugin_listed_before_one_it_needs_is_named_with_the_fix():
    modules = [plugin("b", needs=("a",)), plugin("a")]
    found = problems(["b", "a"], modules, {"LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"})
    assert found == [("le plugin « b » est listé avant « a », dont il a besoin.", "PLUGINS",
                      "dans PLUGINS, placez « \"a\" » avant « \"b\" ».")]


def test_a_context_key_read_before_every_plugin_that_fills_it_is_refused():
    modules = [plugin("pages", reads=("ABOUT",)), plugin("one", provides={"ABOUT": "…"}),
               plugin("two", provides={"ABOUT": "…"})]
    found = problems(["pages", "one", "two"], modules, {"LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"})
    assert [message for message, _, _ in found] == [
        "le plugin « pages » lit « ABOUT », que « one » fournit, mais il est listé avant lui.",
        "le plugin « pages » lit « ABOUT », que « two » fournit, mais il est listé avant lui."]
    assert not problems(["one", "two", "pages"], modules, {"LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"})
    lonely = problems(["pages"], modules[:1], {"LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"})
    assert "qu'aucun plugin de PLUGINS ne fournit" in lonely[0][0]


def test_a_setting_of_the_wrong_kind_and_a_missing_address_are_refused():
    modules = [plugin("images", settings={"WIDTHS": [400], "INDEX": True}, paths=("home", "search"))]
    settings = {"WIDTHS": 400, "INDEX": "yes", "LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"}
    messages = [message for message, _, _ in problems(["images"], modules, settings)]
    assert messages == [
        "WIDTHS devrait être une liste [ … ] (le plugin « images » le lit), pas « 400 ».",
        "INDEX devrait être vrai ou faux (True/False) (le plugin « images » le lit), pas « 'yes' ».",
        "LANGUAGES[\"fr\"][\"paths\"] n'a pas « search » (le plugin « images » en fait une adresse)."]
    fine = [plugin("images", settings={"WIDTHS": [400], "INDEX": True}, paths=("home",))]
    assert not problems(["images"], fine, {"WIDTHS": (400,), "INDEX": False, "LANGUAGES": LANGUAGES,
                                           "DEFAULT_LANG": "fr"}), "a tuple is a list"


def test_a_language_without_paths_or_a_default_language_outside_the_list_is_refused():
    broken = {"fr": {"name": "Français", "site_name": "Site"}, "es": {"paths": {}}}
    messages = [m for m, _, _ in problems([], [], {"LANGUAGES": broken, "DEFAULT_LANG": "en"})]
    assert messages == [
        "DEFAULT_LANG (« en ») n'est pas une des langues de LANGUAGES (fr, es).",
        "LANGUAGES[\"fr\"] n'a pas « paths » (les adresses de ses pages).",
        "LANGUAGES[\"es\"] n'a pas « name » (le nom de la langue (« Español »)).",
        "LANGUAGES[\"es\"] n'a pas « site_name » (le nom du site dans cette langue)."]


def test_a_setting_has_one_default_and_the_core_comes_first():
    modules = [plugin("site_core"), plugin("a", settings={"ORIGIN": ""}), plugin("b", settings={"ORIGIN": "/"})]
    base = {"LANGUAGES": LANGUAGES, "DEFAULT_LANG": "fr"}
    assert [m for m, _, _ in problems(["site_core", "a", "b"], modules, base)] == [
        "ORIGIN a deux valeurs par défaut : '' (plugin « a ») et '/' (plugin « b »)."]
    assert problems(["a", "site_core"], modules[:2], base)[0][0] == (
        "le plugin « site_core » doit être le premier de PLUGINS (il vérifie les autres).")


def test_defaults_live_in_the_contract_and_never_overwrite_a_setting():
    modules = [plugin("kits", settings={"KITS_PATH": "kits", "LICENCES": ["a"]})]
    settings = {"KITS_PATH": "trousses"}
    apply_defaults(modules, settings)
    assert settings == {"KITS_PATH": "trousses", "LICENCES": ["a"]}
    settings["LICENCES"].append("b")
    assert modules[0].CONTRACT.settings["LICENCES"] == ["a"], "a default is copied, never shared"


def test_the_sites_plugins_all_declare_a_contract_that_the_real_settings_satisfy():
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    modules = [importlib.import_module(name) for name in settings["PLUGINS"]]
    assert all(hasattr(module, "CONTRACT") for module in modules if module.__name__ != "site_core")
    assert problems(settings["PLUGINS"], modules, settings) == []
    table = declared_context_keys(modules)
    assert {"TERMS", "SITE_LANGUAGES", "ABOUT_COUNTRIES", "KITS_BY_LANG", "COUNTRY_URLS"} <= set(table)
    assert table["ABOUT_COUNTRIES"][0] == "exhibitions"


def test_a_settings_line_is_the_last_one_that_sets_or_changes_it(tmp_path):
    settings = tmp_path / "settings.py"
    settings.write_text('PLUGINS = [\n    "a",\n]\nNEWS = 1\nPLUGINS.append("b")\nOTHER_PLUGINS = []\nNEWS += 1\n')
    assert settings_line(settings, "PLUGINS") == 5 and settings_line(settings, "NEWS") == 7
    assert settings_line(settings, "ABSENT") is None and settings_line(tmp_path / "absent.py", "PLUGINS") is None
    publish = tmp_path / "publish.py"
    publish.write_text("from settings import *\n\nSITE_ORIGIN = 'https://x'\n")
    assert settings_place(str(publish), "SITE_ORIGIN") == (str(publish), 3)
    assert settings_place(str(publish), "NEWS") == (str(settings), 7), "a setting it takes from the file it starts from"
    assert settings_place(str(publish), "ABSENT") == (str(publish), None)


def test_a_run_belongs_to_its_context_and_is_never_pickled():
    settings = {"PATH": "content"}
    first = dict(settings)
    generator = SimpleNamespace(context=first, settings=settings)
    run = run_of(generator)
    assert run_of(first) is run and run_of(SimpleNamespace(settings=settings)) is run
    assert run.get("store", list) is run.get("store", list)
    second = dict(settings)  # the next run's context, copied from settings that hold the first run
    assert second[RUN_KEY] is run
    assert run_of(SimpleNamespace(context=second, settings=settings)) is not run, "a new context, a new run"
    page_copy = dict(second, article="x")
    assert run_of(page_copy) is second[RUN_KEY], "a page's copy of the context shares its run"
    second[RUN_KEY].get("store", list).append("state of this run")
    restored = pickle.loads(pickle.dumps({"context": second}))["context"]
    assert not isinstance(restored[RUN_KEY], Run), "a cached item's context keeps no run state"
    with pytest.raises(LookupError):
        run_of(restored)
    with pytest.raises(LookupError):
        run_of(SimpleNamespace(settings={}))


@pytest.mark.parametrize("url, file", [("", "index.html"), ("nouvelles/", "nouvelles/index.html"),
                                       ("/es/", "es/index.html"), ("flux/atom.xml", "flux/atom.xml")])
def test_an_address_and_its_file(url, file):
    assert save_as(url) == file


def test_an_absolute_address_has_one_slash_between_origin_and_path():
    assert absolute({"SITE_ORIGIN": "https://ciso.qc.ca/"}, "/es/noticias/") == "https://ciso.qc.ca/es/noticias/"
    assert absolute({"SITE_ORIGIN": "https://ciso.qc.ca"}, "pays/") == "https://ciso.qc.ca/pays/"
    assert absolute({}, "pays/") == "/pays/"


@pytest.mark.parametrize("precision, locale, label", [
    (1, "fr_CA", "2024"), (2, "fr_CA", "novembre 2024"), (2, "es", "noviembre de 2024"), (3, "fr_CA", "5 novembre 2024")])
def test_a_partial_date_is_shown_to_its_precision_the_languages_way(precision, locale, label):
    assert date_label(datetime.date(2024, 11, 5), precision, locale) == label


class Unknown:
    pass


def test_the_render_cache_refuses_what_it_cannot_summarise_and_says_where_it_came_from():
    prints = Fingerprinter()
    with pytest.raises(FingerprintError) as refused:
        prints.named("STORE", {"a": [Unknown()]}, "la clé du contexte")
    assert "« Unknown »" in str(refused.value) and "la clé du contexte « STORE »" in str(refused.value)
    loop = []
    loop.append(loop)
    with pytest.raises(FingerprintError):
        prints.value(loop)


def test_a_replaced_photo_changes_what_every_page_is_made_of(tmp_path):
    """Pages show images by their path; the derivatives' names come from the image's content."""
    from PIL import Image

    from responsive_images import ImageStore

    photo = tmp_path / "content" / "photo.jpg"
    photo.parent.mkdir()
    settings = {"PATH": str(photo.parent), "CACHE_PATH": str(tmp_path / "cache"), "IMAGE_CACHE_PATH": None,
                "IMAGE_WIDTHS": [400], "IMAGE_OUTPUT_DIR": "images", "IMAGE_QUALITY": {"avif": 50, "webp": 70, "jpeg": 70},
                "IMAGE_SIZES": "100vw"}

    def fingerprint(colour):
        Image.new("RGB", (500, 300), colour).save(photo)
        run = Run({})
        run.get("images", lambda: ImageStore(settings)).image_set(str(photo))
        return Fingerprinter().value(run)

    assert fingerprint("red") == fingerprint("red") != fingerprint("blue")


def test_a_page_written_with_a_context_of_its_own_is_fingerprinted_with_that_context(tmp_path):
    """Pelican lets a generator write a page with a context of its own: its fingerprint is that
    context's (the first context to reach the writer used to be every page's)."""
    from render_cache import CachingWriter

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "CACHE_PATH": str(tmp_path / "cache"), "OUTPUT_PATH": str(tmp_path / "output"),
        "PARALLEL_RENDERING_PROCESSES": 1, "PARALLEL_RENDERING_FROM": 200})
    writer = CachingWriter(str(tmp_path / "output"), settings=settings)
    writer.shared_context = {"SITENAME": "Le site"}
    template = SimpleNamespace(name="page.html")

    def fingerprint(context):
        return writer._page_fingerprint("page/index.html", template, context, {}, [])

    assert len({fingerprint({"SITENAME": "Autre"}), fingerprint({"SITENAME": "Encore"}),
                fingerprint(writer.shared_context)}) == 3


def test_the_render_cache_summarises_dataclasses_declared_fingerprints_and_code_by_what_they_hold():
    from content_folders import Photo

    prints = Fingerprinter()
    photo = Photo("a", 1, "x.jpg", "Nom", "https://…", {"fr": "Légende"}, {"fr": "Alt"})
    assert prints.value(photo) != prints.value(Photo("a", 1, "x.jpg", "Nom", "https://…", {"fr": "Autre"}, {"fr": "Alt"}))
    assert prints.value({"f": save_as}) == [["f", ["code", "site_core.urls", "save_as"]]]
    assert prints.value({1, 3, 2}) == [1, 2, 3]
    assert prints.value(datetime.date(2024, 1, 2)) == "2024-01-02"


def test_a_shared_cache_keeps_the_files_another_build_is_writing_and_drops_a_killed_ones(tmp_path):
    import subprocess
    import sys

    from site_core.files import TEMPORARY_PREFIX, atomic_path, remove_leftovers

    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    killed = tmp_path / f"{TEMPORARY_PREFIX}{ended.stdout.strip()}-abc.avif"
    killed.write_bytes(b"half")
    old_style = tmp_path / f"{TEMPORARY_PREFIX}abc.avif"  # named by older code, without its process
    old_style.write_bytes(b"half")
    # An encoder killed with its build, not yet reaped by anyone: a zombie, which writes nothing.
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    while open(f"/proc/{zombie.pid}/stat").read().rsplit(")", 1)[-1].split()[0] != "Z":
        pass
    unreaped = tmp_path / f"{TEMPORARY_PREFIX}{zombie.pid}-def.avif"
    unreaped.write_bytes(b"")
    with atomic_path(tmp_path / "photo-800.avif") as writing:
        open(writing, "wb").write(b"being written")
        remove_leftovers(tmp_path)  # another build starting meanwhile
        assert os.path.exists(writing)
    assert (tmp_path / "photo-800.avif").read_bytes() == b"being written"
    assert not killed.exists() and not old_style.exists() and not unreaped.exists()
    zombie.wait()


def counting_environment(folder, cache, compiled, **options):
    """A Jinja environment over `folder` using `cache`, appending to `compiled` each time it compiles."""
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(folder)), bytecode_cache=cache, **options)
    original = env.compile
    env.compile = lambda *args, **kwargs: compiled.append(1) or original(*args, **kwargs)
    return env


def test_a_template_is_compiled_once_per_process_and_again_when_it_or_the_environment_changes(tmp_path):

    from site_core.templates import ProcessBytecodeCache

    (tmp_path / "page.html").write_text("<p>{{ title }}</p>")
    cache = ProcessBytecodeCache()
    compiled = []

    def environment(**options):
        return counting_environment(tmp_path, cache, compiled, **options)

    assert environment(autoescape=True).get_template("page.html").render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert environment(autoescape=True).get_template("page.html").render(title="a") == "<p>a</p>"
    assert len(compiled) == 1, "a second environment of the same kind reuses the compiled code"
    assert environment(autoescape=False).get_template("page.html").render(title="<b>") == "<p><b></p>"
    assert len(compiled) == 2, "an environment with other options compiles its own"
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>")
    assert environment(autoescape=True).get_template("page.html").render(title="a") == "<h1>a</h1>"
    assert len(compiled) == 3, "a changed template is compiled again"


def test_a_new_process_finds_the_templates_an_earlier_one_compiled_in_the_cache_folder(tmp_path):

    from site_core.templates import ProcessBytecodeCache

    (tmp_path / "page.html").write_text("<p>{{ title }}</p>")
    compiled = []

    def render(cache):  # each cache stands for a process: its memory starts empty
        return counting_environment(tmp_path, cache, compiled, autoescape=True).get_template("page.html").render(
            title="a")

    assert render(ProcessBytecodeCache(tmp_path / "cache")) == "<p>a</p>" and len(compiled) == 1
    assert render(ProcessBytecodeCache(tmp_path / "cache")) == "<p>a</p>" and len(compiled) == 1
    assert not [p for p in (tmp_path / "cache").iterdir() if p.name.endswith(".tmp")], "written whole, renamed"


def test_builds_with_other_cache_folders_in_one_process_reuse_its_compiled_templates(tmp_path):
    """The tests and the dev server build many sites in one process, each with its own CACHE_PATH."""
    from site_core.templates import ProcessBytecodeCache

    (tmp_path / "page.html").write_text("<p>{{ title }}</p>")
    compiled, memory = [], {}
    for folder in ("cache-a", "cache-b"):
        cache = ProcessBytecodeCache(tmp_path / folder, memory=memory)
        assert counting_environment(tmp_path, cache, compiled, autoescape=True).get_template(
            "page.html").render(title="a") == "<p>a</p>"
    assert len(compiled) == 1
    assert len(list((tmp_path / "cache-a").iterdir())) == 1, "the folder that compiled it keeps it for a next process"


def test_a_killed_writers_compiled_template_leftover_is_removed_not_a_fresh_one(tmp_path):
    from site_core.templates import STALE_AFTER, remove_stale_writes

    stale, fresh = tmp_path / "__jinja2_a.cache1.tmp", tmp_path / "__jinja2_b.cache2.tmp"
    for path in (stale, fresh):
        path.write_bytes(b"half")
    os.utime(stale, (0, os.path.getmtime(stale) - STALE_AFTER - 1))
    remove_stale_writes(tmp_path)
    assert not stale.exists() and fresh.exists()


def test_the_render_cache_writes_what_pelicans_writer_writes(tmp_path):
    """Pages left for later, an override taking the place of one, a page skipped after an override,
    and the signals sent: the same as with Pelican's own writer, on a first build and on a rebuild
    that reuses the first build's files."""
    from jinja2 import Environment
    from pelican import signals
    from pelican.settings import read_settings
    from pelican.writers import Writer

    from render_cache import CachingWriter
    from site_core.run import run_of

    theme = tmp_path / "theme"
    theme.mkdir()

    def build(writer_class, output, previous=None):
        settings = read_settings(None, override={
            "OUTPUT_PATH": str(output), "PREVIOUS_OUTPUT_PATH": str(previous or output), "CACHE_PATH": str(tmp_path / "cache"),
            "PARALLEL_RENDERING_PROCESSES": 1, "PARALLEL_RENDERING_FROM": 200, "RENDER_CACHE": True, "THEME": str(theme)})
        context, template, sent = dict(settings), Environment().from_string("{{ who }}"), []

        def record(path, context):
            sent.append((os.path.relpath(path, output), context["who"]))

        signals.content_written.connect(record)
        try:
            writer = writer_class(str(output), settings=settings)
            writer.write_file("a.html", template, context, who="page")
            writer.write_file("a.html", template, context, override_output=True, who="override")
            writer.write_file("b.html", template, context, override_output=True, who="override")
            writer.write_file("b.html", template, context, who="skipped page")
            writer.write_file("c/index.html", template, context, who="page")
            for recorder in run_of(settings).get("page_recorders", list):
                recorder.write_all({})
            for cache_writer in run_of(settings).get("render_cache_writers", list):
                cache_writer.save()
        finally:
            signals.content_written.disconnect(record)
        return {name: (output / name).read_text() for name in ("a.html", "b.html", "c/index.html")}, sorted(sent)

    pelicans = build(Writer, tmp_path / "pelican")
    assert pelicans[0] == {"a.html": "override", "b.html": "override", "c/index.html": "page"}
    assert build(CachingWriter, tmp_path / "first") == pelicans
    assert build(CachingWriter, tmp_path / "second", previous=tmp_path / "first") == pelicans
    assert os.stat(tmp_path / "second" / "c/index.html").st_ino == os.stat(tmp_path / "first" / "c/index.html").st_ino


def test_a_file_linked_again_replaces_what_a_killed_worker_left(tmp_path):
    """A worker killed after linking some of its pages: its part is done again here, over those links."""
    from site_core.files import link_or_copy

    (tmp_path / "last").write_text("page")
    link_or_copy(tmp_path / "last", tmp_path / "new")
    link_or_copy(tmp_path / "last", tmp_path / "new")  # the same file already there
    (tmp_path / "other").write_text("autre")
    link_or_copy(tmp_path / "other", tmp_path / "new")
    assert (tmp_path / "new").read_text() == "autre"
    assert os.stat(tmp_path / "new").st_ino == os.stat(tmp_path / "other").st_ino
    link_or_copy(tmp_path / "new", tmp_path / "new")  # a build in place: the file is kept, not removed
    assert (tmp_path / "new").read_text() == "autre"
