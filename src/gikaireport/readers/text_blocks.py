"""The blocks the plain-text reader makes: paragraphs, and tables.

Reading a report's text decides every cell's text and the line it starts on; making a
:class:`~gikaireport.document.TableCell` and its :class:`~gikaireport.model.Source` for each
of some 330 printed cells would be a third of the reader, so a table collects its cells flat
(texts, lines, row lengths) and keeps them so (:class:`~gikaireport.document.PrintedCells`):
its cells are made only if its rows are read.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from itertools import compress, repeat

from gikaireport.document import Block, Paragraph, PrintedCells, table_of_texts
from gikaireport.model import Source

__all__: list[str] = []

_new = tuple.__new__
_new_object = object.__new__

Row = tuple[list[str], list[int]]
"""A table row as read: its cells' texts and the line each cell starts on."""


_set_text, _set_source, _set_level = (
    Paragraph.__dict__[name].__set__ for name in ("text", "source", "heading_level")
)


_LINE_SOURCES_KEPT = 1 << 15
"""Line sources are shared for lines up to this number; beyond it each is made anew."""
_PROSE = bytes(int(byte == ord("t")) for byte in range(256))
"""A translation of a shape's bytes (see :mod:`gikaireport.readers.text`): 1 for a line of
text, 0 for any other."""


def paragraphs(lines: list[str], flags: bytes, first: int) -> list[Paragraph]:
    """A :class:`Paragraph` for each of ``lines`` whose flag is 1, ``first`` the first's number.

    Makes the blocks in bulk, without a Python loop: ``object.__new__`` and the frozen class's
    slot setters (what its ``__init__`` does; the result is equal), each run by ``map``. A
    line's :class:`Source` is immutable and the same for every paragraph starting on that
    line, so it is made once and shared.
    """
    texts = list(map(str.strip, compress(lines, flags)))
    sources = compress(_line_sources(first, first + len(flags)), flags)
    blocks = list(map(_new_object, repeat(Paragraph, len(texts))))
    _drain(map(_set_text, blocks, texts))
    _drain(map(_set_source, blocks, sources))
    _drain(map(_set_level, blocks, repeat(None)))
    return blocks


def _drain(calls: Iterable[None]) -> None:
    """Run the calls of a lazy ``map``."""
    deque(calls, 0)


def _line_sources(start: int, end: int) -> Sequence[Source]:
    """``Source(line)`` for the line numbers from ``start`` to ``end`` (not included)."""
    if end > _LINE_SOURCES_KEPT:
        return _new_line_sources(start, end)
    kept = _kept_line_sources[0]
    if len(kept) < end:  # made anew, longer: a power of two, so seldom
        kept = _new_line_sources(0, max(1024, 1 << (end - 1).bit_length()))
        _kept_line_sources[0] = kept
    return kept[start:end]


_kept_line_sources: list[tuple[Source, ...]] = [()]
"""The line sources kept, the longest made so far (one tuple, replaced whole)."""


def _new_line_sources(start: int, end: int) -> tuple[Source, ...]:
    nones = repeat(None)
    return tuple(map(_new, repeat(Source), zip(range(start, end), *[nones] * 5, strict=False)))


class Builder:
    """Accumulates blocks while walking the lines.

    The open table's cells are kept flat, row after row: their texts, the line each starts
    on, and each row's length. Its :class:`~gikaireport.document.TableCell` objects are made
    when the table's rows are first read (see :class:`~gikaireport.document.PrintedCells`).
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
        """A paragraph for each line of text from ``start`` to ``end``.

        A line of text (``t`` in the shape) is never blank: blank lines are ``b``.
        """
        flags = shape[start:end].encode().translate(_PROSE)
        self.blocks += paragraphs(lines[start:end], flags, start + 1)

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
            cells = PrintedCells(self.texts, self.lines, self.lengths, self.tables)
            self.blocks.append(table_of_texts(cells, source, self.complete))
            self.texts = []
            self.lines = []
            self.lengths = []
