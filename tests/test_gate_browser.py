"""Quality gates in Debian's Chromium: accessibility (axe-core), keyboard
journeys, requests that leave the site, and the weight of a first visit."""

import pytest

from conftest import axe_violations
from tools.page_kinds import PAGE_KINDS, RESULTS_SHOWN, resolve

BUDGET = 60_000  # bytes, uncompressed, content images excluded


# Records what the Content-Security-Policy blocks (installed before any page script runs).
CSP_RECORDER = """window.__cspBlocked = [];
document.addEventListener('securitypolicyviolation',
  e => window.__cspBlocked.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));"""


@pytest.fixture(scope="session")
def visits(browser, site, origin):
    """Every page kind in both languages, visited once: axe results and requests made. One tab
    visits them all (a new browser context per page doubles the time), with the browser's cache
    off so that each visit requests everything its page needs, as a first visit does; the CSP
    recorder starts again with each page."""
    found = {}
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_RECORDER)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for kind, urls in PAGE_KINDS.items():
        for lang, url in zip(("fr", "es"), urls, strict=True):
            url = resolve(page, origin, url, lang)
            requests.clear()
            response = page.goto(origin + url)
            assert response.status in (200, 304), (kind, url)
            assert page.evaluate("document.documentElement.lang") == lang, (kind, url)
            if "?q=" in url:  # a search: wait for its results, so they are checked too
                page.wait_for_function(RESULTS_SHOWN)
            blocked = page.evaluate("window.__cspBlocked")
            violations, passes = axe_violations(page)
            found[(kind, lang)] = {"url": url, "violations": violations, "requests": list(requests),
                                   "passes": passes, "csp": blocked}
    context.close()
    return found


def test_no_accessibility_violation_on_any_page_kind(visits):
    report = [
        f"{kind} ({lang}) {visit['url']}: {v['id']} ({v['impact']}) {v['help']} -> "
        f"{[n['target'] for n in v['nodes']][:3]}"
        for (kind, lang), visit in visits.items() for v in visit["violations"]
    ]
    print(f"axe-core WCAG 2.0/2.1 A+AA: {len(visits)} pages, {len(PAGE_KINDS)} kinds x 2 languages")
    assert all(visit["passes"] > 10 for visit in visits.values())
    assert not report, "\n".join(report)


def test_no_request_leaves_the_site(visits, origin):
    outside = [(kind, lang, url) for (kind, lang), visit in visits.items()
               for url in visit["requests"] if not url.startswith(origin + "/")]
    assert sum(len(v["requests"]) for v in visits.values()) >= len(visits)
    assert not outside, outside


def test_the_content_security_policy_blocks_nothing_the_site_needs(visits):
    """Every page kind, served with the production headers (no 'unsafe-inline'), works as built."""
    blocked = [(kind, lang, visit["url"], visit["csp"]) for (kind, lang), visit in visits.items() if visit["csp"]]
    assert not blocked, blocked


def test_the_content_security_policy_is_enforced(browser, scratch):
    """The check above can fail: an inline script and style on a page are blocked and recorded."""
    folder, origin = scratch
    (folder / "csp-self-test.html").write_text('<!doctype html><html lang="fr"><title>t</title><p style="color:red">x</p>'
                                               '<script>document.title = "ran"</script>')
    page = browser.new_page()
    page.add_init_script(CSP_RECORDER)
    page.goto(f"{origin}/csp-self-test.html")
    blocked = page.evaluate("window.__cspBlocked")
    assert page.title() == "t"
    assert any(b.startswith("script-src") for b in blocked) and any(b.startswith("style-src") for b in blocked)
    page.close()


def test_axe_does_catch_violations(browser, scratch):
    """The accessibility gate can fail: a page with known defects is reported."""
    folder, origin = scratch
    (folder / "axe-self-test.html").write_text('<!doctype html><html><title>t</title><img src="x.png"><a href="/"></a>')
    page = browser.new_page()
    page.goto(f"{origin}/axe-self-test.html")
    ids = {v["id"] for v in axe_violations(page)[0]}
    page.close()
    assert {"html-has-lang", "image-alt", "link-name"} <= ids


def focus_report(page):
    """What has the focus, and whether it shows (outline or box shadow) on screen."""
    return page.evaluate("""() => {
        const el = document.activeElement, style = getComputedStyle(el), box = el.getBoundingClientRect();
        return {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                href: el.getAttribute('href'), hreflang: el.getAttribute('hreflang'),
                inMain: !!el.closest('main'), inNav: !!el.closest('nav.site-nav'),
                inSwitcher: !!el.closest('nav.lang-switch'),
                visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
                         || style.boxShadow !== 'none',
                onScreen: box.width > 0 && box.height > 0 && box.top >= 0 && box.bottom <= innerHeight};
    }""")


def tab_until(page, predicate, limit=40):
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focus_report(page)
        seen.append(focus)
        if predicate(focus):
            return focus, seen
    raise AssertionError(f"never reached: {seen}")


@pytest.mark.parametrize("url", ["/delegation-colombie/", "/es/noticias/"])
def test_keyboard_reaches_skip_link_switcher_menu_and_content_with_visible_focus(browser, site, origin, url):
    page = browser.new_page()
    page.goto(origin + url)
    page.keyboard.press("Tab")
    first = focus_report(page)
    assert "skip-link" in first["cls"] and first["visible"] and first["onScreen"], first
    switcher, seen = tab_until(page, lambda f: f["inSwitcher"])
    menu, more = tab_until(page, lambda f: f["inNav"])
    for focus in [first, *seen, *more]:
        assert focus["visible"] and focus["onScreen"], focus
    # The skip link takes the focus to the main content, whose first link shows its focus.
    page.goto(origin + url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside = focus_report(page)
    assert inside["inMain"] and inside["visible"] and inside["onScreen"], inside
    page.close()


def test_keyboard_switches_language_from_a_post_to_its_translation(browser, site, origin):
    page = browser.new_page()
    page.goto(origin + "/delegation-colombie/")
    tab_until(page, lambda f: f["hreflang"] == "es")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == origin + "/es/delegacion-colombia/"
    assert page.evaluate("document.documentElement.lang") == "es"
    page.close()


def first_visit_bytes(browser, url):
    """Bytes a first visit transfers, uncompressed, by kind; content images left out."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    sizes = {}
    # Bodies read once the page has loaded, before the tab closes: read inside the event handler, a
    # body could be asked for after the tab was closed (under load), and the visit counted as empty.
    for response in responses:
        kind = response.request.resource_type
        if kind != "image" and response.status == 200:
            sizes[kind] = sizes.get(kind, 0) + len(response.body())
    context.close()
    return sizes


@pytest.mark.parametrize("kind, url", [("home", "/"), ("post", "/delegation-colombie/"),
                                       ("inicio", "/es/"), ("noticia", "/es/delegacion-colombia/")])
def test_first_visit_stays_within_the_low_bandwidth_budget(browser, site, origin, kind, url):
    sizes = first_visit_bytes(browser, origin + url)
    total = sum(sizes.values())
    print(f"first visit, {kind} {url}: {total} bytes uncompressed {sizes} (budget {BUDGET})")
    assert sizes.get("document", 0) > 1000 and sizes.get("stylesheet", 0) > 1000
    assert total <= BUDGET
