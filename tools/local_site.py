"""A built site as a visitor's browser sees it, on this machine: served on 127.0.0.1 with the
production security headers (deploy/, tools.deploy_headers), and Debian's Chromium to look at it.
The tests and `make screenshots` share these."""

import contextlib
import functools
import gzip
import http.server
import os
import socket
import threading
import time

from tools.deploy_headers import security_headers
from tools.devserver import QuietServer  # quiet when a browser leaves a page half loaded

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright cannot download its own here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def launch_chromium(playwright):
    """Debian's Chromium, headless, through Playwright."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a built site with the production security headers."""

    def end_headers(self):
        for name, value in security_headers(self.path.split("?", 1)[0]):
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, *args):
        pass


class CompressingSiteHandler(SiteHandler):
    """As SiteHandler, with text sent compressed to a browser that accepts it, as nginx sends it
    (gzip here, brotli there: what a visitor downloads is smaller still), for measures of speed."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".webmanifest")

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(self.COMPRESSED) \
                or not os.path.isfile(path):
            return super().do_GET()
        with open(path, "rb") as original:
            body = gzip.compress(original.read(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def listening(port, timeout=20):
    """Whether something answers on 127.0.0.1:`port` within `timeout` seconds (a server starting)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def serving(folder, origin, handler=SiteHandler):
    """`folder` served at `origin` (http://127.0.0.1:PORT) for the block's length."""
    port = int(origin.rsplit(":", 1)[1])
    server = QuietServer(("127.0.0.1", port), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield origin
    finally:
        server.shutdown()
        server.server_close()
