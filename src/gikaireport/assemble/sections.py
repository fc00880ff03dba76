"""Finding the six parts by their headings, tolerating missing or wrong numbering."""

from __future__ import annotations

from functools import lru_cache

from attrs import frozen

from gikaireport.assemble.normalize import fold, label_key, split_enumerator
from gikaireport.formats import FORMAT_2021, PartSpec

__all__ = ["HeadingMatch", "match_heading"]

_HAN_NUMBERS = "一二三四五六七八九十"


@frozen
class HeadingMatch:
    """A line recognised as a part heading."""

    part: PartSpec
    number: str
    """The enumerator as printed (``三、``, ``（三）``), or ``""``."""
    ordinal: str
    """The enumerator's number (``三``), or ``""``."""
    variant: bool
    """Whether the heading text is a variant wording rather than the official one."""


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[PartSpec, bool]]:
    titles: dict[str, tuple[PartSpec, bool]] = {}
    for part in FORMAT_2021.parts:
        for index, form in enumerate(part.title.forms):
            titles[label_key(form)[1]] = (part, index > 0)
    return titles


def match_heading(line: str) -> HeadingMatch | None:
    """Recognise a part heading such as ``三、收到和处理政府信息公开申请情况``.

    The heading text must be one of the part's official or variant titles, possibly followed
    by a short tail (``情况统计``); the enumerator may be ``三、``, ``（三）``, ``(三)``,
    ``第三部分``
    or missing. Returns ``None`` for anything else (prose mentioning a title is too long).
    """
    text = line.strip()
    if not text or len(text) > 40:
        return None
    ordinal, body = label_key(text)
    if not body:
        return None
    titles = _titles()
    found = titles.get(body)
    if found is None:
        # allow a short tail after the title, e.g. 统计 or 表
        for title, candidate in titles.items():
            if body.startswith(title) and len(body) - len(title) <= 3:
                found = candidate
                break
    if found is None:
        return None
    part, variant = found
    if ordinal and ordinal not in _HAN_NUMBERS and not ordinal.isdigit():
        return None
    folded = fold(text)
    number = folded[: len(folded) - len(split_enumerator(folded)[1])].strip() if ordinal else ""
    return HeadingMatch(part, number, ordinal, variant)
