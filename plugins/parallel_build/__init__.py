"""A cold build on every core: texts read, and pages rendered, by the building process and processes
it forks.

Pelican reads its texts, then renders its pages, one after the other in one process; on a site
with many texts, converting Markdown and rendering templates are most of a cold build. Both are
independent per item, so:

* **Reading** (``reading``): when a generator of articles or pages has enough files that no content
  cache holds (PARALLEL_READING_FROM), its generate_context runs while a pool reads them, in parts
  taken in the generator's order; each reader's ``read(path)`` answers with what the pool read, as
  soon as that file's part is read, so this process makes the first texts into articles while the
  workers read the next ones.
* **Writing** (``writing``): a writer leaves its pages for later through a ``PageRecorder``
  (render_cache's writer gives it each page it does not hand to Pelican's writer: what makes the
  page's file, from reusing the previous build's to rendering the template, and what comes back).
  At ``finalized`` (this plugin's receiver comes before every later plugin's), the recorded pages
  are written by the pool (from PARALLEL_RENDERING_FROM pages) before anything else: the images,
  the search index, the sitemap and the render cache's record see the whole site.

The building process is one of the pool's processes: it forks one worker fewer than there are
processes, and rather than wait for a part, it takes back the last part no process has begun and
does it itself (``workers.SharedJobs``: which parts are begun is kept in memory the processes
share). It would otherwise sit idle for most of the reading and all of the writing, and one more
worker is one more copy of every page it touches (on two cores, a cold build of 2,000 texts held
148 MiB in its processes together, 127 MiB so, in the same time).

Everything else (metadata, content classes, Pelican's content cache, every other plugin) runs as it
always does, in this process and in Pelican's order (``content_written`` is sent when a page is
left for later, before its file exists: no receiver reads the file), so the site is the same, byte
for byte, as a build in one process (a test compares them). A text or a page whose work fails, or says
anything (a log record, a Python warning), in a worker is done again in this process (``workers.quietly``),
so its error or warning is reported exactly as without the pool; in a part this process takes back, what a
text or page says is said at once, and what it raises is raised in its turn. State that templates add to
while they render (an image
that ``picture()`` queues for encoding) comes back from the workers through
``shared_with_workers(holder, name, export, merge)``.

The workers are started by fork: they get the readers, templates and contexts as they are,
plugins and settings included, with nothing to send them (a forkserver's workers would load every
plugin again and be sent every page's context). Fork is only safe in a process with a single
thread, so a build in a process with other threads (the dev server, whose builds are mostly warm)
reads its texts and writes its recorded pages in this process (the pages at finalized too), as does
a build with fewer texts or pages than PARALLEL_READING_FROM or PARALLEL_RENDERING_FROM. A worker
killed (out of memory…) leaves its part to this process. PARALLEL_READING_PROCESSES and
PARALLEL_RENDERING_PROCESSES: how many processes, the building process included (0 for one per core,
1 for it alone).

No Pelican plugin does this: Pelican's own caches make warm builds fast, not cold ones.
"""

from pelican import signals

from site_core.contracts import Contract

from .reading import read_ahead
from .writing import PageRecorder, shared_with_workers, write_recorded

__all__ = ["PageRecorder", "shared_with_workers"]
CONTRACT = Contract(needs=("site_core",), settings={
    "PARALLEL_READING_PROCESSES": 0, "PARALLEL_READING_FROM": 64,
    "PARALLEL_RENDERING_PROCESSES": 0, "PARALLEL_RENDERING_FROM": 200,
})


def register():
    signals.article_generator_init.connect(read_ahead)
    signals.page_generator_init.connect(read_ahead)
    signals.finalized.connect(write_recorded)
