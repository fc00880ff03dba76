"""What alignment and a table's cells ask of a printed text, remembered.

The lexicon (:mod:`gikaireport.lexicon`) says what a printed text is; alignment asks it of
every piece of every report, a table's plan asks each cell's reading of its text, and the
same few labels and values recur in every report. So
each answer is kept by its text in a dictionary (a look-up without a Python call for a text
met before), emptied when it holds :data:`REMEMBERED` texts.
"""

from __future__ import annotations

from collections.abc import Callable

from gikaireport.formats import Kind
from gikaireport.lexicon import looks_like_value, parse_value
from gikaireport.model import CellStatus, Value

__all__: list[str] = []

REMEMBERED = 1 << 14
"""How many texts each remembered answer keeps at most; it starts again when full."""


class _ValueOrBlank(dict[str, bool]):
    def __missing__(self, text: str) -> bool:
        if len(self) >= REMEMBERED:
            self.clear()
        self[text] = known = looks_like_value(text)
        return known


value_or_blank: Callable[[str], bool] = _ValueOrBlank().__getitem__
""":func:`~gikaireport.lexicon.looks_like_value`: whether a text is a value or blank."""


class _Masked(dict[str, str | None]):
    def __missing__(self, text: str) -> str | None:
        if len(self) >= REMEMBERED:
            self.clear()
        self[text] = masked = None if text and value_or_blank(text) else text
        return masked


masked: Callable[[str], str | None] = _Masked().__getitem__
"""A text as alignment tells it apart: any value (or blank other than the empty text)
``None``, which no printed text is; the empty text and any other text as printed."""

CellReading = tuple[CellStatus, Value | None]
"""A cell's status and value."""
_ABSENT: CellReading = (CellStatus.ABSENT, None)


class _Readings(dict[str | None, CellReading]):
    """:func:`~gikaireport.lexicon.parse_value` for a column of one kind; ``None`` (a cell
    not printed) reads as absent.
    """

    def __init__(self, kind: Kind) -> None:
        super().__init__({None: _ABSENT})
        self.kind = kind

    def __missing__(self, text: str | None) -> CellReading:
        if len(self) >= REMEMBERED:
            self.clear()
            self[None] = _ABSENT
        assert text is not None
        self[text] = reading = parse_value(text, self.kind)
        return reading


readers: dict[Kind, Callable[[str | None], CellReading]] = {
    kind: _Readings(kind).__getitem__ for kind in Kind
}
"""For each kind of column, :func:`~gikaireport.lexicon.parse_value` of a printed text (and
of ``None``, a cell not printed: absent)."""


def read_value(text: str, kind: Kind) -> CellReading:
    """:func:`~gikaireport.lexicon.parse_value`, remembered."""
    return readers[kind](text)
