"""Render reports as PDF files, through DOCX and LibreOffice, for tests and benchmarks.

:func:`render_pdf` lays a report out as the national template does
(:func:`gikaireport.testing.docx.render_docx`) and has LibreOffice export it to PDF, which is
how many published reports are made; with ``password`` the PDF is encrypted.
:func:`docx_to_pdf` does the second step for any DOCX (the blank national template, say).
:func:`html_to_pdf` prints an HTML page with headless Chromium, as a browser's "Save as PDF"
does (page furniture: the date, title, address and page numbers; tables split across pages
without a top border). :func:`turn_pages` prints a PDF's pages sideways or upside down, as
some publishers do, and :func:`two_up` two pages to a sheet;
:func:`ocr_layer` makes pages look scanned and OCRed (a page image under invisible text), or
scanned without a text layer.

LibreOffice (``soffice`` or ``libreoffice``) must be on ``PATH``
(:class:`~gikaireport.errors.MissingDependencyError` otherwise), with a Chinese font installed
(fonts-noto-cjk or another), or the PDF has no usable text.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gikaireport.errors import MissingDependencyError
from gikaireport.model import Report
from gikaireport.readers.doc import convert
from gikaireport.testing.docx import render_docx

__all__ = ["render_pdf"]


def pdf_export_filter(password: str | None = None) -> str:
    """Return LibreOffice's ``--convert-to`` argument for PDF, encrypting with ``password``."""
    if password is None:
        return "pdf:writer_pdf_Export"
    options = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "DocumentOpenPassword": {"type": "string", "value": password},
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options)


def docx_to_pdf(data: bytes, *, password: str | None = None) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice (encrypted when ``password`` is set)."""
    return convert(data, "<DOCX>", "docx", pdf_export_filter(password))


def render_pdf(report: Report, *, password: str | None = None) -> bytes:
    """Render a report as PDF bytes: ``render_docx``, then LibreOffice."""
    return docx_to_pdf(render_docx(report), password=password)


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable on ``PATH``, or ``None``."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def html_to_pdf(
    html: bytes, *, page_css: str = "", furniture: bool = True, timeout: float = 120
) -> bytes:
    """Print an HTML page to PDF with headless Chromium.

    Args:
        html: the page (``render_html`` output, say).
        page_css: CSS added to the page (``@page { size: A5; }`` to split the tables).
        furniture: print Chromium's header and footer (date, title, address, page numbers).
        timeout: seconds before Chromium is stopped.

    Raises:
        MissingDependencyError: Chromium is not installed.

    """
    chromium = find_chromium()
    if chromium is None:
        raise MissingDependencyError("<HTML>", "Chromium is not installed (chromium on PATH)")
    with tempfile.TemporaryDirectory(prefix="gikaireport-chromium-") as workdir:
        page = Path(workdir) / "page.html"
        style = f"<style>{page_css}</style>".encode()
        page.write_bytes(html.replace(b"</head>", style + b"</head>", 1) if page_css else html)
        target = Path(workdir) / "page.pdf"
        args = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={workdir}/profile",
            f"--print-to-pdf={target}",
        ]
        if not furniture:
            args.append("--no-pdf-header-footer")
        subprocess.run([*args, page.as_uri()], capture_output=True, timeout=timeout, check=False)
        if not target.exists():
            raise MissingDependencyError("<HTML>", "Chromium did not print the page to PDF")
        return target.read_bytes()


def turn_pages(data: bytes, degrees: int, *, content: bool = True) -> bytes:
    """Turn every page of a PDF by ``degrees`` (90, 180 or 270 counter-clockwise), with pypdf.

    With ``content`` the page content itself is drawn turned on a page of the turned size (a
    transformation put before the page's content: the text matrix is turned, as for a
    landscape table on a portrait page); without it the page gets a ``/Rotate`` entry and its
    content is unchanged.
    """
    from pypdf import PdfWriter, Transformation
    from pypdf.generic import RectangleObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    for page in writer.pages:
        if not content:
            page.rotate(degrees)
            continue
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        turn = Transformation().rotate(degrees)
        corners = [
            turn.apply_on((x, y)) for x, y in ((0, 0), (width, 0), (0, height), (width, height))
        ]
        left, bottom = min(x for x, _ in corners), min(y for _, y in corners)
        right, top = max(x for x, _ in corners), max(y for _, y in corners)
        page.add_transformation(turn.translate(-left, -bottom))
        page.mediabox = RectangleObject((0, 0, right - left, top - bottom))
        page.cropbox = page.mediabox
    return _written(writer)


def two_up(data: bytes) -> bytes:
    """Print a PDF two pages to a sheet, side by side (2-up imposition), with pypdf."""
    from pypdf import PdfReader, PdfWriter, Transformation

    pages = PdfReader(io.BytesIO(data)).pages
    writer = PdfWriter()
    for first in range(0, len(pages), 2):
        width = float(pages[first].mediabox.width)
        height = float(pages[first].mediabox.height)
        sheet = writer.add_blank_page(width=2 * width, height=height)
        sheet.merge_transformed_page(pages[first], Transformation())
        if first + 1 < len(pages):
            sheet.merge_transformed_page(pages[first + 1], Transformation().translate(width, 0))
    return _written(writer)


def _written(writer: Any) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def ocr_layer(data: bytes, pages: Sequence[int] | None = None, *, keep_text: bool = True) -> bytes:
    """Make pages (1-based numbers; all by default) look scanned, with pypdfium2.

    Each page is rendered to an image that becomes the page's content; with ``keep_text``
    its text stays over the image, invisible (render mode 3), as an OCR tool leaves it;
    without, the page has no text at all (a scan without a text layer).
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument(data)
    for index, page in enumerate(document, start=1):
        if pages is not None and index not in pages:
            continue
        width, height = page.get_size()
        picture = page.render(scale=1.5).to_pil()
        for obj in list(page.get_objects(max_depth=1)):
            if keep_text and obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                pdfium_c.FPDFTextObj_SetTextRenderMode(
                    obj.raw, pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
                )
            else:
                page.remove_obj(obj)
        image = pdfium.PdfImage.new(document)
        image.set_bitmap(pdfium.PdfBitmap.from_pil(picture))
        image.set_matrix(pdfium.PdfMatrix().scale(width, height))
        page.insert_obj(image)
        page.gen_content()
    return _saved(document)


def _saved(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
