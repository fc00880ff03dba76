"""What alignment and a table's cells ask of a printed text, remembered.

The lexicon (:mod:`gikaireport.lexicon`) says what a printed text is; alignment asks it of
every piece of every report, a table's plan asks each cell's reading of its text, and the
same few labels and values recur in every report. So
each answer is kept by its text in a dictionary (a look-up without a Python call for a text
met before), emptied when it holds :data:`REMEMBERED` texts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from gikaireport.formats import Kind
from gikaireport.lexicon import looks_like_value, parse_value
from gikaireport.model import CellStatus, Value

__all__: list[str] = []

REMEMBERED = 1 << 14
"""How many texts each remembered answer keeps at most; it starts again when full."""

_Key = TypeVar("_Key")
_Answer = TypeVar("_Answer")


class _Remembered(dict[_Key, _Answer]):
    """``answer(text)`` by text, made for a text not met before; ``fixed`` answers are
    kept when the rest is emptied.
    """

    def __init__(self, answer: Callable[[_Key], _Answer], fixed: dict[_Key, _Answer]) -> None:
        super().__init__(fixed)
        self.answer = answer
        self.fixed = fixed

    def __missing__(self, text: _Key) -> _Answer:
        if len(self) >= REMEMBERED:
            self.clear()
            self.update(self.fixed)
        self[text] = known = self.answer(text)
        return known


value_or_blank: Callable[[str], bool] = _Remembered[str, bool](looks_like_value, {}).__getitem__
""":func:`~gikaireport.lexicon.looks_like_value`: whether a text is a value or blank."""


def _mask(text: str) -> str | None:
    return None if text and value_or_blank(text) else text


masked: Callable[[str], str | None] = _Remembered[str, str | None](_mask, {}).__getitem__
"""A text as alignment tells it apart: any value (or blank other than the empty text)
``None``, which no printed text is; the empty text and any other text as printed."""

CellReading = tuple[CellStatus, Value | None]
"""A cell's status and value."""


def _reader(kind: Kind) -> Callable[[str | None], CellReading]:
    """:func:`~gikaireport.lexicon.parse_value` for a column of ``kind``, remembered;
    ``None`` (a cell not printed) reads as absent.
    """

    def read(text: str | None) -> CellReading:
        assert text is not None  # None is answered by the fixed answer
        return parse_value(text, kind)

    absent: dict[str | None, CellReading] = {None: (CellStatus.ABSENT, None)}
    return _Remembered(read, absent).__getitem__


readers: dict[Kind, Callable[[str | None], CellReading]] = {kind: _reader(kind) for kind in Kind}
"""For each kind of column, :func:`~gikaireport.lexicon.parse_value` of a printed text (and
of ``None``, a cell not printed: absent)."""


def read_value(text: str, kind: Kind) -> CellReading:
    """:func:`~gikaireport.lexicon.parse_value`, remembered."""
    return readers[kind](text)
