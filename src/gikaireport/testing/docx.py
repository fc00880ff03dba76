"""Render reports as DOCX files laid out like the national template, for tests and benchmarks.

:func:`render_docx` builds a Word document from a :class:`~gikaireport.model.Report` and its
format declaration (``report.spec``): the title, a preamble with the statistics period,
headings 一 to 六 with each part's text, the three tables with their merged cells as the
national template has them, and the 落款 (issuing body and date). Numbers print as digits,
not-applicable cells as ``/``, blank and absent cells stay empty.

:func:`fill_template` writes a report's cells into a copy of the real template file (the
``.docx`` the national notice distributes), so that tests exercise Word's own table markup.

:func:`convert_docx` turns the DOCX into PDF or DOC with LibreOffice.

:func:`table_grids` is the layout both use: every table as rows of :class:`GridCell`, each
naming the canonical cell id it prints, so that a test can check a reader cell by cell.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal

import docx
from attrs import frozen
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

from gikaireport.formats.spec import FormatSpec, Row, TableSpec, canonical_id
from gikaireport.model import Cell, CellStatus, Report
from gikaireport.readers.doc import convert
from gikaireport.testing.wording import chinese_date, report_title

__all__: list[str] = []

_WIDTH = 9740
"""Usable page width in twips (A4 with 1.9 cm margins), as in the national template."""
_CELL_MARGIN = 28
"""Left and right cell padding in twips, narrow so that six digits fit part 四's columns."""
_TABLE_FONT = Pt(9)


@frozen
class GridCell:
    """One ``w:tc`` of a rendered table.

    Attributes:
        text: what the cell prints.
        span: how many grid columns it covers (``w:gridSpan``).
        merge: ``"restart"`` for the first cell of a vertical merge, ``"continue"`` for the
            cells it covers below (printed empty), ``None`` otherwise.
        cell_id: the canonical id of the report cell printed here, for value cells.

    """

    text: str
    span: int = 1
    merge: str | None = None
    cell_id: str | None = None


Grid = tuple[tuple[GridCell, ...], ...]


def printed(cell: Cell) -> str:
    """How a report cell is printed: digits, ``/`` when not applicable, empty when blank."""
    if isinstance(cell.value, Decimal):
        return format(cell.value, "f")  # never exponent notation
    if cell.status is CellStatus.NUMBER:
        return str(cell.value)
    if cell.status is CellStatus.NOT_APPLICABLE:
        return cell.raw.strip() or "/"
    if cell.status is CellStatus.UNREADABLE:
        return cell.raw
    return ""


def _spans(count: int, width: int) -> list[int]:
    """Spread ``count`` cells over ``width`` grid columns, the last one taking the rest."""
    base = max(1, width // count)
    return [base] * (count - 1) + [width - base * (count - 1)]


def _proactive(table: TableSpec, report: Report) -> Grid:
    width = max(len(row.columns) for row in table.rows)
    rows: list[tuple[GridCell, ...]] = []
    for index, row in enumerate(table.rows):
        spans = _spans(len(row.columns), width)
        if index == 0 or row.block != table.rows[index - 1].block:
            block = row.block
            rows.append((GridCell(block or "", width + 1),))
            rows.append(
                (
                    GridCell(table.captions.label_column),
                    *(GridCell(c.label.text, s) for c, s in zip(row.columns, spans, strict=True)),
                )
            )
        rows.append((GridCell(row.label.text), *_values(report, table, row, spans)))
    return tuple(rows)


def _values(
    report: Report, table: TableSpec, row: Row, spans: Iterable[int] | None = None
) -> Iterator[GridCell]:
    spans = spans or [1] * len(row.columns)
    for column, span in zip(row.columns, spans, strict=True):
        cell_id = canonical_id(table.id, row.id, column.id)
        yield GridCell(printed(report.cell(cell_id)), span, cell_id=cell_id)


def _applications(table: TableSpec, report: Report) -> Grid:
    columns = table.rows[0].columns
    natural, organisations, total = columns[0], columns[1:-1], columns[-1]
    captions = table.captions
    rows: list[tuple[GridCell, ...]] = [
        (GridCell(captions.label_column, 3, "restart"), GridCell(captions.columns, len(columns))),
        (
            GridCell("", 3, "continue"),
            GridCell(natural.label.text, merge="restart"),
            GridCell(captions.column_group, len(organisations)),
            GridCell(total.label.text, merge="restart"),
        ),
        (
            GridCell("", 3, "continue"),
            GridCell("", merge="continue"),
            *(GridCell(column.label.text) for column in organisations),
            GridCell("", merge="continue"),
        ),
    ]
    group_sizes: dict[str | None, int] = {}
    for row in table.rows:
        group_sizes[row.group] = group_sizes.get(row.group, 0) + 1
    in_results = False
    group: str | None = None
    for row in table.rows:
        values = tuple(_values(report, table, row))
        if not row.id.startswith("results."):
            rows.append((GridCell(row.printed, 3), *values))
            continue
        first = (
            GridCell("", merge="continue")
            if in_results
            else GridCell(captions.row_group, merge="restart")
        )
        in_results = True
        if row.group == captions.row_group or row.group is None:
            rows.append((first, GridCell(row.printed, 2), *values))
        elif group_sizes[row.group] == 1 and not row.number:
            rows.append((first, GridCell(row.group, 2), *values))
        else:
            caption = (
                GridCell("", merge="continue")
                if row.group == group
                else GridCell(row.group, merge="restart")
            )
            rows.append((first, caption, GridCell(row.printed), *values))
        group = row.group
    return tuple(rows)


def _review_litigation(table: TableSpec, report: Report) -> Grid:
    fields = table.rows[0].columns
    top: list[GridCell] = []
    middle: list[GridCell] = []
    bottom: list[GridCell] = []
    index = 0
    while index < len(table.rows):
        row = table.rows[index]
        if row.group is None:
            top.append(GridCell(row.label.text, len(fields)))
            middle.extend(GridCell(field.label.text, merge="restart") for field in fields)
            bottom.extend(GridCell("", merge="continue") for _ in fields)
            index += 1
            continue
        members = [row]
        while index + len(members) < len(table.rows) and (
            table.rows[index + len(members)].group == row.group
        ):
            members.append(table.rows[index + len(members)])
        top.append(GridCell(row.group, len(fields) * len(members)))
        for member in members:
            middle.append(GridCell(member.label.text, len(fields)))
            bottom.extend(GridCell(field.label.text) for field in fields)
        index += len(members)
    values = [cell for row in table.rows for cell in _values(report, table, row)]
    return (tuple(top), tuple(middle), tuple(bottom), tuple(values))


def table_grids(report: Report) -> tuple[Grid, Grid, Grid]:
    """Lay out the three tables of ``report`` as the national template prints them.

    Part 二: per block a caption row, a header row (信息内容 and the column labels) and the
    data rows, single-column blocks spanning the three value columns. Part 三: three header
    rows (the 勾稽关系 note and 自然人 / 总计 spanning them vertically, 法人或其他组织 over its
    five columns), then one row per data row with 三、本年度办理结果 and the group captions
    spanning their rows vertically. Part 四: the block captions, the 行政复议 fields and the
    行政诉讼 sub-blocks spanning two rows, the fields, and one row of 15 numbers.
    """
    spec: FormatSpec = report.spec
    return (
        _proactive(spec.table("proactive"), report),
        _applications(spec.table("applications"), report),
        _review_litigation(spec.table("review_litigation"), report),
    )


def _column_widths(grid: Grid) -> list[int]:
    columns = sum(cell.span for cell in grid[0])
    if columns == 10:  # part 三: the label columns are wider, as in the template
        return [754, 921, 3271] + [685] * 7
    first = _WIDTH // 4 if columns == 4 else _WIDTH // columns
    rest = (_WIDTH - first) // (columns - 1)
    return [first] + [rest] * (columns - 1)


def _add_table(document: WordDocument, grid: Grid) -> WordTable:
    widths = _column_widths(grid)
    table: WordTable = document.add_table(rows=0, cols=len(widths))
    table.style = "Table Grid"
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(_CELL_MARGIN))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    for column, width in zip(table._tbl.tblGrid.iterchildren(qn("w:gridCol")), widths, strict=True):
        column.set(qn("w:w"), str(width))
    for cells in grid:
        tr = table._tbl.add_tr()
        start = 0
        for cell in cells:
            tc = tr.add_tc()
            tc.width = Twips(sum(widths[start : start + cell.span]))
            if cell.span > 1:
                tc.grid_span = cell.span
            if cell.merge is not None:
                tc.vMerge = cell.merge
            if cell.text:
                paragraph = _Cell(tc, table).paragraphs[0]
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
                paragraph.add_run(cell.text).font.size = _TABLE_FONT
            start += cell.span
    return table


def _set_fonts(document: WordDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.size = Pt(12)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), "宋体")
    section = document.sections[0]
    section.page_width, section.page_height = Twips(11906), Twips(16838)
    section.left_margin = section.right_margin = Twips((11906 - _WIDTH) // 2)


def _part_text(report: Report, part_id: str) -> list[str]:
    part = report.part(part_id)
    if part is None:
        return []
    return [line.strip() for line in part.text.splitlines() if line.strip()]


def _preamble(report: Report) -> str | None:
    meta = report.meta
    if meta.period_start is None or meta.period_end is None:
        return None
    start, end = chinese_date(meta.period_start), chinese_date(meta.period_end)
    return f"本报告中所列数据的统计期限自{start}起至{end}止。"


def _signature(report: Report) -> list[str]:
    meta = report.meta
    lines = [meta.signed_by or meta.agency or ""]
    if meta.published is not None:
        lines.append(chinese_date(meta.published))
    return [line for line in lines if line]


def render_docx(report: Report) -> bytes:
    """Render ``report`` as DOCX bytes laid out like the national template."""
    document = docx.Document()
    _set_fonts(document)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(report_title(report)).bold = True
    preamble = _preamble(report)
    if preamble:
        document.add_paragraph(preamble)
    grids = dict(
        zip(("proactive", "applications", "review_litigation"), table_grids(report), strict=True)
    )
    for part in report.spec.parts:
        document.add_heading(f"{part.number}、{part.title.text}", level=1)
        if part.id in grids:
            _add_table(document, grids[part.id])
        for line in _part_text(report, part.id):
            document.add_paragraph(line)
    for line in _signature(report):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def convert_docx(data: bytes, target: str = "pdf") -> bytes:
    """Convert DOCX bytes (from :func:`render_docx`) with LibreOffice: to PDF by default.

    ``target`` is LibreOffice's ``--convert-to`` argument (``"pdf"``, ``"doc:MS Word 97"``,
    ``"odt"``). Raises :class:`~gikaireport.errors.MissingDependencyError` without LibreOffice.
    """
    return convert(data, "<rendered DOCX>", "docx", target)


def _key(text: str) -> str:
    return "".join(text.split())


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _set_text(paragraph: Paragraph, text: str) -> None:
    """Replace a paragraph's runs by one run of ``text`` formatted like the first of them."""
    runs = paragraph.runs
    properties = runs[0]._r.rPr if runs else None
    for run in runs:
        _remove(run._r)
    run = paragraph.add_run(text)
    if properties is not None:
        run._r.insert(0, properties)


def _write(cell: _Cell, text: str) -> None:
    """Replace a template cell's text, keeping its paragraph and run formatting."""
    first, *others = cell.paragraphs
    for paragraph in others:
        _remove(paragraph._p)
    _set_text(first, text)


def _tcs(table: WordTable) -> list[list[_Cell]]:
    return [[_Cell(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]


def _fill_rows(table: WordTable, spec: TableSpec, report: Report) -> None:
    rows = _tcs(table)
    for row in spec.rows:
        forms = {_key(row.printed), _key(row.label.text)}
        for tcs in rows:
            if any(_key(tc.text) in forms for tc in tcs[: len(tcs) - len(row.columns)]):
                cells = tcs[len(tcs) - len(row.columns) :]
                for tc, grid_cell in zip(cells, _values(report, spec, row), strict=True):
                    _write(tc, grid_cell.text)
                break
        else:
            raise ValueError(f"the template has no row labelled {row.printed!r}")


def fill_template(template: str | os.PathLike[str], report: Report) -> bytes:
    """Fill the real template file with ``report``'s cells, title, part texts and 落款.

    Rows are found by their printed labels; the value cells are the last cells of each row
    (part 四: the last row's 15 cells). The title paragraph takes the report's title, each
    ``（文字描述…）`` placeholder the text of its part, and the 落款 is appended.
    """
    document = docx.Document(os.fspath(template))
    spec = report.spec
    tables = document.tables
    if len(tables) != 3:
        raise ValueError(f"expected the template's three tables, found {len(tables)}")
    _fill_rows(tables[0], spec.table("proactive"), report)
    _fill_rows(tables[1], spec.table("applications"), report)
    review = spec.table("review_litigation")
    values = [cell for row in review.rows for cell in _values(report, review, row)]
    last = _tcs(tables[2])[-1]
    if len(last) != len(values):
        raise ValueError(f"part 四's last row has {len(last)} cells, expected {len(values)}")
    for tc, grid_cell in zip(last, values, strict=True):
        _write(tc, grid_cell.text)
    headings = {f"{part.number}、{part.title.text}": part.id for part in spec.parts}
    current: str | None = None
    for paragraph in document.paragraphs:
        text = paragraph.text.strip()
        if text in headings:
            current = headings[text]
        elif text.endswith("年度报告格式模板"):
            _set_text(paragraph, report_title(report))
            preamble = _preamble(report)
            if preamble:
                after = document.add_paragraph(preamble)
                paragraph._p.addnext(after._p)
        elif text.startswith("（文字描述") and current is not None:
            _set_text(paragraph, "\n".join(_part_text(report, current)))
    for line in _signature(report):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
