"""The one comparison of a report read back with the report it was rendered from.

Every reader test that renders a generated report and reads it back compares the two with
:func:`assert_same_report`, so a new reader or renderer is checked the same way as the others.
"""

from __future__ import annotations

from gikaireport.model import CellStatus, Report


def assert_same_report(
    expected: Report, got: Report, *, absent: bool = True, meta: bool = False
) -> None:
    """Assert that ``got`` holds what ``expected`` holds, cell by cell.

    Every cell must have the expected status and value; a failure lists each differing cell
    with what was read (status and printed text).

    Args:
        expected: the report that was rendered.
        got: the report read back.
        absent: compare the cells ``expected`` has as absent too, and require the same cell ids
            and the same ``values()``; with ``False`` such cells are left out (a reader that
            sees part of a table).
        meta: compare the year, agency, publication date, period and the parts read as well.

    """
    assert got.format_version == expected.format_version
    differences = []
    for cell_id, cell in expected.cells().items():
        if not absent and cell.status is CellStatus.ABSENT:
            continue
        read = got.cell(cell_id)
        if (read.status, read.value) != (cell.status, cell.value):
            differences.append((cell_id, cell.status, cell.value, read.status, read.raw))
    assert differences == [], differences
    if absent:
        assert got.cells().keys() == expected.cells().keys()
        assert got.values() == expected.values()
    if meta:
        assert (got.meta.year, got.meta.agency) == (expected.meta.year, expected.meta.agency)
        assert got.meta.published == expected.meta.published
        assert (got.meta.period_start, got.meta.period_end) == (
            expected.meta.period_start,
            expected.meta.period_end,
        )
        assert [part.id for part in got.parts] == [part.id for part in expected.parts]
