"""Recognising a row label: three named strategies, tried in order, and their thresholds.

1. :func:`exact`: the label's key is an official form or a declared variant of a row (the
   row nearest ahead of the expected position wins; enumerators must agree).
2. :func:`prefix`: a label cut by a line break (a prefix of a row's form) or carrying a
   short tail, near the expected position.
3. :func:`fuzzy`: the most similar form near the expected position, above a ratio.

A declared variant or a fuzzy match is worth a deviation; the official form, cut or not, is not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache

from attrs import frozen

from gikaireport.assemble.label_index import LabelIndex
from gikaireport.assemble.normalize import label_key

__all__: list[str] = []

MAX_LABEL = 120
"""Longer text is prose, never a row label."""
MAX_GROUP_CAPTION = 60
"""Longer text is never a group caption (a label that names several rows at once)."""
SHORT_LABEL = 2
"""An exact body this short (``其他``) matches only the expected row, or with its enumerator."""
MIN_PARTIAL = 4
"""The shortest body the prefix and fuzzy strategies try."""
PREFIX_TAIL = 4
"""How many characters a label may print after a row's form (``情况``, a footnote mark)."""
FUZZY_WINDOW = 6
"""How many rows from the expected position the prefix and fuzzy strategies look at."""
FUZZY_RATIO = 0.75
"""The least :class:`difflib.SequenceMatcher` ratio of a fuzzy match."""
FUZZY_SPREAD = (2, 5)
"""A form whose length differs from the label's by more than this fraction is not compared."""


@frozen
class Match:
    """A row recognised by its label."""

    row: int
    variant: bool
    """A declared variant or a fuzzy match: worth a deviation (a cut label is not)."""


def match_label(
    index: LabelIndex, text: str, pos: int, is_open: Callable[[int], bool]
) -> Match | None:
    """The row ``text`` labels, ``pos`` being the expected row; only rows ``is_open`` count."""
    if len(text) > MAX_LABEL:
        return None
    ordinal, body = label_key(text)
    if not body or body in index.known:
        return None
    exact_rows = index.rows.get(body)
    if exact_rows:
        return exact(index, exact_rows, ordinal, len(body), pos, is_open)
    if len(body) < MIN_PARTIAL or body in index.groups:
        return None
    window = [row for row in range(pos, min(len(index.forms), pos + FUZZY_WINDOW)) if is_open(row)]
    return prefix(index, ordinal, body, window) or fuzzy(index, body, window)


def _agrees(ordinal: str, row_ordinal: str) -> bool:
    return not (ordinal and row_ordinal and ordinal != row_ordinal)


def exact(
    index: LabelIndex,
    rows: Sequence[tuple[int, bool]],
    ordinal: str,
    length: int,
    pos: int,
    is_open: Callable[[int], bool],
) -> Match | None:
    """The open row printing this very body, the nearest ahead of ``pos`` first."""
    if len(rows) == 1:  # most bodies are one row's: no ordering to do
        candidates: Sequence[tuple[int, bool]] = rows if is_open(rows[0][0]) else ()
    else:
        candidates = [(row, variant) for row, variant in rows if is_open(row)]
    if len(candidates) > 1:
        ahead = [c for c in candidates if c[0] >= pos] or candidates
        candidates = sorted(ahead, key=lambda c: (c[0] < pos, abs(c[0] - pos)))
    for row, variant in candidates:
        row_ordinal = index.ordinals[row]
        if not _agrees(ordinal, row_ordinal):
            continue
        if length <= SHORT_LABEL and row != pos and not (ordinal and ordinal == row_ordinal):
            continue
        return _match(row, variant)
    return None


@lru_cache(maxsize=1024)
def _match(row: int, variant: bool) -> Match:
    """The one :class:`Match` of ``(row, variant)``: matches are immutable and recur."""
    return Match(row, variant)


def prefix(index: LabelIndex, ordinal: str, body: str, window: Sequence[int]) -> Match | None:
    """A row in the window whose form the body begins (a cut label) or ends with a short tail."""
    for row in window:
        if not _agrees(ordinal, index.ordinals[row]):
            continue
        for form, variant in index.forms[row]:
            if (form.startswith(body) and len(body) * 2 >= len(form)) or (
                body.startswith(form)
                and len(body) - len(form) <= PREFIX_TAIL
                and not body[-1].isdigit()  # numbers glued to the label, not a label
            ):
                return Match(row, variant)
    return None


def fuzzy(index: LabelIndex, body: str, window: Sequence[int]) -> Match | None:
    """The row in the window with the most similar form, at least :data:`FUZZY_RATIO`."""
    spread, of = FUZZY_SPREAD
    best: tuple[float, int] | None = None
    for row in window:
        for form, _variant in index.forms[row]:
            if abs(len(form) - len(body)) * of > spread * len(form):
                continue
            ratio = _ratio(body, form)
            if ratio >= FUZZY_RATIO and (best is None or ratio > best[0]):
                best = (ratio, row)
    return Match(best[1], True) if best else None


@lru_cache(maxsize=8192)
def _ratio(body: str, form: str) -> float:
    return SequenceMatcher(None, body, form, autojunk=False).ratio()
