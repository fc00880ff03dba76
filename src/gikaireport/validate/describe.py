"""Words for findings: official labels of cells, printed values, names of reports.

Everything here reads the format declaration; no label is written out by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from gikaireport.formats import get_format
from gikaireport.formats.shared import RESULTS
from gikaireport.model import Cell, CellStatus, Report, Value

__all__: list[str] = []


@lru_cache(maxsize=1024)
def cell_label(version: str, cell_id: str) -> str:
    """Return the official label of a cell: its row as printed, and its column.

    The group caption is added where the row's own label is not unique, e.g.
    ``（三）不予公开 1.属于国家秘密 / 自然人`` or ``行政诉讼·未经复议直接起诉 / 总计``.
    """
    spec = get_format(version).cell(cell_id)
    row = spec.row.printed
    group = spec.row.group
    if group and group != RESULTS:
        if not spec.row.number and spec.row.label.text in group:
            row = group
        else:
            row = f"{group}·{row}" if spec.table.one_row else f"{group} {row}"
    return f"{row} / {spec.column.label.text}"


def join_labels(version: str, cell_ids: Sequence[str], limit: int = 3) -> str:
    """Quote up to ``limit`` cell labels, then ``等N项``."""
    shown = "、".join(f"“{cell_label(version, c)}”" for c in cell_ids[:limit])
    rest = len(cell_ids) - limit
    return f"{shown}等{len(cell_ids)}项" if rest > 0 else shown


def number(value: Value | None) -> str:
    """Format a number for messages (decimals without exponent, ``None`` as ``—``)."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


_STATES: dict[CellStatus, tuple[str, str]] = {
    CellStatus.BLANK: ("空白", "blank"),
    CellStatus.NOT_APPLICABLE: ("印作“{raw}”（不适用）", "printed {raw!r} (not applicable)"),
    CellStatus.UNREADABLE: ("印作“{raw}”（不是数字）", "printed {raw!r} (not a number)"),
    CellStatus.ABSENT: ("未找到", "not found"),
    CellStatus.NUMBER: ("为{number}", "= {number}"),
}
"""What a cell shows, by status: the Chinese and the English template."""


def _state(cell: Cell, english: bool) -> str:
    template = _STATES[cell.status][english]
    return template.format(raw=cell.raw, number=number(cell.value))


def cell_state(cell: Cell) -> str:
    """Say in Chinese what a cell that holds no number shows."""
    return _state(cell, english=False)


def cell_state_en(cell: Cell) -> str:
    """Say in English what a cell that holds no number shows."""
    return _state(cell, english=True)


def report_name(report: Report) -> str:
    """Name a report in a finding: its path, else agency and year."""
    if report.path:
        return report.path
    agency = report.meta.agency or "未知机关"
    year = report.meta.year if report.meta.year is not None else "未知"
    return f"{agency}{year}年度报告"


def numbered(cells: Iterable[Cell]) -> list[Cell]:
    """Return the cells that hold a number."""
    return [cell for cell in cells if cell.status is CellStatus.NUMBER]
