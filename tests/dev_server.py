"""Talking to a running `make devserver` from a test: its build state, and waiting for it."""

import json
import time
import urllib.request


def state(origin):
    """The dev server's build state: {"build": number, "ok": bool, "errors": [...]}."""
    with urllib.request.urlopen(origin + "/_devserver/state") as response:
        return json.load(response)


def wait_for(predicate, timeout=90):
    """The first true value of `predicate()`, asked every 0.3 s (a refused connection counts as not yet)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError("timed out")


def next_build(origin, after):
    """The state of the first build the dev server finishes after build number `after`."""
    return wait_for(lambda: (lambda now: now if now["build"] != after else None)(state(origin)))
