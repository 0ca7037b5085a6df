"""Texts read on every core (see the package's docstring): the files a generator will read that no
cache holds are read by the pool while its generate_context runs; each reader's ``read(path)`` answers
with the text the pool read, as soon as the pool has read it."""

import contextlib
import logging
import os
from concurrent.futures.process import BrokenProcessPool

from pelican.generators import ArticlesGenerator, PagesGenerator

from site_core.processes import processes_to_fork

from .workers import forked_pool, quietly, ranges

logger = logging.getLogger(__name__)

# Which settings list each generator's files (its generate_context reads exactly these).
FILE_SETTINGS = {ArticlesGenerator: ("ARTICLE_PATHS", "ARTICLE_EXCLUDES"),
                 PagesGenerator: ("PAGE_PATHS", "PAGE_EXCLUDES")}
CHUNKS_PER_PROCESS = 8  # the first part read soon (this process waits for it), few enough to share pickled settings

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


@contextlib.contextmanager
def reading_alongside(generator, files, workers):
    """For the block's length (the generator's generate_context): `files` ([(path, format)]) read by
    the generator's readers in `workers` forked processes, in parts taken in the generator's order,
    and each reader's ``read(path)`` answering with what its part read, as soon as that part is done:
    this process makes the first texts into articles while the workers read the next ones. A file
    whose reading failed or said something is read here, as usual."""
    global _readers
    readers = {fmt: generator.readers.readers[fmt] for fmt in {fmt for _, fmt in files}}
    parts = [files[start:stop] for start, stop in ranges(len(files), workers, CHUNKS_PER_PROCESS)]
    _readers = readers
    try:
        with forked_pool(workers, _read_part, [(part,) for part in parts]) as jobs:
            job_of = {path: job for job, part in zip(jobs, parts, strict=True) for path, _ in part}
            answered = []  # the paths answered from a worker's part (a list: _answering appends)
            for reader in readers.values():
                reader.read = _answering(reader.read, job_of, answered)
            try:
                yield
            finally:
                for reader in readers.values():
                    del reader.read  # the reader's own method again
            logger.info("parallel_build: %s of %s files read in %s processes", len(answered), len(files), workers)
    finally:
        _readers = {}


def _read_part(files):
    """In a worker: {path: (content, metadata)} of the files read without a word."""
    read = {}
    for path, fmt in files:
        done, text = quietly(_readers[fmt].read, path)
        if done:
            read[path] = text
    return read


def _answering(own_read, job_of, answered):
    """A reader's read(path): what the pool read for `path` (waiting for its part), once; else its own."""

    def read(path):
        job = job_of.pop(path, None)
        try:
            found = job.result().pop(path, None) if job else None
        except BrokenProcessPool:  # a worker killed (out of memory…): this process reads what it had
            found = None
        if found is None:
            return own_read(path)
        answered.append(path)
        return found

    return read


def read_ahead(generator):
    """At a generator's init: when it has enough texts no cache holds, its generate_context runs with
    them read alongside (reading_alongside)."""
    settings = generator.settings
    workers = processes_to_fork(settings["PARALLEL_READING_PROCESSES"])
    if workers < 2:
        return
    files = files_to_read(generator)
    if len(files) < max(settings["PARALLEL_READING_FROM"], 2):
        return
    own_generate_context = generator.generate_context

    def generate_context():
        with reading_alongside(generator, files, workers):
            own_generate_context()

    generator.generate_context = generate_context
