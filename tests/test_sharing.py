"""Sharing and discovery: what Facebook, Instagram or a search engine reads
from each page (Open Graph, Twitter cards, JSON-LD), and the links to the
organisation's accounts elsewhere."""

import json

import pytest
from PIL import Image

from sitebuild import ROOT, build, file_of, make_content, page, url_of

SHARE_LOCALES = {"fr": "fr_CA", "es": "es_LA"}

# What each kind of structured data must say to be of use (schema.org and
# Google's rich-result requirements).
REQUIRED = {
    "Organization": {"name", "url", "logo"},
    "WebSite": {"name", "url", "inLanguage"},
    "NewsArticle": {"headline", "datePublished", "dateModified", "inLanguage", "image", "author",
                    "publisher", "url", "description"},
    # startDate only where the content gives one (the report dates neither opening).
    "ExhibitionEvent": {"name", "location", "url", "inLanguage"},
    "ImageGallery": {"name", "url", "hasPart"},
    "Photograph": {"name", "contentUrl", "url", "creator"},
    "LearningResource": {"name", "url", "inLanguage", "learningResourceType"},
    "Periodical": {"name", "url"},
    "PublicationIssue": {"name", "url", "issueNumber", "isPartOf", "datePublished"},
    "BreadcrumbList": {"itemListElement"},
    "ImageObject": {"url"},
}


def meta(soup, key):
    found = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return found["content"] if found else None


def nodes(value):
    """Every typed node of a JSON-LD document, nested ones included."""
    if isinstance(value, dict):
        if "@type" in value:
            yield value
        for child in value.values():
            yield from nodes(child)
    elif isinstance(value, list):
        for child in value:
            yield from nodes(child)


def types_of(node):
    return node["@type"] if isinstance(node["@type"], list) else [node["@type"]]


def test_every_page_has_open_graph_and_twitter_card_tags(site, site_pages, origin):
    problems = []
    for path, soup in site_pages.items():
        if path.parent.name == "pagefind":
            continue
        where = url_of(site, path)
        lang = soup.html["lang"]
        values = {key: meta(soup, key) for key in (
            "og:title", "og:description", "og:url", "og:type", "og:locale", "og:image", "og:image:width",
            "og:image:height", "og:image:alt", "og:site_name", "twitter:card", "twitter:title", "twitter:image")}
        missing = [key for key, value in values.items() if not value]
        if missing:
            problems.append((where, "missing", missing))
            continue
        if values["og:locale"] != SHARE_LOCALES[lang]:
            problems.append((where, "og:locale", values["og:locale"]))
        # The languages the switcher offers this very page in (not a fallback page).
        translated = {a["hreflang"] for a in soup.select("nav.lang-switch a[hreflang]")
                      if not a.find_parent("li").select(".lang-note")}
        expected = {SHARE_LOCALES[code] for code in translated}
        given = {tag["content"] for tag in soup.find_all("meta", attrs={"property": "og:locale:alternate"})}
        if given != expected:
            problems.append((where, "og:locale:alternate", given, expected))
        canonical = soup.find("link", rel="canonical")
        if canonical and values["og:url"] != canonical["href"]:
            problems.append((where, "og:url", values["og:url"], canonical["href"]))
        image = values["og:image"]
        image_file = file_of(site, image[len(origin):]) if image.startswith(origin + "/") else None
        if image_file is None:
            problems.append((where, "og:image not on the site", image))
        else:
            with Image.open(image_file) as picture:
                if picture.size != (int(values["og:image:width"]), int(values["og:image:height"])):
                    problems.append((where, "og:image size", picture.size))
    assert len(site_pages) > 200
    assert not problems, problems[:10]


def test_posts_are_articles_and_the_home_page_a_website(site):
    post, home = page(site, "delegation-colombie"), page(site, "")
    assert meta(post, "og:type") == "article"
    assert meta(post, "article:published_time").startswith("2024-12-16")
    assert meta(post, "og:title").startswith("Délégation intersyndicale en Colombie")
    assert meta(home, "og:type") == "website"
    assert meta(page(site, "es/delegacion-colombia"), "og:locale") == "es_LA"


def test_every_json_ld_block_is_valid_json_with_its_required_properties(site, pages, origin):
    problems, seen = [], {}
    for path, soup in pages.items():
        for script in soup.find_all("script", type="application/ld+json"):
            where = url_of(site, path)
            try:
                document = json.loads(script.string)
            except (TypeError, ValueError) as error:
                problems.append((where, "not JSON", str(error)))
                continue
            if document.get("@context") != "https://schema.org":
                problems.append((where, "@context", document.get("@context")))
            main = [id(node) for node in document.get("@graph", [document])]
            for node in nodes(document):
                for kind in types_of(node):
                    seen[kind] = seen.get(kind, 0) + 1
                    # A page's main entities must say all; nested ones (a publisher, a
                    # venue, an address) are parts of them.
                    missing = REQUIRED.get(kind, set()) - set(node) if id(node) in main else set()
                    if missing:
                        problems.append((where, kind, "missing", sorted(missing)))
                    url = node.get("url")
                    if isinstance(url, str) and not url.startswith(origin + "/"):
                        problems.append((where, kind, "url not absolute on this site", url))
    print("JSON-LD types:", seen)
    assert {"Organization", "WebSite", "NewsArticle", "ExhibitionEvent", "LearningResource",
            "PublicationIssue", "Photograph"} <= set(seen)
    assert not problems, problems[:10]


def graph(soup, kind):
    for script in soup.find_all("script", type="application/ld+json"):
        for node in nodes(json.loads(script.string)):
            if kind in types_of(node):
                return node
    return None


def test_home_pages_describe_the_organisation_and_its_search(site, origin):
    for url, lang, name in [("", "fr", "Centre international de solidarité ouvrière"),
                            ("es", "es", "Centro Internacional de Solidaridad Obrera")]:
        home = page(site, url)
        organization, website = graph(home, "Organization"), graph(home, "WebSite")
        assert organization["name"] == name
        assert organization["@id"] == f"{origin}/#organization"  # the same organisation in every language
        assert file_of(site, organization["logo"]["url"][len(origin):]) is not None
        assert website["inLanguage"] == lang
        search = website["potentialAction"]["target"]["urlTemplate"]
        assert file_of(site, search[len(origin):].split("?")[0]) is not None


def test_a_post_and_its_translation_point_at_each_other(site, pages, origin):
    checked = 0
    for soup in pages.values():
        article = graph(soup, "NewsArticle")
        if not article or article.get("inLanguage") != "es" or "translationOfWork" not in article:
            continue
        original_url = article["translationOfWork"]["@id"]
        original = graph(pages[file_of(site, original_url[len(origin):])], "NewsArticle")
        assert original["inLanguage"] == "fr"
        assert article["@id"] in [t["@id"] for t in original["workTranslation"]]
        assert article["datePublished"][:10] == original["datePublished"][:10]
        checked += 1
    assert checked >= 20


# --- a small site: a post with a photo, and the accounts configured -----------------

POST_WITH_PHOTO = """Title: Une nouvelle avec photo
Date: 2025-03-01
Summary: Un résumé de la nouvelle.
Tags: mexique

![Des récupérateurs trient le carton](/media/tri.jpg)

Le texte de la nouvelle.
"""
ACCOUNTS = ("social:\n  facebook: https://www.facebook.com/exemple-ciso\n  instagram: \"\"\n"
            "  podcast: https://soundcloud.com/exemple-ciso\n")  # content/coordonnees.yml, the newsletter's left out


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sharing")
    content = make_content(tmp, {
        "news/2025-03-01-photo.fr.md": POST_WITH_PHOTO,
        "pages/contact.fr.md": "Title: Nous joindre\nSlug: contact\n\nCoordonnées.\n",
        "coordonnees.yml": ACCOUNTS,
    })
    (content / "media").mkdir()
    Image.new("RGB", (1800, 1200), "#7a6a50").save(content / "media" / "tri.jpg")
    output = tmp / "output"
    result = build(output, content=content)
    assert result.returncode == 0, result.stdout
    return output


def test_a_post_with_a_photo_is_shared_with_that_photo(small_site):
    post = page(small_site, "une-nouvelle-avec-photo")
    image = meta(post, "og:image")
    assert "/images/tri-" in image and image.endswith(".jpg")
    assert meta(post, "og:image:alt") == "Des récupérateurs trient le carton"
    assert meta(post, "twitter:image") == image
    assert graph(post, "NewsArticle")["image"]["url"] == image
    with Image.open(file_of(small_site, "/" + image.split("/", 3)[3])) as shared:
        assert shared.size == (int(meta(post, "og:image:width")), int(meta(post, "og:image:height")))


def test_footer_links_to_the_accounts_that_are_set_and_only_to_them(small_site):
    home = page(small_site, "")
    footer = {a.get_text(strip=True): a for a in home.find("footer").find_all("a")}
    assert footer["Facebook"]["href"] == "https://www.facebook.com/exemple-ciso"
    assert footer["Facebook"]["rel"] == ["me"]
    assert footer["Balado"]["href"] == "https://soundcloud.com/exemple-ciso"
    assert "Instagram" not in footer and "Abonnement au bulletin" not in footer, "no link to what is not there"
    organization = graph(home, "Organization")
    assert organization["sameAs"] == ["https://www.facebook.com/exemple-ciso", "https://soundcloud.com/exemple-ciso"]
    assert graph(page(small_site, "une-nouvelle-avec-photo"), "NewsArticle")["publisher"]["sameAs"] == \
        organization["sameAs"]
    assert "<iframe" not in str(home) and "connect.facebook" not in str(home)


def test_the_real_sites_footer_names_the_accounts_its_details_file_gives_and_no_other(site):
    import yaml

    social = (yaml.safe_load((ROOT / "content" / "coordonnees.yml").read_text(encoding="utf-8")) or {}).get("social") or {}
    for url, podcast in (("", "Balado"), ("es", "Pódcast")):
        footer = page(site, url).find("footer")
        names = {a.get_text(strip=True) for a in footer.find_all("a")}
        for key, label in (("facebook", "Facebook"), ("instagram", "Instagram"), ("podcast", podcast)):
            assert (label in names) == bool(social.get(key)), (url, label, names)
        assert any(a["href"].endswith("atom.xml") for a in footer.find_all("a")), "the news feed, always"
    assert (ROOT / "theme" / "static" / "images" / "share-card.png").is_file()
