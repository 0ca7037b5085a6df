"""Writing a page of the site from a generator: one call, the same arguments everywhere.

``write_page(generator, writer, url, template, lang=…, alternates=…, **values)``
renders ``template`` into the file behind ``url`` (site_core.urls.save_as) with
the generator's context, root-relative links, and ``url_path`` set to ``url``
(the theme's ``page_url()``). The page must have been claimed in the URL
registry while the context was built.
"""

from .urls import save_as


def write_page(generator, writer, url, template, **values):
    """Render `template` at `url` (a site-relative URL, "" for the home page) with `values`."""
    writer.write_file(save_as(url), generator.get_template(template), generator.context,
                      relative_urls=False, url_path=url, **values)
