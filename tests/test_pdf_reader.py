"""The PDF reader: a real published PDF, generated PDFs, and hostile files."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikaireport
from conftest import load_labels
from docx_helpers import example_report
from gikaireport.assemble import assemble
from gikaireport.document import Document, Paragraph, Table
from gikaireport.errors import EncryptedDocumentError, NoTextLayerError, ReadError
from gikaireport.model import CellStatus, Report
from gikaireport.readers import READERS, detect_format, read_document
from gikaireport.readers.doc import find_soffice
from gikaireport.readers.pdf import read, read_ruling_lines, read_tables
from gikaireport.readers.pdf_grid import Cell, Grid, GridRow, join_page_breaks
from gikaireport.readers.pdf_layout import layout
from gikaireport.readers.pdf_lines import (
    Line,
    PageLines,
    Run,
    build_lines,
    is_page_number,
    strip_furniture,
)
from gikaireport.testing import reports, with_cell
from gikaireport.testing.pdf import docx_to_pdf, render_pdf
from report_checks import assert_same_report

CORPUS_PDF = "hzq2024_working.pdf"

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is not installed")


def expected_value(label: object) -> object:
    if isinstance(label, str) and label != "NA":
        return Decimal(label)
    return label


def wrong_cells(report: Report, labels: dict[str, Any]) -> list[tuple[str, object, object]]:
    values = report.values()
    return [
        (cell_id, expected_value(label), values.get(cell_id))
        for cell_id, label in labels["cells"].items()
        if values.get(cell_id) != expected_value(label)
    ]


def table_rows(document: Document) -> list[list[str]]:
    return [
        [cell.text for cell in row]
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
    ]


# --- the real published PDF --------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_pdf(corpus: Path) -> tuple[Path, dict[str, Any]]:
    path = corpus / "pdf" / CORPUS_PDF
    return path, load_labels(corpus / "pdf")[CORPUS_PDF]


def test_corpus_pdf_every_labelled_cell_end_to_end(corpus_pdf: tuple[Path, dict[str, Any]]) -> None:
    path, labels = corpus_pdf
    report = gikaireport.read(path)
    assert len(labels["cells"]) == 200
    assert wrong_cells(report, labels) == []
    assert report.meta.year == labels["year"]
    assert report.meta.agency is not None and labels["agency_contains"] in report.meta.agency
    assert report.source_format == "pdf"


@pytest.mark.parametrize("reader", [read, read_tables], ids=["text path", "ruled fallback"])
def test_corpus_pdf_each_path_alone_reads_every_cell(
    corpus_pdf: tuple[Path, dict[str, Any]], reader: Any
) -> None:
    path, labels = corpus_pdf
    report = assemble(reader(path.read_bytes(), str(path)))
    assert wrong_cells(report, labels) == []
    assert report.meta.year == labels["year"]


def test_corpus_pdf_document_rows(corpus_pdf: tuple[Path, dict[str, Any]]) -> None:
    path, _ = corpus_pdf
    document = read(path.read_bytes(), str(path))
    assert document.format == "pdf" and document.path == str(path)
    rows = table_rows(document)
    by_label = {row[0]: row for row in rows if row}
    # every row of part 三 is present with its seven cells, including the rows on page 4
    for label, values in {
        "一、本年新收政府信息公开申请数量": ["95", "0", "0", "0", "0", "0", "95"],
        "（二）部分公开（区分处理的，只计这一情形，不\n计其他情形）": [
            "9",
            "0",
            "0",
            "0",
            "0",
            "0",
            "9",
        ],
        "2.没有现成信息需要另行制作": ["1", "0", "0", "0", "0", "0", "1"],
        "5.要求行政机关确认或重新出具\n已获取信息": ["0"] * 7,
        "（七）总计": ["95", "0", "0", "0", "0", "0", "95"],
        "四、结转下年度继续办理": ["0"] * 7,
    }.items():
        assert by_label[label][-7:] == values, label
    # a merged group label stays in the row where it starts
    assert ["（三）不予公开", "1.属于国家秘密", *["0"] * 7] in rows
    assert ["（四）无法提供", "1.本机关不掌握相关政府信息", "31", *["0"] * 5, "31"] in rows
    # vertical text in a merged cell is one label
    assert ["三、本年度办理结果", "（一）予以公开", "50", *["0"] * 5, "50"] in rows
    # （六）其他处理 is printed as one row, and is delivered as one row
    assert ["（六）其他处理", *["0"] * 7] in rows
    assert not any(row[0].startswith(("1.申请人", "2.申请人", "3.其他")) for row in rows)
    # part 四: one row of fifteen numbers
    assert ["1", "1", "0", "0", "2", "1", "0", "0", "0", "1", "2", "0", "1", "0", "3"] in rows
    # part 二
    assert ["行政规范性文件", "3", "0", "8"] in rows
    assert ["行政事业性收费", "7545"] in rows


def test_corpus_pdf_one_row_other_processing_is_a_deviation(
    corpus_pdf: tuple[Path, dict[str, Any]],
) -> None:
    path, _ = corpus_pdf
    report = gikaireport.read(path)
    assert any("其他处理" in deviation.message for deviation in report.deviations)


def test_corpus_pdf_table_continues_across_the_page_break(
    corpus_pdf: tuple[Path, dict[str, Any]],
) -> None:
    path, _ = corpus_pdf
    document = read(path.read_bytes(), str(path))
    tables = [block for block in document.blocks if isinstance(block, Table)]
    spanning = [t for t in tables if len({row[0].source.page for row in t.rows}) > 1]
    assert len(spanning) == 1
    labels = [row[0].text for row in spanning[0].rows]
    assert labels.index("（四）无法提供") + 1 == labels.index("2.没有现成信息需要另行制作")


def test_corpus_pdf_prose_page_furniture_and_sources(
    corpus_pdf: tuple[Path, dict[str, Any]],
) -> None:
    path, _ = corpus_pdf
    document = read(path.read_bytes(), str(path))
    paragraphs = [block for block in document.blocks if isinstance(block, Paragraph)]
    texts = [paragraph.text for paragraph in paragraphs]
    assert not any(is_page_number(text) for text in texts)
    assert "- 4 -" not in "\n".join(texts) and "-4-" not in "\n".join(texts)
    # wrapped prose lines are joined into their paragraph, also across a page break
    assert any("统计期限自2024年1月1日起至2024年12月31日止" in text for text in texts)
    assert any("使各行政机关答复的方式" in text for text in texts)
    assert "淮安市洪泽区人民政府" in texts and "2024年政府信息公开工作年度报告" in texts
    for paragraph in paragraphs:
        assert paragraph.source.page is not None and paragraph.source.line is not None
    for table in (block for block in document.blocks if isinstance(block, Table)):
        for number, row in enumerate(table.rows, start=1):
            for column, cell in enumerate(row, start=1):
                source = cell.source
                assert (source.row, source.column) == (number, column)
                assert source.page is not None and source.line is not None


def test_registered_and_sniffed(corpus_pdf: tuple[Path, dict[str, Any]]) -> None:
    path, _ = corpus_pdf
    reader = READERS["pdf"]
    assert ".pdf" in reader.extensions
    assert reader.fallback is not None
    first, second = reader.fallback.split()
    assert reader.load(first) is read_ruling_lines
    assert reader.load(second) is read_tables
    assert detect_format(path.read_bytes(), "report.bin") == "pdf"
    assert detect_format(b"\n" * 100 + b"%PDF-1.7", "x") == "pdf"
    assert detect_format(b"\n" * 1100 + b"%PDF-1.7", "x") != "pdf"


def test_importing_the_library_does_not_import_pdf_libraries() -> None:
    code = "import sys, gikaireport; print('pypdfium2' in sys.modules, 'pdfplumber' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# --- layout details on constructed lines -------------------------------------------------


def _line(page: int, number: int, texts: list[tuple[str, float, float]], y: float) -> Line:
    runs = [
        Run(text, x0, x1, y, y + 10, page, number * 10 + i, len(text))
        for i, (text, x0, x1) in enumerate(texts)
    ]
    for run in runs:
        run.line = number
    return Line(runs, page, number)


@pytest.mark.parametrize(
    "text", ["- 4 -", "—4—", "第 4 页", "第4页 共12页", "4/12", "4", "Page 4 of 12", "－ 12 －"]
)
def test_page_numbers(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2024年", "一、总体情况", "0 0 0", "4.保护第三方合法权益"])
def test_not_page_numbers(text: str) -> None:
    assert not is_page_number(text)


def test_running_header_and_page_numbers_removed() -> None:
    pages = []
    for number in range(1, 5):
        lines = [
            _line(number, 1, [("某某县人民政府2024年政府信息公开工作年度报告", 100, 400)], 800),
            _line(number, 2, [(f"正文第{number}页", 80, 500)], 600),
            _line(number, 3, [(f"- {number} -", 280, 310)], 30),
        ]
        pages.append(PageLines(number, 842.0, lines))
    strip_furniture(pages)
    assert [[line.text for line in page.lines] for page in pages] == [
        [f"正文第{number}页"] for number in range(1, 5)
    ]


def _layout_rows(cells: list[tuple[str, float, float, float, int]]) -> list[list[str]]:
    """Lay out one page of runs ``(text, x0, x1, y, stream order)`` and return its table rows."""
    runs = [Run(text, x0, x1, y, y + 10, 1, order, len(text)) for text, x0, x1, y, order in cells]
    page = PageLines(1, 842.0, build_lines(runs, 1))
    blocks = layout([page])
    return [[cell.text for cell in row] for b in blocks if isinstance(b, Table) for row in b.rows]


def test_table_written_column_by_column_is_read_by_geometry() -> None:
    header = [("信息内容", 80, 120, 700, 0), ("本年制发件数", 200, 260, 700, 1)]
    header += [("本年废止件数", 300, 360, 700, 2)]
    labels = [("规章", 80, 100, 680, 3), ("行政规范性文件", 80, 150, 660, 4)]
    # the values of the first column, then those of the second: not row by row
    values = [("1", 228, 233, 680, 5), ("4", 228, 233, 660, 6), ("2", 328, 333, 680, 7)]
    assert _layout_rows(header + labels + values) == [
        ["信息内容", "本年制发件数", "本年废止件数"],
        ["规章", "1", "2"],
        ["行政规范性文件", "4", ""],
    ]


def test_stream_order_places_a_merged_label_and_a_wrapped_label() -> None:
    rows = [
        ("（一）予以公开", 100, 170, 700, 0),
        ("5", 330, 335, 700, 1),
        ("5", 400, 405, 700, 2),
        # a group label centred between the rows it spans, written with the first of them
        ("（三）不予公开", 100, 170, 670, 3),
        ("1.属于国家秘密", 180, 250, 690, 4),
        ("0", 330, 335, 690, 5),
        ("0", 400, 405, 690, 6),
        ("2.其他法律行政法规禁止公开", 180, 300, 650, 7),
        ("1", 330, 335, 650, 8),
        ("1", 400, 405, 650, 9),
        # a label that wraps around its row's numbers
        ("5.要求行政机关确认或重新出具", 180, 310, 630, 10),
        ("已获取信息", 180, 230, 618, 11),
        ("2", 330, 335, 624, 12),
    ]
    assert _layout_rows(rows) == [
        ["（一）予以公开", "5", "5"],
        ["（三）不予公开", "1.属于国家秘密", "0", "0"],
        ["2.其他法律行政法规禁止公开", "1", "1"],
        ["5.要求行政机关确认或重新出具\n已获取信息", "2", ""],
    ]


def _cell(text: str, x0: float, x1: float, page: int, line: int) -> Cell:
    return Cell(text, x0, x1, page, line, 10.0, x1, 10.0)


def test_label_cut_by_the_page_break_is_joined() -> None:
    values = [_cell("0", 300 + 30 * i, 310 + 30 * i, 1, 40) for i in range(7)]
    grid = Grid(
        [
            GridRow(
                [
                    _cell("（四）无", 100, 140, 1, 40),
                    _cell("1.本机关不掌握相关政府信息", 145, 290, 1, 40),
                ],
                list(values),
                1,
                40,
            ),
            GridRow(
                [
                    _cell("法提供", 100, 130, 2, 1),
                    _cell("2.没有现成信息需要另行制作", 145, 290, 2, 1),
                ],
                list(values),
                2,
                1,
            ),
            GridRow([_cell("5.要求行政机关确认或重新出具", 145, 290, 2, 5)], list(values), 2, 5),
            GridRow([_cell("已获取信息", 145, 200, 3, 1)], [None] * 7, 3, 1),
        ],
        300.0,
        1,
        40,
    )
    join_page_breaks(grid)
    labels = [[cell.text for cell in row.labels] for row in grid.rows]
    assert labels == [
        ["（四）无\n法提供", "1.本机关不掌握相关政府信息"],
        ["2.没有现成信息需要另行制作"],
        ["5.要求行政机关确认或重新出具\n已获取信息"],
    ]


def test_row_split_before_its_numbers_is_joined() -> None:
    values = [_cell("1", 300 + 30 * i, 310 + 30 * i, 2, 1) for i in range(7)]
    grid = Grid(
        [
            GridRow([_cell("5.要求行政机关确认或重新出具", 145, 290, 1, 44)], [None] * 7, 1, 44),
            GridRow([_cell("已获取信息", 145, 200, 2, 1)], list(values), 2, 1),
            GridRow([_cell("行政规范性文件", 100, 170, 3, 1)], list(values), 3, 1),
        ],
        300.0,
        1,
        44,
    )
    join_page_breaks(grid)
    assert [[cell.text for cell in row.labels] for row in grid.rows] == [
        ["5.要求行政机关确认或重新出具\n已获取信息"],
        ["行政规范性文件"],
    ]
    assert grid.rows[0].values == values


def test_numbers_cut_by_the_page_break_are_joined() -> None:
    def number(text: str, x0: float, page: int, line: int) -> Cell:
        width = 5.7 * len(text)
        return Cell(text, x0, x0 + width, page, line, 8.3, x0 + width, 5.7, limit=x0 + 29)

    grid = Grid(
        [
            GridRow(
                [_cell("5.要求行政机关确认或重新出具已获取", 142, 295, 1, 52)],
                [number("10", 312, 1, 52), number("15750", 508, 1, 52)],
                1,
                52,
            ),
            GridRow([_cell("信息", 209, 227, 2, 1)], [None, number("1", 520, 2, 1)], 2, 1),
            GridRow([], [number("2776", 312, 2, 3), None], 2, 3),
            GridRow([], [number("84", 312, 3, 1), None], 3, 1),
        ],
        300.0,
        1,
        52,
    )
    join_page_breaks(grid)
    assert [[c.text for c in row.labels] for row in grid.rows] == [
        ["5.要求行政机关确认或重新出具已获取\n信息"],
        [],
        [],
    ]
    assert [[c.text if c else "" for c in row.values] for row in grid.rows] == [
        ["10", "157501"],
        ["2776", ""],
        ["84", ""],  # "2776" did not fill its cell: "84" is a row of its own
    ]


# --- generated reports through DOCX and LibreOffice -------------------------------------


@st.composite
def printed_reports(draw: st.DrawFn) -> Report:
    """Consistent reports of either version with some cells printed blank or as a dash."""
    version = draw(st.sampled_from(["2021", "2019"]), label="version")
    report = draw(reports(version, not_applicable=True))
    cell_ids = sorted(report.cells())
    changed = draw(st.lists(st.sampled_from(cell_ids), max_size=30, unique=True), label="changed")
    for cell_id in changed:
        status = draw(st.sampled_from([CellStatus.BLANK, CellStatus.NOT_APPLICABLE]))
        report = with_cell(report, cell_id, None, status)
    return report


@pytest.mark.slow
@needs_soffice
# Each example costs a LibreOffice conversion, so CI runs a fixed sample of 15 (derandomized);
# run with --hypothesis-seed=N to explore further. Known open case (docs/readers/pdf.md,
# Limits): a six-digit number that LibreOffice wraps inside a narrow cell of a table's last
# row can lose its last digit.
@settings(max_examples=15, deadline=None, derandomize=True)
@given(report=printed_reports())
def test_generated_reports_read_back_from_pdf(report: Report) -> None:
    pdf = render_pdf(report)
    for reader in (read, read_tables):
        got = assemble(reader(pdf, "generated.pdf"))
        assert got.format_version == report.format_version
        assert got.meta.year == report.meta.year
        assert got.meta.agency == report.meta.agency
        assert_same_report(report, got, absent=False)


PART_FOUR_BLANK_AFTER_TOTAL = {
    "review.upheld": 1,
    "review.corrected": 2,
    "review.other": 0,
    "review.pending": 5,
    "review.total": 8,
    "litigation_direct.upheld": None,
    "litigation_direct.corrected": 1,
    "litigation_direct.other": 574,
    "litigation_direct.pending": 0,
    "litigation_direct.total": 575,
}
"""Part 四 whose blank cell follows a one-digit total: its centred header once made the
text path fold the blank column into the total's and lose the whole table."""


@needs_soffice
def test_a_blank_cell_after_a_total_in_part_four_keeps_its_column() -> None:
    report = example_report(seed=2022)
    for cell, value in PART_FOUR_BLANK_AFTER_TOTAL.items():
        report = with_cell(report, f"review_litigation.{cell}", value)
    got = assemble(read(render_pdf(report), "part4.pdf"))
    assert not got.deviations
    assert_same_report(report, got, absent=False)


@needs_soffice
def test_numbers_wider_than_their_cells(corpus_pdf: tuple[Path, dict[str, Any]]) -> None:
    """Numbers that wrap in LibreOffice's narrow cells are read whole, on both paths."""
    report = gikaireport.read(corpus_pdf[0])
    for cell_id, value in {
        "applications.new_received.natural_person": 99_999_999,
        "applications.new_received.total": 1_305_421,
        "applications.results.total.total": 130_542,
        "review_litigation.review.total": 130_542,
        "review_litigation.litigation_after_review.total": 1_234_567,
        "proactive.licensing.decisions": 123_456_789,
    }.items():
        report = with_cell(report, cell_id, value)
    pdf = render_pdf(report)
    for reader in (read, read_tables):
        assert_same_report(report, assemble(reader(pdf, "wide.pdf")), absent=False)


# --- hostile files -----------------------------------------------------------------------


def _pdf_bytes(document: Any) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _no_text_pdf() -> bytes:
    """Two pages: one with only vector lines, one with only an image (a scan)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    document = pdfium.PdfDocument.new()
    page = document.new_page(595, 842)
    for y in (700, 650, 600):
        path = pdfium_c.FPDFPageObj_CreateNewPath(50, y)
        pdfium_c.FPDFPath_LineTo(path, 545, y)
        pdfium_c.FPDFPath_SetDrawMode(path, pdfium_c.FPDF_FILLMODE_NONE, True)
        pdfium_c.FPDFPage_InsertObject(page.raw, path)
    page.gen_content()
    page = document.new_page(595, 842)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(pdfium.PdfBitmap.new_native(40, 60, pdfium_c.FPDFBitmap_BGR))
    image.set_matrix(pdfium.PdfMatrix().scale(400, 600).translate(100, 100))
    page.insert_obj(image)
    page.gen_content()
    return _pdf_bytes(document)


def _blank_pages(count: int) -> bytes:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(count):
        document.new_page(595, 842).close()
    return _pdf_bytes(document)


@pytest.mark.parametrize("reader", [read, read_tables], ids=["text path", "ruled fallback"])
def test_no_text_layer_is_a_scan(reader: Any) -> None:
    with pytest.raises(NoTextLayerError, match=r"scan\.pdf: .*no text layer.*OCR"):
        reader(_no_text_pdf(), "scan.pdf")


def test_no_text_layer_through_read(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_no_text_pdf())
    with pytest.raises(NoTextLayerError, match=r"scan\.pdf"):
        gikaireport.read(path)


def test_two_thousand_blank_pages_in_bounded_time(tmp_path: Path) -> None:
    path = tmp_path / "blank.pdf"
    path.write_bytes(_blank_pages(2000))
    script = textwrap.dedent(
        f"""
        import gikaireport
        from gikaireport.errors import NoTextLayerError
        from gikaireport.readers.pdf import read_tables
        data = open({str(path)!r}, "rb").read()
        for call in (lambda: gikaireport.read({str(path)!r}), lambda: read_tables(data, "b.pdf")):
            try:
                call()
            except NoTextLayerError as exc:
                assert "2000 pages" in str(exc), exc
            else:
                raise SystemExit("no error")
        print("ok")
        """
    )
    # a guard against hanging, far above the fraction of a second it takes
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert out.stdout.strip() == "ok", out.stderr


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(ReadError, match=r"empty\.pdf"):
        gikaireport.read(path)
    with pytest.raises(ReadError, match=r"empty\.pdf: the file is empty"):
        read(b"", "empty.pdf")


def test_random_bytes_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "random.pdf"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError, match=r"random\.pdf: not a PDF"):
        gikaireport.read(path)


def test_truncated_pdf(corpus_pdf: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    data = corpus_pdf[0].read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError, match=r"half\.pdf: the PDF is truncated"):
        gikaireport.read(path)
    with pytest.raises(ReadError, match=r"half\.pdf: the PDF is truncated"):
        read_tables(path.read_bytes(), "half.pdf")


@needs_soffice
def test_encrypted_pdf(corpus: Path, tmp_path: Path) -> None:
    template = (corpus / "docx" / "national_template_2021.docx").read_bytes()
    path = tmp_path / "locked.pdf"
    path.write_bytes(docx_to_pdf(template, password="secret"))
    for call in (lambda: gikaireport.read(path), lambda: read_tables(path.read_bytes(), str(path))):
        with pytest.raises(EncryptedDocumentError, match=r"locked\.pdf: .*encrypted.*password"):
            call()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_pdfs_raise_only_read_errors(data: st.DataObject) -> None:
    from conftest import corpus_dir

    found = corpus_dir()
    if found is None:
        pytest.skip("real-document corpus not found")
    original = (found / "pdf" / CORPUS_PDF).read_bytes()
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, 30), label="flips")):
        position = data.draw(st.integers(0, len(damaged) - 1), label="position")
        damaged[position] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(len(damaged) // 3, len(damaged)), label="cut")
    payload = bytes(damaged[:cut])
    for reader in (read, read_tables):
        try:
            document = (
                read_document(payload, "damaged.pdf", "pdf")
                if reader is read
                else reader(payload, "damaged.pdf")
            )
        except ReadError as exc:
            assert "damaged.pdf" in str(exc)
        else:
            assert isinstance(document, Document)
