"""Format declarations: the report format as data, one declaration per version."""

from __future__ import annotations

from gikaireport.formats.spec import (
    CellSpec,
    Column,
    FormatSpec,
    Kind,
    Label,
    PartSpec,
    Relation,
    Row,
    TableSpec,
)
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


__all__ = [
    "FORMATS",
    "FORMAT_2019",
    "FORMAT_2021",
    "CellSpec",
    "Column",
    "FormatSpec",
    "Kind",
    "Label",
    "PartSpec",
    "Relation",
    "Row",
    "TableSpec",
    "get_format",
]
