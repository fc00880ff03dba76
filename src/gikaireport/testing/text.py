"""Render a Report as text in the layouts real extracted text uses, with real-world noise.

``table_grid`` lays the three tables out as the official form prints them (rows of cell
texts, merged cells printed once); ``render_text`` turns a whole report into text in one of
:data:`LAYOUTS`. The readers' property tests parse the result back and compare.
"""

from __future__ import annotations

import unicodedata

from attrs import frozen

from gikaireport.formats import TableSpec
from gikaireport.model import Cell, CellStatus, Report

__all__ = ["LAYOUTS", "Noise", "render_text", "table_grid"]

LAYOUTS = ("tab_rows", "tab_cells", "pipe_cells", "pipe_rows", "markdown", "paragraphs")
"""Text layouts: PDF text (tab rows), Word text (tab-indented cells), web text with one cell
per line ending in ``|``, web text with `` | `` rows, markdown rows, one cell per paragraph."""

_TRADITIONAL = str.maketrans(
    "发数内处决许强规范请结转总计机关构护权务过执询无补确访举报诉复议审维纠业会组织",
    "發數內處決許強規範請結轉總計機關構護權務過執詢無補確訪舉報訴複議審維糾業會組織",
)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@frozen
class Noise:
    """Real-world noise to apply while rendering."""

    fullwidth_digits: bool = False
    thousands: bool = False
    split_labels: bool = False
    spaces_in_labels: bool = False
    page_numbers: bool = False
    traditional: bool = False
    halfwidth_brackets: bool = False


def _value(cell: Cell, noise: Noise) -> str:
    if cell.status is CellStatus.NOT_APPLICABLE:
        return "/"
    if cell.status is not CellStatus.NUMBER:
        return ""
    text = f"{cell.value:,}" if noise.thousands and isinstance(cell.value, int) else str(cell.value)
    return text.translate(_FULLWIDTH) if noise.fullwidth_digits else text


def _label(text: str, noise: Noise, splittable: bool = True) -> str:
    if noise.halfwidth_brackets:
        text = text.replace("（", "(").replace("）", ")").replace("：", ":")
    if noise.traditional:
        text = text.translate(_TRADITIONAL)
    if noise.spaces_in_labels and len(text) > 6:
        text = f"{text[:3]} {text[3:5]} {text[5:]}"
    if noise.split_labels and splittable and len(text) >= 12:
        text = f"{text[: len(text) - 3]}\n{text[len(text) - 3 :]}"
    return text


def table_grid(report: Report, table: TableSpec, noise: Noise = Noise()) -> list[list[str]]:
    """The rows of one table as printed, each a list of cell texts."""
    cells = report.cells()
    rows: list[list[str]] = []

    def values(row_id: str, columns: int) -> list[str]:
        return [
            _value(cells[cell_id], noise)
            for cell_id in table.row_cell_ids(table.row(row_id))[:columns]
        ]

    if table.one_row:
        captions = [r.label.text for r in table.rows]
        fields = [c.label.text for c in table.rows[0].columns]
        rows.append([captions[0], table.captions.row_group])
        rows.append([*fields, captions[1], captions[2]])
        rows.append(fields * 2)
        rows.append([value for row in table.rows for value in values(row.id, len(row.columns))])
        return rows
    if table.id == "applications":
        columns = table.rows[0].columns
        header = table.captions
        rows.append([_label(header.label_column, noise, False), header.columns])
        rows.append(["", columns[0].label.text, header.column_group, columns[-1].label.text])
        rows.append(["", "", *(c.label.text for c in columns[1:-1]), ""])
    seen: set[str] = set()
    for row in table.rows:
        lead: list[str] = []
        if row.block and row.block not in seen:
            seen.add(row.block)
            rows.append([_label(row.block, noise, False)])
            rows.append(
                [
                    table.captions.label_column,
                    *(_label(c.label.text, noise, False) for c in row.columns),
                ]
            )
        if row.group and row.group not in seen and table.id == "applications":
            seen.add(row.group)
            lead.append(_label(row.group, noise, False))
        rows.append([*lead, _label(row.printed, noise), *values(row.id, len(row.columns))])
    return rows


def _render_grid(grid: list[list[str]], layout: str, noise: Noise) -> list[str]:
    lines: list[str] = []
    for number, row in enumerate(grid):
        if (
            noise.page_numbers
            and number
            and number % 9 == 0
            and layout in ("tab_rows", "tab_cells")
        ):
            lines.extend(["", f"- {number // 9 + 1} -", ""])
        if layout == "tab_rows":
            head = [
                cell.replace("\n", "") if i < len(row) - 1 else cell for i, cell in enumerate(row)
            ]
            broken = [cell.split("\n") for cell in head]
            lines.append("\t".join(parts[0] for parts in broken))
            tails = [parts[1] if len(parts) > 1 else "" for parts in broken]
            if any(tails):
                lines.append("\t".join(tails))
        elif layout == "tab_cells":
            for cell in row:
                lines.append("\t" + cell)
            lines.append("")
        elif layout == "pipe_cells":
            for cell in row:
                lines.append(f"{cell.replace(chr(10), '')} |" if cell else "|")
            if len(row) < 4:
                lines.append("||")
        elif layout == "pipe_rows":
            lines.append(
                " | ".join(cell.replace("\n", "") for cell in row) + (" ||" if len(row) < 4 else "")
            )
        elif layout == "markdown":
            lines.append("| " + " | ".join(cell.replace("\n", "") for cell in row) + " |")
            if number == 0:
                lines.append("|" + "---|" * len(row))
        elif layout == "paragraphs":
            lines.extend(cell.replace("\n", "") for cell in row if cell)
        else:
            raise ValueError(f"unknown layout {layout!r}; known: {LAYOUTS}")
    return lines


def render_text(report: Report, layout: str = "tab_rows", noise: Noise = Noise()) -> str:
    """The whole report as text in ``layout``: title, preamble, six parts, tables, 落款."""
    meta = report.meta
    spec = report.spec
    lines = [meta.title or "", ""]
    if meta.period_start and meta.period_end:
        start, end = meta.period_start, meta.period_end
        lines.append(
            f"本报告所列数据的统计期限自{start.year}年{start.month}月{start.day}日起至"
            f"{end.year}年{end.month}月{end.day}日止。"
        )
    tables = {table.id: table for table in spec.tables}
    for part in spec.parts:
        lines.extend(["", f"{part.number}、{_label(part.title.text, noise, False)}", ""])
        if part.id in tables:
            lines.extend(_render_grid(table_grid(report, tables[part.id], noise), layout, noise))
        else:
            lines.append(f"{part.title.text}有关情况如下。")
    lines.append("")
    if meta.signed_by:
        lines.append(meta.signed_by)
    if meta.published:
        date = meta.published
        lines.append(f"{date.year}年{date.month}月{date.day}日")
    text = "\n".join(lines) + "\n"
    return unicodedata.normalize("NFC", text)
