"""The lexicon of printed values: what a token printed in a report is.

Every reader and the assembler ask this module whether a printed text is a number, a blank,
a dash, an enumerator or a page number, so that a reader never keeps as a label what the
assembler would read as a value, nor the other way round. Token classes (:class:`Token`):

``BLANK``
    Nothing but white space.
``DASH``
    "Not applicable": any run of dash punctuation (every character of Unicode category
    ``Pd``: ``-`` ``—`` ``–`` ``―`` ``－`` ``⸺`` …), slashes ``/`` ``\\``, ``×``, the minus
    sign ``−``, the character ``一`` standing alone (a long dash typed as the digit one;
    ``一、`` is an enumerator), and ``无``. Spaces inside are ignored (``/ /``).
``NUMBER``
    A number that can be read as one: digits (any script's decimal digits, full-width folded),
    an optional sign (``-``, ``+``, ``−``), ``,`` thousands separators in groups of three,
    an optional decimal part, then optionally a unit (``件`` and the other count units, or
    ``万元``) and a note in brackets at the end.
``NUMERIC``
    Printed digits that are *not* read as one number: a percentage (``12%``), an amount in
    ``元``, digits split by white space (``1 234``: maybe two numbers run together), badly
    grouped separators (``1,2345``). It is a value (it sits in a value column) that is
    never turned into a number.
``TEXT``
    Anything else: a label or prose.

Decisions where readers and the assembler used to disagree, following the rule that a value
is what the document prints or is reported as unreadable, and that blank or dash is never 0:

* ``3件`` is a value: 3 in a column of counts (the unit the column implies may be printed);
  in an amount column it is unreadable.
* ``一`` alone is a dash (not applicable); ``一、`` and ``（一）`` are enumerators.
* ``0.5万元`` is a value: 0.5 in an amount column; unreadable in a column of counts.
* ``16（其中修订16件）`` is a value: 16, the number the cell prints; the note is dropped.
* ``12%`` is a value to every reader but never a number: the cell is unreadable.
* ``1 234`` is a value to every reader but never a number (it may be 1 and 234): unreadable.

Enumerators (``一、`` ``（一）`` ``(一)`` ``1.`` ``1、`` ``(1)`` ``①`` ``第一部分``) are
split off labels and start new list items; page numbers (``- 4 -``, ``第 4 页``,
``4/12``, ``Page 4``) are page furniture.

Only the standard :mod:`re` is used: its ``\\d`` already matches every script's decimal
digits (``\\p{Nd}``), the dash family is the Unicode category ``Pd`` spelled out (and checked
against :mod:`unicodedata` by the tests), and the same patterns in the ``regex`` package
classify the seed reports' cells about 1.6 times slower (``benchmarks/bench_lexicon.py``).
"""

from __future__ import annotations

import enum
import re
import unicodedata
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from gikaireport.formats.spec import Kind
from gikaireport.model.cells import CellStatus, Value

__all__: list[str] = []


class Token(enum.Enum):
    """The class of a printed token (see the module's documentation)."""

    BLANK = "blank"
    DASH = "dash"
    NUMBER = "number"
    NUMERIC = "numeric"
    TEXT = "text"


# ---------------------------------------------------------------------------------------
# Characters

HAN_DIGITS = "一二三四五六七八九十"
"""The Han numerals of enumerators (``一、`` to ``十、``, ``十一、``)."""

_PD = (
    "-\u058a\u05be\u1400\u1806\u2010-\u2015\u2e17\u2e1a\u2e3a\u2e3b\u2e40\u2e5d"
    "\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d"
)
"""Every character of Unicode category Pd (dash punctuation) in the Basic Multilingual Plane."""

DASH_CHARS = f"{_PD}/\\\\／＼×\u2212"
"""A regular-expression class body of the characters that print "not applicable" in a run."""

NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９.,．，")
"""Characters of a printed number: a visible gap between two of them separates two numbers."""

_DIGITS = re.compile(r"^[0-9０-９][0-9０-９,，.．]*$")
_SPACED_DIGITS = re.compile(r"^[0-9０-９][0-9０-９,，.．\s]*$")


_FULL_WIDTH = re.compile("[\uff01-\uff5e]")
"""The full-width forms of ASCII (``，（）：０-９``); a range is searched faster than a class
that also holds the ideographic space, which is replaced on its own."""
_NARROW = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


_PUNCTUATION = tuple((wide, _NARROW[wide]) for wide in "，（）：；？！\u3000")
"""The full-width punctuation of Chinese prose, and the ideographic space."""


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, several times faster on Chinese text.

    NFKC maps each full-width form of ASCII and the ideographic space to one ASCII
    character; Chinese punctuation (``，（）：``) makes almost every printed line fail
    NFKC's quick check and take its slow path. Mapping those characters first (what NFKC
    would map them to) lets most lines pass the check; the result is the same for every
    text.

    >>> nfkc("２０２２年（全年）")
    '2022年(全年)'
    """
    for wide, narrow in _PUNCTUATION:  # the common ones replaced without a call each
        if wide in text:
            text = text.replace(wide, narrow)
    if _FULL_WIDTH.search(text):
        text = _FULL_WIDTH.sub(_narrow, text)
    return unicodedata.normalize("NFKC", text)


def is_digits(text: str, *, spaced: bool = False) -> bool:
    """Whether a text is only digits and separators: a number, or a piece of one.

    With ``spaced``, white space may stand among the digits (the pieces of one number broken
    over lines in one cell).
    """
    return bool((_SPACED_DIGITS if spaced else _DIGITS).match(text))


# ---------------------------------------------------------------------------------------
# Values

_SPACES = re.compile(r"\s+")
_DASH = re.compile(rf"[{DASH_CHARS}]+|一+|无")
_SPLIT_DIGITS = re.compile(r"\d\s+\d")
_NOTE = re.compile(r"[(（][^()（）]*[)）]$")
_UNIT = re.compile(r"(?:万元|元|%|‰|件|个|项|条|人次|次|宗|起|户|家)$")
_COUNT_UNITS = frozenset({"件", "个", "项", "条", "人次", "次", "宗", "起", "户", "家"})
_AMOUNT_UNITS = frozenset({"万元"})
_NUMBER = re.compile(r"(?P<sign>[+\-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?")
_NUMERIC = re.compile(r"[+\-]?\d[\d,]*(?:\.\d+)?")
_LONGEST = 40
"""A printed number is never longer than this (without its spaces, unit and note)."""


class Reading(NamedTuple):
    """A printed token read: its class and, for a ``NUMBER``, its parts."""

    token: Token
    sign: str = ""
    digits: str = ""
    """The whole part's digits, separators removed."""
    fraction: str | None = None
    unit: str = ""


_BLANK = Reading(Token.BLANK)
_DASH_READING = Reading(Token.DASH)
_NUMERIC_READING = Reading(Token.NUMERIC)
_TEXT = Reading(Token.TEXT)


@lru_cache(maxsize=16384)
def read_token(raw: str) -> Reading:
    """Classify a printed text and take a number apart.

    >>> read_token("１,２３４件")
    Reading(token=<Token.NUMBER: 'number'>, sign='', digits='1234', fraction=None, unit='件')
    >>> read_token("12%").token, read_token("一").token, read_token(" ").token
    (<Token.NUMERIC: 'numeric'>, <Token.DASH: 'dash'>, <Token.BLANK: 'blank'>)
    """
    text = nfkc(raw).strip()
    if not text:
        return _BLANK
    compact = _SPACES.sub("", text)
    if _DASH.fullmatch(compact):
        return _DASH_READING
    body = _NOTE.sub("", compact.replace("\u2212", "-"))
    unit = _UNIT.search(body)
    if unit is not None:
        body = body[: unit.start()]
    if len(body) > _LONGEST:
        return _TEXT
    match = _NUMBER.fullmatch(body)
    readable = unit is None or unit.group() in _COUNT_UNITS or unit.group() in _AMOUNT_UNITS
    if match and readable and not _SPLIT_DIGITS.search(text):
        unit_text = "" if unit is None else unit.group()
        digits = match["int"].replace(",", "")
        return Reading(Token.NUMBER, match["sign"] or "", digits, match["frac"], unit_text)
    return _NUMERIC_READING if _NUMERIC.fullmatch(body) else _TEXT


@lru_cache(maxsize=16384)
def parse_value(raw: str, kind: Kind) -> tuple[CellStatus, Value | None]:
    """Interpret a printed cell of a column of ``kind``.

    Blank gives ``BLANK``, a dash or 无 gives ``NOT_APPLICABLE``; a ``NUMBER`` (see
    :func:`read_token`) gives its value when it fits the column: a decimal part or ``万元``
    only in an amount column, a count unit (``件``) only in the others. Anything else is
    ``UNREADABLE``. Nothing is ever turned into 0.

    >>> parse_value("16（其中修订16件）", Kind.COUNT)
    (<CellStatus.NUMBER: 'number'>, 16)
    >>> parse_value("0.5万元", Kind.COUNT)
    (<CellStatus.UNREADABLE: 'unreadable'>, None)
    """
    reading = read_token(raw)
    if reading.token is Token.BLANK:
        return CellStatus.BLANK, None
    if reading.token is Token.DASH:
        return CellStatus.NOT_APPLICABLE, None
    if reading.token is not Token.NUMBER:
        return CellStatus.UNREADABLE, None
    units = _AMOUNT_UNITS if kind is Kind.DECIMAL else _COUNT_UNITS
    if reading.unit and reading.unit not in units:
        return CellStatus.UNREADABLE, None
    if kind is Kind.DECIMAL:
        fraction = "" if reading.fraction is None else f".{reading.fraction}"
        return CellStatus.NUMBER, Decimal(f"{reading.sign}{reading.digits}{fraction}")
    if reading.fraction is not None:
        return CellStatus.UNREADABLE, None
    return CellStatus.NUMBER, int(reading.sign + reading.digits)


def is_value(text: str) -> bool:
    """Whether a text prints a value (a number, numeric text or a dash), not a label.

    >>> is_value("3件"), is_value("1 234"), is_value("—"), is_value("（一）"), is_value("")
    (True, True, True, False, False)
    """
    return read_token(text).token in _VALUES


def looks_like_value(text: str) -> bool:
    """Whether a cell prints a value or nothing (and not a label or prose)."""
    return read_token(text).token is not Token.TEXT


_VALUES = frozenset({Token.NUMBER, Token.NUMERIC, Token.DASH})


# ---------------------------------------------------------------------------------------
# Enumerators

_ENUMERATOR = re.compile(
    rf"^\s*(?:"
    rf"[(（]\s*([{HAN_DIGITS}]+|\d+)\s*[)）]"  # （三） (3)
    rf"|([{HAN_DIGITS}]+)\s*[、.．,，]"  # 三、
    rf"|(\d{{1,2}})\s*[、.．,，)）](?!\d)"  # 3. 3、 3)
    rf"|第([{HAN_DIGITS}]+)部分[、:：]?"  # 第三部分
    rf"|([\u2460-\u2473])"  # ③
    rf")\s*"
)


def split_enumerator(text: str) -> tuple[str, str]:
    """Split a leading enumerator off a label.

    Returns ``(ordinal, rest)`` where ``ordinal`` is the enumerator's number as a string of
    Han digits or digits (``"三"``, ``"3"``; ``③`` gives ``"3"``), or ``""`` when there is
    none.

    >>> split_enumerator("（二）部分公开")
    ('二', '部分公开')
    """
    match = _ENUMERATOR.match(text)
    if not match:
        return "", text
    ordinal = next(group for group in match.groups() if group)
    if match.lastindex == 5:
        ordinal = str(int(unicodedata.numeric(ordinal)))
    return ordinal, text[match.end() :]


def starts_item(text: str) -> bool:
    """Whether a text starts with an enumerator, and so starts a new list item."""
    return bool(_ENUMERATOR.match(text))


# ---------------------------------------------------------------------------------------
# Page numbers

_DECORATION = "-—–－~～_·•."
_PAGE_NUMBER = re.compile(
    rf"^[{_DECORATION}]*"
    r"(?:第?[0-9０-９]{1,4}页?(?:[,，]?(?:共[0-9０-９]{1,4}页|[/／][0-9０-９]{1,4}))?"
    r"|page[0-9]{1,4}(?:of[0-9]{1,4})?)"
    rf"[{_DECORATION}]*$",
    re.IGNORECASE,
)
_PAGE_SPACES = re.compile(r"(?<![0-9０-９])\s+|\s+(?![0-9０-９])")
_PAGE_MARKER = re.compile(
    r"^\s*(?:[-—–]+\s*\d{1,4}\s*[-—–]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4})\s*$"
)


def is_page_number(text: str) -> bool:
    """Whether a line in a page's margin prints its page number.

    ``- 4 -``, ``第 4 页``, ``4/12``, ``Page 4`` and a bare ``4`` are; spaces between two
    digits are kept (``0 0 0`` is a row of numbers, not a page number).
    """
    return bool(_PAGE_NUMBER.match(_PAGE_SPACES.sub("", text)))


def is_page_marker(text: str) -> bool:
    """Whether a paragraph anywhere in the text is a page number that cannot be a value.

    Only the decorated forms: ``- 4 -``, ``第 4 页``, ``第4页，共12页``, ``4/12``.
    """
    return bool(_PAGE_MARKER.match(text))
