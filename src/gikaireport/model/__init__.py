"""The typed report model: pure attrs classes, no I/O and no parsing."""

from __future__ import annotations

from gikaireport.model.cells import Cell, CellStatus, Source, Value
from gikaireport.model.deviation import DEVIATION_KINDS, Deviation, DeviationKind
from gikaireport.model.origin import Origin
from gikaireport.model.report import Meta, Part, Report, Table

__all__ = [
    "DEVIATION_KINDS",
    "Cell",
    "CellStatus",
    "Deviation",
    "DeviationKind",
    "Meta",
    "Origin",
    "Part",
    "Report",
    "Source",
    "Table",
    "Value",
]
