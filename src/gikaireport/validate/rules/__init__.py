"""The rules over one report, one module per family; importing this package registers them."""

from __future__ import annotations

from gikaireport.validate.rules import (
    arithmetic,
    blanks,
    content,
    fees,
    labels,
    metadata,
    plausibility,
    prose,
    structure,
)

__all__ = [
    "arithmetic",
    "blanks",
    "content",
    "fees",
    "labels",
    "metadata",
    "plausibility",
    "prose",
    "structure",
]
