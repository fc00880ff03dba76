"""PDFs from several producers read back: equal, or every differing cell flagged.

Each variant is rendered once per module from a fixed report (LibreOffice on the national
template DOCX, ...) and read with :func:`gikaireport.read`. The measure is the trust
contract: a number in ``values()`` that differs from what the document prints must be named
by a deviation or a validation finding. "Silently wrong numbers" must be 0.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import docx
import pytest

import gikaireport
from docx_helpers import example_report
from gikaireport.assemble import assemble
from gikaireport.assemble.combine import READER_NOTE, doubted_throughout, incomplete
from gikaireport.document import Document, Table
from gikaireport.model import CellStatus, Report
from gikaireport.readers.doc import find_soffice
from gikaireport.readers.pdf import OCR_TEXT_LAYER, read, read_ruling_lines, read_tables
from gikaireport.readers.pdf_layout import layout_positioned
from gikaireport.testing import flagged_cells, silently_wrong
from gikaireport.testing.docx import fill_template
from gikaireport.testing.html import render_html
from gikaireport.testing.pdf import (
    docx_to_pdf,
    find_chromium,
    html_to_pdf,
    ocr_layer,
    turn_pages,
    two_up,
)

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")

SEEDS = (2022, 7)


def differing_unflagged(read: Report, expected: Report) -> list[str]:
    """Cells that differ in any way (a number missed too) and are not named."""
    named = flagged_cells(read)
    got, want = read.values(), expected.values()
    return [c for c in want if got.get(c) != want[c] and c not in named]


@pytest.fixture(scope="module")
def template_pdfs(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> list[tuple[Path, Report]]:
    if find_soffice() is None:
        pytest.skip("LibreOffice is not installed")
    template = corpus / "docx" / "national_template_2021.docx"
    directory = tmp_path_factory.mktemp("template-pdfs")
    out = []
    for seed in SEEDS:
        expected = example_report(seed=seed)
        path = directory / f"template-{seed}.pdf"
        path.write_bytes(docx_to_pdf(fill_template(template, expected)))
        out.append((path, expected))
    return out


@needs_soffice
def test_template_pdfs_have_no_silently_wrong_number(
    template_pdfs: list[tuple[Path, Report]],
) -> None:
    for path, expected in template_pdfs:
        report = gikaireport.read(path)
        assert silently_wrong(report, expected) == [], path.name
        assert differing_unflagged(report, expected) == [], path.name
        assert report.values() == expected.values(), path.name


@needs_soffice
def test_ruling_lines_read_template_pdfs_whole(template_pdfs: list[tuple[Path, Report]]) -> None:
    for path, expected in template_pdfs:
        report = assemble(read_ruling_lines(path.read_bytes(), path.name))
        assert report.values() == expected.values(), path.name
        assert not [d for d in report.deviations if d.cells], path.name


def table_rows(data: bytes) -> list[list[str]]:
    document = read(data, "turned.pdf")
    return [
        [cell.text for cell in row]
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


@needs_soffice
def test_turned_pages_read_alike_and_never_silently_wrong(
    template_pdfs: list[tuple[Path, Report]],
) -> None:
    path, expected = template_pdfs[0]
    upright = path.read_bytes()
    turned = [turn_pages(upright, degrees) for degrees in (90, 180, 270)]
    turned.append(turn_pages(upright, 90, content=False))
    rows = [table_rows(data) for data in turned]
    assert rows[0] == rows[1] == rows[2] == rows[3]
    assert sum(len(row) for row in rows[0]) >= 300
    for degrees, data in zip((90, 180, 270, "rotate-90"), turned, strict=True):
        turned_path = path.with_name(f"{path.stem}-turned-{degrees}.pdf")
        turned_path.write_bytes(data)
        report = gikaireport.read(turned_path)
        assert silently_wrong(report, expected) == [], degrees
        assert differing_unflagged(report, expected) == [], degrees
        assert report.values() == expected.values(), degrees


@needs_soffice
def test_text_path_reads_every_turn_and_rotate_whole(
    template_pdfs: list[tuple[Path, Report]],
) -> None:
    """Content turned by its matrix and pages with ``/Rotate``, in every combination, read
    on the text path alone exactly as the upright page: no second reading is needed."""
    path, expected = template_pdfs[0]
    upright = path.read_bytes()
    rows = table_rows(upright)
    for content in (0, 90, 180, 270):
        data = turn_pages(upright, content) if content else upright
        for rotate in (0, 90, 180, 270):
            turned = turn_pages(data, rotate, content=False) if rotate else data
            assert table_rows(turned) == rows, (content, rotate)
            report = assemble(read(turned, "turned.pdf"))
            assert report.values() == expected.values(), (content, rotate)
            assert not [d for d in report.deviations if d.cells], (content, rotate)


def as_forms(data: bytes) -> bytes:
    """Each page drawn through a form XObject, as imposition tools place pages, with pypdfium2."""
    import pypdfium2 as pdfium

    source, target = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    for index in range(len(source)):
        page = target.new_page(*source[index].get_size())
        page.insert_obj(source.page_as_xobject(index, target).as_pageobject())
        page.gen_content()
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def stamped(data: bytes, stamps: int = 12) -> bytes:
    """Each page drawn through a form, after ``stamps`` blank text objects upside down.

    The page's own text is all inside the form, so the first text objects a reader finds on
    the page are upside down while most of its characters are not.
    """
    import ctypes

    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    source, target = pdfium.PdfDocument(data), pdfium.PdfDocument.new()
    blank = ctypes.create_unicode_buffer(" ")
    for index in range(len(source)):
        page = target.new_page(*source[index].get_size())
        for number in range(stamps):
            text = pdfium_c.FPDFPageObj_NewTextObj(target.raw, b"Helvetica", 10.0)
            pdfium_c.FPDFText_SetText(text, ctypes.cast(blank, pdfium_c.FPDF_WIDESTRING))
            pdfium_c.FPDFPageObj_Transform(text, -1, 0, 0, -1, 20, 100 + 10 * number)
            pdfium_c.FPDFPage_InsertObject(page.raw, text)
        page.insert_obj(source.page_as_xobject(index, target).as_pageobject())
        page.gen_content()
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


@needs_soffice
def test_pages_whose_first_text_objects_mislead_read_whole(
    template_pdfs: list[tuple[Path, Report]],
) -> None:
    """The direction of a page's first text objects is only a guess: when the characters
    disagree with it, they decide, and the page reads as the upright one."""
    path, expected = template_pdfs[0]
    upright = path.read_bytes()
    rows = table_rows(upright)
    for degrees in (0, 90, 270):
        data = stamped(turn_pages(upright, degrees) if degrees else upright)
        assert table_rows(data) == rows, degrees
        report = assemble(read(data, "stamped.pdf"))
        assert report.values() == expected.values(), degrees
        assert not [d for d in report.deviations if d.cells], degrees


@needs_soffice
def test_turned_text_inside_forms_reads_whole(template_pdfs: list[tuple[Path, Report]]) -> None:
    path, expected = template_pdfs[0]
    upright = path.read_bytes()
    for degrees in (180, 270):  # the turns pdfium puts in an order of its own
        data = as_forms(turn_pages(upright, degrees))
        assert table_rows(data) == table_rows(upright), degrees
        assert assemble(read(data, "forms.pdf")).values() == expected.values(), degrees
    # text nested in forms deeper than the reader numbers them is put in reading order: cells
    # may be missed, but none is silently wrong
    data = turn_pages(upright, 180)
    for _ in range(10):
        data = as_forms(data)
    deep = path.with_name(f"{path.stem}-deep-forms.pdf")
    deep.write_bytes(data)
    report = gikaireport.read(deep)
    assert silently_wrong(report, expected) == []
    assert differing_unflagged(report, expected) == []


@needs_soffice
def test_ocr_text_layer_cells_are_never_confident(
    template_pdfs: list[tuple[Path, Report]],
) -> None:
    path, expected = template_pdfs[0]
    scanned = path.with_name(f"{path.stem}-ocr.pdf")
    scanned.write_bytes(ocr_layer(path.read_bytes()))
    report = gikaireport.read(scanned)
    named = {c for d in report.deviations if d.kind == OCR_TEXT_LAYER for c in d.cells}
    read_cells = {c.id for c in report.cells().values() if c.status is not CellStatus.ABSENT}
    assert read_cells and read_cells <= named
    assert silently_wrong(report, expected) == []
    # no further reading is taken of a text layer doubted throughout (its cells would all be
    # doubted too); one typed page among OCR layers is worth a further reading
    assert doubted_throughout(read(scanned.read_bytes(), scanned.name))
    partly = ocr_layer(path.read_bytes(), [1])
    assert not doubted_throughout(read(partly, "partly-scanned.pdf"))
    # and validation says so: a warning that names the doubted cells
    warned = {
        c
        for f in gikaireport.validate(report, select=["reading-doubtful"])
        if f.severity is gikaireport.Severity.WARNING
        for c in f.cells
    }
    assert read_cells <= warned
    # the same PDF with its text visible is typed text: no cell is doubted
    assert not [d for d in gikaireport.read(path).deviations if d.kind == OCR_TEXT_LAYER]


@needs_soffice
def test_pages_without_text_become_a_deviation(template_pdfs: list[tuple[Path, Report]]) -> None:
    path, expected = template_pdfs[0]
    scanned = path.with_name(f"{path.stem}-page3-scanned.pdf")
    scanned.write_bytes(ocr_layer(path.read_bytes(), [3], keep_text=False))
    report = gikaireport.read(scanned)
    notes = [d.message for d in report.deviations if d.kind == READER_NOTE]
    try:  # with the ocr extra the page is read by OCR, and the report says so
        import rapidocr_onnxruntime  # noqa: F401

        assert notes == ["1 page has no text layer and was read by OCR: 3"]
    except ImportError:
        assert notes == ["1 page has no text layer (scanned?): 3"]
    findings = gikaireport.validate(report)
    assert any("no text layer" in finding.message_en for finding in findings)
    assert silently_wrong(report, expected) == []


CHROMIUM_VARIANTS = {
    "a4-furniture": ("", True),
    "a5-split": ("@page { size: A5; }", False),
    "a5-split-furniture": ("@page { size: A5; }", True),
    "a4-landscape": ("@page { size: A4 landscape; }", True),
}
"""Chromium print-to-PDF variants: page CSS and whether the header and footer are printed."""


@pytest.fixture(scope="module")
def chromium_pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Report]]:
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    directory = tmp_path_factory.mktemp("chromium-pdfs")
    expected = example_report(seed=SEEDS[0])
    html = render_html(expected)
    out = []
    for name, (css, furniture) in CHROMIUM_VARIANTS.items():
        path = directory / f"chromium-{name}.pdf"
        path.write_bytes(html_to_pdf(html, page_css=css, furniture=furniture))
        out.append((path, expected))
    return out


def test_chromium_print_to_pdf_reads_back(chromium_pdfs: list[tuple[Path, Report]]) -> None:
    for path, expected in chromium_pdfs:
        report = gikaireport.read(path)
        assert silently_wrong(report, expected) == [], path.name
        assert report.values() == expected.values(), path.name
        assert report.meta.title == expected.meta.title, path.name


def test_chromium_tables_without_cell_padding_are_read_whole_by_the_text_path(
    chromium_pdfs: list[tuple[Path, Report]],
) -> None:
    """``cellpadding="0"`` prints a label a border away from the next cell's number.

    Closer than a gap between cells, the two would read as one run; the border between
    them parts them, so the text path alone reads every cell, with no silently wrong number.
    """
    for path, expected in chromium_pdfs:
        report = assemble(read(path.read_bytes(), path.name))
        assert silently_wrong(report, expected) == [], path.name
        assert report.values() == expected.values(), path.name
        assert not incomplete(report, relations=False), path.name


def test_chromium_a5_print_of_seed_000_needs_no_second_reading(corpus: Path) -> None:
    """A5 puts a page break between part 二's (六) heading and its table (bench_pdf's file).

    The (六) table's header is the same as the (五) table's above it; it starts a table of
    its own, and the text path alone reads every cell.
    """
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    seed = corpus / "seeds" / "000_584dbe52e0b9f186.txt"
    expected = gikaireport.parse_text(seed.read_text(encoding="utf-8"))
    pdf = html_to_pdf(render_html(expected), page_css="@page { size: A5; }")
    document = read(pdf, "a5.pdf")
    tables = [block for block in document.blocks if isinstance(block, Table)]
    sixth = [t.rows[0][0] for t in tables if len(t.rows) > 1 and t.rows[1][0].text == "行政处罚"]
    heading = [c for t in tables for row in t.rows for c in row if c.text == "第二十条第（六）项"]
    assert len(sixth) == len(heading) == 1
    assert heading[0].source.page == sixth[0].source.page - 1  # the break between them
    report = assemble(document)
    assert not incomplete(report)
    assert report.values() == expected.values()


def test_pdfminer_font_warning_is_not_shown(
    chromium_pdfs: list[tuple[Path, Report]], caplog: pytest.LogCaptureFixture
) -> None:
    path, _ = chromium_pdfs[0]
    with caplog.at_level(logging.WARNING):
        read_tables(path.read_bytes(), path.name)
        # what pdfminer says of Chromium's font descriptors
        logging.getLogger("pdfminer.pdffont").warning(
            "Could not get FontBBox from font descriptor because %r cannot be parsed as 4 floats",
            None,
        )
        logging.getLogger("pdfminer.pdffont").warning("another warning")
    assert [r.getMessage() for r in caplog.records] == ["another warning"]


@needs_soffice
def test_two_up_sheets_read_page_by_page(template_pdfs: list[tuple[Path, Report]]) -> None:
    for path, expected in template_pdfs:
        sheets = path.with_name(f"{path.stem}-2up.pdf")
        sheets.write_bytes(two_up(path.read_bytes()))
        report = gikaireport.read(sheets)
        assert silently_wrong(report, expected) == [], sheets.name
        assert report.values() == expected.values(), sheets.name
        assert [part.id for part in report.parts] == [part.id for part in expected.parts]


FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def full_width_digits(data: bytes) -> bytes:
    """The DOCX with every number in its tables printed in full-width digits."""
    document = docx.Document(io.BytesIO(data))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip().isdigit():
                            run.text = run.text.translate(FULL_WIDTH)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@needs_soffice
def test_full_width_digits_wrapped_in_narrow_cells(corpus: Path, tmp_path: Path) -> None:
    expected = example_report(seed=SEEDS[0])
    template = corpus / "docx" / "national_template_2021.docx"
    path = tmp_path / "full-width.pdf"
    path.write_bytes(docx_to_pdf(full_width_digits(fill_template(template, expected))))
    wrapped = [
        cell.text
        for block in read_ruling_lines(path.read_bytes(), path.name).blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
        if "３" in cell.text or "０" in cell.text
    ]
    assert wrapped  # the digits are printed full-width
    report = gikaireport.read(path)
    assert silently_wrong(report, expected) == []
    assert report.values() == expected.values()


@needs_soffice
def test_layout_from_positioned_words(template_pdfs: list[tuple[Path, Report]]) -> None:
    """Words with boxes from any source (an OCR engine's, say) go through the same layout."""
    import pypdfium2 as pdfium

    path, expected = template_pdfs[0]
    pages = []
    document = pdfium.PdfDocument(path.read_bytes())
    for page in document:
        textpage = page.get_textpage()
        words = []
        for rect in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(rect)
            text = textpage.get_text_bounded(left, bottom, right, top).strip()
            if text:
                words.append((text, left, right, bottom, top))
        pages.append((page.get_height(), words))
        textpage.close()
        page.close()
    document.close()
    blocks = layout_positioned(pages)
    report = assemble(Document(tuple(blocks), path=path.name, format="pdf"))
    assert silently_wrong(report, expected) == []
    # the template's own layout is what the ruling lines read whole; words alone read most
    assert len([v for v in report.values().values() if v is not None]) >= 120


FIXED_BAR = (
    '<div style="position:fixed;top:0;right:0">分享到：微信 微博 QQ空间</div>'
    '<div style="position:fixed;bottom:0;left:0">示例县人民政府门户网站</div>'
)
"""Elements fixed to the window, which a browser prints on every page, over the body."""


def test_fixed_page_furniture_is_removed(tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("Chromium is not installed")
    expected = example_report(seed=SEEDS[0])
    html = render_html(expected).replace(b"<body>", b"<body>" + FIXED_BAR.encode(), 1)
    path = tmp_path / "fixed-bar.pdf"
    path.write_bytes(html_to_pdf(html))
    texts = [
        text
        for block in read(path.read_bytes(), path.name).blocks
        for text in (
            [cell.text for row in block.rows for cell in row]
            if isinstance(block, Table)
            else [block.text]
        )
    ]
    assert not [text for text in texts if "QQ空间" in text or "示例县人民政府门户网站" in text]
    assert silently_wrong(gikaireport.read(path), expected) == []
