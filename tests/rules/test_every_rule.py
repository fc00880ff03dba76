"""Every registered rule: its metadata, its failing and passing example."""

from __future__ import annotations

import re

import pytest

from gikaireport.model import DEVIATION_KINDS
from gikaireport.validate import CATEGORIES, RULES, Rule, Severity, list_rules, validate
from gikaireport.validate.docs import example_findings
from gikaireport.validate.examples import example_report
from gikaireport.validate.rules.structure import HANDLED_KINDS

ALL = list_rules(None)
HAN = re.compile(r"[\u4e00-\u9fff]")


def _id(rule: Rule) -> str:
    return f"{rule.code}-{rule.name}"


def test_registry_is_populated_and_consistent() -> None:
    assert len(ALL) == len(RULES) >= 40
    assert [r.code for r in ALL] == sorted(RULES)
    assert len({r.name for r in ALL}) == len(ALL)


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"GK[1-9]\d\d", rule.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert rule.category in CATEGORIES
    assert rule.summary.endswith(".") and rule.doc.count("\n") >= 2
    assert rule.failing.description and rule.passing.description
    # codes are grouped by category: the hundreds digit names the category; the content
    # rules (what parts 一 and 五 say) are GK12x, beside the structure of the parts
    if rule.category == "content":
        assert rule.code.startswith("GK12")
        return
    digit = list(CATEGORIES).index(rule.category) + 1
    assert rule.code[2] == str(digit) or (rule.code == "GK199" and rule.category == "structure")
    assert not rule.code.startswith("GK12")


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_failing_example_is_reported(rule: Rule) -> None:
    findings = example_findings(rule, rule.failing)
    assert findings, f"{rule.code} reports nothing on its failing example"
    for finding in findings:
        identity = (finding.code, finding.rule, finding.severity)
        assert identity == (rule.code, rule.name, rule.severity)
        assert HAN.search(finding.message), finding.message
        assert finding.message_en and not HAN.fullmatch(finding.message_en[:1])
        assert finding.path


@pytest.mark.parametrize("rule", ALL, ids=_id)
def test_passing_example_is_accepted(rule: Rule) -> None:
    assert example_findings(rule, rule.passing) == []


@pytest.mark.parametrize("rule", [r for r in ALL if r.scope == "report"], ids=_id)
def test_failing_example_cells_belong_to_the_format(rule: Rule) -> None:
    (report,) = rule.failing.build()
    for finding in example_findings(rule, rule.failing):
        for cell_id in finding.cells:
            report.cell(cell_id)  # KeyError for an id the format does not have


def test_every_deviation_kind_has_its_own_rule() -> None:
    assert set(DEVIATION_KINDS) <= HANDLED_KINDS


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_baseline_report_has_no_finding(version: str) -> None:
    assert validate(example_report(version=version)) == []


def test_severities_are_ordered() -> None:
    assert Severity.ERROR.rank > Severity.WARNING.rank > Severity.INFO.rank
