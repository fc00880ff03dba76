"""The blocks the plain-text reader makes: paragraphs, and tables.

Reading a report's text decides every cell's text and the line it starts on; making a
:class:`~gikaireport.document.TableCell` and its :class:`~gikaireport.model.Source` for each
of some 330 printed cells is a third of the reader, so a table collects its cells flat (texts,
lines, row lengths) and makes them in one pass when it ends.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import count, repeat
from operator import add, lshift

from gikaireport.document import Block, Paragraph, Table, TableCell
from gikaireport.model import Source

__all__: list[str] = []

_new = tuple.__new__
_new_object = object.__new__

Row = tuple[list[str], list[int]]
"""A table row as read: its cells' texts and the line each cell starts on."""


_set_text, _set_source, _set_level = (
    Paragraph.__dict__[name].__set__ for name in ("text", "source", "heading_level")
)


def paragraph(text: str, line: int) -> Paragraph:
    """``Paragraph(text, Source(line))`` without the argument handling: once per prose line.

    Sets the frozen class's slots as its ``__init__`` does; the result is equal.
    """
    block = _new_object(Paragraph)
    _set_text(block, text)
    _set_source(block, _new(Source, (line, None, None, None, None, None)))
    _set_level(block, None)
    return block


class Builder:
    """Accumulates blocks while walking the lines.

    The open table's cells are kept flat, row after row: their texts, the line each starts
    on, and each row's length. Its :class:`TableCell` objects are made in one pass when the
    table ends (:func:`grid`).
    """

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.texts: list[str] = []
        self.lines: list[int] = []
        self.lengths: list[int] = []
        self.table_line = 0
        self.complete = True
        self.tables = 0

    def paragraphs(self, lines: list[str], shape: str, start: int, end: int) -> None:
        """A paragraph for each line of text from ``start`` to ``end``."""
        self.blocks += [
            paragraph(text, number)
            for number, line, kind in zip(count(start + 1), lines[start:end], shape[start:end])
            if kind == "t" and (text := line.strip())
        ]

    def start(self, line: int, complete: bool) -> None:
        if not self.lengths:
            self.table_line = line
            self.complete = complete

    def row(self, texts: list[str], lines: list[int]) -> None:
        if texts:
            self.texts += texts
            self.lines += lines
            self.lengths.append(len(texts))

    def rows(self, texts: list[str], lines: list[int], lengths: list[int]) -> None:
        """Several rows at once: ``lengths`` says how many cells each has (none empty)."""
        self.texts += texts
        self.lines += lines
        self.lengths += lengths

    def flush(self) -> None:
        if self.lengths:
            self.tables += 1
            source = _new(Source, (self.table_line, None, self.tables, None, None, None))
            rows = grid(self.texts, self.lines, self.lengths, self.tables)
            self.blocks.append(Table(rows, source, self.complete))
            self.texts = []
            self.lines = []
            self.lengths = []


def grid(
    texts: list[str], lines: list[int], lengths: list[int], table: int
) -> tuple[tuple[TableCell, ...], ...]:
    """The cells of a table, row by row.

    ``tuple.__new__`` skips the named tuples' argument handling, and ``map`` runs it
    without a Python loop. The cells' sources come from :func:`sources`.
    """
    cells = tuple(
        map(_new, repeat(TableCell), zip(texts, sources(lines, lengths, table), repeat(())))
    )
    grid = []
    start = 0
    for length in lengths:
        grid.append(cells[start : start + length])
        start += length
    return tuple(grid)


_SOURCES: dict[int, Source] = {}
"""Cell sources already made, by key: the line plus the table, row and column (8 bits each)
shifted left 20 bits (see :func:`_places`)."""
_LINES = 1 << 20
"""Sources of cells on lines from this one on are not kept (their keys would collide)."""
_SOURCES_KEPT = 1 << 15
"""How many sources :data:`_SOURCES` keeps at most (a few megabytes); it starts again when full."""


def sources(lines: list[int], lengths: list[int], table: int) -> list[Source]:
    """Every cell's :class:`~gikaireport.model.Source`, row by row (``lengths`` long).

    A source is a tuple of numbers, equal to any other with the same numbers, and the cells
    of a table start on the same lines in many reports (a template's table, after as many
    lines of prose): the sources made for a table are kept, and a table whose every source
    was made before takes them. Making a fresh one for each of some 330 printed cells, and
    collecting the garbage they leave, took a third of the reader.
    """
    rows, columns, places = _places(table, tuple(lengths))
    keys = list(map(add, lines, places)) if places and max(lines) < _LINES else None
    if keys is not None and keys[0] in _SOURCES:  # the table seen on these lines before?
        found = list(map(_SOURCES.get, keys))
        if all(found):  # no None (a source is never empty)
            return found  # type: ignore[return-value]  # no None in it
    made = list(
        map(
            _new,
            repeat(Source),
            zip(lines, repeat(None), repeat(table), rows, columns, repeat(None)),
        )
    )
    if keys is not None:
        if len(_SOURCES) > _SOURCES_KEPT:
            _SOURCES.clear()
        _SOURCES.update(zip(keys, made, strict=True))
    return made


@lru_cache(maxsize=256)
def _places(
    table: int, lengths: tuple[int, ...]
) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]:
    """Each cell's row, its column, and its table, row and column packed in one number
    (8 bits each, shifted left 20 bits: a key of :data:`_SOURCES` once a line below
    :data:`_LINES` is added; none when a number does not fit in 8 bits).
    """
    rows = tuple(row for row, n in enumerate(lengths, 1) for _ in range(n))
    columns = tuple(column for n in lengths for column in range(1, n + 1))
    if max(table, len(lengths), *lengths) > 255:
        return rows, columns, ()
    packed = map(add, repeat(table << 16), map(add, map(lshift, rows, repeat(8)), columns))
    return rows, columns, tuple(map(lshift, packed, repeat(20)))
