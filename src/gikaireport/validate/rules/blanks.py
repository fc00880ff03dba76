"""Cell rules: what a cell holds, and sums that blanks leave unchecked (GK4xx).

A printed cell is a number, blank, a dash (not applicable) or text; a cell the document does
not contain is absent. None of these is ever read as 0 (FORMAT.md section 5). These rules
say where numbers are missing, what that leaves unchecked, and which numbers are not of the
kind the declaration gives their column (:class:`~gikaireport.formats.Kind`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from gikaireport.formats import Kind
from gikaireport.model import CellStatus, DeviationKind, Report, Value
from gikaireport.validate.describe import cell_label, cell_state, cell_state_en, number
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Evaluation, Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

_PLAIN = Example("The baseline report, with a number in every cell.", lambda: (example_report(),))
_NO_NUMBER = (CellStatus.BLANK, CellStatus.NOT_APPLICABLE)


def _is_total_missing(left_status: CellStatus, has_right_number: bool, single: bool) -> bool:
    return single and left_status in _NO_NUMBER and has_right_number


@rule(
    "GK401",
    "cell-unreadable",
    "blanks",
    Severity.WARNING,
    summary="A cell holds text that is not a number.",
    message="“{label}”印作“{raw}”，不是数字",
    message_en="{cell} is printed {raw!r}, which is not a number",
    fix="单元格中只填数字；说明文字（如“其中修订16件”）写在表格之外。",
    fix_en=(
        "Print only the number in the cell; put explanations (such as 其中修订16件) outside "
        "the table."
    ),
    failing=Example(
        "行政处罚 / 本年处理决定数量 is printed as 见附表.",
        lambda: (example_report({"proactive.punishment.decisions": "见附表"}),),
    ),
    passing=_PLAIN,
)
def cell_unreadable(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out cells whose text is not a number.

    Counts are integers, the fee a decimal; units (件, 万元), thousands separators,
    full-width digits and a trailing annotation in brackets are understood. Anything else
    (见附表, 若干, two numbers run together) cannot be read as a number and is left out of
    every sum.
    """
    known = facts
    if known.complete or not known.count(CellStatus.UNREADABLE):
        return
    version = report.format_version
    ids = known.plan.ids
    for position, status in enumerate(known.statuses):
        if status is CellStatus.UNREADABLE:
            cell = report.cell(ids[position])
            yield Issue.of(
                cells=(cell.id,), label=cell_label(version, cell.id), raw=cell.raw, cell=cell.id
            )


def cut_cells(report: Report) -> set[str]:
    """The cells of a cut-off document's end (reported once, by ``document-truncated``)."""
    return {
        c for d in report.deviations if d.kind == DeviationKind.DOCUMENT_TRUNCATED for c in d.cells
    }


@rule(
    "GK402",
    "relation-incomplete",
    "blanks",
    Severity.WARNING,
    summary="A sum of the format cannot be checked because some of its cells hold no number.",
    message="无法核对“{relation}”：{shown}{more}，没有数字",
    message_en="relation {relation_id} cannot be checked: {shown_en}{more_en}",
    fix="在空白单元格中填入数值（没有的填0），使表内的合计关系可以核对。",
    fix_en=(
        "Fill the blank cells (0 where nothing happened) so that the table's sums can be checked."
    ),
    failing=Example(
        "二、上年结转 / 自然人 is left blank, so the 勾稽关系 of that column and the row's "
        "总计 cannot be checked.",
        lambda: (example_report({"applications.carried_over.natural_person": ""}),),
    ),
    passing=_PLAIN,
)
def relation_incomplete(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out sums that cannot be checked for want of numbers.

    A blank, a dash, unreadable text or an absent cell is not 0: a relation that involves
    one is reported here instead of being checked, naming the cells that hold no number
    (they come first in ``cells``). Not reported here: a relation whose only gaps are the
    cells of a cut-off document (``document-truncated``), a relation whose printed numbers
    already contradict each other (an ERROR of its family rule), one whose only gap is its
    total (``total-missing``), and one without any number at all (``table-without-numbers``,
    ``row-blank`` and the structure rules cover those).
    """
    version = report.format_version
    cut = cut_cells(report)
    for evaluation in facts.unsettled:
        if evaluation.complete or evaluation.contradiction or not evaluation.has_numbers:
            continue
        if cut and all(c.id in cut for c in evaluation.missing):
            continue  # the cut is reported once, by document-truncated
        left = evaluation.left
        has_right_number = any(c.status is CellStatus.NUMBER for c in evaluation.right)
        if _is_total_missing(left[0].status, has_right_number, len(left) == 1):
            continue
        missing = evaluation.missing
        shown = "，".join(f"“{cell_label(version, c.id)}”{cell_state(c)}" for c in missing[:3])
        more = f"等{len(missing)}项" if len(missing) > 3 else ""
        shown_en = ", ".join(f"{c.id} {cell_state_en(c)}" for c in missing[:3])
        more_en = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        missing_ids = [c.id for c in missing]
        others = [c.id for c in evaluation.cells if c.status is CellStatus.NUMBER]
        yield Issue.of(
            cells=(*missing_ids, *others),
            relation=evaluation.relation.description,
            shown=shown,
            more=more,
            relation_id=evaluation.relation.id,
            shown_en=shown_en,
            more_en=more_en,
        )


@rule(
    "GK403",
    "total-missing",
    "blanks",
    Severity.WARNING,
    summary="A total is blank or a dash while the numbers it sums are printed.",
    message="“{label}”{state}，未填合计{hint}（{relations}）",
    message_en="total {cell} is {state_en} while its parts are printed{hint_en}",
    fix="在总计单元格中填入各分项之和，不要留空或填“—”。",
    fix_en="Print the sum of the parts in the total cell instead of a blank or a dash.",
    failing=Example(
        "（七）总计 / 总计 is left blank while the results are printed.",
        lambda: (example_report({"applications.results.total.total": ""}),),
    ),
    passing=_PLAIN,
)
def total_missing(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out totals left blank beside printed parts.

    总计 cells (a row's 总计 in part 三, （七）总计, a block's 总计 in part 四) are part of
    the report, not a convenience: the reader of the document needs them, and a blank total
    leaves the relation unchecked. One finding per total cell (（七）总计 / 总计 is the total of
    its row and of its column); ``expected`` is the sum of the parts when they are all
    printed and every sum gives the same number.
    """
    version = report.format_version
    by_total: dict[str, list[Evaluation]] = {}
    cut = cut_cells(report)
    for evaluation in facts.unsettled:
        left = evaluation.left
        if len(left) != 1 or evaluation.contradiction or left[0].id in cut:
            continue
        has_right_number = any(c.status is CellStatus.NUMBER for c in evaluation.right)
        if _is_total_missing(left[0].status, has_right_number, True):
            by_total.setdefault(left[0].id, []).append(evaluation)
    for total_id, group in by_total.items():
        total = group[0].left[0]
        sums = {e.right_sum for e in group if all(c.status is CellStatus.NUMBER for c in e.right)}
        expected = sums.pop() if len(sums) == 1 else None
        hint = f"，按各项应为{number(expected)}" if expected is not None else ""
        hint_en = f"; its parts add up to {number(expected)}" if expected is not None else ""
        relations = "；".join(e.relation.description for e in group)
        cells = [total_id]
        for evaluation in group:
            cells.extend(c.id for c in evaluation.right if c.id not in cells)
        yield Issue.of(
            cells=tuple(cells),
            expected=expected,
            label=cell_label(version, total_id),
            state=cell_state(total),
            hint=hint,
            relations=relations,
            cell=total_id,
            state_en=cell_state_en(total),
            hint_en=hint_en,
        )


@rule(
    "GK404",
    "invalid-number",
    "blanks",
    Severity.ERROR,
    summary="A number is not of the kind its column holds.",
    message="“{label}”为{value}，应为{what}",
    message_en="{cell} is {value}; the column holds {what_en}",
    fix=(
        "件数填非负整数，收费金额填以万元为单位的非负数（可带小数）；不要填负数、带小数的件数"
        "或正负号。"
    ),
    fix_en=(
        "Print counts as whole numbers of 0 or more and the fee as an amount in 万元 of 0 or "
        "more (decimals allowed); no negative numbers, fractional counts or signs."
    ),
    failing=Example(
        "行政强制 / 本年处理决定数量 is printed as -4.",
        lambda: (example_report({"proactive.coercion.decisions": -4}),),
    ),
    passing=_PLAIN,
)
def invalid_number(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that every number is of its column's kind.

    The declaration gives every column a kind: counts are non-negative integers, amounts
    (the fee in 万元) non-negative decimals, and only the 2019 format's 本年增/减 may be
    negative. A negative count or fee cannot be right.
    """
    known = facts
    if _all_counts_and_amounts_valid(known.plan.kinds, known.values):
        return
    version = report.format_version
    for kind, (indices, getter) in known.plan.kinds.items():
        if _all_valid(kind, getter(known.values)):
            continue
        for index in indices:
            value = known.values[index]
            if value is None or _all_valid(kind, (value,)):
                continue
            cell_id = known.plan.ids[index]
            what, what_en = _KIND_WORDS[kind]
            yield Issue.of(
                cells=(cell_id,),
                actual=value,
                label=cell_label(version, cell_id),
                value=number(value),
                what=what,
                cell=cell_id,
                what_en=what_en,
            )


_KIND_WORDS = {
    Kind.COUNT: ("非负整数", "a non-negative integer"),
    Kind.DECIMAL: ("非负数", "a non-negative amount"),
    Kind.SIGNED: ("整数", "an integer"),
}
_TYPES: dict[Kind, frozenset[type]] = {
    Kind.COUNT: frozenset({int, type(None)}),
    Kind.DECIMAL: frozenset({int, Decimal, type(None)}),
    Kind.SIGNED: frozenset({int, type(None)}),
}
"""The types of value each kind accepts (``None``: a cell without a number)."""


def _all_counts_and_amounts_valid(
    kinds: Mapping[Kind, tuple[tuple[int, ...], object]], values: list[Value | None]
) -> bool:
    """Tell whether every number of a report whose cells are counts and amounts only (the
    2021 format) is valid: the amounts' own types, then the types of every other value and
    the least number of all, in two passes in C over the report instead of two per kind.
    """
    if not kinds.keys() <= {Kind.COUNT, Kind.DECIMAL}:
        return False
    counts = values.copy()
    for index in kinds[Kind.DECIMAL][0] if Kind.DECIMAL in kinds else ():
        if type(counts[index]) not in _TYPES[Kind.DECIMAL]:
            return False
        counts[index] = None
    if not set(map(type, counts)) <= _TYPES[Kind.COUNT]:
        return False
    return min(filter(None, values), default=0) >= 0  # type: ignore[type-var,operator]


def _all_valid(kind: Kind, values: Sequence[Value | None]) -> bool:
    """Tell whether every number among ``values`` is of ``kind``: two passes in C, over
    the types and over the numbers that are not 0 (the least of them), and none in Python.
    """
    if not set(map(type, values)) <= _TYPES[kind]:
        return False
    return kind is Kind.SIGNED or min(filter(None, values), default=0) >= 0  # type: ignore[type-var,operator]


@rule(
    "GK405",
    "table-without-numbers",
    "blanks",
    Severity.WARNING,
    summary="A table is printed without a single number.",
    message="“{title}”的表格未填任何数字（空白或“/”），其中数值均无法读取和核对",
    message_en="the {table} table holds no number at all (blank or dashes)",
    fix="在表格中填入各项数值（没有的填0），不要发布空表。",
    fix_en="Print the table's numbers (0 where nothing happened); do not publish an empty table.",
    failing=Example(
        "Part 四's table is printed with every cell blank.",
        lambda: (
            example_report(
                {c: "" for c in example_report().cells() if c.startswith("review_litigation.")}
            ),
        ),
    ),
    passing=_PLAIN,
)
def table_without_numbers(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out tables printed without a single number.

    The table's frame is there but every cell is blank, a dash or text: nothing of it can be
    read or checked. Many bodies with nothing to report leave the cells empty; the format
    asks for 0.
    """
    if facts.complete:
        return
    for table in report.spec.tables:
        printed = facts.table_statuses[table.id]
        statuses = set(printed)
        if CellStatus.NUMBER in statuses or statuses == {CellStatus.ABSENT}:
            continue
        title = report.spec.part(table.id).title.text
        ids = tuple(
            cell_id
            for cell_id, status in zip(table.cell_ids, printed, strict=True)
            if status is not CellStatus.ABSENT
        )
        yield Issue.of(cells=ids, title=title, table=table.id)


@rule(
    "GK406",
    "row-blank",
    "blanks",
    Severity.INFO,
    summary="A row of a table that has numbers is printed with every cell blank.",
    message="“{label}”一行未填数字（全部空白），数值未知，不等于0",
    message_en="row {row} is blank in every column; its numbers are unknown",
    fix="该行没有发生的情形填0，不要整行留空。",
    fix_en=(
        "Print 0 in the row's cells where nothing happened instead of leaving the whole row blank."
    ),
    failing=Example(
        "The row 3.其他 under （六）其他处理 is printed with every cell blank.",
        lambda: (
            example_report(
                {
                    c: ""
                    for c in example_report().cells()
                    if c.startswith("applications.results.other.other.")
                }
            ),
        ),
    ),
    passing=_PLAIN,
)
def row_blank(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out blank rows in tables that have numbers.

    A blank row is not a row of zeros: its numbers are unknown. (A row of dashes says "not
    applicable" and is not reported; a table without any number is reported once by
    ``table-without-numbers``.) Part 四 counts as three rows, one per block.
    """
    known = facts
    if known.complete or not known.count(CellStatus.BLANK):
        return
    version = report.format_version
    statuses = known.statuses
    with_numbers = {
        table_id
        for table_id, printed in known.table_statuses.items()
        if CellStatus.NUMBER in printed
    }
    for table_id, row_id, indices in known.plan.rows:
        if table_id not in with_numbers:
            continue
        if all(statuses[i] is CellStatus.BLANK for i in indices):
            ids = tuple(known.plan.ids[i] for i in indices)
            label = cell_label(version, ids[0]).rpartition(" / ")[0]
            yield Issue.of(cells=ids, label=label, row=f"{table_id}.{row_id}")
