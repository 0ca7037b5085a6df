"""A cold build reading its texts on several cores makes the same site, byte for byte, and says the
same things about a broken text, as a build reading them one after the other.

Each build runs as `make html` runs it, in its own process: the pool's workers are forked, which
the plugin does only in a process with one thread (a test process has more)."""

import filecmp
import json
import re
import subprocess
import sys
from pathlib import Path

from sitebuild import ROOT, SHARED_IMAGES, make_content


def make_html(content, output, processes, tmp_path):
    """`make html` of `content` into `output`, reading with `processes` processes (1: no pool)."""
    settings = {"PARALLEL_READING_PROCESSES": processes, "PARALLEL_READING_FROM": 2, "SEARCH_INDEX": False,
                "LOAD_CONTENT_CACHE": False, "IMAGE_CACHE_PATH": str(SHARED_IMAGES)}
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


def test_the_real_site_read_on_two_cores_is_the_same_byte_for_byte(tmp_path):
    one, two = (make_html(ROOT / "content", tmp_path / f"out-{n}", n, tmp_path) for n in (1, 2))
    assert one.returncode == 0 and two.returncode == 0, one.stdout + two.stdout
    # The articles, then the pages: every text came from the pool.
    read = re.findall(r"parallel_reading: (\d+) of (\d+) files read in 2 processes", two.stdout)
    assert len(read) == 2 and all(done == total for done, total in read), two.stdout
    assert "parallel_reading" not in one.stdout
    assert differing(tmp_path / "out-1", tmp_path / "out-2") == []


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
    assert "parallel_reading: 8 of 10 files read in 2 processes" in two.stdout
