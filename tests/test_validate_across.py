"""Checks across reports: consecutive years, and a summary against its units."""

from __future__ import annotations

import pytest

from gikaireport.model import Report
from gikaireport.validate import Severity, validate_series, validate_summary
from gikaireport.validate.examples import CellInput, baseline_values, example_report


def test_consecutive_years_in_any_order() -> None:
    a = example_report(year=2021, path="a2021.txt")
    b = example_report({"proactive.normative_documents.in_force": 16}, year=2022, path="b2022.txt")
    c = example_report({"proactive.normative_documents.in_force": 17}, year=2023, path="c2023.txt")
    assert validate_series([c, a, b]) == []


def test_carried_over_mismatch_names_both_reports() -> None:
    a = example_report(year=2021, path="a2021.txt")
    b = example_report(
        {
            "proactive.normative_documents.in_force": 16,
            "applications.carried_over.natural_person": 0,
            "applications.carried_over.total": 0,
            "applications.new_received.natural_person": 4,
            "applications.new_received.total": 5,
        },
        year=2022,
        path="b2022.txt",
    )
    findings = validate_series([a, b])
    assert [(f.code, f.severity, f.cells) for f in findings] == [
        ("GK901", Severity.ERROR, ("applications.carried_over.natural_person",)),
        ("GK901", Severity.ERROR, ("applications.carried_over.total",)),
    ]
    first = findings[0]
    assert first.path == "b2022.txt" and first.related == ("a2021.txt",)
    assert "a2021.txt" in first.message and "四、结转下年度继续办理 / 自然人" in first.message
    assert (first.expected, first.actual) == (1, 0)
    assert first.location == b.cell("applications.carried_over.natural_person").source


def test_in_force_is_a_warning_and_skips_gaps_and_2019() -> None:
    a = example_report(year=2021)
    b = example_report({"proactive.normative_documents.in_force": 30}, year=2022)
    (finding,) = validate_series([a, b])
    assert (finding.code, finding.severity, finding.expected, finding.actual) == (
        "GK902",
        Severity.WARNING,
        16,
        30,
    )
    assert validate_series([a, example_report(year=2023)]) == []  # a gap: not compared
    old = example_report(version="2019", year=2020)
    assert validate_series([old, a]) == []  # the 2019 format counts something else


def test_series_needs_distinct_known_years() -> None:
    with pytest.raises(ValueError, match="one report per year"):
        validate_series([example_report(), example_report()])
    with pytest.raises(ValueError, match="without a year"):
        validate_series([example_report(meta={"year": None})])


def _summary(changes: dict[str, int] | None = None, units: int = 2) -> Report:
    values: dict[str, CellInput] = {k: v * units for k, v in baseline_values().items()}
    values.update(changes or {})
    return example_report(values, path="county.txt")


def test_summary_equal_to_the_sum_of_units() -> None:
    units = [example_report(path="u1.txt"), example_report(path="u2.txt")]
    assert validate_summary(_summary(), units) == []


def test_summary_differences_per_cell() -> None:
    units = [example_report(path="u1.txt"), example_report(path="u2.txt")]
    summary = _summary({"proactive.licensing.decisions": 239})
    (finding,) = validate_summary(summary, units)
    assert (finding.code, finding.cells, finding.expected, finding.actual) == (
        "GK903",
        ("proactive.licensing.decisions",),
        240,
        239,
    )
    assert finding.path == "county.txt" and finding.related == ("u1.txt", "u2.txt")


def test_summary_skips_cells_a_unit_leaves_blank() -> None:
    units = [example_report({"proactive.licensing.decisions": ""}), example_report()]
    summary = _summary({"proactive.licensing.decisions": 7})
    assert validate_summary(summary, units) == []


def test_summary_unit_of_another_year() -> None:
    units = [example_report(), example_report(year=2021, path="old.txt")]
    findings = validate_summary(_summary({"proactive.licensing.decisions": 1}), units)
    assert [f.code for f in findings] == ["GK904"]
    assert findings[0].related == ("old.txt",)


def test_series_and_summary_select_by_minimum_severity() -> None:
    a = example_report(year=2021)
    b = example_report({"proactive.normative_documents.in_force": 30}, year=2022)
    assert [f.code for f in validate_series([a, b], severity="warning")] == ["GK902"]
    assert validate_series([a, b], severity="error") == []  # GK902 is a warning
    units = [example_report(path="u1.txt"), example_report(path="u2.txt")]
    summary = _summary({"proactive.licensing.decisions": 239})
    assert [f.code for f in validate_summary(summary, units, severity=Severity.ERROR)] == [
        "GK903"
    ]
    with pytest.raises(ValueError, match="unknown severity"):
        validate_summary(summary, units, severity="fatal")
