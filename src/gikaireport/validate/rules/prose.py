"""Prose rules: numbers the text quotes against the tables (GK5xx).

Prose is ambiguous, so these rules are narrow on purpose: each looks for one precise
phrasing, and stays silent whenever the sentence could mean something else. The text is
stripped of spaces and its full-width digits folded first (``申请 1 件`` reads as
``申请1件``). A quoted number is not compared when

- its clause names a wider scope (全县, 全市, 各部门, 各乡镇 ...): the figure may cover other
  bodies than the table;
- its clause names a subset (其中, 网上, 信函, 当面 ...): the figure may be one channel;
- its sentence names a year other than the report's year and the next (another year's
  figure);
- the table cell holds no number.

Where a phrase has two readings, the number must fit neither to be reported: 共收到/受理
政府信息公开申请N件 may count new applications or new plus carried-over ones; 行政诉讼N件 may
count either kind of litigation or both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from attrs import frozen

from gikaireport.model import Part, Report, Value
from gikaireport.validate.describe import cell_label, number
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity
from gikaireport.validate.sentences import LAST_CLAUSE_END, after_last, sentence_span

__all__: list[str] = []

_WIDER_SCOPE = re.compile(
    r"全(?:省|市|州|盟|区|县|旗|乡|镇)|各(?:级|部门|单位|乡镇|乡|镇|街道|县|区|市)|全系统|所属|下属|系统内"
)
_SUBSET = re.compile(r"其中|网上|网络|在线|信函|邮寄|当面|现场|传真|电子邮件|电话")
_YEAR = re.compile(r"(\d{4})年")
_INCLUDES_CARRIED = re.compile(r"(?:含|包括)(?:上年度?)?结转")
"""A sentence that says its count includes the applications carried over."""
_CLAUSE_BREAK = re.compile(r"[,，;；:：]")
_UNIT = r"(?:件|个|条|份|宗|起|次)"

RECEIVED = re.compile(
    r"(?P<verb>新收|新受理|收到|受理|接收|接到)(?:了)?(?:各类|各种)?"
    r"(?P<mid>[^,，;；:：。\d]{0,10}?)政府信息公开申请(?:数量|数|总数)?"
    r"(?:共计|共|合计|总计|为|达)*(?P<n>\d+)" + _UNIT
)
CARRIED_OVER = re.compile(
    r"上(?:一)?年度?(?:结转|转结)(?:的)?(?:政府信息公开)?(?:申请)?(?:数量|数)?(?:共|为)*(?P<n>\d+)"
    + _UNIT
)
CARRIED_FORWARD = re.compile(
    r"(?:结转|转结)(?:至|到)?(?:下(?:一)?年度?|(?P<year>\d{4})年度?)(?:继续)?(?:办理|处理)?(?:的)?"
    r"(?:申请)?(?:共|为)*(?P<n>\d+)" + _UNIT
)
REVIEW = re.compile(r"(?P<passive>被(?:申请|提起)?)?行政复议(?:案件)?(?:共|为)*(?P<n>\d+)" + _UNIT)
LITIGATION = re.compile(
    r"(?P<passive>被(?:提起|起诉)?)?(?:提起)?行政诉讼(?:案件)?(?:共|为)*(?P<n>\d+)" + _UNIT
)


@frozen
class Quote:
    """A number quoted in a part's text.

    Attributes:
        part: the part whose text quotes it.
        match: the regex match in the folded text.
        sentence: the sentence it is in.

    """

    part: Part
    match: re.Match[str]
    sentence: str

    @property
    def value(self) -> int:
        """Return the quoted number."""
        return int(self.match["n"])

    @property
    def snippet(self) -> str:
        """Return the quoted phrase (the sentence when it is short)."""
        return self.sentence if len(self.sentence) <= 60 else self.match.group(0)


_WINDOW = 32
"""How far before and after an anchor a pattern's match may reach."""


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """Yield the matches of ``pattern`` near ``starts``, the positions of the anchors
    (literals every match contains) in order.

    Searching only windows around the anchors keeps long texts cheap.
    """
    seen = -1
    for position in starts:
        lo = max(0, position - _WINDOW, seen)
        for match in pattern.finditer(text, lo, position + _WINDOW):
            if match.start() >= seen:
                seen = match.end()
                yield match


def quotes(facts: Facts, pattern: re.Pattern[str], *anchors: str) -> Iterator[Quote]:
    """Yield matches of ``pattern`` in the parts' texts that pass the scope and year checks.

    ``anchors`` are literals every match of ``pattern`` contains; only the texts that have
    one are searched (see :meth:`Facts.finds <gikaireport.validate.facts.Facts.finds>`).
    """
    found = [facts.finds(anchor) for anchor in anchors]
    if not any(found):
        return
    year = facts.report.meta.year
    years = {year, year + 1} if year else set()
    for index in sorted(set().union(*found)):
        part, text = facts.texts[index]
        starts = sorted(chain.from_iterable(positions.get(index, ()) for positions in found))
        for match in _matches(pattern, text, starts):
            start, end = sentence_span(text, match.start(), match.end())
            sentence = text[start:end]
            clause = text[after_last(text, LAST_CLAUSE_END, match.start()) : match.end()]
            if _WIDER_SCOPE.search(clause) or _SUBSET.search(clause):
                continue
            mentioned = {int(y) for y in _YEAR.findall(sentence)}
            if not years or not mentioned <= years:
                continue
            yield Quote(part, match, sentence)


_MESSAGE = "第{number}部分正文称“{snippet}”，但表格中{table}"
_MESSAGE_EN = "the text of part {part} says {quoted!r} ({value}), but the table has {table_en}"


def _issue(
    report: Report, quote: Quote, cells: tuple[str, ...], table: str, table_en: str, expected: Value
) -> Issue:
    title = report.spec.part(quote.part.id)
    return Issue.of(
        cells=cells,
        location=quote.part.source,
        expected=expected,
        actual=quote.value,
        number=title.number,
        snippet=quote.snippet,
        table=table,
        part=quote.part.id,
        quoted=quote.match.group(0),
        value=quote.value,
        table_en=table_en,
    )


def _cell_issue(report: Report, quote: Quote, cell_id: str, expected: Value) -> Issue:
    """The issue of a quote that differs from the one cell ``cell_id`` (printing ``expected``)."""
    label = cell_label(report.format_version, cell_id)
    short = cell_id.partition(".")[2]
    shown = number(expected)
    return _issue(report, quote, (cell_id,), f"“{label}”为{shown}", f"{short} = {shown}", expected)


_PLAIN = Example(
    "The baseline report: its text quotes 4 new applications, 1 carried over, 1 carried "
    "forward, 1 review and no litigation, as its tables say.",
    lambda: (example_report(),),
)

NEW_TOTAL = "applications.new_received.total"
CARRIED_OVER_TOTAL = "applications.carried_over.total"
CARRIED_FORWARD_TOTAL = "applications.carried_forward.total"
REVIEW_TOTAL = "review_litigation.review.total"


@rule(
    "GK501",
    "prose-received",
    "prose",
    Severity.WARNING,
    summary="The text quotes a number of applications received that the table does not have.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix=(
        "使正文中的申请数与第三部分表格一致：更正录错的一方；口径不同时写明（如“新收……件，加"
        "上年结转共……件”）。"
    ),
    fix_en=(
        "Make the number of applications in the text match part 三's table: correct whichever"
        " is wrong, or say which count the text means (new, or new plus carried over)."
    ),
    failing=Example(
        "Part 一 says 共收到政府信息公开申请6件; the table has 4 new and 1 carried over.",
        lambda: (
            example_report(
                parts={"overview": "2022年，本机关共收到政府信息公开申请6件，均已按时答复。"}
            ),
        ),
    ),
    passing=_PLAIN,
)
def prose_received(report: Report, facts: Facts) -> Iterator[Issue]:
    """Compare the applications received that the text quotes with the table.

    Looks for 收到/受理/接收/新收 …政府信息公开申请N件. With 新收 the number must equal
    一、本年新收政府信息公开申请数量 / 总计; with 含上年结转 in the sentence it must equal new
    plus 二、上年结转; otherwise either reading is accepted, and the number is reported only
    when it fits neither (or is smaller than the new applications, which no reading allows).
    """
    new = facts.value(NEW_TOTAL)
    if new is None:
        return
    carried = facts.value(CARRIED_OVER_TOTAL)
    label_new = cell_label(report.format_version, NEW_TOTAL)
    for quote in quotes(facts, RECEIVED, "政府信息公开申请"):
        n = quote.value
        if "新" in quote.match["verb"]:
            fits = n == new
            expected: Value = new
        elif carried is not None and _INCLUDES_CARRIED.search(quote.sentence):
            expected = new + carried
            fits = n == expected
        elif carried is not None:
            expected = new
            fits = n in (new, new + carried)
        else:
            expected = new
            fits = n >= new
        if fits:
            continue
        label_over = cell_label(report.format_version, CARRIED_OVER_TOTAL)
        over = f"，“{label_over}”为{number(carried)}" if carried is not None else ""
        over_en = f" and carried_over.total = {number(carried)}" if carried is not None else ""
        yield _issue(
            report,
            quote,
            (NEW_TOTAL, CARRIED_OVER_TOTAL),
            f"“{label_new}”为{number(new)}{over}",
            f"new_received.total = {number(new)}{over_en}",
            expected,
        )


@rule(
    "GK502",
    "prose-carried-over",
    "prose",
    Severity.WARNING,
    summary="The text quotes a number carried over from last year that the table does not have.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="使正文中的上年结转数与表格“二、上年结转政府信息公开申请数量”一致，更正录错的一方。",
    fix_en=(
        "Make the number carried over in the text match the table's 二、上年结转政府信息公开"
        "申请数量; correct whichever is wrong."
    ),
    failing=Example(
        "Part 一 says 上年结转政府信息公开申请3件; the table has 1.",
        lambda: (
            example_report(
                parts={
                    "overview": "2022年，本机关共收到政府信息公开申请4件，"
                    "上年结转政府信息公开申请3件。"
                }
            ),
        ),
    ),
    passing=_PLAIN,
)
def prose_carried_over(report: Report, facts: Facts) -> Iterator[Issue]:
    """Compare the applications carried over that the text quotes with the table.

    Looks for 上年结转…N件 and compares it with 二、上年结转政府信息公开申请数量 / 总计.
    """
    expected = facts.value(CARRIED_OVER_TOTAL)
    if expected is None:
        return
    for quote in quotes(facts, CARRIED_OVER, "结转", "转结"):
        if quote.value != expected:
            yield _cell_issue(report, quote, CARRIED_OVER_TOTAL, expected)


@rule(
    "GK503",
    "prose-carried-forward",
    "prose",
    Severity.WARNING,
    summary="The text quotes a number carried forward that the table does not have.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="使正文中的结转下年度数与表格“四、结转下年度继续办理”一致，更正录错的一方。",
    fix_en=(
        "Make the number carried forward in the text match the table's "
        "四、结转下年度继续办理; correct whichever is wrong."
    ),
    failing=Example(
        "Part 一 says 结转下年度继续办理0件; the table carries 1 forward.",
        lambda: (
            example_report(
                parts={
                    "overview": "2022年，本机关共收到政府信息公开申请4件，结转下年度继续办理0件。"
                }
            ),
        ),
    ),
    passing=_PLAIN,
)
def prose_carried_forward(report: Report, facts: Facts) -> Iterator[Issue]:
    """Compare the applications carried forward that the text quotes with the table.

    Looks for 结转下年度(继续办理)N件 and 结转到<next year>年(办理)N件 and compares it with
    四、结转下年度继续办理 / 总计. A year other than the next one is not compared.
    """
    expected = facts.value(CARRIED_FORWARD_TOTAL)
    if expected is None:
        return
    for quote in quotes(facts, CARRIED_FORWARD, "结转", "转结"):
        year = quote.match["year"]
        if year is not None and (report.meta.year is None or int(year) != report.meta.year + 1):
            continue
        if quote.value != expected:
            yield _cell_issue(report, quote, CARRIED_FORWARD_TOTAL, expected)


def _respondent(quote: Quote, other: str) -> bool:
    """Tell whether the quote counts cases against the reporting body.

    That is: a passive 被 before the keyword, or the text of part 四, and no other keyword
    joined to it in the same clause (行政复议和行政诉讼N件).
    """
    if not (quote.match["passive"] or quote.part.id == "review_litigation"):
        return False
    before = quote.sentence[: max(0, quote.sentence.find(quote.match.group(0)))]
    clause = _CLAUSE_BREAK.split(before)[-1]
    return other not in clause


@rule(
    "GK504",
    "prose-review",
    "prose",
    Severity.WARNING,
    summary="The text quotes a number of administrative reviews that the table does not have.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="使正文中的行政复议件数与第四部分表格“行政复议 / 总计”一致，更正录错的一方。",
    fix_en=(
        "Make the number of administrative reviews in the text match part 四's 行政复议 总计;"
        " correct whichever is wrong."
    ),
    failing=Example(
        "Part 四 says 被申请行政复议2件; the table has 1.",
        lambda: (
            example_report(
                parts={"review_litigation": "2022年，本机关被申请行政复议2件，被提起行政诉讼0件。"}
            ),
        ),
    ),
    passing=_PLAIN,
)
def prose_review(report: Report, facts: Facts) -> Iterator[Issue]:
    """Compare the administrative reviews that the text quotes with the table.

    Looks for 被申请行政复议N件 (or 行政复议N件 in the text of part 四) and compares it with
    行政复议 / 总计. Without 被 outside part 四 the sentence may count reviews the body
    decided as the reviewing organ, and is not compared.
    """
    expected = facts.value(REVIEW_TOTAL)
    if expected is None:
        return
    for quote in quotes(facts, REVIEW, "行政复议"):
        if _respondent(quote, "诉讼") and quote.value != expected:
            yield _cell_issue(report, quote, REVIEW_TOTAL, expected)


@rule(
    "GK505",
    "prose-litigation",
    "prose",
    Severity.WARNING,
    summary="The text quotes a number of lawsuits that the table does not have.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="使正文中的行政诉讼件数与第四部分表格两栏行政诉讼“总计”之和一致，更正录错的一方。",
    fix_en=(
        "Make the number of lawsuits in the text match the two 行政诉讼 总计 cells of part "
        "四; correct whichever is wrong."
    ),
    failing=Example(
        "Part 四 says 被提起行政诉讼1件; the table has none.",
        lambda: (
            example_report(
                parts={"review_litigation": "2022年，本机关被申请行政复议1件，被提起行政诉讼1件。"}
            ),
        ),
    ),
    passing=_PLAIN,
)
def prose_litigation(report: Report, facts: Facts) -> Iterator[Issue]:
    """Compare the lawsuits that the text quotes with the table.

    Looks for 被提起行政诉讼N件 (or 行政诉讼N件 in the text of part 四). The number is accepted
    when it equals 行政诉讼·未经复议直接起诉 / 总计, 行政诉讼·复议后起诉 / 总计, or their sum.
    """
    direct_id = "review_litigation.litigation_direct.total"
    after_id = "review_litigation.litigation_after_review.total"
    direct, after = facts.value(direct_id), facts.value(after_id)
    if direct is None or after is None:
        return
    version = report.format_version
    for quote in quotes(facts, LITIGATION, "行政诉讼"):
        if _respondent(quote, "复议") and quote.value not in (direct, after, direct + after):
            yield _issue(
                report,
                quote,
                (direct_id, after_id),
                f"“{cell_label(version, direct_id)}”为{number(direct)}，"
                f"“{cell_label(version, after_id)}”为{number(after)}",
                f"litigation_direct.total = {number(direct)}, "
                f"litigation_after_review.total = {number(after)}",
                direct + after,
            )
