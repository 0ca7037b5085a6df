"""`make devserver`: build, serve, rebuild on every change, reload the open
page, and show a failed build's errors in the page and in the terminal.

Pelican's own ``pelican -lr`` rebuilds and serves, but neither reloads the
browser nor shows a failed build anywhere but the terminal (with a traceback
for some errors); the livereload package reloads but shows no error. Hence
this small server, standard library only:

* each build is the real one, through the build runner (tools.build, in
  this process, as ``make html``, its imports and in-memory caches warm from
  one build to the next), so a failed build leaves the last good site
  served; the search index is made after each good build, once the open
  page has been told, into a folder beside the output that the builds leave
  alone (served at the search bundle's address);
* content/ and theme/ are watched (the system's file-change notifications,
  through watchfiles, which Pelican already requires) and any change
  rebuilds at once; a change to the site's code (plugins/, tools/, the
  settings) restarts the server's process, so the next build runs the new
  code;
* every HTML page it serves gets one script, /_devserver/reload.js, which
  waits on /_devserver/state?after=N (answered as soon as build N+1 ends,
  or after WAIT seconds with nothing new): after a new good build the page
  reloads; after a failed one it shows the errors in a panel at the top;
* the terminal gets the same messages, the build's own records (file,
  line, fix), never a traceback;
* /_statut/ is the status report (tools.status), made on request and never
  written into the output;
* when the settings have a web editor with a local proxy (WEB_EDITOR's
  ``local_backend``), the proxy (decap-server, from npm) runs as long as
  the server: what the editor at /admin/ saves is written into content/,
  and the rebuild follows; the editor's page is never reloaded (what is
  being typed would be lost), it shows a failed build's errors, and a link
  to /_statut/.
"""

import argparse
import ctypes
import errno
import functools
import html
import http.server
import json
import os
import posixpath
import re
import shutil
import signal
import subprocess
import sys
import threading
from urllib.parse import unquote, urlsplit

from tools import stopping

STOPPED = "Arrêt du serveur."

if __name__ == "__main__":  # before Pelican is imported, which takes a moment: Ctrl+C then is one plain line
    stopping.while_starting(STOPPED)

from pelican.settings import read_settings  # noqa: E402

from tools import status  # noqa: E402
from tools.build import ROOT, build_site, print_progress, summary  # noqa: E402
from tools.deploy_headers import security_headers  # noqa: E402
from web_editor import editor_settings  # noqa: E402  (its defaults, the folder, as the build has them)

WATCHED = ("theme",)  # rebuilt on a change, with content/
WAIT = 25  # seconds a page's question « has a build ended? » waits for one before it is answered "no"
CODE = ("plugins", "tools", "pelicanconf.py", "publishconf.py")  # the server restarts on a change

RELOAD_JS = """// Dev server only: reload after a new build, show a failed build's errors.
(function () {
  var seen = null;
  // The web editor's page is not reloaded (it would lose what is being typed): it shows the errors only.
  var reloads = !(document.currentScript && document.currentScript.dataset.reload === "no");
  function panel(errors) {
    var box = document.getElementById("devserver-errors");
    if (!errors.length) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("div");
      box.id = "devserver-errors";
      box.setAttribute("role", "alert");
      // In the editor, at the bottom and above it (its own toolbar covers the top of the page).
      box.style.cssText = (reloads ? "position:fixed;inset:0 0 auto 0;border-bottom:4px solid #9b1b1f;"
                                   : "position:fixed;inset:auto 0 0 0;border-top:4px solid #9b1b1f;") +
        "z-index:100000;max-height:50vh;overflow:auto;" +
        "background:#fff4f4;color:#1b1b1b;padding:1rem 1.5rem;font:16px/1.5 sans-serif";
      document.body.prepend(box);
    }
    box.innerHTML = reloads
      ? "<h2 style='margin:0 0 .5rem'>Votre dernière modification n'apparaît pas encore : " +
        "corrigez ce qui suit et enregistrez, la page se mettra à jour. " +
        "(En attendant, vous voyez la version précédente.)</h2>"
      : "<h2 style='margin:0 0 .5rem;font-size:1.1rem'>Votre dernière publication n'apparaît pas encore sur le " +
        "site : corrigez ce qui suit, puis « Publier » à nouveau. (Le site montre la version précédente.)</h2>";
    var list = document.createElement("ul");
    errors.forEach(function (text) {
      var item = document.createElement("li");
      item.style.whiteSpace = "pre-wrap";
      item.textContent = text;
      list.appendChild(item);
    });
    box.appendChild(list);
  }
  // Waits for the next build (the server answers when it ends); a server restarting is asked again a second later.
  function check() {
    var wait = seen === null ? "" : "?after=" + seen;
    fetch("/_devserver/state" + wait, {cache: "no-store"}).then(function (r) { return r.json(); })
    .then(function (state) {
      if (reloads && seen !== null && state.build !== seen && state.ok) { window.location.reload(); return; }
      seen = state.build;
      panel(state.ok ? [] : state.errors);
      setTimeout(check, 0);
    }).catch(function () { setTimeout(check, 1000); });
  }
  check();
})();
"""


# What the server answers before the site exists: while the first build runs, a page that says how
# far it has got and asks again every two seconds (no script needed), until the site is there; after
# a failed first build, the reload script shows the errors.
BUILDING_PAGE = ('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Construction en cours</title>'
                 '<meta http-equiv="refresh" content="2"></head><body><h1>Construction du site en cours…</h1>'
                 "<p>La première construction prépare chaque photo en plusieurs tailles : une à deux minutes la "
                 "première fois, quelques secondes ensuite. Cette page affichera le site d'elle-même.</p>"
                 "<p><strong>{progress}</strong></p></body></html>")
FAILED_PAGE = ('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Construction échouée</title>'
               '<script src="/_devserver/reload.js" defer></script></head><body></body></html>')


def _worth_a_build(change, path):
    """A change a build must follow: not compiled files (Python's, the catalogues' .mo, which builds write)."""
    name = os.path.basename(path)
    return not (name.endswith((".mo", ".pyc", ".swp", "~")) or "__pycache__" in path.split(os.sep)
                or name.startswith(".#"))


class Builder:
    """Builds the site in this process when a file changes; remembers the last result for the page's banner."""

    def __init__(self, content, output, settings, watched, code=(), cache=None, search_folder=None):
        self.content, self.output, self.settings = content, output, settings
        self.overrides = {"CACHE_PATH": os.path.abspath(cache)} if cache else {}
        # The search index is made after the build, once the page has reloaded, into a folder of the
        # server's own that every build leaves alone (its pages are served at the bundle's address).
        self.search_folder = search_folder
        if search_folder:
            self.overrides["SEARCH_INDEX"] = False
        self.watched = [content, *watched]
        self.code = [os.path.join(ROOT, path) for path in code]
        self.build, self.ok, self.errors, self.progress = 0, True, [], ""
        self.lock = threading.Condition()  # notified when a build ends

    def run_build(self):
        """One build, its result kept for the pages served."""
        result = build_site(self.content, self.output, self.settings, self.overrides, show_progress=self.show_progress)
        messages = [problem.text() for problem in result.problems]
        with self.lock:
            self.build += 1
            self.ok, self.errors = result.ok, ([] if result.ok else messages)
            self.lock.notify_all()
        for note in result.notes:
            print(note, flush=True)
        if result.interrupted:
            print(summary(result), flush=True)
            raise KeyboardInterrupt
        if result.ok and self.search_folder:
            self.refresh_search()
        if result.ok:
            print(f"Construction n° {self.build} réussie en {result.seconds:.1f} s.".replace(".", ",", 1), flush=True)
            for message in messages:
                print("  " + message.replace("\n", "\n  "), flush=True)
        else:
            print(f"Construction n° {self.build} ÉCHOUÉE ({result.seconds:.1f} s) ; le site affiché reste la "
                  "version précédente :".replace(".", ",", 1), flush=True)
            for message in messages:
                print("  " + message.replace("\n", "\n  "), flush=True)

    def show_progress(self, message):
        """How far the build has got: in the terminal, and on the page served until the site exists."""
        print_progress(message)
        self.progress = message

    def refresh_search(self):
        """Pagefind's index of the site just built, made beside the last one, then put in its place:
        the open page has reloaded already; a search a second later finds the change."""
        from content_errors import ContentError  # the plugins are importable once tools.build is
        from site_search import index_site

        fresh, old = self.search_folder + ".new", self.search_folder + ".old"
        for leftover in (fresh, old):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            index_site(self.output, fresh)
        except ContentError as error:
            print(f"Recherche non mise à jour : {error}", flush=True)
            return
        if os.path.isdir(self.search_folder):
            os.rename(self.search_folder, old)
        os.rename(fresh, self.search_folder)
        shutil.rmtree(old, ignore_errors=True)

    def state(self, after=None, wait=0):
        """The last build's generation and problems, for the page's reload script; with `after`, once a
        build later than that one has ended (or `wait` seconds have passed)."""
        with self.lock:
            if after is not None:
                self.lock.wait_for(lambda: self.build != after, timeout=wait)
            return {"build": self.build, "ok": self.ok, "errors": self.errors}

    def watch(self, restart=None, stop_event=None):
        """The first build, then a build after every change; restart the process when code or
        settings change. Changes are told by the system as they happen, to a listener started before
        the first build, so that none made while a build runs is missed (the next build follows);
        changes saved together (an editor writing a file and its backup, the web editor a text and
        its photo) make one build."""
        import watchfiles

        tops = [path for path in self.watched + self.code if os.path.exists(path)]
        pending, code_changed = threading.Event(), threading.Event()

        def listen():
            for changes in watchfiles.watch(*tops, watch_filter=_worth_a_build, step=30, debounce=400,
                                            stop_event=stop_event):
                changed = {os.path.abspath(path) for _, path in changes}
                if any(path == code or path.startswith(code + os.sep) for path in changed for code in self.code):
                    code_changed.set()
                pending.set()

        threading.Thread(target=listen, daemon=True).start()
        self.run_build()
        while not (stop_event and stop_event.is_set()):
            if not pending.wait(timeout=1):
                continue
            pending.clear()
            if restart and code_changed.is_set():
                restart()
                return
            self.run_build()


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the output, the status report and the build state, and the site's own 404 page."""

    builder = None
    content = None
    editor_folder = None  # the web editor's folder ("admin"), whose page is never reloaded
    proxy = None  # the address of the editor's local proxy, which its page may call
    search_bundle = "pagefind"  # the search bundle's folder in the site (SEARCH_BUNDLE_DIR)
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml"}

    def log_message(self, *args):
        """Silent: the terminal shows the builds, not every request."""
        pass

    def translate_path(self, path):
        """The search bundle's address leads to the server's own index folder (Builder.search_folder)."""
        search = self.builder and self.builder.search_folder
        prefix = f"/{self.search_bundle}/"
        address = unquote(path.split("?", 1)[0].split("#", 1)[0])
        if search and address.startswith(prefix):
            parts = [part for part in posixpath.normpath(address[len(prefix):]).split("/")
                     if part not in ("", ".", "..")]  # never outside the folder
            return os.path.join(search, *parts)
        return super().translate_path(path)

    def do_GET(self):
        """A page of the site, the status report (/_statut/) or the build state."""
        path = self.path.split("?", 1)[0]
        if path == "/_devserver/state":
            after = re.fullmatch(r"after=(\d+)", urlsplit(self.path).query or "")
            state = self.builder.state(int(after.group(1)), WAIT) if after else self.builder.state()
            return self._send(json.dumps(state).encode(), "application/json")
        if path == "/_devserver/reload.js":
            return self._send(RELOAD_JS.encode(), "text/javascript")
        if path.rstrip("/") == "/_statut":
            collected, last = status.collect(content=self.content), self.builder.state()
            if not last["ok"]:  # what stops the build is the last build's whole list (data files included)
                collected.errors = list(last["errors"])
            report = status.html_report(collected, output=self.directory)
            return self._send(report.encode(), "text/html; charset=utf-8")
        target = self.translate_path(path)
        if os.path.isdir(target):
            target = os.path.join(target, "index.html")
        if target.endswith(".html") and os.path.isfile(target):
            return self._send_page(target)
        if not os.path.exists(target) and not os.path.isfile(os.path.join(self.directory, "index.html")):
            # No good build yet: a page that says the first one is under way, or shows why it failed, and
            # shows the site once it is there.
            building = self.builder.state()["build"] == 0
            page = BUILDING_PAGE.format(progress=html.escape(self.builder.progress)) if building else FAILED_PAGE
            return self._send(page.encode(), "text/html; charset=utf-8", status=503)
        if not os.path.exists(target):  # the site's own 404 page, in the address's language (as nginx does)
            first = path.strip("/").split("/")[0]
            localised = os.path.join(self.directory, first, "404.html")
            page = localised if first and os.path.isfile(localised) else os.path.join(self.directory, "404.html")
            if os.path.isfile(page):
                return self._send_page(page, status=404)
        return super().do_GET()

    def _send_page(self, target, status=200):
        with open(target, "rb") as page:
            html = page.read()
        editor = self.editor_folder and self.path.startswith(f"/{self.editor_folder}/")
        reload = b' data-reload="no"' if editor else b""
        script = b'<script src="/_devserver/reload.js"' + reload + b' defer></script>'
        html = html.replace(b"</head>", script + b"</head>", 1) if b"</head>" in html else script + html
        if editor:  # what is left to do, one click away: the status page only this server has
            html = html.replace(b"<body>", b"<body>" + STATUS_LINK, 1)
        # The editor runs here under the policy the server gives it (deploy/), its local proxy allowed.
        policy = [("Content-Security-Policy", editor_policy(self.editor_folder, self.proxy))] if editor else []
        return self._send(html, "text/html; charset=utf-8", status, policy)

    def _send(self, body, kind, status=200, headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Type", kind)
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


EDITOR_PROXY = ROOT / "node_modules" / ".bin" / "decap-server"


def editor_policy(folder, proxy):
    """The editor's Content-Security-Policy in production, its local proxy (`proxy`) allowed too."""
    policy = dict(security_headers(f"/{folder}/"))["Content-Security-Policy"]
    if not proxy:
        return policy
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(proxy))
    return re.sub(r"(^|; )connect-src ", rf"\g<1>connect-src {origin} ", policy)


def start_editor_proxy(editor, content):
    """The web editor's local proxy (decap-server, from npm), which writes what the editor saves
    into the content folder; None when the site has no editor or the settings name no proxy."""
    if not editor or not editor.get("local_backend"):
        return None
    if not EDITOR_PROXY.exists():
        print("Attention : l'éditeur web (/admin/) ne pourra pas enregistrer : son relais local n'est pas "
              "installé. Correction : lancez « make devserver », qui l'installe depuis npm.", flush=True)
        return None
    port = urlsplit(editor["local_backend"]).port or 8081
    # Its paths are those of the editor's settings ("content/news"): from the content folder's parent.
    env = dict(os.environ, PORT=str(port), BIND_HOST="127.0.0.1", LOG_LEVEL="error",
               GIT_REPO_DIRECTORY=os.path.dirname(os.path.abspath(content)))
    return subprocess.Popen([str(EDITOR_PROXY)], env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            preexec_fn=_ends_with_this_process)


def _ends_with_this_process():
    """In the proxy, before it starts: Linux ends it when the dev server ends, however that happens
    (Ctrl+C, a closed terminal, a kill), so no proxy is left writing into content/."""
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


# In the editor's page (its policy allows inline styles): fixed at the bottom left, clear of its buttons.
STATUS_LINK = ('<p style="position: fixed; z-index: 1000; bottom: .5rem; left: .5rem; margin: 0; '
               'font: 14px/1.4 system-ui, sans-serif"><a href="/_statut/" style="display: inline-block; '
               'padding: .35rem .7rem; background: #fff; color: #1d4f8c; border: 1px solid #1d4f8c; '
               'border-radius: 4px">Ce qui reste à faire sur le site</a></p>').encode()


class QuietServer(http.server.ThreadingHTTPServer):
    """The dev server. A browser that leaves a page before it has loaded (a click, a reload, the
    editor closing a request), or holds a connection open while the server stops, is no error of the
    site: no traceback in the author's terminal for it."""

    allow_reuse_address = True

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        closed = isinstance(error, OSError) and error.errno == errno.EBADF  # the server stopping
        if not (closed or isinstance(error, (BrokenPipeError, ConnectionResetError))):
            super().handle_error(request, client_address)


def main(argv=None):
    """`make devserver`: build, serve, rebuild on every change."""
    parser = argparse.ArgumentParser(prog="make devserver")
    parser.add_argument("--content", default="content")
    parser.add_argument("--output", default="output")
    parser.add_argument("--settings", default="pelicanconf.py")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--cache", help="dossier des caches (par défaut, celui des réglages)")
    options = parser.parse_args(argv)
    # Ctrl+C (or SIGTERM) stops the server and the editor's proxy; a second one does not cut that short.
    stopping.on_first_signal()
    from site_search import bundle_dir  # the plugins are importable once tools.build is

    site_settings = read_settings(options.settings)
    # Beside the output (".output-search" for make devserver's output/, which git ignores), kept from one
    # run of the server to the next: after a restart, search works from the first second.
    output = os.path.abspath(options.output)
    search_folder = os.path.join(os.path.dirname(output), f".{os.path.basename(output)}-search") \
        if site_settings.get("SEARCH_INDEX", True) else None
    builder = Builder(options.content, options.output, options.settings, WATCHED, CODE, options.cache, search_folder)
    os.makedirs(options.output, exist_ok=True)
    editor = editor_settings({"WEB_EDITOR": site_settings.get("WEB_EDITOR")})
    proxy = start_editor_proxy(editor, options.content)
    bound = {"builder": builder, "content": options.content, "proxy": editor and editor["local_backend"],
             "search_bundle": bundle_dir({"SEARCH_BUNDLE_DIR": site_settings.get("SEARCH_BUNDLE_DIR", "pagefind")}),
             "editor_folder": editor and editor["folder"].strip("/")}
    handler = functools.partial(type("BoundHandler", (Handler,), bound), directory=os.path.abspath(options.output))
    server = QuietServer((options.host, options.port), handler)

    def restart():
        """The site's code changed: start again in a new process, so the next build runs it."""
        print("Le code du site a changé : redémarrage du serveur…", flush=True)
        server.server_close()
        stop(proxy)
        arguments = argv if argv is not None else sys.argv[1:]
        os.execv(sys.executable, [sys.executable, "-m", "tools.devserver", *arguments])

    # The server answers from its first second: until the first build ends, every page says it is
    # coming and shows itself when it is there.
    threading.Thread(target=builder.watch, kwargs={"restart": restart}, daemon=True).start()
    print(f"Site servi sur http://{options.host}:{options.port}/ (état du site : /_statut/) ; première "
          "construction en cours. Ctrl+C pour arrêter.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print(f"\n{STOPPED}")
    finally:
        stop(proxy)


def stop(process):
    """End a helper process the server started (and wait for it, so its port is free again)."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()


if __name__ == "__main__":
    main()
