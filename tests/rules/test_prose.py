"""Prose rules: precise phrasings are compared, ambiguous ones are left alone."""

from __future__ import annotations

import pytest

from gikaireport.validate import validate
from gikaireport.validate.examples import example_report

# the baseline report: 4 new applications (3 + 1), 1 carried over, 1 carried forward,
# 1 review, no litigation


def _prose(overview: str = "", review: str = "", **cells: int) -> list[str]:
    report = example_report(
        {k.replace("__", "."): v for k, v in cells.items()},
        parts={"overview": overview, "review_litigation": review},
    )
    return [f.code for f in validate(report, select=["prose"])]


@pytest.mark.parametrize(
    "text",
    [
        "2022年，本机关共收到政府信息公开申请4件。",  # new
        "2022年，本机关共受理政府信息公开申请5件。",  # new + carried over
        "本年度共受理政府信息公开申请5件（含上年结转1件）。",
        "全县共收到政府信息公开申请120件。",  # wider scope
        "其中通过网络收到政府信息公开申请1件。",  # a channel, a subset
        "2021年收到政府信息公开申请9件。",  # another year
        "本机关收到政府信息公开申请两件。",  # no digits
        "办理依申请公开0件。",  # not the phrase
        "上年结转政府信息公开申请1件，结转下年度继续办理1件。",
        "结转到2023年办理1件。",
        "结转到2024年办理7件。",  # not the next year: not compared
        "本机关共收到政府信息公开申请 4 件。",
        "本机关共收到政府信息公开申请４件。",
    ],
)
def test_consistent_or_ambiguous_prose_is_silent(text: str) -> None:
    assert _prose(text) == []


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("本机关共收到政府信息公开申请6件。", "GK501"),  # neither 4 nor 5
        ("本机关新收政府信息公开申请5件。", "GK501"),  # 新收 means new only
        ("本机关共受理政府信息公开申请3件。", "GK501"),  # fewer than the new ones
        ("共受理政府信息公开申请4件（含上年结转1件）。", "GK501"),  # must be 5
        ("本机关共收到政府信息公开申请 6 件。", "GK501"),
        ("本机关共收到政府信息公开申请６件。", "GK501"),
        ("上年结转政府信息公开申请3件。", "GK502"),
        ("结转下年度继续办理0件。", "GK503"),
        ("结转到2023年办理2件。", "GK503"),
    ],
)
def test_contradicting_prose_is_reported(text: str, code: str) -> None:
    assert _prose(text) == [code]


def test_received_finding_names_cells_quote_and_location() -> None:
    report = example_report(parts={"overview": "本机关共收到政府信息公开申请6件，均已答复。"})
    (finding,) = validate(report, select=["GK501"])
    assert finding.cells == ("applications.new_received.total", "applications.carried_over.total")
    assert "共收到政府信息公开申请6件" in finding.message
    assert "一、本年新收政府信息公开申请数量 / 总计" in finding.message
    assert finding.actual == 6 and finding.expected == 4
    assert finding.location == report.part("overview").source  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "review",
    [
        "本机关被申请行政复议1件，被提起行政诉讼0件。",
        "本年度行政复议1件，行政诉讼0件。",  # part 四's own text
        "未发生行政复议、行政诉讼案件。",
        "行政复议和行政诉讼案件1件。",  # joined: not compared as litigation
    ],
)
def test_review_and_litigation_consistent_or_ambiguous(review: str) -> None:
    assert _prose(review=review) == []


def test_review_outside_part_four_needs_the_passive() -> None:
    # a government deciding reviews as the reviewing organ is not the respondent
    assert _prose("本年度共办理行政复议案件12件。") == []
    assert _prose("本机关被申请行政复议3件。") == ["GK504"]


def test_litigation_accepts_either_kind_or_both() -> None:
    cells = {
        "review_litigation__litigation_direct__pending": 1,
        "review_litigation__litigation_direct__total": 1,
        "review_litigation__litigation_after_review__upheld": 1,
        "review_litigation__litigation_after_review__total": 1,
    }
    for n in (1, 2):
        assert _prose(review=f"本机关被提起行政诉讼{n}件。", **cells) == []
    assert _prose(review="本机关被提起行政诉讼3件。", **cells) == ["GK505"]


def test_blank_table_cell_is_not_compared() -> None:
    report = example_report(
        {"applications.new_received.total": ""},
        parts={"overview": "本机关共收到政府信息公开申请9件。"},
    )
    assert validate(report, select=["prose"]) == []
