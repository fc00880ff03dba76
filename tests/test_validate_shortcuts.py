"""The shortcuts validation takes give what the straightforward computation gives.

Several rules skip work that cannot change their answer: the headings of part 一 found by
enumerator are looked for only when the lines leave an area out, sentences are cut around
the words a rule looks for instead of splitting every text, a report's numbers are checked
kind by kind in two passes over the types and the least number, findings already in order
are not sorted. Each is compared here with the computation written out plainly, on the
seeds and on generated texts, reports and findings.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikaireport
from gikaireport.finding import Finding, Severity
from gikaireport.formats import Kind, get_format
from gikaireport.model import CellStatus, Report, Source
from gikaireport.testing import overview_texts, reports, with_cell
from gikaireport.validate import validate
from gikaireport.validate.content_text import (
    _ACTION,
    _PLAN,
    _PROBLEM,
    ACCOUNTABILITY,
    OVERVIEW_AREAS,
    covered_areas,
    headings,
    problems_and_measures,
)
from gikaireport.validate.engine import sort_findings
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts, _fold
from gikaireport.validate.rules.fees import _sentences

# what the texts of reports are made of: marks, enumerators, the words the rules look for
_PIECES = [
    *"。；;：:！!？?\n，,、.．（）()一二三四五六七八九十0123456789第其是 \u3000\t\xa0",
    *("０", "９", "\u200b", "方面", "信息", "管理", "平台", "主动公开", "依申请", "监督"),
    *("保障", "情况", "建设", "处理费", "信息处理费", "行政事业性收费", "收费", "收取"),
    *("费用", "申请", "不属于", "本机关认真落实条例"),
    *("考", "核", "评", "评议", "测评", "满意", "度", "追究", "责任", "问", "追", "责", "公开"),
]
texts = st.lists(st.sampled_from(_PIECES), max_size=80).map("".join)


def _areas_plainly(text: str) -> set[str]:
    """The areas named in the join of every heading (the definition of the rule)."""
    joined = "\n".join(headings(text))
    return {area.name for area in OVERVIEW_AREAS if area.pattern.search(joined)}


@given(texts)
def test_a_topic_is_named_where_its_pattern_is_found(text: str) -> None:
    for topic in (*OVERVIEW_AREAS, *ACCOUNTABILITY):
        assert topic.named_in(text) == (topic.pattern.search(text) is not None), topic.name


@given(texts)
def test_covered_areas_as_the_join_of_every_heading(text: str) -> None:
    assert covered_areas(text) == _areas_plainly(text)


@given(overview_texts())
def test_covered_areas_of_generated_overviews(drawn: tuple[str, frozenset[str]]) -> None:
    text, _ = drawn
    assert covered_areas(text) == _areas_plainly(text)


_SENTENCE = re.compile(r"[^。;；!！?？\n]+")


def _problems_and_measures_plainly(text: str) -> tuple[bool, bool]:
    """Sentence by sentence: a problem named, a plan, or what is done with no problem."""
    problems = measures = False
    for sentence in _SENTENCE.findall(text):
        problem = _PROBLEM.search(sentence) is not None
        problems = problems or problem
        measures = measures or bool(
            _PLAN.search(sentence) or (not problem and _ACTION.search(sentence))
        )
    return problems, measures


_PART_FIVE = [
    *"。；;!！?？\n，",
    *("存在", "情况", "现象", "问题", "不够", "需要加强", "待", "需", "加强", "完善", "将"),
    *("来", "下一步", "措施", "本机关", "工作", "开展", "进一步"),
]


@given(st.lists(st.sampled_from(_PART_FIVE), max_size=40).map("".join))
def test_problems_and_measures_as_sentence_by_sentence(text: str) -> None:
    assert problems_and_measures(text) == _problems_and_measures_plainly(text)


def _facts_of(text: str) -> Facts:
    report = example_report(parts={"other": text})
    return Facts(report)


@given(texts, st.sampled_from(["收费", "收取", "费用", "信息处理费", "处理费"]))
def test_fee_sentences_are_those_of_a_split_that_have_the_word(text: str, word: str) -> None:
    facts = _facts_of(text)
    plainly = [
        (part.id, sentence)
        for part, folded in facts.texts
        if word in folded
        for sentence in _SENTENCE.findall(folded)
        if word in sentence
    ]
    assert list(_sentences(facts, word)) == plainly


@given(texts, st.sampled_from(["政府信息公开申请", "结转", "行政复议", "一一", "。"]))
def test_finds_gives_every_position_of_a_word(text: str, word: str) -> None:
    facts = _facts_of(text + word + text)
    plainly = {
        index: [m.start() for m in re.finditer(f"(?={re.escape(word)})", folded)]
        for index, (_, folded) in enumerate(facts.texts)
        if word in folded
    }
    assert facts.finds(word) == plainly
    assert facts.finds(word) is facts.finds(word)  # looked for once


_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},
        **dict.fromkeys(" \t\u3000\xa0\r\u2002\u2003\u200b"),
    }
)


@given(texts)
def test_fold_removes_spaces_and_folds_full_width_digits(text: str) -> None:
    assert _fold(text) == text.translate(_FOLD)


_ACCEPTS = {
    Kind.COUNT: lambda v: type(v) is int and v >= 0,
    Kind.DECIMAL: lambda v: type(v) in (int, Decimal) and v >= 0,
    Kind.SIGNED: lambda v: type(v) is int,
}


def _invalid_plainly(report: Report) -> list[str]:
    """The cells whose number is not of their column's kind, cell by cell."""
    spec = report.spec
    return [
        cell_id
        for cell_id, value in report.values().items()
        if value is not None and not _ACCEPTS[spec.cell(cell_id).kind](value)
    ]


_ODD_VALUES = st.one_of(
    st.integers(-5, 5),
    st.sampled_from([Decimal("0"), Decimal("0.0"), Decimal("1.5"), Decimal("-0.5"), True]),
    st.none(),
)


@given(
    reports(version=None),
    st.lists(st.tuples(st.integers(0, 10**6), _ODD_VALUES), min_size=1, max_size=6),
)
def test_invalid_number_finds_the_cells_a_cell_by_cell_check_finds(
    report: Report, changes: list[tuple[int, object]]
) -> None:
    ids = list(report.cells())
    for position, value in changes:
        cell_id = ids[position % len(ids)]
        if value is None:
            report = with_cell(report, cell_id, None, CellStatus.BLANK)
        else:
            report = with_cell(report, cell_id, value)  # type: ignore[arg-type]
    found = [f.cells[0] for f in validate(report, select=["invalid-number"])]
    order = {cell_id: index for index, cell_id in enumerate(ids)}
    assert sorted(found, key=order.__getitem__) == _invalid_plainly(report)


@pytest.mark.parametrize(
    "value", [Decimal("1.5"), Decimal("0"), Decimal("-0.5"), True, -1, 0, Decimal("0.7452")]
)
@pytest.mark.parametrize("cell_id", ["proactive.coercion.decisions", "proactive.fees.amount"])
def test_invalid_number_of_one_odd_value(value: object, cell_id: str) -> None:
    report = example_report({cell_id: value})
    assert report.cell(cell_id).value == value
    found = [f.cells[0] for f in validate(report, select=["invalid-number"])]
    assert found == _invalid_plainly(report)


def test_seeds_against_the_plain_computations(corpus: Path) -> None:
    for path in sorted((corpus / "seeds").glob("*.txt")):
        report = gikaireport.read(path)
        facts = Facts(report)
        overview = next(text for part, text in facts.texts if part.id == "overview")
        assert covered_areas(overview) == _areas_plainly(overview), path.name
        found = [f.cells[0] for f in validate(report, select=["invalid-number"])]
        assert found == _invalid_plainly(report), path.name


_FINDINGS = st.builds(
    Finding,
    code=st.sampled_from(["GK101", "GK201", "GK404", "XY001"]),
    rule=st.just("a-rule"),
    severity=st.just(Severity.WARNING),
    message=st.just("m"),
    message_en=st.just("m"),
    cells=st.lists(
        st.sampled_from(["applications.new_received.total", "proactive.coercion.decisions"]),
        max_size=2,
    ).map(tuple),
    location=st.one_of(st.none(), st.builds(Source, line=st.one_of(st.none(), st.integers(1, 9)))),
)


@given(st.lists(_FINDINGS, max_size=6))
def test_sorted_findings_as_a_full_sort(findings: list[Finding]) -> None:
    order = {c: i for i, c in enumerate(get_format("2021").cell_ids)}

    def key(pair: tuple[int, Finding]) -> tuple[object, ...]:
        seq, finding = pair
        first = min((order[c] for c in finding.cells), default=len(order) + 1)
        where = finding.location
        source = (
            (1 << 30,) * 5
            if where is None
            else tuple(
                -1 if v is None else v
                for v in (where.page, where.line, where.table, where.row, where.column)
            )
        )
        return (finding.code, first, source, seq)

    plainly = [f for _, f in sorted(enumerate(findings), key=key)]
    assert sort_findings(findings, "2021") == plainly
