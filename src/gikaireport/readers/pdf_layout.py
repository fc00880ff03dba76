"""Visual lines of PDF pages turned into paragraphs and tables (cell grids).

The lines come from :mod:`gikaireport.readers.pdf_lines`. This module decides which lines
form a table, splits table lines into cells, rebuilds rows whose labels wrap over several
lines, keeps blank cells at their column positions, continues tables across page breaks
(joining a label the break cut in two) and joins wrapped prose lines into paragraphs.

It knows page layout, not reports: a *value* is any cell that the lexicon
(:func:`gikaireport.lexicon.is_value`) calls one (a number, numeric text or a dash);
everything left of the first column of values is a row label.

The work is split by idea: :mod:`~gikaireport.readers.pdf_regions` finds the table
regions among the lines, :mod:`~gikaireport.readers.pdf_cells` joins a region's runs into
cells, :mod:`~gikaireport.readers.pdf_columns` places the cells in rows and columns, and
:mod:`~gikaireport.readers.pdf_grid` rejoins page breaks and makes the neutral table. This
module joins prose lines into paragraphs and puts the document together.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from gikaireport.document import Block, Paragraph
from gikaireport.model.cells import Source
from gikaireport.readers.pdf_columns import region_grid
from gikaireport.readers.pdf_grid import Grid, grid_to_table, join_page_breaks
from gikaireport.readers.pdf_lines import (
    CharBox,
    Line,
    PageLines,
    build_lines,
    build_runs,
    strip_furniture,
)
from gikaireport.readers.pdf_regions import find_regions

__all__: list[str] = []


def _join_text(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii():
        return f"{left} {right}"
    return left + right


_INDENT = 3.0
"""How far in (in character heights) a paragraph's first line may start: two characters
and some slack."""


def _paragraphs(lines: Sequence[Line], left: float, right: float) -> Iterator[Paragraph]:
    """Join prose lines into paragraphs: a line that filled the width continues on the next.

    A line that starts further in than a first line's indent (a centred title, a
    right-aligned signature) is a paragraph of its own even when it reaches the right margin.
    """
    text = ""
    start: Line | None = None
    previous: Line | None = None
    for line in lines:
        h = line.h
        continues = (
            previous is not None
            and previous.x1 >= right - 1.5 * h
            and previous.x0 <= left + _INDENT * h
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
        item if isinstance(item, Line) else region_grid(item) for item in find_regions(lines)
    ]
    return compose(items)
