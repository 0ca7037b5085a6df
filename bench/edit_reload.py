"""`make bench`, part three: the dev server's edit-to-reload time on the real site, as the
communications officer lives it: a post is open in Chromium, a line of it is saved, and the clock
stops when the open page shows the new line (the dev server noticed the change, rebuilt, and the
page reloaded itself). The median and the range over EDITS edits, after one warm-up edit.

The content is a copy (the real content/ is never touched), served by `python -m tools.devserver`
in its own process, as `make devserver` runs it.
"""

import shutil
import statistics
import subprocess
import sys
import time

from bench.build_times import ROOT, WORK
from tools import local_site

EDITS = 10
POST = "news/2025-03-24-yolanda-becerra-vega.fr.md"
URL = "/journee-internationale-des-droits-des-femmes-rencontre-avec-la-feministe-colombienne-yolanda-becerra-vega/"


def measure(edits=EDITS):
    """[seconds from saving an edit to the open page showing it], one per edit after the warm-up."""
    from playwright.sync_api import sync_playwright

    content, output = WORK / "edit-content", WORK / "edit-output"
    shutil.rmtree(content, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)
    shutil.copytree(ROOT / "content", content)
    port = local_site.free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tools.devserver", "--content", str(content), "--output", str(output),
         "--settings", str(ROOT / "pelicanconf.py"), "--port", str(port), "--cache", str(WORK / "edit-cache")],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    post = content / POST
    original = post.read_text(encoding="utf-8")
    times = []
    try:
        if not local_site.listening(port, timeout=180):
            sys.exit("the dev server did not start")
        with sync_playwright() as playwright:
            browser = local_site.launch_chromium(playwright)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}{URL}", timeout=180_000)
            page.wait_for_selector("main h1", timeout=180_000)
            for number in range(edits + 1):
                marker = f"Modification de test n° {number}."
                post.write_text(original + f"\n{marker}\n", encoding="utf-8")
                saved = time.perf_counter()
                page.wait_for_function("marker => document.body.innerText.includes(marker)", arg=marker,
                                       timeout=60_000, polling=20)
                if number:  # the first edit warms the server up
                    times.append(time.perf_counter() - saved)
                time.sleep(0.5)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return times


def main():
    times = measure()
    print(f"dev server, edit to reload: median {statistics.median(times):.2f} s "
          f"(range {min(times):.2f}-{max(times):.2f} s, {len(times)} edits of a post)")


if __name__ == "__main__":
    main()
