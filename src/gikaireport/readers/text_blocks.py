"""The blocks the plain-text reader makes: paragraphs, and tables.

Reading a report's text decides every cell's text and the line it starts on; making a
:class:`~gikaireport.document.TableCell` and its :class:`~gikaireport.model.Source` for each
of some 330 printed cells would be a third of the reader, so a table collects its cells flat
(texts, lines, row lengths) and keeps them so (:class:`~gikaireport.document.PrintedCells`):
its cells are made only if its rows are read.
"""

from __future__ import annotations

from itertools import count

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
            cells = PrintedCells(self.texts, self.lines, self.lengths, self.tables)
            self.blocks.append(table_of_texts(cells, source, self.complete))
            self.texts = []
            self.lines = []
            self.lengths = []
