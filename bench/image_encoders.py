"""`make bench`, part four: the image encoders' settings, bytes against time. For each AVIF speed and
WebP method tried, the time to encode every width of a few of the site's photos (the placeholders,
camera-sized and textured like photographs) and the bytes written, against the settings in use
(responsive_images.ENCODER_OPTIONS), at the qualities in use. Each setting is run RUNS times,
interleaved with the others, and the median kept.
"""

import io
import statistics
import time

from PIL import Image, ImageOps

from bench.build_times import ROOT

RUNS = 3
PHOTOS = 3
TRIED = {"AVIF": [{"speed": s} for s in (4, 6, 7, 8, 9)], "WEBP": [{"method": m} for m in (2, 4, 6)]}
EXTENSIONS = {"AVIF": "avif", "WEBP": "webp"}


def _resized(path, widths):
    with Image.open(path) as original:
        pixels = ImageOps.exif_transpose(original).convert("RGB")
    return [pixels.resize((w, round(pixels.height * w / pixels.width)), Image.Resampling.LANCZOS)
            if w < pixels.width else pixels for w in widths]


def encode(images, pil_format, options, quality):
    """(seconds, bytes) to encode `images` with these options."""
    started, size = time.perf_counter(), 0
    for image in images:
        buffer = io.BytesIO()
        image.save(buffer, pil_format, quality=quality, **options)
        size += buffer.tell()
    return time.perf_counter() - started, size


def main():
    import tools.build  # noqa: F401  (puts the plugins on the import path)
    from responsive_images import CONTRACT, ENCODER_OPTIONS

    settings = CONTRACT.settings
    photos = sorted((ROOT / "content" / "exhibitions").rglob("*.placeholder.jpg"))[:PHOTOS]
    images = [image for path in photos for image in _resized(path, settings["IMAGE_WIDTHS"])]
    for pil_format, candidates in TRIED.items():
        quality = settings["IMAGE_QUALITY"][EXTENSIONS[pil_format]]
        timings = {i: [] for i in range(len(candidates))}
        sizes = {}
        for _ in range(RUNS):
            for number, options in enumerate(candidates):
                seconds, size = encode(images, pil_format, options, quality)
                timings[number].append(seconds)
                sizes[number] = size
        used = candidates.index(ENCODER_OPTIONS[pil_format]) if ENCODER_OPTIONS[pil_format] in candidates else 0
        print(f"{pil_format} at quality {quality}, {len(photos)} photos x {len(settings['IMAGE_WIDTHS'])} widths "
              f"(median of {RUNS} interleaved runs; ratios against {ENCODER_OPTIONS[pil_format]}, in use):")
        for number, options in enumerate(candidates):
            seconds = statistics.median(timings[number])
            print(f"  {options}: {seconds:6.2f} s ({seconds / statistics.median(timings[used]):4.2f}), "
                  f"{sizes[number] / 1000:8.0f} kB ({sizes[number] / sizes[used]:4.2f})"
                  + ("   <- in use" if number == used else ""))


if __name__ == "__main__":
    main()
