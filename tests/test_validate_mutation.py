"""Mutation properties: consistent reports give no ERROR; changing any one number of part 三
or 四 gives an ERROR at that cell."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.model import CellStatus, Report
from gikaireport.testing import reports, with_cell
from gikaireport.validate import Severity, validate


def _countable(report: Report) -> list[str]:
    return [c for c in report.cells() if c.startswith(("applications.", "review_litigation."))]


@settings(max_examples=100, deadline=None)
@given(reports(version=None, not_applicable=True))
def test_consistent_reports_have_no_error(report: Report) -> None:
    findings = validate(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [f for f in findings if f.code.startswith(("GK3", "GK4", "GK5", "GK6"))] == []


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(reports(version=None), st.data())
def test_changing_one_number_gives_an_error_at_that_cell(
    report: Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(_countable(report)), label="cell")
    old = report.cell(cell_id).value
    assert isinstance(old, int)
    new = data.draw(
        st.one_of(st.integers(0, old + 50), st.integers(0, 10**6)).filter(lambda v: v != old),
        label="new value",
    )
    findings = validate(with_cell(report, cell_id, new))
    errors = [f for f in findings if f.severity is Severity.ERROR and cell_id in f.cells]
    assert errors, f"no ERROR names {cell_id} after {old} -> {new}: {findings}"
    assert all(f.code.startswith("GK3") for f in errors)


@settings(max_examples=60, deadline=None)
@given(reports(version=None), st.data())
def test_blanking_one_number_is_incomplete_not_an_error(
    report: Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(_countable(report)), label="cell")
    status = data.draw(st.sampled_from([CellStatus.BLANK, CellStatus.NOT_APPLICABLE]))
    findings = validate(with_cell(report, cell_id, None, status))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    named = [f for f in findings if cell_id in f.cells]
    assert named and {f.code for f in named} <= {"GK402", "GK403"}


@settings(max_examples=50, deadline=None)
@given(reports(version=None), st.data())
def test_a_negative_count_is_an_error(report: Report, data: st.DataObject) -> None:
    cell_id = data.draw(st.sampled_from(_countable(report)), label="cell")
    findings = validate(with_cell(report, cell_id, -data.draw(st.integers(1, 99))))
    assert any(f.code == "GK404" and f.cells == (cell_id,) for f in findings)
