"""The waste-pickers exhibition in Chromium: lightbox by keyboard, the same
walk without JavaScript, and what a phone downloads."""

from sitebuild import ROOT

LANDING = "/expositions/du-mexique-au-quebec/"


def active(page):
    return page.evaluate("""() => ({
        href: document.activeElement.getAttribute('href'),
        inDialog: !!document.activeElement.closest('dialog'),
        cls: document.activeElement.className})""")


def test_lightbox_by_keyboard(browser, site, origin):
    page = browser.new_page()
    page.goto(origin + LANDING)
    thumbnails = page.locator(".photo-grid a.photo-link")
    first, second = thumbnails.nth(0).get_attribute("href"), thumbnails.nth(1).get_attribute("href")
    captions = [c.strip() for c in page.locator(".photo-grid .photo-caption").all_inner_texts()]
    for _ in range(60):
        page.keyboard.press("Tab")
        if active(page)["href"] == first:
            break
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.lightbox")
    assert dialog.evaluate("d => d.open")
    assert page.url == origin + first, "the address shows the photo's own page"
    assert page.locator("#lightbox-caption").inner_text() == captions[0]
    page.keyboard.press("ArrowRight")
    assert page.locator("#lightbox-caption").inner_text() == captions[1]
    assert page.url == origin + second
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#lightbox-caption").inner_text() == captions[-1], "moving wraps around"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    for _ in range(8):
        page.keyboard.press("Tab")
        assert active(page)["inDialog"], "the focus stays in the open lightbox"
    page.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page.url == origin + LANDING
    assert active(page)["href"] == second, "the focus returns to the thumbnail of the photo shown"
    page.close()


def test_without_javascript_the_grid_links_to_photo_pages(browser, site, origin):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(origin + LANDING)
    thumbnails = page.locator(".photo-grid a.photo-link")
    first, second = thumbnails.nth(0).get_attribute("href"), thumbnails.nth(1).get_attribute("href")
    thumbnails.first.click()
    assert page.url == origin + first
    assert page.locator("h1").inner_text().strip()
    page.locator("a[rel=next]").click()
    assert page.url == origin + second
    page.locator("nav.lang-switch a[hreflang=es]").click()
    # The same photograph, the second of the Spanish exhibition, at its Spanish address.
    page.goto(origin + "/es/exposiciones/de-mexico-a-quebec/")
    spanish_second = page.locator(".photo-grid a.photo-link").nth(1).get_attribute("href")
    assert spanish_second.startswith("/es/exposiciones/de-mexico-a-quebec/") and spanish_second != second
    page.go_back()
    assert page.url == origin + spanish_second
    context.close()


def test_a_phone_downloads_under_a_tenth_of_the_originals(browser, site, origin):
    folder = ROOT / "content" / "exhibitions" / "du-mexique-au-quebec"
    originals = sum(p.stat().st_size for p in folder.rglob("*.jpg"))
    context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2)
    page = context.new_page()
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())) if r.status == 200 else None)
    page.goto(origin + LANDING, wait_until="networkidle")
    page.evaluate("async () => { for (let y = 0; y < document.body.scrollHeight; y += 400) {"
                  " window.scrollTo(0, y); await new Promise(r => setTimeout(r, 50)); } }")
    page.wait_for_load_state("networkidle")
    context.close()
    downloaded = sum(sizes.values())
    images = sum(size for url, size in sizes.items() if "/images/" in url)
    print(f"375 px phone, DPR 2, whole landing page scrolled: {downloaded} bytes ({images} of images, "
          f"{sum(1 for u in sizes if '/images/' in u)} images) vs {originals} bytes of originals: "
          f"{downloaded / originals:.1%}")
    assert images > 0
    assert downloaded <= 0.10 * originals
