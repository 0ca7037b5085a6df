"""The page kinds the gates, the search tests and the screenshots visit: one page of each kind, in each language."""

# One page of each kind, in each language. Sections are reached through the
# navigation (its n-th link), as a visitor would.
PAGE_KINDS = {
    "home": ("/", "/es/"),
    "news list": ("/nouvelles/", "/es/noticias/"),
    "news list, page 2": ("/nouvelles/page/2/", "/es/noticias/page/2/"),
    "post": ("/delegation-colombie/", "/es/delegacion-colombia/"),
    "category": ("/categorie/delegations/", "/es/categoria/delegaciones/"),
    "tag": ("/etiquette/colombie/", "/es/etiqueta/colombia/"),
    "archive": ("/archives-des-nouvelles/", "/es/archivo-de-noticias/"),
    "archive year": ("/archives-des-nouvelles/2025/", "/es/archivo-de-noticias/2025/"),
    "section: exhibitions": ("nav:2", "nav:2"),
    "section: teaching kits": ("nav:3", "nav:3"),
    "section: archives": ("nav:4", "nav:4"),
    "section: about": ("nav:6", "nav:6"),
    "exhibition": ("/expositions/du-mexique-au-quebec/", "/es/exposiciones/de-mexico-a-quebec/"),
    "exhibition photo": ("/expositions/du-mexique-au-quebec/{first}/",
                         "/es/exposiciones/de-mexico-a-quebec/{first}/"),
    "exhibition panels": ("/expositions/du-mexique-au-quebec/panneaux/",
                          "/es/exposiciones/de-mexico-a-quebec/paneles/"),
    "teaching kit": ("/trousses-pedagogiques/les-dessous-du-textile/",
                     "/es/materiales-pedagogicos/entre-costuras-textil/"),
    "kit filter": ("/trousses-pedagogiques/filtre/format/quiz/", "/es/materiales-pedagogicos/filtro/format/quiz/"),
    "quiz": ("/trousses-pedagogiques/les-dessous-du-textile/quiz/",
             "/es/materiales-pedagogicos/entre-costuras-textil/cuestionario/"),
    "quiz answer key": ("/trousses-pedagogiques/les-dessous-du-textile/quiz/corrige/",
                        "/es/materiales-pedagogicos/entre-costuras-textil/cuestionario/respuestas/"),
    "periodical": ("/archives/solidarite/", "/es/archivo/solidarite/"),
    "periodical issue": ("/archives/solidarite/13-1/", "/es/archivo/solidarite/13-1/"),
    "country": ("/pays/mexique/", "/es/paises/mexico/"),
    "delegations": ("/delegations/", "/es/delegaciones/"),
    "delegation report": ("/delegations/colombie-2024/", "/es/delegaciones/colombia-2024/"),
    "404": ("/404.html", "/es/404.html"),
    "search results": ("/recherche/?q=solidarite", "/es/buscar/?q=recicladores"),
}


def resolve(page, origin, url, lang):
    if "{first}" in url:  # the exhibition's first photo, whatever its id
        page.goto(origin + url.split("{first}")[0])
        return page.locator(".photo-grid a.photo-link").first.get_attribute("href")
    if not url.startswith("nav:"):
        return url
    page.goto(f"{origin}/" if lang == "fr" else f"{origin}/es/")
    href = page.locator("nav.site-nav a").nth(int(url[4:])).get_attribute("href")
    assert href, url
    return href


# Pagefind's interface shows each result's frame first (its parts marked as loading), and fills it in
# once that result's data is loaded: the results are shown when every frame is filled in, its link
# included, and the site's CSS has shown the drawer that holds them.
RESULTS_SHOWN = ("() => { const shown = [...document.querySelectorAll('.pagefind-ui__result')];"
                 " const drawer = document.querySelector('.pagefind-ui__drawer');"
                 " return shown.length > 0 && shown.every(r => r.querySelector('.pagefind-ui__result-link'))"
                 " && !document.querySelector('.pagefind-ui__loading')"
                 " && getComputedStyle(drawer).visibility === 'visible'; }")
