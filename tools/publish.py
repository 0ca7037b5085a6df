"""`make publish`: build for production, check, and deploy only if all passed.

1. Build with publishconf.py through the build runner (tools.build): strict
   (a warning stops it, BUILD_FAIL_ON_WARNINGS), public address, .gz and
   .br copies of text files; into its own folder (PUBLISH_OUTPUT, default
   ``public/``), so the local ``output/`` stays local. Every folder is 0755
   and every file 0644, whatever the umask, so the web server can read them.
2. The quality gates' fast subset, on the built files (tools.site_checks):
   W3C validity of every page and stylesheet, internal links and fragments,
   nothing loaded from another host. Each problem names the content file
   that made the page (the URL registry's record), not only the built page.
3. Deploy, as configured in one place, publishconf.py: DEPLOY_METHOD "rsync"
   (to DEPLOY_TARGET, "user@host:/path/" or a folder; ``--delete`` so the
   server holds exactly the site; the target is one argument after ``--``,
   never read by a shell) or "git" (commit the site to the branch
   DEPLOY_TARGET of this repository, for static hosting that serves a branch).
   DEPLOY_TARGET may also come from the environment (``make publish
   DEPLOY_TARGET=…``: make hands it over as an environment variable, so no
   shell ever reads it).

A failed step stops everything: nothing is sent. Messages are in French, one
line per step, then what failed and how to fix it.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

from tools import stopping

INTERRUPTED = "Interrompu : rien n'a été envoyé."

if __name__ == "__main__":  # before Pelican is imported, which takes a moment: Ctrl+C then is one plain line
    stopping.while_starting(INTERRUPTED)

# tools.build puts the plugins on the path: imported first.
# isort: off
from tools import site_checks  # noqa: E402
from tools.build import build_site, print_progress, read_settings, summary  # noqa: E402
from site_core.contracts import with_defaults  # noqa: E402
from site_core.urls import origin, url_of_file  # noqa: E402
# isort: on

MAX_SHOWN = 15
# An rsync destination: a local folder, or [user@]host:path. Nothing that rsync would take for an option.
RSYNC_TARGET = re.compile(r"^(?:[\w.@-]+:)?[\w./~@+-][\w./~@+ -]*$")


class PublishFailed(Exception):
    """A step that failed: its French message; nothing is sent."""
    pass


def step(message):
    """Print one step's line at once."""
    print(message, flush=True)


def build(content, output, settings_file):
    """Step 1: the strict build into `output`; {output file: source} for the checks' messages."""
    step(f"1. Construction pour la publication ({settings_file}, mode strict)…")
    result = build_site(content, output, settings_file, show_progress=print_progress)
    if result.interrupted:  # (the build runner takes the Ctrl+C and says so in its result)
        raise KeyboardInterrupt
    for note in result.notes:
        step(f"   {note}")
    if not result.ok:
        lines = [problem.text() for problem in result.problems] + [summary(result)]
        raise PublishFailed("la construction a échoué :\n" + "\n".join("  " + line.replace("\n", "\n  ")
                                                                     for line in lines))
    step(f"   réussie ({result.pages} pages).")
    return result.sources


def check(output, origin, sources):
    """Step 2: validity, links, fragments, resources from elsewhere; a PublishFailed naming the source files."""
    step("2. Vérifications (validité HTML et CSS, liens, fragments, ressources externes)…")
    pages = site_checks.parse_pages(output)
    found = {
        "HTML ou CSS non valide (W3C)": site_checks.vnu_errors(output),
        "lien interne cassé vers": site_checks.broken_links(output, pages, origin),
        "fragment (#…) introuvable :": site_checks.missing_fragments(output, pages),
        "ressource chargée depuis un autre site :": site_checks.foreign_resources(output, pages, origin),
    }
    problems = [f"  {where(finding.file, sources)} : {kind} {finding.detail}"
                for kind, findings in found.items() for finding in findings[:MAX_SHOWN]]
    if problems:
        total = sum(len(findings) for findings in found.values())
        raise PublishFailed(f"{total} problème(s) trouvé(s) :\n" + "\n".join(problems))
    step(f"   {len(pages)} pages vérifiées, aucun problème.")


def where(file, sources):
    """The content file (or what) that made a built file, with the page's address."""
    url = "/" + url_of_file(file)
    source = sources.get(file)
    return f"{source} (page {url})" if source else f"la page {url}"


def check_target(target):
    """Refuse (PublishFailed) an rsync destination that rsync could take for an option, or malformed."""
    if not RSYNC_TARGET.match(target):
        raise PublishFailed(f"la destination « {target} » n'est pas une adresse rsync possible.\n"
                            "  Correction : écrivez-la « utilisateur@serveur:/var/www/ciso/ » ou le chemin d'un "
                            "dossier, sans espace au début ni « - ».")


def deploy_rsync(output, target):
    """Step 3 by rsync: the server then holds exactly the site."""
    check_target(target)
    if ":" not in target:
        os.makedirs(target, exist_ok=True)
    result = subprocess.run(["rsync", "-a", "--delete", "--checksum", "--chmod=D755,F644", "--",
                             output.rstrip("/") + "/", target],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise PublishFailed(f"rsync vers {target} a échoué : {result.stdout.strip()}")


def deploy_git(output, branch):
    """Commit the built site as the whole tree of `branch` (no work tree touched)."""
    def git(*args, **env):
        result = subprocess.run(["git", *args], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                env=dict(os.environ, **env))
        if result.returncode != 0:
            raise PublishFailed(f"git {' '.join(args)} a échoué : {result.stdout.strip()}")
        return result.stdout.strip()

    if not re.fullmatch(r"[\w][\w./-]*", branch) or ".." in branch:
        raise PublishFailed(f"« {branch} » n'est pas un nom de branche possible (lettres, chiffres, « - », « / »).")
    with tempfile.TemporaryDirectory() as scratch:
        index = dict(GIT_INDEX_FILE=os.path.join(scratch, "index"))
        git("--work-tree", output, "add", "--all", ".", **index)
        tree = git("write-tree", **index)
        parent = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                                stdout=subprocess.PIPE, text=True).stdout.strip()
        commit = git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", "Publication du site")
        git("update-ref", f"refs/heads/{branch}", commit)


def check_destination(method, target):
    """Where the site goes, checked before anything is built (a missing one is said at once)."""
    if not target:
        raise PublishFailed("aucune destination : indiquez DEPLOY_TARGET dans publishconf.py "
                            "(ou make publish DEPLOY_TARGET=utilisateur@serveur:/chemin/).")
    if method not in DEPLOY_METHODS:
        raise PublishFailed(f"DEPLOY_METHOD « {method} » inconnu : écrivez « rsync » ou « git » dans publishconf.py.")


def deploy(output, method, target):
    """Step 3: send the site by the configured method."""
    step(f"3. Envoi ({method}) vers {target}…")
    DEPLOY_METHODS[method](output, target)
    step("   envoyé.")


DEPLOY_METHODS = {"rsync": deploy_rsync, "git": deploy_git}


def main(argv=None):
    """`make publish`: destination, build, checks, then the deploy; a failed step sends nothing."""
    parser = argparse.ArgumentParser(prog="make publish")
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output")
    parser.add_argument("--target", help="remplace DEPLOY_TARGET")
    options = parser.parse_args(argv)
    stopping.on_first_signal()
    try:
        try:
            settings = with_defaults(read_settings(options.settings))
        except Exception as error:  # a settings file that does not run
            raise PublishFailed(f"les réglages {options.settings} n'ont pas pu être lus ({error}).") from None
        output = os.path.abspath(options.output or settings.get("PUBLISH_OUTPUT", "public"))
        method, target = settings.get("DEPLOY_METHOD", "rsync"), options.target or settings.get("DEPLOY_TARGET")
        check_destination(method, target)
        sources = build(options.content, output, options.settings)
        check(output, origin(settings), sources)
        deploy(output, method, target)
    except PublishFailed as failure:
        print(f"Échec : {failure}\nRien n'a été envoyé.", file=sys.stderr, flush=True)
        sys.exit(1)
    except KeyboardInterrupt:
        print(INTERRUPTED, file=sys.stderr, flush=True)
        sys.exit(130)
    print("Publication terminée.")


if __name__ == "__main__":
    main()
