"""`make publish`: build for production, check, and deploy only if all passed.

1. Build with publishconf.py: strict (a warning stops it, BUILD_FAIL_ON_WARNINGS),
   public address, .gz and .br copies of text files; into its own folder
   (PUBLISH_OUTPUT, default ``public/``), so the local ``output/`` stays local.
2. The quality gates' fast subset, on the built files (tools.site_checks):
   W3C validity of every page and stylesheet, internal links and fragments,
   nothing loaded from another host.
3. Deploy, as configured in one place, publishconf.py: DEPLOY_METHOD "rsync"
   (to DEPLOY_TARGET, "user@host:/path/" or a folder; ``--delete`` so the
   server holds exactly the site) or "git" (commit the site to the branch
   DEPLOY_TARGET of this repository, for static hosting that serves a branch).

A failed step stops everything: nothing is sent. Messages are in French, one
line per step, then what failed and how to fix it.
"""

import argparse
import os
import subprocess
import sys
import tempfile

from pelican.settings import read_settings

from tools import site_checks
from tools.build_log import plain_messages

MAX_SHOWN = 15


class PublishFailed(Exception):
    pass


def step(message):
    print(message, flush=True)


def build(content, output, settings_file):
    step(f"1. Construction pour la publication ({settings_file}, mode strict)…")
    env = dict(os.environ, COLUMNS="1000", TERM="dumb")
    result = subprocess.run([sys.executable, "-m", "pelican", content, "-o", output, "-s", settings_file],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        messages = plain_messages(result.stdout) or [result.stdout.strip()[-2000:]]
        raise PublishFailed("la construction a échoué :\n" + "\n".join("  " + m.replace("\n", "\n  ") for m in messages))
    step("   réussie.")


def check(output, origin):
    step("2. Vérifications (validité HTML et CSS, liens, fragments, ressources externes)…")
    pages = site_checks.parse_pages(output)
    found = {
        "HTML ou CSS non valide (W3C)": site_checks.vnu_errors(output),
        "lien interne cassé": site_checks.broken_links(output, pages, origin),
        "fragment (#…) introuvable": site_checks.missing_fragments(output, pages),
        "ressource chargée depuis un autre site": site_checks.foreign_resources(output, pages, origin),
    }
    problems = [f"  {kind} : {line}" for kind, lines in found.items() for line in lines[:MAX_SHOWN]]
    if problems:
        total = sum(len(lines) for lines in found.values())
        raise PublishFailed(f"{total} problème(s) trouvé(s) :\n" + "\n".join(problems))
    step(f"   {len(pages)} pages vérifiées, aucun problème.")


def deploy_rsync(output, target):
    if ":" not in target:
        os.makedirs(target, exist_ok=True)
    result = subprocess.run(["rsync", "-a", "--delete", "--checksum", output.rstrip("/") + "/", target],
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

    with tempfile.TemporaryDirectory() as scratch:
        index = dict(GIT_INDEX_FILE=os.path.join(scratch, "index"))
        git("--work-tree", output, "add", "--all", ".", **index)
        tree = git("write-tree", **index)
        parent = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"],
                                stdout=subprocess.PIPE, text=True).stdout.strip()
        commit = git("commit-tree", tree, *(["-p", parent] if parent else []), "-m", "Publication du site")
        git("update-ref", f"refs/heads/{branch}", commit)


def deploy(output, method, target):
    if not target:
        raise PublishFailed("aucune destination : indiquez DEPLOY_TARGET dans publishconf.py "
                            "(ou make publish DEPLOY_TARGET=utilisateur@serveur:/chemin/).")
    step(f"3. Envoi ({method}) vers {target}…")
    if method == "rsync":
        deploy_rsync(output, target)
    elif method == "git":
        deploy_git(output, target)
    else:
        raise PublishFailed(f"DEPLOY_METHOD « {method} » inconnu : écrivez « rsync » ou « git » dans publishconf.py.")
    step("   envoyé.")


def main(argv=None):
    parser = argparse.ArgumentParser(prog="make publish")
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--output")
    parser.add_argument("--target", help="remplace DEPLOY_TARGET")
    options = parser.parse_args(argv)
    settings = read_settings(options.settings)
    output = os.path.abspath(options.output or settings.get("PUBLISH_OUTPUT", "public"))
    try:
        build(options.content, output, options.settings)
        check(output, settings["SITE_ORIGIN"].rstrip("/"))
        deploy(output, settings.get("DEPLOY_METHOD", "rsync"), options.target or settings.get("DEPLOY_TARGET"))
    except PublishFailed as failure:
        print(f"Échec : {failure}\nRien n'a été envoyé.", file=sys.stderr, flush=True)
        sys.exit(1)
    print("Publication terminée.")


if __name__ == "__main__":
    main()
