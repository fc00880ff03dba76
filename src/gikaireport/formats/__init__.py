"""Format declarations: the report format as data, one declaration per version."""

from __future__ import annotations

from gikaireport.formats import spec
from gikaireport.formats.spec import *  # noqa: F403 (the vocabulary, re-exported)
from gikaireport.formats.spec import FormatSpec
from gikaireport.formats.v2019 import FORMAT_2019
from gikaireport.formats.v2021 import FORMAT_2021

FORMATS: dict[str, FormatSpec] = {"2021": FORMAT_2021, "2019": FORMAT_2019}
"""Every declared version, by version string."""


def get_format(version: str) -> FormatSpec:
    """The declaration of a version (``"2021"`` or ``"2019"``)."""
    try:
        return FORMATS[version]
    except KeyError:
        raise ValueError(f"unknown format version {version!r}; known: {sorted(FORMATS)}") from None


def format_for_year(year: int) -> FormatSpec:
    """The version that applies to reports for ``year``: the one with the latest
    ``first_year`` not after it (the earliest version for a year before every one).
    """
    by_start = sorted(FORMATS.values(), key=lambda spec: spec.first_year)
    applying = [spec for spec in by_start if spec.first_year <= year]
    return applying[-1] if applying else by_start[0]


CAPTIONS: frozenset[str] = frozenset(
    caption
    for spec in FORMATS.values()
    for table in spec.tables
    for caption in table.captions.texts
)
"""Every header caption a declared table prints (``信息内容``, ``申请人情况`` ...)."""


__all__ = ["FORMATS", "FORMAT_2019", "FORMAT_2021", "format_for_year", "get_format"]
__all__ += spec.__all__
