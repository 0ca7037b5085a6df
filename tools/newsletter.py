"""`make newsletter SINCE=AAAA-MM-JJ`: for each language, an email-ready digest
of the posts published since that date, to paste into the newsletter tool.

Builds the site as it will be published (publishconf.py: public address,
image derivatives) into a scratch folder, with the email_digest plugin on;
the digests land in newsletters/ (never published): per language an
``.html`` (inline styles, absolute links, images sized for email) and a
``.txt`` plain-text part.
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile

from tools import stopping

INTERRUPTED = "interrompu : aucune infolettre n'a été écrite."

if __name__ == "__main__":  # before Pelican is imported, which takes a moment: Ctrl+C then is one plain line
    stopping.while_starting(f"Erreur : {INTERRUPTED}")

from tools.build import build_site, print_progress  # noqa: E402

FOLDER = "newsletters"


def fail(message, status=2):
    """Print a French message and exit with `status`."""
    print(f"Erreur : {message}", file=sys.stderr)
    sys.exit(status)


def parse_since(value, today=None):
    """The date SINCE= gives (AAAA-MM-JJ, not in the future), or a plain message."""
    example = "Exemple : make newsletter SINCE=2025-05-01"
    if not value:
        fail(f"depuis quelle date ? {example}")
    try:
        since = datetime.date.fromisoformat(value.strip())
    except ValueError:
        fail(f"« {value} » n'est pas une date AAAA-MM-JJ. {example}")
    if since > (today or datetime.date.today()):
        fail(f"le {since.isoformat()} est dans le futur : rien n'a encore été publié depuis. {example}")
    return since


def main(argv=None):
    """`make newsletter SINCE=…`: a one-off build that writes the digests, nothing published."""
    parser = argparse.ArgumentParser(prog="make newsletter")
    parser.add_argument("--since", default=os.environ.get("SINCE") or None)  # make newsletter SINCE=…
    parser.add_argument("--content", default="content")
    parser.add_argument("--settings", default="publishconf.py")
    parser.add_argument("--folder", default=FOLDER)
    options = parser.parse_args(argv)
    stopping.on_first_signal()
    since = parse_since(options.since)
    folder = os.path.abspath(options.folder)
    before = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    # The digest is written beside the scratch site and moved into the folder once the build has
    # succeeded: a build stopped or failed half-way leaves the folder as it was.
    with tempfile.TemporaryDirectory(prefix="infolettre-") as scratch:
        digests = os.path.join(scratch, "infolettres")
        overrides = {"EMAIL_DIGEST_SINCE": since.isoformat(), "EMAIL_DIGEST_PATH": digests,
                     "BUILD_FAIL_ON_WARNINGS": False, "SEARCH_INDEX": False, "RENDER_CACHE": False}
        result = build_site(options.content, os.path.join(scratch, "site"), options.settings, overrides,
                            show_progress=print_progress)
        if result.interrupted:
            fail(INTERRUPTED, 130)
        if not result.ok:
            fail("la construction du site a échoué :\n  " + "\n  ".join(
                p.text().replace("\n", "\n  ") for p in result.errors), 1)
        written = sorted(name for name in (os.listdir(digests) if os.path.isdir(digests) else [])
                         if name.startswith(f"infolettre-{since.isoformat()}-"))
        os.makedirs(folder, exist_ok=True)
        for name in written:
            shutil.move(os.path.join(digests, name), os.path.join(folder, name))
    if not written:
        fail(f"aucune nouvelle publiée depuis le {since.isoformat()} : pas d'infolettre.", 1)
    print(f"Infolettre des nouvelles publiées depuis le {since.isoformat()} :")
    for name in written:
        print(f"  {os.path.relpath(os.path.join(folder, name))}" + ("" if name in before else "  (nouveau)"))
    print("Copiez le .html dans l'outil d'infolettre (et le .txt comme version texte).")


if __name__ == "__main__":
    main()
