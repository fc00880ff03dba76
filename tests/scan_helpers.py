"""Scans made in the tests: PDF pages rasterised, then skewed, noised and compressed."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageFilter


def rasterise(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of a PDF as a grey image at ``dpi``."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        return [
            document[index].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            for index in range(len(document))
        ]
    finally:
        document.close()


def degrade(
    page: Image.Image,
    *,
    skew: float = 0.0,
    noise: float = 0.0,
    jpeg: int | None = None,
    seed: int = 0,
) -> Image.Image:
    """A page as a scanner leaves it: rotated by ``skew`` degrees, grainy, JPEG-compressed."""
    if skew:
        page = page.rotate(skew, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    if noise:
        # sensor grain (Gaussian, ``noise`` the standard deviation over 255) and a few specks
        rng = random.Random(seed)
        grain = Image.effect_noise(page.size, noise * 255)
        page = Image.blend(page, grain, 0.25).point(lambda v: min(255, int(v * 1.33)))
        pixels = page.load()
        assert pixels is not None
        width, height = page.size
        for _ in range(width * height // 20_000):
            pixels[rng.randrange(width), rng.randrange(height)] = 0
        page = page.filter(ImageFilter.GaussianBlur(0.5))
    if jpeg is not None:
        buffer = io.BytesIO()
        page.save(buffer, "JPEG", quality=jpeg)
        with Image.open(io.BytesIO(buffer.getvalue())) as decoded:
            # a fresh image: a decoded JPEG's encoder settings would leak into a TIFF
            page = Image.frombytes("L", decoded.size, decoded.convert("L").tobytes())
    return page


def image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF (a scan): one page per image, no text layer."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=pages[1:], resolution=dpi)
    return buffer.getvalue()


def tiff(pages: list[Image.Image]) -> bytes:
    """A multi-page TIFF."""
    buffer = io.BytesIO()
    pages[0].save(buffer, "TIFF", save_all=True, append_images=pages[1:])
    return buffer.getvalue()
