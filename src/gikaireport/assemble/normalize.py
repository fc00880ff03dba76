"""Label normalisation: the keys by which printed labels are compared.

Labels are compared by *key*: NFKC (full-width forms folded), traditional characters mapped
to simplified, whitespace, punctuation and quotes removed. Enumerators (``一、``, ``（三）``,
``(三)``, ``3.``, ``3、``) are split off so that ``（二）`` and ``(二)`` compare equal. What a
printed value or an enumerator is, is the lexicon's (:mod:`gikaireport.lexicon`); its
:func:`~gikaireport.lexicon.parse_value` and :func:`~gikaireport.lexicon.looks_like_value`
are imported here for the assembler.
"""

from __future__ import annotations

import re
from functools import lru_cache

from gikaireport.lexicon import looks_like_value as looks_like_value
from gikaireport.lexicon import nfkc, split_enumerator
from gikaireport.lexicon import parse_value as parse_value

__all__: list[str] = []

_TRADITIONAL = (
    "萬万業业為为爲为舉举於于會会體体關关內内決决況况減减製制辦办務务動动區区單单發发後后國国"
    "處处復复複复審审對对屬属廢废開开強强當当總总執执護护報报據据數数無无機机權权條条構构沒没"
    "現现確确穩稳類类係系糾纠納纳組组織织經经結结統统繼继續续維维繳缴罰罚範范獲获補补規规計计"
    "認认議议許许訟讼訪访訴诉詢询請请購购費费轉转過过這这進进採采問问項项題题額额祕秘覆复與与"
    "紀纪錄录聯联繫系網网頁页統统稱称號号撥拨於于歸归員员門门戶户檔档應应實实際际區区縣县鎮镇"
    "鄉乡園园廳厅圍围誌志覽览說说書书佈布衛卫義义產产鐵铁環环濟济農农醫医藥药財财稅税勞劳"
)
_T2S = str.maketrans(dict(zip(_TRADITIONAL[::2], _TRADITIONAL[1::2], strict=True)))
_HAS_TRADITIONAL = re.compile(f"[{_TRADITIONAL[::2]}]")
"""Whether a text has a character to map: searching is much faster than ``translate`` with a
mapping, which looks up every character of the text, and most texts have none."""

# Everything that is not part of a label's identity: whitespace, punctuation, quotes, brackets.
_NOISE = re.compile(
    r"[\s\u3000·•.,，、。:：;；!！?？\"'“”‘’「」『』《》<>〈〉()（）\[\]【】{}_\-—–－/／|｜*#]+"
)


def to_simplified(text: str) -> str:
    """Map the traditional characters that occur in report labels to simplified ones."""
    return text.translate(_T2S) if _HAS_TRADITIONAL.search(text) else text


def fold(text: str) -> str:
    """NFKC and traditional-to-simplified, keeping everything else."""
    return to_simplified(nfkc(text))


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
