"""The cells of a table region: runs joined where a cell's text wraps onto more lines."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from gikaireport.lexicon import is_digits, is_value, starts_item
from gikaireport.readers.pdf_grid import Cell
from gikaireport.readers.pdf_lines import Run
from gikaireport.readers.pdf_regions import Region

__all__: list[str] = []


class Block:
    """The text of one cell: one run, or several when the cell's text wraps."""

    __slots__ = ("_text", "_value", "h", "runs", "x0", "x1")

    def __init__(self, run: Run) -> None:
        self.runs = [run]
        self.x0 = run.x0
        self.x1 = run.x1
        self.h = run.h
        self._text: str | None = run.text
        self._value: bool | None = None

    def add(self, run: Run) -> None:
        """Add the next line of the cell's text."""
        self.runs.append(run)
        self.x0 = min(self.x0, run.x0)
        self.x1 = max(self.x1, run.x1)
        self.h = min(self.h, run.h)
        self._text = None
        self._value = None

    @property
    def last(self) -> Run:
        """The cell's last line."""
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
        """Whether the cell prints a value (worked out once per text)."""
        if self._value is None:
            self._value = is_value(self.text)
        return self._value

    def cell(self) -> Cell:
        """The cell as a grid cell, with the extent of its text and its last line."""
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


class Columns:
    """The runs of a table region, indexed by left edge and by centre for column lookups."""

    def __init__(self, runs: Sequence[Run]) -> None:
        self.runs = runs
        self.by_x0 = sorted(runs, key=lambda r: r.x0)
        self.x0s = [run.x0 for run in self.by_x0]
        self.by_cx = sorted(runs, key=lambda r: r.cx)
        self.cxs = [run.cx for run in self.by_cx]

    def extent(self, block: Block) -> tuple[float, float]:
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


def _wraps(block: Block, run: Run, columns: Columns) -> bool:
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


def stream_blocks(region: Region) -> list[Block]:
    """Collect the region's cells in stream order: runs joined where a cell's text wraps."""
    runs = sorted(
        (run for line in region.lines for run in line.runs), key=lambda r: (r.page, r.order)
    )
    columns = Columns(runs)
    blocks: list[Block] = []
    for run in runs:
        if blocks and _wraps(blocks[-1], run, columns):
            blocks[-1].add(run)
        else:
            blocks.append(Block(run))
    return blocks
