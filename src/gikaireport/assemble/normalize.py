"""Text normalisation: label keys, enumerators, numbers and dashes.

Labels are compared by *key*: NFKC (full-width forms folded), traditional characters mapped
to simplified, whitespace, punctuation and quotes removed. Enumerators (``一、``, ``（三）``,
``(三)``, ``3.``, ``3、``) are split off so that ``（二）`` and ``(二)`` compare equal.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gikaireport.formats import Kind
from gikaireport.model import CellStatus, Value

__all__ = [
    "DASHES",
    "label_key",
    "parse_value",
    "split_enumerator",
    "to_simplified",
]

_TRADITIONAL = (
    "萬万業业為为爲为舉举於于會会體体關关內内決决況况減减製制辦办務务動动區区單单發发後后國国"
    "處处復复複复審审對对屬属廢废開开強强當当總总執执護护報报據据數数無无機机權权條条構构沒没"
    "現现確确穩稳類类係系糾纠納纳組组織织經经結结統统繼继續续維维繳缴罰罚範范獲获補补規规計计"
    "認认議议許许訟讼訪访訴诉詢询請请購购費费轉转過过這这進进採采問问項项題题額额祕秘覆复與与"
    "紀纪錄录聯联繫系網网頁页統统稱称號号撥拨於于歸归員员門门戶户檔档應应實实際际區区縣县鎮镇"
    "鄉乡園园廳厅圍围誌志覽览說说書书佈布衛卫義义產产鐵铁環环濟济農农醫医藥药財财稅税勞劳"
)
_T2S = str.maketrans(dict(zip(_TRADITIONAL[::2], _TRADITIONAL[1::2], strict=True)))

# Everything that is not part of a label's identity: whitespace, punctuation, quotes, brackets.
_NOISE = re.compile(
    r"[\s\u3000·•.,，、。:：;；!！?？\"'“”‘’「」『』《》<>〈〉()（）\[\]【】{}_\-—–－/／|｜*#]+"
)

_HAN_DIGITS = "〇零一二三四五六七八九十"
_ENUMERATOR = re.compile(
    r"^\s*(?:"
    r"[(（]\s*([一二三四五六七八九十]+|\d+)\s*[)）]"  # （三） (3)
    r"|([一二三四五六七八九十]+)\s*[、.．,，]"  # 三、
    r"|(\d{1,2})\s*[、.．,，)）](?!\d)"  # 3. 3、 3)
    r"|第([一二三四五六七八九十]+)部分[、:：]?"  # 第三部分
    r")\s*"
)


def to_simplified(text: str) -> str:
    """Map the traditional characters that occur in report labels to simplified ones."""
    return text.translate(_T2S)


def fold(text: str) -> str:
    """NFKC and traditional-to-simplified, keeping everything else."""
    return to_simplified(unicodedata.normalize("NFKC", text))


def split_enumerator(text: str) -> tuple[str, str]:
    """Split a leading enumerator off a label.

    Returns ``(ordinal, rest)`` where ``ordinal`` is the enumerator's number as a string of
    Han digits or ASCII digits (``"三"``, ``"3"``), or ``""`` when there is none.
    """
    match = _ENUMERATOR.match(text)
    if not match:
        return "", text
    ordinal = next(group for group in match.groups() if group)
    return ordinal, text[match.end() :]


@lru_cache(maxsize=4096)
def label_key(text: str) -> tuple[str, str]:
    """The comparison key of a label: ``(ordinal, folded body)``.

    >>> label_key("(二) 部分公开")
    ('二', '部分公开')
    >>> label_key("本年制發件數")
    ('', '本年制发件数')
    """
    folded = fold(text).strip()
    ordinal, rest = split_enumerator(folded)
    return ordinal, _NOISE.sub("", rest)


def compact(text: str) -> str:
    """Folded text with whitespace and punctuation removed (enumerators kept)."""
    return _NOISE.sub("", fold(text))


DASHES = frozenset({"/", "\\", "-", "—", "——", "–", "－", "―", "一", "无", "/ /", "×", "--", "---"})
"""Printed forms of "not applicable". (``一`` is a long dash typed as the character 一.)"""

_NUMBER = re.compile(r"^(?P<sign>[+\-])?(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?$")
_COUNT_UNIT = re.compile(r"(?:件|个|项|条|次|宗|起|人次|户|家)$")
_AMOUNT_UNIT = re.compile(r"万元$")
# digits separated by white space may be two numbers run together: never guess
_SPLIT_DIGITS = re.compile(r"\d\s+\d")
_ANNOTATION = re.compile(r"[(（][^()（）]*[)）]$")


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def parse_value(raw: str, kind: Kind) -> tuple[CellStatus, Value | None]:
    """Interpret a printed cell.

    Full-width digits, thousands separators (``,``; digits split by a space are unreadable,
    as they may be two numbers run together), the unit the column implies
    (件 for counts, 万元 for amounts; an amount in 元 is unreadable) and a trailing parenthetical
    annotation (``16（其中修订16件）``) are tolerated. Blank gives ``BLANK``, a dash or 无 gives
    ``NOT_APPLICABLE``; anything else that is not a number of the column's kind gives
    ``UNREADABLE``. Nothing is ever turned into 0.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text:
        return CellStatus.BLANK, None
    if _SPLIT_DIGITS.search(text):
        return CellStatus.UNREADABLE, None
    compact = _SPACES.sub("", text)
    if compact in DASHES or set(compact) <= {"/", "-", "—", "－", "\\"}:
        return CellStatus.NOT_APPLICABLE, None
    compact = _ANNOTATION.sub("", compact)
    # a unit the column implies may be printed; 元 in a 万元 column is another number
    compact = (_AMOUNT_UNIT if kind is Kind.DECIMAL else _COUNT_UNIT).sub("", compact)
    match = _NUMBER.match(compact)
    if not match or len(compact) > 40:
        return CellStatus.UNREADABLE, None
    sign = match["sign"] or ""
    digits = match["int"].replace(",", "")
    if match["frac"] is not None:
        if kind is not Kind.DECIMAL:
            return CellStatus.UNREADABLE, None
        try:
            return CellStatus.NUMBER, Decimal(f"{sign}{digits}.{match['frac']}")
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return CellStatus.UNREADABLE, None
    if kind is Kind.DECIMAL:
        return CellStatus.NUMBER, Decimal(sign + digits)
    return CellStatus.NUMBER, int(sign + digits)


@lru_cache(maxsize=16384)
def looks_like_value(raw: str) -> bool:
    """Whether a printed cell is a number, a dash or blank (and not a label or prose)."""
    return any(parse_value(raw, kind)[0] is not CellStatus.UNREADABLE for kind in Kind)
