"""A document cut off part way: one deviation instead of one per missing row and part.

A document that ends inside a table (a download cut short, a page that stops loading, the last
pages of a scan missing) reads as the rows before the cut followed by nothing: every later row
of that table, every later part and table is missing. Reported one by one, that is thirty or
more findings for one fact. :func:`fold_truncation` recognises the shape (the last part found
has a table whose missing rows are its last rows, and every later part is missing) and
replaces those deviations by one ``document-truncated`` deviation that names where the
document ends and lists every absent cell.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from gikaireport.formats import FormatSpec
from gikaireport.model import Cell, CellStatus, Deviation, DeviationKind

__all__: list[str] = []

_FOLDED = frozenset({DeviationKind.ROW_MISSING, DeviationKind.TABLE_MISSING})


def _table_ids(spec: FormatSpec, table_id: str) -> list[str]:
    return list(spec.table(table_id).cell_ids)


def _missing_suffix(ids: list[str], deviations: Sequence[Deviation]) -> int | None:
    """The index from which every cell of ``ids`` is missing (None unless a proper suffix).

    A table whose last row is found but short (``values-short``: the cut fell inside the
    row) ends there: the suffix is empty.
    """
    missing = {c for d in deviations if d.kind == DeviationKind.ROW_MISSING for c in d.cells}
    if not missing & set(ids):
        short = any(d.kind == DeviationKind.VALUES_SHORT and ids[-1] in d.cells for d in deviations)
        return len(ids) if short else None
    start = len(ids)
    while start > 0 and ids[start - 1] in missing:
        start -= 1
    if start == 0 or missing & set(ids[:start]):
        return None
    return start


def _cut_row(
    spec: FormatSpec,
    ids: list[str],
    start: int,
    cells: Mapping[str, Cell],
    deviations: Sequence[Deviation],
) -> list[str]:
    """The blank cells of the last row found when the cut fell inside it: a row printed
    without any number, or one short of numbers (``values-short``) at the document's end.
    """
    last = spec.cell(ids[start - 1])
    own = last.table.row_cell_ids(last.row)
    blank = [c for c in own if cells[c].status is CellStatus.BLANK]
    short = any(
        d.kind == DeviationKind.VALUES_SHORT and set(d.cells) & set(own) for d in deviations
    )
    return blank if short or len(blank) == len(own) else []


def fold_truncation(
    spec: FormatSpec,
    found: Sequence[str],
    deviations: Sequence[Deviation],
    cells: Callable[[], Mapping[str, Cell]],
) -> list[Deviation]:
    """Return ``deviations`` with a cut-off end folded into one ``document-truncated``.

    ``found`` are the ids of the parts found, in document order; ``cells()`` the cells read
    (asked for only when the end is cut off).
    Unchanged unless the last part found has a table whose last rows (and only those) are
    missing, or whose last row is short, and every part after it in the format is missing
    too. A last row found with every cell blank (the cut fell inside it) is part of the cut.
    """
    if not found:
        return list(deviations)
    order = [part.id for part in spec.parts]
    last = found[-1]
    later = order[order.index(last) + 1 :]
    tables = {table.id for table in spec.tables}
    if last not in tables or not later or any(part in found for part in later):
        return list(deviations)
    ids = _table_ids(spec, last)
    start = _missing_suffix(ids, deviations)
    if start is None:
        return list(deviations)
    cut_row = _cut_row(spec, ids, start, cells(), deviations)
    absent = ids[start:] + [c for part in later if part in tables for c in _table_ids(spec, part)]
    folded = set(absent) | set(cut_row)
    kept = [d for d in deviations if d.kind not in _FOLDED or not set(d.cells) <= folded]
    kept = [
        d for d in kept if not (d.kind == DeviationKind.PART_MISSING and _part_of(spec, d) in later)
    ]
    part = spec.part(last)
    heading = f"{part.number}、{part.title.text}"
    row = spec.cell(ids[start - 1]).row.printed
    message = (
        f"文档在“{heading}”的表格中结束（最后一行为“{row}”）：其后{len(absent)}个单元格"
        f"及第{'、'.join(spec.part(p).number for p in later)}部分均未找到，文档可能不完整"
    )
    if cut_row:
        message += f"；“{row}”一行的数字印到一半中断"
    cut = (*cut_row, *absent)
    return [*kept, Deviation(DeviationKind.DOCUMENT_TRUNCATED, message, cut, None, heading, row)]


def _part_of(spec: FormatSpec, deviation: Deviation) -> str | None:
    for part in spec.parts:
        if deviation.expected == f"{part.number}、{part.title.text}":
            return part.id
    return None
