"""Writing a page of the site from a generator: one call, the same arguments everywhere.

``write_page(generator, writer, url, template, lang=…, alternates=…, **values)``
renders ``template`` into the file behind ``url`` (site_core.urls.save_as) with
the generator's context, root-relative links, and ``url_path`` set to ``url``
(the theme's ``page_url()``). The page must have been claimed in the URL
registry while the context was built.

``neighbours(items)`` gives each item of a sequence of pages with the one
before and the one after (None at the ends): previous / next links.
"""

from .urls import save_as


def write_page(generator, writer, url, template, **values):
    """Render `template` at `url` (a site-relative URL, "" for the home page) with `values`."""
    writer.write_file(save_as(url), generator.get_template(template), generator.context,
                      relative_urls=False, url_path=url, **values)


def neighbours(items):
    """(before, item, after) for each of `items`, None beyond the ends; nothing for no items."""
    items = list(items)
    return zip([None] + items[:-1], items, items[1:] + [None], strict=False)
