"""Table regions: which of a document's visual lines form a table and which are prose."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gikaireport.lexicon import is_value
from gikaireport.readers.pdf_lines import Line

__all__: list[str] = []


@dataclass(slots=True)
class Region:
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
        """The region's last line."""
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
        """How far right a row label may reach: the value columns' start, or the header's."""
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
        """Take in a line: count it, and learn the value columns and label anchors it shows."""
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


Item = Line | Region


def find_regions(lines: Sequence[Line]) -> list[Item]:
    """Split the document's lines into prose lines and table regions, in reading order.

    A table starts at a line of two or more runs. Lines with values (numbers, dashes)
    continue it, and so do lines of labels alone that stay left of the values and close to
    the rows above; a header row after rows of values, or a page whose values do not line up
    with the table's columns, starts another table. A header row repeated at the top of a
    page continues the table, unless label-only lines wait before it at the foot of the
    previous page: those are a heading between two tables with the same header. Label-only
    lines after the last row of values stay in the table when they line up with its row
    labels.
    """
    splitter = _Splitter()
    for line in lines:
        splitter.take(line)
    splitter.close()
    return splitter.items


class _Splitter:
    """The walk over the lines: the items so far, the open table, the label lines in doubt."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.current: Region | None = None
        self.pending: list[Line] = []

    def start(self, line: Line) -> None:
        """Start a table at a line of two or more runs; any other line is prose."""
        if len(line.runs) >= 2:
            self.current = Region([])
            self.current.add(line)
        else:
            self.items.append(line)

    def take(self, line: Line) -> None:
        """Add a line to the open table, hold it in doubt, or close the table."""
        current = self.current
        if current is None:
            self.start(line)
            return
        previous = self.pending[-1] if self.pending else current.last
        new_page = line.page != previous.page
        if any(is_value(run.text) for run in line.runs):
            if new_page and not current.aligned(line):
                self.close()
                current = self.current = Region([])
        elif current.is_header(line):
            if new_page and line.text in current.headers and not self.pending:
                return  # a header row repeated on the next page
            if current.data:
                self.close()
                current = self.current = Region([])
        elif current.fits(line, previous):
            self.pending.append(line)
            return
        else:
            self.close()
            self.start(line)
            return
        for waiting in self.pending:
            current.add(waiting)
        self.pending = []
        current.add(line)

    def close(self) -> None:
        """End the open table: keep it if it is one, with the label lines that line up."""
        current, pending = self.current, self.pending
        self.current, self.pending = None, []
        if current is None:
            self.items.extend(pending)
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
            self.items.append(current)
        else:
            self.items.extend(current.lines)
            self.items.extend(trailing)
        self.items.extend(pending)
