"""The neutral document form that every reader produces and the assembler consumes.

Readers know file formats, not reports: each turns bytes into a :class:`Document` made of
paragraphs and tables (cell grids), every piece carrying the :class:`~gikaireport.model.Source`
it came from. Table interpretation happens once, in :mod:`gikaireport.assemble`.
"""

from __future__ import annotations

from typing import NamedTuple

from attrs import field, frozen

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
