"""The neutral document form that every reader produces and the assembler consumes.

Readers know file formats, not reports: each turns bytes into a :class:`Document` made of
paragraphs and tables (cell grids), every piece carrying the :class:`~gikaireport.model.Source`
it came from. Table interpretation happens once, in :mod:`gikaireport.assemble`.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import repeat
from typing import NamedTuple

from attrs import field, frozen

from gikaireport.deferred import Deferred, OnFirstRead
from gikaireport.model.cells import Source

__all__ = ["Document", "Paragraph", "Table", "TableCell"]


@frozen
class Paragraph:
    """A run of text outside any table: a heading, a line of prose, or a stray fragment.

    ``heading_level`` is a hint from readers that know styles (DOCX, HTML); ``None`` when the
    reader cannot tell. The assembler recognises headings by their text either way.
    """

    text: str
    source: Source
    heading_level: int | None = None


class TableCell(NamedTuple):
    """One cell of a table as printed: its text (line breaks inside the cell kept as ``\\n``).

    A named tuple, as :class:`~gikaireport.model.Source` is: readers create one per cell.
    ``alternatives`` are other readings of the text, set only by a reader that recognised it
    (OCR), best first.
    """

    text: str
    source: Source
    alternatives: tuple[str, ...] = ()


@frozen
class Table:
    """A table as a grid of rows of cells, in reading order.

    Rows may have different lengths (merged cells are counted once). ``complete_rows`` is
    ``False`` when the reader only knows the cell sequence and not where rows end (for
    example text with one cell per line): then each row is a run of cells the reader could
    delimit, and blank cells may be invisible.
    """

    rows: tuple[tuple[TableCell, ...], ...]
    source: Source
    complete_rows: bool = True


_ROWS = OnFirstRead(Table, "rows")
_new = tuple.__new__


class PrintedCells(Deferred):
    """A table's cells given flat, row after row: each cell's text and the line it starts
    on, and each row's length; the :class:`TableCell` objects are made when
    :attr:`Table.rows` is first read.

    For readers of text, which know a table's cells this way: most reports are assembled
    without ever making them (see :func:`printed_cells`).
    """

    __slots__ = ("lengths", "lines", "number", "texts")

    def __init__(self, texts: list[str], lines: list[int], lengths: list[int], number: int):
        self.texts = texts
        self.lines = lines
        self.lengths = lengths
        self.number = number

    def make(self) -> tuple[tuple[TableCell, ...], ...]:
        """The table's rows of cells.

        ``tuple.__new__`` skips the named tuples' argument handling, and ``map`` runs it
        without a Python loop. The rows are slices of one tuple of cells.
        """
        rows, columns = places(tuple(self.lengths))
        sources = map(
            _new,
            repeat(Source),
            zip(self.lines, repeat(None), repeat(self.number), rows, columns, repeat(None)),
        )
        cells = tuple(map(_new, repeat(TableCell), zip(self.texts, sources, repeat(()))))
        grid = []
        start = 0
        for length in self.lengths:
            grid.append(cells[start : start + length])
            start += length
        return tuple(grid)

    def source(self, position: int) -> Source:
        """The source of the cell at ``position`` (counted from 0, row after row)."""
        rows, columns = places(tuple(self.lengths))
        return Source(self.lines[position], None, self.number, rows[position], columns[position])


@lru_cache(maxsize=256)
def places(lengths: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Each cell's row number and column number (from 1), for rows of these lengths."""
    rows = tuple(row for row, n in enumerate(lengths, 1) for _ in range(n))
    columns = tuple(column for n in lengths for column in range(1, n + 1))
    return rows, columns


def table_of_texts(cells: PrintedCells, source: Source, complete_rows: bool = True) -> Table:
    """A :class:`Table` whose cells are ``cells``, made when its rows are first read.

    It is equal to the table made with the cells at once.
    """
    table = object.__new__(Table)
    _ROWS.__set__(table, cells)
    _SET_SOURCE(table, source)
    _SET_COMPLETE(table, complete_rows)
    return table


_SET_SOURCE = Table.__dict__["source"].__set__
_SET_COMPLETE = Table.__dict__["complete_rows"].__set__


def printed_cells(table: Table) -> PrintedCells | None:
    """A table's cells given flat, while its rows are not made (else ``None``)."""
    held = _ROWS.held(table)
    return held if type(held) is PrintedCells else None


Block = Paragraph | Table


@frozen
class Document:
    """A document in neutral form.

    Attributes:
        blocks: paragraphs and tables in reading order.
        path: the file it was read from, or ``None`` for a string.
        format: the reader that produced it (``"text"``, ``"pdf"``, ``"docx"``, ``"html"`` ...).
        notes: what the reader wants known about how it read the file, for diagnosis.
        problems: what the reader could not read (pages without a text layer, say); each
            becomes a ``reader-note`` deviation of the report, and so a finding.
        doubtful_pages: pages whose text the reader doubts, as ``(page, kind, message)``
            (``ocr-text-layer``: invisible text over a page image); every cell read from
            them is named by a deviation of that kind.
        figures: where pictures stand in the flow of blocks (readers that see pictures
            record them; the assembler tells a table printed as a picture from a missing
            one by them).
        properties: what the file says about itself outside the text, as ``(name, value)``
            pairs: a web page's ``title`` and ``published`` date (ISO), when it states them.

    """

    blocks: tuple[Block, ...]
    path: str | None = None
    format: str = "text"
    notes: tuple[str, ...] = field(default=())
    figures: tuple[Source, ...] = field(default=())
    properties: tuple[tuple[str, str], ...] = field(default=())
    problems: tuple[str, ...] = field(default=())
    doubtful_pages: tuple[tuple[int, str, str], ...] = field(default=())
