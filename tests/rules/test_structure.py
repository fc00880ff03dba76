"""Deviation kinds: one declaration, and exactly one rule reporting each kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport import from_json, to_json
from gikaireport.model import DEVIATION_KINDS, Deviation, DeviationKind
from gikaireport.validate import RULES, validate
from gikaireport.validate.deviation_rules import RULE_OF_KIND, claim
from gikaireport.validate.examples import example_report
from gikaireport.validate.rules.labels import LABEL_RULES
from gikaireport.validate.rules.structure import STRUCTURE_RULES

DOCS = Path(__file__).parents[2] / "docs"


def _codes(report) -> set[str]:
    return {finding.code for finding in validate(report)}


@pytest.mark.parametrize("kind", list(DeviationKind), ids=str)
def test_every_deviation_kind_is_reported_by_exactly_one_rule(kind: DeviationKind) -> None:
    code = RULE_OF_KIND[kind.value]
    assert code in RULES
    plain = example_report()
    deviation = Deviation(kind, "一处偏差", ("applications.new_received.total",))
    added = _codes(example_report(deviations=(deviation,))) - _codes(plain)
    assert added == {code}


def test_the_rule_table_names_each_kind_once() -> None:
    named = [kind for entry in (*STRUCTURE_RULES, *LABEL_RULES) for kind in entry.kinds]
    assert len(named) == len(set(named))
    assert set(RULE_OF_KIND) == {kind.value for kind in DeviationKind}
    with pytest.raises(ValueError, match="reported by GK101 already"):
        claim("GK199", DeviationKind.PART_MISSING)


def test_an_unknown_kind_is_reported_as_other_deviation() -> None:
    report = example_report(deviations=(Deviation("layout-note", "表格跨页断开，已拼接"),))
    assert _codes(report) - _codes(example_report()) == {"GK199"}


def test_a_kind_is_stored_and_written_as_its_text() -> None:
    deviation = Deviation(DeviationKind.ROWS_MERGED, "合并")
    assert deviation.kind == "rows-merged" and type(deviation.kind) is str
    assert deviation == Deviation("rows-merged", "合并")
    report = example_report(deviations=(deviation,))
    assert json.loads(to_json(report))["deviations"][0]["kind"] == "rows-merged"
    assert from_json(to_json(report)).deviations == (deviation,)
    assert DEVIATION_KINDS["rows-merged"] == DeviationKind.ROWS_MERGED.description


def test_the_model_page_lists_every_kind() -> None:
    page = (DOCS / "model.md").read_text(encoding="utf-8")
    for kind in DeviationKind:
        assert f"| `{kind.value}` |" in page, kind


CELL_IDS = list(example_report().cells())


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    kind=st.sampled_from(list(DeviationKind)),
    cells=st.lists(st.sampled_from(CELL_IDS), max_size=4, unique=True),
    found=st.none() | st.text(alphabet="0123456789 报告", max_size=8),
    expected=st.none() | st.text(alphabet="0123456789本年", min_size=1, max_size=8),
)
def test_any_deviation_gives_one_finding_of_its_rule(kind, cells, found, expected) -> None:
    deviation = Deviation(kind, "偏差", tuple(cells), None, expected, found)
    report = example_report(deviations=(deviation,))
    code = RULE_OF_KIND[kind.value]
    plain = _codes(example_report())
    new = [f for f in validate(report) if f.code not in plain]
    assert {f.code for f in new} == {code}
    if code != "GK605":  # published-missing speaks of the date, not of cells
        assert all(f.cells == tuple(cells) for f in new)
