"""Pages written on every core (see the package's docstring).

A writer gives ``recorder.add(page)`` each page it leaves for later: an object whose ``write()``
makes the page's file, in whichever process it runs (rendering it, or reusing the last build's),
and returns what the writer keeps of it (a small, picklable value), and whose ``written(result)``
takes that back in the building process; ``recorder.discard(page)`` drops one that another took the
place of. At ``finalized`` the recorded pages are written by forked workers and this process (from
PARALLEL_RENDERING_FROM pages), else here alone.
"""

import logging
from concurrent.futures.process import BrokenProcessPool

from site_core.processes import processes_to_fork
from site_core.progress import progress
from site_core.run import run_of

from .workers import forked_pool, quietly, ranges

logger = logging.getLogger(__name__)
CHUNKS_PER_PROCESS = 8  # pages differ in cost (a list of 20 posts, a photo page): small chunks even them out

_recorded = []  # the pages being written, as the workers find them when forked
_shared = {}  # name -> (export, merge) of the run's state templates add to (shared_with_workers)


class PageRecorder:
    """The pages one writer leaves for later (see the module's docstring); write_recorded, at
    finalized, writes them, after ``prepare()`` (work that every page needs done once, here)."""

    def __init__(self, settings, prepare=None):
        self.processes = processes_to_fork(settings["PARALLEL_RENDERING_PROCESSES"])
        self.smallest = max(settings["PARALLEL_RENDERING_FROM"], 2)
        self.prepare = prepare
        self.pages = []
        run_of(settings).get("page_recorders", list).append(self)

    def add(self, page):
        self.pages.append(page)

    def discard(self, page):
        self.pages.remove(page)

    def write_all(self, shared):
        """Write every recorded page, on every core when there are enough of them."""
        pages, self.pages = self.pages, []
        if pages and self.prepare:
            self.prepare()
        if self.processes < 2 or len(pages) < self.smallest:
            for page in pages:
                page.written(page.write())
            return
        results, again = _write_in_workers(pages, self.processes, shared)
        for index, result in results:
            pages[index].written(result)
        for index in again:  # in this process, so that what they say is reported as without the pool
            pages[index].written(pages[index].write())
        logger.info("parallel_build: %s pages written in %s processes, %s again here", len(pages), self.processes,
                    len(again))


def shared_with_workers(holder, name, export, merge):
    """Declare state of the run (`holder`: a generator, a context…) that templates add to while they
    render, such as an image queued for encoding: each worker gives `export()` once its pages are
    written, and `merge(exported)` adds it here, before any other receiver of ``finalized``."""
    run_of(holder).get("shared_with_workers", dict)[name] = (export, merge)


def write_recorded(pelican):
    """At finalized (the first receiver): every writer's recorded pages, written."""
    run = run_of(pelican)
    for recorder in run.get("page_recorders", list):
        recorder.write_all(run.get("shared_with_workers", dict))


def _write_in_workers(pages, processes, shared):
    """Write `pages` in `processes` processes, this one included (processes - 1 forked; it writes the
    last parts rather than wait, SharedJobs): ([(index, result)], [indexes of those to write again here])."""
    global _recorded, _shared
    _recorded, _shared = pages, shared
    parts = ranges(len(pages), processes, CHUNKS_PER_PROCESS)
    results, again = [], []

    def write_here(number):
        for index in range(*parts[number]):
            try:  # (what a page says here is reported as it is said)
                results.append((index, pages[index].write()))
            except Exception:  # noqa: BLE001  written again in its turn: the first error is reported, as without the pool
                again.append(index)

    try:
        with forked_pool(processes - 1, _write_part, parts) as pool:
            progress(f"Pages : {len(pages)} à écrire, sur {processes} cœurs…")
            step = max(1, len(parts) // 5)
            for number, (start, stop) in enumerate(parts):
                try:
                    found = pool.result(number, write_here)
                except BrokenProcessPool:  # a worker killed (out of memory…): its part is written here
                    again.extend(range(start, stop))
                    continue
                if found is not None:
                    part_results, part_again, exported = found
                    results.extend(part_results)
                    again.extend(part_again)
                    for name, state in exported.items():
                        shared[name][1](state)
                if (number + 1) % step == 0 or number + 1 == len(parts):
                    progress(f"Pages : {len(results)} sur {len(pages)} écrites")
    finally:
        _recorded, _shared = [], {}
    return results, sorted(again)


def _write_part(start, stop):
    """In a worker: write pages start…stop-1; ([(index, result)], [indexes to write again], {name: export()})."""
    results, again = [], []
    for index in range(start, stop):
        done, result = quietly(_recorded[index].write)
        if done:
            results.append((index, result))
        else:
            again.append(index)
    return results, again, {name: export() for name, (export, _) in _shared.items()}
