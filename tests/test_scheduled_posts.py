"""Scheduled posts: a post dated in the future appears with the first build on or after its date."""

import datetime

from sitebuild import build, make_content

POST = "Title: {title}\nDate: {date}\nSummary: Résumé.\n{extra}\nTexte de {title}.\n"


def post(title, date, extra=""):
    return POST.format(title=title, date=date, extra=extra)


def published(output, slug, title):
    """Whether a visitor can find the post: its page, the news list and the feed."""
    on_page = (output / slug / "index.html").is_file()
    in_list = title in (output / "nouvelles" / "index.html").read_text()
    in_feed = title in (output / "flux" / "atom.xml").read_text()
    in_sitemap = f"/{slug}/" in (output / "sitemap.xml").read_text()
    assert on_page == in_list == in_feed == in_sitemap, (on_page, in_list, in_feed, in_sitemap)
    return on_page


def test_a_future_post_waits_for_its_date_even_when_the_content_cache_remembers_it(tmp_path):
    content = make_content(tmp_path, {
        "news/2026-11-20-deja-paru.fr.md": post("Déjà paru", "2026-11-20"),
        "news/2026-12-15-programme.fr.md": post("Programmé", "2026-12-15 09:00"),
        "news/2026-11-01-brouillon.fr.md": post("Brouillon", "2026-11-01", "Status: draft\n"),
    })
    output, cache = tmp_path / "output", tmp_path / "cache"
    before = build(output, content=content, cache=cache, verbose=True, LOAD_CONTENT_CACHE=True,
                   SCHEDULE_NOW="2026-12-01")
    assert before.returncode == 0, before.stdout
    assert published(output, "deja-paru", "Déjà paru")
    assert not published(output, "programme", "Programmé")
    assert not published(output, "brouillon", "Brouillon")
    assert "Programmé pour le 2026-12-15" in before.stdout

    # The same files, the same cache, a build on the day: the post is out.
    after = build(output, content=content, cache=cache, LOAD_CONTENT_CACHE=True,
                  SCHEDULE_NOW="2026-12-15T10:00:00-05:00")
    assert after.returncode == 0, after.stdout
    assert published(output, "programme", "Programmé")
    assert published(output, "deja-paru", "Déjà paru")
    assert not published(output, "brouillon", "Brouillon")


def test_by_default_the_schedule_follows_the_clock(tmp_path):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    content = make_content(tmp_path, {
        "news/2025-01-10-hier.fr.md": post("Hier", "2025-01-10"),
        f"news/{tomorrow}-demain.fr.md": post("Demain", tomorrow.isoformat()),
    })
    result = build(tmp_path / "output", content=content)
    assert result.returncode == 0, result.stdout
    assert published(tmp_path / "output", "hier", "Hier")
    assert not published(tmp_path / "output", "demain", "Demain")
