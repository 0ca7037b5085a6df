"""The dev server before and between builds, in this process (no build runs): it answers from its
first second, and a page's question « has a build ended? » waits for the next build."""

import functools
import json
import threading
import time
import urllib.error
import urllib.request

from tools import devserver
from tools.local_site import free_port


def serve(tmp_path, builder):
    handler = functools.partial(type("Bound", (devserver.Handler,), {
        "builder": builder, "content": str(tmp_path), "proxy": None, "editor_folder": None}), directory=str(tmp_path))
    server = devserver.QuietServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def test_before_the_first_build_ends_every_page_says_it_is_coming_how_far_it_has_got_and_will_show_itself(tmp_path):
    builder = devserver.Builder(str(tmp_path), str(tmp_path), "pelicanconf.py", ())
    builder.show_progress("Photos : 12 sur 32 préparées")
    server, origin = serve(tmp_path, builder)
    try:
        for address in ("/", "/nouvelles/"):
            try:
                urllib.request.urlopen(origin + address)
                raise AssertionError("a page before the site exists")
            except urllib.error.HTTPError as answer:
                page = answer.read().decode()
                assert answer.code == 503 and "Construction du site en cours" in page, page
                assert '<meta http-equiv="refresh" content="2">' in page, "it shows the site by itself once it is there"
                assert "Photos : 12 sur 32 préparées" in page, "and how far the build has got"
    finally:
        server.shutdown()


def test_the_question_has_a_build_ended_is_answered_when_the_next_build_ends(tmp_path):
    builder = devserver.Builder(str(tmp_path), str(tmp_path), "pelicanconf.py", ())
    server, origin = serve(tmp_path, builder)
    try:
        def finish_a_build():
            time.sleep(0.5)
            with builder.lock:
                builder.build += 1
                builder.lock.notify_all()

        threading.Thread(target=finish_a_build).start()
        asked = time.monotonic()
        with urllib.request.urlopen(origin + "/_devserver/state?after=0") as answer:
            state = json.load(answer)
        waited = time.monotonic() - asked
        assert state["build"] == 1 and 0.4 < waited < devserver.WAIT, (state, waited)
    finally:
        server.shutdown()
