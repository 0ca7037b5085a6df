"""Work spread over the machine's cores: how many processes, and starting them so that a Ctrl+C
stops the build in one plain line.

* ``processes(wanted)``: the number of processes a setting asks for (0: one per core);
* ``processes_to_fork(wanted)``: the same, or 1 where starting them by fork is not safe;
* ``ctrl_c_for_this_process_only()``: processes started inside the block never receive Ctrl+C;
  the building process stops them itself. (A command that gives SIGTERM a handler of its own gives
  the processes it forks the default one back: tools/stopping.py.)
"""

import contextlib
import os
import signal
import threading


def processes(wanted):
    """How many processes to work with: `wanted`, or one per core when it is 0."""
    return wanted if wanted > 0 else (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                                      else os.cpu_count() or 1)


def processes_to_fork(wanted):
    """processes(wanted), or 1 in a process with other threads: a forked child gets a copy of every
    lock another thread may hold at that moment, and would wait for it for ever (the dev server
    builds in a thread while it serves pages)."""
    return processes(wanted) if threading.active_count() == 1 else 1


@contextlib.contextmanager
def ctrl_c_for_this_process_only():
    """Processes started in the block never receive Ctrl+C: SIGINT is blocked for the block's length
    here (a Ctrl+C then arrives as the block ends) and for good in them, which inherit the mask. A
    Ctrl+C reaches every process of the terminal, and Python caught by it while it starts (the
    forkserver, a worker) prints a traceback; this process stops them itself (pool.shutdown)."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
