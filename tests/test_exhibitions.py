"""Exhibitions and the image pipeline, on a small made-up exhibition."""

import hashlib
import json
import re
import shutil

import pytest
from PIL import Image

from exhibition_fixture import make_site, photo
from sitebuild import build, build_fails_saying, page

WIDER_THAN_EVERY_WIDTH = (1800, 1200)  # IMAGE_WIDTHS go up to 1600; 3:2, as a camera


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("exhibition")
    content = make_site(tmp_path, count=4, size=WIDER_THAN_EVERY_WIDTH)  # so that every width is made
    originals = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in content.rglob("*.jpg")}
    output, cache = tmp_path / "output", tmp_path / "cache"
    shown = []
    first = build(output, content=content, cache=cache, verbose=True, LOAD_CONTENT_CACHE=True, show_progress=shown.append,
                  IMAGE_CACHE_PATH=str(cache / "images"))  # its own: the test counts what is encoded
    assert first.returncode == 0, first.stdout
    # The first build says how far it has got while it encodes (make html prints it, the dev server shows it).
    assert shown[0] == "Photos : préparation de 4 photo(s) en plusieurs tailles…" and shown[-1] == "Photos : 4 sur 4 préparées"
    return content, output, cache, originals, first.stdout


def test_landing_page_shows_every_photo_in_order_with_responsive_images(built):
    _, output, _, _, _ = built
    landing = page(output, "expositions/demo")
    lead = landing.select_one(".exhibition-lead img")
    assert lead["alt"] == "Image provisoire 1" and lead["loading"] == "eager", "the first photograph leads, at once"
    links = landing.select(".photo-grid a.photo-link")
    assert [a["href"] for a in links] == [f"/expositions/demo/photo-{n}/" for n in range(1, 5)]
    for number, link in enumerate(links, 1):
        picture = link.find("picture")
        types = [s["type"] for s in picture.find_all("source")]
        assert types == ["image/avif", "image/webp"]
        img = picture.find("img")
        assert img["alt"] == f"Image provisoire {number}"
        assert link.select_one(".photo-caption").get_text() == f"Légende {number}"
        assert int(img["width"]) == 1600 and int(img["height"]) == 1067
        assert img["loading"] == "lazy", "the grid comes after the lead photograph and the introduction"
        for candidates in [img["srcset"]] + [s["srcset"] for s in picture.find_all("source")]:
            widths = [int(w) for w in re.findall(r" (\d+)w", candidates)]
            assert widths == [400, 800, 1200, 1600]
            for url in re.findall(r"(/images/\S+)", candidates):
                assert (output / url.lstrip("/")).is_file(), url
        assert img["sizes"] and all(s["sizes"] == img["sizes"] for s in picture.find_all("source"))


def test_every_published_image_is_free_of_metadata_and_originals_are_untouched(built):
    content, output, _, originals, _ = built
    published = sorted((output / "images").iterdir())
    assert len(published) == 4 * 4 * 3  # photos x widths x formats
    for path in published:
        raw = path.read_bytes()
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert not image.info.get("exif") and not image.info.get("xmp") and not image.info.get("icc_profile")
        # The camera's name, as the originals' EXIF holds it (18 bytes: no chance match in compressed data;
        # GPS is covered by getexif() above: its tags live in the EXIF block).
        assert b"Placeholder Camera" not in raw, path.name
    assert not list(output.rglob("*.placeholder.jpg")), "an original was published as is"
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in content.rglob("*.jpg")} == originals
    with Image.open(next(content.rglob("*.jpg"))) as original:
        assert original.getexif().get_ifd(0x8825), "the fixture's originals do carry GPS data"


def test_photo_pages_have_their_own_address_and_previous_next_in_order(built):
    _, output, _, _, _ = built
    first, second, last = (page(output, f"expositions/demo/photo-{n}") for n in (1, 2, 4))
    assert first.h1.get_text() == "Légende 1"
    assert first.find("a", rel="prev") is None
    assert first.find("a", rel="next")["href"] == "/expositions/demo/photo-2/"
    assert second.find("a", rel="prev")["href"] == "/expositions/demo/photo-1/"
    assert second.find("a", rel="next")["href"] == "/expositions/demo/photo-3/"
    assert last.find("a", rel="next") is None
    credit = second.select_one(".credit").get_text(" ", strip=True)
    assert "Benoit Taillefer" in credit and "Mexique" in credit and "2020" in credit
    assert second.find("a", rel="license")["href"] == "https://rightsstatements.org/vocab/InC/1.0/"


def test_language_switch_on_a_photo_page_goes_to_the_same_photo_at_its_own_address(built):
    _, output, _, _, _ = built
    french = page(output, "expositions/demo/photo-3")
    assert french.find("nav", class_="lang-switch").find("a", hreflang="es")["href"] == \
        "/es/exposiciones/demostracion/foto-3/"
    spanish = page(output, "es/exposiciones/demostracion/foto-3")
    assert spanish.h1.get_text() == "Leyenda 3"
    assert spanish.find("nav", class_="lang-switch").find("a", hreflang="fr")["href"] == "/expositions/demo/photo-3/"


def test_print_view_has_one_panel_per_photo_each_with_its_qr_code(built):
    _, output, _, _, _ = built
    panels = page(output, "es/exposiciones/demostracion/paneles").select("section.panel")
    assert len(panels) == 4
    for number, panel in enumerate(panels, 1):
        assert panel.find("svg").find("title").get_text() == f"Leyenda {number}"
        assert panel.select_one(".panel-url").get_text().endswith(f"/es/exposiciones/demostracion/foto-{number}/")


def test_rebuild_with_no_image_change_encodes_no_image(built):
    content, output, cache, _, first_log = built
    assert "4 originals encoded, 0 from cache" in first_log
    again = build(output, content=content, cache=cache, verbose=True, LOAD_CONTENT_CACHE=True,
                  IMAGE_CACHE_PATH=str(cache / "images"))
    assert again.returncode == 0, again.stdout
    assert "0 originals encoded, 4 from cache" in again.stdout
    assert len(list((output / "images").iterdir())) == 48


@pytest.mark.parametrize("change, expected", [
    (lambda p: p[1].update(alt={"fr": "Texte"}), ["le texte alternatif de la photo n° 2", "pas de texte en « es »"]),
    (lambda p: p[0].update(caption={"es": "Leyenda"}), ["la légende de la photo n° 1", "pas de texte en « fr »"]),
    (lambda p: p[2].update(file="photos/absente.jpg"), ["photo n° 3 (photos/absente.jpg)", "introuvable"]),
    (lambda p: p[0].update(file="photos/texte.jpg"), ["photo n° 1 (photos/texte.jpg)", "pas une image"]),
    (lambda p: p[1].update(rights="tous droits réservés"), ["photo n° 2", "licence connue"]),
    (lambda p: p[1].update(id="photo-1"), ["n° 1 et n° 2", "même id « photo-1 » en « fr »"]),
    (lambda p: p[1].update(id={"fr": "photo-2", "es": "foto-1"}), ["n° 1 et n° 2", "même id « foto-1 » en « es »"]),
    (lambda p: p[1].update(id={"fr": "photo-2", "es": "foto dos"}), ["photo n° 2", "« id: foto dos » ne peut pas servir"]),
])
def test_bad_exhibition_data_stops_the_build_naming_file_and_entry(tmp_path, change, expected):
    photos = [photo(n) for n in range(1, 4)]
    content = make_site(tmp_path, photos=[dict(p) for p in photos])
    (content / "exhibitions/demo/photos/texte.jpg").write_text("not an image")
    data_file = content / "exhibitions/demo/exhibition.yml"
    import yaml
    data = yaml.safe_load(data_file.read_text())
    change(data["photos"])
    data_file.write_text(yaml.safe_dump(data, allow_unicode=True))
    build_fails_saying(tmp_path / "output", "exhibitions/demo/exhibition.yml", *expected, content=content)


def test_broken_yaml_names_the_line(tmp_path):
    content = make_site(tmp_path, count=1)
    data_file = content / "exhibitions/demo/exhibition.yml"
    data_file.write_text(data_file.read_text() + "  - file: [oops\n")
    said = build_fails_saying(tmp_path / "output", "illisible", content=content)
    assert re.search(r"content/exhibitions/demo/exhibition\.yml, ligne \d+ : ce fichier de données est illisible : ",
                     said), said


def graph(soup):
    blocks = [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]
    assert len(blocks) == 1
    return {tuple(node["@type"]) if isinstance(node["@type"], list) else node["@type"]: node
            for node in blocks[0]["@graph"]}


def test_structured_data_describes_the_exhibition_and_each_photo(built):
    _, output, _, _, _ = built
    landing = graph(page(output, "expositions/demo"))
    event = landing["ExhibitionEvent"]
    assert event["subEvent"][0]["location"]["name"] == "Place Émilie-Gamelin"
    assert event["subEvent"][0]["startDate"] == "2023-06-02"
    assert any(place["@type"] == "VirtualLocation" for place in event["location"])
    assert len(landing["ImageGallery"]["hasPart"]) == 4
    assert [i["position"] for i in landing["BreadcrumbList"]["itemListElement"]] == [1, 2]
    photo = graph(page(output, "es/exposiciones/demostracion/foto-2"))
    picture = photo[("Photograph", "ImageObject")]
    assert picture["creator"]["name"] == picture["creditText"] == "Benoit Taillefer"
    assert picture["copyrightNotice"] and picture["license"] == "https://rightsstatements.org/vocab/InC/1.0/"
    assert picture["contentLocation"]["name"] == "México" and picture["dateCreated"] == "2020"
    assert picture["inLanguage"] == "es" and picture["contentUrl"].endswith("-1600.jpg")
    assert len(photo["BreadcrumbList"]["itemListElement"]) == 3
    og = page(output, "expositions/demo/photo-2").find("meta", property="og:image")
    assert og["content"].endswith("-1600.jpg")


def test_markdown_images_in_posts_get_the_same_treatment(tmp_path):
    content = make_site(tmp_path, count=1)
    (content / "media").mkdir()
    shutil.copy(next(content.rglob("*.placeholder.jpg")), content / "media" / "reunion.jpg")
    (content / "news" / "2025-02-01-image.fr.md").write_text(
        "Title: Avec une image\n\n![Des personnes réunies autour d'une table](/media/reunion.jpg)\n")
    output = tmp_path / "output"
    result = build(output, content=content)
    assert result.returncode == 0, result.stdout
    picture = page(output, "avec-une-image").find("picture")
    assert [s["type"] for s in picture.find_all("source")] == ["image/avif", "image/webp"]
    img = picture.find("img")
    assert img["alt"] == "Des personnes réunies autour d'une table" and img["width"] and img["height"]
    with Image.open(output / img["src"].lstrip("/")) as published:
        assert not published.getexif()
    # The file itself (for a link to it) is published too, without its metadata (GPS included).
    with Image.open(content / "media" / "reunion.jpg") as original, Image.open(output / "media" / "reunion.jpg") as copy:
        assert original.getexif().get_ifd(0x8825) and not copy.getexif() and copy.size == original.size

    (content / "news" / "2025-02-02-sans-alt.fr.md").write_text("Title: Sans alt\n\n![](/media/reunion.jpg)\n")
    build_fails_saying(output, "news/2025-02-02-sans-alt.fr.md", "texte alternatif", content=content)
