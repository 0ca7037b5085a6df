"""Addresses: the one place where a URL becomes a file, or an absolute address.

* ``save_as(url)``: the output file behind a site-relative URL ("a/" and ""
  are folders, served by their index.html; "a/b.zip" is that file).
* ``absolute(settings, url)``: the address a feed, a sharing tag, a QR code
  or structured data needs (SITE_ORIGIN, then the site-relative URL);
  ``origin(settings)``: SITE_ORIGIN without its final "/"; templates have
  ``absolute_url(url)`` (installed by the multilingual plugin);
* ``url_of_file(file)``: the inverse of save_as, the URL a visitor types for
  an output file ("es/index.html" is "es/").
"""


def save_as(url):
    """The file a site-relative URL is served from ("" and "a/" are folders: their index.html)."""
    url = url.lstrip("/")
    return url + "index.html" if url == "" or url.endswith("/") else url


def origin(settings):
    """The site's public address, without a final "/" ("https://www.ciso.qc.ca")."""
    return settings.get("SITE_ORIGIN", "").rstrip("/")


def absolute(settings, url):
    """SITE_ORIGIN followed by a site-relative URL (with or without its leading "/")."""
    return f"{origin(settings)}/{url.lstrip('/')}"


def url_of_file(file):
    """The site-relative URL (no leading "/") that serves an output file: a folder's index.html is the folder."""
    file = file.replace("\\", "/").lstrip("/")
    if file == "index.html":
        return ""
    return file[: -len("index.html")] if file.endswith("/index.html") else file
