"""What the pages say of the organisation's documents is what its files say, nothing more (issue 16):
no licence or duration a kit.yml does not give, a stand-in document says it is one and gives no
page count, what is still to come says so and offers nothing to download, an exhibition without
photos says its gallery is coming, and draft rows of a catalogue stay off the site (only the status
report lists them). Each rule is read from the content as it is, so that the organisation filling
in a licence or a photo keeps these tests true."""

import re

import yaml

from sitebuild import ROOT, file_of, page_at
from tools import status

CONTENT = ROOT / "content"


def french_page(site, pages, folder, section):
    """The French page of a content folder (its index.fr.md's slug under `section`)."""
    slug = re.search(r"^slug: *(\S+)", (folder / "index.fr.md").read_text(encoding="utf-8"), re.M).group(1)
    return page_at(site, pages, f"/{section}/{slug}/"), f"/{section}/{slug}/"


def kits():
    return [(folder, yaml.safe_load((folder / "kit.yml").read_text(encoding="utf-8")))
            for folder in sorted((CONTENT / "kits").iterdir()) if (folder / "kit.yml").is_file()]


def test_a_kit_shows_a_licence_and_a_duration_only_when_its_file_gives_them(site, pages):
    assert kits()
    for folder, data in kits():
        kit, _ = french_page(site, pages, folder, "trousses-pedagogiques")
        facts = kit.select_one(".kit-facts").get_text(" ", strip=True)
        assert bool(kit.find("a", rel="license")) == bool(data.get("licence")), folder.name
        assert ('"license"' in str(kit.find("script", type="application/ld+json"))) == bool(data.get("licence"))
        assert ("minutes" in facts) == bool(data.get("time_minutes")), (folder.name, facts)


def test_a_resource_without_files_is_to_come_with_nothing_to_download(site, pages):
    for folder, data in kits():
        kit, _ = french_page(site, pages, folder, "trousses-pedagogiques")
        for resource, shown in zip(data["resources"], kit.select("li.resource"), strict=True):
            assert ("À paraître" in shown.get_text()) == (not resource.get("files")), (folder.name, resource["id"])
            assert bool(shown.select("a[download]")) == bool(resource.get("files")), (folder.name, resource["id"])


def test_a_stand_in_document_says_so_beside_its_link_and_gives_no_page_count(site, pages):
    seen = 0
    for page in pages.values():
        for link in page.select("a.download, p.download a"):
            holder = link if "download" in (link.get("class") or []) else link.parent
            text = " ".join(holder.get_text(" ", strip=True).split())
            stand_in = ".placeholder." in link["href"]
            said = holder.select_one(".provisional")
            assert bool(said) == stand_in, (link["href"], text)
            assert not said or said.get_text() in ("document provisoire", "documento provisional"), text
            if stand_in:
                seen += 1
                assert not re.search(r"\d+ pages?\b", text), (link["href"], text)
    assert seen, "the real content still has stand-ins: the rule was checked on some"


def test_an_exhibition_without_photos_says_its_gallery_is_coming(site, pages):
    checked = 0
    for folder in sorted((CONTENT / "exhibitions").iterdir()):
        data = yaml.safe_load((folder / "exhibition.yml").read_text(encoding="utf-8"))
        page, url = french_page(site, pages, folder, "expositions")
        coming = not data.get("photos")
        assert ("galerie en ligne est à venir" in page.select_one("main").get_text()) == coming, url
        assert bool(page.select(".photo-grid")) == (not coming), url
        assert (file_of(site, url + "panneaux/") is None) == coming, url
        checked += coming
    assert checked, "the real content has an exhibition still without photos: the rule was checked on one"


def test_draft_rows_of_a_catalogue_stay_off_the_site_and_the_status_lists_them(site, pages):
    drafts = 0
    for folder in sorted((CONTENT / "archives").iterdir()):
        publication, url = french_page(site, pages, folder, "archives")
        listed = {a["href"] for a in publication.select(".issue-list a")}
        for issue in yaml.safe_load((folder / "catalogue.yml").read_text(encoding="utf-8"))["issues"]:
            issue_url = f"{url}{issue['volume']}-{issue['number']}/"
            draft = issue.get("status") == "draft"
            drafts += draft
            assert (issue_url in listed) == (not draft) and (file_of(site, issue_url) is None) == draft, issue_url
    collected = status.collect()
    assert drafts and len(collected.unpublished_rows) == drafts, collected.unpublished_rows
    confirm = [entry.line() for entry in collected.to_confirm]
    for folder, data in kits():
        assert any(f"{folder.name}/kit.yml : la licence à confirmer" in line for line in confirm) == \
            (not data.get("licence")), folder.name
