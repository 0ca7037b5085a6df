"""Read the texts of a cold build on every core.

Pelican reads its articles and pages one after the other in one process,
and converting Markdown is most of a cold build's time on a site with many
texts. When a generator is made (``article_generator_init``,
``page_generator_init``), this plugin lists the files it will read that
neither content cache holds, and, when there are at least
PARALLEL_READING_FROM of them, has a pool of processes run each file's
reader on them (PARALLEL_READING_PROCESSES: 0 for one per core, 1 for none).
The reader's ``read(path)`` then answers with the text already read, once,
when Pelican asks for it; everything after the reader (metadata from the
path, the content classes, the signals, Pelican's content cache, the other
plugins) runs as it always does, in this process, in Pelican's order: the
site is the same, byte for byte, as a build in one process.

A file whose reading fails, or says anything (a log record or a Python
warning), is not answered from the pool: Pelican reads it again here, so its
error or warning is reported exactly as without the pool.

The workers are started by fork, which gives them the readers as they are,
plugins and settings included (a forkserver's workers would have to load
every plugin again: longer than the reading of a few hundred texts). Fork is
only safe in a process with a single thread, so a build in a process with
other threads (the dev server, whose first build is usually warm anyway)
reads in one process.

No Pelican plugin does this: Pelican's own caches make warm builds fast,
not cold ones.
"""

import logging
import multiprocessing
import os
import sys
import threading
import warnings
from concurrent.futures import ProcessPoolExecutor

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

from site_core.contracts import Contract
from site_core.processes import ctrl_c_for_this_process_only, processes, quiet_worker

logger = logging.getLogger(__name__)
__all__ = ["files_to_read", "read_in_parallel"]
CONTRACT = Contract(needs=("site_core",),
                    settings={"PARALLEL_READING_PROCESSES": 0, "PARALLEL_READING_FROM": 64})

# Which settings list each generator's files (its generate_context reads exactly these).
FILE_SETTINGS = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
                 PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}
CHUNKS_PER_PROCESS = 4  # enough to even out long and short texts, few enough to share pickled settings

_readers = {}  # format -> reader, set before the workers are forked (they read it, never the parent)


def files_to_read(generator):
    """[(absolute path, format)] of the files `generator` will give its readers: those its
    generate_context lists that its content cache does not hold, in a format it reads."""
    paths, excludes = next(names for kind, names in FILE_SETTINGS.items() if isinstance(generator, kind))
    found = []
    for relative in generator.get_files(generator.settings[paths], exclude=generator.settings[excludes]):
        if generator.get_cached_data(relative, None) is not None:
            continue
        fmt = os.path.splitext(relative)[1][1:]
        if fmt in generator.readers.readers:
            found.append((os.path.abspath(os.path.join(generator.path, relative)), fmt))
    return found


def read_in_parallel(readers, files, workers):
    """{path: (content, metadata)} of `files` ([(path, format)]) read by `readers` ({format: reader})
    in `workers` processes started by fork; a file whose reading failed or said something is left out."""
    global _readers
    _readers = readers
    chunk = max(1, len(files) // (workers * CHUNKS_PER_PROCESS))
    chunks = [files[start:start + chunk] for start in range(0, len(files), chunk)]
    sys.stdout.flush()
    sys.stderr.flush()  # a forked process flushes what it inherited when it ends: nothing is printed twice
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=quiet_worker)
    try:
        with ctrl_c_for_this_process_only():  # the workers are forked at the first submit
            jobs = [pool.submit(_read_chunk, part) for part in chunks]
        read = {}
        for job in jobs:
            read.update(job.result())
        return read
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _readers = {}


class _Said(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.said = False

    def emit(self, record):
        self.said = True


def _read_chunk(files):
    """In a worker: {path: (content, metadata)} of the files read without a word."""
    read = {}
    root = logging.getLogger()
    for path, fmt in files:
        said = _Said()
        root.addHandler(said)
        try:
            with warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                read[path] = _readers[fmt].read(path)
        except Exception:  # noqa: BLE001  (read again by Pelican, which reports it)
            continue
        finally:
            root.removeHandler(said)
        if said.said or warned:
            del read[path]
    return read


def _answer_from(reader, read):
    """Make `reader.read(path)` return what the pool read for `path`, once; else read it as usual."""
    own_read = reader.read

    def read_once(path):
        found = read.pop(path, None)
        return found if found is not None else own_read(path)

    reader.read = read_once


def _read_ahead(generator):
    settings = generator.settings
    workers = processes(settings["PARALLEL_READING_PROCESSES"])
    if workers < 2 or threading.active_count() > 1:
        return
    files = files_to_read(generator)
    if len(files) < max(settings["PARALLEL_READING_FROM"], 2):
        return
    formats = {fmt for _, fmt in files}
    read = read_in_parallel({fmt: generator.readers.readers[fmt] for fmt in formats}, files, workers)
    for fmt in formats:
        _answer_from(generator.readers.readers[fmt], read)
    logger.info("parallel_reading: %s of %s files read in %s processes", len(read), len(files), workers)


def register():
    signals.article_generator_init.connect(_read_ahead)
    signals.page_generator_init.connect(_read_ahead)

