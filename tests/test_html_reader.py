"""The HTML reader: documents from pages and fragments, round trips of rendered reports, fuzzing."""

from __future__ import annotations

import contextlib
import datetime as dt
import signal
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.assemble import assemble
from gikaireport.assemble.normalize import to_simplified
from gikaireport.document import Document, Paragraph, Table, TableCell
from gikaireport.errors import ReadError, UnsupportedFormatError
from gikaireport.formats import FORMAT_2021, Kind, get_format
from gikaireport.model import Cell, CellStatus, Meta, Part, Report
from gikaireport.model import Table as ReportTable
from gikaireport.readers import detect_format
from gikaireport.readers.html import read
from gikaireport.readers.html_encoding import decode_html, looks_like_html
from gikaireport.testing import reports
from gikaireport.testing.html import render_html, to_traditional
from report_checks import assert_same_report

DATA = Path(__file__).parent / "data" / "html"
PORTAL = DATA / "example_county_portal.html"


# -- helpers ------------------------------------------------------------------------------------


def tables(document: Document) -> list[Table]:
    return [block for block in document.blocks if isinstance(block, Table)]


def paragraphs(document: Document) -> list[str]:
    return [block.text for block in document.blocks if isinstance(block, Paragraph)]


def grid(table: Table) -> dict[tuple[int, int], str]:
    """The table's cells by their (row, column) source position."""
    cells: dict[tuple[int, int], str] = {}
    for row in table.rows:
        for cell in row:
            assert cell.source.row is not None and cell.source.column is not None
            cells[(cell.source.row, cell.source.column)] = cell.text
    return cells


def page(body: str, charset: str = "utf-8") -> bytes:
    return (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>t</title></head>'
        f"<body>{body}</body></html>"
    ).encode("utf-8" if charset == "utf-8" else "gbk")


@contextlib.contextmanager
def hang_guard(seconds: float) -> Iterator[None]:
    """Fail instead of hanging when reading takes pathologically long (POSIX only)."""
    if not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"reading did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_hostile(data: bytes, name: str = "hostile.html") -> Document | None:
    """Read untrusted bytes: a Document or a ReadError are fine, anything else fails.

    The reader is called directly: the registry would turn any exception into a ReadError.
    """
    with hang_guard(60):
        try:
            return read(data, name)
        except ReadError as error:
            assert str(error).startswith(name)
            return None


# -- generated reports ----------------------------------------------------------------------

PART_TEXT = {
    "overview": "本年度持续推进政府信息公开工作。\n（一）主动公开。及时发布政策文件。",
    "problems": "政策解读形式较为单一。下一步将丰富解读形式。",
    "other": "本年度未收取信息处理费。",
}


@st.composite
def printed_reports(draw: st.DrawFn) -> Report:
    """Consistent reports (:func:`gikaireport.testing.reports`) with a few cells blank or
    printed as text, which the consistent strategy does not draw, and prose in the parts."""
    report = draw(reports(version=None, not_applicable=True))
    ids = list(report.spec.cell_ids)
    blanks = set(draw(st.lists(st.sampled_from(ids), max_size=8)))
    # Text in part 四's single row makes the assembler skip the whole row (it looks for a
    # row of values), so text cells are drawn only in parts 二 and 三.
    texts = set(
        draw(st.lists(st.sampled_from([i for i in ids if not i.startswith("review_")]), max_size=3))
    )
    raw = draw(st.sampled_from(("见附表", "详见说明")))

    def printed_cell(cell: Cell) -> Cell:
        if cell.id in texts:
            return Cell(cell.id, CellStatus.UNREADABLE, raw=raw)
        if cell.id in blanks:
            return Cell(cell.id, CellStatus.BLANK)
        return cell

    tables = tuple(
        attrs.evolve(table, cells=tuple(printed_cell(cell) for cell in table.cells))
        for table in report.tables
    )
    parts = tuple(attrs.evolve(part, text=PART_TEXT.get(part.id, "")) for part in report.parts)
    return attrs.evolve(report, tables=tables, parts=parts)


variants = st.fixed_dictionaries(
    {
        "encoding": st.sampled_from(("utf-8", "gbk", "gb2312")),
        "declare_charset": st.booleans(),
        "breaks": st.booleans(),
        "nbsp": st.booleans(),
        "traditional": st.booleans(),
        "page": st.booleans(),
        "review_header_rows": st.sampled_from((2, 3)),
    }
)


def printed(cell: Cell) -> str:
    """What the renderer prints for a cell, as the reader should give it back."""
    if cell.raw:
        return cell.raw
    if cell.status is CellStatus.NUMBER:
        return format(cell.value, "f") if isinstance(cell.value, Decimal) else str(cell.value)
    return "/" if cell.status is CellStatus.NOT_APPLICABLE else ""


def expected_positions(report: Report, review_rows: int) -> list[dict[tuple[int, int], str]]:
    """Where each value cell lands in the three tables' grids, worked out from the declaration:
    part 二 has a caption and a header row per block and labels in column 1; part 三 has three
    header rows and three label columns; part 四 has its header rows over one row of 15."""
    spec = report.spec
    by_id = report.cells()
    proactive: dict[tuple[int, int], str] = {}
    r, block = 0, None
    for row in spec.table("proactive").rows:
        if row.block != block:
            block, r = row.block, r + 2
        r += 1
        for j, column in enumerate(row.columns):
            proactive[(r, 2 + j)] = printed(by_id[f"proactive.{row.id}.{column.id}"])
    applications = {
        (4 + i, 4 + j): printed(by_id[f"applications.{row.id}.{column.id}"])
        for i, row in enumerate(spec.table("applications").rows)
        for j, column in enumerate(row.columns)
    }
    review_row = review_rows + 1
    review = {
        (review_row, 1 + j): printed(cell)
        for j, cell in enumerate(report.table("review_litigation").cells)
    }
    return [proactive, applications, review]


def fold(text: str) -> str:
    return to_simplified(text)


# -- round trips ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(printed_reports(), variants)
def test_rendered_reports_read_back_cell_by_cell(report: Report, options: dict[str, Any]) -> None:
    document = read(render_html(report, **options), "report.html")
    found = tables(document)
    assert len(found) == (4 if options["page"] else 3)
    for table, expected in zip(
        found[-3:], expected_positions(report, options["review_header_rows"]), strict=True
    ):
        cells = grid(table)
        for position, text in expected.items():
            assert fold(cells[position]) == text, position
    # every part 三 row's label is in the label columns of its own grid row
    applications = grid(found[-2])
    for i, row in enumerate(report.spec.table("applications").rows):
        labels = "".join(fold(applications.get((4 + i, c), "")) for c in (1, 2, 3))
        assert row.label.text in labels.replace("\n", "")
    if options["breaks"]:
        assert any("\n" in cell.text for row in found[-2].rows for cell in row)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(printed_reports(), variants)
def test_rendered_reports_assemble_to_equal_values(report: Report, options: dict[str, Any]) -> None:
    read_back = assemble(read(render_html(report, **options), "report.html"))
    assert_same_report(report, read_back)
    assert read_back.meta.year == report.meta.year
    assert fold(read_back.meta.agency or "") == report.meta.agency
    assert read_back.meta.published == report.meta.published
    assert [part.id for part in read_back.parts] == [part.id for part in report.parts]


def test_traditional_rendering_maps_back_for_every_label() -> None:
    for spec in (FORMAT_2021, get_format("2019")):
        for cell in spec.cells():
            for text in (cell.row.printed, cell.column.label.text, cell.row.group or ""):
                assert to_simplified(to_traditional(text)) == text
    assert to_traditional("本年制发件数") == "本年製發件數"


# -- tables -------------------------------------------------------------------------------------


SPANS = """
<table>
<tr><td rowspan="2">A</td><td colspan="2">B</td><td rowspan="3">C</td></tr>
<tr><td>D</td><td>E</td></tr>
<tr><td colspan="2">F</td><td>G</td></tr>
<tr><td>H</td><td rowspan="0">I</td><td>J</td><td>K</td></tr>
<tr><td>L</td><td>M</td></tr>
</table>
"""


def test_spans_give_grid_positions_and_each_cell_once() -> None:
    (table,) = tables(read(SPANS.encode(), "spans.html"))
    rows = [
        [(cell.text, cell.source.row, cell.source.column) for cell in row] for row in table.rows
    ]
    assert rows == [
        [("A", 1, 1), ("B", 1, 2), ("C", 1, 4)],
        [("D", 2, 2), ("E", 2, 3)],
        [("F", 3, 1), ("G", 3, 3)],
        [("H", 4, 1), ("I", 4, 2), ("J", 4, 3), ("K", 4, 4)],
        [("L", 5, 1), ("M", 5, 3)],
    ]
    assert all(cell.source.table == 1 for row in table.rows for cell in row)


def test_sections_in_display_order_and_spans_kept_within_a_section() -> None:
    html = """<table>
      <tfoot><tr><td>foot</td><td>f2</td></tr></tfoot>
      <thead><tr><th rowspan="5">head</th><th>h2</th></tr></thead>
      <tbody><tr><td>body</td><td>b2</td></tr></tbody>
    </table>"""
    (table,) = tables(read(html.encode(), "sections.html"))
    assert [[c.text for c in row] for row in table.rows] == [
        ["head", "h2"],
        ["body", "b2"],
        ["foot", "f2"],
    ]
    assert table.rows[1][0].source.column == 1  # the head's rowspan stops at the end of <thead>


@pytest.mark.parametrize(
    ("attributes", "columns"),
    [
        ('colspan="abc"', [1, 2]),
        ('colspan=" 2"', [1, 3]),
        ('colspan="2.7"', [1, 3]),
        ('colspan="0"', [1, 2]),
        ('colspan="99999999999"', [1, 1001]),
    ],
)
def test_span_attributes_parse_like_browsers(attributes: str, columns: list[int]) -> None:
    html = f"<table><tr><td {attributes}>x</td><td>y</td></tr><tr><td>1</td><td>2</td></tr></table>"
    (table,) = tables(read(html.encode(), "span.html"))
    assert [cell.source.column for cell in table.rows[0]] == columns


def test_cell_text_lines_and_spaces() -> None:
    html = (
        "<table><tr><td>一、本年新收<br>政府信息&nbsp;&nbsp;公开\u3000申请<p>数量</p></td>"
        "<td> <p>&nbsp;</p> </td><td>\n  12\n </td></tr>"
        "<tr><td><span>3.</span><span>危及</span>“三安全一稳定”</td><td>0</td><td></td></tr></table>"
    )
    (table,) = tables(read(html.encode(), "cells.html"))
    assert [cell.text for cell in table.rows[0]] == [
        "一、本年新收\n政府信息 公开 申请\n数量",
        "",
        "12",
    ]
    assert [cell.text for cell in table.rows[1]] == ["3.危及“三安全一稳定”", "0", ""]


def test_layout_tables_are_looked_into_and_data_tables_kept() -> None:
    data = "<table><tr><td>规章</td><td>1</td></tr><tr><td>行政许可</td><td>2</td></tr></table>"
    html = f"""<table width="1000"><tr><td>网站首页</td></tr>
      <tr><td><h2>二、主动公开政府信息情况</h2>{data}<p>说明文字。</p></td></tr></table>
      <table><tr><td><p>一个单元格的表格只是一个框。</p></td></tr></table>"""
    document = read(html.encode(), "layout.html")
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Table", "Paragraph", "Paragraph"]
    assert paragraphs(document) == [
        "网站首页",
        "二、主动公开政府信息情况",
        "说明文字。",
        "一个单元格的表格只是一个框。",
    ]
    assert document.blocks[1].heading_level == 2  # type: ignore[union-attr]
    (table,) = tables(document)
    assert [[c.text for c in row] for row in table.rows] == [["规章", "1"], ["行政许可", "2"]]


def test_a_table_inside_a_data_table_cell_makes_the_outer_one_layout() -> None:
    inner = "".join(
        f"<tr><td>{label}</td><td>{a}</td><td>{b}</td></tr>"
        for label, a, b in (
            ("信息内容", "本年制发件数", "本年废止件数"),
            ("规章", "0", "1"),
            ("行政规范性文件", "2", "3"),
            ("行政许可", "4", "5"),
        )
    )
    outer = "外层单元格里的说明文字。" * 4
    html = f"<table><tr><td>{outer}</td><td><table>{inner}</table></td></tr></table>"
    document = read(html.encode(), "nested.html")
    (table,) = tables(document)
    assert [c.text for c in table.rows[-1]] == ["行政许可", "4", "5"]
    assert paragraphs(document) == [outer]


def test_word_spacer_rows_are_skipped() -> None:
    html = """<table><tr><td>规章</td><td>1</td></tr>
      <tr height=0><td width=64 style='border:none'></td><td width=64></td></tr></table>"""
    (table,) = tables(read(html.encode(), "spacer.html"))
    assert len(table.rows) == 1


# -- text and structure -----------------------------------------------------------------------


def test_paragraphs_breaks_headings_and_lines() -> None:
    html = (
        "<html><body>\n<h1>示例县人民政府2023年政府信息公开工作年度报告</h1>\n"
        "<p>一、总体情况<br/>本年度，我县  持续推进\n政务公开。</p>\n"
        "<div>直接写在 div 里的文字<span>和行内元素</span></div>尾随文字\n"
        "<pre>第一行\n第二行</pre>\n</body></html>"
    )
    document = read(html.encode(), "text.html")
    assert paragraphs(document) == [
        "示例县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "本年度，我县 持续推进 政务公开。",
        "直接写在 div 里的文字和行内元素",
        "尾随文字",
        "第一行",
        "第二行",
    ]
    lines = [block.source.line for block in document.blocks]
    assert lines[:3] == [2, 3, 3]
    assert document.blocks[0].heading_level == 1  # type: ignore[union-attr]
    assert document.format == "html" and document.path == "text.html"


def test_scripts_styles_forms_and_hidden_elements_are_not_content() -> None:
    html = """<p>正文一</p><script>var x = "脚本";</script><style>p { color: red }</style>
      <noscript>请启用脚本</noscript><select><option>选项</option></select>
      <div style="display: none">隐藏的打印版</div><p hidden>隐藏</p>
      <span style="visibility:hidden">不可见</span><p>正文二</p>"""
    assert paragraphs(read(html.encode(), "clutter.html")) == ["正文一", "正文二"]


def test_a_form_wrapping_the_whole_page_is_kept() -> None:
    report = "".join(f"<p>第{i}段正文，内容较长，用于说明情况。</p>" for i in range(20))
    html = f'<form id="form1" method="post"><input type="hidden" value="x">{report}</form>'
    assert len(paragraphs(read(page(html), "form.html"))) == 20


def test_bare_fragments() -> None:
    (table,) = tables(read("<table><tr><td>规章</td><td>0</td></tr></table>".encode(), "t.html"))
    assert [[c.text for c in row] for row in table.rows] == [["规章", "0"]]
    document = read("<p>一、总体情况</p><p>正文。</p>".encode(), "p.html")
    assert paragraphs(document) == ["一、总体情况", "正文。"]
    assert [b.source.line for b in document.blocks] == [1, 1]


def test_text_without_markup_is_read_line_by_line() -> None:
    document = read(
        "一、总体情况\n\n  正文　第一段。\n二、主动公开政府信息情况\n".encode(), "plain.html"
    )
    assert paragraphs(document) == ["一、总体情况", "正文 第一段。", "二、主动公开政府信息情况"]
    assert [b.source.line for b in document.blocks] == [1, 3, 4]


def test_empty_input_gives_an_empty_document() -> None:
    assert read(b"", "empty.html").blocks == ()
    assert read(b"<html><body></body></html>", "empty.html").blocks == ()


# -- charsets -----------------------------------------------------------------------------------

TEXT = "政府信息公开工作年度报告 本年制發件數"  # 發/數 are GBK but not GB2312


@pytest.mark.parametrize(
    ("data", "how"),
    [
        (page(f"<p>{TEXT}</p>", "gbk"), "gb18030 (declared)"),
        (page(f"<p>{TEXT}</p>", "gb2312").replace(b"utf-8", b"gb2312"), "gb18030 (declared)"),
        (f"<html><body><p>{TEXT}</p></body></html>".encode("gbk"), "gb18030 (detected)"),
        (f"<p>{TEXT}</p>".encode("gb18030"), "gb18030 (detected)"),
        (page(f"<p>{TEXT}</p>"), "utf-8 (declared)"),
        (f"<p>{TEXT}</p>".encode(), "utf-8 (detected)"),
        (
            f'<meta charset="gb2312"><p>{TEXT}</p>'.encode(),
            "utf-8 (declared gb18030, bytes are utf-8)",
        ),
        (f'<meta charset="utf-8"><p>{TEXT}</p>'.encode("gbk"), "gb18030 (detected)"),
        (f'<?xml version="1.0" encoding="gbk"?><p>{TEXT}</p>'.encode("gbk"), "gb18030 (declared)"),
        (b"\xef\xbb\xbf" + f"<p>{TEXT}</p>".encode(), "utf-8 (byte order mark)"),
        (f"\ufeff<p>{TEXT}</p>".encode("utf-16-le"), "utf-16-le (byte order mark)"),
        (f"\ufeff<p>{TEXT}</p>".encode("utf-16-be"), "utf-16-be (byte order mark)"),
        (f"<html><body><p>{TEXT}</p></body></html>".encode("utf-16-le"), "utf-16-le (zero bytes)"),
        (f"<html><body><p>{TEXT}</p></body></html>".encode("utf-16-be"), "utf-16-be (zero bytes)"),
    ],
)
def test_charsets(data: bytes, how: str) -> None:
    document = read(data, "charset.html")
    assert paragraphs(document) == [TEXT]
    assert f"encoding: {how}" in document.notes


def test_a_stray_bad_byte_is_tolerated() -> None:
    data = ("<p>" + "政府信息公开" * 100 + "</p>").encode("gbk") + b"\xff<p>end</p>"
    text, how = decode_html(data, "stray.html")
    assert "with undecodable bytes replaced" in how
    assert text.startswith("<p>政府信息公开")


def test_binary_data_is_refused() -> None:
    noise = bytes(range(256)) * 40
    with pytest.raises(UnsupportedFormatError, match=r"noise\.html"):
        read(noise, "noise.html")


@pytest.mark.parametrize(
    "start",
    [
        b"<!DOCTYPE html>",
        b"<!doctype HTML PUBLIC",
        b"  \n<html>",
        b"<HTML lang=zh>",
        b"<table>",
        b"<body>",
        b'<meta charset="gbk">',
        b"\xef\xbb\xbf<html>",
        b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN">',
        b"<!-- saved from url=(0040)http://www.example.gov.cn/ -->\r\n<html>",
        "<html>".encode("utf-16"),
        "<html>".encode("utf-16-be"),
        "\n<table>".encode("utf-16-le"),
    ],
)
def test_sniff_recognises_html(start: bytes) -> None:
    assert looks_like_html(start + b"<p>x</p>" * 3)
    assert detect_format(start + b"<p>x</p>" * 3, "report.bin") == "html"


@pytest.mark.parametrize(
    "start",
    [
        b"%PDF-1.7",
        b"PK\x03\x04",
        "一、总体情况\n<html>".encode(),
        b"<p>fragment</p>",
        b"",
        b"<",
        b"<htm",
    ],
)
def test_sniff_refuses_other_content(start: bytes) -> None:
    assert not looks_like_html(start)


def test_extensions_route_fragments_to_the_html_reader() -> None:
    for extension in (".html", ".htm", ".shtml", ".xhtml"):
        assert detect_format("<p>一、总体情况</p>".encode(), f"report{extension}") == "html"
    assert detect_format("<p>一、总体情况</p>".encode(), "report.txt") == "text"


def test_importing_the_package_does_not_import_lxml() -> None:
    code = "import sys, gikaireport, gikaireport.readers; print('lxml' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- a portal page ------------------------------------------------------------------------------


def test_body_is_found_on_a_cluttered_portal_page() -> None:
    document = read(PORTAL.read_bytes(), PORTAL.name)
    texts = paragraphs(document)
    assert texts[0] == "示例县人民政府办公室2022年政府信息公开工作年度报告"
    assert texts[-2:] == ["示例县人民政府办公室", "2023年1月18日"]
    clutter = (
        "位置",
        "首页",
        "字体",
        "打印",
        "关闭",
        "版权",
        "网站标识码",
        "咨询电话",
        "浏览器",
        "收藏",
    )
    assert not [text for text in texts if any(word in text for word in clutter)]
    headings = [
        text for text in texts if text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")
    ]
    assert [h[0] for h in headings] == list("一二三四五六")
    assert "encoding: gb18030 (declared)" in document.notes
    meta, proactive, applications, review = tables(document)
    assert any("table 1" in note and "metadata" in note for note in document.notes)
    assert grid(meta)[(2, 2)] == "示例县人民政府办公室"
    assert grid(proactive)[(4, 4)] == "12" and grid(proactive)[(14, 2)] == "35.6"
    cells = grid(applications)
    assert cells[(1, 1)].startswith("（本列数据的勾稽关系为") and "\n" in cells[(1, 1)]
    assert cells[(4, 1)] == "一、本年新收政府信息公开申请数量" and cells[(4, 10)] == "8"
    assert cells[(6, 1)] == "三、本年度办理结果" and (7, 1) not in cells
    assert cells[(26, 3)] == "3.其他" and cells[(26, 4)] == ""
    assert len(review.rows[-1]) == 15 and grid(review)[(4, 9)] == "1"


def test_portal_page_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "nb.html"
    path.write_bytes(PORTAL.read_bytes())
    report = gikaireport.read(path)
    assert report.source_format == "html"
    assert report.meta.year == 2022 and report.meta.agency == "示例县人民政府办公室"
    assert report.meta.published == dt.date(2023, 1, 18)
    values = report.values()
    assert values["applications.new_received.total"] == 8
    assert values["applications.results.other.other.total"] is None
    assert report.cell("applications.results.other.other.total").status is CellStatus.BLANK
    assert report.cell("proactive.coercion.decisions").status is CellStatus.NOT_APPLICABLE
    assert values["proactive.fees.amount"] == Decimal("35.6")
    assert values["review_litigation.litigation_direct.total"] == 1
    assert report.cell("applications.carried_forward.total").source is not None
    assert not report.deviations


def sample_report() -> Report:
    """A fixed 2021 report: cell n holds n, every seventh cell is blank."""
    spec = FORMAT_2021
    cells = []
    for n, cell in enumerate(spec.cells()):
        if n % 7 == 3:
            cells.append(Cell(cell.id, CellStatus.BLANK))
        elif cell.kind is Kind.DECIMAL:
            cells.append(Cell(cell.id, CellStatus.NUMBER, Decimal(n) / 10))
        else:
            cells.append(Cell(cell.id, CellStatus.NUMBER, n))
    report_tables = tuple(
        ReportTable(t.id, tuple(c for c in cells if c.id.startswith(f"{t.id}.")))
        for t in spec.tables
    )
    parts = tuple(
        Part(
            p.id, f"{p.number}、{p.title.text}", f"{p.number}、", "本部分的正文，说明有关情况。" * 8
        )
        for p in spec.parts
    )
    meta = Meta(agency="示例县人民政府", year=2023, published=dt.date(2024, 1, 20))
    return Report("2021", meta, parts, report_tables)


def assemble_page(html: str) -> Report:
    return assemble(read(html.encode(), "page.html"))


def test_a_report_split_over_sibling_containers_is_kept_whole() -> None:
    report = sample_report()
    fragment = render_html(report, page=False).decode()
    head, rest = fragment.split('<p style="text-indent:2em;"><strong>二、', 1)
    footer = "主办单位：示例县人民政府办公室，地址：示例县人民路一号，联系电话：0000-0000000。" * 6
    html = (
        f'<html><body><div class="top"><a href="/">首页</a></div><div class="box">'
        f'<div class="part1">{head}</div>'
        f'<div class="parts"><p style="text-indent:2em;"><strong>二、{rest}</div></div>'
        f'<div class="foot">{footer}</div></body></html>'
    )
    read_back = assemble_page(html)
    assert read_back.values() == report.values()
    assert read_back.meta.year == 2023 and read_back.meta.agency == "示例县人民政府"
    assert [part.id for part in read_back.parts] == [part.id for part in report.parts]


def test_an_html5_article_with_its_own_header_and_footer() -> None:
    report = sample_report()
    fragment = render_html(report, page=False).decode()
    html = f"""<!doctype html><html><body>
      <header><h1>示例县人民政府门户网站</h1><nav><a href="/">首页</a></nav></header>
      <main><article><header><h1>示例县人民政府2023年政府信息公开工作年度报告</h1>
      <p>来源：县政府办 发布时间：2024-01-20</p></header>
      <div class="TRS_Editor">{fragment}</div>
      <footer>【<a href="#">打印</a>】【<a href="#">关闭</a>】</footer></article></main>
      <footer><p>版权所有：示例县人民政府 地址：示例县人民路1号 备案号：示ICP备0000号</p></footer>
    </body></html>"""
    document = read(html.encode(), "article.html")
    texts = paragraphs(document)
    assert texts[0] == "示例县人民政府2023年政府信息公开工作年度报告"
    assert not [t for t in texts if "版权所有" in t or "打印" in t or t == "示例县人民政府门户网站"]
    read_back = assemble(document)
    assert read_back.values() == report.values()
    assert read_back.meta.published == dt.date(2024, 1, 20)


def test_a_report_whose_tables_are_images_keeps_its_text() -> None:
    html = (
        """<html><body><div class="nav">"""
        + "".join(f'<a href="/{i}">栏目{i}</a>' for i in range(40))
        + """</div><div class="content"><h2>示例县人民政府2023年政府信息公开工作年度报告</h2>
      <p>一、总体情况</p><p>本年度持续推进政府信息公开工作，及时发布政策文件。</p>
      <p>二、主动公开政府信息情况</p><p><img src="table1.png"></p>
      <p>三、收到和处理政府信息公开申请情况</p><p><img src="table2.png"></p></div>
      <div class="foot">版权所有 示例县人民政府</div></body></html>"""
    )
    texts = paragraphs(read(html.encode(), "images.html"))
    assert texts[0] == "示例县人民政府2023年政府信息公开工作年度报告"
    assert texts[-1] == "三、收到和处理政府信息公开申请情况"


# -- hostile input ------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096))
def test_random_bytes_raise_only_read_errors(data: bytes) -> None:
    read_hostile(data)


TAGS = (
    "p",
    "div",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "thead",
    "br",
    "span",
    "h1",
    "nav",
    "form",
    "script",
    "pre",
    "b",
    "caption",
    "footer",
)
ATTRIBUTES = (
    'rowspan="{n}"',
    'colspan="{n}"',
    'style="display:none"',
    'class="title"',
    "hidden",
    "",
)

markup = st.lists(
    st.one_of(
        st.builds(
            lambda tag, attribute, n: f"<{tag} {attribute.format(n=n)}>",
            st.sampled_from(TAGS),
            st.sampled_from(ATTRIBUTES),
            st.integers(-2, 70000),
        ),
        st.sampled_from(TAGS).map(lambda tag: f"</{tag}>"),
        st.text(alphabet="一二三总计规章0123456789/ <>&;\n\u3000\xa0", max_size=12),
    ),
    max_size=200,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(markup, st.sampled_from(("utf-8", "gbk", "utf-16")))
def test_random_markup_reads_or_raises_read_errors(text: str, encoding: str) -> None:
    document = read_hostile(text.encode(encoding, errors="replace"))
    if document is not None:
        for table in tables(document):
            positions = [(c.source.row, c.source.column) for row in table.rows for c in row]
            assert len(positions) == len(set(positions))


@settings(max_examples=100, deadline=None)
@given(
    st.integers(0, 60_000),
    st.lists(st.tuples(st.integers(0, 60_000), st.integers(0, 255)), max_size=20),
)
def test_broken_portal_pages_read_or_raise_read_errors(
    cut: int, flips: list[tuple[int, int]]
) -> None:
    data = bytearray(PORTAL.read_bytes()[:cut])
    for position, value in flips:
        if position < len(data):
            data[position] = value
    read_hostile(bytes(data))


PATHOLOGICAL = {
    "deep divs": "<div>" * 100_000 + "正文" + "</div>" * 100_000,
    "deep tables": "<table><tr><td>" * 20_000 + "1" + "</td></tr></table>" * 20_000,
    "unclosed nesting": "<span><p>" * 50_000,
    "huge spans": "<table>" + '<tr><td rowspan="65534" colspan="1000">1</td></tr>' * 3_000,
    "wide rows": "<table>" + "<tr>" + '<td colspan="1000">1</td>' * 5_000 + "</tr>" * 200,
    "long table": "<table>" + "<tr><td>规章</td><td>1</td></tr>" * 20_000 + "</table>",
    "long paragraph": "<p>" + "政府信息公开" * 400_000 + "</p>",
    "many paragraphs": "<p>a" * 100_000,
    "endless meta": "<meta charset=" + "x" * 100_000,
    "endless comments": "<!--" * 100_000,
    "endless cdata": "<![CDATA[" + "<" * 100_000,
    "huge character reference": "&#" + "9" * 100_000 + ";",
}


@pytest.mark.parametrize("html", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_pages_finish(html: str) -> None:
    read_hostile(html.encode())


def test_spans_beyond_the_budget_raise_a_read_error() -> None:
    html = "<table>" + '<tr><td rowspan="65534" colspan="1000">1</td><td>2</td></tr>' * 30_000
    with hang_guard(60), pytest.raises(ReadError, match="too large"):
        read(html.encode(), "spans.html")


def test_read_document_wraps_reader_errors(tmp_path: Path) -> None:
    path = tmp_path / "noise.html"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ReadError, match=r"noise\.html"):
        gikaireport.read(path)


def test_table_cells_are_document_cells() -> None:
    (table,) = tables(read(SPANS.encode(), "spans.html"))
    assert isinstance(table.rows[0][0], TableCell)
    assert table.source.line == 2 and table.source.table == 1


def test_a_table_of_values_printed_with_units_or_dashes_anchors_the_body() -> None:
    # The values are what the lexicon calls values (3件, 一 alone): the table is data, so the
    # body holds it even though the prose beside it has most of the page's text.
    prose = "本机关认真贯彻落实政府信息公开条例，主动公开政府信息，依法办理申请。" * 12
    rows = "".join(
        f"<tr><td>{label}</td><td>{value}</td></tr>"
        for label, value in (
            ("本年新收政府信息公开申请数量", "3件"),
            ("上年结转政府信息公开申请数量", "5件"),
            ("予以公开的申请数量", "12件"),
            ("部分公开的申请数量", "一"),
            ("不予公开的申请数量", "7件"),
        )
    )
    html = (
        f'<div class="wrap"><div class="text"><p>{prose}</p></div>'
        f'<div class="data"><table border="1">{rows}</table></div></div>'
        '<div class="foot"><a href="/">首页</a></div>'
    )
    document = read(page(html), "units.html")
    [table] = tables(document)
    assert grid(table)[(1, 2)] == "3件" and grid(table)[(4, 2)] == "一"
    assert paragraphs(document) == [prose]
