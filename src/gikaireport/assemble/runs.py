"""What table alignment reads and returns: pieces in, a plan of the cells and deviations out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter

from attrs import define

from gikaireport.assemble.label_index import LabelIndex
from gikaireport.assemble.pieces import Pieces
from gikaireport.assemble.printed import CellReading, read_value, readers, value_or_blank
from gikaireport.model import Cell, CellStatus, Deviation, Value
from gikaireport.model.cells import trusted_cell

__all__: list[str] = []

BLANK = -1
"""In :attr:`Placement.at`: a blank cell (its row printed fewer values than it has)."""
ABSENT = -2
"""In :attr:`Placement.at`: a cell the document does not print."""
assert (ABSENT, BLANK) == (-2, -1), "Placement.readings reads them as a list's last two"


class Placement:
    """Where each cell of a table was printed: the plan its cells are made from.

    Attributes:
        index: the table declaration's label index (its cell ids and kinds).
        ids: every cell id of the table, in declaration order.
        pieces: the part's printed texts, which ``at`` points into.
        at: for each cell, the piece it was read from, or :data:`BLANK` or :data:`ABSENT`.
        labels: for a blank cell, the piece of its row's label (where the blank was printed).

    """

    def __init__(
        self, index: LabelIndex, pieces: Pieces, at: Sequence[int], labels: Mapping[int, int]
    ) -> None:
        self.index = index
        self.ids = index.cell_ids
        self.pieces = pieces
        self.at = at
        self.labels = labels

    def readings(self) -> tuple[list[CellStatus], list[Value | None]]:
        """Every cell's status and value, without making the cells.

        (Without a Python loop over the cells: a blank cell reads as the blank text, an
        absent one as ``None``, each run of cells of one kind by the reader of that kind.)
        """
        texts: list[str | None] = [*self.pieces.texts, None, ""]  # ABSENT (-2), BLANK (-1)
        at = self.at
        read: list[CellReading] = []
        for start, stop, kind in self.index.kind_runs:
            read += map(readers[kind], map(texts.__getitem__, at[start:stop]))
        return list(map(_status, read)), list(map(_value, read))

    def cell(self, position: int) -> Cell:
        """The cell at ``position``."""
        cell_id, piece = self.ids[position], self.at[position]
        if piece >= 0:
            text = self.pieces.texts[piece]
            status, value = read_value(text, self.index.cell_kinds[position])
            return trusted_cell(cell_id, status, value, text, self.pieces.source(piece))
        if piece == BLANK:
            label = self.labels.get(position)
            source = None if label is None else self.pieces.source(label)
            return trusted_cell(cell_id, _BLANK, None, "", source)
        return absent_cell(cell_id)


_status = itemgetter(0)
_value = itemgetter(1)
_BLANK = CellStatus.BLANK


@define
class TableResult:
    """The plan of one table's cells, and what aligning it repaired.

    Attributes:
        cells: where each cell was printed (its cells are made from it when first read).
        deviations: what aligning the table repaired.
        rows_found: how many of the table's rows were read.

    """

    cells: Placement
    deviations: list[Deviation]
    rows_found: int


_ABSENT_CELLS: dict[str, Cell] = {}


def absent_cell(cell_id: str) -> Cell:
    """The cell a document does not print (one immutable instance per id)."""
    cell = _ABSENT_CELLS.get(cell_id)
    if cell is None:
        cell = _ABSENT_CELLS[cell_id] = Cell(cell_id, CellStatus.ABSENT)
    return cell


def strip_to(texts: Sequence[str], pieces: Sequence[int], k: int) -> list[int]:
    """Drop empty padding pieces at the ends of a row until it has ``k`` pieces."""
    pieces = list(pieces)
    while len(pieces) > k and not texts[pieces[-1]]:
        pieces.pop()
    while len(pieces) > k and not texts[pieces[0]]:
        pieces.pop(0)
    return pieces


def values_only(texts: Sequence[str], pieces: Sequence[int]) -> bool:
    """Whether pieces hold only values (numbers, dashes, blanks), at least one printed."""
    return (
        bool(pieces)
        and all(value_or_blank(texts[p]) for p in pieces)
        and any(texts[p] for p in pieces)
    )
