"""Fee rules: 信息处理费 in part 六 (GK7xx).

The 政府信息公开信息处理费管理办法 (国办函〔2020〕109号, in force 1 January 2021) lets a body
charge applicants for excessive requests; the 2021 format asks part 六 to report whether it
did. 信息处理费 is not a 行政事业性收费 (the fees of part 二, 第二十条第（八）项).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from gikaireport.model import Report
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity
from gikaireport.validate.sentences import sentences_with

__all__: list[str] = []

_FEE_WORD = re.compile(r"处理费|(?:收费|收取|费用)")
_ABOUT_DISCLOSURE = re.compile(r"申请|信息公开")
_NEGATION = re.compile(r"不|非|未|无|没")
_ASSERTION = re.compile(r"属于|是|为|作为|列入|纳入|计入|归入|含|包括|包含|其中")


def _sentences(facts: Facts, word: str) -> Iterator[tuple[str, str]]:
    """Yield ``(part id, sentence)`` for the sentences that have ``word``, in order."""
    for part, text in facts.texts:
        if word in text:
            for sentence in sentences_with(text, word):
                yield part.id, sentence


def states_fee(sentence: str) -> bool:
    """Tell whether a sentence says something about fees for disclosure requests."""
    if "处理费" in sentence:
        return True
    return (
        _FEE_WORD.search(sentence) is not None
        and _ABOUT_DISCLOSURE.search(sentence) is not None
        and "行政事业性收费" not in sentence
    )


@rule(
    "GK701",
    "fee-statement-missing",
    "fees",
    Severity.WARNING,
    summary="The report does not say whether 信息处理费 was charged.",
    message=(
        "未说明本年度是否收取信息处理费：第六部分“其他需要报告的事项”应报告信息处理费的收取情况"
        "（未收取的也应说明）"
    ),
    message_en=(
        "the report does not say whether information processing fees (信息处理费) were "
        "charged; part 六 should say so, also when none were"
    ),
    fix=(
        "在第六部分写明信息处理费的收取情况，如“本机关2023年度未收取信息处理费”，收取的写明件"
        "数和金额。"
    ),
    fix_en=(
        "Say in part 六 whether 信息处理费 was charged, for example 本机关2023年度未收取信息"
        "处理费, or how many charges and how much."
    ),
    failing=Example(
        "Part 六 says only 无.",
        lambda: (example_report(parts={"other": "无。"}),),
    ),
    passing=Example(
        "Part 六 says 本机关2022年度未收取信息处理费.",
        lambda: (example_report(),),
    ),
)
def fee_statement_missing(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that the report says whether 信息处理费 was charged.

    The 2021 format asks part 六 (其他需要报告的事项) to report the 信息处理费 charged under
    the 政府信息公开信息处理费管理办法, including that none was. Any sentence of the report
    about 处理费, or about charging (收费, 收取…费用) for applications or disclosure, counts
    as the statement. Reports in the 2019 format (2019 and 2020) are not checked: the measures
    took effect in 2021.
    """
    if report.format_version != "2021":
        return
    if any("处理费" in text for _, text in facts.texts):
        return
    if any(
        states_fee(sentence)
        for word in ("收费", "收取", "费用")
        for _, sentence in _sentences(facts, word)
    ):
        return
    part = report.part("other")
    yield Issue.of(location=part.source if part else None)


@rule(
    "GK702",
    "fee-misclassified",
    "fees",
    Severity.WARNING,
    summary="The text describes 信息处理费 as a 行政事业性收费.",
    message=("正文称“{sentence}”：信息处理费不属于行政事业性收费"),
    message_en=("the text describes 信息处理费 as 行政事业性收费 ({sentence!r}); it is not one"),
    fix=(
        "删去把信息处理费称为行政事业性收费的表述；信息处理费在第六部分单独报告，不计入第二部"
        "分“行政事业性收费”。"
    ),
    fix_en=(
        "Drop the words that make 信息处理费 a 行政事业性收费; report it in part 六 on its "
        "own and keep it out of part 二's 行政事业性收费 row."
    ),
    failing=Example(
        "Part 六 calls 信息处理费 a 行政事业性收费.",
        lambda: (
            example_report(
                parts={"other": "本机关收取的信息处理费属于行政事业性收费，本年度共收取0.05万元。"}
            ),
        ),
    ),
    passing=Example(
        "Part 六 says 信息处理费不属于行政事业性收费.",
        lambda: (
            example_report(
                parts={"other": "信息处理费不属于行政事业性收费。本机关2022年度未收取信息处理费。"}
            ),
        ),
    ),
)
def fee_misclassified(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that 信息处理费 is not described as a 行政事业性收费.

    信息处理费 is not a 行政事业性收费 (国办函〔2020〕109号); counting it in part 二's
    行政事业性收费 row, or calling it one, misstates both. Reported when a sentence names both
    and joins them with 属于, 是, 列入, 含, 包括 … without a negation (不, 非, 未 …) between them.
    """
    for part_id, sentence in _sentences(facts, "信息处理费"):
        if "行政事业性收费" not in sentence:
            continue
        a, b = sentence.find("信息处理费"), sentence.find("行政事业性收费")
        between = sentence[min(a, b) : max(a, b)]
        if _NEGATION.search(between) or not _ASSERTION.search(between):
            continue
        part = report.part(part_id)
        yield Issue.of(location=part.source if part else None, sentence=sentence[:60])
