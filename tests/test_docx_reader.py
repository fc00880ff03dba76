from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikaireport
from docx_helpers import (
    content_of,
    deflate,
    docx_members,
    docx_with_body,
    example_report,
    ole_file,
    word_reports,
    zeros_stream,
    zip_archive,
)
from gikaireport.document import Document, Paragraph, Table
from gikaireport.errors import (
    EncryptedDocumentError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)
from gikaireport.model import CellStatus, Report
from gikaireport.readers import detect_format, read_document
from gikaireport.readers.containers import is_docx
from gikaireport.testing.docx import fill_template, printed, render_docx, table_grids
from report_checks import assert_same_report

TEMPLATE = Path("docx") / "national_template_2021.docx"


@pytest.fixture(scope="module")
def template(corpus: Path) -> Path:
    path = corpus / TEMPLATE
    if not path.is_file():
        pytest.skip(f"{TEMPLATE} is not in the corpus")
    return path


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def paragraphs(document: Document) -> list[Paragraph]:
    return [block for block in document.blocks if isinstance(block, Paragraph)]


def read_bytes(data: bytes, tmp_path: Path, name: str = "report.docx") -> Report:
    path = tmp_path / name
    path.write_bytes(data)
    return gikaireport.read(path)


# -- the real national template ------------------------------------------------------------

# distinct cells per row: merged cells once, in their first row and column
TEMPLATE_ROW_LENGTHS = (
    (1, 4, 4, 4, 1, 2, 2, 1, 2, 2, 2, 1, 2, 2),
    (2, 3, 5, 8, 8, 9, 8, 9, 8, 8, 8, 8, 8, 8, 8, 9, 8, 8, 9, 8, 8, 8, 8, 9, 8, 8, 8, 8),
    (2, 7, 10, 15),
)


def test_template_merged_cells_are_counted_once(template: Path) -> None:
    document = read_document(template.read_bytes(), str(template))
    found = tables(document)
    assert tuple(tuple(len(row) for row in table.rows) for table in found) == TEMPLATE_ROW_LENGTHS
    proactive, applications, review = found
    # a value spanning three grid columns starts in column 2
    assert [c.source.column for c in proactive.rows[6]] == [1, 2]
    # 三、本年度办理结果 and （三）不予公开 span rows: the second row of the group has neither
    assert [c.text for c in applications.rows[7][:2]] == ["（三）不予公开", "1.属于国家秘密"]
    assert [c.source.column for c in applications.rows[8]] == [3, 4, 5, 6, 7, 8, 9, 10]
    assert applications.rows[8][0].text == "2.其他法律行政法规禁止公开"
    # part 四: 行政复议's field labels span two header rows, 行政诉讼's sub-blocks five columns
    assert [c.source.column for c in review.rows[1]] == [1, 2, 3, 4, 5, 6, 11]
    assert [c.source.column for c in review.rows[2]] == list(range(6, 16))
    assert all(c.source.table == 3 and c.source.row == 4 for c in review.rows[3])
    # line breaks inside a cell are kept
    assert applications.rows[2][0].text == "商业\n企业"


def test_template_reads_as_blanks_not_zeros(template: Path) -> None:
    report = gikaireport.read(template)
    assert report.source_format == "docx"
    assert report.format_version == "2021"
    assert report.status_counts()[CellStatus.BLANK] == 200
    assert set(report.values().values()) == {None}
    assert [part.id for part in report.parts] == [part.id for part in report.spec.parts]


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expected=word_reports("2021"))
def test_filled_template_reads_back_every_cell(
    template: Path, expected: Report, tmp_path_factory: pytest.TempPathFactory
) -> None:
    data = fill_template(template, expected)
    got = read_bytes(data, tmp_path_factory.mktemp("filled"))
    assert_same_report(expected, got)
    assert len(got.cells()) == 200
    assert got.meta.year == expected.meta.year
    assert got.meta.agency == expected.meta.agency
    assert got.meta.published == expected.meta.published
    assert not [d for d in got.deviations if d.kind != "heading-variant"]
    cell = got.cell("applications.results.other.fee_unpaid.legal_service_agency")
    assert cell.source is not None
    assert (cell.source.table, cell.source.row, cell.source.column) == (2, 25, 8)


# -- rendered reports ----------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(expected=word_reports())
def test_rendered_reports_read_back_equal(
    expected: Report, tmp_path_factory: pytest.TempPathFactory
) -> None:
    got = read_bytes(render_docx(expected), tmp_path_factory.mktemp("rendered"))
    assert_same_report(expected, got)
    assert got.meta.year == expected.meta.year
    assert got.meta.agency == expected.meta.agency
    assert got.meta.published == expected.meta.published
    assert [part.id for part in got.parts] == [part.id for part in expected.spec.parts]


@pytest.mark.slow
@settings(max_examples=10, deadline=None)
@given(report=word_reports())
def test_rendered_grid_is_read_cell_by_cell(report: Report) -> None:
    document = read_document(render_docx(report), "rendered.docx")
    assert document.format == "docx"
    for table, grid in zip(tables(document), table_grids(report), strict=True):
        expected = [[cell for cell in row if cell.merge != "continue"] for row in grid]
        assert [len(row) for row in table.rows] == [len(row) for row in expected]
        for read_row, grid_row in zip(table.rows, expected, strict=True):
            for read, cell in zip(read_row, grid_row, strict=True):
                assert read.text == cell.text
                if cell.cell_id:
                    assert read.text == printed(report.cell(cell.cell_id))
    headings = [p for p in paragraphs(document) if p.heading_level == 1]
    assert [p.text[0] for p in headings] == list("一二三四五六")


# -- what the reader does with Word's markup -----------------------------------------------


def cell_xml(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def table_xml(*rows: str, grid: int = 3) -> str:
    cols = "".join('<w:gridCol w:w="1000"/>' for _ in range(grid))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl>"


def row_xml(*cells: str, props: str = "") -> str:
    return f"<w:tr>{props}{''.join(cells)}</w:tr>"


def test_nested_tables_follow_their_table_and_frames_are_unwrapped() -> None:
    inner = table_xml(row_xml(cell_xml("x"), cell_xml("y")), grid=2)
    outer = table_xml(
        row_xml(cell_xml("a"), cell_xml("b"), cell_xml("c")),
        row_xml(
            f"<w:tc><w:p><w:r><w:t>before</w:t></w:r></w:p>{inner}</w:tc>",
            cell_xml("e"),
            cell_xml("f"),
        ),
    )
    frame = table_xml(
        row_xml(f"<w:tc><w:p><w:r><w:t>framed</w:t></w:r></w:p>{outer}</w:tc>"), grid=1
    )
    document = read_document(docx_with_body("<w:p><w:r><w:t>title</w:t></w:r></w:p>", frame), "n")
    kinds = [(type(b).__name__, b.source.table or b.source.line) for b in document.blocks]
    assert kinds == [("Paragraph", 1), ("Paragraph", 2), ("Table", 1), ("Table", 2)]
    outer_read, inner_read = tables(document)
    assert [[c.text for c in row] for row in outer_read.rows] == [
        ["a", "b", "c"],
        ["before", "e", "f"],
    ]
    assert [[c.text for c in row] for row in inner_read.rows] == [["x", "y"]]
    assert inner_read.rows[0][1].source.table == 2
    assert any("nested" in note for note in document.notes)


def test_merges_grid_before_and_legacy_horizontal_merge() -> None:
    document = read_document(
        docx_with_body(
            table_xml(
                row_xml(cell_xml("A", '<w:vMerge w:val="restart"/>'), cell_xml("B"), cell_xml("C")),
                row_xml(
                    cell_xml("hidden", "<w:vMerge/>"), cell_xml("D", '<w:gridSpan w:val="2"/>')
                ),
                row_xml(
                    cell_xml("E", '<w:hMerge w:val="restart"/>'),
                    cell_xml("covered", '<w:hMerge w:val="continue"/>'),
                    cell_xml("F"),
                ),
                row_xml(cell_xml("G"), props='<w:trPr><w:gridBefore w:val="2"/></w:trPr>'),
                # a continuation with no cell above it (row 4 starts at column 3) stands alone
                row_xml(cell_xml("H", "<w:vMerge/>"), cell_xml("I"), cell_xml("J")),
            )
        ),
        "m.docx",
    )
    (table,) = tables(document)
    assert [[(c.text, c.source.row, c.source.column) for c in row] for row in table.rows] == [
        [("A", 1, 1), ("B", 1, 2), ("C", 1, 3)],
        [("D", 2, 2)],
        [("E", 3, 1), ("F", 3, 3)],
        [("G", 4, 3)],
        [("H", 5, 1), ("I", 5, 2), ("J", 5, 3)],
    ]


def test_text_is_read_as_printed() -> None:
    paragraph = (
        "<w:p><w:pPr><w:tabs><w:tab w:val='left' w:pos='100'/></w:tabs></w:pPr>"
        '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>'
        "<w:r><w:t>一、</w:t></w:r>"
        "<w:del><w:r><w:delText>删除的</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>总体</w:t></w:r></w:ins>"
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>情况</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        "<w:r><w:tab/><w:t>甲</w:t><w:br/><w:t>乙</w:t></w:r></w:p>"
    )
    control = (
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        "<w:p><w:r><w:t>控件</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )
    document = read_document(docx_with_body("<w:p/>", paragraph, control), "t.docx")
    assert [(p.text, p.source.line) for p in paragraphs(document)] == [
        ("一、总体情况\t甲\n乙", 2),
        ("控件", 3),
    ]


def test_heading_levels_from_styles_and_outline_levels() -> None:
    def styled(properties: str, text: str) -> str:
        return f"<w:p><w:pPr>{properties}</w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"

    data = docx_with_body(
        styled('<w:pStyle w:val="Heading1"/>', "一、总体情况"),
        styled('<w:pStyle w:val="Heading2"/>', "（一）主动公开"),
        styled('<w:outlineLvl w:val="0"/>', "二、主动公开"),
        styled('<w:outlineLvl w:val="9"/>', "正文"),
        styled("", "正文"),
    )
    levels = [p.heading_level for p in paragraphs(read_document(data, "h.docx"))]
    assert levels == [1, 2, 1, None, None]


def test_text_boxes_follow_their_anchor() -> None:
    box = "<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>"
    anchored = (
        '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<w:r><w:t>正文</w:t></w:r><w:r><mc:AlternateContent>"
        f'<mc:Choice Requires="wps"><w:drawing><w:x>{box}</w:x></w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>"
    )
    document = read_document(docx_with_body(anchored), "box.docx")
    assert [p.text for p in paragraphs(document)] == ["正文", "框内文字"]


def test_custom_style_based_on_a_heading() -> None:
    document = docx.Document()
    style = document.styles.add_style("报告一级标题", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Heading 2"]
    document.add_paragraph("三、收到和处理政府信息公开申请情况", style=style)
    document.add_paragraph("正文", style="Normal")
    out = io.BytesIO()
    document.save(out)
    read = paragraphs(read_document(out.getvalue(), "styled.docx"))
    assert [(p.text, p.heading_level) for p in read] == [
        ("三、收到和处理政府信息公开申请情况", 2),
        ("正文", None),
    ]


def test_sniffing_claims_docx_and_only_docx() -> None:
    data = docx_with_body("<w:p><w:r><w:t>x</w:t></w:r></w:p>")
    assert is_docx(data)
    assert detect_format(data, "no-extension") == "docx"
    other = zip_archive([("xl/workbook.xml", deflate(b"<x/>"), 4, 0)])
    assert not is_docx(other)
    assert detect_format(other, "book.zip") != "docx"
    assert not is_docx(b"PK\x03\x04 not really a zip")
    assert detect_format(data[: len(data) // 2], "cut.docx") == "docx"


# -- hostile input ------------------------------------------------------------------------

_PROPERTIES = st.sampled_from(
    [
        "",
        "<w:vMerge/>",
        '<w:vMerge w:val="restart"/>',
        '<w:gridSpan w:val="3"/>',
        '<w:gridSpan w:val="-2"/>',
        '<w:gridSpan w:val="x"/>',
        '<w:gridSpan w:val="2|3"/>',
        '<w:vMerge w:val="bogus"/>',
        '<w:hMerge w:val="continue"/>',
    ]
)
_INLINE = st.sampled_from(
    ["<w:r><w:t>5</w:t></w:r>", "<w:r><w:br/></w:r>", "<w:r><w:tab/></w:r>", "<w:del/>", ""]
)


def _structures() -> st.SearchStrategy[str]:
    paragraph = st.lists(_INLINE, max_size=3).map(lambda runs: f"<w:p>{''.join(runs)}</w:p>")

    def tables(blocks: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        cell = st.builds(
            lambda props, content: f"<w:tc><w:tcPr>{props}</w:tcPr>{content}</w:tc>",
            _PROPERTIES,
            st.lists(blocks, max_size=2).map("".join),
        )
        row = st.builds(
            lambda before, cells: f"<w:tr><w:trPr>{before}</w:trPr>{''.join(cells)}</w:tr>",
            st.sampled_from(["", '<w:gridBefore w:val="1"/>']),
            st.lists(cell, max_size=4),
        )
        return st.lists(row, max_size=4).map(lambda rows: f"<w:tbl>{''.join(rows)}</w:tbl>")

    return st.recursive(paragraph, tables, max_leaves=12)


@settings(max_examples=60, deadline=None)
@given(body=st.lists(_structures(), max_size=4))
def test_random_structures_read_or_fail_cleanly(body: list[str]) -> None:
    try:
        document = read_document(docx_with_body(*body), "random-structure.docx", "docx")
    except ReadError as error:
        assert "random-structure.docx" in str(error)
    else:
        assert document.blocks
        for table in tables(document):
            for row in table.rows:
                columns = [cell.source.column for cell in row]
                assert columns == sorted(set(columns))


def read_fails(data: bytes, tmp_path: Path, name: str = "bad.docx") -> ReadError:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as caught:
        gikaireport.read(path)
    with pytest.raises(ReadError):
        read_document(data, str(path), "docx")
    assert str(path) in str(caught.value)
    return caught.value


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in str(read_fails(b"", tmp_path))
    with pytest.raises(ReadError, match="empty"):
        read_document(b"", "empty.docx", "docx")


@settings(max_examples=50, deadline=None)
@given(data=st.binary(min_size=1, max_size=4096))
def test_random_bytes_named_docx(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"random\.docx"):
        read_document(data, "random.docx", "docx")


@pytest.fixture(scope="module")
def rendered() -> bytes:
    return render_docx(example_report("2021"))


@settings(max_examples=60, deadline=None)
@given(cut=st.floats(0.0, 0.999))
def test_truncated_docx(rendered: bytes, cut: float) -> None:
    with pytest.raises(ReadError, match=r"truncated\.docx"):
        read_document(rendered[: int(len(rendered) * cut)], "truncated.docx", "docx")


def test_truncated_docx_says_so(rendered: bytes, tmp_path: Path) -> None:
    error = read_fails(rendered[: len(rendered) - 100], tmp_path)
    assert "truncated or corrupt" in error.reason


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_corrupted_docx(rendered: bytes, data: st.DataObject) -> None:
    damaged = bytearray(rendered)
    for _ in range(data.draw(st.integers(1, 20))):
        damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    try:
        document = read_document(bytes(damaged), "damaged.docx", "docx")
    except ReadError as error:
        assert "damaged.docx" in str(error)
    else:
        assert document.blocks


def bounded(function: object, limit: int = 64 * 1024 * 1024) -> ReadError:
    """Run a failing read under tracemalloc: the error, after checking the memory peak."""
    tracemalloc.start()
    try:
        with pytest.raises(ReadError) as caught:
            function()  # type: ignore[operator]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < limit, f"peak {peak} bytes"
    return caught.value


@pytest.fixture(scope="module")
def bomb(rendered: bytes) -> bytes:
    members = [m for m in docx_members(rendered) if m[0] != "word/document.xml"]
    return zip_archive([*members, ("word/document.xml", zeros_stream(3), 3 << 30, 0)])


def test_zip_bomb_is_refused_before_inflating(bomb: bytes, tmp_path: Path) -> None:
    assert len(bomb) < 4 * 1024 * 1024
    error = bounded(lambda: read_document(bomb, "bomb.docx", "docx"))
    assert "ZIP bomb" in error.reason and "word/document.xml" in error.reason
    path = tmp_path / "bomb.docx"
    path.write_bytes(bomb)
    with pytest.raises(ReadError, match="ZIP bomb"):
        gikaireport.read(path)


def test_zip_bomb_declaring_small_sizes_stays_bounded(rendered: bytes) -> None:
    """An archive lying about its sizes: zipfile stops at the declared size."""
    members = [m for m in docx_members(rendered) if m[0] != "word/document.xml"]
    liar = zip_archive([*members, ("word/document.xml", zeros_stream(1), 50_000, 0)])
    error = bounded(lambda: read_document(liar, "liar.docx", "docx"))
    assert "liar.docx" in str(error)


def test_many_members_declaring_too_much_in_total(rendered: bytes) -> None:
    members = docx_members(rendered)
    chunk = deflate(bytes(30 << 20))
    padding = [(f"word/media/image{i}.png", chunk, 30 << 20, 0) for i in range(10)]
    error = bounded(lambda: read_document(zip_archive(members + padding), "big.docx", "docx"))
    assert "declare" in error.reason


def test_zip_without_document_part(tmp_path: Path) -> None:
    data = zip_archive([("word/styles.xml", deflate(b"<x/>"), 4, 0)])
    assert "word/document.xml" in read_fails(data, tmp_path).reason


def test_no_body(tmp_path: Path) -> None:
    empty = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    data = zip_archive(docx_members(docx_with_body(), {"word/document.xml": empty}))
    assert "no document body" in read_fails(data, tmp_path).reason


def test_strict_open_xml_is_unsupported(tmp_path: Path) -> None:
    data = render_docx(example_report("2021"))
    relations = content_of(data, "_rels/.rels").replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    )
    strict = zip_archive(docx_members(data, {"_rels/.rels": relations}))
    error = read_fails(strict, tmp_path)
    assert isinstance(error, UnsupportedFormatError) and "Strict" in error.reason


def test_empty_body(tmp_path: Path) -> None:
    assert "no text" in read_fails(docx_with_body("<w:p/>"), tmp_path).reason


def test_images_only_needs_ocr(tmp_path: Path) -> None:
    picture = "<w:p><w:r><w:drawing/></w:r></w:p>"
    error = read_fails(docx_with_body(picture, picture), tmp_path)
    assert isinstance(error, NoTextLayerError)


def test_password_protected_docx(tmp_path: Path) -> None:
    encrypted = ole_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\x00" * 64})
    error = read_fails(encrypted, tmp_path, "secret.docx")
    assert isinstance(error, EncryptedDocumentError)
    with pytest.raises(EncryptedDocumentError):
        read_document(encrypted, "secret.docx", "docx")


def test_macro_enabled_document_is_read() -> None:
    """python-docx refuses a .docm's content type; the reader parses its main part anyway."""
    data = render_docx(example_report("2021"))
    types = content_of(data, "[Content_Types].xml").replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    )
    assert b"macroEnabled" in types
    macro = zip_archive(docx_members(data, {"[Content_Types].xml": types}))
    document = read_document(macro, "macro.docm")
    assert len(tables(document)) == 3
