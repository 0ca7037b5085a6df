"""Make the placeholder photographs and documents the content lists, where missing.

Kits: each resource file ending in ``.placeholder.pdf`` becomes a light PDF
with the page count given in kit.yml (``pages:``), each page saying it is a
placeholder; a kit cover ending in ``.placeholder.jpg`` becomes a
placeholder image.


No real photographs are in the repository. Each photo of an exhibition
whose file name ends in ``.placeholder.jpg`` is generated here, once: a
3000 x 2000 camera-like JPEG (textured, so it weighs what a photo weighs)
that says in large letters that it is a placeholder, with fake camera EXIF
including GPS coordinates, so that the site's metadata stripping is tested
on every build. Existing files are left alone; real photographs simply get
another name in exhibition.yml. The generated files are not committed
(.gitignore), this script is.

Usage: python -m tools.placeholders [content folder]
"""

import hashlib
import os
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "plugins"))
from content_errors import ContentError, inside, load_yaml  # noqa: E402
from content_folders import PLACEHOLDER_MARK as MARK  # noqa: E402  (in a file name: a stand-in made here)
from periodical_archives import catalogue_of, catalogue_rows  # noqa: E402

SIZE = (3000, 2000)
SUFFIX = MARK + "jpg"
PDF_SUFFIX = MARK + "pdf"
# The fields of the data files read only here, for a placeholder PDF's number of pages.
PAGE_COUNT_FIELDS = {"resource": "pages", "delegation": "report_pages"}


def fake_exif(seed):
    """Camera-like EXIF with a made-up GPS point, so that stripping it is tested."""
    exif = Image.Exif()
    exif[0x010F] = "Placeholder Camera Co."  # Make
    exif[0x0110] = "PX-3000"  # Model
    exif[0x0132] = "2020:02:14 10:30:00"  # DateTime
    exif[0x8825] = {  # GPSInfo: a made-up point, so stripping is tested
        1: "N", 2: (19.0, 2.0, float(seed % 60)), 3: "W", 4: (98.0, 12.0, float(seed % 50)),
    }
    return exif


def fonts(scale=1.0):
    """A system font with accents if there is one, else Pillow's own (then without accents)."""
    big, small = max(8, round(190 * scale)), max(6, round(90 * scale))
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, big), ImageFont.truetype(name, small), str
        except OSError:
            continue
    plain = lambda text: unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # noqa: E731
    return ImageFont.load_default(size=big), ImageFont.load_default(size=small), plain


def make(path, label, seed, size=SIZE):
    """A placeholder photograph at `size` (camera-size by default; tests ask for small ones)."""
    scale = size[0] / SIZE[0]
    at = lambda *xy: tuple(round(v * scale) for v in xy)  # noqa: E731  (the layout is drawn for SIZE)
    base = Image.linear_gradient("L").resize(size).rotate(seed % 360, expand=False)
    hue = [(seed >> shift) % 120 + 60 for shift in (0, 8, 16)]
    colour = Image.merge("RGB", [base.point(lambda v, h=h: (v * h) // 255 + 40) for h in hue])
    noise = Image.effect_noise(size, 40).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    picture = Image.blend(colour, noise, 0.25)
    draw = ImageDraw.Draw(picture)
    big, small, text = fonts(scale)
    draw.rectangle(at(150, 620, 2850, 1380), fill=(255, 255, 255))
    draw.text(at(1500, 820), text("ESPACE RÉSERVÉ"), font=big, fill=(20, 20, 20), anchor="mm")
    draw.text(at(1500, 1010), text("MARCADOR DE POSICIÓN · PLACEHOLDER"), font=small, fill=(20, 20, 20), anchor="mm")
    draw.text(at(1500, 1200), text(label), font=small, fill=(155, 27, 31), anchor="mm")
    picture.save(path, "JPEG", quality=88, exif=fake_exif(seed).tobytes())


def make_pdf(path, label, pages):
    """A light placeholder PDF with the page count the real document will have."""
    big, small, text = fonts()
    sheets = []
    for number in range(1, pages + 1):
        sheet = Image.new("L", (420, 595), 255)  # A4 at 50 dpi: small files
        draw = ImageDraw.Draw(sheet)
        draw.text((210, 250), text("ESPACE RÉSERVÉ"), font=small.font_variant(size=30), fill=0, anchor="mm")
        draw.text((210, 290), text("PLACEHOLDER"), font=small.font_variant(size=20), fill=0, anchor="mm")
        draw.text((210, 330), text(f"{label} · {number}/{pages}"), font=small.font_variant(size=14), fill=0,
                  anchor="mm")
        sheets.append(sheet)
    sheets[0].save(path, "PDF", save_all=True, append_images=sheets[1:], resolution=50)


def data_files(content, kind, file_name):
    """(folder, name, data) of each readable content/<kind>/<name>/<file_name>; a file that does not
    read is left alone (the build names it and says how to fix it)."""
    root = os.path.join(content, kind)
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        data_path = os.path.join(root, name, file_name)
        if os.path.exists(data_path):
            try:
                yield os.path.join(root, name), name, load_yaml(data_path)
            except ContentError:
                continue


def entries(value):
    """The mappings of a list read from a data file (anything else is the build's to report)."""
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def placeholder_path(folder, file, suffix):
    """Where to make a placeholder a data file names: only inside the item's own folder, and only
    if it is missing."""
    if not str(file).endswith(suffix):
        return None
    try:
        path = inside(folder, file, folder)
    except ContentError:
        return None
    return None if os.path.exists(path) else path


def kit_placeholders(content):
    """The placeholder PDFs the kits list and do not have yet."""
    made = 0
    for folder, name, data in data_files(content, "kits", "kit.yml"):
        cover = placeholder_path(folder, data.get("cover") or "", SUFFIX)
        if cover:
            seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
            make(cover, f"{name} · couverture", seed)
            made += 1
        for resource in entries(data.get("resources")):
            files = resource.get("files") if isinstance(resource.get("files"), dict) else {}
            for file in files.values():
                path = placeholder_path(folder, file, PDF_SUFFIX)
                if path:
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    pages = page_count(resource.get(PAGE_COUNT_FIELDS["resource"]), 4)
                    make_pdf(path, os.path.basename(str(file)).split(".")[0], pages)
                    made += 1
    return made


def page_count(value, default):
    """A placeholder PDF's page count as its data file gives it (1 to 500), else `default`."""
    try:
        return max(1, min(int(value), 500))
    except (TypeError, ValueError):
        return default


def archive_placeholders(content, pages=12):
    """Issues of a periodical's catalogue whose PDF is a placeholder."""
    made = 0
    root = os.path.join(content, "archives")
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        try:
            rows = list(catalogue_rows(catalogue_of(os.path.join(root, name))))
        except ContentError:
            continue
        for _, row in rows:
            path = placeholder_path(os.path.join(root, name), row.get("pdf", ""), PDF_SUFFIX)
            if path:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                make_pdf(path, f"{name} {row.get('volume')}-{row.get('number')}", pages)
                made += 1
    return made


def delegation_placeholders(content):
    """A delegation's placeholder report (a PDF) and gallery photos."""
    made = 0
    for folder, name, data in data_files(content, "delegations", "delegation.yml"):
        report = placeholder_path(folder, data.get("report") or "", PDF_SUFFIX)
        if report:
            os.makedirs(os.path.dirname(report), exist_ok=True)
            make_pdf(report, f"{name} rapport", page_count(data.get(PAGE_COUNT_FIELDS["delegation"]), 24))
            made += 1
        made += photo_placeholders(folder, name, data)
    return made


def photo_placeholders(folder, name, data):
    """The placeholder photos a data file lists and its folder does not have yet."""
    made = 0
    for number, photo in enumerate(entries(data.get("photos")), 1):
        path = placeholder_path(folder, photo.get("file", ""), SUFFIX)
        if path:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            seed = os.path.join(folder, str(photo["file"]))  # as named in the data file: the same on every machine
            make(path, f"{name} · photo {number}", int(hashlib.sha256(seed.encode()).hexdigest()[:8], 16))
            made += 1
    return made


def main(content="content"):
    """`make placeholders`: make every placeholder the content lists and lacks."""
    made = kit_placeholders(content) + archive_placeholders(content) + delegation_placeholders(content)
    for folder, name, data in data_files(content, "exhibitions", "exhibition.yml"):
        made += photo_placeholders(folder, name, data)
    if made:
        print(f"{made} fichier(s) provisoire(s) créé(s) dans {content}/ (photos et documents d'exemple, jamais "
              "publiés pour de vrai : voir « Placeholders » dans le README).")


if __name__ == "__main__":
    main(*sys.argv[1:])
