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

import csv
import hashlib
import os
import sys
import unicodedata

import yaml
from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = (3000, 2000)
SUFFIX = ".placeholder.jpg"


def fake_exif(seed):
    exif = Image.Exif()
    exif[0x010F] = "Placeholder Camera Co."  # Make
    exif[0x0110] = "PX-3000"  # Model
    exif[0x0132] = "2020:02:14 10:30:00"  # DateTime
    exif[0x8825] = {  # GPSInfo: a made-up point, so stripping is tested
        1: "N", 2: (19.0, 2.0, float(seed % 60)), 3: "W", 4: (98.0, 12.0, float(seed % 50)),
    }
    return exif


def fonts():
    """A system font with accents if there is one, else Pillow's own (then without accents)."""
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, 190), ImageFont.truetype(name, 90), str
        except OSError:
            continue
    plain = lambda text: unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # noqa: E731
    return ImageFont.load_default(size=190), ImageFont.load_default(size=90), plain


def make(path, label, seed):
    base = Image.linear_gradient("L").resize(SIZE).rotate(seed % 360, expand=False)
    hue = [(seed >> shift) % 120 + 60 for shift in (0, 8, 16)]
    colour = Image.merge("RGB", [base.point(lambda v, h=h: (v * h) // 255 + 40) for h in hue])
    noise = Image.effect_noise(SIZE, 40).convert("RGB").filter(ImageFilter.GaussianBlur(1))
    picture = Image.blend(colour, noise, 0.25)
    draw = ImageDraw.Draw(picture)
    big, small, text = fonts()
    draw.rectangle((150, 620, 2850, 1380), fill=(255, 255, 255))
    draw.text((1500, 820), text("ESPACE RÉSERVÉ"), font=big, fill=(20, 20, 20), anchor="mm")
    draw.text((1500, 1010), text("MARCADOR DE POSICIÓN · PLACEHOLDER"), font=small, fill=(20, 20, 20), anchor="mm")
    draw.text((1500, 1200), text(label), font=small, fill=(155, 27, 31), anchor="mm")
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
        draw.text((210, 330), text(f"{label} · {number}/{pages}"), font=small.font_variant(size=14), fill=0, anchor="mm")
        sheets.append(sheet)
    sheets[0].save(path, "PDF", save_all=True, append_images=sheets[1:], resolution=50)


def data_files(content, kind, file_name):
    """(folder, name, data) of each content/<kind>/<name>/<file_name>."""
    root = os.path.join(content, kind)
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        data_path = os.path.join(root, name, file_name)
        if os.path.exists(data_path):
            with open(data_path, encoding="utf-8") as source:
                yield os.path.join(root, name), name, yaml.safe_load(source) or {}


def kit_placeholders(content):
    made = 0
    for folder, name, data in data_files(content, "kits", "kit.yml"):
        root = os.path.dirname(folder)
        cover = str(data.get("cover") or "")
        if cover.endswith(SUFFIX) and not os.path.exists(os.path.join(root, name, cover)):
            seed = int(hashlib.sha256(name.encode()).hexdigest()[:8], 16)
            make(os.path.join(root, name, cover), f"{name} · couverture", seed)
            made += 1
        for resource in data.get("resources") or []:
            for file in (resource.get("files") or {}).values():
                path = os.path.join(root, name, str(file))
                if str(file).endswith(".placeholder.pdf") and not os.path.exists(path):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    make_pdf(path, os.path.basename(str(file)).split(".")[0], int(resource.get("pages") or 4))
                    made += 1
    return made


def archive_placeholders(content, pages=12):
    """Issues of a periodical's catalogue.csv whose PDF is a placeholder."""
    made = 0
    root = os.path.join(content, "archives")
    for name in sorted(os.listdir(root)) if os.path.isdir(root) else []:
        catalogue = os.path.join(root, name, "catalogue.csv")
        if not os.path.exists(catalogue):
            continue
        with open(catalogue, encoding="utf-8-sig", newline="") as source:
            for row in csv.DictReader(source):
                file = (row.get("pdf") or "").strip()
                path = os.path.join(root, name, file)
                if file.endswith(".placeholder.pdf") and not os.path.exists(path):
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    make_pdf(path, f"{name} {row.get('volume')}-{row.get('number')}", pages)
                    made += 1
    return made


def delegation_placeholders(content):
    """A delegation's placeholder report (a PDF) and gallery photos."""
    made = 0
    for folder, name, data in data_files(content, "delegations", "delegation.yml"):
        report = str(data.get("report") or "")
        if report.endswith(".placeholder.pdf") and not os.path.exists(os.path.join(folder, report)):
            os.makedirs(os.path.dirname(os.path.join(folder, report)), exist_ok=True)
            make_pdf(os.path.join(folder, report), f"{name} rapport", int(data.get("report_pages") or 24))
            made += 1
        for number, photo in enumerate(data.get("photos") or [], 1):
            path = os.path.join(folder, str(photo.get("file", "")))
            if path.endswith(SUFFIX) and not os.path.exists(path):
                os.makedirs(os.path.dirname(path), exist_ok=True)
                make(path, f"{name} · photo {number}", int(hashlib.sha256(path.encode()).hexdigest()[:8], 16))
                made += 1
    return made


def main(content="content"):
    made = kit_placeholders(content) + archive_placeholders(content) + delegation_placeholders(content)
    for folder, name, data in data_files(content, "exhibitions", "exhibition.yml"):
        root = os.path.dirname(folder)
        for number, photo in enumerate(data.get("photos") or [], 1):
            file = str(photo.get("file", ""))
            path = os.path.join(root, name, file)
            if not file.endswith(SUFFIX) or os.path.exists(path):
                continue
            os.makedirs(os.path.dirname(path), exist_ok=True)
            seed = int(hashlib.sha256(path.encode()).hexdigest()[:8], 16)
            make(path, f"{name} · photo {number}", seed)
            made += 1
    if made:
        print(f"{made} placeholder file(s) made under {content}/")


if __name__ == "__main__":
    main(*sys.argv[1:])
