"""What table alignment reads and returns: runs of cells in, cells and deviations out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from attrs import define

from gikaireport.document import TableCell
from gikaireport.formats import Kind
from gikaireport.lexicon import looks_like_value, parse_value
from gikaireport.model import Cell, CellStatus, Deviation
from gikaireport.model.cells import trusted_cell

__all__: list[str] = []

value_or_blank = lru_cache(maxsize=16384)(looks_like_value)
""":func:`~gikaireport.lexicon.looks_like_value`, remembered: alignment asks it of every
cell several times, and the same few printed values recur in every report."""


class Run(NamedTuple):
    """A sequence of cells: a table row when ``complete``, else a run of a cell stream
    (paragraphs count as cells of the stream). A named tuple: one is made per table row.
    """

    pieces: tuple[TableCell, ...]
    complete: bool


@define
class TableResult:
    """The cells of one table, to be built, and what aligning it repaired.

    Attributes:
        ids: every cell id of the table, in declaration order.
        build: builds the cells, in the same order (once, when the cells are first read).
        deviations: what aligning the table repaired.
        rows_found: how many of the table's rows were read.
        recognised: whether a cell may come from recognised text (a source with an OCR
            confidence); ``False`` only when none does.

    """

    ids: tuple[str, ...]
    build: Callable[[], list[Cell]]
    deviations: list[Deviation]
    rows_found: int
    recognised: bool


_CONFIDENCE = attrgetter("source.confidence")
_NO_CONFIDENCE = frozenset({None})


def any_recognised(pieces: Iterable[TableCell]) -> bool:
    """Whether a piece was read by OCR (its source has a confidence)."""
    return not _NO_CONFIDENCE.issuperset(map(_CONFIDENCE, pieces))


def read_cell(cell_id: str, piece: TableCell, kind: Kind) -> Cell:
    """The report cell a printed table cell gives."""
    status, value = parse_value(piece.text, kind)
    return trusted_cell(cell_id, status, value, piece.text, piece.source)


_ABSENT: dict[str, Cell] = {}


def absent_cell(cell_id: str) -> Cell:
    """The cell a document does not print (one immutable instance per id)."""
    cell = _ABSENT.get(cell_id)
    if cell is None:
        cell = _ABSENT[cell_id] = Cell(cell_id, CellStatus.ABSENT)
    return cell


def strip_to(pieces: Sequence[TableCell], k: int) -> list[TableCell]:
    """Drop empty padding cells at the ends of a row until it has ``k`` cells."""
    pieces = list(pieces)
    while len(pieces) > k and not pieces[-1].text:
        pieces.pop()
    while len(pieces) > k and not pieces[0].text:
        pieces.pop(0)
    return pieces


def values_only(pieces: Sequence[TableCell]) -> bool:
    """Whether a run holds only values (numbers, dashes, blanks), at least one printed."""
    return (
        bool(pieces) and all(value_or_blank(p.text) for p in pieces) and any(p.text for p in pieces)
    )
