"""Arithmetic rules (GK301-GK304): the relations of the declaration; with the blank rules,
through rendering and reading back."""

from __future__ import annotations

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


def test_absent_table_does_not_flood_relations() -> None:
    ids = [c for c in example_report().cells() if c.startswith("review_litigation.")]
    absent: dict[str, CellInput] = dict.fromkeys(ids, CellStatus.ABSENT)
    findings = validate(example_report(absent))
    assert [f.code for f in findings if f.code.startswith(("GK3", "GK4"))] == []


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
