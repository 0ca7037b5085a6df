"""What `make publish` sends, served by Debian's nginx with deploy/nginx.conf, as the server would.

The test publishes a small site with every kind of page (under a umask that
keeps files private, as a careful administrator's shell may have) to a local
folder by rsync, then starts the real nginx on 127.0.0.1 with the project's
own configuration files, changed only where a machine differs from the
server (ports, certificate, folders), its worker running as an unprivileged
user (www-data) when the test runs as root. .ci/run installs nginx and its
brotli module.
"""

import gzip
import http.client
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
from pathlib import Path

import brotli
import pytest

from sitebuild import ROOT
from small_site import make_small_site
from tools.deploy_headers import security_headers
from tools.local_site import free_port, listening

DEPLOY = ROOT / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MODULES = Path("/etc/nginx/modules-enabled")


def installed_configuration(tmp, webroot, https_port, http_port):
    """deploy/*.conf as an administrator installs them, with this machine's ports, folders and certificate."""
    snippets = tmp / "snippets"
    snippets.mkdir()
    places = {"/etc/nginx/snippets/": f"{snippets}/", "/var/www/ciso": str(webroot),
              "/etc/letsencrypt/live/www.ciso.qc.ca/": f"{tmp}/",
              "listen 443 ssl http2;": f"listen 127.0.0.1:{https_port} ssl http2;",
              "listen 80;": f"listen 127.0.0.1:{http_port};"}

    def install(source, target):
        text = source.read_text()
        for old, new in places.items():
            text = text.replace(old, new)
        target.write_text("\n".join(line for line in text.splitlines() if "listen [::]" not in line))

    for snippet in DEPLOY.glob("ciso-*.conf"):
        install(snippet, snippets / snippet.name)
    install(DEPLOY / "nginx.conf", tmp / "ciso-site-enabled.conf")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", tmp / "privkey.pem", "-out", tmp / "fullchain.pem"], check=True, capture_output=True)
    temporary = tmp / "temporary"
    temporary.mkdir()
    main = tmp / "nginx.conf"
    main.write_text("\n".join([
        "user www-data;" if os.geteuid() == 0 else "",
        "worker_processes 1;", f"pid {tmp}/nginx.pid;", f"error_log {tmp}/error.log;",
        f"include {MODULES}/*.conf;" if MODULES.is_dir() else "",
        "events { worker_connections 64; }",
        "http {", "  include /etc/nginx/mime.types;", "  default_type application/octet-stream;", "  access_log off;",
        *(f"  {kind}_temp_path {temporary}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")),
        f"  include {tmp}/ciso-site-enabled.conf;", "}", ""]))
    return main


def wait_for_port(port, timeout=20):
    assert listening(port, timeout), f"nginx is not listening on {port}"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    assert os.path.exists(NGINX), "nginx is missing: .ci/run installs it (apt-get install nginx)"
    tmp = tmp_path_factory.mktemp("nginx")
    content = make_small_site(tmp)
    # The server's web root, as /var/www is: a folder everyone may enter.
    webroot = Path(tempfile.mkdtemp(prefix="ciso-www-"))
    webroot.chmod(0o755)
    published = subprocess.run(
        [sys.executable, "-m", "tools.publish", "--content", str(content), "--settings", "publishconf.py",
         "--output", str(tmp / "public"), "--target", str(webroot)],
        cwd=ROOT, env=dict(os.environ, DEPLOY_TARGET=""), preexec_fn=lambda: os.umask(0o077),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert published.returncode == 0, published.stdout
    https_port, http_port = free_port(), free_port()
    main = installed_configuration(tmp, webroot, https_port, http_port)
    checked = subprocess.run([NGINX, "-t", "-c", str(main), "-e", str(tmp / "error.log")], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen([NGINX, "-c", str(main), "-e", str(tmp / "error.log"), "-g", "daemon off;"])
    try:
        wait_for_port(https_port)
        yield webroot, https_port, http_port, checked.stderr
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(webroot, ignore_errors=True)


def get(port, path, **headers):
    connection = http.client.HTTPSConnection("127.0.0.1", port, context=ssl._create_unverified_context(), timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def url_of(webroot, path):
    relative = path.relative_to(webroot).as_posix()
    return "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def site_files(webroot):
    return [p for p in sorted(webroot.rglob("*")) if p.is_file() and p.suffix not in (".gz", ".br")]


def test_the_configuration_passes_nginx_t_and_the_published_files_are_readable_by_the_server(served):
    webroot, _, _, said = served
    assert "syntax is ok" in said and "test is successful" in said
    for path in [webroot, *webroot.rglob("*")]:
        assert path.stat().st_mode & 0o777 == (0o755 if path.is_dir() else 0o644), path
    assert not list(webroot.rglob(".*")), "nothing whose name starts with a dot is published"


def test_every_page_and_file_answers_in_both_languages_with_its_headers(served):
    webroot, port, _, _ = served
    files = site_files(webroot)
    pages = [url_of(webroot, p) for p in files if p.suffix == ".html" and p.name != "404.html"]
    assert {"/", "/es/", "/un-texte/", "/es/un-texto/", "/expositions/demo/un/", "/trousses-pedagogiques/demo/quiz/",
            "/es/materiales-pedagogicos/demo-es/cuestionario/", "/archives/la-revue/13-1/", "/delegations/voyage/",
            "/pays/colombie/", "/es/paises/colombia/", "/recherche/", "/es/buscar/"} <= set(pages)
    for path in files:
        url = url_of(webroot, path)
        response, body = get(port, url)
        assert response.status == 200, url
        assert body == path.read_bytes(), url
        for name, value in security_headers(url):
            assert response.getheader(name) == value, (url, name)
        expected = ("public, max-age=31536000, immutable" if url.startswith("/images/")
                    else "public, max-age=86400" if path.suffix in (".css", ".js", ".pdf", ".zip", ".png", ".jpg")
                    else "no-cache" if path.suffix in (".html", ".xml", ".txt") else None)
        if expected:
            assert response.getheader("Cache-Control") == expected, url


def test_compressed_copies_are_sent_to_browsers_that_take_them_and_say_they_vary(served):
    webroot, port, _, _ = served
    for url, original in (("/es/", webroot / "es" / "index.html"), ("/theme/css/site.css", webroot / "theme/css/site.css")):
        response, body = get(port, url, **{"Accept-Encoding": "gzip"})
        assert response.getheader("Content-Encoding") == "gzip" and gzip.decompress(body) == original.read_bytes()
        assert "Accept-Encoding" in response.getheader("Vary", "")
        response, body = get(port, url, **{"Accept-Encoding": "br, gzip"})
        assert response.getheader("Content-Encoding") == "br" and brotli.decompress(body) == original.read_bytes()
        assert "Accept-Encoding" in response.getheader("Vary", "")
        assert response.getheader("Cache-Control") in ("no-cache", "public, max-age=86400")
        plain, body = get(port, url)
        assert plain.getheader("Content-Encoding") is None and body == original.read_bytes()


def test_an_unknown_address_gets_the_404_page_of_its_language_and_dot_files_stay_hidden(served):
    webroot, port, _, _ = served
    (webroot / ".env").write_text("SECRET=1")  # what a careless upload could leave on the server
    for url, lang in (("/nulle-part/", "fr"), ("/es/ninguna-parte/", "es"), ("/.env", "fr"), ("/.git/config", "fr")):
        response, body = get(port, url)
        assert response.status == 404, url
        assert f'<html lang="{lang}">' in body.decode(), url
        assert b"SECRET" not in body
        for name, value in security_headers(url):
            assert response.getheader(name) == value, (url, name)


def test_plain_http_goes_to_the_secure_address(served):
    _, _, http_port, _ = served
    connection = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
    connection.request("GET", "/es/noticias/")
    response = connection.getresponse()
    assert response.status == 301 and response.getheader("Location") == "https://www.ciso.qc.ca/es/noticias/"


def test_the_web_editors_page_has_its_own_policy_and_the_site_keeps_the_strict_one(served):
    """/admin/ (published once a Git host is named) lets the editor run; no other page may."""
    webroot, port, _, _ = served
    (webroot / "admin").mkdir(exist_ok=True)
    (webroot / "admin" / "index.html").write_text("<!doctype html><title>Éditeur</title>")
    editor, _ = get(port, "/admin/")
    home, _ = get(port, "/")
    assert editor.status == 200
    assert editor.getheader("Content-Security-Policy") == dict(security_headers("/admin/"))["Content-Security-Policy"]
    assert "'unsafe-eval'" in editor.getheader("Content-Security-Policy")
    site_policy = home.getheader("Content-Security-Policy")
    assert "'unsafe-eval'" not in site_policy and "'unsafe-inline'" not in site_policy
    assert editor.getheader("Strict-Transport-Security") == home.getheader("Strict-Transport-Security")
