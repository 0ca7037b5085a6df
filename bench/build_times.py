"""`make bench`: build times of our site against plain Pelican and
pelican-i18n-subsites on one synthetic corpus.

The corpus: 1,000 French posts, each with its Spanish translation beside it
(the same file layout as content/news), with categories and tags from
content/terms.yml. Each build runs as its own process (ours through the build runner, as
`make html` runs it; the others with `pelican`), cold (no
output, empty content cache) then warm (one post edited, content cache on).
Each build is timed ROUNDS times, builds interleaved (a busy moment of the
machine falls on every contender of that round), and each comparison is the
median of the round-by-round ratios, with their range. Prints the times and
the ratios against the targets of issue 17:

* our cold build at most 0.6 of plain Pelican's;
* our cold build at most 0.5 of pelican-i18n-subsites';
* our cold build with the search index at most 1.1 of the same without it;
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
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
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


def corpus_terms():
    """content/terms.yml without the real site's photos (they are not in the corpus)."""
    terms = yaml.safe_load((ROOT / "content" / "terms.yml").read_text())
    for term in terms["categories"]:
        term.pop("image", None)
    return terms


@dataclass
class Post:
    number: int
    day: time.struct_time
    stem: str  # the file name without its language: 2017-07-14-nouvelle-0000
    category: dict  # a term of terms.yml: {"key":, "fr":, "es":}
    tags: list
    summary: str  # French only: the Spanish summaries are made from the text
    body_fr: str
    body_es: str


def corpus_posts(terms, posts):
    """The corpus's posts, whatever the files they are written as: every generator is given the
    same texts (one seed, drawn in one order)."""
    rng = random.Random(1975)
    for number in range(posts):
        day = time.gmtime(1_500_000_000 + number * 86_400 * 2)
        yield Post(number=number, day=day, stem=f"{time.strftime('%Y-%m-%d', day)}-nouvelle-{number:04d}",
                   category=rng.choice(terms["categories"]), tags=rng.sample(terms["tags"], 2),
                   summary=paragraph(rng, WORDS_FR, 1), body_fr=body(rng, WORDS_FR), body_es=body(rng, WORDS_ES))


def make_corpus(target, posts=POSTS):
    """The corpus for Pelican (ours and the others) in target, as content/ lays it out; returns the
    French post the warm builds edit."""
    shutil.rmtree(target, ignore_errors=True)
    news = target / "news"
    news.mkdir(parents=True)
    (target / "pages").mkdir()
    terms = corpus_terms()
    (target / "terms.yml").write_text(yaml.safe_dump(terms, allow_unicode=True))
    for post in corpus_posts(terms, posts):
        (news / f"{post.stem}.fr.md").write_text(
            f"Title: Nouvelle numéro {post.number}\nCategory: {post.category['fr']}\n"
            f"Tags: {', '.join(tag['fr'] for tag in post.tags)}\n"
            f"Summary: {post.summary}\n\n{post.body_fr}"
        )
        (news / f"{post.stem}.es.md").write_text(
            f"Title: Noticia número {post.number}\nSlug: noticia-{post.number:04d}\n\n{post.body_es}"
        )
    return news / f"{post.stem}.fr.md"


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
    for name, (cold, warm) in runs.items():
        pages = sum(1 for _ in (WORK / f"out-{name}").rglob("*.html"))
        spread = ", ".join(f"{c:.2f}/{w:.2f}" for c, w in zip(cold, warm, strict=True))
        print(f"{name:<12} cold {statistics.median(cold):6.2f} s   warm {statistics.median(warm):6.2f} s   "
              f"{pages:5d} HTML pages   (cold/warm runs: {spread})")
    cold = {name: runs[name][0] for name in runs}
    checks = [
        ("our cold / plain Pelican cold", ratios(cold["ours"], cold["plain"]), 0.6),
        ("our cold / i18n-subsites cold", ratios(cold["ours"], cold["subsites"]), 0.5),
        ("ours with search / without, cold", ratios(cold["ours+search"], cold["ours"]), 1.1),
        ("our warm / our cold", ratios(runs["ours"][1], cold["ours"]), 0.4),
        ("plain, a folder per page / flat", ratios(cold["plain-dirs"], cold["plain"]), None),
    ]
    print(f"\ncorpus: {POSTS} French posts + {POSTS} Spanish translations; {ROUNDS} interleaved rounds; "
          "each ratio: the median of the round-by-round ratios (their range)")
    for label, (median, low, high), target in checks:
        verdict = "" if target is None else f"  (target <= {target})  {'met' if median <= target else 'NOT MET'}"
        print(f"{label:<34} {median:5.2f} ({low:.2f}-{high:.2f}){verdict}")


def ratios(ours, theirs):
    """(median, lowest, highest) of the round-by-round ratios ours / theirs."""
    each = [a / b for a, b in zip(ours, theirs, strict=True)]
    return statistics.median(each), min(each), max(each)


if __name__ == "__main__":
    main()
