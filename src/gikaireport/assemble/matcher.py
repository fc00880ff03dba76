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

from gikaireport.assemble.label_index import PLAIN_MEMO, LabelIndex
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
    row, anywhere = plain_row(index, text)
    if row >= 0:
        return row_match(row, False) if (anywhere or row == pos) and is_open(row) else None
    if row == INERT or len(text) > MAX_LABEL:
        return None
    ordinal, body = label_key(text)
    if not body or body in index.known:
        return None
    exact_rows = index.rows.get(body)
    if exact_rows:
        return exact(index, exact_rows, ordinal, len(body), pos, is_open)
    if len(body) < MIN_PARTIAL or body in index.groups:
        return None
    window = tuple(filter(is_open, range(pos, min(len(index.forms), pos + FUZZY_WINDOW))))
    key = (ordinal, body, window)
    try:
        return index.partial[key]
    except KeyError:
        found = prefix(index, ordinal, body, window) or fuzzy(index, body, window)
    if len(index.partial) < PLAIN_MEMO:
        index.partial[key] = found
    return found


INERT = -1
"""What :func:`plain_row` says of a text that is never a row label, whatever the expected
row, nor a group caption or a column header worth a look (:attr:`~.LabelIndex.header_bodies`)."""
UNSURE = -2
"""What :func:`plain_row` says of a text whose reading depends on the expected row."""
CAPTION = -3
"""What :func:`plain_row` says of a group caption that is never a row label nor a header."""
HEADER = -4
"""What :func:`plain_row` says of a column header worth a look that is never a row label
nor a group caption."""


def plain_row(index: LabelIndex, text: str) -> tuple[int, bool]:
    """What ``text`` is, whatever the expected row: ``(row, anywhere)`` for the official
    label of one row, else ``(code, False)``: :data:`INERT`, :data:`CAPTION`, :data:`HEADER`
    or :data:`UNSURE`.

    :func:`match_label` matches a row's official label to the row, not as a variant, when
    the row is open and either ``anywhere`` is true or the row is the expected one, and to
    nothing otherwise (a short body, ``其他``, counts for the expected row only, unless its
    enumerator names the row). The answer is remembered per text in the index: the aligner
    asks it of every printed text, and the same labels recur in every report.
    """
    found = index.plain.get(text)
    if found is None:
        found = _plain(index, text)
        if len(index.plain) < PLAIN_MEMO:
            index.plain[text] = found
    return found


def _plain(index: LabelIndex, text: str) -> tuple[int, bool]:
    ordinal, body = label_key(text)
    never = _never(index, text, body), False
    if len(text) > MAX_LABEL or not body or body in index.known:
        return never
    rows = index.rows.get(body)
    if not rows:
        # prefix and fuzzy matches depend on the expected row
        return never if len(body) < MIN_PARTIAL or body in index.groups else (UNSURE, False)
    if len(rows) > 1 or rows[0][1]:
        return UNSURE, False  # a form of several rows, or a variant
    row = rows[0][0]
    row_ordinal = index.ordinals[row]
    if not _agrees(ordinal, row_ordinal):
        return never
    return row, len(body) > SHORT_LABEL or bool(ordinal and ordinal == row_ordinal)


def _never(index: LabelIndex, text: str, body: str) -> int:
    """What a text that is never a row label is."""
    caption = body in index.groups and len(text) <= MAX_GROUP_CAPTION
    if body in index.header_bodies:
        return UNSURE if caption else HEADER
    return CAPTION if caption else INERT


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
        row, variant = rows[0]
        fits = is_open(row) and _fits(index.ordinals[row], ordinal, length, row == pos)
        return row_match(row, variant) if fits else None
    candidates = [(row, variant) for row, variant in rows if is_open(row)]
    if len(candidates) > 1:
        ahead = [c for c in candidates if c[0] >= pos] or candidates
        candidates = sorted(ahead, key=lambda c: (c[0] < pos, abs(c[0] - pos)))
    for row, variant in candidates:
        if _fits(index.ordinals[row], ordinal, length, row == pos):
            return row_match(row, variant)
    return None


def _fits(row_ordinal: str, ordinal: str, length: int, expected: bool) -> bool:
    """Whether a body of ``length`` with ``ordinal`` can be the row of ``row_ordinal``: the
    enumerators agree, and a short body is the ``expected`` row or has the row's enumerator.
    """
    if ordinal and row_ordinal and ordinal != row_ordinal:
        return False
    return length > SHORT_LABEL or expected or (bool(ordinal) and ordinal == row_ordinal)


@lru_cache(maxsize=1024)
def row_match(row: int, variant: bool) -> Match:
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
