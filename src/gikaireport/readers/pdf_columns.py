"""A table region's cells placed in rows and columns: the region's :class:`Grid`.

Word processors write a table cell by cell, row by row, so the content-stream order of a
table's text tells which fragments belong to one cell and where rows end, even when a merged
label is centred between rows or a label wraps around the row's numbers. That order is used
when the stream is row-major (checked per table); otherwise rows are read from geometry.
Row labels end where the first column of values starts; value columns are found from the
cells themselves, narrowest first.
"""

from __future__ import annotations

from collections.abc import Sequence

from gikaireport.readers.pdf_cells import Block, stream_blocks
from gikaireport.readers.pdf_grid import Cell, Grid, GridRow
from gikaireport.readers.pdf_regions import Region

__all__: list[str] = []


def _row_major(blocks: Sequence[Block]) -> bool:
    """Whether the stream writes the table row by row: its values never go back up a page.

    Within a row the values must go left to right; labels may go back up (a merged label
    is written with the first row it covers). A value right of the previous one may stand
    higher, up to the top of the last label written: a cell aligned to the top beside cells
    centred vertically in a row whose label takes several lines.
    """
    previous: Block | None = None
    label_top = float("-inf")
    for block in blocks:
        if not block.value:
            label_top = block.runs[0].y1
            continue
        if previous is not None and previous.runs[0].page == block.runs[0].page:
            top, previous_top = block.runs[0].y1, previous.runs[0].y1
            h = min(block.h, previous.h)
            right = block.x0 >= previous.x1 - 0.5 * h
            if top > previous_top + 0.5 * h and not (right and top <= label_top + 0.5 * h):
                return False  # above the previous value
            if abs(top - previous_top) <= 0.5 * h and block.x0 < previous.x1 - 0.5 * h:
                return False  # left of the previous value on the same line
        previous = block
    return True


def _stream_rows(blocks: Sequence[Block]) -> list[list[Block]]:
    """Rows from cells in stream order: a cell left of the previous one starts a new row."""
    rows: list[list[Block]] = []
    for block in blocks:
        if rows:
            previous = rows[-1][-1]
            same_page = previous.runs[0].page == block.runs[0].page
            if same_page and block.x0 >= previous.x1 - 0.5 * block.h:
                rows[-1].append(block)
                continue
        rows.append([block])
    return rows


def _geometric_rows(region: Region, value_x0: float) -> list[list[Block]]:
    """Rows from geometry alone: one row per line, a row of bare values takes its label lines."""
    rows = [[Block(run) for run in line.runs] for line in region.lines]
    merged: list[list[Block]] = []
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


def _value_columns(blocks: Sequence[Block]) -> list[list[float]]:
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


def _in_value_area(block: Block, label_edge: float) -> bool:
    """Whether a cell stands among the values: its centre is right of the labels' edge."""
    return (block.x0 + block.x1) / 2 > label_edge


def _label_edge(rows: Sequence[Sequence[Block]], region: Region) -> float:
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


def _aligned(a: Block, b: Block) -> bool:
    overlap = min(a.x1, b.x1) - max(a.x0, b.x0) > 0
    return overlap or abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= 0.6 * min(a.h, b.h)


def _label_header_edge(
    rows: Sequence[Sequence[Block]], edge: float, columns: Sequence[Sequence[float]]
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


def _overlaps(block: Block, column: Sequence[float]) -> bool:
    return min(column[1], block.x1) - max(column[0], block.x0) > 0


def _column_hits(block: Block, columns: Sequence[Sequence[float]]) -> list[int]:
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


def _fold_centred_headers(blocks: Sequence[Block], columns: list[list[float]]) -> list[list[float]]:
    """Join a column of header text alone to the column of left-aligned values it heads.

    Word and LibreOffice templates centre a header in its cell and align the numbers below
    it to the left, so the header overlaps none of them and makes a column of its own, blank
    in every row. Such a column is joined to the column of values on its left when its
    centre is where that cell's centre is: half-way between the column's values and the next
    column's values (for the last column, half the previous columns' pitch on), within
    :data:`_CENTRED` of a character height, and the values on its left do not stand centred
    under a header of their own (a table that centres its cells). Anything else stays as it
    is: a column blank in every row is a column of values.
    """
    h = min((b.h for b in blocks), default=0.0)
    valued = [b.x0 for b in blocks if b.value]
    lefts = [[x0 for x0 in valued if c[0] - 0.5 * h <= x0 <= c[1]] for c in columns]
    folded: list[list[float]] = []
    for index, column in enumerate(columns):
        expected = _cell_centre(lefts, index, h)
        if (
            expected is not None
            and abs(sum(column) / 2 - expected) <= _CENTRED * h
            and not _centred_under_header(blocks, columns, index - 1, h)
        ):
            folded[-1][1] = max(folded[-1][1], column[1])
        else:
            folded.append(list(column))
    return folded


_CENTRED = 0.6
"""How far (in character heights) a header may sit from its cell's centre."""


def _cell_centre(lefts: Sequence[Sequence[float]], index: int, h: float) -> float | None:
    """The centre of the cell of the values left of a column of header text alone, if known.

    ``None`` unless the column holds no value, the column before it holds left-aligned
    values and the column after it (if any) holds values.
    """
    if lefts[index] or index == 0 or not lefts[index - 1]:
        return None
    left = lefts[index - 1]
    if max(left) - min(left) > 0.5 * h:
        return None  # not aligned to the left
    if index + 1 < len(lefts):
        after = lefts[index + 1]
        return (min(left) + min(after)) / 2 if after else None
    before = [column for column in lefts[: index - 1] if column]
    return min(left) + (min(left) - min(before[-1])) / 2 if before else None


def _centred_under_header(
    blocks: Sequence[Block], columns: Sequence[Sequence[float]], index: int, h: float
) -> bool:
    """Whether a column's values stand centred under a header of the column's own.

    Left-aligned values leave their centred header a column of its own; values centred
    under a header that covers only their column mean the table centres its cells, so the
    header-only column beside them is another cell (blank in every row), not theirs. With
    one row of values (part 四) this is the evidence that tells the two layouts apart:
    a single value is always "aligned to the left".
    """
    own = [b for b in blocks if _column_hits(b, columns) == [index]]
    values = [(b.x0 + b.x1) / 2 for b in own if b.value]
    if not values:
        return False
    centre = sum(values) / len(values)
    return any(not b.value and abs((b.x0 + b.x1) / 2 - centre) <= _CENTRED * h for b in own)


def region_grid(region: Region) -> Grid:
    """Place a table region's cells in rows and value columns (labels left of the values)."""
    value_x0 = region.value_x0 if region.value_x0 is not None else float("inf")
    blocks = stream_blocks(region)
    rows = _stream_rows(blocks) if _row_major(blocks) else _geometric_rows(region, value_x0)
    edge = _label_edge(rows, region)
    columns = _value_columns([b for row in rows for b in row if _in_value_area(b, edge)])
    header_edge = _label_header_edge(rows, edge, columns)
    if header_edge != edge:
        edge = header_edge
        columns = _value_columns([b for row in rows for b in row if _in_value_area(b, edge)])
    columns = _fold_centred_headers(
        [b for row in rows for b in row if _in_value_area(b, edge)], columns
    )
    grid_rows = []
    for row in rows:
        labels = [b.cell() for b in row if not _in_value_area(b, edge)]
        slots: list[list[Block]] = [[] for _ in columns]
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
