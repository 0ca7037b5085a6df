"""`make publish`: a strict build, the checks, then the deploy; a failed step deploys nothing."""

import os
import subprocess
import sys

import pytest

from sitebuild import ROOT, build, make_content

PAIR = {
    "news/2025-03-01-nouvelle.fr.md": "Title: Une nouvelle\nSummary: Résumé.\n\nLe texte. [Contact](/contact/)\n",
    "news/2025-03-01-nouvelle.es.md": "Title: Una noticia\nSlug: una-noticia\nSummary: Resumen.\n\nEl texto.\n",
    "pages/contact.fr.md": "Title: Nous joindre\nSlug: contact\nSummary: Coordonnées.\n\nTexte.\n",
    "pages/contact.es.md": "Title: Contacto\nSlug: contacto\nSummary: Datos.\n\nTexto.\n",
}


def publish(content, target=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="1000", DEPLOY_TARGET="")
    return subprocess.run(
        [sys.executable, "-m", "tools.publish", "--content", str(content), "--settings", "publishconf.py",
         "--output", str(content.parent / "public"), *(["--target", str(target)] if target else [])],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture
def server(tmp_path):
    """A local deploy target already holding the previous publication."""
    target = tmp_path / "serveur"
    target.mkdir()
    (target / "publication-precedente.html").write_text("ancienne version")
    return target


def test_a_clean_site_is_built_checked_and_sent_with_compressed_copies(tmp_path, server):
    result = publish(make_content(tmp_path, PAIR), server)
    assert result.returncode == 0, result.stdout
    for line in ("1. Construction", "2. Vérifications", "aucun problème", "3. Envoi (rsync)", "Publication terminée."):
        assert line in result.stdout
    assert not (server / "publication-precedente.html").exists()  # the server holds exactly the site
    home = (server / "index.html").read_text()
    assert '<link rel="canonical" href="https://www.ciso.qc.ca/">' in home
    for name in ("index.html", "sitemap.xml", "theme/css/site.css", "pagefind/pagefind-ui.js"):
        assert (server / f"{name}.gz").is_file() and (server / f"{name}.br").is_file(), name


def test_a_page_that_fails_a_check_deploys_nothing(tmp_path, server):
    broken = dict(PAIR, **{"news/2025-03-02-lien.fr.md": "Title: Lien\nSummary: R.\n\n[Nous joindre](/contact/#nulle-part)\n",
                           "news/2025-03-02-lien.es.md": "Title: Enlace\nSummary: R.\n\nTexto.\n"})
    result = publish(make_content(tmp_path, broken), server)
    assert result.returncode == 1
    assert ("content/news/2025-03-02-lien.fr.md (page /lien/) : fragment (#…) introuvable : /contact/#nulle-part"
            in result.stdout)
    assert "Rien n'a été envoyé." in result.stdout and "3. Envoi" not in result.stdout
    assert sorted(p.name for p in server.iterdir()) == ["publication-precedente.html"]


def test_strict_mode_stops_on_a_warning_and_deploys_nothing(tmp_path, server):
    french_only = {name: text for name, text in PAIR.items() if ".fr." in name}
    result = publish(make_content(tmp_path, french_only), server)
    assert result.returncode == 1
    assert "la construction a échoué" in result.stdout and "mode strict" in result.stdout
    assert "aucune page en « es » n'a été indexée" in result.stdout
    assert "Traceback" not in result.stdout
    assert sorted(p.name for p in server.iterdir()) == ["publication-precedente.html"]


def test_without_a_deploy_target_it_says_where_to_set_one(tmp_path):
    result = publish(make_content(tmp_path, PAIR))
    assert result.returncode == 1
    assert "aucune destination : indiquez DEPLOY_TARGET dans publishconf.py" in result.stdout
    assert "1. Construction" not in result.stdout, "said at once, before building anything"


def test_a_publish_builds_compression_does_not_run_in_a_later_build_of_the_same_process(tmp_path):
    """The tests (and a dev server that builds in process) run many builds in one process: a plugin
    that one build's settings load (publishconf.py's compression) must not run in the next one."""
    content = make_content(tmp_path, PAIR)
    published = build(tmp_path / "public", content=content, settings="publishconf.py", BUILD_FAIL_ON_WARNINGS=False)
    assert published.returncode == 0, published.stdout
    assert (tmp_path / "public" / "index.html.gz").is_file()
    developed = build(tmp_path / "output", content=content)
    assert developed.returncode == 0, developed.stdout
    assert (tmp_path / "output" / "index.html").is_file()
    assert not list((tmp_path / "output").rglob("*.gz")), "compressed by a plugin its settings do not list"


def test_the_git_method_commits_the_site_to_a_branch(tmp_path):
    repo = tmp_path / "depot"
    repo.mkdir()
    git = lambda *args: subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout  # noqa: E731
    git("init", "-q")
    settings = tmp_path / "publish_git.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        "DEPLOY_METHOD = 'git'\nDEPLOY_TARGET = 'site-publie'\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), COLUMNS="1000", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")
    result = subprocess.run(
        [sys.executable, "-m", "tools.publish", "--content", str(make_content(tmp_path, PAIR)),
         "--settings", str(settings), "--output", str(tmp_path / "public")],
        cwd=repo, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert result.returncode == 0, result.stdout
    files = git("ls-tree", "-r", "--name-only", "site-publie").split()
    assert "index.html" in files and "es/index.html" in files and "index.html.gz" in files
    assert not (repo / "index.html").exists()  # the branch is written, the work tree left alone
    assert git("status", "--porcelain", "--untracked-files=no") == ""
