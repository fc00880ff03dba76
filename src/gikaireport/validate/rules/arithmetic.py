"""Arithmetic rules: the sum relations of the format declaration (GK3xx).

The relations are data (:attr:`FormatSpec.relations`); each rule takes one family of them.
A relation whose cells all hold numbers must hold. A relation with cells that hold no number
is not checked here (``relation-incomplete`` and ``total-missing`` report it) unless the
printed numbers contradict each other whatever the missing ones are: every cell of these
relations is a count, so a total printed smaller than the parts printed beside it is wrong
even when other parts are blank.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from gikaireport.formats import get_format, split_canonical_id
from gikaireport.model import Cell, Report
from gikaireport.validate.describe import cell_label, number
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Evaluation, Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []


@lru_cache(maxsize=512)
def _short_labels(version: str, relation_id: str) -> dict[str, str]:
    """Return labels of a relation's cells that are unambiguous within the relation."""
    spec = get_format(version)
    relation = next(r for r in spec.relations if r.id == relation_id)
    cells = [spec.cell(c) for c in relation.cells]
    if len({c.row.id for c in cells}) == 1:
        return {c.id: c.column.label.text for c in cells}
    if len({c.column.id for c in cells}) == 1:
        return {c.id: cell_label(version, c.id).rpartition(" / ")[0] for c in cells}
    return {c.id: cell_label(version, c.id) for c in cells}


def _value_zh(cell: Cell) -> str:
    return number(cell.value) if cell.value is not None else "（无数字）"


def _value_en(cell: Cell) -> str:
    return number(cell.value) if cell.value is not None else "(no number)"


def _side_zh(cells: tuple[Cell, ...], labels: dict[str, str], version: str, total: str) -> str:
    """Describe a side: ``“label”为4``, ``A 3 + B 1 = 4``, or a sum and its non-zero terms."""
    if len(cells) == 1:
        return f"“{cell_label(version, cells[0].id)}”为{_value_zh(cells[0])}"
    if len(cells) <= 4:
        return " + ".join(f"{labels[c.id]} {_value_zh(c)}" for c in cells) + f" = {total}"
    shown = [f"{labels[c.id]} {_value_zh(c)}" for c in cells if c.value != 0]
    return f"{len(cells)}项之和为{total}" + (f"（非零项：{'，'.join(shown)}）" if shown else "")


def _within_table(cell_id: str) -> str:
    """A cell id without its table: ``row.column``."""
    _, row, column = split_canonical_id(cell_id)
    return f"{row}.{column}"


def _side_en(cells: tuple[Cell, ...], total: str) -> str:
    if len(cells) == 1:
        return f"{cells[0].id} = {_value_en(cells[0])}"
    shown = [
        f"{_within_table(c.id)} {_value_en(c)}" for c in cells if len(cells) <= 4 or c.value != 0
    ]
    return f"{len(cells)} cells add up to {total} ({', '.join(shown) or 'all 0'})"


_MESSAGE = "{relation} 不成立：{left}，而{right}{tail}"
_MESSAGE_EN = "relation {relation_id} does not hold: {left_en}, but {right_en}{tail_en}"


def relation_issue(evaluation: Evaluation, version: str) -> Issue:
    """Make the issue for a relation the printed numbers contradict.

    Its params fill the templates every arithmetic rule declares (``_MESSAGE``).
    """
    relation = evaluation.relation
    labels = _short_labels(version, relation.id)
    ls, rs = number(evaluation.left_sum), number(evaluation.right_sum)
    left_zh = _side_zh(evaluation.left, labels, version, ls)
    right_zh = _side_zh(evaluation.right, labels, version, rs)
    if evaluation.complete:
        gap = number(abs(Decimal(evaluation.left_sum) - Decimal(evaluation.right_sum)))
        tail, tail_en = f"，相差{gap}", f"; difference {gap}"
    else:
        missing = len(evaluation.missing)
        tail = f"；另有{missing}项未填数字，但计数不能为负，无论其为何值两边都不可能相等"
        tail_en = (
            f"; {missing} cells hold no number, but counts cannot be negative, so no numbers "
            "there can make the sides equal"
        )
    return Issue.of(
        cells=tuple(c.id for c in evaluation.cells),
        expected=evaluation.right_sum,
        actual=evaluation.left_sum,
        relation=relation.description,
        left=left_zh,
        right=right_zh,
        tail=tail,
        relation_id=relation.id,
        left_en=_side_en(evaluation.left, ls),
        right_en=_side_en(evaluation.right, rs),
        tail_en=tail_en,
    )


def family_issues(facts: Facts, family: str) -> Iterator[Issue]:
    """Yield an issue for every relation of ``family`` that the printed numbers contradict."""
    version = facts.report.format_version
    for evaluation in facts.unsettled:
        if evaluation.relation.family == family and evaluation.contradiction:
            yield relation_issue(evaluation, version)


_PLAIN = Example("The baseline report, where every relation holds.", lambda: (example_report(),))


@rule(
    "GK301",
    "family-balance",
    "arithmetic",
    Severity.ERROR,
    summary="The 勾稽关系 of part 三 does not hold in a column.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix=(
        "核对第三部分该列：“本年新收”加“上年结转”应等于“（七）总计”加“结转下年度继续办理”；更"
        "正录错的数字。"
    ),
    fix_en=(
        "Recheck that column of part 三: new applications plus carried over must equal （七）"
        "总计 plus carried forward; correct the number entered wrongly."
    ),
    failing=Example(
        "四、结转下年度继续办理 / 自然人 is printed as 0 although 1 application of the year "
        "was neither finished nor counted anywhere; the row total is corrected so that only "
        "the 勾稽关系 fails.",
        lambda: (
            example_report(
                {
                    "applications.carried_forward.natural_person": 0,
                    "applications.carried_forward.total": 0,
                },
                parts={"overview": "本年度新收政府信息公开申请4件，上年结转1件。"},
            ),
        ),
    ),
    passing=_PLAIN,
)
def family_balance(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check the 勾稽关系 of part 三 in every column.

    The table states it above its first column: 第一项加第二项之和，等于第三项加第四项之和, that
    is 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理, for each applicant
    column and for 总计. Every application received or carried over is either finished
    this year or carried forward. ``expected`` is the right side, ``actual`` the left.
    """
    yield from family_issues(facts, "balance")


@rule(
    "GK302",
    "results-total",
    "arithmetic",
    Severity.ERROR,
    summary="（七）总计 of part 三 is not the sum of the result rows in a column.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="将“（七）总计”改为（一）至（六）各项办理结果之和，或更正录错的分项。",
    fix_en=(
        "Print as （七）总计 the sum of the result rows （一） to （六）, or correct the "
        "result entered wrongly."
    ),
    failing=Example(
        "（七）总计 / 自然人 is printed as 4 while the result rows of that column add up to 3.",
        lambda: (
            example_report(
                {
                    "applications.results.total.natural_person": 4,
                    "applications.results.total.total": 5,
                }
            ),
        ),
    ),
    passing=_PLAIN,
)
def results_total(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that （七）总计 is the sum of the result rows, column by column.

    三、本年度办理结果 has 21 result rows in the 2021 format (（一）, （二）, （三）1-8, （四）1-3,
    （五）1-5, （六）1-3; one （六） row in the 2019 format); （七）总计 is their sum, column by
    column. ``actual`` is the printed total, ``expected`` the sum of the rows.
    """
    yield from family_issues(facts, "results_total")


@rule(
    "GK303",
    "row-total",
    "arithmetic",
    Severity.ERROR,
    summary="A row's 总计 in part 三 is not the sum of its six applicant columns.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="将该行“总计”改为自然人与五类法人或其他组织之和，或更正录错的分项。",
    fix_en=(
        "Print as the row's 总计 the sum of 自然人 and the five kinds of 法人或其他组织, or "
        "correct the part entered wrongly."
    ),
    failing=Example(
        "一、本年新收 / 总计 is printed as 0 beside 3 + 1 applications: the printed total "
        "contradicts its row.",
        lambda: (example_report({"applications.new_received.total": 0}),),
    ),
    passing=_PLAIN,
)
def row_total(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that each row's 总计 in part 三 is the sum of its applicant columns.

    Every row of part 三 has six applicant columns (自然人; under 法人或其他组织: 商业企业,
    科研机构, 社会公益组织, 法律服务机构, 其他) and 总计, their sum. The table has no 法人
    subtotal column. ``actual`` is the printed 总计, ``expected`` the sum of the columns.
    """
    yield from family_issues(facts, "row_total")


@rule(
    "GK304",
    "block-total",
    "arithmetic",
    Severity.ERROR,
    summary="A block of part 四 does not add up.",
    message=_MESSAGE,
    message_en=_MESSAGE_EN,
    fix="将该栏“总计”改为结果维持、结果纠正、其他结果、尚未审结四项之和，或更正录错的分项。",
    fix_en=(
        "Print as the block's 总计 the sum of 结果维持, 结果纠正, 其他结果 and 尚未审结, or "
        "correct the part entered wrongly."
    ),
    failing=Example(
        "行政复议 / 总计 is printed as 2 while 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 1.",
        lambda: (example_report({"review_litigation.review.total": 2}),),
    ),
    passing=_PLAIN,
)
def block_total(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that each block of part 四 adds up to its 总计.

    Part 四 has three blocks of five numbers: 行政复议, 行政诉讼·未经复议直接起诉 and
    行政诉讼·复议后起诉. In each, 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    ``actual`` is the printed 总计, ``expected`` the sum of the four.
    """
    yield from family_issues(facts, "block_total")
