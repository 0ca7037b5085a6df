"""Structured data (schema.org JSON-LD) of the pages this plugin writes, built in Python.

Templates print a graph with the ``jsonld(graph)`` macro; the nodes come from
the globals installed here, so that no template assembles a dictionary:

* ``organization_node(lang, properties)``: the organisation publishing the site
  (its name in each language, ORGANIZATION_ALTERNATE_NAMES, its logo
  SHARE_IMAGE), with the schema.org `properties` a template passes from
  whatever knows them (its accounts elsewhere as sameAs, its email…);
* ``website_node(lang)``: the site in one language, with its search;
* ``article_node(article, description, image, organization)``: a news article,
  its section, tags, picture, the organisation's `properties` as above, and its
  translations (the default language's version is the
  original, the others translate it).

Addresses are absolute (site_core.urls.absolute).
"""

from site_core.urls import absolute


class StructuredData:
    """The JSON-LD nodes of one run's settings (see the module's docstring)."""
    def __init__(self, settings):
        self.settings = settings
        self.languages = settings["SITE_LANGUAGES"]

    def url(self, path):
        """An absolute address (site_core.urls.absolute)."""
        return absolute(self.settings, path)

    def organization_node(self, lang, properties=None):
        """The organisation that publishes the site, named in `lang`, with other schema.org `properties`."""
        share = self.settings["SHARE_IMAGE"]
        others = [self.languages.site_name(code) for code in self.languages.codes if code != lang]
        node = {
            "@type": "Organization", "@id": self.url("/#organization"), "name": self.languages.site_name(lang),
            "alternateName": [*self.settings["ORGANIZATION_ALTERNATE_NAMES"], *others],
            "url": self.url(self.languages.url(lang, "home")),
            "logo": {"@type": "ImageObject", "url": self.url(share["url"]), "width": share["width"],
                     "height": share["height"]},
        }
        node.update(properties or {})
        return node

    def website_node(self, lang, search_url):
        """The site in `lang`, with its search page as a SearchAction."""
        home = self.url(self.languages.url(lang, "home"))
        return {
            "@type": "WebSite", "@id": home + "#website", "url": home, "name": self.languages.site_name(lang),
            "inLanguage": lang, "publisher": {"@id": self.url("/#organization")},
            "potentialAction": {"@type": "SearchAction",
                                "target": {"@type": "EntryPoint",
                                           "urlTemplate": self.url(search_url) + "?q={search_term_string}"},
                                "query-input": "required name=search_term_string"},
        }

    def article_node(self, article, description, image, organization=None):
        """`image`: (url, width, height) of the picture the page is shared with; `organization`: the
        publisher's other schema.org properties (organization_node)."""
        url = self.url(article.url)
        organization = self.organization_node(article.lang, organization)
        node = {
            "@type": "NewsArticle", "@id": url, "url": url, "mainEntityOfPage": url,
            "headline": _shortened(article.title, 110), "description": description,
            "inLanguage": article.lang, "datePublished": article.date.isoformat(),
            "dateModified": (getattr(article, "modified", None) or article.date).isoformat(),
            "image": {"@type": "ImageObject", "url": self.url(image[0]), "width": image[1], "height": image[2]},
            "author": organization, "publisher": organization,
            "keywords": [tag.name for tag in article.tags],
        }
        if getattr(article, "category", None):
            node["articleSection"] = article.category.name
        default = self.languages.default
        original = next((other for other in article.translations if other.lang == default), None)
        if article.lang == default and article.translations:
            node["workTranslation"] = [{"@id": self.url(other.url), "inLanguage": other.lang}
                                       for other in article.translations]
        elif original is not None:
            node["translationOfWork"] = {"@id": self.url(original.url), "inLanguage": original.lang}
        return node


def _shortened(text, length):
    """At most `length` characters, cut with "…" (a headline's limit for search engines)."""
    return text if len(text) <= length else text[: length - 1] + "…"


def install(env, settings):
    """The nodes as template globals: organization_node, website_node, article_node."""
    data = StructuredData(settings)
    env.globals.update(organization_node=data.organization_node, website_node=data.website_node,
                       article_node=data.article_node)
