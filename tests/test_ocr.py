"""The OCR reader on scans made here: generated reports and the corpus PDF, rasterised.

OCR costs seconds per page, so every scan is rendered and read once per module (fixtures)
and the sample is small and fixed. The measure that matters is the count of silently wrong
numbers: a cell that reads as a number, differs from the printed one, and carries no
``ocr-doubtful`` deviation. It must be 0.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from PIL import Image

import gikaireport
from gikaireport.errors import ReadError
from gikaireport.model import CellStatus, Report
from gikaireport.readers.doc import find_soffice
from gikaireport.testing import with_cell
from report_factory import make_report
from scan_helpers import degrade, image_pdf, rasterise, tiff

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")

CORPUS_PDF = "hzq2024_working.pdf"
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def score(expected: Report, got: Report) -> tuple[int, list[str], list[str]]:
    """Cells read right, cells silently wrong, and cells wrong but flagged."""
    doubtful = {c for d in got.deviations if d.kind == "ocr-doubtful" for c in d.cells}
    right, silent, flagged = 0, [], []
    for cell_id, cell in expected.cells().items():
        read = got.cell(cell_id)
        if (read.status, read.value) == (cell.status, cell.value):
            right += 1
        elif read.status is CellStatus.NUMBER and cell_id not in doubtful:
            silent.append(f"{cell_id}: printed {cell.raw!r}, read {read.raw!r} ({read.source})")
        else:
            flagged.append(cell_id)
    return right, silent, flagged


# --- the real published PDF, scanned ------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_scan(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Report, Report]:
    """The corpus PDF read from its text layer, and read again from its pages at 200 dpi."""
    original = corpus / "pdf" / CORPUS_PDF
    path = tmp_path_factory.mktemp("scan") / "scan.pdf"
    path.write_bytes(image_pdf(rasterise(original.read_bytes(), 200), 200))
    return gikaireport.read(original), gikaireport.read(path)


def test_corpus_pdf_scanned_at_200_dpi_reads_every_cell(corpus_scan: tuple[Report, Report]) -> None:
    text_layer, report = corpus_scan
    right, silent, flagged = score(text_layer, report)
    assert (right, silent, flagged) == (200, [], [])
    assert report.source_format == "pdf"
    assert report.meta.year == text_layer.meta.year
    confidences = [cell.source.confidence for cell in report.cells().values() if cell.source]
    assert len(confidences) == 200 and all(c is not None and 0 < c <= 1 for c in confidences)


# --- generated reports, scanned -------------------------------------------------------------


@pytest.fixture(scope="module")
def printed() -> tuple[Report, bytes]:
    """One consistent report with small and wide numbers, rendered to PDF by LibreOffice once."""
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    from gikaireport.testing.pdf import render_pdf

    report = make_report(12)
    cells = report.cells()
    total, upheld = (cells[f"review_litigation.review.{f}"].value for f in ("total", "upheld"))
    assert isinstance(total, int) and isinstance(upheld, int)
    for cell_id, value in {
        "proactive.licensing.decisions": 30011,
        "proactive.normative_documents.in_force": 1204,
        "review_litigation.review.upheld": 3001,
        "review_litigation.review.total": total - upheld + 3001,
    }.items():
        report = with_cell(report, cell_id, value)
    return report, render_pdf(report)


def _tiff_of(pages: list[Image.Image]) -> bytes:
    return tiff([page.copy() for page in pages])


def _mixed_pdf(text_pdf: bytes, scanned: bytes) -> bytes:
    """The first page with its text layer, the others as images."""
    import pypdfium2 as pdfium

    first = pdfium.PdfDocument(text_pdf)
    images = pdfium.PdfDocument(scanned)
    out = pdfium.PdfDocument.new()
    out.import_pages(first, [0])
    out.import_pages(images, list(range(1, len(images))))
    buffer = io.BytesIO()
    out.save(buffer)
    for document in (first, images, out):
        document.close()
    return buffer.getvalue()


SCANS = {
    "150 dpi, skew +1°, noise, JPEG 70, multi-page TIFF": (150, 1.0, 0.08, 70, "tiff"),
    "200 dpi grey, skew -1°, text page then image pages": (200, -1.0, 0.0, None, "mixed"),
    "300 dpi grey, JPEG 85, image-only PDF": (300, 0.0, 0.0, 85, "pdf"),
}


@needs_soffice
@pytest.mark.parametrize("condition", list(SCANS))
def test_generated_scan_reads_back(
    printed: tuple[Report, bytes], condition: str, tmp_path: Path
) -> None:
    report, pdf = printed
    dpi, skew, noise, jpeg, container = SCANS[condition]
    pages = [
        degrade(page, skew=skew, noise=noise, jpeg=jpeg, seed=index)
        for index, page in enumerate(rasterise(pdf, dpi))
    ]
    if container == "tiff":
        path, data = tmp_path / "scan.tif", _tiff_of(pages)
    elif container == "mixed":
        path, data = tmp_path / "scan.pdf", _mixed_pdf(pdf, image_pdf(pages, dpi))
    else:
        path, data = tmp_path / "scan.pdf", image_pdf(pages, dpi)
    path.write_bytes(data)
    got = gikaireport.read(path)
    right, silent, flagged = score(report, got)
    assert silent == []
    assert right >= 0.99 * len(report.cells()), flagged
    assert got.meta.year == report.meta.year


# --- findings, JSON ---------------------------------------------------------------------------


def test_doubtful_reading_becomes_a_finding_naming_the_cell_and_confidence() -> None:
    from gikaireport.assemble.confidence import doubtful_readings
    from gikaireport.model import Cell, Source

    low, high = Source(page=2, confidence=0.41), Source(page=2, confidence=0.99)
    cell = Cell("applications.new_received.total", CellStatus.NUMBER, 3, "3", low)
    sure = Cell("applications.carried_over.total", CellStatus.NUMBER, 0, "0", high)
    (deviation,) = doubtful_readings([cell, sure])
    assert deviation.kind == "ocr-doubtful" and deviation.cells == (cell.id,)
    assert "0.41" in deviation.message and deviation.found == "3"
    assert "OCR confidence 0.41" in str(deviation.source)


def test_confidence_survives_json(corpus_scan: tuple[Report, Report]) -> None:
    import jsonschema

    report = corpus_scan[1]
    data = json.loads(gikaireport.to_json(report))
    jsonschema.validate(data, gikaireport.json_schema())
    cell = data["cells"]["proactive.punishment.decisions"]
    assert 0 < cell["source"]["confidence"] <= 1
    assert gikaireport.from_json(gikaireport.to_json(report)) == report


# --- images, errors -----------------------------------------------------------------------------


def test_png_page_of_a_table(corpus: Path, tmp_path: Path) -> None:
    page = rasterise((corpus / "pdf" / CORPUS_PDF).read_bytes(), 200)[2]
    path = tmp_path / "page.png"
    page.save(path)
    from gikaireport.readers import read_document

    document = read_document(path.read_bytes(), str(path))
    assert document.format == "image"
    rows = [
        [(cell.text, cell.source.confidence) for cell in row]
        for block in document.blocks
        if isinstance(block, gikaireport.document.Table)
        for row in block.rows
    ]
    by_label = {row[0][0]: row[1:] for row in rows if row}
    assert [text for text, _ in by_label["行政处罚"]] == ["2776"]
    assert all(confidence is not None for _, confidence in by_label["行政处罚"])


def _png_header(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (_png_header(100_000, 100_000), "too large"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "cannot be decoded"),
        (b"II*\x00" + b"\xff" * 64, "cannot be decoded"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 10, "cannot be decoded"),
    ],
    ids=["huge", "truncated png", "broken tiff", "broken jpeg"],
)
def test_hostile_images_raise_read_errors(data: bytes, reason: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.png"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=rf"bad\.png: .*{reason}"):
        gikaireport.read(path)


def test_without_the_extra_the_error_names_it(tmp_path: Path) -> None:
    png = tmp_path / "page.png"
    Image.new("L", (200, 100), 255).save(png)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_pdf([Image.new("L", (200, 100), 0)], 72))
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["rapidocr_onnxruntime"] = None
        import gikaireport
        from gikaireport.errors import MissingDependencyError, NoTextLayerError
        cases = (({str(png)!r}, MissingDependencyError), ({str(scan)!r}, NoTextLayerError))
        for path, kind in cases:
            try:
                gikaireport.read(path)
            except kind as exc:
                assert "gikaireport[ocr]" in str(exc) and path in str(exc), exc
            else:
                raise SystemExit("no error")
        print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert out.stdout.strip() == "ok", out.stderr


def test_import_stays_light() -> None:
    heavy = ("cv2", "numpy", "onnxruntime", "rapidocr_onnxruntime")
    script = f"import sys, gikaireport; print([m for m in {heavy!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"



@needs_soffice
def test_docx_with_its_pages_pasted_as_pictures(printed: tuple[Report, bytes]) -> None:
    """Headings as text, the tables as pictures (each page of the printed report)."""
    import docx

    report, pdf = printed
    document = docx.Document()
    document.add_paragraph(report.meta.title or "")
    for page in rasterise(pdf, 150):
        buffer = io.BytesIO()
        page.copy().save(buffer, "PNG")
        buffer.seek(0)
        document.add_picture(buffer)
    out = io.BytesIO()
    document.save(out)
    from gikaireport.assemble import assemble
    from gikaireport.readers.docx import read

    got = assemble(read(out.getvalue(), "pictures.docx"))
    right, silent, _ = score(report, got)
    assert silent == []
    assert right >= 0.99 * len(report.cells())


def test_format_ocr_reads_the_images_of_a_pdf_with_a_text_layer(corpus: Path) -> None:
    """``format="ocr"`` ignores the text layer (for PDFs whose own OCR layer is poor)."""
    path = corpus / "pdf" / CORPUS_PDF
    text_layer = gikaireport.read(path)
    report = gikaireport.read(path, format="ocr")
    assert score(text_layer, report)[:2] == (200, [])
    assert all(cell.source and cell.source.confidence for cell in report.cells().values())
