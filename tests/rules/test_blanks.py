"""Blank rules (GK401-GK406): a blank, a dash or an unreadable cell is never read as 0."""

from __future__ import annotations

from decimal import Decimal

from gikaireport.validate import Severity, validate
from gikaireport.validate.examples import example_report

NEW = "applications.new_received"


def test_blank_part_that_could_complete_the_total_is_incomplete_not_an_error() -> None:
    report = example_report({f"{NEW}.commercial_enterprise": ""})  # 3 + blank = 4 is possible
    findings = validate(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    incomplete = [f for f in findings if f.code == "GK402"]
    assert incomplete and all(f.cells[0] == f"{NEW}.commercial_enterprise" for f in incomplete)
    assert "空白" in incomplete[0].message


def test_dash_is_not_zero() -> None:
    report = example_report({f"{NEW}.research_institution": "/"})
    findings = validate(report)
    assert not [f for f in findings if f.severity is Severity.ERROR]
    assert any("“/”（不适用）" in f.message for f in findings if f.code == "GK402")


def test_blank_total_is_missing_with_the_expected_sum() -> None:
    report = example_report({f"{NEW}.total": ""})
    (finding,) = [f for f in validate(report) if f.code == "GK403"]
    assert finding.expected == 4 and finding.cells[0] == f"{NEW}.total"
    # its row's relation is the missing total; the 勾稽关系 of 总计 is incomplete
    incomplete = [f.message for f in validate(report, select=["GK402"])]
    assert len(incomplete) == 1 and "本年新收 + 上年结转" in incomplete[0]


def test_blank_table_is_one_finding() -> None:
    blank = {c: "" for c in example_report().cells() if c.startswith("applications.")}
    findings = validate(example_report(blank, parts={"overview": "", "review_litigation": ""}))
    assert [f.code for f in findings if f.code.startswith("GK4")] == ["GK405"]


def test_invalid_numbers_by_kind() -> None:
    report = example_report(
        {
            "applications.new_received.other_organization": Decimal("0.5"),
            "proactive.fees.amount": Decimal("-1.2"),
        }
    )
    invalid = {f.cells[0] for f in validate(report, select=["GK404"])}
    assert invalid == {"applications.new_received.other_organization", "proactive.fees.amount"}
    signed = example_report({"proactive.licensing.change": -3}, version="2019")
    assert validate(signed, select=["GK404"]) == []


def test_unreadable_cell_quotes_what_is_printed() -> None:
    report = example_report({"proactive.coercion.decisions": "若干"})
    (finding,) = validate(report, select=["GK401"])
    assert "若干" in finding.message and finding.cells == ("proactive.coercion.decisions",)


def test_row_of_dashes_is_not_blank() -> None:
    dashes = {c: "/" for c in example_report().cells() if c.startswith("proactive.regulations.")}
    assert validate(example_report(dashes), select=["GK406"]) == []
    blanks = {c: "" for c in dashes}
    assert [f.code for f in validate(example_report(blanks), select=["GK406"])] == ["GK406"]
