"""Tables as grids of cells: rows of labels and value slots, rejoined across page breaks.

A :class:`Grid` is what the PDF layout (:mod:`gikaireport.readers.pdf_columns`) and the
ruling-lines reading (:mod:`gikaireport.readers.pdf_ruled`) both make of a table; this module
rejoins the rows and labels a page break cut in two and turns a grid into a neutral table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gikaireport.document import Table, TableCell
from gikaireport.lexicon import is_digits, starts_item
from gikaireport.model.cells import Source

__all__: list[str] = []


def join_number_lines(text: str) -> str:
    """Join the pieces of a number broken in a narrow ruled cell (``13054`` / ``21``).

    A cell bounded by ruling lines holds one value, so its lines of digits are one number;
    full-width digits, which extraction spaces apart (``３ ０`` / ``０１``), are joined across
    the spaces too. ASCII digits apart on one line may be two cells whose rule is missing,
    and stay as they are (unreadable).
    """
    stripped = text.strip()
    if not is_digits(stripped, spaced=True):
        return text
    lines = stripped.split("\n")
    if any(" " in line for line in lines) and any(char in "0123456789" for char in stripped):
        return text
    return "".join(stripped.split()) if len(lines) > 1 or " " in stripped else text


@dataclass(slots=True)
class Cell:
    """A cell's text and where it sits: page, first line, and its horizontal extent."""

    text: str
    x0: float
    x1: float
    page: int
    line: int
    h: float = 10.0
    last_x1: float = 0.0
    char_width: float = 10.0
    limit: float | None = None
    """The right edge of the cell's column, when known."""

    def append(self, other: Cell) -> None:
        """Add the text of a continuation (the rest of a label cut by a page break)."""
        self.text = f"{self.text}\n{other.text}" if self.text else other.text
        self.x0 = min(self.x0, other.x0)
        self.x1 = max(self.x1, other.x1)
        self.last_x1 = other.last_x1


@dataclass(slots=True)
class GridRow:
    """A table row: its label cells (left of the values) and one slot per value column.

    A slot holds a :class:`Cell`, ``None`` for a blank cell, or is left out when a merged
    cell of this row already covers the column.
    """

    labels: list[Cell]
    values: list[Cell | None]
    page: int
    line: int

    @property
    def has_values(self) -> bool:
        """Whether any value slot holds text."""
        return any(cell is not None for cell in self.values)


@dataclass(slots=True)
class Grid:
    """A table as rows of cells, with the left edge of its value columns."""

    rows: list[GridRow]
    value_x0: float
    page: int
    line: int


def _is_full(cell: Cell, limit: float) -> bool:
    """Whether the last line of a cell reaches the limit (so its text went on to a new line)."""
    return cell.last_x1 + cell.char_width >= limit - 1.5 * cell.h


def _continuation_target(rows: Sequence[GridRow], fragment: Cell, value_x0: float) -> Cell | None:
    """Find the label cell on the previous page that ``fragment`` continues, if any.

    It is the last label above in the fragment's column, if it filled its line or is an
    enumerated item (``（五）不`` continued by ``予处理``).
    """
    for row in reversed(rows):
        if row.page != rows[-1].page:
            break
        for index, cell in enumerate(row.labels):
            if min(cell.x1, fragment.x1) - max(cell.x0, fragment.x0) <= 0:
                continue
            limit = row.labels[index + 1].x0 if index + 1 < len(row.labels) else value_x0
            return cell if _is_full(cell, limit) or starts_item(cell.text) else None
    return None


def _continue_numbers(previous: GridRow, row: GridRow) -> bool:
    """Append a row of bare digits to the numbers above it that filled their cells.

    A number too wide for its cell goes on below, and with it onto the next page when the
    row is cut by the page break. Returns whether ``row`` was taken in.
    """
    if not row.has_values or len(row.values) != len(previous.values):
        return False
    pairs: list[tuple[Cell, Cell]] = []
    for above, below in zip(previous.values, row.values, strict=True):
        if below is None:
            continue
        if above is None or not is_digits(above.text) or not is_digits(below.text):
            return False
        if above.limit is None or above.last_x1 + 0.8 * above.char_width < above.limit:
            return False
        pairs.append((above, below))
    for above, below in pairs:
        above.text += below.text
    return True


def _continues_row(rows: Sequence[GridRow], row: GridRow, value_x0: float) -> bool:
    """Take in the rest of the last row: the end of its label and of its wide numbers."""
    previous = rows[-1]
    target = _continuation_target(rows, row.labels[0], value_x0)
    if target is None or not any(target is cell for cell in previous.labels):
        return False
    if not _continue_numbers(previous, row):
        return False
    target.append(row.labels[0])
    return True


def _continue_labels(rows: Sequence[GridRow], row: GridRow, value_x0: float) -> int:
    """Append the row's leading labels to the labels above they continue; return how many.

    The rest of a merged group label comes first, then, when the group's row label was cut
    too, the rest of that label.
    """
    joined = 0
    for fragment in row.labels:
        if starts_item(fragment.text):
            break
        target = _continuation_target(rows, fragment, value_x0)
        if target is None:
            break
        target.append(fragment)
        joined += 1
    return joined


def join_page_breaks(grid: Grid) -> None:
    """Rejoin rows and labels that a page break cut in two, in place.

    At the first row of a page, bare digits continue the numbers above them that filled
    their cells (see :func:`_continue_numbers`), and a label fragment that does not start
    with an enumerator continues the label above it on the previous page when that label
    filled its line or is an enumerated item. The fragment may be a row of its own (the rest
    of a row label whose numbers were printed on the previous page), the first of several
    labels (the rest of a merged group label), the rest of a row label with the rest of its
    numbers, or the label of a row whose numbers follow while the previous page's last row
    had none.
    """
    rows: list[GridRow] = []
    for row in grid.rows:
        if not rows or row.page == rows[-1].page:
            rows.append(row)
            continue
        if not row.labels:
            if not _continue_numbers(rows[-1], row):
                rows.append(row)
            continue
        fragment = row.labels[0]
        if starts_item(fragment.text):
            rows.append(row)
            continue
        previous = rows[-1]
        if len(row.labels) == 1 and not row.has_values:
            target = _continuation_target(rows, fragment, grid.value_x0)
            if target is not None:
                target.append(fragment)
                continue
        elif len(row.labels) == 1 and _continues_row(rows, row, grid.value_x0):
            continue  # the rest of a row label and of its numbers
        elif len(row.labels) >= 2:
            joined = _continue_labels(rows, row, grid.value_x0)
            if joined == len(row.labels) and not row.has_values:
                continue  # the rest of every label of the row above
            del row.labels[:joined]
        elif not previous.has_values and previous.labels:
            last = previous.labels[-1]
            overlap = min(last.x1, fragment.x1) - max(last.x0, fragment.x0) > 0
            if overlap and _is_full(last, grid.value_x0):
                last.append(fragment)
                previous.values = row.values
                continue
        rows.append(row)
    grid.rows = rows


def grid_to_table(grid: Grid, number: int) -> Table:
    """Convert a grid to a neutral table; sources carry page, line, table, row and column."""
    rows = []
    for row_number, row in enumerate(grid.rows, start=1):
        cells = []
        for column, cell in enumerate([*row.labels, *row.values], start=1):
            if cell is None:
                source = Source(
                    page=row.page, line=row.line, table=number, row=row_number, column=column
                )
                cells.append(TableCell("", source))
            else:
                source = Source(
                    page=cell.page, line=cell.line, table=number, row=row_number, column=column
                )
                cells.append(TableCell(cell.text, source))
        rows.append(tuple(cells))
    return Table(tuple(rows), Source(page=grid.page, line=grid.line, table=number))
