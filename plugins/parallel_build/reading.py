"""Texts read on every core (see the package's docstring): the files a generator will read that no
cache holds are read by the pool; each reader's ``read(path)`` then answers with the text already read."""

import logging
import os

from pelican.generators import ArticlesGenerator, PagesGenerator

from site_core.processes import processes_to_fork

from .workers import forked_pool, quietly, ranges

logger = logging.getLogger(__name__)

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
    in `workers` forked processes; a file whose reading failed or said something is left out."""
    global _readers
    _readers = readers
    parts = [(files[start:stop],) for start, stop in ranges(len(files), workers, CHUNKS_PER_PROCESS)]
    try:
        with forked_pool(workers, _read_part, parts) as jobs:
            return {path: text for job in jobs for path, text in job.result().items()}
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


def _answer_from(reader, read):
    """Make `reader.read(path)` return what the pool read for `path`, once; else read it as usual."""
    own_read = reader.read

    def read_once(path):
        found = read.pop(path, None)
        return found if found is not None else own_read(path)

    reader.read = read_once


def read_ahead(generator):
    """At a generator's init: read in the pool what it will read, when that is worth it."""
    settings = generator.settings
    workers = processes_to_fork(settings["PARALLEL_READING_PROCESSES"])
    if workers < 2:
        return
    files = files_to_read(generator)
    if len(files) < max(settings["PARALLEL_READING_FROM"], 2):
        return
    formats = {fmt for _, fmt in files}
    read = read_in_parallel({fmt: generator.readers.readers[fmt] for fmt in formats}, files, workers)
    for fmt in formats:
        _answer_from(generator.readers.readers[fmt], read)
    logger.info("parallel_build: %s of %s files read in %s processes", len(read), len(files), workers)
