"""Builds killed at any moment (a closed terminal, a CI timeout, Ctrl+C) leave nothing that
spoils the next ones: the next build's site is the same as a clean build's.

`make html` (python -m tools.build) is started and stopped again and again, at moments
spread evenly over a whole build (reading, image encoding, cache writing, search indexing,
the swap of the output: each cold and each warm build is stopped in its own slice of the
build's length, at a random point of that slice), by SIGKILL (nothing can clean up) and by
Ctrl+C (SIGINT, which must exit non-zero and leave the site as it was). Then one more build runs to the end: its output must
equal, file for file, that of a build from nothing; the search index too, by what it holds
(Pagefind itself does not write its index in the same byte order from one run to the next,
even from the same pages).
"""

import contextlib
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from PIL import Image

from dev_server import wait_for
from sitebuild import ROOT
from small_site import edit_yaml, make_small_site

KILLS = 12  # 6 cold builds and 6 warm ones, each stopped in its own sixth of the build's length


def make_build(content, output, cache):
    return [sys.executable, "-m", "tools.build", "--content", str(content), "--output", str(output),
            "--cache", str(cache)]


def start(command):
    # Its own session: a kill reaches the build and the image encoders it started.
    return subprocess.Popen(command, cwd=ROOT, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def digest_tree(folder):
    """Every file's digest, but the search index's, which is described by what it holds."""
    found = {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(Path(folder).rglob("*")) if p.is_file() and "pagefind" not in p.parts}
    entry = json.loads((Path(folder) / "pagefind" / "pagefind-entry.json").read_text())
    for lang, index in entry["languages"].items():
        assert (Path(folder) / "pagefind" / f"pagefind.{index['hash']}.pf_meta").is_file(), (folder, lang)
        found[f"pagefind: pages in {lang}"] = index["page_count"]
    return found


def photos(content, count=2):
    """Noisy photos (slow to encode), so that encoding takes a good part of a cold build."""
    for number in range(count):
        noise = Image.effect_noise((1000, 700), 60 + number).convert("RGB")
        path = content / "exhibitions" / "demo" / "photos" / f"grande-{number}.jpg"
        noise.save(path, "JPEG", quality=85)
    edit_yaml(content, "exhibitions/demo/exhibition.yml", lambda data: data["photos"].extend(
        {"file": f"photos/grande-{n}.jpg", "id": f"grande-{n}", "photographer": "Une photographe",
         "rights": "https://rightsstatements.org/vocab/InC/1.0/", "caption": {"fr": f"Légende {n}"},
         "alt": {"fr": f"Texte alternatif {n}"}} for n in range(count)))


def test_builds_killed_at_random_moments_leave_the_next_build_as_good_as_a_clean_one(tmp_path):
    content = make_small_site(tmp_path)
    photos(content)
    durations = {}
    for kind in ("cold", "warm"):  # a first build encodes every image; the next one reuses them
        started = time.monotonic()
        clean = start(make_build(content, tmp_path / "clean", tmp_path / "clean-cache"))
        said = clean.communicate(timeout=600)[0]
        durations[kind] = time.monotonic() - started
        assert clean.returncode == 0, said

    output, cache = tmp_path / "output", tmp_path / "cache"
    chance = random.Random(1976)  # the CISO's first year: the same moments on every run
    interrupted, round_, finished_first = 0, 0, 0
    while round_ < KILLS:
        kind = "cold" if round_ % 2 == 0 else "warm"
        if kind == "cold":  # the images to encode again, so that a kill can land while they are written
            for derivative in (cache / "images").glob("*") if (cache / "images").is_dir() else []:
                derivative.unlink()
        started = time.monotonic()
        build = start(make_build(content, output, cache))
        slices = KILLS // 2
        by_ctrl_c = round_ % 4 == 3
        try:
            build.wait(timeout=durations[kind] * (round_ // 2 + chance.uniform(0.05, 0.95)) / slices)
        except subprocess.TimeoutExpired:
            os.killpg(build.pid, signal.SIGINT if by_ctrl_c else signal.SIGKILL)
            interrupted += 1
            round_ += 1
        else:  # it ended first: the other tests' load had made the first builds slower; this one's
            # length is the new measure, and the round is run again with it (a few times at most)
            durations[kind] = time.monotonic() - started
            finished_first += 1
            round_ += finished_first > KILLS // 2
        said = build.communicate(timeout=120)[0]
        if by_ctrl_c and build.returncode == 130:
            assert "Construction interrompue" in said and "Traceback" not in said, said
        elif by_ctrl_c:  # it had finished, or Python was still starting (killed by the signal itself)
            assert build.returncode in (0, 1, -signal.SIGINT), said
        if round_ % 5 == 4:  # now and then, a content edit between two kills
            post = content / "news" / "2024-11-19-un-texte.fr.md"
            post.write_text(post.read_text().replace("Corps du texte.", f"Corps du texte ({round_})."))
        if output.exists():  # whatever happened, what is served is a whole site
            assert (output / "index.html").is_file() and (output / "es" / "index.html").is_file()
    print(f"{interrupted} of {KILLS} builds stopped before their end ({KILLS // 4} of the stops by Ctrl+C); "
          f"{finished_first} ended before the moment chosen")
    assert interrupted >= KILLS * 3 // 4, f"only {interrupted} of {KILLS} builds were stopped before their end"

    post = content / "news" / "2024-11-19-un-texte.fr.md"
    post.write_text(post.read_text().replace(post.read_text().split("\n\n", 1)[1], "Corps du texte final.\n"))
    final = start(make_build(content, output, cache))
    said = final.communicate(timeout=600)[0]
    assert final.returncode == 0, said
    # The reference: a build from nothing (its own new cache), its images taken from the first clean
    # build's cache, which no kill ever touched (encoding them again would only take time).
    again = start([*make_build(content, tmp_path / "clean", tmp_path / "clean-cache-2"),
                   f"--setting=IMAGE_CACHE_PATH={json.dumps(str(tmp_path / 'clean-cache' / 'images'))}"])
    assert again.communicate(timeout=600)[0] and again.returncode == 0
    assert digest_tree(output) == digest_tree(tmp_path / "clean")

    def leftovers():
        return [p.name for p in tmp_path.iterdir() if p.name.startswith((".output-", ".clean-"))
                and not p.name.endswith(".lock")]

    # The replaced sites are deleted in the background: seconds at most.
    wait_for(lambda: not any("-discarded-" in name for name in leftovers()), timeout=60)
    assert not leftovers(), leftovers()
    assert not [p for p in cache.rglob("*") if p.is_file() and p.stat().st_size == 0], "an empty file in the cache"


def test_a_build_into_another_folder_waits_while_another_build_writes_the_same_cache(tmp_path):
    """A dev server and `make html` into another folder share one cache: the second build waits,
    says so, and then builds (two writers at once would leave Pelican's cache half-written)."""
    import fcntl

    content, cache = make_small_site(tmp_path), tmp_path / "cache"
    cache.mkdir()
    with open(tmp_path / ".cache.lock", "w") as held:  # as a build writing that cache holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        build = start(make_build(content, tmp_path / "other-output", cache))
        said = ""
        while "Une autre construction" not in said and build.poll() is None:
            said += build.stdout.readline()  # what it says first, then that it waits
        assert "Une autre construction de ce site est en cours ; celle-ci attend" in said, said
        time.sleep(1)
        assert build.poll() is None, "it waits for the cache"
    said = build.communicate(timeout=120)[0]
    assert build.returncode == 0, said
    assert (tmp_path / "other-output" / "index.html").is_file()


def test_ctrl_c_pressed_twice_while_workers_read_or_write_stops_everything_at_once(tmp_path):
    """A second Ctrl+C (or Ctrl+C then SIGTERM) used to cut short the first one's clean-up: the build
    waited for ever, and its workers, left running, held the locks every later build then waited on."""
    content = make_small_site(tmp_path)
    for number in range(150):
        (content / "news" / f"2024-10-{number % 28 + 1:02d}-texte-{number}.fr.md").write_text(
            f"Title: Texte numéro {number}\nSummary: Un résumé.\n\n" + "Un paragraphe du texte. " * 80 + "\n")
    command = [*make_build(content, tmp_path / "output", tmp_path / "cache"),
               "--setting=PARALLEL_READING_FROM=2", "--setting=PARALLEL_RENDERING_FROM=2"]
    started = time.monotonic()
    clean = start(command)
    assert clean.communicate(timeout=600)[0] and clean.returncode == 0
    length = time.monotonic() - started
    interrupted = 0
    for fraction, second in ((0.3, signal.SIGINT), (0.55, signal.SIGTERM), (0.8, signal.SIGINT)):
        shutil.rmtree(tmp_path / "cache")  # a cold build: reading and writing in the pools
        build = start(command)
        time.sleep(length * fraction)
        os.killpg(build.pid, signal.SIGINT)
        time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(build.pid, second)
        said = build.communicate(timeout=60)[0]
        assert "Traceback" not in said and build.returncode in (0, 130), said
        if build.returncode == 130:
            interrupted += 1
            assert "Construction interrompue : le site déjà construit n'a pas changé." in said
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # every process of the build ends with it
            try:
                os.killpg(build.pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)
        else:
            raise AssertionError(f"processes of the build still running after it stopped ({fraction})")
    assert interrupted >= 1, "a signal stopped at least one of the builds (a build always done first tests nothing)"
    again = start(command)  # and the locks are free
    assert again.communicate(timeout=600)[0] and again.returncode == 0


def test_a_signal_while_a_command_ends_changes_nothing():
    """Python gives every signal with a handler its default action back as it ends: a Ctrl+C then killed
    a build that had succeeded (status -2). Once a command's work is over, a signal is dropped."""
    script = ("import atexit, os, signal\n"
              "from tools import stopping\n"
              "def late_ctrl_c():  # registered first, so run after what stopping registers\n"
              "    print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN, flush=True)\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "atexit.register(late_ctrl_c)\n"
              "stopping.on_first_signal()\n")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (run.returncode, run.stdout, run.stderr) == (0, "True\n", "")


def test_the_replaced_site_is_deleted_in_the_background_and_a_deletion_cut_short_by_the_next_build(
        tmp_path, monkeypatch):
    from tools import build

    output, staging = tmp_path / "output", tmp_path / ".output-staging-1"
    for folder, text in ((output, "old"), (staging, "new")):
        (folder / "page").mkdir(parents=True)
        (folder / "page" / "index.html").write_text(text)
    # An `rm` that says its session, its parent and its arguments, and deletes only once told to go.
    started, go, ended = tmp_path / "rm-started", tmp_path / "rm-go", tmp_path / "rm-ended"
    tools = tmp_path / "bin"
    tools.mkdir()
    (tools / "rm").write_text(
        f"#!{sys.executable}\nimport os, pathlib, subprocess, sys, time\n"
        f"said = pathlib.Path({str(started) + '.tmp'!r})\n"
        f"said.write_text(f'{{os.getsid(0)}} {{os.getppid()}} ' + ' '.join(sys.argv[1:]))\n"
        f"said.rename({str(started)!r})\n"
        f"deadline = time.monotonic() + 30\n"
        f"while not os.path.exists({str(go)!r}) and time.monotonic() < deadline:\n    time.sleep(0.02)\n"
        f"subprocess.run([{shutil.which('rm')!r}, *sys.argv[1:]])\n"
        f"pathlib.Path({str(ended)!r}).write_text('')\n")
    (tools / "rm").chmod(0o755)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")

    build._swap_in(str(staging), str(output))
    assert (output / "page" / "index.html").read_text() == "new" and not staging.exists()
    discarded = list(tmp_path.glob(".output-discarded-*"))
    assert len(discarded) == 1 and not (tmp_path / ".output-previous").exists()
    wait_for(started.exists)  # rm started
    session, parent, arguments = started.read_text().split(" ", 2)
    assert arguments == f"-rf -- {discarded[0]}"
    assert int(session) != os.getsid(0), "a Ctrl+C in the terminal would stop the deletion"
    assert int(parent) != os.getpid(), "rm is this process's child: a dev server would have to wait for it"
    assert not ended.exists(), "the build waited for the deletion"
    go.write_text("")
    wait_for(lambda: ended.exists() and not discarded[0].exists())  # the replaced site deleted

    # A deletion cut short (the machine stopped): the next build deletes the rest, and says which
    # folders have outlived their deletion by long (the build's notes).
    left = tmp_path / ".output-discarded-x" / "site" / "page"
    left.mkdir(parents=True)
    assert build._clean_leftovers(str(output)) == []
    wait_for(lambda: not left.parent.parent.exists())  # the leftover deleted
    left.mkdir(parents=True)
    long_ago = time.time() - build.STUCK_SECONDS - 60
    os.utime(left.parent.parent, (long_ago, long_ago))
    assert build._clean_leftovers(str(output)) == [str(left.parent.parent)]
    wait_for(lambda: not left.parent.parent.exists())  # the leftover deleted
    # Without rm, deleted here, at once.
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    left.mkdir(parents=True)
    build._clean_leftovers(str(output))
    assert not left.parent.parent.exists() and (output / "page" / "index.html").read_text() == "new"


def test_a_command_ends_once_its_exit_handlers_have_run_without_pythons_teardown():
    """make html ends as soon as it has said its last line: its exit handlers run (logging's flush…),
    Python's teardown, which freed a build's objects one by one, does not."""
    script = ("import atexit, logging, logging.handlers, sys\n"  # logging first, as in tools.build
              "from tools import stopping\n"
              "stopping.end_without_teardown()\n"
              "logging.getLogger().addHandler(logging.handlers.MemoryHandler(\n"  # says it all as logging ends
              "    100, flushLevel=logging.CRITICAL + 1, target=logging.StreamHandler(sys.stdout)))\n"
              "logging.warning('kept by logging until its end')\n"
              "class Freed:\n"
              "    def __del__(self):\n"
              "        print('freed by the teardown', flush=True)\n"
              "kept = Freed()\n"
              "atexit.register(lambda: print('an exit handler ran'))\n"
              "sys.stdout.write('said, not yet flushed\\n')\n"
              "{}(3)\n")
    for leave, teardown in (("stopping.leave", ""), ("sys.exit", "freed by the teardown\n")):
        run = subprocess.run([sys.executable, "-c", script.format(leave)], cwd=ROOT, capture_output=True,
                             text=True, timeout=60)
        assert (run.returncode, run.stdout, run.stderr) == (
            3, "said, not yet flushed\nan exit handler ran\nkept by logging until its end\n" + teardown, ""), leave


def test_make_keeps_its_stamp_where_the_build_does_not_take_it_for_a_half_written_cache(tmp_path):
    """make html touches a stamp in cache/ (the placeholder step runs again only when a data file has
    changed). A build discards every file at the top of its cache folder that its last build did not
    seal: with the stamp there, every make html said « Le cache … était incomplet », read every text
    again and ran the placeholder step again."""
    from tools import build

    dry_run = subprocess.run(["make", "-n", "-B", "placeholders"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout
    stamp = next(word for line in dry_run.splitlines() if "touch" in line
                 for word in line.split() if word.endswith(".stamp"))
    assert stamp.startswith("cache/"), stamp  # the build's cache folder (Pelican's CACHE_PATH), as make runs it
    (tmp_path / stamp).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / stamp).touch()
    assert build._cache_files(str(tmp_path / "cache")) == {}, "the build would discard make's stamp"
