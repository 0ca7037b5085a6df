"""Whether work done in a worker said anything: a piece of work that logs a warning or an error, or
raises a Python warning, is done again by the building process, whose log the build reports."""

import contextlib
import logging
import warnings


class _Noticed(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.said = False

    def emit(self, record):
        self.said = True


@contextlib.contextmanager
def noticing():
    """``with noticing() as noticed:`` … ``noticed.said`` is True when the block logged a warning or
    an error, or raised a Python warning (the block may also set it, for an exception it caught)."""
    noticed = _Noticed()
    root = logging.getLogger()
    root.addHandler(noticed)
    try:
        with warnings.catch_warnings(record=True) as warned:  # the filters as they are: what would show
            yield noticed
    finally:
        root.removeHandler(noticed)
    noticed.said = noticed.said or bool(warned)
