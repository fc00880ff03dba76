"""The typed report model: pure attrs classes, no I/O and no parsing."""

from __future__ import annotations

from gikaireport.model.cells import Cell, CellStatus, Source, Value
from gikaireport.model.origin import Origin
from gikaireport.model.report import DEVIATION_KINDS, Deviation, Meta, Part, Report, Table

__all__ = [
    "DEVIATION_KINDS",
    "Cell",
    "CellStatus",
    "Deviation",
    "Meta",
    "Origin",
    "Part",
    "Report",
    "Source",
    "Table",
    "Value",
]
