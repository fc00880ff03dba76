"""The HTML table model: where each cell of a table lands on the grid.

Browsers place a cell in the first column of its row that no ``rowspan`` from above still
covers; ``colspan`` and ``rowspan`` are read as leading digits (``" 2"``, ``"2.7"`` and
``"2px"`` are 2), ``colspan`` is at least 1 and at most 1000, and ``rowspan="0"`` (or one
reaching past the end) spans to the end of the row's section (``<thead>``, a ``<tbody>``,
``<tfoot>``). This module does that placement and nothing else, within a budget of work so
that hostile spans cannot take unbounded time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from gikaireport.errors import ReadError

__all__: list[str] = []

MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
GRID_BUDGET = 2_000_000
"""Grid positions spans may cover in one page's tables (real reports cover a few hundred)."""

_LEADING_DIGITS = re.compile(r"\s*(\d{1,9})")

Spans = tuple[str | None, str | None]
"""A cell's ``colspan`` and ``rowspan`` attribute values (``None`` when absent)."""


class SpanBudget:
    """The work left for laying out a page's tables; :class:`ReadError` when spent."""

    def __init__(self, name: str, work: int = GRID_BUDGET) -> None:
        self.name = name
        self.left = work

    def spend(self, work: int) -> None:
        """Count ``work`` grid positions; raise once the budget is exceeded."""
        self.left -= work
        if self.left < 0:
            raise ReadError(self.name, "a table is too large to lay out (too many spanned cells)")


def _span(value: str | None, limit: int) -> int:
    match = _LEADING_DIGITS.match(value) if value else None
    return min(int(match.group(1)), limit) if match else 1


def place_cells(
    sections: Sequence[Sequence[Sequence[Spans] | None]], budget: SpanBudget
) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """Place the cells of a table's rows on its grid.

    Args:
        sections: the table's sections in display order, each a list of rows, each row the
            spans of its cells, or ``None`` for a row to skip (it still takes a grid row).
        budget: the work allowed.

    Yields:
        ``(row, [(column, cell), ...])`` for every row not skipped: 0-based grid row and
        column, and the cell's position in its row. A cell covered by a span from a row
        above is not repeated.

    """
    busy: list[int] = []  # per column: the first row no longer covered by a rowspan
    r = 0
    for section in sections:
        end = r + len(section)
        for row in section:
            if row is None:
                r += 1
                continue
            column = 0
            placed: list[tuple[int, int]] = []
            for position, (colspan_value, rowspan_value) in enumerate(row):
                start = column
                while column < len(busy) and busy[column] > r:
                    column += 1
                budget.spend(column - start)
                colspan = max(1, _span(colspan_value, MAX_COLSPAN))
                rowspan = _span(rowspan_value, MAX_ROWSPAN)
                rowspan = end - r if rowspan == 0 else min(rowspan, end - r)
                if rowspan > 1:
                    budget.spend(colspan)
                    if len(busy) < column + colspan:
                        busy.extend([0] * (column + colspan - len(busy)))
                    for covered in range(column, column + colspan):
                        busy[covered] = r + rowspan
                placed.append((column, position))
                column += colspan
            yield r, placed
            r += 1
