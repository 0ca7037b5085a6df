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
CHUNKS_PER_PROCESS = 8  # parts small enough to share out evenly, few enough to pickle the settings they hold few times

# format -> its reader's own read(), set before the workers are forked (they call it, as this process
# does for a part it takes back)
_reads = {}


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
def reading_alongside(generator, files, processes):
    """For the block's length (the generator's generate_context): `files` ([(path, format)]) read by
    the generator's readers in `processes` processes, this one included (processes - 1 forked), in
    parts taken in the generator's order, and each reader's ``read(path)`` answering with what its
    part read, as soon as that part is done: this process makes the first texts into articles while
    the workers read the next ones, and reads the last parts itself rather than wait (SharedJobs).
    A file whose reading failed or said something is read here again, as usual."""
    global _reads
    readers = {fmt: generator.readers.readers[fmt] for fmt in {fmt for _, fmt in files}}
    parts = [files[start:stop] for start, stop in ranges(len(files), processes, CHUNKS_PER_PROCESS)]
    _reads = {fmt: reader.read for fmt, reader in readers.items()}
    try:
        with forked_pool(processes - 1, _read_part, [(part,) for part in parts]) as pool:
            answers = _Answers(pool, parts)
            for reader in readers.values():
                reader.read = answers.reading(reader.read)
            try:
                yield
            finally:
                for reader in readers.values():
                    del reader.read  # the reader's own method again
            logger.info("parallel_build: %s of %s files read in %s processes, %s again here", answers.read,
                        len(files), processes, answers.again)
    finally:
        _reads = {}


def _read_part(files):
    """In a worker: {path: (content, metadata)} of the files read without a word."""
    read = {}
    for path, fmt in files:
        done, text = quietly(_reads[fmt], path)
        if done:
            read[path] = text
    return read


class _Answers:
    """What the pool read, handed to the readers one path at a time (``reading(own_read)``)."""

    def __init__(self, pool, parts):
        self.part_of = {path: number for number, part in enumerate(parts) for path, _ in part}
        self.pool, self.parts = pool, parts
        self.read_here = {}  # part number -> what this process read of a part it took back
        self.failed = {}  # path -> the error its reading raised here, raised again in its turn
        self.read = self.again = 0  # files answered from a part; read again by the reader's own read()

    def _read_here(self, number):
        """Read a part here, what it says said at once (exactly once: a worker's is said by reading the file
        again), what it raises raised again when the generator reads that file."""
        read = {}
        for path, fmt in self.parts[number]:
            try:
                read[path] = _reads[fmt](path)
            except Exception as error:  # noqa: BLE001
                self.failed[path] = error
        self.read_here[number] = read

    def _part(self, number):
        """{path: text} of a part: read by a worker, or here (the last parts, while this process would
        otherwise wait); {} if its worker was killed (out of memory…): this process then reads what it had."""
        try:
            found = self.pool.result(number, self._read_here)
        except BrokenProcessPool:
            return {}
        return self.read_here[number] if found is None else found

    def reading(self, own_read):
        """A reader's read(path): what the pool read for `path` (waiting for its part), once; else its own."""

        def read(path):
            number = self.part_of.pop(path, None)
            found = self._part(number).pop(path, None) if number is not None else None
            if path in self.failed:
                raise self.failed.pop(path)
            if found is None:
                self.again += number is not None
                return own_read(path)
            self.read += 1
            return found

        return read


def read_ahead(generator):
    """At a generator's init: when it has enough texts no cache holds, its generate_context runs with
    them read alongside (reading_alongside)."""
    settings = generator.settings
    processes = processes_to_fork(settings["PARALLEL_READING_PROCESSES"])
    if processes < 2:
        return
    files = files_to_read(generator)
    if len(files) < max(settings["PARALLEL_READING_FROM"], 2):
        return
    own_generate_context = generator.generate_context

    def generate_context():
        with reading_alongside(generator, files, processes):
            own_generate_context()

    generator.generate_context = generate_context
