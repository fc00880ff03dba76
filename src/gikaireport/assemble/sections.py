"""Finding the six parts by their headings, tolerating missing or wrong numbering."""

from __future__ import annotations

from functools import lru_cache

from attrs import frozen

from gikaireport.assemble.normalize import fold, label_key
from gikaireport.formats import FORMAT_2021, PartSpec
from gikaireport.lexicon import HAN_DIGITS, split_enumerator

__all__: list[str] = []


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


def _loose(body: str) -> str:
    """A heading body with the particles that wordings add or drop (的, 和/及) folded."""
    return body.replace("的", "").replace("和", "及")


@lru_cache(maxsize=1)
def _titles() -> dict[str, tuple[PartSpec, str]]:
    """Loose title key -> (part, the exact body of the form it came from)."""
    titles: dict[str, tuple[PartSpec, str]] = {}
    for part in FORMAT_2021.parts:
        for form in part.title.forms:
            body = label_key(form)[1]
            titles.setdefault(_loose(body), (part, body))
    return titles


@lru_cache(maxsize=8192)
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
    key = _loose(body)
    found = titles.get(key)
    if found is None:
        # a short tail after the title (统计, 表), longer when the part's own number is printed
        for title, candidate in titles.items():
            tail = len(key) - len(title)
            if key.startswith(title) and (
                tail <= 3 or (tail <= 8 and ordinal == candidate[0].number)
            ):
                found = candidate
                break
    if found is None:
        return None
    part, _ = found
    variant = body != label_key(part.title.text)[1]
    if ordinal and ordinal not in HAN_DIGITS and not ordinal.isdigit():
        return None
    folded = fold(text)
    number = folded[: len(folded) - len(split_enumerator(folded)[1])].strip() if ordinal else ""
    return HeadingMatch(part, number, ordinal, variant)
