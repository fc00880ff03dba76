"""Visual lines of PDF pages turned into paragraphs and tables (cell grids).

The lines come from :mod:`gikaireport.readers.pdf_lines`. This module decides which lines
form a table, splits table lines into cells, rebuilds rows whose labels wrap over several
lines, keeps blank cells at their column positions, continues tables across page breaks
(joining a label the break cut in two) and joins wrapped prose lines into paragraphs.

It knows page layout, not reports: a *value* is any cell that the lexicon
(:func:`gikaireport.lexicon.is_value`) calls one (a number, numeric text or a dash);
everything left of the first column of values is a row label.

Word processors write a table cell by cell, row by row, so the content-stream order of a
table's text tells which fragments belong to one cell and where rows end, even when a merged
label is centred between rows or a label wraps around the row's numbers. That order is used
when the stream is row-major (checked per table); otherwise rows are read from geometry.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from gikaireport.document import Block, Paragraph, Table, TableCell
from gikaireport.lexicon import is_digits, is_value, starts_item
from gikaireport.model.cells import Source
from gikaireport.readers.pdf_lines import (
    CharBox,
    Line,
    PageLines,
    Run,
    build_lines,
    build_runs,
    strip_furniture,
)

__all__ = [
    "Cell",
    "Grid",
    "GridRow",
    "compose",
    "grid_to_table",
    "join_number_lines",
    "join_page_breaks",
    "layout",
    "layout_positioned",
]


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


# ---------------------------------------------------------------------------------------
# Cells and rows shared with the pdfplumber path


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


# ---------------------------------------------------------------------------------------
# Table regions


@dataclass(slots=True)
class _Region:
    """Lines recognised as one table."""

    lines: list[Line]
    multi: int = 0
    data: int = 0
    value_x0: float | None = None
    header_x0: float | None = None
    value_spans: set[tuple[int, int]] = field(default_factory=set)
    label_anchors: list[tuple[float, float]] = field(default_factory=list)
    headers: set[str] = field(default_factory=set)
    header_columns: list[float] = field(default_factory=list)
    max_pitch: float = 0.0
    singles: int = 0

    @property
    def last(self) -> Line:
        return self.lines[-1]

    @property
    def value_start(self) -> float | None:
        """Where the value columns start, once rows with values were seen.

        That is at the first value or at the second cell of a header row, whichever is
        further left.
        """
        if self.value_x0 is None:
            return None
        return min([self.value_x0, *self.header_columns])

    @property
    def label_limit(self) -> float | None:
        return self.value_start if self.value_x0 is not None else self.header_x0

    def is_header(self, line: Line) -> bool:
        """Whether a line without values reaches into the value columns (a header row)."""
        if len(line.runs) < 2:
            return False
        start = self.value_start
        if start is None:
            return True
        return any(run.cx >= start - 0.5 * run.h for run in line.runs)

    def add(self, line: Line) -> None:
        last = self.lines[-1] if self.lines else None
        if last is not None and last.page == line.page:
            pitch = (last.y0 + last.y1) / 2 - (line.y0 + line.y1) / 2
            self.max_pitch = max(self.max_pitch, pitch)
        self.lines.append(line)
        if len(line.runs) >= 2:
            self.multi += 1
        else:
            self.singles += 1
        values = [run for run in line.runs if is_value(run.text)]
        if values:
            self.data += 1
            left = min(run.x0 for run in values)
            self.value_x0 = left if self.value_x0 is None else min(self.value_x0, left)
            self.value_spans.update((round(run.x0), round(run.x1)) for run in values)
            self.label_anchors.extend((run.x0, run.cx) for run in line.runs if run.x1 <= left)
        elif self.is_header(line):
            self.headers.add(line.text)
            self.header_columns.append(line.runs[1].x0)
            second = line.runs[1].x0
            self.header_x0 = second if self.header_x0 is None else max(self.header_x0, second)

    def aligned(self, line: Line) -> bool:
        """Whether the values of a line fall in this table's value columns (if it has any)."""
        if not self.value_spans:
            return True
        for run in line.runs:
            if not is_value(run.text):
                continue
            if not any(
                min(x1, run.x1) - max(x0, run.x0) > -0.5 * run.h for x0, x1 in self.value_spans
            ):
                return False
        return True

    def fits(self, line: Line, previous: Line) -> bool:
        """Whether a line without values can be a label-only row of this table."""
        limit = self.label_limit
        h = line.h
        if limit is not None and line.x1 > limit + 0.5 * h:
            return False
        if line.page == previous.page:
            gap = previous.y0 - line.y1
            if gap > max(2.5 * h, 1.5 * self.max_pitch):
                return False
        return True

    def label_aligned(self, line: Line) -> bool:
        """Whether a line starts, or is centred, where the table's row labels are."""
        run = line.runs[0]
        tolerance = 0.6 * run.h
        return any(
            abs(run.x0 - x0) <= tolerance or abs(run.cx - cx) <= tolerance
            for x0, cx in self.label_anchors
        )


Item = Line | _Region


def _regions(lines: Sequence[Line]) -> list[Item]:
    """Split the document's lines into prose lines and table regions, in reading order.

    A table starts at a line of two or more runs. Lines with values (numbers, dashes)
    continue it, and so do lines of labels alone that stay left of the values and close to
    the rows above; a header row after rows of values, or a page whose values do not line up
    with the table's columns, starts another table. Label-only lines after the last row of
    values stay in the table when they line up with its row labels.
    """
    items: list[Item] = []
    current: _Region | None = None
    pending: list[Line] = []

    def close() -> None:
        nonlocal current, pending
        if current is None:
            items.extend(pending)
            pending = []
            return
        trailing: list[Line] = []
        while (
            pending
            and pending[0].page == current.last.page
            and (current.data == 0 or current.label_aligned(pending[0]))
        ):
            trailing.append(pending.pop(0))
        keep = current.multi >= 2 or (current.multi >= 1 and current.singles + len(trailing) >= 1)
        if keep:
            for line in trailing:
                current.add(line)
            items.append(current)
        else:
            items.extend(current.lines)
            items.extend(trailing)
        items.extend(pending)
        current, pending = None, []

    for line in lines:
        data = any(is_value(run.text) for run in line.runs)
        if current is None:
            if len(line.runs) >= 2:
                current = _Region([])
                current.add(line)
            else:
                items.append(line)
            continue
        previous = pending[-1] if pending else current.last
        new_page = line.page != previous.page
        if data:
            if new_page and not current.aligned(line):
                close()
                current = _Region([])
        elif current.is_header(line):
            if new_page and line.text in current.headers:
                continue  # a header row repeated on the next page
            if current.data:
                close()
                current = _Region([])
        elif current.fits(line, previous):
            pending.append(line)
            continue
        else:
            close()
            if len(line.runs) >= 2:
                current = _Region([])
                current.add(line)
            else:
                items.append(line)
            continue
        for waiting in pending:
            current.add(waiting)
        pending = []
        current.add(line)
    close()
    return items


# ---------------------------------------------------------------------------------------
# Cells of a table region


class _Block:
    """The text of one cell: one run, or several when the cell's text wraps."""

    __slots__ = ("_text", "h", "runs", "x0", "x1")

    def __init__(self, run: Run) -> None:
        self.runs = [run]
        self.x0 = run.x0
        self.x1 = run.x1
        self.h = run.h
        self._text: str | None = run.text

    def add(self, run: Run) -> None:
        self.runs.append(run)
        self.x0 = min(self.x0, run.x0)
        self.x1 = max(self.x1, run.x1)
        self.h = min(self.h, run.h)
        self._text = None

    @property
    def last(self) -> Run:
        return self.runs[-1]

    @property
    def text(self) -> str:
        """The cell's text: lines joined by line breaks, except vertical text and numbers."""
        if self._text is None:
            joined = all(run.chars <= 2 for run in self.runs) or all(
                is_digits(run.text) for run in self.runs
            )
            self._text = ("" if joined else "\n").join(run.text for run in self.runs)
        return self._text

    @property
    def value(self) -> bool:
        """Whether the cell prints a value."""
        return is_value(self.text)

    def cell(self) -> Cell:
        text = self.text
        last = self.runs[-1]
        first = self.runs[0]
        return Cell(
            text,
            self.x0,
            self.x1,
            first.page,
            first.line,
            self.h,
            last.x1,
            last.width / max(last.chars, 1),
        )


def _x_overlap(a: Run, b: Run) -> float:
    return min(a.x1, b.x1) - max(a.x0, b.x0)


class _Columns:
    """The runs of a table region, indexed by left edge and by centre for column lookups."""

    def __init__(self, runs: Sequence[Run]) -> None:
        self.runs = runs
        self.by_x0 = sorted(runs, key=lambda r: r.x0)
        self.x0s = [run.x0 for run in self.by_x0]
        self.by_cx = sorted(runs, key=lambda r: r.cx)
        self.cxs = [run.cx for run in self.by_cx]

    def extent(self, block: _Block) -> tuple[float, float]:
        """Measure the block's column: right edge of left-aligned runs, widest centred run.

        Header cells over several columns (``法人或其他组织``) do not count.
        """
        first = block.runs[0]
        tolerance = 0.5 * first.h
        right = first.x1
        width = first.width
        low = bisect_left(self.x0s, first.x0 - tolerance)
        high = bisect_right(self.x0s, first.x0 + tolerance)
        for run in self.by_x0[low:high]:
            if run.page == first.page and run.x1 > right and not self._spanning(run, first):
                right = run.x1
        low = bisect_left(self.cxs, first.cx - tolerance)
        high = bisect_right(self.cxs, first.cx + tolerance)
        for run in self.by_cx[low:high]:
            if run.page == first.page and run.width > width and not self._spanning(run, first):
                width = run.width
        return right, width

    def _spanning(self, run: Run, first: Run) -> bool:
        return run.width > first.width and _spans_columns(run, self.runs)


def _spans_columns(run: Run, runs: Sequence[Run]) -> bool:
    """Whether a run stands over narrower runs of two or more different columns."""
    centres = [
        other.cx
        for other in runs
        if other.page == run.page
        and other.width < run.width
        and min(other.x1, run.x1) - max(other.x0, run.x0) > 0
    ]
    return bool(centres) and max(centres) - min(centres) > run.h


def _wraps(block: _Block, run: Run, columns: _Columns) -> bool:
    """Whether ``run`` is the next line of the cell ``block``.

    It must follow the block's last line in the stream, sit right below it, start or be
    centred where the block is, be no wider, and not start a new enumerated item. Then an
    enumerated label (``（三）不`` / ``予公开``) continues; other text continues only when its
    last line was full (the next character would not have fitted beside the column's widest
    text) and the new line is shorter, as the last line of wrapped text is: two labels of
    equal length stacked in one column are two rows.
    """
    last = block.last
    if run.page != last.page or run.order != last.end + 1:
        return False
    pitch = last.cy - run.cy
    if is_digits(last.text) and is_digits(run.text):
        # a number too wide for its cell goes on below: only when it filled the column
        if not (0 < pitch <= 2.2 * min(last.h, run.h) and _x_overlap(last, run) > 0):
            return False
        right, width = columns.extent(block)
        char = last.width / max(last.chars, 1)
        return last.x1 + 0.5 * char >= right and last.width + 0.5 * char >= width
    if last.chars <= 2 and run.chars <= 2 and _x_overlap(last, run) > 0:
        # vertical text, or a narrow cell: tight boxes of 、 or 一 say little about the height
        size = max(last.h, run.h, last.width, run.width)
        return 0 < pitch <= 2.2 * size
    h = min(last.h, run.h)
    if not 0.5 * h <= pitch <= 2.2 * h:
        return False
    aligned = (
        abs(run.x0 - block.x0) <= 0.6 * h
        or abs(run.cx - last.cx) <= 0.6 * h
        or (run.x0 >= block.x0 - 0.6 * h and run.x1 <= block.x1 + 0.6 * h)
    )
    if not aligned or run.width > last.width + 1.5 * h or starts_item(run.text):
        return False
    if starts_item(block.runs[0].text):
        return True
    right, width = columns.extent(block)
    char = run.width / max(run.chars, 1)
    full = last.x1 + 1.3 * char > right and last.width + 1.3 * char > width
    return full and run.width < last.width - 0.5 * char


def _stream_blocks(region: _Region) -> list[_Block]:
    """Collect the region's cells in stream order: runs joined where a cell's text wraps."""
    runs = sorted(
        (run for line in region.lines for run in line.runs), key=lambda r: (r.page, r.order)
    )
    columns = _Columns(runs)
    blocks: list[_Block] = []
    for run in runs:
        if blocks and _wraps(blocks[-1], run, columns):
            blocks[-1].add(run)
        else:
            blocks.append(_Block(run))
    return blocks


def _row_major(blocks: Sequence[_Block]) -> bool:
    """Whether the stream writes the table row by row: its values never go back up a page.

    Within a row the values must go left to right; labels may go back up (a merged label
    is written with the first row it covers).
    """
    previous: _Block | None = None
    for block in blocks:
        if not block.value:
            continue
        if previous is not None and previous.runs[0].page == block.runs[0].page:
            top, previous_top = block.runs[0].y1, previous.runs[0].y1
            h = min(block.h, previous.h)
            if top > previous_top + 0.5 * h:
                return False  # above the previous value
            if abs(top - previous_top) <= 0.5 * h and block.x0 < previous.x1 - 0.5 * h:
                return False  # left of the previous value on the same line
        previous = block
    return True


def _stream_rows(blocks: Sequence[_Block]) -> list[list[_Block]]:
    """Rows from cells in stream order: a cell left of the previous one starts a new row."""
    rows: list[list[_Block]] = []
    for block in blocks:
        if rows:
            previous = rows[-1][-1]
            same_page = previous.runs[0].page == block.runs[0].page
            if same_page and block.x0 >= previous.x1 - 0.5 * block.h:
                rows[-1].append(block)
                continue
        rows.append([block])
    return rows


def _geometric_rows(region: _Region, value_x0: float) -> list[list[_Block]]:
    """Rows from geometry alone: one row per line, a row of bare values takes its label lines."""
    rows = [[_Block(run) for run in line.runs] for line in region.lines]
    merged: list[list[_Block]] = []
    for row in rows:
        labels_only = all(block.x1 <= value_x0 for block in row)
        if merged and labels_only and all(b.x0 >= value_x0 for b in merged[-1]):
            # a label printed below the values of its row
            merged[-1][:0] = row
            continue
        if merged and not labels_only and all(b.x0 >= value_x0 for b in row):
            previous = merged[-1]
            if all(block.x1 <= value_x0 for block in previous):
                previous.extend(row)
                continue
        merged.append(row)
    return merged


def _value_columns(blocks: Sequence[_Block]) -> list[list[float]]:
    """Column intervals from cells narrowest first; a cell across two columns is a merged cell."""
    columns: list[list[float]] = []
    for block in sorted(blocks, key=lambda b: b.x1 - b.x0):
        x0, x1 = block.x0, block.x1
        hits = [c for c in columns if c[0] < x1 and x0 < c[1]]
        if not hits:
            columns.append([x0, x1])
        elif len(hits) == 1:
            hits[0][0] = min(hits[0][0], x0)
            hits[0][1] = max(hits[0][1], x1)
    columns.sort()
    return columns


def _in_value_area(block: _Block, label_edge: float) -> bool:
    """Whether a cell stands among the values: its centre is right of the labels' edge."""
    return (block.x0 + block.x1) / 2 > label_edge


def _label_edge(rows: Sequence[Sequence[_Block]], region: _Region) -> float:
    """Where the row labels end: the right edge of the widest label left of a row's values.

    A column holds values unless some row with values prints a label in it; so a first
    column of values that is blank in every row (part 四 with its first cell empty) is
    still a column of values. A table without any value takes the second cell of its
    header rows as the first column of values.
    """
    edge: float | None = None
    for row in rows:
        values = [block for block in row if block.value]
        if not values:
            continue
        first = min(block.x0 for block in values)
        labels = [b.x1 for b in row if not b.value and b.x1 <= first + 0.5 * b.h]
        edge = max([*labels, edge if edge is not None else float("-inf")])
    if edge is not None:
        return edge
    if region.header_columns:
        return min(region.header_columns) - 1.0
    return max(line.x1 for line in region.lines)


def _aligned(a: _Block, b: _Block) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0) > 0
    return overlap or abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 0.6 * min(a.h, b.h)


def _label_header_edge(
    rows: Sequence[Sequence[_Block]], edge: float, columns: Sequence[Sequence[float]]
) -> float:
    """Move the labels' edge past a header cell that heads the label column.

    A column without any value, left of the first column with values, is either a column of
    blank values or the header of the labels (``信息内容`` centred over short left-aligned
    labels). It heads the labels when one of its cells lines up with a label; or, when no
    header cell at all lines up with a label, when it is the leftmost such column.
    """
    blocks = [b for row in rows for b in row]
    area = [b for b in blocks if _in_value_area(b, edge)]
    values = [b for b in area if b.value]
    valued = [c for c in columns if any(_overlaps(b, c) for b in values)]
    first_valued = min((c[0] for c in valued), default=float("inf"))
    empty = [c for c in columns if c[1] <= first_valued and c not in valued]
    if not empty:
        return edge
    labels = [
        b
        for row in rows
        if any(x.value for x in row)
        for b in row
        if not b.value and not _in_value_area(b, edge)
    ]
    if not labels:
        return edge
    label_ids = {id(b) for b in labels}
    headers = [b for b in blocks if id(b) not in label_ids and not b.value]
    any_aligned = any(_aligned(h, label) for h in headers for label in labels)
    for index, column in enumerate(empty):
        cells = [b for b in area if _overlaps(b, column)]
        heads = any(_aligned(cell, label) for cell in cells for label in labels)
        if heads or (index == 0 and column is columns[0] and not any_aligned):
            edge = max(edge, column[1])
    return edge


def _overlaps(block: _Block, column: Sequence[float]) -> bool:
    return min(column[1], block.x1) - max(column[0], block.x0) > 0


def _column_hits(block: _Block, columns: Sequence[Sequence[float]]) -> list[int]:
    """The columns a cell covers: those it overlaps by a third of the narrower of the two."""
    left, right = block.x0, block.x1
    width = right - left
    hits = []
    for index, (x0, x1) in enumerate(columns):
        if x0 >= right or left >= x1:
            continue
        overlap = (x1 if x1 < right else right) - (x0 if x0 > left else left)
        narrower = width if width < x1 - x0 else x1 - x0
        if overlap > 0.3 * narrower:
            hits.append(index)
    return hits


def _region_grid(region: _Region) -> Grid:
    value_x0 = region.value_x0 if region.value_x0 is not None else float("inf")
    blocks = _stream_blocks(region)
    rows = _stream_rows(blocks) if _row_major(blocks) else _geometric_rows(region, value_x0)
    edge = _label_edge(rows, region)
    columns = _value_columns([b for row in rows for b in row if _in_value_area(b, edge)])
    header_edge = _label_header_edge(rows, edge, columns)
    if header_edge != edge:
        edge = header_edge
        columns = _value_columns([b for row in rows for b in row if _in_value_area(b, edge)])
    grid_rows = []
    for row in rows:
        labels = [b.cell() for b in row if not _in_value_area(b, edge)]
        slots: list[list[_Block]] = [[] for _ in columns]
        covered: set[int] = set()
        for block in row:
            if not columns or not _in_value_area(block, edge):
                continue
            hits = _column_hits(block, columns)
            if not hits:
                centre = (block.x0 + block.x1) / 2
                hits = [min(range(len(columns)), key=lambda i: abs(sum(columns[i]) / 2 - centre))]
            slots[hits[0]].append(block)
            covered.update(hits[1:])
        values: list[Cell | None] = []
        for index, blocks in enumerate(slots):
            if blocks:
                cell = blocks[0].cell()
                for extra in blocks[1:]:
                    cell.append(extra.cell())
                cell.limit = columns[index][1]
                values.append(cell)
            elif index not in covered:
                values.append(None)
        first = min((run for block in row for run in block.runs), key=lambda r: (r.page, r.line))
        grid_rows.append(GridRow(labels, values, first.page, first.line))
    first_line = region.lines[0]
    value_edge = min((x0 for x0, _ in columns), default=edge)
    return Grid(grid_rows, value_edge, first_line.page, first_line.number)


# ---------------------------------------------------------------------------------------
# Paragraphs


def _join_text(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        return f"{left} {right}"
    return left + right


def _paragraphs(lines: Sequence[Line], left: float, right: float) -> Iterator[Paragraph]:
    """Join prose lines into paragraphs: a line that filled the width continues on the next."""
    text = ""
    start: Line | None = None
    previous: Line | None = None
    for line in lines:
        h = line.h
        continues = (
            previous is not None
            and previous.x1 >= right - 1.5 * h
            and line.x0 <= left + 1.0 * h
            and (line.page != previous.page or previous.y0 - line.y1 <= 1.2 * h)
            and len(line.runs) == 1
            and len(previous.runs) == 1
        )
        if continues:
            text = _join_text(text, line.text)
        else:
            if start is not None:
                yield Paragraph(text, Source(page=start.page, line=start.number))
            start, text = line, line.text
        previous = line
    if start is not None:
        yield Paragraph(text, Source(page=start.page, line=start.number))


def _right_margin(lines: Sequence[Line]) -> float:
    """Find the right edge of the text body: where most long prose lines end."""
    ends = Counter(
        round(line.x1) for line in lines if len(line.runs) == 1 and line.runs[0].chars >= 8
    )
    if not ends:
        return max((line.x1 for line in lines), default=0.0)
    most = max(ends.values())
    return float(max(end for end, count in ends.items() if count == most))


def compose(items: Sequence[Line | Grid]) -> list[Block]:
    """Paragraphs from runs of prose lines and tables from grids, in the items' order.

    Each grid's page breaks are rejoined (:func:`join_page_breaks`) and tables are numbered
    from 1 in reading order.
    """
    prose = [item for item in items if isinstance(item, Line)]
    left = min((line.x0 for line in prose), default=0.0)
    right = _right_margin(prose)
    blocks: list[Block] = []
    run_of_prose: list[Line] = []
    tables = 0
    for item in items:
        if isinstance(item, Line):
            run_of_prose.append(item)
            continue
        blocks.extend(_paragraphs(run_of_prose, left, right))
        run_of_prose = []
        join_page_breaks(item)
        tables += 1
        blocks.append(grid_to_table(item, tables))
    blocks.extend(_paragraphs(run_of_prose, left, right))
    return blocks


def layout_positioned(pages: Sequence[tuple[float, Sequence[CharBox]]]) -> list[Block]:
    """Paragraphs and tables from positioned text, the entry point for any source of boxes.

    ``pages`` gives, per page, its height and its characters or words with their boxes
    (``(text, x0, x1, y0, y1)`` in points, ``y`` upwards), in reading order (an OCR engine's
    words, a PDF's characters in stream order). They are grouped into runs and lines, page
    furniture is removed, and the layout is read as for a PDF's text layer.
    """
    page_lines = [
        PageLines(number, height, build_lines(build_runs(boxes, number), number))
        for number, (height, boxes) in enumerate(pages, start=1)
    ]
    strip_furniture(page_lines)
    return layout(page_lines)


def layout(pages: Sequence[PageLines]) -> list[Block]:
    """Build the document's paragraphs and tables, in reading order, from its pages' lines."""
    lines = [line for page in pages for line in page.lines]
    items: list[Line | Grid] = [
        item if isinstance(item, Line) else _region_grid(item) for item in _regions(lines)
    ]
    return compose(items)
