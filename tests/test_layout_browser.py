"""The layout as a visitor sees it in Chromium: a phone's header is one row with its menu behind
« Menu » (which opens without JavaScript), a wide screen shows the menu on one row in line with
the content, no page is wider than a small phone, the footer ends short pages, and the site has
its icons."""

import io
import subprocess
import sys
import time

import pytest
from PIL import Image

from sitebuild import ROOT
from tools import local_site
from tools.page_kinds import PAGE_KINDS, RESULTS_SHOWN, resolve

PHONE = {"width": 375, "height": 812}
FIRST_FLIGHT = 10 * 1460  # bytes: what a server sends before it waits for an answer (RFC 6928)


@pytest.mark.parametrize("width", [320, 375])
def test_on_a_phone_the_header_is_one_row_and_the_menu_opens_without_javascript(browser, site, origin, width):
    context = browser.new_context(viewport={**PHONE, "width": width}, java_script_enabled=False)
    page = context.new_page()
    for url in ("/", "/delegation-colombie/", "/es/", "/trousses-pedagogiques/les-dessous-du-textile/"):
        page.goto(origin + url)
        header = page.locator("header.site-header").bounding_box()
        parts = [page.locator(f".header-bar > {part}").bounding_box() for part in (".brand", ".lang-switch", ".search-link",
                                                                                  ".site-menu")]
        middles = [box["y"] + box["height"] / 2 for box in parts]
        assert max(middles) - min(middles) <= 8 and header["height"] <= 72, f"{url}: one row ({parts})"
        menu = page.get_by_role("navigation", name="Menu principal" if not url.startswith("/es/") else "Menú principal")
        assert not menu.is_visible(), f"{url}: the menu waits behind its button"
        assert page.locator("main h1").bounding_box()["y"] < PHONE["height"] / 2, f"{url}: content starts on the first screen"
        page.locator("summary", has_text="Menu" if not url.startswith("/es/") else "Menú").click()
        links = menu.get_by_role("link")
        assert links.count() >= 6 and all(link.is_visible() for link in links.all()), url
        assert page.get_by_role("link", name="Rechercher" if not url.startswith("/es/") else "Buscar").is_visible()
    context.close()


@pytest.mark.parametrize("home, menu_name", [("/", "Menu principal"), ("/es/", "Menú principal")])
def test_on_a_wide_screen_the_menu_is_one_row_in_line_with_the_content(browser, site, origin, home, menu_name):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + home)
    links = page.get_by_role("navigation", name=menu_name).get_by_role("link").all()
    boxes = [link.bounding_box() for link in links]
    assert len(boxes) >= 6 and all(box for box in boxes), "every section in the menu, shown"
    assert len({round(box["y"]) for box in boxes}) == 1, f"one row: {boxes}"
    content_left = page.locator("main h1").bounding_box()["x"]
    assert abs(boxes[0]["x"] - content_left) <= 1, "the menu starts where the content starts"
    assert abs(page.locator(".brand").bounding_box()["x"] - content_left) <= 1
    assert page.get_by_label("Rechercher" if home == "/" else "Buscar", exact=True).is_visible(), \
        "the search field has a visible label"
    page.close()


@pytest.mark.parametrize("width", [960, 1024, 1100])
def test_just_above_the_phone_layout_the_menu_fits_the_screen_in_every_language(browser, site, origin, width):
    """The wide screen's menu is one row in both languages from 960 px (Spanish's last label had a row
    of its own at 960-1047 px), and never a page wider than the screen."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    for home in ("/", "/es/"):
        page.goto(origin + home)
        assert page.evaluate("document.documentElement.scrollWidth") == width, home
        links = page.locator(".site-nav a").all()
        assert all(link.is_visible() for link in links), home
        assert len({round(link.bounding_box()["y"]) for link in links}) == 1, f"{home}: one row"
    page.close()


@pytest.mark.parametrize("width", [768, 1024, 1280])
def test_no_card_is_left_alone_in_its_row(browser, site, origin, width):
    """Each row of a card grid holds as many cards as the others (three cards in two columns left the
    third alone beside an empty half), and a single card is as wide as the list under it."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    stranded = []
    for url in ("/", "/es/", "/categorie/plaidoyer/", "/categorie/education/"):
        page.goto(origin + url)
        for grid in page.locator(".card-grid").all():
            rows = {}
            for card in grid.locator(":scope > .card").all():
                box = card.bounding_box()
                rows.setdefault(round(box["y"]), []).append(box["width"])
            widths = [len(cards) for cards in rows.values()]
            if len(set(widths)) > 1 or (widths == [1] and max(rows[min(rows)]) < 0.6 * grid.bounding_box()["width"]):
                stranded.append((url, widths))
    assert not stranded, stranded
    page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_is_wider_than_a_small_phone(browser, site, origin, width):
    page = browser.new_page(viewport={"width": width, "height": 700})
    wider = []
    for kind, urls in PAGE_KINDS.items():
        for lang, url in zip(("fr", "es"), urls, strict=True):
            address = resolve(page, origin, url, lang)
            page.goto(origin + address)
            if kind == "search results":
                page.wait_for_function(RESULTS_SHOWN)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                wider.append((address, scroll))
    assert not wider, wider
    page.close()


# For each cell of the table: its column's name shown before it, and the words of its text that a line
# break cuts in two (a word on two lines has two boxes).
CELLS_AND_CUT_WORDS = """() => [...document.querySelectorAll('.presentations td')].map(td => {
  const cut = [];
  const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode())
    for (const word of text.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(text, word.index); range.setEnd(text, word.index + word[0].length);
      if (new Set([...range.getClientRects()].map(box => Math.round(box.top))).size > 1) cut.push(word[0]);
    }
  return [td.dataset.label, getComputedStyle(td, '::before').content !== 'none', cut];
})"""


@pytest.mark.parametrize("url", ["/delegations/colombie-2024/", "/es/delegaciones/colombia-2024/"])
def test_on_a_small_phone_a_table_is_rows_of_named_cells_with_whole_words(browser, site, origin, url):
    """Three columns of 90 px cut words in two (« Présent-ée »); on a phone each row is a block of its
    cells, each after its column's name, and a screen reader still finds a table of rows and cells."""
    page = browser.new_page(viewport={"width": 320, "height": 700})
    page.goto(origin + url)
    headers = page.locator(".presentations th").all_inner_texts()
    cells = page.evaluate(CELLS_AND_CUT_WORDS)
    assert cells and all(label == headers[i % 3] and shown for i, (label, shown, _) in enumerate(cells)), cells
    assert not [cut for _, _, cut in cells if cut], "no word cut in two"
    table = page.locator("table.presentations")
    assert page.get_by_role("table").count() == 1 and table.get_by_role("row").count() == len(cells) // 3 + 1
    first = page.locator(".presentations td").first.inner_text()
    assert table.get_by_role("cell", name=first, exact=True).count() >= 1, "the column's name is not read again"
    page.close()


# Adds up the page's layout shifts that no input caused (the Layout Instability API, as Lighthouse's CLS).
LAYOUT_SHIFTS = """window.__shifts = [];
new PerformanceObserver(list => { for (const shift of list.getEntries()) if (!shift.hadRecentInput)
  window.__shifts.push([shift.value, shift.sources.map(s => s.node ? s.node.className || s.node.nodeName : '?')]);
}).observe({type: 'layout-shift', buffered: true});"""


class SlowNetworkHandler(local_site.SiteHandler):
    """Sends a page's HTML as a slow phone network brings it: its head and header at once (within
    TCP's first flight of ten segments, RFC 6928, as the test asserts), then a segment at a time,
    with pauses in which the browser shows what has come, so that a layout that depends on what has
    not come yet (a grid with as many columns as it has cards so far) moves when the rest arrives."""

    SEGMENT = 1460

    def copyfile(self, source, outputfile):
        if not self.path.split("?", 1)[0].endswith(("/", ".html")):
            return super().copyfile(source, outputfile)
        html = source.read()
        header_end = html.index(b"</header>") + len(b"</header>")
        for start in (0, *range(header_end, len(html), self.SEGMENT)):
            outputfile.write(html[start:max(start + self.SEGMENT, header_end)])
            outputfile.flush()
            time.sleep(0.03)
        return None


@pytest.fixture(scope="module")
def slow_origin(site):
    with local_site.serving(site, f"http://127.0.0.1:{local_site.free_port()}", SlowNetworkHandler) as origin:
        yield origin


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 900}], ids=["375", "1280"])
def test_nothing_moves_while_a_page_arrives_loads_its_scripts_and_search_results(browser, site, slow_origin, viewport):
    """The search results used to push the page down as they arrived (CLS 0.24-0.32 on a phone), the
    quiz's mode switch pushed the questions down when the script started, and the home page's cards
    moved when the last ones arrived (their grid had as many columns as cards)."""
    moved = {}
    for kind in ("search results", "quiz", "home", "exhibition", "teaching kit", "news list", "category"):
        for url in PAGE_KINDS[kind]:
            html = (site / url.split("?")[0].lstrip("/") / "index.html").read_bytes()
            assert html.index(b"</header>") < FIRST_FLIGHT, f"{url}: the header comes in the first round trip"
            page = browser.new_page(viewport=viewport)
            page.add_init_script(LAYOUT_SHIFTS)
            page.goto(slow_origin + url)
            if kind == "search results":
                page.wait_for_function(RESULTS_SHOWN)
            page.wait_for_timeout(500)  # what a script or a late image would still move
            shifts = page.evaluate("window.__shifts")
            if sum(value for value, _ in shifts) > 0.001:
                moved[url] = shifts
            page.close()
    assert not moved, moved


# The HTML parser of a slow phone stops at any node when its time slice ends (or within a text, where
# a network packet ends), and the browser paints what it has. This takes where each element and text
# starts (its first box) on the whole page, then removes the page's nodes from the last one back (the
# page as the parser had it before each; a text on the first screen loses its words one by one first),
# and names each one that starts, painted on the first screen, elsewhere than on the whole page: it
# would move when the rest arrived (a layout shift, as Chromium counts them: boxes and texts).
WHERE_THE_PARSER_STOPS = """() => {
  const startOf = node => {
    const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (!element || !element.checkVisibility({visibilityProperty: true})) return null;
    let boxes = element.getClientRects();
    if (node !== element) { const range = document.createRange(); range.selectNodeContents(node); boxes = range.getClientRects(); }
    for (const box of boxes) if (box.width > 0 && box.height > 0) return box;
    return null;
  };
  const name = node => node.nodeType === Node.TEXT_NODE ? `text «${node.data.trim().slice(0, 30)}»`
    : node.tagName.toLowerCase() + [...node.classList].map(c => '.' + c).join('');
  const whole = new Map();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const box = node.nodeType === Node.TEXT_NODE && !node.data.trim() ? null : startOf(node);
    if (box) whole.set(node, [name(node), box]);
  }
  const moved = {};
  const compare = missing => {
    for (const [node, [label, full]] of whole) {
      if (!node.isConnected) { whole.delete(node); continue; }
      const box = startOf(node);
      if (!box || (full.top >= innerHeight && box.top >= innerHeight) || label in moved) continue;
      if (Math.abs(box.left - full.left) > 0.5 || Math.abs(box.top - full.top) > 0.5)
        moved[label] = `at ${Math.round(box.left)},${Math.round(box.top)} without ${missing}, ` +
                       `then at ${Math.round(full.left)},${Math.round(full.top)}`;
    }
  };
  const lastNode = () => { let node = document.body; while (node.lastChild) node = node.lastChild;
    return node === document.body ? null : node; };
  for (let node = lastNode(); node; node = lastNode()) {
    if (whole.has(node) && node.nodeType === Node.TEXT_NODE && whole.get(node)[1].top < innerHeight)
      while (/\\S\\s+\\S/.test(node.data)) {
        node.data = node.data.replace(/\\s*\\S+\\s*$/, '');
        compare(`the end of ${whole.get(node)[0]}`);
      }
    const missing = name(node);
    node.remove();
    compare(missing);
  }
  return moved;
}"""


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_nothing_on_the_first_screen_moves_wherever_a_slow_phone_stops_parsing_the_page(browser, site, origin, width):
    """A slow phone paints a page cut anywhere: the header cut before its menu was lower than the whole
    one, a news item without its picture had its date in the picture's column, a button without its
    words sat on the line before, a centred label moved as its words came. Scripts do not run (their
    requests are refused): what they change comes after the parsing, and the page is as a browser
    that runs scripts parses it (the quiz's mode buttons are shown)."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    moving = {}
    for kind, urls in PAGE_KINDS.items():
        for lang, url in zip(("fr", "es"), urls, strict=True):
            if kind == "search results":
                continue  # its results come from a script: the test above
            address = resolve(page, origin, url, lang)
            page.goto(origin + address)
            moved = page.evaluate(WHERE_THE_PARSER_STOPS)
            if moved:
                moving[address] = moved
    context.close()
    assert not moving, moving


def test_a_short_pages_footer_fills_the_bottom_of_the_screen(browser, site, origin):
    """No white band under a short page's footer: its colour goes on to the bottom of the screen. (That
    where it starts does not depend on its own lines, the parser test above holds: pushed to the
    bottom of the screen, it moved up as they arrived.)"""
    page = browser.new_page(viewport={"width": 1280, "height": 1400})  # a tall screen
    page.goto(origin + "/404.html")
    footer, lines = (page.locator(part).bounding_box() for part in ("footer.site-footer", ".footer-grid"))
    lines_end = int(lines["y"] + lines["height"])
    assert lines_end < 1300, "a page shorter than the screen"
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    footer_colour = shot.getpixel((2, int(footer["y"]) + 2))
    below = {shot.getpixel((x, y)) for x in (2, 640, 1277) for y in (lines_end + 2, (lines_end + 1400) // 2, 1398)}
    assert below == {footer_colour} and footer_colour != (255, 255, 255), (footer_colour, below)
    page.close()


def test_the_site_has_its_icons_drawn_from_its_svg(site, pages):
    icon = Image.open(site / "favicon.ico")
    assert set(icon.info["sizes"]) == {(16, 16), (32, 32), (48, 48)}
    touch = Image.open(io.BytesIO((site / "apple-touch-icon.png").read_bytes()))
    assert touch.size == (180, 180) and touch.mode == "RGB", "opaque: a phone draws transparency black"
    corner, centre_band = touch.getpixel((2, 2)), [touch.getpixel((x, 90)) for x in range(20, 160)]
    assert corner == (255, 255, 255) and any(r > 140 and g < 60 for r, g, b in centre_band), "the red ring is drawn"
    home = pages[site / "index.html"]
    assert home.find("link", rel="icon", type="image/svg+xml")["href"] == "/theme/icons/favicon.svg"
    assert home.find("link", rel="apple-touch-icon")["href"] == "/apple-touch-icon.png"


def test_search_results_look_like_the_site(browser, site, origin):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(origin + "/recherche/?q=solidarite")
    page.wait_for_function(RESULTS_SHOWN)
    link, mark, body = page.evaluate("""() => [
        getComputedStyle(document.querySelector('.pagefind-ui__result-title .pagefind-ui__result-link')).color,
        getComputedStyle(document.querySelector('.pagefind-ui mark')).backgroundColor,
        getComputedStyle(document.querySelector('.pagefind-ui__result-title')).fontFamily]""")
    site_link = page.evaluate("getComputedStyle(document.querySelector('.browse-list a')).color")
    assert link == site_link, "result titles are links, in the site's link colour"
    assert mark != "rgb(255, 255, 0)" and "system-ui" in body, (mark, body)
    page.close()


def test_make_screenshots_takes_every_width_and_language_of_a_page_kind(site, tmp_path):
    from tools import screenshots

    # As make runs it, in a process of its own (this one's Playwright is the session's browser).
    command = subprocess.run([sys.executable, "-m", "tools.screenshots", "--site", str(site), "--into",
                              str(tmp_path / "shots"), "--kind", "home"], cwd=ROOT, capture_output=True, text=True)
    assert command.returncode == 0, command.stderr
    taken = sorted((tmp_path / "shots").glob("*.png"))
    assert [p.name for p in taken] == ["01-home-es-1280.png", "01-home-es-375.png", "01-home-fr-1280.png",
                                       "01-home-fr-375.png"]
    for path in taken:
        width, height = Image.open(path).size
        assert width == int(path.stem.rsplit("-", 1)[1]) and height > screenshots.WIDTHS[width], "the whole page"
    index = (tmp_path / "shots" / "index.html").read_text(encoding="utf-8")
    assert all(p.name in index for p in taken)
    assert "4 captures d'écran" in command.stdout


def test_make_screenshots_without_a_built_site_says_what_to_do(tmp_path, capsys):
    from tools import screenshots

    assert screenshots.main(["--site", str(tmp_path / "nothing"), "--into", str(tmp_path / "shots")]) == 1
    assert "lancez d'abord « make html »" in capsys.readouterr().err
    assert not (tmp_path / "shots").exists()
