"""Table cells of a page image, from its ruling lines.

A scanned table shows its ruling lines. Long horizontal and vertical strokes are found by
morphological opening of the binarised image; the white areas they enclose are the cells.
Each cell's ink (the text left once the lines are taken out) tells whether it is blank and
where its text sits, so that a lone ``0`` the text detector passed over is still read, and
each number is recognised on its own crop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__: list[str] = []

_MIN_CELL = 8
"""Cells narrower or lower than this many pixels are gaps between double lines."""


_SPECK = 12
"""Blobs of ink smaller than this many pixels are noise, not print."""


@dataclass(slots=True, frozen=True)
class CellBox:
    """A cell enclosed by ruling lines, in image pixels (inside the lines)."""

    x0: int
    y0: int
    x1: int
    y1: int

    def holds(self, x: float, y: float) -> bool:
        """Whether a point lies inside the cell."""
        return self.x0 <= x <= self.x1 and self.y0 <= y <= self.y1


def binarise(image: NDArray[Any]) -> NDArray[Any]:
    """Ink as 255 on 0, by Otsu's threshold (scans differ in brightness)."""
    import cv2

    _, ink = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return ink


def vertical_lines(ink: NDArray[Any]) -> NDArray[Any]:
    """The long vertical strokes of a binarised page (the ruling lines between columns)."""
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(ink.shape[0] // 60, 10)))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def ruling_lines(ink: NDArray[Any]) -> NDArray[Any]:
    """The long horizontal and vertical strokes of a binarised page (tables' ruling lines)."""
    import cv2

    lines = cv2.bitwise_or(_horizontal_lines(ink), vertical_lines(ink))
    # close the small breaks a scan leaves in a line
    return cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))


def _horizontal_lines(ink: NDArray[Any]) -> NDArray[Any]:
    """The long horizontal strokes of a binarised page."""
    import cv2

    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(ink.shape[1] // 25, 10), 1))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def ruling_skew(ink: NDArray[Any]) -> float | None:
    """The page's skew in degrees, from the slope of its long horizontal ruling lines.

    Lines at least a third of the page wide count (a table's rules, a letterhead's rule);
    ``None`` when the page has none. The sign is that of a detected box's slope
    (:func:`~gikaireport.readers.ocr_engine.angle_of`).
    """
    import math

    import cv2
    import numpy as np

    lines = cv2.dilate(_horizontal_lines(ink), np.ones((3, 3), np.uint8))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines, connectivity=8)
    angles = []
    for index in range(1, count):
        x, y, w, h, _ = (int(v) for v in stats[index])
        if w < ink.shape[1] // 3:
            continue
        ys, xs = np.nonzero(labels[y : y + h, x : x + w] == index)
        angles.append(math.degrees(math.atan(float(np.polyfit(xs, ys, 1)[0]))))
    return sorted(angles)[len(angles) // 2] if angles else None


def find_cells(ink: NDArray[Any]) -> tuple[list[CellBox], NDArray[Any]]:
    """The cells enclosed by ruling lines, and the ink with the lines taken out.

    A white area counts as a cell when it does not touch the page edge and is bordered by
    lines on all sides (its bounding box is filled by it for the most part).
    """
    import cv2

    lines = ruling_lines(ink)
    text = cv2.bitwise_and(ink, cv2.bitwise_not(lines))
    if not lines.any():
        return [], text
    count, _, stats, _ = cv2.connectedComponentsWithStats(cv2.bitwise_not(lines), connectivity=4)
    height, width = ink.shape[:2]
    cells = []
    for index in range(1, count):
        x, y, w, h, area = (int(v) for v in stats[index])
        if x == 0 or y == 0 or x + w >= width or y + h >= height:
            continue
        if w < _MIN_CELL or h < _MIN_CELL or area < 0.8 * w * h:
            continue
        cells.append(CellBox(x, y, x + w - 1, y + h - 1))
    if len(cells) < 2:
        return [], text
    return cells, text


def _blobs(text: NDArray[Any], cell: CellBox) -> list[tuple[int, int, int, int]]:
    """The boxes ``(x0, y0, x1, y1)`` of a cell's blobs of ink, specks left out."""
    import cv2

    margin = 2
    area = text[cell.y0 + margin : cell.y1 - margin, cell.x0 + margin : cell.x1 - margin]
    if area.size == 0 or not area.any():
        return []
    count, _, stats, _ = cv2.connectedComponentsWithStats(area, connectivity=8)
    left, top = cell.x0 + margin, cell.y0 + margin
    return [
        (left + x, top + y, left + x + w, top + y + h)
        for x, y, w, h, size in (tuple(int(v) for v in stats[i]) for i in range(1, count))
        if size >= _SPECK
    ]


def enclose(blobs: list[tuple[int, int, int, int]]) -> tuple[int, int, int, int]:
    """The box that holds all of ``blobs``."""
    return (
        min(b[0] for b in blobs),
        min(b[1] for b in blobs),
        max(b[2] for b in blobs),
        max(b[3] for b in blobs),
    )


def ink_box(text: NDArray[Any], cell: CellBox) -> tuple[int, int, int, int] | None:
    """The box of a cell's ink ``(x0, y0, x1, y1)``, or ``None`` when the cell is blank.

    Specks (blobs of fewer than :data:`_SPECK` pixels, scan noise) do not count as ink.
    """
    blobs = _blobs(text, cell)
    return enclose(blobs) if blobs else None


def ink_lines(text: NDArray[Any], cell: CellBox, height: float) -> list[tuple[int, int, int, int]]:
    """The boxes of the lines of text in a cell, top to bottom; none when it is blank.

    Blobs whose rows overlap make up one band of ink; bands join into one line while the
    line stays within ``height`` (the height of a detected line of text), so the two
    strokes of a ``二`` stay one line and a wrapped label comes apart at its line gap.
    Blots smaller than a third of ``height`` each way (punctuation, scan dirt) join the
    line whose rows they share and are left out elsewhere, unless they are all the cell
    holds.
    """
    blobs = _blobs(text, cell)
    small = height / 3
    large = [b for b in blobs if b[2] - b[0] >= small or b[3] - b[1] >= small] or blobs
    lines: list[list[tuple[int, int, int, int]]] = []
    for blob in sorted(large, key=lambda b: b[1]):
        if lines and (
            blob[1] <= max(b[3] for b in lines[-1])
            or blob[3] - min(b[1] for b in lines[-1]) <= height
        ):
            lines[-1].append(blob)
        else:
            lines.append([blob])
    boxes = [enclose(line) for line in lines]
    for blot in (b for b in blobs if b not in large):
        home = next((i for i, b in enumerate(boxes) if blot[1] < b[3] and b[1] < blot[3]), None)
        if home is not None:
            boxes[home] = enclose([boxes[home], blot])
    return boxes


_LINE_PER_GLYPH = 1.4
"""A detected line of text is about this many times as high as its tallest glyphs' ink."""


def line_height(text: NDArray[Any], cells: list[CellBox]) -> float:
    """The height a detected line of the cells' text would have, from their ink alone.

    The tallest glyphs (the 90th percentile of the cells' blob heights, so a blot does
    not count) times :data:`_LINE_PER_GLYPH`, measured against the detector's boxes on
    the corpus pages at 150, 200 and 300 dpi.
    """
    heights = sorted(b[3] - b[1] for cell in cells for b in _blobs(text, cell))
    if not heights:
        return 40.0
    return _LINE_PER_GLYPH * heights[int(len(heights) * 0.9)]


def outside_cells(
    text: NDArray[Any], cells: list[CellBox], height: float
) -> list[tuple[int, int, int, int]]:
    """The regions ``(x0, y0, x1, y1)`` of a page where text may lie outside the cells.

    The bands of the page above, between and below the tables, full width; and within a
    table's band, the box of any ink no cell holds (a label beside the table, text in a
    cell the lines do not close). Blots smaller than a third of ``height`` each way are
    left aside.
    """
    import cv2

    page_height, page_width = text.shape[:2]
    bands: list[list[int]] = []
    for cell in sorted(cells, key=lambda c: c.y0):
        if bands and cell.y0 <= bands[-1][1] + _MIN_CELL:
            bands[-1][1] = max(bands[-1][1], cell.y1)
        else:
            bands.append([cell.y0, cell.y1])
    regions, top = [], 0
    for y0, y1 in bands:
        if y0 - top > _MIN_CELL:
            regions.append((0, top, page_width - 1, y0 - 1))
        loose = text[y0 : y1 + 1].copy()
        for cell in cells:
            if y0 <= cell.y0 <= y1:
                loose[cell.y0 - y0 : cell.y1 - y0 + 1, cell.x0 : cell.x1 + 1] = 0
        count, _, stats, _ = cv2.connectedComponentsWithStats(loose, connectivity=8)
        blobs = [
            (x, y0 + y, x + w, y0 + y + h)
            for x, y, w, h, size in (tuple(int(v) for v in stats[i]) for i in range(1, count))
            if size >= _SPECK and max(w, h) >= height / 3
        ]
        if blobs:
            x0, b0, x1, b1 = enclose(blobs)
            pad = int(height)
            right, bottom = min(page_width, x1 + pad) - 1, min(page_height, b1 + pad) - 1
            regions.append((max(0, x0 - pad), max(0, b0 - pad), right, bottom))
        top = y1 + 1
    if page_height - top > _MIN_CELL:
        regions.append((0, top, page_width - 1, page_height - 1))
    return regions


def split_at_lines(box: tuple[int, int, int, int], vertical: NDArray[Any]) -> list[tuple[int, int]]:
    """The spans ``(x0, x1)`` of a text box between the vertical ruling lines that cross it.

    A detector working on a scaled-down page can join the text of neighbouring narrow
    cells into one box; a line that runs through the whole box and on past its top and
    bottom parts them (a tall glyph's stroke stays inside its box).
    """
    import numpy as np

    x0, y0, x1, y1 = box
    quarter = max(2, (y1 - y0) // 4)
    if y0 - quarter < 0 or y1 + quarter >= vertical.shape[0]:
        return [(x0, x1)]
    band = vertical[y0 - quarter : y1 + quarter + 1, x0 : x1 + 1]
    if band.size == 0:
        return [(x0, x1)]
    columns = (band.mean(axis=0) >= 0.8 * 255).nonzero()[0]
    if not len(columns):
        return [(x0, x1)]
    spans: list[tuple[int, int]] = []
    start = x0
    for run in np.split(columns, np.nonzero(np.diff(columns) > 1)[0] + 1):
        left, right = x0 + int(run[0]), x0 + int(run[-1])
        if left - start >= _MIN_CELL:
            spans.append((start, left - 1))
        start = right + 1
    if x1 - start >= _MIN_CELL:
        spans.append((start, x1))
    return spans
