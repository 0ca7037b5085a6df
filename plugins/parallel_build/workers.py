"""What reading and writing share: a pool of forked workers, the work split between them, and
work that said anything, done again by the building process (whose log the build reports)."""

import contextlib
import gc
import logging
import multiprocessing
import sys
import warnings
from concurrent.futures import ProcessPoolExecutor

from site_core.processes import ctrl_c_for_this_process_only


@contextlib.contextmanager
def forked_pool(workers, function, arguments):
    """``with forked_pool(n, f, [args…]) as pool:`` f(*args) (never None) for each args, in `n` processes
    started by fork (they see this process as it is) and in this one: ``pool.result(index, do_here)`` is what a
    worker returned for job `index`, or None when this process did it, by ``do_here(i)``, taking back
    from the last job the jobs no worker had begun while it would otherwise wait for that one
    (SharedJobs). When the block ends, the workers finish; when it ends by an error or Ctrl+C, they
    are stopped at once (_stop_now)."""
    global _shared_jobs
    sys.stdout.flush()
    sys.stderr.flush()  # a forked process flushes what it inherited when it ends: nothing is printed twice
    context = multiprocessing.get_context("fork")
    _shared_jobs = SharedJobs(len(arguments), context)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        # The objects there are at the fork are left out of the workers' garbage collection: a full
        # collection writes to every object it visits, which would give each worker its own copy of
        # the building process's memory (gc.freeze's documented use).
        gc.freeze()
        try:
            with ctrl_c_for_this_process_only():  # the workers are forked at the first submit
                _shared_jobs.futures = [pool.submit(_begun, index, function, *each)
                                        for index, each in enumerate(arguments)]
        finally:
            gc.unfreeze()
        yield _shared_jobs
    except BaseException:
        _stop_now(pool)
        raise
    finally:
        _shared_jobs = None
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


_shared_jobs = None  # the pool's SharedJobs, as the workers find it when forked


def _begun(index, function, *arguments):
    """In a worker: (function(*arguments),), or None when the building process has taken the job back."""
    return (function(*arguments),) if _shared_jobs.begin(index) else None


class SharedJobs:
    """A pool's jobs, each begun once: by a worker (the pool hands them out from the first) or by the
    building process, which is one of the pool's processes. Rather than wait for a job, the building
    process takes back the last job no process has begun and does it itself. Which jobs are begun is
    kept in memory the processes share (made before the fork, written under a lock): the executor's own
    Future.cancel() would tell only whether a job was queued for a worker (one more than there are
    workers is), and in Python 3.11 a cancelled job makes a pool whose worker was killed hang.

    A process that cannot have the lock within LOCK_SECONDS begins nothing more (a worker killed while
    it held the lock breaks the pool, and costs at most that wait): a worker then leaves its job to the
    building process."""

    LOCK_SECONDS = 10

    def __init__(self, count, context):
        self._begun = context.RawArray("b", count)
        self._lock = context.Lock()
        self._last = count - 1  # the last job the building process may still take back
        self.taken_back = set()
        self.futures = []

    def begin(self, index):
        """Mark job `index` begun (in a worker): False if it already was (taken back) or cannot be."""
        if not self._lock.acquire(timeout=self.LOCK_SECONDS):
            return False
        try:
            if self._begun[index]:
                return False
            self._begun[index] = 1
            return True
        finally:
            self._lock.release()

    def take_back(self):
        """The index of the last job no process has begun, now begun by this one; None once the last
        job not taken back has been begun by a worker (the pool hands them out in order: the earlier
        ones have been, or soon will be)."""
        if self._last < 0 or not self._lock.acquire(timeout=self.LOCK_SECONDS):
            self._last = -1
            return None
        taken = self._last
        try:
            if self._begun[taken]:
                self._last = -1
                return None
            self._begun[taken] = 1
        finally:
            self._lock.release()
        self._last -= 1
        self.taken_back.add(taken)
        return taken

    def result(self, index, do_here):
        """What a worker returned for job `index`, or None when this process did it: one it took back
        (``do_here(i)``, for each job it takes back while this one is not done), or this one if no
        worker could begin it. A worker killed (out of memory…) raises BrokenProcessPool."""
        future = self.futures[index]
        while index not in self.taken_back and not future.done():
            taken = self.take_back()
            if taken is None:
                break
            do_here(taken)
        if index in self.taken_back:
            return None
        found = future.result()
        if found is None:  # a worker that could not mark it begun: done here
            self.taken_back.add(index)
            do_here(index)
            return None
        return found[0]


def ranges(count, processes, per_process):
    """[(start, stop)] cutting `count` items into about `per_process` parts for each process."""
    size = max(1, count // (processes * per_process))
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
