"""Build into a staging folder and publish it only if the whole build succeeded.

Pelican writes straight into OUTPUT_PATH, so a build that fails half-way
leaves a half-written site, and it exits 0 after logging errors. This plugin
wraps each run of a Pelican instance (one-off builds and every round of
`--autoreload` alike):

* the generators and the writer get a fresh staging folder beside the output;
* every ERROR logged during the run is counted, and once all content is
  read, a run with errors stops before writing anything (so one bad file
  does not cascade into more failures at write time);
* if the run raised or logged an error, the staging folder is removed, the
  previous output stays as it was, and the run ends in ``BuildFailed``
  (exit status 1, no traceback: the errors above already say what to fix);
* otherwise the staging folder replaces the output folder.

No existing plugin does this; Pelican's own `--fatal errors` stops at the
first error instead of reporting them all, and still writes in place.
"""

import logging
import os
import shutil
import tempfile

from pelican import signals

logger = logging.getLogger(__name__)
STAGING_PREFIX = ".output-"


class BuildFailed(Exception):
    exitcode = 1


class _ErrorCounter(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.count = 0

    def emit(self, record):
        self.count += 1


class _HideTraceback(logging.Filter):
    """Pelican logs uncaught exceptions with their traceback; ours needs none."""

    def filter(self, record):
        if record.exc_info and isinstance(record.exc_info[1], BuildFailed):
            record.exc_info = None
        return True


def _swap_in(staging, output):
    old = None
    if os.path.exists(output):
        old = output.rstrip(os.sep) + ".old"
        shutil.rmtree(old, ignore_errors=True)
        os.rename(output, old)
    os.rename(staging, output)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _failure(output):
    return BuildFailed(
        "La construction s'est arrêtée sur les erreurs ci-dessus : rien n'a été publié, "
        f"{os.path.relpath(output)}/ est inchangé."
    )


def _atomic_run(pelican):
    real_run = pelican.run
    output = os.path.abspath(pelican.output_path)
    parent = os.path.dirname(output)

    def run():
        os.makedirs(parent, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
        counter = _ErrorCounter()
        root = logging.getLogger()
        root.addHandler(counter)
        # `pelican -q` would drop errors before any handler counts them; an
        # error must always fail the build, and say why.
        for name in ("", "pelican"):
            if logging.getLogger(name).getEffectiveLevel() > logging.ERROR:
                logging.getLogger(name).setLevel(logging.ERROR)
        pelican.output_path = staging
        pelican.errors_so_far = lambda: counter.count
        try:
            real_run()
            if counter.count:
                raise _failure(output)
            _swap_in(staging, output)
            staging = None
        finally:
            pelican.output_path = output
            root.removeHandler(counter)
            if staging:
                shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run


def _stop_before_writing(pelican):
    """Sent when Pelican asks for its writer: every generator has read its content."""
    if pelican.errors_so_far():
        raise _failure(pelican.settings["OUTPUT_PATH"])


def register():
    logging.getLogger("pelican").addFilter(_HideTraceback())
    signals.initialized.connect(_atomic_run)
    signals.get_writer.connect(_stop_before_writing)
