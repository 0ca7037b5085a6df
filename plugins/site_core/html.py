"""HTML that is meant as HTML.

Every template is autoescaped (JINJA_ENVIRONMENT in the settings): any text
from content (a title, a caption, a quiz question, a CSV cell) is shown as
written and can never become markup. The only HTML that templates output
as such is what a reader made from a Markdown body; it is marked here, in
one place, when a plugin puts it in a view, and through the ``body(item)``
global that the multilingual plugin installs for templates.
"""

from markupsafe import Markup


def body_html(html):
    """HTML a reader produced from a Markdown text (never text from a data file)."""
    return Markup(html or "")


def body(item):
    """The body of an article or page, as the HTML its reader made."""
    return body_html(getattr(item, "content", None))


def written_body(item):
    """A text's body as its reader made it, before Pelican rewrites its {filename}-style links: what
    checks read (links, images, a translation still holding its original's text). Pelican keeps it
    in the private ``_content``; this and ``replace_written_body`` are the only places that touch it."""
    return getattr(item, "_content", None) or ""


def replace_written_body(item, html):
    """Give a text a new body (an image plugin's <picture> markup), before Pelican renders it."""
    item._content = html
