"""Deviations for cells whose OCR reading is doubtful.

A reader that recognised a cell's text (OCR) puts its confidence on the cell's
:class:`~gikaireport.model.Source`. A number read with a confidence below :data:`DOUBTFUL`
is kept as printed but never as a sure value: it gets an ``ocr-doubtful`` deviation naming
the cell, the reading and the confidence, which validation turns into a finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from gikaireport.model import Cell, CellStatus, Deviation

__all__ = ["DOUBTFUL", "doubtful_readings"]

DOUBTFUL = 0.9
"""An OCR reading less sure than this is doubtful."""


def doubtful_readings(cells: Iterable[Cell]) -> list[Deviation]:
    """An ``ocr-doubtful`` deviation for each value or unreadable cell read with low confidence."""
    deviations = []
    for cell in cells:
        source = cell.source
        if source is None or source.confidence is None or source.confidence >= DOUBTFUL:
            continue
        if cell.status not in (CellStatus.NUMBER, CellStatus.UNREADABLE):
            continue
        deviations.append(
            Deviation(
                "ocr-doubtful",
                f"单元格由OCR识别，读作“{cell.raw}”，置信度{source.confidence:.2f}，读数存疑",
                (cell.id,),
                source,
                found=cell.raw,
            )
        )
    return deviations
