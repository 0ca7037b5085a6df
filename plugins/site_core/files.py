"""Files that are either whole or absent, and files that keep their identity from one build to the next.

A build can be killed at any moment (Ctrl+C, a closed terminal, a CI
timeout). Whatever it writes to last beyond the run (caches, derivatives,
records) is written under a temporary name in the same folder, then renamed
into place: a rename is atomic, so a reader finds the old file, the new one,
or none, never a part of one. Temporary files are named
``TEMPORARY_PREFIX<pid>-…`` after the process writing them; ``remove_leftovers``
removes those whose process has ended (a killed build's), never one that
another build sharing the folder (the dev server and ``make html``, the
tests' processes) is still writing.

``previous_output(settings)`` is where the last good site is; ``write_or_keep`` and ``link_or_copy``
let an unchanged file keep its identity there.

``remembered(kind, path, make)`` keeps what a build reads from a file (a data
file parsed, a PDF's facts) for the next build of the same process, the dev
server's, until the file changes: in memory only, never written anywhere.
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
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f"{TEMPORARY_PREFIX}{os.getpid()}-",
                                         suffix=os.path.splitext(path)[1])
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


def previous_output(settings):
    """Where the last good build's site is, to reuse from: PREVIOUS_OUTPUT_PATH (the build runner builds
    into a staging folder and sets it to the output it will replace), else the output itself."""
    return settings.get("PREVIOUS_OUTPUT_PATH") or settings["OUTPUT_PATH"]


def write_or_keep(path, text, previous):
    """Write `text` at `path` (UTF-8), or, when the previous build's file `previous` holds exactly that
    text, link that file there instead (copy it where links are not possible): a file that did not
    change keeps its identity, its size and time, by which the search index tells that the pages are
    those it indexed (site_search.pages_digest), as it does for the pages render_cache reuses."""
    data = text.encode("utf-8")
    try:
        with open(previous, "rb") as last:
            same = last.read() == data
    except OSError:
        same = False
    if same:
        link_or_copy(previous, path)
        return
    with open(path, "wb") as out:
        out.write(data)


def link_or_copy(source, target):
    """`target` made the same file as `source` (a hard link: no copy, the same size and time), or a
    copy of it where links are not possible (another file system, or one without them); whatever was
    at `target` (a killed worker's link to the same file, whose part is done again) is replaced. The
    same path twice (a build in place) is left as it is."""
    if os.path.abspath(source) == os.path.abspath(target):
        return
    with contextlib.suppress(FileNotFoundError):
        os.remove(target)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def copy_atomically(source, path):
    """Copy `source` to `path`, atomically."""
    with atomic_path(path) as temporary:
        shutil.copyfile(source, temporary)


def _writer_is_running(name):
    """Whether the process named in a temporary file's name is still running (then it is its file)."""
    pid = name[len(TEMPORARY_PREFIX):].split("-", 1)[0]
    if not pid.isdigit():
        return False  # older code's name, without a process: a leftover
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    try:  # a killed process nobody has reaped yet (a zombie, "Z") writes nothing any more
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def remove_leftovers(folder):
    """Temporary files that a killed process left in `folder` (not those of a process still writing)."""
    if os.path.isdir(folder):
        for entry in os.scandir(folder):
            if entry.name.startswith(TEMPORARY_PREFIX) and entry.is_file() and not _writer_is_running(entry.name):
                with contextlib.suppress(FileNotFoundError):
                    os.remove(entry.path)


_REMEMBERED = {}  # (kind, path) -> (the file's size and modification time, what was made of it)


def remembered(kind, path, make):
    """``make()``, what `kind` of thing is read from the file at `path`, made again only when the
    file has changed (size, modification time, inode: a file replaced by another counts). A failure
    is not remembered: the next build says it again."""
    stat = os.stat(path)
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    key = (kind, os.path.abspath(path))
    known = _REMEMBERED.get(key)
    if known is not None and known[0] == signature:
        return known[1]
    value = make()
    _REMEMBERED[key] = (signature, value)
    return value
