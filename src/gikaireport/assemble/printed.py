"""What alignment asks of a printed text, remembered.

The lexicon (:mod:`gikaireport.lexicon`) says what a printed text is; alignment asks it of
every piece of every report, and the same few labels and values recur in every report. So
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


class _Masked(dict[str, str]):
    def __missing__(self, text: str) -> str:
        if len(self) >= REMEMBERED:
            self.clear()
        self[text] = masked = VALUE if text and value_or_blank(text) else text
        return masked


VALUE = "\x00"
"""What :func:`masked` makes of any value."""

masked: Callable[[str], str] = _Masked().__getitem__
"""A text as alignment tells it apart: a label or other text as printed, any value
:data:`VALUE`, a blank ``""``."""

Reading = tuple[CellStatus, Value | None]
_ABSENT: Reading = (CellStatus.ABSENT, None)


class _Readings(dict[str | None, Reading]):
    """:func:`~gikaireport.lexicon.parse_value` for a column of one kind; ``None`` (a cell
    not printed) reads as absent.
    """

    def __init__(self, kind: Kind) -> None:
        super().__init__({None: _ABSENT})
        self.kind = kind

    def __missing__(self, text: str | None) -> Reading:
        if len(self) >= REMEMBERED:
            self.clear()
            self[None] = _ABSENT
        assert text is not None
        self[text] = reading = parse_value(text, self.kind)
        return reading


readers: dict[Kind, Callable[[str | None], Reading]] = {
    kind: _Readings(kind).__getitem__ for kind in Kind
}
"""For each kind of column, :func:`~gikaireport.lexicon.parse_value` of a printed text (and
of ``None``, a cell not printed: absent)."""


def read_value(text: str, kind: Kind) -> Reading:
    """:func:`~gikaireport.lexicon.parse_value`, remembered."""
    return readers[kind](text)
