"""Mutation properties: consistent reports give no ERROR; changing any one number of part 三
or 四 gives an ERROR at that cell."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.model import CellStatus, Report
from gikaireport.validate import Severity, validate
from gikaireport.validate.examples import example_report
from validate_support import consistent_reports


def _changed(report: Report, cell_id: str, value: object) -> Report:
    """The report with one cell set to ``value`` (a number, or printed text)."""
    changes = {
        c.id: (c.value if c.status is CellStatus.NUMBER else c.raw) for c in report.cells().values()
    }
    changes[cell_id] = value  # type: ignore[assignment]
    parts = {p.id: p.text for p in report.parts}
    return example_report(changes, version=report.format_version, parts=parts)  # type: ignore[arg-type]


def _countable(report: Report) -> list[str]:
    return [c for c in report.cells() if c.startswith(("applications.", "review_litigation."))]


@settings(max_examples=200, deadline=None)
@given(consistent_reports())
def test_consistent_reports_have_no_error(report: Report) -> None:
    findings = validate(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [f.code for f in findings if f.rule.startswith(("relation", "total", "prose"))] == []


@settings(max_examples=400, deadline=None)
@given(consistent_reports(), st.data())
def test_changing_one_number_gives_an_error_at_that_cell(
    report: Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(_countable(report)), label="cell")
    old = report.cell(cell_id).value
    assert isinstance(old, int)
    new = data.draw(st.integers(0, old + 50).filter(lambda v: v != old), label="new value")
    findings = validate(_changed(report, cell_id, new))
    errors = [f for f in findings if f.severity is Severity.ERROR and cell_id in f.cells]
    assert errors, f"no ERROR names {cell_id} after {old} -> {new}: {findings}"
    assert all(f.code.startswith("GK3") for f in errors)


@settings(max_examples=100, deadline=None)
@given(consistent_reports(), st.data())
def test_blanking_one_number_is_incomplete_not_an_error(
    report: Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(_countable(report)), label="cell")
    findings = validate(_changed(report, cell_id, ""))
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    named = [f for f in findings if cell_id in f.cells]
    assert named and {f.code for f in named} <= {"GK402", "GK403"}
