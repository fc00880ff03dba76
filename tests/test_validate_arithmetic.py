"""Arithmetic and blank rules: relations from the declaration, blanks never read as 0."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gikaireport import parse_text
from gikaireport.model import CellStatus
from gikaireport.testing import LAYOUTS, render_text
from gikaireport.validate import Rule, Severity, list_rules, validate
from gikaireport.validate.examples import CellInput, example_report

NEW = "applications.new_received"


def test_total_smaller_than_printed_parts_is_an_error_despite_blanks() -> None:
    # 总计 0 beside 自然人 3 and a blank 商业企业: no number there can make it right
    report = example_report({f"{NEW}.total": 0, f"{NEW}.commercial_enterprise": ""})
    findings = validate(report, select=["GK303"])
    assert [f.severity for f in findings] == [Severity.ERROR]
    assert f"{NEW}.total" in findings[0].cells
    assert "计数不能为负" in findings[0].message
    # the same relation is not also reported as incomplete
    assert not [f for f in validate(report, select=["GK402"]) if "各类申请人之和" in f.message]


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


def test_absent_table_does_not_flood_relations() -> None:
    ids = [c for c in example_report().cells() if c.startswith("review_litigation.")]
    absent: dict[str, CellInput] = dict.fromkeys(ids, CellStatus.ABSENT)
    findings = validate(example_report(absent))
    assert [f.code for f in findings if f.code.startswith(("GK3", "GK4"))] == []


def test_blank_table_is_one_finding() -> None:
    blank = {c: "" for c in example_report().cells() if c.startswith("applications.")}
    findings = validate(example_report(blank, parts={"overview": "", "review_litigation": ""}))
    assert [f.code for f in findings if f.code.startswith("GK4")] == ["GK405"]


def test_2019_format_relations_use_its_single_other_row() -> None:
    report = example_report({"applications.results.other.natural_person": 1}, version="2019")
    findings = validate(report, select=["arithmetic"])
    assert {f.code for f in findings} == {"GK302", "GK303"}
    assert all("applications.results.other.natural_person" in f.cells for f in findings)


def test_mismatch_names_official_labels_and_numbers() -> None:
    report = example_report({"review_litigation.litigation_direct.pending": 2})
    (finding,) = validate(report, select=["block-total"])
    assert "行政诉讼·未经复议直接起诉" in finding.message or "未经复议直接起诉" in finding.message
    assert (finding.actual, finding.expected) == (0, 2)
    assert finding.location is not None and finding.location.line is not None


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


# The renderer prints unreadable text as blank (GK401), and text cannot tell a table printed
# without numbers from no table (GK405: reading records table-missing instead).
CELL_RULES = [
    r
    for r in list_rules("report")
    if r.category in ("arithmetic", "blanks") and r.code not in ("GK401", "GK405")
]
# One cell per line or paragraph: a blank cell leaves no trace, so blanks cannot be placed.
BLANKS_VISIBLE = [layout for layout in LAYOUTS if layout not in ("tab_cells", "paragraphs")]


CASES = [
    pytest.param(rule, layout, id=f"{rule.code}-{layout}")
    for rule in CELL_RULES
    for layout in LAYOUTS
    if layout in BLANKS_VISIBLE or not rule.failing.build()[0].status_counts()[CellStatus.BLANK]
]


@pytest.mark.parametrize(("rule", "layout"), CASES)
def test_failing_examples_survive_rendering_and_reading(rule: Rule, layout: str) -> None:
    """The rules find the same cells in the report read back from text, located on the
    line of the text that prints the first cell."""
    (report,) = rule.failing.build()
    expected = [(f.code, f.cells) for f in validate(report, select=[rule.code])]
    text = render_text(report, layout)
    back = parse_text(text, path="example.txt")
    findings = validate(back, select=[rule.code])
    assert [(f.code, f.cells) for f in findings] == expected
    lines = text.splitlines()
    for finding in findings:
        assert finding.path == "example.txt"
        assert finding.location is not None and finding.location.line is not None
        printed = back.cell(finding.cells[0]).raw
        if printed:
            assert printed in lines[finding.location.line - 1]
