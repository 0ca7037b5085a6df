"""`make bench`, part two: the real site's build time with every image to
encode (empty cache) against a rebuild with no image change."""

import shutil
import subprocess
import sys
import time

from bench.build_times import ROOT, WORK, wait_for_background_deletions


def timed_build(output, cache):
    wait_for_background_deletions()
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "tools.build", "--content", str(ROOT / "content"), "--output", str(output),
         "--settings", str(ROOT / "pelicanconf.py"), "--cache", str(cache), "--verbose"],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(result.stdout + result.stderr)
    line = next(text for text in result.stdout.splitlines() if "originals encoded" in text)
    return time.perf_counter() - start, line.split("responsive_images: ")[1].split("  ")[0].strip()


def main():
    output, cache = WORK / "out-images", WORK / "cache-images"
    shutil.rmtree(output, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    first, first_log = timed_build(output, cache)
    again, again_log = timed_build(output, cache)
    originals = sum(p.stat().st_size for p in (ROOT / "content" / "exhibitions").rglob("*.jpg"))
    published = sum(p.stat().st_size for p in (output / "images").iterdir())
    print(f"real site, first build   {first:6.2f} s   ({first_log})")
    print(f"real site, no image change {again:6.2f} s   ({again_log})   ratio {again / first:.2f}")
    print(f"originals {originals} bytes; every derivative published {published} bytes")


if __name__ == "__main__":
    main()
