"""What reading and writing share: a pool of forked workers, the work split between them, and
work that said anything, done again by the building process (whose log the build reports)."""

import contextlib
import gc
import logging
import multiprocessing
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor

from site_core.processes import ctrl_c_for_this_process_only, quiet_worker


@contextlib.contextmanager
def forked_pool(workers, function, arguments):
    """``with forked_pool(n, f, [args…]) as jobs:`` f(*args) for each args, in `n` processes started by
    fork (they see this process as it is), or in this one (TakenBack). When the block ends, they finish;
    when it ends by an error or Ctrl+C, they are stopped at once (_stop_now)."""
    sys.stdout.flush()
    sys.stderr.flush()  # a forked process flushes what it inherited when it ends: nothing is printed twice
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=quiet_worker)
    try:
        # The objects there are at the fork are left out of the workers' garbage collection: a full
        # collection writes to every object it visits, which would give each worker its own copy of
        # the building process's memory (gc.freeze's documented use).
        gc.freeze()
        try:
            with ctrl_c_for_this_process_only():  # the workers are forked at the first submit
                jobs = [pool.submit(function, *each) for each in arguments]
        finally:
            gc.unfreeze()
        yield jobs
    except BaseException:
        _stop_now(pool)
        raise
    pool.shutdown(wait=True)


def _stop_now(pool):
    """Stop a pool's workers at once (the build stops: an error, Ctrl+C): what they do is of no use any
    more, waiting for it could mean waiting for ever (a worker blocked on a special file), and they write
    nothing that lasts (texts they read; pages in the staging folder the build throws away). A second
    Ctrl+C cannot cut this short. The executor has no public way to stop its workers before Python 3.14
    (terminate_workers): its processes, killed."""
    with ctrl_c_for_this_process_only():
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError, ValueError):
                process.kill()
        pool.shutdown(wait=True, cancel_futures=True)


class TakenBack:
    """A pool's jobs (futures, in the order they were submitted) that the building process takes back,
    from the last one, instead of waiting: it is one of the pool's processes, and a job no worker has
    started yet is cancelled and done by it. The pool hands jobs out in their order, so once the last
    job not yet taken back has started, every earlier one has."""

    def __init__(self, jobs):
        self.jobs = jobs
        self.last = len(jobs) - 1

    def take(self):
        """The index of the last job no worker has started, now cancelled (this process does it), or
        None when every job has started."""
        if self.last >= 0 and self.jobs[self.last].cancel():
            self.last -= 1
            return self.last + 1
        self.last = -1
        return None

    def wait(self, job, do):
        """``job.result()``, this process doing, while it would otherwise wait, ``do(index)`` for each
        job it takes back."""
        while not job.done() and (index := self.take()) is not None:
            do(index)
        return job.result()


def ranges(count, workers, per_worker):
    """[(start, stop)] cutting `count` items into about `per_worker` parts for each worker."""
    size = max(1, count // (workers * per_worker))
    return [(start, min(start + size, count)) for start in range(0, count, size)]


class _Noticed(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.said = False

    def emit(self, record):
        self.said = True


def quietly(work, *arguments):
    """In a worker: (True, work(*arguments)) when it neither raised nor said anything (a log record
    of a warning or an error, a Python warning that would show); else (False, None), to be done
    again by the building process."""
    noticed = _Noticed()
    root = logging.getLogger()
    root.addHandler(noticed)
    try:
        with warnings.catch_warnings(record=True) as warned:  # the filters as they are: what would show
            result = work(*arguments)
    except Exception:  # noqa: BLE001  (done again by the building process, which reports it)
        return False, None
    finally:
        root.removeHandler(noticed)
    return (False, None) if noticed.said or warned else (True, result)
