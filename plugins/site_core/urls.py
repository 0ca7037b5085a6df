"""Addresses: the one place where a URL becomes a file, or an absolute address.

* ``save_as(url)``: the output file behind a site-relative URL ("a/" and ""
  are folders, served by their index.html; "a/b.zip" is that file).
* ``absolute(settings, url)``: the address a feed, a sharing tag, a QR code
  or structured data needs (SITE_ORIGIN, then the site-relative URL).
"""


def save_as(url):
    """The file a site-relative URL is served from ("" and "a/" are folders: their index.html)."""
    url = url.lstrip("/")
    return url + "index.html" if url == "" or url.endswith("/") else url


def absolute(settings, url):
    """SITE_ORIGIN followed by a site-relative URL (with or without its leading "/")."""
    return f"{settings.get('SITE_ORIGIN', '').rstrip('/')}/{url.lstrip('/')}"
