"""Fee rules (GK701-GK702): the statement on 信息处理费 and its classification."""

from __future__ import annotations

import pytest

from gikaireport.validate import validate
from gikaireport.validate.examples import example_report


@pytest.mark.parametrize(
    "other",
    [
        "本机关2022年度未收取信息处理费。",
        "本年度未向申请人收取任何费用。",
        "本机关没有收取政府信息公开处理费。",
    ],
)
def test_fee_statement_found(other: str) -> None:
    assert validate(example_report(parts={"other": other}), select=["fees"]) == []


def test_fee_statement_missing_only_for_the_2021_format() -> None:
    assert validate(example_report(parts={"other": "无。"}), select=["GK701"])
    assert validate(example_report(version="2019", parts={"other": "无。"}), select=["GK701"]) == []
    # a sentence on 行政事业性收费 is not a statement on 信息处理费
    no = example_report(parts={"other": "行政事业性收费0.52万元。"})
    assert validate(no, select=["GK701"])


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("信息处理费属于行政事业性收费。", True),
        ("本年度行政事业性收费含信息处理费0.1万元。", True),
        ("信息处理费不属于行政事业性收费，本年度未收取信息处理费。", False),
        ("行政事业性收费（不含信息处理费）0.52万元，未收取信息处理费。", False),
    ],
)
def test_fee_misclassified(text: str, reported: bool) -> None:
    findings = validate(example_report(parts={"other": text}), select=["GK702"])
    assert bool(findings) is reported
