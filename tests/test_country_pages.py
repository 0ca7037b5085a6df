"""Country pages: a post tagged with a country appears on that country's page,
in its own language only; other content types join in."""


from exhibition_fixture import make_site
from sitebuild import build, build_fails_saying, page


def test_country_pages_gather_posts_in_their_language_and_exhibitions(tmp_path):
    content = make_site(tmp_path, count=1)
    news = content / "news"
    (news / "2025-02-01-lettre.fr.md").write_text("Title: Lettre sur le Mexique\nCategory: Plaidoyer\nTags: Mexique\n\nT.\n")
    (news / "2025-02-02-solo.es.md").write_text("Title: Solo en español\nTags: México\n\nT.\n")
    (news / "2025-02-03-haiti.fr.md").write_text("Title: Haïti seulement\nTags: Haïti\n\nT.\n")
    data = content / "exhibitions/demo/exhibition.yml"
    data.write_text("countries: [mexique]\n" + data.read_text())
    (content / "countries").mkdir()
    (content / "countries" / "mexique.fr.md").write_text("Title: Mexique\n\nLe programme au Mexique.\n")
    output = tmp_path / "output"
    result = build(output, content=content)
    assert result.returncode == 0, result.stdout

    french = page(output, "pays/mexique")
    assert "Le programme au Mexique." in french.get_text()
    assert [a.get_text() for a in french.select(".post-card-title a")] == ["Lettre sur le Mexique", "Démo"]
    spanish = page(output, "es/paises/mexico")
    assert [a.get_text() for a in spanish.select(".post-card-title a")] == ["Solo en español", "Demostración"]
    assert french.find("nav", class_="lang-switch").find("a", hreflang="es")["href"] == "/es/paises/mexico/"
    # Haiti has a French post only: no Spanish page, and the switcher says so.
    assert (output / "pays/haiti/index.html").exists() and not (output / "es/paises/haiti").exists()
    assert "(page non traduite)" in page(output, "pays/haiti").find("nav", class_="lang-switch").get_text()
    tag = page(output, "etiquette/mexique")
    assert tag.find("a", href="/pays/mexique/")


def test_an_unknown_country_stops_the_build(tmp_path):
    content = make_site(tmp_path, count=1)
    data = content / "exhibitions/demo/exhibition.yml"
    data.write_text("countries: [atlantide]\n" + data.read_text())
    build_fails_saying(tmp_path / "output", "exhibitions/demo/exhibition.yml, ligne ", " : « atlantide » n'est pas un pays",
                       content=content)
