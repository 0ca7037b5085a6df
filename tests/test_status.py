"""`make status`: translation coverage per section and language."""

import subprocess
import sys

from sitebuild import ROOT, make_content


def status_of(content):
    """`make status` on a content folder: its output (exit status 0: it only informs)."""
    result = subprocess.run([sys.executable, "-m", "tools.status", str(content)], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def test_status_counts_items_and_lists_what_lacks_a_translation(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-01-seul.fr.md": "Title: Seul\nCategory: Plaidoyer\n\nTexte.\n",
        "news/2025-03-02-paire.fr.md": "Title: Paire\n\nTexte.\n",
        "news/2025-03-02-paire.es.md": "Title: Par\n\nTexto.\n",
        "news/2025-03-03-delegation.fr.md": "Title: Délégation\nCategory: Délégations\n\nTexte.\n",
        "news/2025-03-03-delegation.es.md": "Title: Delegación\n\nTexto.\n",
        "pages/contact.es.md": "Title: Contacto\n\nTexto.\n",
    })
    result = status_of(content)
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[3:7] if line.strip()}
    assert rows["Nouvelles"] == ["1", "1"]
    assert rows["Délégations"] == ["1", "1"]
    assert rows["Plaidoyer"] == ["1", "0"]
    assert rows["Pages"] == ["0", "1"]
    assert "manque en « es » : " in result.stdout and "news/2025-03-01-seul.fr.md" in result.stdout
    assert "manque en « fr » : " in result.stdout and "pages/contact.es.md" in result.stdout
    untranslated = result.stdout.split("Sans traduction")[1].split("\n\n")[0]
    assert "paire" not in untranslated and "seul.fr.md" in untranslated


def test_status_lists_missing_alt_text_summaries_and_images_drafts_and_scheduled_posts(tmp_path):
    content = make_content(tmp_path, {
        "news/2025-03-01-complet.fr.md": "Title: Complet\nSummary: Résumé.\n\n![Une photo](/media/a.jpg)\n",
        "news/2025-03-01-complet.es.md": "Title: Completo\nSummary: Resumen.\n\n![Una foto](/media/a.jpg)\n",
        "news/2025-03-02-sans-alt.fr.md": "Title: Sans alt\nSummary: Résumé.\n\n![](/media/b.jpg)\n<img src=\"/media/c.jpg\">\n",
        "news/2025-03-03-sans-resume.fr.md": "Title: Sans résumé\n\n![Photo](/media/a.jpg)\n",
        "news/2025-03-04-sans-image.fr.md": "Title: Sans image\nSummary: Résumé.\n\nTexte.\n",
        "news/2025-03-05-brouillon.fr.md": "Title: Brouillon\nSummary: R.\nStatus: draft\n\n![Photo](/media/a.jpg)\n",
        "news/2099-01-01-futur.fr.md": "Title: Futur\nSummary: R.\n\n![Photo](/media/a.jpg)\n",
    })
    result = status_of(content)
    sections = {}
    for block in result.stdout.split("\n\n")[2:]:
        heading, *lines = block.strip().splitlines()
        sections[heading.split(" (")[0]] = [line.strip() for line in lines]
    [markdown, html] = sections["Images sans texte alternatif"]
    assert markdown.endswith("2025-03-02-sans-alt.fr.md : /media/b.jpg")
    assert html.endswith("2025-03-02-sans-alt.fr.md : /media/c.jpg")
    assert [line.rsplit("/", 1)[1] for line in sections["Sans résumé"]] == ["2025-03-03-sans-resume.fr.md"]
    assert [line.rsplit("/", 1)[1] for line in sections["Nouvelles sans image"]] == ["2025-03-04-sans-image.fr.md"]
    assert [line.rsplit("/", 1)[1] for line in sections["Brouillons"]] == ["2025-03-05-brouillon.fr.md"]
    assert sections["Programmées"][0].startswith("2099-01-01 : ") and "futur.fr.md" in sections["Programmées"][0]
    assert "Sans traduction (5) :" in result.stdout


def test_status_on_a_folder_that_does_not_exist_says_so(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tools.status", str(tmp_path / "absent")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "n'existe pas" in result.stderr and "Traceback" not in result.stderr


def test_the_status_page_names_items_by_title_links_each_to_its_form_in_the_editor_and_folds_long_lists(tmp_path):
    from bs4 import BeautifulSoup

    from sitebuild import build
    from tools import status

    posts = {f"news/2025-03-{day:02d}-texte-{day}.fr.md": f"Title: Texte {day}\nSummary: R.\n\nTexte.\n"
             for day in range(1, 13)}  # twelve posts without an image, none translated
    content = make_content(tmp_path, {**posts, "pages/contact.fr.md": "Title: Nous joindre\nSlug: contact\n\nT.\n"})
    assert build(tmp_path / "output", content=content).returncode == 0
    report = BeautifulSoup(status.html_report(status.collect(content=content), output=tmp_path / "output"),
                           "html.parser")
    assert report.find("a", string="Ouvrir l'éditeur du site")["href"] == "/admin/"
    no_image = report.find("h2", string=lambda text: text.startswith("Nouvelles sans image")).find_next_sibling()
    assert no_image.name == "details" and no_image.summary.get_text() == "Afficher les 12"
    first = no_image.find("a", string="Texte 1")
    assert first["href"] == "/admin/#/collections/news/entries/2025-03-01-texte-1"
    no_summary = report.find("h2", string=lambda text: text.startswith("Sans résumé")).find_next_sibling()
    assert no_summary.name == "ul"  # one item: shown in full
    assert no_summary.find("a", string="Nous joindre")["href"] == "/admin/#/collections/pages/entries/contact"
    terminal = status_of(content).stdout
    assert "… et 2 autres (la liste entière : make devserver, puis la page /_statut/)" in terminal


def test_status_lists_what_is_still_a_placeholder_and_links_each_data_file_to_its_own_form(tmp_path, site):
    from bs4 import BeautifulSoup

    from sitebuild import build
    from tools import status

    content = make_content(tmp_path, {
        "pages/contact.fr.md": "Title: Nous joindre\nSlug: contact\nSummary: R.\n\nTexte.\n\n"
                               "- Courriel : [Espace réservé : adresse courriel à compléter]\n",
        "pages/contact.es.md": "Title: Contacto\nSlug: contacto\nSummary: R.\n\n"
                               "Correo: [Marcador de posición: correo por completar]\n",
    })
    assert build(tmp_path / "output", content=content).returncode == 0  # the editor's settings, for its links
    (content / "delegations" / "demo").mkdir(parents=True)
    (content / "delegations" / "demo" / "delegation.yml").write_text(
        "country: colombie\nstart: 2024-11\nreport: files/rapport.placeholder.pdf\n")
    collected = status.collect(content=content)
    assert [(e.title, e.path, e.detail) for e in collected.placeholder_texts] == [
        ("Contacto", "content/pages/contact.es.md", "ligne 5 : correo por completar"),
        ("Nous joindre", "content/pages/contact.fr.md", "ligne 7 : adresse courriel à compléter")]
    assert [(e.path, e.detail) for e in collected.placeholder_files] == [
        ("content/delegations/demo/delegation.yml", "ligne 3 : files/rapport.placeholder.pdf")]
    # No details file yet: every field of it is still empty (tests/test_organisation_details.py: one filled in).
    assert [e.title for e in collected.empty_details][:3] == ["L'adresse postale", "Le courriel", "Le téléphone"]
    assert {e.path for e in collected.empty_details} == {"content/coordonnees.yml"}
    report = BeautifulSoup(status.html_report(collected, output=tmp_path / "output"), "html.parser")
    placeholders = report.find("h2", string=lambda text: text.startswith("Documents provisoires")).find_next_sibling()
    assert placeholders.find("a")["href"] == "/admin/#/collections/delegations/entries/demo/delegation"

    # A kit's two data files, side by side in its folder, each to its own form (the real site's).
    collections = status.editor_collections(site)
    kit = "content/kits/les-dessous-du-textile/"
    assert status.editor_link(kit + "quiz.yml", collections) == "/admin/#/collections/quizzes/entries/les-dessous-du-textile"
    assert status.editor_link(kit + "kit.yml", collections) == "/admin/#/collections/kits/entries/les-dessous-du-textile"


def test_a_folder_with_its_texts_but_not_its_data_file_yet_is_not_published_and_the_status_says_what_it_lacks(tmp_path):
    """The officer writes a new exhibition's, kit's, delegation's or periodical's texts first, its data
    file later: meanwhile the site builds (every other page still publishes, strict mode included), the
    folder has no page, and the status page links it to the form that creates its data file there."""
    from bs4 import BeautifulSoup

    from sitebuild import build
    from tools import status

    kinds = {"exhibitions": "exhibition.yml", "kits": "kit.yml", "delegations": "delegation.yml",
             "archives": "catalogue.csv ou catalogue.yml"}
    content = make_content(tmp_path, {f"{kind}/nouveau/index.fr.md": f"Title: Nouveau ({kind})\nSummary: R.\n\nTexte.\n"
                                      for kind in kinds})
    result = build(tmp_path / "output", content=content, BUILD_FAIL_ON_WARNINGS=True)  # strict, as make publish
    assert result.returncode == 0, result.stdout
    assert not [path for path in (tmp_path / "output").rglob("*") if "nouveau" in path.name]
    collected = status.collect(content=content)
    assert sorted((e.title, e.path, e.detail) for e in collected.in_preparation) == sorted(
        (f"Nouveau ({kind})", f"content/{kind}/nouveau/", f"il lui manque {lacks} ; dans l'éditeur, son dossier : nouveau")
        for kind, lacks in kinds.items())
    report = BeautifulSoup(status.html_report(collected, output=tmp_path / "output"), "html.parser")
    links = {a.get_text(): a["href"] for a in report.find("h2", string=lambda t: t.startswith("Pas encore publiés"))
             .find_next_sibling().find_all("a")}
    assert links == {"Nouveau (exhibitions)": "/admin/#/collections/exhibitions/new",
                     "Nouveau (kits)": "/admin/#/collections/new_kits/new",
                     "Nouveau (delegations)": "/admin/#/collections/delegations/new",
                     "Nouveau (archives)": "/admin/#/collections/archives/new"}
