"""A cold build reading its texts and rendering its pages on several cores makes the same site,
byte for byte, and says the same things about a broken text or template, as a build in one process.

Each build runs as `make html` runs it, in its own process: the pool's workers are forked, which
the plugin does only in a process with one thread (a test process has more)."""

import filecmp
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT, SHARED_IMAGES, make_content
from small_site import small_photo


def make_html(content, output, processes, tmp_path, **overrides):
    """`make html` of `content` into `output`, reading and rendering with `processes` processes (1: no pool)."""
    settings = {"PARALLEL_READING_PROCESSES": processes, "PARALLEL_READING_FROM": 2,
                "PARALLEL_RENDERING_PROCESSES": processes, "PARALLEL_RENDERING_FROM": 2, "SEARCH_INDEX": False,
                "LOAD_CONTENT_CACHE": False, "IMAGE_CACHE_PATH": str(SHARED_IMAGES), **overrides}
    return subprocess.run(
        [sys.executable, "-m", "tools.build", "--content", str(content), "--output", str(output),
         "--cache", str(tmp_path / f"cache-{processes}"), "--verbose",
         *(f"--setting={name}={json.dumps(value)}" for name, value in settings.items())],
        cwd=ROOT, capture_output=True, text=True, timeout=600)


def files_of(folder):
    return sorted(p.relative_to(folder).as_posix() for p in Path(folder).rglob("*") if p.is_file())


def differing(left, right):
    """The files of two trees whose names or bytes differ."""
    names = files_of(left)
    if names != files_of(right):
        return sorted(set(names) ^ set(files_of(right)))
    return [name for name in names if not filecmp.cmp(left / name, right / name, shallow=False)]


def test_the_real_site_built_on_two_cores_is_the_same_byte_for_byte(tmp_path):
    one, two = (make_html(ROOT / "content", tmp_path / f"out-{n}", n, tmp_path) for n in (1, 2))
    assert one.returncode == 0 and two.returncode == 0, one.stdout + two.stdout
    # The articles, then the pages: every text came from the pool; so did every page.
    read = re.findall(r"parallel_build: (\d+) of (\d+) files read in 2 processes", two.stdout)
    assert len(read) == 2 and all(done == total for done, total in read), two.stdout
    pages = int(re.search(r"Site construit en [\d,]+ s \((\d+) pages\)", two.stdout)[1])
    assert f"parallel_build: {pages} pages written in 2 processes, 0 again here" in two.stdout
    assert "parallel_build" not in one.stdout
    assert differing(tmp_path / "out-1", tmp_path / "out-2") == []
    assert any(name.endswith(".avif") for name in files_of(tmp_path / "out-2"))  # the pages' images, published


def test_a_broken_text_is_reported_the_same_with_the_pool(tmp_path):
    posts = {f"news/2025-03-{day:02d}-texte-{day}.fr.md": f"Title: Texte {day}\nSummary: Résumé.\n\nCorps {day}.\n"
             for day in range(1, 9)}
    posts["news/2025-03-20-casse.fr.md"] = "Title: Cassé\nRubrique: Nouvelles\nCouleur: rouge\n\nCorps.\n"
    posts["news/2025-03-21-sans-titre.fr.md"] = "Summary: Un résumé.\n\nUn corps sans titre.\n"
    content = make_content(tmp_path, posts)
    one, two = (make_html(content, tmp_path / f"out-{n}", n, tmp_path) for n in (1, 2))
    assert one.returncode == two.returncode == 1
    # (Pelican lists a folder's files as a set: the order of the messages changes from one run to the next.)
    problems = [sorted(line for line in run.stdout.splitlines() if line.startswith(("Erreur", "Attention")))
                for run in (one, two)]
    assert problems[0] == problems[1] and len(problems[0]) == 2, problems
    assert "casse.fr.md, ligne 2" in problems[0][0] and "Traceback" not in two.stdout + two.stderr
    assert "parallel_build: 8 of 10 files read in 2 processes" in two.stdout


def theme_showing(tmp_path, markup):
    """A copy of the theme whose every page shows `markup` (Jinja) before the footer."""
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme, ignore=shutil.ignore_patterns("*.mo"))
    base = theme / "templates" / "base.html"
    footer = "{% call fragment('footer', lang) %}"
    assert footer in base.read_text()
    base.write_text(base.read_text().replace(footer, markup + footer))
    return theme


def two_languages(tmp_path):
    posts = {f"news/2025-03-{day:02d}-texte-{day}.fr.md": f"Title: Texte {day}\nSummary: Résumé.\n\nCorps {day}.\n"
             for day in range(1, 9)}
    posts.update({f"news/2025-03-{day:02d}-texte-{day}.es.md": f"Title: Texto {day}\nSlug: texto-{day}\n\nCuerpo.\n"
                  for day in range(1, 9)})
    return make_content(tmp_path, posts)


def test_a_warning_said_while_pages_render_is_said_the_same_with_the_pool(tmp_path):
    """A string missing from the catalogues, in every page: said once per catalogue, as without the pool."""
    theme = theme_showing(tmp_path, "<p>{{ _('Une phrase sans traduction') }}</p>")
    content = two_languages(tmp_path)
    one, two = (make_html(content, tmp_path / f"out-{n}", n, tmp_path, THEME=str(theme)) for n in (1, 2))
    assert one.returncode == two.returncode == 0, one.stdout + two.stdout
    warnings = [sorted(line for line in run.stdout.splitlines() if "Une phrase sans traduction" in line)
                for run in (one, two)]
    assert warnings[0] == warnings[1] and len(warnings[0]) == 2, warnings  # once per language's catalogue
    # Each worker's first page of each language said it: those pages were rendered again here.
    again = re.search(r"parallel_build: \d+ pages written in 2 processes, (\d+) again here", two.stdout)
    assert again and 1 <= int(again[1]) <= 4, two.stdout
    assert differing(tmp_path / "out-1", tmp_path / "out-2") == []
    assert "Une phrase sans traduction" in (tmp_path / "out-2" / "es" / "index.html").read_text()


def test_an_image_only_a_template_shows_is_published_with_the_pool(tmp_path):
    """picture() in a template registers its image while the page renders, in a worker: it comes back."""
    theme = theme_showing(tmp_path, "{{ picture('decor/bandeau.jpg', 'Un bandeau') }}")
    content = two_languages(tmp_path)
    small_photo(content / "decor" / "bandeau.jpg")
    one, two = (make_html(content, tmp_path / f"out-{n}", n, tmp_path, THEME=str(theme)) for n in (1, 2))
    assert one.returncode == two.returncode == 0, one.stdout + two.stdout
    assert re.search(r"parallel_build: \d+ pages written in 2 processes, 0 again here", two.stdout), two.stdout
    assert differing(tmp_path / "out-1", tmp_path / "out-2") == []
    assert 'alt="Un bandeau"' in (tmp_path / "out-2" / "index.html").read_text()
    assert [name for name in files_of(tmp_path / "out-2") if "bandeau" in name and name.endswith(".avif")]
