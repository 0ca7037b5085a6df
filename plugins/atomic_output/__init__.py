"""Build into a staging folder and publish it only if the whole build succeeded.

Pelican writes straight into OUTPUT_PATH, so a build that fails half-way
leaves a half-written site, and it exits 0 after logging errors. This plugin
wraps each run of a Pelican instance (one-off builds and every round of
`--autoreload` alike):

* the generators and the writer get a fresh staging folder beside the output;
* every ERROR logged during the run is counted (every WARNING too when
  BUILD_FAIL_ON_WARNINGS is true: the strict mode for publishing), and once all content is
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
    def __init__(self, level=logging.ERROR):
        super().__init__(level=level)
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


def _failure(output, strict=False):
    return BuildFailed(
        "La construction s'est arrêtée sur les erreurs ci-dessus"
        + (" (mode strict : un avertissement compte comme une erreur)" if strict else "")
        + f" : rien n'a été publié, {os.path.relpath(output)}/ est inchangé."
    )


def _atomic_run(pelican):
    real_run = pelican.run
    output = os.path.abspath(pelican.output_path)
    parent = os.path.dirname(output)

    def run():
        os.makedirs(parent, exist_ok=True)
        staging = tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=parent)
        strict = bool(pelican.settings.get("BUILD_FAIL_ON_WARNINGS"))
        counter = _ErrorCounter(logging.WARNING if strict else logging.ERROR)
        root = logging.getLogger()
        root.addHandler(counter)
        # `pelican -q` would drop errors before any handler counts them; an
        # error must always fail the build, and say why.
        for name in ("", "pelican"):
            if logging.getLogger(name).getEffectiveLevel() > counter.level:
                logging.getLogger(name).setLevel(counter.level)
        pelican.output_path = staging
        pelican.errors_so_far = lambda: counter.count
        pelican.build_failure = lambda: _failure(output, strict)
        try:
            real_run()
            if counter.count:
                raise _failure(output, strict)
            _swap_in(staging, output)
            staging = None
        finally:
            pelican.output_path = pelican.settings["OUTPUT_PATH"] = output
            root.removeHandler(counter)
            if staging:
                shutil.rmtree(staging, ignore_errors=True)

    pelican.run = run


def _point_settings_at_staging(pelican):
    """Sent first at `finalized`: plugins that finish the output there and read
    OUTPUT_PATH from the settings (pelican-precompress) must see the staging folder.
    (Restored when the run ends; during the run the setting still names the last
    good output, which render_cache reads.)"""
    pelican.settings["OUTPUT_PATH"] = pelican.output_path


def _stop_before_writing(pelican):
    """Sent when Pelican asks for its writer: every generator has read its content."""
    if pelican.errors_so_far():
        raise pelican.build_failure()


def register():
    logging.getLogger("pelican").addFilter(_HideTraceback())
    signals.initialized.connect(_atomic_run)
    signals.get_writer.connect(_stop_before_writing)
    signals.finalized.connect(_point_settings_at_staging)
