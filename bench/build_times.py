"""`make bench`: build times of our site against plain Pelican,
pelican-i18n-subsites and Hugo on one synthetic corpus.

The corpus: 1,000 French posts, each with its Spanish translation beside it
(the same file layout as content/news), with categories and tags from
content/terms.yml. Hugo is given the same posts (one seed, drawn in one order) as
files with Hugo's front matter, in a folder of their own (make_hugo_corpus), and
builds them with the small layouts of bench/hugo/: the home page, a page per post,
the news list, the categories and tags and their term pages (ten posts a page, in
each language), Hugo's own RSS feeds and sitemap.

Each build runs as its own process (ours through the build runner, as
`make html` runs it; the other Pelican builds with `pelican`; Hugo with `hugo`),
cold (no output, empty caches) then warm (one post edited, caches on). Hugo keeps
nothing from one build to the next but its output (its cache folder holds fetched
and processed files, not content; it is emptied for the cold build and ignored
with --ignoreCache): its warm build is the same full build again.
Each build is timed ROUNDS times, builds interleaved (a busy moment of the
machine falls on every contender of that round), and each comparison is the
median of the round-by-round ratios, with their range. Prints the times and
the ratios against the targets of issue 17:

* our cold build at most 0.6 of plain Pelican's;
* our cold build at most 0.5 of pelican-i18n-subsites';
* our cold build at most 2 times Hugo's;
* our cold build with the search index at most 1.1 of the same without it;
* our warm rebuild at most 0.4 of our cold build.

The warm (one edit) ratios of ours to plain Pelican, i18n-subsites and Hugo are
printed too, for information: the issue sets them no target.

"plain-dirs" is plain Pelican writing every page as a folder with
index.html, as ours does: on a file system where creating folders is slow,
the layout alone costs plain Pelican seconds; printed for information, the
targets stay against plain Pelican's own layout.

Plain Pelican, i18n-subsites and Hugo build no search index, so "ours" is timed
without it (SEARCH_INDEX off) for those ratios; "ours+search" is the same
build with the Pagefind index, and what the index adds is printed apart.
"""

import datetime
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
HUGO_SITE = ROOT / "bench" / "hugo"  # its config and layouts; the content is written into WORK
POSTS = int(os.environ.get("BENCH_POSTS", 1000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))

LAST_POST_DAY = datetime.date(2023, 1, 2)  # that of the 1,000 posts' corpus since the start

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
    day: datetime.date
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
        # One every two days up to the day the last one is dated: whatever the number of posts, none
        # is dated in the future (our site would hold it back as scheduled, plain Pelican not).
        day = LAST_POST_DAY - datetime.timedelta(days=2 * (posts - 1 - number))
        yield Post(number=number, day=day, stem=f"{day.isoformat()}-nouvelle-{number:04d}",
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


def make_hugo_corpus(target, posts=POSTS):
    """The same posts for Hugo (bench/hugo/), in target: YAML front matter, each translation
    beside its French post as name.es.md (Hugo pairs them by file name), the Spanish names of the
    post's category and tags (Hugo's terms are per language); the same slugs as Pelican's. Returns
    the French post the warm builds edit."""
    shutil.rmtree(target, ignore_errors=True)
    news = target / "news"
    news.mkdir(parents=True)
    for post in corpus_posts(corpus_terms(), posts):
        french = {"title": f"Nouvelle numéro {post.number}", "slug": f"nouvelle-numero-{post.number}",
                  "summary": post.summary}
        spanish = {"title": f"Noticia número {post.number}", "slug": f"noticia-{post.number:04d}"}
        for lang, front_matter, text in (("fr", french, post.body_fr), ("es", spanish, post.body_es)):
            front_matter = {**front_matter, "date": post.day, "categories": [post.category[lang]],
                            "tags": [tag[lang] for tag in post.tags]}
            (news / f"{post.stem}.{lang}.md").write_text(
                f"---\n{yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)}---\n\n{text}")
    return news / f"{post.stem}.fr.md"


PELICAN_BUILDS = {  # name: (settings file, overrides)
    "ours": (ROOT / "pelicanconf.py", {"SEARCH_INDEX": False}),
    "ours+search": (ROOT / "pelicanconf.py", {}),
    "plain": (ROOT / "bench" / "plain_pelicanconf.py", {}),
    "plain-dirs": (ROOT / "bench" / "plain_dirs_pelicanconf.py", {}),
    "subsites": (ROOT / "bench" / "subsites_pelicanconf.py", {}),
}


def build_command(name, corpus, output, cache):
    """The command line of one build: ours as `make html` runs it (the build runner), the other
    Pelican builds with Pelican's own command, Hugo with every cache of its own in `cache`
    (--cacheDir, and resourceDir in bench/hugo/hugo.toml) and told not to read it (--ignoreCache)."""
    if name == "hugo":
        return ["hugo", "--quiet", "--source", str(HUGO_SITE), "--contentDir", str(corpus),
                "--destination", str(output), "--cacheDir", str(cache), "--ignoreCache", "--noBuildLock"]
    settings, overrides = PELICAN_BUILDS[name]
    overrides = dict(overrides, CACHE_PATH=str(cache))
    if settings == ROOT / "pelicanconf.py":
        return [sys.executable, "-m", "tools.build", "--content", str(corpus), "--output", str(output),
                "--settings", str(settings),
                *(f"--setting={key}={json.dumps(value)}" for key, value in overrides.items())]
    return [sys.executable, "-m", "pelican", str(corpus), "-o", str(output), "-s", str(settings), "-q",
            "-e", *(f"{key}={json.dumps(value)}" for key, value in overrides.items())]


def timed(name, command):
    """Seconds one build takes, as its own process run from the worktree root."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{name} failed:\n{result.stdout}")
    return elapsed


def main():
    if not shutil.which("hugo"):
        sys.exit("hugo is missing: bench/system-packages.sh installs it (as root), or says the command to run")
    pelican_corpus = (WORK / "corpus", make_corpus(WORK / "corpus"))
    corpora = dict.fromkeys(PELICAN_BUILDS, pelican_corpus)  # name: (content folder, the post edited)
    corpora["hugo"] = (WORK / "hugo-corpus", make_hugo_corpus(WORK / "hugo-corpus"))
    originals = {edited: edited.read_text() for _, edited in corpora.values()}
    runs = {name: ([], []) for name in corpora}
    for round_number in range(ROUNDS):
        for name, (corpus, edited) in corpora.items():
            output, cache = WORK / f"out-{name}", WORK / f"cache-{name}"
            command = build_command(name, corpus, output, cache)
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            edited.write_text(originals[edited])
            runs[name][0].append(timed(name, command))
            edited.write_text(originals[edited] + f"\nUne ligne ajoutée ({round_number}).\n")
            runs[name][1].append(timed(name, command))
    for edited, original in originals.items():
        edited.write_text(original)
    for name, (cold, warm) in runs.items():
        pages = sum(1 for _ in (WORK / f"out-{name}").rglob("*.html"))
        spread = ", ".join(f"{c:.2f}/{w:.2f}" for c, w in zip(cold, warm, strict=True))
        print(f"{name:<12} cold {statistics.median(cold):6.2f} s   warm {statistics.median(warm):6.2f} s   "
              f"{pages:5d} HTML pages   (cold/warm runs: {spread})")
    cold = {name: runs[name][0] for name in runs}
    warm = {name: runs[name][1] for name in runs}
    checks = [
        ("our cold / plain Pelican cold", ratios(cold["ours"], cold["plain"]), 0.6),
        ("our cold / i18n-subsites cold", ratios(cold["ours"], cold["subsites"]), 0.5),
        ("our cold / Hugo cold", ratios(cold["ours"], cold["hugo"]), 2),
        ("ours with search / without, cold", ratios(cold["ours+search"], cold["ours"]), 1.1),
        ("our warm / our cold", ratios(warm["ours"], cold["ours"]), 0.4),
        ("plain, a folder per page / flat", ratios(cold["plain-dirs"], cold["plain"]), None),
    ]
    one_edit = [  # as an author lives it; Hugo's is a full build again
        ("our warm / plain Pelican warm", ratios(warm["ours"], warm["plain"]), None),
        ("our warm / i18n-subsites warm", ratios(warm["ours"], warm["subsites"]), None),
        ("our warm / Hugo warm", ratios(warm["ours"], warm["hugo"]), None),
        ("Hugo warm / Hugo cold", ratios(warm["hugo"], cold["hugo"]), None),
    ]
    print(f"\ncorpus: {POSTS} French posts + {POSTS} Spanish translations; {ROUNDS} interleaved rounds; "
          "each ratio: the median of the round-by-round ratios (their range)")
    print_ratios(checks)
    print("one-edit rebuilds, for information (issue 17 sets them no target):")
    print_ratios(one_edit)


def print_ratios(checks):
    for label, (median, low, high), target in checks:
        verdict = "" if target is None else f"  (target <= {target})  {'met' if median <= target else 'NOT MET'}"
        print(f"{label:<34} {median:5.2f} ({low:.2f}-{high:.2f}){verdict}")


def ratios(ours, theirs):
    """(median, lowest, highest) of the round-by-round ratios ours / theirs."""
    each = [a / b for a, b in zip(ours, theirs, strict=True)]
    return statistics.median(each), min(each), max(each)


if __name__ == "__main__":
    main()
