"""Files that are either whole or absent.

A build can be killed at any moment (Ctrl+C, a closed terminal, a CI
timeout). Whatever it writes to last beyond the run (caches, derivatives,
records) is written under a temporary name in the same folder, then renamed
into place: a rename is atomic, so a reader finds the old file, the new one,
or none, never a part of one. Leftover temporary files start with
``TEMPORARY_PREFIX`` and are removed by ``remove_leftovers``.
"""

import contextlib
import os
import shutil
import tempfile

TEMPORARY_PREFIX = ".tmp-"


@contextlib.contextmanager
def atomic_path(path):
    """A temporary path beside `path` to write to; renamed to `path` when the block ends without error."""
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=os.path.splitext(path)[1])
    os.close(handle)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.remove(temporary)


def write_atomically(path, data):
    """Write text (str) or bytes to `path`, atomically."""
    with atomic_path(path) as temporary:
        if isinstance(data, bytes):
            with open(temporary, "wb") as out:
                out.write(data)
        else:
            with open(temporary, "w", encoding="utf-8") as out:
                out.write(data)


def copy_atomically(source, path):
    with atomic_path(path) as temporary:
        shutil.copyfile(source, temporary)


def remove_leftovers(folder):
    """Temporary files that a killed process left in `folder`."""
    if os.path.isdir(folder):
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMPORARY_PREFIX) and entry.is_file():
                with contextlib.suppress(FileNotFoundError):
                    os.remove(entry.path)
