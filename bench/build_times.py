"""`make bench`: build times of our site against plain Pelican and
pelican-i18n-subsites on one synthetic corpus.

The corpus: 1,000 French posts, each with its Spanish translation beside it
(the same file layout as content/news), with categories and tags from
content/terms.yml. Each build runs as its own process (ours through the build runner, as
`make html` runs it; the others with `pelican`), cold (no
output, empty content cache) then warm (one post edited, content cache on).
Each build is timed ROUNDS times (builds interleaved, so a busy moment of
the machine does not fall on one contender only) and its best time kept.
Prints the times and the ratios the project targets:

* our cold build no slower than plain Pelican's;
* our cold build at least 1.7 times faster than i18n-subsites';
* our warm rebuild at most 0.4 of our cold build.

"plain-dirs" is plain Pelican writing every page as a folder with
index.html, as ours does: on a file system where creating folders is slow,
the layout alone costs plain Pelican seconds; printed for information, the
targets stay against plain Pelican's own layout.

Plain Pelican and i18n-subsites build no search index, so "ours" is timed
without it (SEARCH_INDEX off) for those ratios; "ours+search" is the same
build with the Pagefind index, and what the index adds is printed apart.
"""

import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
POSTS = int(os.environ.get("BENCH_POSTS", 1000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))

WORDS_FR = ("solidarité travailleuses syndicat délégation récupérateurs transition juste droits "
            "coopérative partenaires Mexique Haïti Colombie formation éducation plaidoyer lettre "
            "entreprise territoire environnement mobilisation campagne réseau").split()
WORDS_ES = ("solidaridad trabajadoras sindicato delegación recicladores transición justa derechos "
            "cooperativa socios México Haití Colombia formación educación incidencia carta "
            "empresa territorio medio ambiente movilización campaña red").split()


def paragraph(rng, words, sentences=5):
    out = []
    for _ in range(sentences):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(10, 20)))
        out.append(sentence.capitalize() + ".")
    return " ".join(out)


def body(rng, words):
    parts = [paragraph(rng, words) for _ in range(3)]
    parts.insert(1, "## " + " ".join(rng.choice(words) for _ in range(4)).capitalize())
    parts.append("\n".join(f"- {rng.choice(words)} {rng.choice(words)}" for _ in range(4)))
    parts.append(paragraph(rng, words) + " [Lien](https://example.org/).")
    return "\n\n".join(parts) + "\n"


def make_corpus(target):
    shutil.rmtree(target, ignore_errors=True)
    news = target / "news"
    news.mkdir(parents=True)
    (target / "pages").mkdir()
    shutil.copy(ROOT / "content" / "terms.yml", target / "terms.yml")
    terms = yaml.safe_load((ROOT / "content" / "terms.yml").read_text())
    categories = [names["fr"] for names in terms["categories"].values()]
    tags = [names["fr"] for names in terms["tags"].values()]
    rng = random.Random(1975)
    for number in range(POSTS):
        day = time.gmtime(1_500_000_000 + number * 86_400 * 2)
        stem = f"{time.strftime('%Y-%m-%d', day)}-nouvelle-{number:04d}"
        (news / f"{stem}.fr.md").write_text(
            f"Title: Nouvelle numéro {number}\nCategory: {rng.choice(categories)}\n"
            f"Tags: {', '.join(rng.sample(tags, 2))}\n"
            f"Summary: {paragraph(rng, WORDS_FR, 1)}\n\n{body(rng, WORDS_FR)}"
        )
        (news / f"{stem}.es.md").write_text(
            f"Title: Noticia número {number}\nSlug: noticia-{number:04d}\n\n{body(rng, WORDS_ES)}"
        )
    return news / f"{stem}.fr.md"


def pelican(corpus, output, cache, settings, overrides):
    """One build as its own process: ours as `make html` runs it (the build runner), the others
    with Pelican's own command."""
    overrides = dict(overrides, CACHE_PATH=str(cache))
    if settings == ROOT / "pelicanconf.py":
        command = [sys.executable, "-m", "tools.build", "--content", str(corpus), "--output", str(output),
                   "--settings", str(settings),
                   *(f"--setting={key}={json.dumps(value)}" for key, value in overrides.items())]
    else:
        command = [
            sys.executable, "-m", "pelican", str(corpus), "-o", str(output), "-s", str(settings), "-q",
            "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items()),
        ]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{settings.name} failed:\n{result.stdout}")
    return elapsed


def main():
    corpus = WORK / "corpus"
    edited = make_corpus(corpus)
    original = edited.read_text()
    builds = {  # name: (settings file, overrides)
        "ours": (ROOT / "pelicanconf.py", {"SEARCH_INDEX": False}),
        "ours+search": (ROOT / "pelicanconf.py", {}),
        "plain": (ROOT / "bench" / "plain_pelicanconf.py", {}),
        "plain-dirs": (ROOT / "bench" / "plain_dirs_pelicanconf.py", {}),
        "subsites": (ROOT / "bench" / "subsites_pelicanconf.py", {}),
    }
    runs = {name: ([], []) for name in builds}
    for round_number in range(ROUNDS):
        for name, (settings, overrides) in builds.items():
            output, cache = WORK / f"out-{name}", WORK / f"cache-{name}"
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            edited.write_text(original)
            runs[name][0].append(pelican(corpus, output, cache, settings, overrides))
            edited.write_text(original + f"\nUne ligne ajoutée ({round_number}).\n")
            runs[name][1].append(pelican(corpus, output, cache, settings, overrides))
    edited.write_text(original)
    times = {name: (min(cold), min(warm)) for name, (cold, warm) in runs.items()}
    for name, (cold, warm) in times.items():
        pages = sum(1 for _ in (WORK / f"out-{name}").rglob("*.html"))
        spread = ", ".join(f"{c:.2f}/{w:.2f}" for c, w in zip(*runs[name], strict=True))
        print(f"{name:<12} cold {cold:6.2f} s   warm {warm:6.2f} s   {pages:5d} HTML pages   "
              f"(cold/warm runs: {spread})")

    ours_cold, ours_warm = times["ours"]
    checks = [
        ("our cold / plain Pelican cold", ours_cold / times["plain"][0], "<=", 1.0),
        ("i18n-subsites cold / our cold", times["subsites"][0] / ours_cold, ">=", 1.7),
        ("our warm / our cold", ours_warm / ours_cold, "<=", 0.4),
    ]
    search_cold, search_warm = (a - b for a, b in zip(times["ours+search"], times["ours"], strict=True))
    print(f"\nthe search index adds {search_cold:.2f} s to our cold build ({search_cold / ours_cold:.0%}) "
          f"and {search_warm:.2f} s to our warm rebuild")
    layout = times["plain-dirs"][0] / times["plain"][0]
    print(f"plain Pelican with our URL layout (a folder per page): cold {layout:.2f} x its flat layout; "
          f"our cold / that: {ours_cold / times['plain-dirs'][0]:.2f}")
    print(f"\ncorpus: {POSTS} French posts + {POSTS} Spanish translations; best of {ROUNDS} runs")
    for label, ratio, sense, target in checks:
        met = ratio <= target if sense == "<=" else ratio >= target
        print(f"{label:<32} {ratio:5.2f}  (target {sense} {target})  {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
