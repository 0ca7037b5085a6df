"""How the commands that build stop on Ctrl+C (or SIGTERM: a closed terminal, a CI timeout): in one
plain line, never a traceback, and never half-way through putting a new site in place.

* ``while_starting(message)``: the first thing such a command does, before importing Pelican (which
  takes a moment): a signal then ends it with `message` and status 130.
* ``on_first_signal()``: once it has started: the first signal raises KeyboardInterrupt where the
  command is, which stops and cleans up (the build runner then says the site is unchanged); any later
  one is ignored, so that the clean-up is not cut short (a second Ctrl+C used to leave the workers
  running, holding the build's locks, and the command waiting for them for ever).
* ``uninterruptible()``: a block a signal does not stop: a signal there is dropped (the new site put
  in place of the old one: once begun, it ends, and the build is one that succeeded).
* ``finished()``: the command's work is over (its result only remains to be said): a signal from
  then on is dropped. on_first_signal makes Python's own end so too: Python gives every signal with a
  handler its default action back as it ends, and a Ctrl+C then killed a command whose site was built
  (status -2, neither 0 nor 130).
* ``end_without_teardown()`` then ``leave(status)``: the command ends with `status` once its exit
  handlers have run, without Python's teardown (see end_without_teardown).

Builds run in another program (the dev server, the tests) install nothing: they are stopped as that
program decides.
"""

import atexit
import contextlib
import os
import signal
import sys

STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_state = {"uninterruptible": False}


def while_starting(message):
    def stop(signum, frame):
        print(message, flush=True)
        os._exit(130)

    for number in STOPPING_SIGNALS:
        signal.signal(number, stop)


def _stopped_as_by_default():
    for number in STOPPING_SIGNALS:
        signal.signal(number, signal.SIG_DFL)


def on_first_signal():
    # A process forked from this one (parallel_build's workers, pelican-precompress's pool) ends on a
    # signal as by default, silently: with this handler, a worker printed a traceback.
    os.register_at_fork(after_in_child=_stopped_as_by_default)

    def stop(signum, frame):
        if _state["uninterruptible"]:
            return
        finished()  # a later signal is dropped by the system: until the command has ended, Python's own end included
        raise KeyboardInterrupt

    for number in STOPPING_SIGNALS:
        signal.signal(number, stop)
    atexit.register(finished)


def finished():
    for number in STOPPING_SIGNALS:
        signal.signal(number, signal.SIG_IGN)


@contextlib.contextmanager
def uninterruptible():
    _state["uninterruptible"] = True
    try:
        yield
    finally:
        _state["uninterruptible"] = False


def end_without_teardown():
    """The first thing a command does: once it leaves by ``leave(status)`` and every exit handler has
    run (logging's flush, the process pools' end…), it ends at once, its memory given back by the
    system, rather than freed by Python object by object: 0.2-0.3 s after a build of 1,000 posts a
    language, a tenth of a one-edit rebuild. Exit handlers run last registered first, so this one,
    registered before any other but logging's (which it calls), runs after them all; a command that
    ends any other way (an error nothing caught) ends as usual."""
    atexit.register(_end_now)


def leave(status):
    """``sys.exit(status)``, for a command that called end_without_teardown."""
    _state["status"] = status
    sys.exit(status)


def _end_now():
    if "status" in _state:
        if "logging" in sys.modules:  # its exit handler was registered as it was imported, before this one
            sys.modules["logging"].shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_state["status"])
