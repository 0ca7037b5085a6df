"""The security headers the production server sends, read from deploy/, for the servers that stand
in for it (the test suite's, the dev server's editor page): one place says what they are.

``security_headers(uri)`` is [(name, value)] for a request of `uri`: each ``add_header`` of
deploy/ciso-security-headers.conf, a value given as an nginx variable (``$ciso_…``) looked up in
the ``map $uri`` of deploy/nginx.conf that sets it, as nginx does (the first regular expression
that matches, else the default). A small reader of those two files' own lines, not of nginx's
whole grammar: the test of the real nginx (tests/test_serving_nginx.py) checks that nginx agrees.
"""

import re
from functools import cache
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"
ADD_HEADER = re.compile(r'^add_header\s+(\S+)\s+("([^"]*)"|\$\w+)', re.MULTILINE)
MAP = re.compile(r"^map \$uri \$(\w+) \{\n(.*?)^\}", re.MULTILINE | re.DOTALL)
MAP_LINE = re.compile(r'^\s*(default|~\S+)\s+"?([^"\n]*?)"?;\s*$', re.MULTILINE)


@cache
def _maps():
    """{variable: [(pattern or None for the default, value)]} of nginx.conf's maps of $uri."""
    text = (DEPLOY / "nginx.conf").read_text()
    return {name: [(None if key == "default" else re.compile(key[1:]), value) for key, value in MAP_LINE.findall(body)]
            for name, body in MAP.findall(text)}


def _lookup(variable, uri):
    entries = _maps()[variable]
    return next((value for pattern, value in entries if pattern is not None and pattern.search(uri)),
                next(value for pattern, value in entries if pattern is None))


def security_headers(uri):
    """[(name, value)] of the security headers nginx sends for `uri`."""
    text = (DEPLOY / "ciso-security-headers.conf").read_text()
    return [(name, literal if not value.startswith("$") else _lookup(value[1:], uri))
            for name, value, literal in ADD_HEADER.findall(text)]
