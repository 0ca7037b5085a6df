"""Every build of the site goes through here: `make html`, the dev server,
`make publish`, `make newsletter` and the tests.

``build_site(content, output, settings_file, overrides)`` runs Pelican in
this process and returns a ``BuildResult``:

* Pelican writes into a staging folder beside the output; the output is
  replaced by it only when the build succeeded, so a failed, interrupted
  or killed build leaves the last good site exactly as it was; the site
  it replaces is deleted in the background (``rm -rf``), not waited for.
  Published folders are 0755 and files 0644, whatever the umask, so a web
  server running as another user can read them.
* Every problem is collected through a logging handler as a structured
  record (file, line, message, fix): our plugins report
  ``content_errors.ContentError`` objects as they are; Pelican's own
  messages an author can cause are put in French, and its echoes of a
  problem already reported are dropped. Nothing is read back from console
  output, and messages print the same in a terminal, a pipe, CI and the
  dev server's page: one per line, paths whole.
* An error stops the build before anything is written (once every
  generator has read its content, so all of them are reported at once);
  in strict mode (BUILD_FAIL_ON_WARNINGS, for publishing) a warning too.
* Builds of one output folder, or of one cache folder, take turns (a lock
  beside each); each cleans the staging folders of builds that were killed.
* Pelican's content cache is sealed after each build (size and time of
  each file, the plugins' code and the settings); a cache file that a
  killed or interrupted build left half-written, or that older code wrote,
  is discarded with one plain line, never loaded.
* Ctrl+C (or SIGTERM) stops the build, exit status 130; an unexpected
  error is one plain line, its traceback saved in the cache folder.

Pelican's own entry point (``pelican.main``) prints a rich console log,
exits 0 after logging errors and writes in place; this module replaces it
for this site. Run it as ``python -m tools.build`` (``make html``).
"""

import argparse
import contextlib
import datetime
import fcntl
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tools import stopping

INTERRUPTED = "Construction interrompue : le site déjà construit n'a pas changé."

if __name__ == "__main__":  # before Pelican is imported, which takes a moment: Ctrl+C then is one plain line
    stopping.while_starting(INTERRUPTED)
    stopping.end_without_teardown()

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

import blinker  # noqa: E402
import jinja2  # noqa: E402
import pelican  # noqa: E402  (pelican.log sets the logger class first)
from pelican import signals  # noqa: E402
from pelican.log import LimitFilter, console  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from content_errors import ContentError, describe, show_paths_from, shown  # noqa: E402
from site_core.files import remove_leftovers, write_atomically  # noqa: E402
from site_core.progress import LOGGER as PROGRESS  # noqa: E402
from site_core.templates import remove_stale_writes  # noqa: E402

SEAL = "seal.json"
CRASH_LOG = "derniere-erreur.txt"


@dataclass
class Problem:
    """One thing for the author to fix (an error) or to know (a warning)."""

    level: str  # "error" or "warning"
    message: str
    path: str = None
    line: int = None
    fix: str = None

    @classmethod
    def of(cls, error, level="error", path=None):
        """The record of a ContentError (`path`: where it happened, when the error does not say)."""
        return cls(level, error.message, error.path or path, error.line, error.fix)

    def text(self):
        """The problem as people read it: file, line, message, then the fix."""
        label = "Erreur" if self.level == "error" else "Attention"
        return f"{label} : {describe(self.message, self.path, self.line, self.fix)}"


@dataclass
class BuildResult:
    """What a build did: whether it succeeded, its problems and notes, the pages written, their sources."""
    ok: bool
    output: str
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)  # plain information (a cache rebuilt…)
    log: list = field(default_factory=list)  # INFO lines, when asked for (verbose)
    seconds: float = 0.0
    interrupted: bool = False
    strict: bool = False  # warnings count as errors (BUILD_FAIL_ON_WARNINGS)
    pages: int = 0
    sources: dict = field(default_factory=dict)  # output file -> what made it (url_registry)

    @property
    def errors(self):
        """The problems that stop a build."""
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self):
        """The problems that stop only a strict build (publishing)."""
        return [p for p in self.problems if p.level == "warning"]

    @property
    def exit_status(self):
        """What `make html` exits with: 0, 1 for problems, 130 when interrupted."""
        return 130 if self.interrupted else (0 if self.ok else 1)

    def text(self):
        """Everything the build said, as printed."""
        return "\n".join([*self.notes, *self.log, *(p.text() for p in self.problems)])


class BuildStopped(Exception):
    """Raised when Pelican asks for its writer while problems are recorded: nothing gets written."""


# --- Problems from log records -------------------------------------------

def _pelican_problem(record, content_root):
    """Pelican's own messages an author can cause, in French; None to drop an echo of ours."""
    template, args = record.msg, record.args if isinstance(record.args, tuple) else ()
    if not isinstance(template, str):
        return None
    if template.startswith("Could not process"):
        error = sys.exc_info()[1]  # the handler runs inside Pelican's `except`
        path = os.path.join(content_root, str(args[0])) if args else None
        if isinstance(error, ContentError):
            return Problem.of(error, path=path)
        return Problem("error", f"ce fichier n'a pas pu être lu ({error}).", path,
                       fix="vérifiez qu'il s'agit d'un texte enregistré depuis un éditeur de texte.")
    if template.startswith(("Empty alt attribute", "There are %s", "Cannot get modification stamp", "Unable to find")):
        return None  # reported by our plugins with the file, line and fix (content_errors, responsive_images)
    if template.startswith("Skipping %s: could not find information about"):
        return Problem("error", f"il manque « {str(args[1]).capitalize()}: » dans l'en-tête.", str(args[0]),
                       fix=f"ajoutez une ligne « {str(args[1]).capitalize()}: … » en haut du fichier.")
    if template.startswith("Skipping %s: file %r would be written outside"):
        return Problem("error", f"l'adresse « {args[1]} » sortirait du site.", str(args[0]),
                       fix="écrivez « Slug: » avec des lettres, des chiffres et des tirets seulement.")
    if template.startswith("Unknown status"):
        return Problem("error", f"« Status: {args[0]} » n'est pas un état connu.", str(args[1]),
                       fix="écrivez « Status: draft » (brouillon), « Status: hidden » (page cachée), "
                           "ou retirez la ligne pour publier.")
    level = "error" if record.levelno >= logging.ERROR else "warning"
    return Problem(level, record.getMessage())


class ProblemCollector(logging.Handler):
    """Records what one build logs (in its own thread: the dev server serves pages meanwhile)."""

    def __init__(self, content_root, verbose=False):
        super().__init__(level=logging.INFO if verbose else logging.WARNING)
        self.content_root = content_root
        self.thread = threading.get_ident()
        self.problems, self.log = [], []
        self._seen = set()

    def emit(self, record):
        """Record a log record of the building thread as a Problem (or a line of the verbose log)."""
        if record.thread != self.thread:
            return
        if record.levelno < logging.WARNING:
            self.log.append(record.getMessage())
            return
        error = getattr(record, "problem", None)
        level = "error" if record.levelno >= logging.ERROR else "warning"
        if isinstance(error, ContentError):
            problem = Problem.of(error, level)
        else:
            problem = _pelican_problem(record, self.content_root)
        if problem is not None:
            self.add(problem)

    def add(self, problem):
        """Add a problem, once."""
        key = (problem.level, problem.message, problem.path, problem.line)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(problem)

    def failing(self, strict):
        """Whether the problems so far make the build fail (a warning too, when strict)."""
        return [p for p in self.problems if p.level == "error" or strict]


class _ProgressShown(logging.Handler):
    """Gives each progress message of the building thread (site_core.progress) to `show` at once."""

    def __init__(self, show):
        super().__init__(level=logging.INFO)
        self.show, self.thread = show, threading.get_ident()

    def emit(self, record):
        if record.thread == self.thread:
            self.show(record.getMessage())


def print_progress(message):
    """How make html shows progress: a line in the terminal, at once."""
    print(f"  {message}", flush=True)


@contextlib.contextmanager
def _collecting(collector, show_progress=None):
    root = logging.getLogger()
    level = root.level
    root.addHandler(collector)
    root.setLevel(collector.level)
    progress_logger = PROGRESS
    shown = _ProgressShown(show_progress) if show_progress else None
    if shown:
        progress_logger.addHandler(shown)
        progress_logger.setLevel(logging.INFO)
    quiet, console.quiet = console.quiet, True  # Pelican's "Done: Processed…" line, in English
    # Pelican drops a warning it has already logged once in this process; each build starts afresh.
    LimitFilter._raised_messages.clear()
    LimitFilter._group_count.clear()
    try:
        yield
    finally:
        root.removeHandler(collector)
        root.setLevel(level)
        if shown:
            progress_logger.removeHandler(shown)
        console.quiet = quiet


# --- Folders -------------------------------------------------------------

class _Beside(NamedTuple):
    """The folder an output is in, and the names beside it."""
    parent: str
    staging_prefix: str  # the staging folders' (a build writes the new site there)
    previous: str  # the site a swap has just replaced (its path)
    discarded_prefix: str  # the folders being deleted (_discard)


def _siblings(output):
    parent, name = os.path.dirname(output), os.path.basename(output)
    return _Beside(parent, f".{name}-staging-", os.path.join(parent, f".{name}-previous"), f".{name}-discarded-")


@contextlib.contextmanager
def _taking_turns(output, cache):
    """Builds of one output folder, or of one cache folder, one after the other: two builds writing
    one cache at once (a dev server and `make html` into another folder) would leave it half-written.
    Always the output's lock first, then the cache's: two builds never wait for each other in a circle."""
    with _lock_beside(output), _lock_beside(cache):
        stuck = _clean_leftovers(output)
        # No other build writes in this cache now: a compiled template half-written is a killed build's.
        remove_stale_writes(os.path.join(cache, "templates"), older_than=0)
        yield stuck


@contextlib.contextmanager
def _lock_beside(folder):
    parent = _siblings(folder).parent
    os.makedirs(parent, exist_ok=True)
    with open(os.path.join(parent, f".{os.path.basename(folder)}.lock"), "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Une autre construction de ce site est en cours ; celle-ci attend qu'elle finisse.", flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        yield


STUCK_SECONDS = 600  # a folder handed to rm this long ago is not being deleted (rm takes seconds)


def _clean_leftovers(output):
    """Staging folders of builds that were killed, an old output a killed swap left, and folders whose
    deletion was cut short (the machine stopped) or failed: deleted. Returns the folders whose deletion
    has failed for STUCK_SECONDS (a site once built as another user: rm may not delete it), which
    would otherwise take a copy of the site's room on the disk each build, unsaid."""
    parent, staging_prefix, previous, discarded_prefix = _siblings(output)
    stuck = []
    for entry in os.scandir(parent):
        if entry.name.startswith(discarded_prefix) and time.time() - entry.stat().st_mtime > STUCK_SECONDS:
            stuck.append(entry.path)
        if entry.name.startswith((staging_prefix, discarded_prefix)):
            _discard(entry.path, output)
    if os.path.isdir(output):
        _discard(previous, output)
    elif os.path.isdir(previous):  # killed between the two renames of a swap
        os.rename(previous, output)
    return stuck


# rm started by a shell that ends at once: rm is the system's child, not this process's, which never
# waits for it (no process left unreaped by a dev server that builds again and again); 127: no rm.
_DELETE_IN_BACKGROUND = 'command -v rm >/dev/null || exit 127; rm -rf -- "$1" &'


def _discard(folder, output):
    """Delete `folder`, beside `output`, without waiting for it: renamed under a name of its own, then
    deleted by ``rm -rf`` in a session of its own, which goes on after this process has ended and
    whatever Ctrl+C the terminal sends. The site a build replaces is deleted so once the new one is in
    place: 0.41 s for the 2,900 folders of 1,000 posts a language, a sixth of a one-edit rebuild,
    that nobody need wait for. A deletion cut short is done again by the next build (_clean_leftovers);
    a folder that cannot be renamed (a name too long, a folder of another user's), or without ``rm``,
    is deleted here, as far as it can be."""
    if not os.path.isdir(folder):
        return
    beside = _siblings(output)
    try:
        if not os.path.basename(folder).startswith(beside.discarded_prefix):
            renamed = tempfile.mkdtemp(prefix=beside.discarded_prefix, dir=beside.parent)
            try:
                os.rename(folder, os.path.join(renamed, "site"))
            except OSError:
                os.rmdir(renamed)
                raise
            folder = renamed
        started = subprocess.run(["/bin/sh", "-c", _DELETE_IN_BACKGROUND, "sh", folder], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        if started.returncode == 0:
            return
    except OSError:
        pass
    shutil.rmtree(folder, ignore_errors=True)


def _ready_to_publish(folder):
    """In one walk of the site: nothing whose name starts with a dot is published (editor and system
    files), and folders are 0755 and files 0644, whatever the umask: a web server runs as another user."""
    os.chmod(folder, 0o755)
    for root, dirs, files in os.walk(folder):
        for name in [d for d in dirs if d.startswith(".") and d != ".well-known"]:
            shutil.rmtree(os.path.join(root, name))
            dirs.remove(name)
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            if name.startswith("."):
                os.remove(os.path.join(root, name))
            else:
                os.chmod(os.path.join(root, name), 0o644)


def _swap_in(staging, output):
    previous = _siblings(output).previous
    if os.path.exists(output):
        os.rename(output, previous)
    os.rename(staging, output)
    _discard(previous, output)


# --- Pelican's content cache ---------------------------------------------

def _code_and_settings(settings):
    digest = hashlib.sha256(pelican.__version__.encode())
    for folder in settings.get("PLUGIN_PATHS", []):
        for path in sorted(Path(folder).rglob("*.py")):
            digest.update(str(path).encode() + path.read_bytes())
    shared = {k: v for k, v in settings.items() if k not in ("OUTPUT_PATH", "PREVIOUS_OUTPUT_PATH")}
    digest.update(json.dumps(shared, sort_keys=True, default=lambda v: getattr(v, "__qualname__", type(v).__name__))
                  .encode())
    return digest.hexdigest()


def _cache_files(cache):
    """{name: [size, time]} of the cache files a build writes at the top of the cache folder."""
    remove_leftovers(cache)
    return {entry.name: [entry.stat().st_size, entry.stat().st_mtime_ns]
            for entry in os.scandir(cache) if entry.is_file() and entry.name not in (SEAL, CRASH_LOG)
            } if os.path.isdir(cache) else {}


def _check_seal(cache, code, notes):
    """Discard every cache file the last build did not leave complete, or that other code wrote."""
    files = _cache_files(cache)
    if not files:
        return
    try:
        with open(os.path.join(cache, SEAL), encoding="utf-8") as source:
            seal = json.load(source)
    except (OSError, ValueError):
        seal = {}
    same_code = seal.get("code") == code
    broken = [name for name, stamp in files.items() if not same_code or seal.get("files", {}).get(name) != stamp]
    for name in broken:
        os.remove(os.path.join(cache, name))
    if broken and same_code:
        notes.append("Le cache de la dernière construction était incomplet (construction interrompue) : "
                     "il est refait.")


def _write_seal(cache, code):
    if not os.path.isdir(cache):
        return
    write_atomically(os.path.join(cache, SEAL), json.dumps({"code": code, "files": _cache_files(cache)}))


def _break_seal(cache):
    with contextlib.suppress(FileNotFoundError):
        os.remove(os.path.join(cache, SEAL))


# --- The build -----------------------------------------------------------

def _run_pelican(settings, collector, strict, seen):
    def stop_if_failing(sender):
        if collector.failing(strict):
            raise BuildStopped

    def remember_context(generators):
        seen["context"] = generators[0].context

    def count_page(path, context=None):
        seen["pages"] = seen.get("pages", 0) + 1

    receivers = [(signals.get_writer, stop_if_failing), (signals.all_generators_finalized, remember_context),
                 (signals.content_written, count_page)]
    before = _connected_receivers()
    for signal_, receiver in receivers:
        signal_.connect(receiver, weak=False)
    try:
        site = pelican.Pelican(settings)
        site.run()
    finally:
        _disconnect_all_but(before)


def _connected_receivers():
    """{(signal name, receiver id)} of every Pelican signal (blinker's default namespace holds them all,
    the granular ones included)."""
    return {(name, key) for name, signal_ in blinker.default_namespace.items() for key in signal_.receivers}


def _disconnect_all_but(kept):
    """Pelican's signals belong to the process, and a plugin connects its receivers in register(): they
    would stay connected after the build that loaded the plugin, and run in every later build of the
    same process (the tests, the dev server), even one whose settings do not list that plugin (a
    publishconf.py build's compression running in a pelicanconf.py build). Each build starts as the
    first one did: what it connected is disconnected when it ends."""
    for name, signal_ in blinker.default_namespace.items():
        for key, receiver in list(signal_.receivers.items()):
            if (name, key) not in kept:
                receiver = receiver() if isinstance(receiver, weakref.ref) else receiver
                if receiver is not None:
                    signal_.disconnect(receiver)


def _crash(error, cache):
    """An unexpected error: one plain line; the traceback goes to a file for whoever maintains the site."""
    details = os.path.join(cache, CRASH_LOG)
    with contextlib.suppress(OSError):
        os.makedirs(cache, exist_ok=True)
        with open(details, "w", encoding="utf-8") as out:
            out.write(f"{datetime.datetime.now().isoformat()}\n{''.join(traceback.format_exception(error))}")
    template = _template_at_fault(error)
    if template:
        return Problem("error", f"un gabarit du thème s'est arrêté sur une erreur ({type(error).__name__} : "
                                f"{getattr(error, 'message', None) or error}).", *template,
                       fix="corrigez cette ligne du gabarit (ou annulez la dernière modification du thème) ; le "
                           f"détail est dans {shown(details)}.")
    return Problem("error", f"la construction s'est arrêtée sur une erreur inattendue ({type(error).__name__} : "
                            f"{error}).",
                   fix=f"si l'erreur revient, transmettez le fichier {shown(details)} à la personne qui "
                       "entretient le site.")


def _template_at_fault(error):
    """(file, line) of the template where an error arose, if one did: a syntax error names them; any
    other has them in its traceback (Jinja gives a template's frames its file and line), the last one
    not in Python code."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.filename:
        return error.filename, error.lineno
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if not frame.filename.endswith(".py") and os.path.isfile(frame.filename):
            return frame.filename, frame.lineno
    return None


def build_site(content="content", output="output", settings_file="pelicanconf.py", overrides=None, verbose=False,
               show_progress=None):
    """Build the site from `content` into `output`; see the module's docstring. `show_progress(message)`
    receives how far long work has got (site_core.progress), as it happens."""
    started = time.monotonic()
    content, output = os.path.abspath(content), os.path.abspath(output)
    show_paths_from(os.path.dirname(content))
    collector = ProblemCollector(content, verbose)
    result = BuildResult(ok=False, output=output)
    seen = {}
    with _collecting(collector, show_progress):
        settings = None
        if not os.path.isdir(content):  # (Pelican's settings would say it in English, as theirs)
            what = "n'est pas un dossier" if os.path.exists(content) else "n'existe pas"
            collector.add(Problem("error", f"le dossier du contenu {shown(content)} {what}.",
                                  fix="donnez le dossier des textes du site : make html INPUTDIR=dossier, ou "
                                      "--content dossier (par défaut, content/)."))
        else:
            try:
                settings = read_settings(str(settings_file), override={
                    "PATH": content, "OUTPUT_PATH": output, "SETTINGS_FILE": os.path.abspath(settings_file),
                    **(overrides or {})})
            except Exception as error:  # a settings file that does not run
                collector.add(Problem("error", f"les réglages n'ont pas pu être lus ({error}).", str(settings_file),
                                      fix="annulez la dernière modification de ce fichier."))
        if settings is not None:
            try:
                _build(settings, output, collector, result, seen)
            except KeyboardInterrupt:  # waiting for another build, before Pelican runs, or after the swap
                result.interrupted = not result.ok  # a site put in place is built, whatever comes after
    result.problems, result.log = collector.problems, collector.log
    result.seconds = time.monotonic() - started
    result.pages = seen.get("pages", 0)
    return result


def _build(settings, output, collector, result, seen):
    cache = settings["CACHE_PATH"]
    strict = result.strict = bool(settings.get("BUILD_FAIL_ON_WARNINGS"))
    # Only a build that loads Pelican's content cache needs it checked, and only one that writes it,
    # sealed: make publish (neither) leaves make html's cache as it is.
    loads, writes = settings.get("LOAD_CONTENT_CACHE"), settings.get("CACHE_CONTENT")
    with _taking_turns(output, os.path.abspath(cache)) as stuck:
        result.notes.extend(f"Un ancien site, le dossier caché {shown(folder)}, n'a pas pu être supprimé : "
                            "supprimez-le (il prend de la place sur le disque)." for folder in stuck)
        code = _code_and_settings(settings)
        if loads:
            _check_seal(cache, code, result.notes)
        beside = _siblings(output)
        staging = tempfile.mkdtemp(prefix=beside.staging_prefix, dir=beside.parent)
        settings["OUTPUT_PATH"], settings["PREVIOUS_OUTPUT_PATH"] = staging, output
        finished = False
        try:
            _run_pelican(settings, collector, strict, seen)
            finished = True
        except KeyboardInterrupt:
            result.interrupted = True  # said once, by summary(): the last line of every build
        except BuildStopped:
            finished = True
        except ContentError as error:  # a problem that stops everything at once (a broken terms file)
            collector.add(Problem.of(error))
            finished = True
        except Exception as error:
            collector.add(_crash(error, cache))
        try:
            if finished and writes:
                _write_seal(cache, code)
            elif writes:
                _break_seal(cache)
            if finished and not collector.failing(strict):
                _ready_to_publish(staging)
                with stopping.uninterruptible():  # once the old site goes, the new one is put in its place
                    _swap_in(staging, output)
                    result.ok = True
                if "context" in seen:
                    import url_registry

                    result.sources = url_registry.sources(seen["context"])
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def summary(result):
    """The last line of a build, for people."""
    if result.interrupted:
        return INTERRUPTED
    if result.ok:
        return f"Site construit en {result.seconds:.1f} s ({result.pages} pages).".replace(".", ",", 1)
    count = len(result.errors) + (len(result.warnings) if result.strict else 0)
    return (f"La construction a échoué ({count} problème{'s' if count > 1 else ''} à corriger"
            + (", mode strict : un avertissement compte comme une erreur" if result.strict else "")
            + ") : le site déjà construit n'a pas changé.")


def main(argv=None):
    """`make html`: build, print the problems and the last line, exit with the build's status."""
    parser = argparse.ArgumentParser(prog="make html", description="Construit le site.")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--cache", help="dossier des caches (par défaut, celui des réglages)")
    parser.add_argument("--setting", action="append", default=[], metavar="NOM=JSON",
                        help="remplace un réglage, par exemple --setting SEARCH_INDEX=false")
    parser.add_argument("--verbose", action="store_true", help="affiche aussi le détail de la construction")
    options = parser.parse_args(argv)

    stopping.on_first_signal()
    overrides = {"CACHE_PATH": os.path.abspath(options.cache)} if options.cache else {}
    for setting in options.setting:
        name, _, value = setting.partition("=")
        try:
            overrides[name] = json.loads(value)
        except ValueError:
            parser.error(f"--setting {setting} : la valeur doit être du JSON (true, 12, \"texte\")")
    print("Construction du site… (la première fois, une à deux minutes : chaque photo est préparée en "
          "plusieurs tailles)", flush=True)
    result = build_site(options.content, options.output, options.settings, overrides, verbose=options.verbose,
                        show_progress=print_progress)
    stopping.finished()  # built, or not: a signal now would only cut what is said about it short
    if result.text():
        print(result.text(), flush=True)
    print(summary(result), flush=True)
    stopping.leave(result.exit_status)


if __name__ == "__main__":
    main()
