"""Characters of a PDF page grouped into runs and visual lines, and page furniture removed.

The input is what a PDF library reports for each character of a page, in content-stream
order: the character and its box. The output is, per page, the visual lines from top to
bottom, each a list of *runs*: characters that follow each other in the stream on the same
baseline without a gap wider than a character. A table row prints as one line with several
runs (one per cell); a line of prose is a single run.

Coordinates are PDF user space: ``x`` grows to the right, ``y`` grows upwards.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from gikaireport.lexicon import NUMBER_CHARS, is_page_number

__all__: list[str] = []

CharBox = tuple[str, float, float, float, float]
"""A character and its box: ``(text, x0, x1, y0, y1)`` with ``y0`` the bottom edge."""

_GAP = 0.8
"""A gap wider than this many character heights ends a run."""

_THIN = 3.0
"""A path whose box is thinner than this (points) is one ruling line."""

_WALL = 0.08
"""A gap narrower than this many character heights holds no ruling line and its glyphs' sides."""


class Walls:
    """The vertical ruling lines of a page, sorted by ``x``, for :func:`build_runs`.

    Built from path boxes (``("", x0, x1, y0, y1)``, see ``pdf_rules.page_rules``): a thin
    upright box is one line, a wider box (a cell's border or background) gives its left and
    right edges. Boxes lower than ``_THIN`` (horizontal lines) give none.
    """

    __slots__ = ("bottoms", "tops", "xs")

    def __init__(self, boxes: Sequence[CharBox]) -> None:
        walls: list[tuple[float, float, float]] = []
        for _, x0, x1, y0, y1 in boxes:
            if y1 - y0 < _THIN:
                continue
            if x1 - x0 < _THIN:
                walls.append(((x0 + x1) / 2, y0, y1))
            else:
                walls.extend(((x0, y0, y1), (x1, y0, y1)))
        walls.sort()
        self.xs = [wall[0] for wall in walls]
        self.bottoms = [wall[1] for wall in walls]
        self.tops = [wall[2] for wall in walls]

    def between(self, left: float, right: float, y2: float) -> bool:
        """Whether a vertical line at ``left < x < right`` crosses the height ``y2 / 2``.

        The height is given doubled (the sum of a box's bottom and top, saving a division).
        """
        y = y2 / 2
        xs = self.xs
        index = bisect_right(xs, left)
        while index < len(xs) and xs[index] < right:
            if self.bottoms[index] <= y <= self.tops[index]:
                return True
            index += 1
        return False


@dataclass(slots=True)
class Run:
    """Characters printed one after another on one line: a word, a cell, a line of prose.

    ``order`` is the stream position of the run's first character on its page (runs of one
    page are numbered in stream order) and ``end`` that of its last piece, which differs when
    pieces drawn later in the stream were merged in (some exporters draw glyphs of a fallback
    font, such as quotation marks, after the rest of the line). ``line`` is the 1-based number
    of the visual line the run sits on (set by :func:`build_lines`). ``glyphs`` are the run's
    characters with their left edges, in reading order.
    """

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    page: int
    order: int
    chars: int = 1
    line: int = 0
    end: int = -1
    glyphs: list[tuple[float, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.end < 0:
            self.end = self.order

    @property
    def h(self) -> float:
        """The height of the run's box (the font's line height for loose boxes)."""
        return max(self.y1 - self.y0, 1.0)

    @property
    def cy(self) -> float:
        """The vertical centre."""
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        """The horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def width(self) -> float:
        """The run's width."""
        return self.x1 - self.x0

    def merge(self, other: Run) -> None:
        """Take in the characters of an overlapping run of the same line, in x order."""
        self.glyphs = sorted(self.glyphs + other.glyphs, key=lambda glyph: glyph[0])
        self.text = "".join(glyph[1] for glyph in self.glyphs)
        self.x0 = min(self.x0, other.x0)
        self.x1 = max(self.x1, other.x1)
        self.y0 = min(self.y0, other.y0)
        self.y1 = max(self.y1, other.y1)
        self.chars += other.chars
        self.order = min(self.order, other.order)
        self.end = max(self.end, other.end)


class Line:
    """A visual line of a page: runs on one baseline, ordered left to right.

    ``x0``, ``x1``, ``y0``, ``y1`` are the line's box; ``h`` is the height of its smallest
    run (the body text height); ``number`` is the 1-based line number on the page.
    """

    __slots__ = ("h", "number", "page", "runs", "x0", "x1", "y0", "y1")

    def __init__(self, runs: list[Run], page: int, number: int = 0) -> None:
        self.runs = sorted(runs, key=lambda r: r.x0)
        self.page = page
        self.number = number
        first = runs[0]
        x0, x1, y0, y1 = first.x0, first.x1, first.y0, first.y1
        h = first.h
        for run in runs:
            x0 = run.x0 if run.x0 < x0 else x0
            x1 = run.x1 if run.x1 > x1 else x1
            y0 = run.y0 if run.y0 < y0 else y0
            y1 = run.y1 if run.y1 > y1 else y1
            run_h = run.h
            h = run_h if run_h < h else h
        self.x0, self.x1, self.y0, self.y1, self.h = x0, x1, y0, y1, h

    @property
    def text(self) -> str:
        """The line's text, runs separated by a space."""
        return " ".join(run.text for run in self.runs)


@dataclass(slots=True)
class PageLines:
    """The visual lines of one page, top to bottom, and the page height."""

    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    removed: int = 0


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def build_runs(chars: Sequence[CharBox], page: int, walls: Walls | None = None) -> list[Run]:
    """Group a page's characters (in stream order) into runs.

    A character continues the current run when it sits on the same baseline as the previous
    character (their boxes overlap vertically by half a height), to its right, and not
    further than ``_GAP`` heights away, except that a visible gap between two digits ends the
    run (numbers in neighbouring narrow columns), and that a vertical ruling line of
    ``walls`` between the two ends it (a table printed without cell padding sets a label
    and the next cell's number a border apart, closer than a gap between cells). A space is
    inserted between two ASCII letters or digits that have a visible gap; Chinese text is
    joined without spaces.
    """
    runs: list[Run] = []
    glyphs: list[tuple[float, str]] = []
    current: Run | None = None
    # the current run's right, bottom and top edges and characters, kept in locals and
    # written to the run when it ends
    right = bottom = top = 0.0
    count = 0
    prev_x1 = prev_y0 = prev_y1 = 0.0
    prev_char = ""
    digits = NUMBER_CHARS
    between = walls.between if walls is not None and walls.xs else None
    for char, x0, x1, y0, y1 in chars:
        if current is not None:
            previous_height = prev_y1 - prev_y0
            height = y1 - y0
            if previous_height < height:
                height = previous_height
            if height <= 0:
                height = max(previous_height, y1 - y0, 1.0)
            overlap = (prev_y1 if prev_y1 < y1 else y1) - (prev_y0 if prev_y0 > y0 else y0)
            gap = x0 - prev_x1
            if (
                overlap >= 0.5 * height
                and -0.6 * height <= gap <= _GAP * height
                and (gap <= 0.25 * height or char not in digits or prev_char not in digits)
                and (between is None or gap < _WALL * height or not between(prev_x1, x0, y0 + y1))
            ):
                if gap > 0.15 * height and _is_word_char(prev_char) and _is_word_char(char):
                    glyphs.append((x0 - gap / 2, " "))
                glyphs.append((x0, char))
                if x1 > right:
                    right = x1
                if y0 < bottom:
                    bottom = y0
                if y1 > top:
                    top = y1
                count += 1
                prev_x1, prev_y0, prev_y1, prev_char = x1, y0, y1, char
                continue
            _end_run(current, glyphs, right, bottom, top, count)
        glyphs = [(x0, char)]
        current = Run("", x0, x1, y0, y1, page, len(runs), glyphs=glyphs)
        runs.append(current)
        right, bottom, top, count = x1, y0, y1, 1
        prev_x1, prev_y0, prev_y1, prev_char = x1, y0, y1, char
    if current is not None:
        _end_run(current, glyphs, right, bottom, top, count)
    return runs


def _end_run(
    run: Run, glyphs: list[tuple[float, str]], right: float, bottom: float, top: float, count: int
) -> None:
    run.text = "".join([glyph[1] for glyph in glyphs])
    run.x1, run.y0, run.y1, run.chars = right, bottom, top, count


def build_lines(runs: Sequence[Run], page: int, walls: Walls | None = None) -> list[Line]:
    """Group runs into visual lines, top to bottom, and number the lines from 1.

    Runs of one line that overlap or touch are merged: they are pieces of one text that the
    stream drew apart; unless a vertical ruling line of ``walls`` parts them.
    """
    between = walls.between if walls is not None and walls.xs else None
    groups: list[list[Run]] = []
    anchor_cy = anchor_h = 0.0
    for run in sorted(runs, key=lambda r: -r.cy):
        if groups and abs(anchor_cy - run.cy) <= 0.3 * min(anchor_h, run.h):
            groups[-1].append(run)
            continue
        groups.append([run])
        anchor_cy, anchor_h = run.cy, run.h
    lines = []
    for number, group in enumerate(groups, start=1):
        merged: list[Run] = []
        for run in sorted(group, key=lambda r: r.x0):
            previous = merged[-1] if merged else None
            if (
                previous is not None
                and run.x0 < previous.x1 + 0.25 * min(run.h, previous.h)
                and (
                    between is None
                    or run.x0 <= previous.x1
                    or not between(previous.x1, run.x0, run.y0 + run.y1)
                )
            ):
                previous.merge(run)
                continue
            merged.append(run)
        for run in merged:
            run.line = number
        lines.append(Line(merged, page, number))
    return lines


_BAND = 0.12
"""Page numbers, running headers and footers sit in this fraction of the page at top or bottom."""


def _in_band(line: Line, page: PageLines) -> bool:
    return line.y0 >= page.height * (1 - _BAND) or line.y1 <= page.height * _BAND


def _set_apart(lines: Sequence[Line], index: int) -> bool:
    """Whether a line stands apart from the body: a gap of half a line towards the body.

    A number right under a table row is the rest of a number that did not fit its cell.
    """
    line = lines[index]
    neighbour = lines[index + 1] if line.y0 >= lines[-1].y1 and index + 1 < len(lines) else None
    if neighbour is None and index > 0:
        neighbour = lines[index - 1]
    if neighbour is None:
        return True
    gap = line.y0 - neighbour.y1 if line.y0 >= neighbour.y1 else neighbour.y0 - line.y1
    return gap >= 0.5 * min(line.h, neighbour.h)


def _furniture_key(line: Line) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", line.text))


def strip_fixed_runs(pages: Sequence[tuple[float, list[Run]]]) -> list[list[Run]]:
    """Remove, in place, runs printed at the same place in the margin bands of most pages.

    A browser prints an element fixed to the window (a share bar, a site title) on every
    page, often over the body text, where it would merge into a heading or a table row. A
    run in the top or bottom band of the page whose text and position repeat on at least
    three pages and half of them is such furniture. Returns the runs removed, per page.
    """
    if len(pages) < 3:
        return [[] for _ in pages]

    def key(run: Run, height: float) -> tuple[str, int, int] | None:
        in_band = run.y0 >= height * (1 - _BAND) or run.y1 <= height * _BAND
        return (run.text, round(run.x0), round(run.y0)) if in_band else None

    counts = Counter(
        k for height, runs in pages for k in {key(run, height) for run in runs} if k is not None
    )
    fixed = {k for k, count in counts.items() if count >= max(3, len(pages) / 2)}
    removed: list[list[Run]] = []
    for height, runs in pages:
        removed.append([run for run in runs if key(run, height) in fixed])
        if removed[-1]:
            runs[:] = [run for run in runs if key(run, height) not in fixed]
    return removed


def strip_furniture(pages: Sequence[PageLines]) -> None:
    """Remove page numbers and running headers and footers from the pages, in place.

    A page number is a line in the top or bottom margin band that reads as one. A running
    header (footer) is a first (last) line in the band whose text, digits ignored, is the
    first (last) line of at least three pages and of at least half of the pages.
    """
    for page in pages:
        keep = []
        for index, line in enumerate(page.lines):
            edge = index < 2 or index >= len(page.lines) - 2
            if (
                edge
                and _in_band(line, page)
                and is_page_number(line.text)
                and _set_apart(page.lines, index)
            ):
                page.removed += 1
                continue
            keep.append(line)
        page.lines = keep
    if len(pages) < 3:
        return
    for position in (0, -1):
        counts = Counter(
            _furniture_key(page.lines[position])
            for page in pages
            if page.lines and _in_band(page.lines[position], page)
        )
        repeated = {key for key, count in counts.items() if count >= max(3, len(pages) / 2)}
        if not repeated:
            continue
        for page in pages:
            if (
                page.lines
                and _in_band(page.lines[position], page)
                and _furniture_key(page.lines[position]) in repeated
            ):
                page.lines.pop(position)
                page.removed += 1
