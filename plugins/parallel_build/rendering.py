"""Pages rendered on every core (see the package's docstring).

A writer hands Pelican ``recorder.template(template)`` instead of the template: Pelican's writer
then writes an empty file where the page goes and sends its signals as usual, and the page
(its template and the context Pelican gives it) is recorded. At ``finalized`` the recorded pages
are rendered by forked workers, each writing its pages over the empty files, and this process
waits for them.
"""

import logging
from dataclasses import dataclass

from pelican.utils import sanitised_join

from site_core.processes import processes_to_fork
from site_core.progress import progress
from site_core.run import run_of

from .workers import forked_pool, quietly, ranges

logger = logging.getLogger(__name__)
CHUNKS_PER_PROCESS = 8  # pages differ in cost (a list of 20 posts, a photo page): small chunks even them out

_recorded = []  # the pages being rendered, as the workers find them when forked
_shared = {}  # name -> (export, merge) of the run's state templates add to (shared_with_workers)


@dataclass
class RecordedPage:
    """A page Pelican's writer asked for: its template, its context, where it goes."""

    template: object
    context: dict
    path: str

    def write(self):
        """Render the page and write it as Pelican's writer does (UTF-8, text mode)."""
        html = self.template.render(self.context)
        with open(self.path, "w", encoding="utf-8") as out:
            out.write(html)


class _Recording:
    """What Pelican's writer renders instead of a template: nothing, once the page is recorded."""

    def __init__(self, template, recorder):
        self.template, self.recorder = template, recorder

    def render(self, context):
        path = sanitised_join(self.recorder.output_path, context["output_file"])
        self.recorder.pages.append(RecordedPage(self.template, context, path))
        return ""


class PageRecorder:
    """The pages one writer leaves to the pool (see the module's docstring); render_recorded, at
    finalized, renders them."""

    def __init__(self, output_path, settings):
        self.output_path = output_path
        self.workers = processes_to_fork(settings["PARALLEL_RENDERING_PROCESSES"])
        self.smallest = max(settings["PARALLEL_RENDERING_FROM"], 2)
        # With relative addresses Pelican's writer changes the shared context for each page: a page
        # rendered later would see another page's.
        self.enabled = self.workers > 1 and not settings["RELATIVE_URLS"]
        self.pages = []
        run_of(settings).get("page_recorders", list).append(self)

    def template(self, template, override_output=False):
        """What to give Pelican's writer for this page: a recording, or the template itself (a page
        that overrides another is written at once, as Pelican decides which one stays)."""
        return _Recording(template, self) if self.enabled and not override_output else template

    def render(self, shared):
        """Render every recorded page, over the workers when there are enough of them."""
        pages, self.pages = self.pages, []
        if len(pages) < self.smallest:
            for page in pages:
                page.write()
            return
        again = _render_in_workers(pages, self.workers, shared)
        for index in again:  # in this process, so that what they say is reported as without the pool
            pages[index].write()
        logger.info("parallel_build: %s pages rendered in %s processes, %s again here", len(pages), self.workers,
                    len(again))


def shared_with_workers(holder, name, export, merge):
    """Declare state of the run (`holder`: a generator, a context…) that templates add to while they
    render, such as an image queued for encoding: each worker gives `export()` once its pages are
    written, and `merge(exported)` adds it here, before any other receiver of ``finalized``."""
    run_of(holder).get("shared_with_workers", dict)[name] = (export, merge)


def render_recorded(pelican):
    """At finalized (the first receiver): every writer's recorded pages, rendered and written."""
    run = run_of(pelican)
    for recorder in run.get("page_recorders", list):
        recorder.render(run.get("shared_with_workers", dict))


def _render_in_workers(pages, workers, shared):
    """Render `pages` in `workers` forked processes; the indexes of those to render again here."""
    global _recorded, _shared
    _recorded, _shared = pages, shared
    parts = ranges(len(pages), workers, CHUNKS_PER_PROCESS)
    again = []
    try:
        with forked_pool(workers, _render_part, parts) as jobs:
            progress(f"Pages : {len(pages)} à écrire, sur {workers} cœurs…")
            step = max(1, len(jobs) // 5)
            for done, job in enumerate(jobs, 1):
                part_again, exported = job.result()
                again.extend(part_again)
                for name, state in exported.items():
                    shared[name][1](state)
                if done % step == 0 or done == len(jobs):
                    progress(f"Pages : {parts[done - 1][1]} sur {len(pages)} écrites")
    finally:
        _recorded, _shared = [], {}
    return sorted(again)


def _render_part(start, stop):
    """In a worker: write pages start…stop-1; ([indexes of those to render again], {name: export()})."""
    again = [index for index in range(start, stop) if not quietly(_recorded[index].write)[0]]
    return again, {name: export() for name, (export, _) in _shared.items()}
