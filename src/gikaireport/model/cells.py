"""Cells and where they came from."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import NamedTuple

from attrs import frozen

__all__ = ["Cell", "CellStatus", "Source", "Value"]

Value = int | Decimal
"""A cell's number: an ``int`` for counts, a :class:`~decimal.Decimal` for amounts."""


class Source(NamedTuple):
    """Where something was found in the source document. All positions are 1-based.

    Only the fields the reader knows are set: text readers give ``line``, PDF readers
    ``page`` (and ``line`` within the extracted text), table readers ``table``/``row``/``column``.
    ``confidence`` is set only for text read by OCR: the engine's confidence in the reading,
    from 0 to 1.
    (A named tuple rather than an attrs class: readers create one per cell, and this is the
    cheapest immutable record Python has.)
    """

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    confidence: float | None = None

    def __str__(self) -> str:
        parts = [
            f"{name} {value}"
            for name, value in zip(
                ("page", "line", "table", "row", "column"),
                (self.page, self.line, self.table, self.row, self.column),
                strict=True,
            )
            if value is not None
        ]
        if self.confidence is not None:
            parts.append(f"OCR confidence {self.confidence:.2f}")
        return ", ".join(parts) or "unknown position"


class CellStatus(str, enum.Enum):
    """What a printed cell holds.

    ``NUMBER``: a number (``Cell.value`` is set). ``BLANK``: nothing printed.
    ``NOT_APPLICABLE``: a dash, slash or 无. ``UNREADABLE``: text that is not a number.
    ``ABSENT``: the document does not contain the cell at all (a missing row or part, or a
    document cut off part way). Only ``NUMBER`` carries a value; the others are never 0.
    """

    NUMBER = "number"
    BLANK = "blank"
    NOT_APPLICABLE = "not_applicable"
    UNREADABLE = "unreadable"
    ABSENT = "absent"


@frozen
class Cell:
    """One cell of a report table.

    Attributes:
        id: the canonical cell id (see the data dictionary), such as
            ``applications.new_received.total``.
        status: what the printed cell holds.
        value: the number when ``status`` is ``NUMBER``, else ``None``.
        raw: the cell's text exactly as read (empty for blank and absent cells).
        source: where the cell was read, or ``None`` for an absent cell.

    """

    id: str
    status: CellStatus
    value: Value | None = None
    raw: str = ""
    source: Source | None = None

    def __attrs_post_init__(self) -> None:
        if (self.value is None) == (self.status is CellStatus.NUMBER):
            raise ValueError(f"cell {self.id}: a value goes with status NUMBER and only with it")


_new_object = object.__new__
SLOT_SETTERS = tuple(
    Cell.__dict__[name].__set__ for name in ("id", "status", "value", "raw", "source")
)
"""The setters of a :class:`Cell`'s slots, in field order (for :func:`trusted_cell` and
the assembler's loop that inlines it)."""
_set_id, _set_status, _set_value, _set_raw, _set_source = SLOT_SETTERS


def trusted_cell(
    cell_id: str, status: CellStatus, value: Value | None, raw: str, source: Source | None
) -> Cell:
    """Build a :class:`Cell` from parts already known to agree (``value`` set exactly when
    ``status`` is ``NUMBER``), skipping the check.

    For the assembler, which builds some 200 cells per report from ``parse_value``'s
    results: setting the slots directly is what the frozen class's ``__init__`` does, less
    the argument handling and the check. The result is equal to ``Cell(...)``.
    """
    cell = _new_object(Cell)
    _set_id(cell, cell_id)
    _set_status(cell, status)
    _set_value(cell, value)
    _set_raw(cell, raw)
    _set_source(cell, source)
    return cell
