"""Rules of one's own (``extra_rules=``), the facts the engine passes to rules, and a
registry that selection reads afresh.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gikaireport.model import Report
from gikaireport.validate import (
    RULES,
    Issue,
    Severity,
    extra_rule,
    select_rules,
    validate,
    validate_series,
)
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts

FEES = "proactive.fees.amount"


@extra_rule(
    "XY001", "fee-over-limit", Severity.ERROR, message="收费{amount}万元", message_en="{amount}"
)
def fee_over_limit(report: Report) -> Iterator[Issue]:
    """Fees above 1 万元 in a year."""
    amount = report.values()[FEES]
    if amount is not None and amount > 1:
        yield Issue.of(cells=(FEES,), amount=amount)


def test_an_extra_rule_runs_beside_the_built_in_rules() -> None:
    report = example_report({FEES: 3})
    findings = validate(report, extra_rules=[fee_over_limit])
    extra = [f for f in findings if f.code == "XY001"]
    assert [(f.rule, f.severity, f.cells, f.message) for f in extra] == [
        ("fee-over-limit", Severity.ERROR, (FEES,), "收费3万元")
    ]
    assert extra[0].location == report.cell(FEES).source
    assert [f for f in findings if f.code != "XY001"] == validate(report)
    assert fee_over_limit.summary == "Fees above 1 万元 in a year."
    assert "XY001" not in RULES


@pytest.mark.parametrize(
    ("selection", "reported"),
    [
        ({"select": ["XY001"]}, True),
        ({"select": ["XY"]}, True),
        ({"select": ["fee-over-limit"]}, True),
        ({"select": ["extra"]}, True),
        ({"select": ["GK3"]}, False),
        ({"ignore": ["XY001"]}, False),
        ({"ignore": ["extra"]}, False),
        ({"severity": "warning"}, True),
    ],
)
def test_an_extra_rule_is_selected_and_ignored_like_a_built_in(selection, reported) -> None:
    findings = validate(example_report({FEES: 3}), extra_rules=[fee_over_limit], **selection)
    assert any(f.code == "XY001" for f in findings) is reported


@pytest.mark.parametrize("code", ["GK901", "GK000", "gk1", "X-1", "ABCDE1"])
def test_an_extra_rule_outside_the_gk_codes_only(code: str) -> None:
    with pytest.raises(ValueError, match="outside the GK codes"):
        extra_rule(code, "mine")(fee_over_limit.check)


def test_extra_rules_refuse_a_code_or_name_already_used() -> None:
    again = extra_rule("XY002", "fee-over-limit")(fee_over_limit.check)
    with pytest.raises(ValueError, match="already used"):
        validate(example_report(), extra_rules=[fee_over_limit, again])
    builtin_name = extra_rule("XY003", "family-balance")(fee_over_limit.check)
    with pytest.raises(ValueError, match="already used"):
        validate(example_report(), extra_rules=[builtin_name])
    with pytest.raises(ValueError, match="unknown rule selector"):
        validate(example_report(), select=["XY001"])  # not passed: not known


def test_a_series_rule_of_ones_own() -> None:
    @extra_rule("XY010", "fees-rise", scope="series")
    def fees_rise(previous: Report, current: Report) -> Iterator[Issue]:
        """Fees grow from one year to the next."""
        before, now = previous.values()[FEES], current.values()[FEES]
        if before is not None and now is not None and now > before:
            yield Issue("收费增加", "fees rose", (FEES,))

    reports = [example_report({FEES: 1}, year=2022), example_report({FEES: 2}, year=2023)]
    findings = validate_series(reports, extra_rules=[fees_rise])
    assert [f.code for f in findings if f.code.startswith("XY")] == ["XY010"]
    assert not validate(reports[1], extra_rules=[fees_rise])  # not a rule over one report


def test_rules_that_take_facts_share_one_per_validation() -> None:
    seen: list[Facts] = []

    def note(report: Report, facts: Facts) -> Iterator[Issue]:
        """Record the facts."""
        seen.append(facts)
        return iter(())

    first = extra_rule("XY020", "note-one")(note)
    second = extra_rule("XY021", "note-two")(note)
    assert first.takes_facts and not fee_over_limit.takes_facts
    one, two = example_report(), example_report({FEES: 2})
    validate(one, extra_rules=[first, second])
    validate(two, extra_rules=[first, second])
    assert seen[0] is seen[1] and seen[0].report is one
    assert seen[2] is seen[3] and seen[2].report is two
    with pytest.raises(ValueError, match="only a rule over one report can take facts"):
        extra_rule("XY022", "note-three", scope="series")(note)


def test_select_rules_sees_a_rule_registered_after_the_first_call() -> None:
    before = {r.code for r in select_rules()}
    assert "GK998" not in before

    @rule(
        "GK998",
        "late-rule",
        "structure",
        Severity.INFO,
        summary="Registered late.",
        failing=Example("none", tuple),
        passing=Example("none", tuple),
    )
    def late(report: Report) -> Iterator[Issue]:
        """A rule registered after selection ran once.

        It reports nothing.
        """
        return iter(())

    try:
        assert {r.code for r in select_rules()} == before | {"GK998"}
        assert [r.code for r in select_rules(["late-rule"])] == ["GK998"]
    finally:
        del RULES["GK998"]
    assert {r.code for r in select_rules()} == before
