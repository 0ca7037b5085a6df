"""The home page in each language, and the lists with images, as a visitor reads them."""

import pytest
import yaml

from sitebuild import ROOT

HOMES = {"fr": "index.html", "es": "es/index.html"}


@pytest.mark.parametrize("lang", HOMES)
def test_the_home_page_leads_with_the_mission_an_image_and_what_to_do(site, pages, lang):
    home = pages[site / HOMES[lang]]
    hero = home.select_one("main .hero")
    intro = {"fr": "50 ans de solidarité ouvrière internationale", "es": "50 años de solidaridad obrera internacional"}
    assert hero.h1.get_text(strip=True) == intro[lang], "each language has its own introduction"
    assert hero.select_one(".hero-mission").get_text(strip=True).startswith(("Le Centre", "El Centro"))
    actions = [a["href"] for a in hero.select(".hero-actions a.button")]
    expected = {"fr": ["/expositions/du-mexique-au-quebec/", "/trousses-pedagogiques/", "/adhesion/"],
                "es": ["/es/exposiciones/de-mexico-a-quebec/", "/es/materiales-pedagogicos/", "/es/afiliacion/"]}
    assert actions == expected[lang]
    image = hero.select_one(".hero-image img")
    assert image["alt"] and image["loading"] == "eager", "the lead image is described and comes first"
    cards = home.find(id="act-title").find_parent("section").select(".card")
    assert len(cards) == 4 and all(card.find("a") for card in cards), "both exhibitions and both kits"
    # Each with its image: an exhibition's first photo (none while its photos are to come), a kit's cover.
    exhibitions = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in (ROOT / "content/exhibitions").glob("*/exhibition.yml")]
    kits = [yaml.safe_load(f.read_text(encoding="utf-8")) for f in (ROOT / "content/kits").glob("*/kit.yml")]
    expected = sum(bool(e.get("photos")) for e in exhibitions) + sum(bool(k.get("cover")) for k in kits)
    assert sum(1 for card in cards if card.find("img")) == expected
    news = home.select("#latest-title")[0].find_parent("section").select(".card")
    assert len(news) == 3 and all(card.select_one(".card-title a") for card in news)
    assert home.select_one(".anniversary h2"), "the 50th anniversary has its place"


def test_a_news_list_shows_each_posts_image_or_its_sections(site, pages):
    listing = pages[site / "nouvelles" / "index.html"]
    cards = listing.select(".post-card")
    with_image = [card for card in cards if card.select_one(".post-card-image img")]
    assert with_image, "posts of a section with an image show it"
    for card in with_image:
        assert card.select_one(".post-card-image img")["alt"] == "", "decorative: the title says what it is"
    terms = yaml.safe_load((ROOT / "content" / "terms.yml").read_text(encoding="utf-8"))
    without = {c["fr"] for c in terms["categories"] if not c.get("image")}
    section = {card.select_one(".meta a").get_text(strip=True) for card in cards if card not in with_image}
    assert section <= without, f"only sections without an image go without: {section}"
