"""Write OFD documents (GB/T 33190) for tests: from a PDF's text layer, or of page images.

:func:`pdf_to_ofd` places every character of a PDF's text layer in an OFD package the way OFD
converters do: one ``TextObject`` per run of characters on a line, its ``Boundary`` in
millimetres, a ``TextCode`` with the first character's baseline and ``DeltaX`` advances for
the rest. :func:`render_ofd` does this to :func:`~gikaireport.testing.pdf.render_pdf`'s output,
so a generated report can be read back from OFD. :func:`scanned_ofd` writes pages that hold
only an image, as a scanned document does.
"""

from __future__ import annotations

import io
import itertools
import statistics
import zipfile
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from gikaireport.model import Report
from gikaireport.readers.pdf_lines import CharBox, build_runs

__all__ = ["pdf_to_ofd"]

_NS = "http://www.ofdspec.org/2016"
_MM = 25.4 / 72
_DESCENT = 0.12

Page = tuple[float, float, str]
"""A page: width and height in millimetres, and its ``<ofd:Layer>`` content."""


def _number(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _text_objects(chars: Sequence[CharBox], height: float, first_id: int) -> list[str]:
    """One TextObject per run of characters, coordinates turned to millimetres, y downwards."""
    objects = []
    glyphs = iter(chars)
    for number, run in enumerate(build_runs(chars, 1)):
        boxes = [next(glyphs) for _ in range(run.chars)]
        top = (height - run.y1) * _MM
        size = (run.y1 - run.y0) * _MM
        baseline = size * (1 - _DESCENT)
        x0 = run.x0 * _MM
        deltas = [(b[1] - a[1]) * _MM for a, b in itertools.pairwise(boxes)]
        text = "".join(box[0] for box in boxes)
        boundary = f"{_number(x0)} {_number(top)} {_number((run.x1 - run.x0) * _MM + 1)} " + (
            f"{_number(size * 1.2)}"
        )
        delta = f" DeltaX={quoteattr(' '.join(_number(d) for d in deltas))}" if deltas else ""
        objects.append(
            f'<ofd:TextObject ID="{first_id + number}" Boundary="{boundary}" Font="2" '
            f'Size="{_number(size)}"><ofd:TextCode X="0" Y="{_number(baseline)}"{delta}>'
            f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
        )
    return objects


def ofd_package(pages: Sequence[Page], resources: dict[str, bytes] | None = None) -> bytes:
    """An OFD package of the given pages (``Doc_0/Pages/Page_N/Content.xml`` each).

    ``resources`` are media files (``Doc_0/Res/NAME``), declared in ``DocumentRes.xml`` with
    the IDs 50, 51 ... in order.
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{_NS}" Version="1.0" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        width, height = (pages[0][0], pages[0][1]) if pages else (210.0, 297.0)
        declared = "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>" if resources else ""
        listing = "".join(
            f'<ofd:Page ID="{index + 100}" BaseLoc="Pages/Page_{index}/Content.xml"/>'
            for index in range(len(pages))
        )
        package.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{_NS}">'
            f"<ofd:CommonData><ofd:MaxUnitID>999999</ofd:MaxUnitID><ofd:PageArea>"
            f"<ofd:PhysicalBox>0 0 {_number(width)} {_number(height)}</ofd:PhysicalBox>"
            f"</ofd:PageArea>{declared}"
            f"</ofd:CommonData><ofd:Pages>{listing}</ofd:Pages></ofd:Document>",
        )
        if resources:
            media = "".join(
                f'<ofd:MultiMedia ID="{50 + index}" Type="Image"><ofd:MediaFile>{escape(path)}'
                "</ofd:MediaFile></ofd:MultiMedia>"
                for index, path in enumerate(resources)
            )
            package.writestr(
                "Doc_0/DocumentRes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{_NS}" BaseLoc="Res">'
                f"<ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>",
            )
        for index, (page_width, page_height, layer) in enumerate(pages):
            package.writestr(
                f"Doc_0/Pages/Page_{index}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{_NS}"><ofd:Area>'
                f"<ofd:PhysicalBox>0 0 {_number(page_width)} {_number(page_height)}"
                f'</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="{index + 1}">'
                f"{layer}</ofd:Layer></ofd:Content></ofd:Page>",
            )
        for path, data in (resources or {}).items():
            package.writestr(f"Doc_0/Res/{path}", data)
    return buffer.getvalue()


def pdf_to_ofd(pdf: bytes) -> bytes:
    """An OFD package with the characters of a PDF's text layer at their places."""
    import pypdfium2 as pdfium

    pages: list[Page] = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_width(), page.get_height()
            textpage = page.get_textpage()
            chars = _chars(textpage)
            textpage.close()
            page.close()
            layer = "".join(_text_objects(chars, height, 1000 * (index + 1)))
            pages.append((width * _MM, height * _MM, layer))
    finally:
        document.close()
    return ofd_package(pages)


def _chars(textpage: Any) -> list[CharBox]:
    """The visible characters of a PDF page with their boxes, in stream order.

    Loose boxes, as an OFD converter places glyphs by the font's full height; a loose box
    far taller or wider than the page's usual ones (some exporters distort it) is replaced by
    the tight box, as the PDF reader does.
    """
    found: list[tuple[int, CharBox]] = []
    for index in range(textpage.count_chars()):
        char = textpage.get_text_range(index, 1)
        if char and char.strip() and char.isprintable():
            left, bottom, right, top = textpage.get_charbox(index, loose=True)
            found.append((index, (char, left, right, bottom, top)))
    if not found:
        return []
    limit = 3 * max(statistics.median(box[4] - box[3] for _, box in found), 1.0)
    chars = []
    for index, box in found:
        if box[4] - box[3] > limit or box[2] - box[1] > limit:
            left, bottom, right, top = textpage.get_charbox(index, loose=False)
            box = (box[0], left, right, bottom, top)
        chars.append(box)
    return chars


def render_ofd(report: Report) -> bytes:
    """Render a report as an OFD document: ``render_pdf``, then :func:`pdf_to_ofd`."""
    from gikaireport.testing.pdf import render_pdf

    return pdf_to_ofd(render_pdf(report))


def scanned_ofd(pages: int = 2, images: Sequence[bytes] = ()) -> bytes:
    """An OFD whose pages hold one image each and no text, as a scanned document's do.

    ``images`` are the pages' pictures (PNG or JPEG bytes), one a page; without them each of
    ``pages`` pages draws the same empty PNG.
    """
    pictures = list(images) or [b"\x89PNG\r\n\x1a\n"] * pages
    content = [
        (
            210.0,
            297.0,
            '<ofd:ImageObject ID="9" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" '
            f'ResourceID="{50 + index}"/>',
        )
        for index in range(len(pictures))
    ]
    resources = {f"image{index}.png": picture for index, picture in enumerate(pictures)}
    return ofd_package(content, resources)
