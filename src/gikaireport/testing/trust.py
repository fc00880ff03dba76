"""The trust contract as a measure: numbers that differ from the document with no sign of doubt.

A number in :meth:`Report.values() <gikaireport.model.Report.values>` is what the document
prints, or the report says otherwise: a deviation or a validation finding names the cell.
:func:`silently_wrong` lists the cells that break this against the report the document was
rendered from; in every round trip the count must be 0.
"""

from __future__ import annotations

from gikaireport.model import Report
from gikaireport.model.cells import Value

__all__ = ["flagged_cells", "silently_wrong"]


def flagged_cells(report: Report) -> set[str]:
    """The cells a deviation of the report or a finding of its validation names."""
    from gikaireport.validate import validate

    named = {cell_id for deviation in report.deviations for cell_id in deviation.cells}
    return named | {cell_id for finding in validate(report) for cell_id in finding.cells}


def silently_wrong(read: Report, expected: Report) -> list[tuple[str, Value | None, Value]]:
    """Cells ``read`` gives a number for that differs from ``expected``'s, and names nowhere.

    Returns ``(cell id, expected value, value read)`` for each.
    """
    named = flagged_cells(read)
    want = expected.values()
    return [
        (cell_id, want.get(cell_id), value)
        for cell_id, value in read.values().items()
        if value is not None and value != want.get(cell_id) and cell_id not in named
    ]
