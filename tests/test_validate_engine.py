"""The engine: selection, ordering, locations, and rules that crash."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gikaireport.model import Report, Source
from gikaireport.validate import RULES, Finding, Issue, Rule, Severity, select_rules, validate
from gikaireport.validate.engine import Example
from gikaireport.validate.examples import example_report


def _codes(**selection: list[str]) -> set[str]:
    return {r.code for r in select_rules(**selection)}  # type: ignore[arg-type]


def test_selection_by_code_prefix_name_category() -> None:
    assert _codes(select=["GK301"]) == {"GK301"}
    assert _codes(select=["GK30"]) == {"GK301", "GK302", "GK303", "GK304"}
    assert _codes(select=["family-balance", "GK404"]) == {"GK301", "GK404"}
    assert _codes(select=["prose"]) == {"GK501", "GK502", "GK503", "GK504", "GK505"}
    assert _codes(select=["ALL"]) == _codes()
    assert _codes(ignore=["GK1", "labels"]) == _codes() - _codes(select=["GK1", "GK2"])
    assert _codes(select=["GK3"], ignore=["row-total"]) == {"GK301", "GK302", "GK304"}
    # checks across reports are not rules over one report
    assert _codes(select=["GK9"]) == set()
    assert {r.code for r in select_rules(["GK9"], scope="series")} == {"GK901", "GK902"}


@pytest.mark.parametrize("selector", ["GK9999", "family_balance", "arithmetics", "X1"])
def test_unknown_selector_is_an_error(selector: str) -> None:
    with pytest.raises(ValueError, match="unknown rule selector"):
        select_rules([selector])
    with pytest.raises(ValueError, match="unknown rule selector"):
        validate(example_report(), ignore=[selector])


def test_findings_are_ordered_by_code_then_cell_order() -> None:
    report = example_report(
        {
            "review_litigation.review.total": 5,
            "applications.new_received.total": 9,
            "applications.carried_forward.total": 3,
            "proactive.coercion.decisions": -1,
        }
    )
    findings = validate(report)
    keys = [(f.code, min(list(report.cells()).index(c) for c in f.cells)) for f in findings]
    assert keys == sorted(keys)
    assert [f.code for f in findings][:3] == ["GK301", "GK303", "GK303"]
    assert findings == validate(report)  # stable


def test_finding_carries_path_location_and_numbers() -> None:
    report = example_report({"review_litigation.review.total": 2}, path="reports/a.txt")
    (finding,) = validate(report, select=["GK304"])
    assert finding.path == "reports/a.txt"
    assert finding.location == report.cell("review_litigation.review.total").source
    assert finding.cells[0] == "review_litigation.review.total"
    assert finding.line().startswith(f"reports/a.txt:{finding.location.line}: GK304 [error] ")  # type: ignore[union-attr]
    assert finding.line("en").endswith(finding.message_en)
    no_place = Finding("GK605", "published-missing", Severity.INFO, "m", "e", path="x.txt")
    assert no_place.line() == "x.txt: GK605 [info] m"
    paged = Finding("GK605", "n", Severity.INFO, "m", "e", location=Source(line=3, page=2))
    assert paged.line() == "<report>:page 2, line 3: GK605 [info] m"


def _crashing(report: Report) -> Iterator[Issue]:
    """Fail on purpose.

    Used to check that the engine turns a failing rule into a finding.
    """
    raise ZeroDivisionError("division by zero")
    yield  # pragma: no cover


def test_a_crashing_rule_becomes_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = Example("plain", lambda: (example_report(),))
    broken = Rule(
        "GK998",
        "always-crashes",
        "structure",
        Severity.WARNING,
        "Crashes.",
        "Crashes.",
        _crashing,
        "report",
        plain,
        plain,
    )
    monkeypatch.setitem(RULES, "GK998", broken)
    findings = validate(example_report(path="a.txt"))
    assert [(f.code, f.rule, f.severity) for f in findings] == [
        ("GK000", "rule-crashed", Severity.ERROR)
    ]
    assert "GK998" in findings[0].message and "ZeroDivisionError" in findings[0].message_en
    assert "--ignore GK998" in findings[0].fix and "--ignore GK998" in findings[0].fix_en
    assert findings[0].path == "a.txt"
    assert validate(example_report(), ignore=["GK000"]) == []
    assert validate(example_report(), ignore=["always-crashes"]) == []
    # other rules still run
    codes = [f.code for f in validate(example_report({"review_litigation.review.total": 2}))]
    assert codes[0] == "GK000" and "GK304" in codes
