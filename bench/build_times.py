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

How cost grows (GROWTH, BENCH_GROWTH="1000,5000,10000" posts a language by
default, "" to skip): one cold build of ours (SEARCH_INDEX off) and one of plain
Pelican at each size, back to back; one each, not rounds, since a build of 10,000
posts a language takes minutes. Printed: the seconds, the seconds per 1,000 posts
a language (and those of the posts added since the previous size, without the
fixed cost of a build), and the peak memory two ways: the peak RSS of the build's
largest single process (os.wait4's ru_maxrss of that build alone), and the
peak of the PSS of all its processes together (ours forks reading and rendering workers;
sampled every 0.5 s from /proc, which costs the builds a little time, both alike).
Targets of issue 17:

* growth linear, read here as: the seconds per post at the largest size at most
  1.2 times those at the smallest (the issue gives no tolerance);
* our peak memory at most 1.5 times plain Pelican's at each size (both measures).

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
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / "work"
HUGO_SITE = ROOT / "bench" / "hugo"  # its config and layouts; the content is written into WORK
POSTS = int(os.environ.get("BENCH_POSTS", 1000))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", 3))
# Posts a language of the growth builds; BENCH_GROWTH="" skips them.
GROWTH = [int(posts) for posts in os.environ.get("BENCH_GROWTH", "1000,5000,10000").split(",") if posts.strip()]
GROWTH_BUILDS = ("ours", "plain")
LINEAR = 1.2  # "linear" in issue 17, read as: a post costs at most 1.2 times more at the largest size
MEMORY_RATIO = 1.5  # issue 17: our peak memory at most 1.5 times plain Pelican's, at each size

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


@dataclass
class Measure:
    seconds: float
    largest_process_mib: float  # the peak RSS of the build's largest single process
    all_processes_mib: float | None = None  # the peak of the PSS its processes hold together, sampled


def run(name, command, sample_memory=False):
    """One build as its own process run from the worktree root: its time and its peak memory.

    The largest process's peak RSS is os.wait4's ru_maxrss for this child alone (the largest of
    its own and that of the processes it waited for, such as our reading and rendering workers), never the
    largest of every build so far as getrusage(RUSAGE_CHILDREN) would be. The processes
    together (sample_memory): TreeMemory."""
    wait_for_background_deletions()
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid) if sample_memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if sampler:
            sampler.stop.set()
            sampler.join()
        if process.returncode != 0:
            log.seek(0)
            sys.exit(f"{name} failed:\n{log.read().decode(errors='replace')}")
    return Measure(seconds, usage.ru_maxrss / 1024, sampler and sampler.peak_kib / 1024)


def wait_for_background_deletions(folder=WORK, seconds=60):
    """Our build deletes the site it has replaced in the background, once it has ended (tools.build's
    _discard): the next build, whichever it is, starts once that is done, on a machine as quiet as
    it would find without it. A deletion not done within `seconds` (cut short by an earlier bench
    stopped half-way: only a build starts it again) is done here, and said."""
    deadline = time.monotonic() + seconds
    while any(folder.glob(".*-discarded-*")) and time.monotonic() < deadline:
        time.sleep(0.05)
    for left in folder.glob(".*-discarded-*"):
        print(f"(bench: {left.name} was still there after {seconds} s: deleted before the next build)")
        shutil.rmtree(left, ignore_errors=True)


class TreeMemory(threading.Thread):
    """The peak of the memory a build's processes hold together: the sum of their PSS (a page
    shared by n processes counts 1/n: forked workers share most of the building process's
    pages, which a sum of RSS would count again in each), every SAMPLE_SECONDS; a peak shorter
    than that can be missed."""

    SAMPLE_SECONDS = 0.5  # a sample of a process of gigabytes takes some 15 ms of the 2 cores

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.stop = pid, 0, threading.Event()

    def run(self):
        while not self.stop.wait(self.SAMPLE_SECONDS):
            self.peak_kib = max(self.peak_kib, sum(map(pss_kib, descendants(self.pid))))


def descendants(root):
    """root and every process under it, from the parent of each in /proc/<pid>/stat."""
    children = {}
    for entry in os.listdir("/proc"):
        try:
            stat = Path(f"/proc/{entry}/stat").read_text() if entry.isdigit() else ""
        except OSError:  # ended meanwhile
            continue
        if stat:  # "pid (command) state ppid …", the command may hold spaces and parentheses
            children.setdefault(int(stat.rpartition(")")[2].split()[1]), []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, ()))
    return tree


def pss_kib(pid):
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended meanwhile
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def main():
    if not shutil.which("hugo"):
        sys.exit("hugo is missing: tools/system-packages.sh bench installs it (as root), or says the command to run")
    compare()
    growth()


def compare():
    """The interleaved rounds of every build, cold then warm, on POSTS posts a language."""
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
            runs[name][0].append(run(name, command).seconds)
            edited.write_text(originals[edited] + f"\nUne ligne ajoutée ({round_number}).\n")
            runs[name][1].append(run(name, command).seconds)
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


def growth():
    """How a cold build's time and memory grow with the corpus: ours (SEARCH_INDEX off) and plain
    Pelican at each size of GROWTH, one build each (not rounds: one of 10,000 posts a language
    takes minutes), back to back, the memory of each build's processes sampled."""
    if not GROWTH:
        return
    corpus = WORK / "growth-corpus"
    measures, pages = {}, {}  # (posts a language, build): Measure, HTML pages written
    for posts in GROWTH:
        make_corpus(corpus, posts)
        for name in GROWTH_BUILDS:
            output, cache = WORK / f"growth-out-{name}", WORK / f"growth-cache-{name}"
            shutil.rmtree(output, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
            measures[posts, name] = run(name, build_command(name, corpus, output, cache), sample_memory=True)
            pages[posts, name] = sum(1 for _ in output.rglob("*.html"))  # all of them built, at every size
    for folder in (corpus, *(WORK / f"growth-{kind}-{name}" for kind in ("out", "cache") for name in GROWTH_BUILDS)):
        shutil.rmtree(folder)  # gigabytes at 10,000 posts

    print(f"\ngrowth: one cold build of each per size (no rounds), ours with SEARCH_INDEX off\n"
          "s/1000: seconds per 1,000 posts a language (each with its translation), the fixed cost of a build "
          "included; since prev: those of the posts added since the previous size\n"
          "largest MiB: the peak RSS of the largest process; all MiB: the peak of the PSS of all the build's "
          f"processes together, sampled every {TreeMemory.SAMPLE_SECONDS} s")
    print(f"{'posts/lang':>10} {'files':>6}  {'build':<6} {'pages':>6} {'seconds':>8} {'s/1000':>7} "
          f"{'since prev':>10} {'largest MiB':>11} {'all MiB':>8}")
    for name in GROWTH_BUILDS:
        previous = None
        for posts in GROWTH:
            measure = measures[posts, name]
            since = "" if previous is None else \
                f"{(measure.seconds - measures[previous, name].seconds) / (posts - previous) * 1000:.2f}"
            print(f"{posts:>10} {2 * posts:>6}  {name:<6} {pages[posts, name]:6d} {measure.seconds:8.1f} "
                  f"{measure.seconds / posts * 1000:7.2f} {since:>10} {measure.largest_process_mib:11.0f} "
                  f"{measure.all_processes_mib:8.0f}")
            previous = posts
    smallest, largest = min(GROWTH), max(GROWTH)
    if largest > smallest:
        for name in GROWTH_BUILDS:
            per_post = [measures[posts, name].seconds / posts for posts in (largest, smallest)]
            growth_ratio = per_post[0] / per_post[1]
            print(f"{name}: seconds per post at {largest} / at {smallest} posts a language: {growth_ratio:.2f}  "
                  f"(target: linear, read as <= {LINEAR})  {'met' if growth_ratio <= LINEAR else 'NOT MET'}")
    for posts in GROWTH:
        ours, plain = measures[posts, "ours"], measures[posts, "plain"]
        verdicts = []
        for label, attribute in (("largest process", "largest_process_mib"), ("all processes", "all_processes_mib")):
            ratio = getattr(ours, attribute) / getattr(plain, attribute)
            verdicts.append(f"{label} {ratio:.2f} {'met' if ratio <= MEMORY_RATIO else 'NOT MET'}")
        print(f"memory at {posts} posts a language, ours / plain Pelican (target <= {MEMORY_RATIO}): "
              f"{';  '.join(verdicts)}")


def ratios(ours, theirs):
    """(median, lowest, highest) of the round-by-round ratios ours / theirs."""
    each = [a / b for a, b in zip(ours, theirs, strict=True)]
    return statistics.median(each), min(each), max(each)


if __name__ == "__main__":
    main()
