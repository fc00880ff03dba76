"""Checks across reports (GK9xx): consecutive years, and a summary against its units.

:func:`validate_series` compares each report with the report of the year before;
:func:`validate_summary` compares a summary with the sum of its units. Findings point into
the later report (or the summary) and name the other reports in ``related`` and in their
messages.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from gikaireport.formats import canonical_id
from gikaireport.model import CellStatus, Report, Value
from gikaireport.validate.describe import cell_label, number, report_name
from gikaireport.validate.engine import (
    Example,
    Rule,
    at_least,
    crash_reported,
    minimum_severity,
    rule,
    run_rules,
    select_rules,
)
from gikaireport.validate.examples import CellInput, baseline_values, example_report
from gikaireport.validate.finding import Finding, Issue, Severity

__all__ = ["validate_series", "validate_summary"]


def _number(report: Report, cell_id: str) -> Value | None:
    try:
        cell = report.cell(cell_id)
    except KeyError:
        return None
    return cell.value if cell.status is CellStatus.NUMBER else None


def _named(report: Report) -> str:
    year = f"{report.meta.year}年度" if report.meta.year is not None else "年度未知"
    return f"{report_name(report)}（{year}）"


def _next_year(changes: dict[str, CellInput] | None = None) -> Report:
    return example_report(
        {"proactive.normative_documents.in_force": 16, **(changes or {})}, year=2023
    )


_SERIES_PASSING = Example(
    "The baseline 2022 report and a 2023 report that carries over the 1 application carried "
    "forward and has 15 + 2 − 1 = 16 行政规范性文件 in force.",
    lambda: (example_report(), _next_year()),
)


@rule(
    "GK901",
    "carried-over-continuity",
    "across",
    Severity.ERROR,
    summary="This year's carried-over applications differ from last year's carried forward.",
    message=("“{label}”为{over}，但上一年度报告{previous}的“{previous_label}”为{forward}"),
    message_en=(
        "{cell} is {over}, but the previous year's report ({previous_en}) has "
        "{previous_cell} = {forward}"
    ),
    fix=(
        "本年“上年结转”应等于上一年度报告的“结转下年度继续办理”；核对两年的报告并更正录错的一"
        "方，确有差异的在正文中说明原因。"
    ),
    fix_en=(
        "This year's carried over must equal last year's carried forward: check both reports "
        "and correct the wrong one, or explain a real difference in the text."
    ),
    scope="series",
    failing=Example(
        "2022 carries 1 application of a natural person forward; the 2023 report says 2 were "
        "carried over.",
        lambda: (
            example_report(),
            example_report(
                {
                    "proactive.normative_documents.in_force": 16,
                    "applications.carried_over.natural_person": 2,
                    "applications.carried_over.total": 2,
                    "applications.new_received.natural_person": 2,
                    "applications.new_received.total": 3,
                },
                year=2023,
                parts={"overview": "2023年，本机关新收政府信息公开申请3件，上年结转2件。"},
            ),
        ),
    ),
    passing=_SERIES_PASSING,
)
def carried_over_continuity(previous: Report, current: Report) -> Iterator[Issue]:
    """Check that carried-over applications match last year's carried forward.

    What one year's report carries forward (四、结转下年度继续办理) is what the next year's
    report carries over (二、上年结转政府信息公开申请数量), column by column. A difference
    means one of the two reports is wrong, or applications were lost or double counted
    between the years.
    """
    version = current.format_version
    for column in current.spec.table("applications").row("carried_over").columns:
        over_id = canonical_id("applications", "carried_over", column.id)
        forward_id = canonical_id("applications", "carried_forward", column.id)
        over, forward = _number(current, over_id), _number(previous, forward_id)
        if over is None or forward is None or over == forward:
            continue
        yield Issue.of(
            cells=(over_id,),
            expected=forward,
            actual=over,
            related=(report_name(previous),),
            label=cell_label(version, over_id),
            over=number(over),
            previous=_named(previous),
            previous_label=cell_label(previous.format_version, forward_id),
            forward=number(forward),
            cell=over_id,
            previous_en=report_name(previous),
            previous_cell=forward_id,
        )


@rule(
    "GK902",
    "in-force-continuity",
    "across",
    Severity.WARNING,
    summary="The documents in force do not follow from last year's and this year's changes.",
    message=(
        "“{label}”为{now}，但上一年度报告{previous}的现行有效件数{before} + 本年制发件数{issued}"
        " − 本年废止件数{repealed} = {expected_shown}"
    ),
    message_en=(
        "{cell} is {now}, but last year's {before} + issued {issued} - repealed {repealed} = "
        "{expected_shown} ({previous_en})"
    ),
    fix=(
        "核对“现行有效件数”：应为上年现行有效件数加本年制发件数减本年废止件数；有集中清理或统"
        "计口径变化的在正文中说明。"
    ),
    fix_en=(
        "Recheck 现行有效件数: last year's number in force plus this year's issued minus "
        "repealed; explain a clean-up or a change of count in the text."
    ),
    scope="series",
    failing=Example(
        "15 行政规范性文件 in force at the end of 2022, 2 issued and 1 repealed in 2023, but "
        "20 in force at the end of 2023.",
        lambda: (example_report(), _next_year({"proactive.normative_documents.in_force": 20})),
    ),
    passing=_SERIES_PASSING,
)
def in_force_continuity(previous: Report, current: Report) -> Iterator[Issue]:
    """Check that the documents in force follow from last year's count.

    For 规章 and 行政规范性文件: 现行有效件数 = last year's 现行有效件数 + 本年制发件数 −
    本年废止件数. This is a warning, not an error: documents that expire without being
    repealed, and corrections of last year's count, also change the number. Both reports
    must be in the 2021 format (the 2019 format counts something else).
    """
    if current.format_version != "2021" or previous.format_version != "2021":
        return
    version = current.format_version
    for row in ("regulations", "normative_documents"):
        ids = [canonical_id("proactive", row, c) for c in ("in_force", "issued", "repealed")]
        now, issued, repealed = (_number(current, c) for c in ids)
        before = _number(previous, ids[0])
        if now is None or issued is None or repealed is None or before is None:
            continue
        expected = before + issued - repealed
        if now == expected:
            continue
        yield Issue.of(
            cells=tuple(ids),
            expected=expected,
            actual=now,
            related=(report_name(previous),),
            label=cell_label(version, ids[0]),
            now=number(now),
            previous=_named(previous),
            before=number(before),
            issued=number(issued),
            repealed=number(repealed),
            expected_shown=number(expected),
            cell=ids[0],
            previous_en=report_name(previous),
        )


def _summary_of(units: Sequence[Report], changes: dict[str, int] | None = None) -> Report:
    values: dict[str, CellInput] = {}
    base = [baseline_values(unit.format_version) for unit in units]
    for cell_id in base[0]:
        total: int | Decimal = 0
        for values_of_unit in base:
            total += values_of_unit[cell_id]
        values[cell_id] = total
    values.update(changes or {})
    return example_report(
        values,
        meta={
            "title": "示例县2022年政府信息公开工作年度报告",
            "agency": "示例县",
            "signed_by": "示例县人民政府办公室",
        },
        parts={"overview": "2022年，全县共收到政府信息公开申请8件。"},
        path="示例县2022.txt",
    )


def _units() -> tuple[Report, Report]:
    return (
        example_report(),
        example_report(
            meta={
                "title": "示例县教育局2022年政府信息公开工作年度报告",
                "agency": "示例县教育局",
                "signed_by": "示例县教育局",
            },
            path="示例县教育局2022.txt",
        ),
    )


@rule(
    "GK903",
    "summary-sum",
    "across",
    Severity.ERROR,
    summary="A regional summary's cell is not the sum of its units' cells.",
    message=("汇总报告的“{label}”为{value}，但{count}份下属报告之和为{total}"),
    message_en=("{cell} of the summary is {value}, but the {count} unit reports add up to {total}"),
    fix=(
        "使汇总报告的数值等于所辖各单位报告之和：核对汇总范围，更正录错的数字，或说明未纳入汇"
        "总的单位。"
    ),
    fix_en=(
        "Make the summary's number the sum of its units' reports: check which units it "
        "covers, correct the wrong number, or name the units left out."
    ),
    scope="summary",
    failing=Example(
        "A county's summary of two bureaus prints 5 new applications of natural persons where "
        "the bureaus report 3 each.",
        lambda: (
            _summary_of(
                _units(),
                {
                    "applications.new_received.natural_person": 5,
                    "applications.new_received.total": 7,
                },
            ),
            *_units(),
        ),
    ),
    passing=Example(
        "A county's summary whose every cell is the sum of its two bureaus' cells.",
        lambda: (_summary_of(_units()), *_units()),
    ),
)
def summary_sum(summary: Report, units: Sequence[Report]) -> Iterator[Issue]:
    """Check that a regional summary is the sum of its units.

    A government's report on its whole region adds up the reports of the bodies it covers.
    Each cell where the summary and every unit print a number is compared with the units'
    sum; cells where some unit prints no number are not compared. Nothing is compared when
    a unit reports on another year (see ``summary-unit-year``). Give the units exactly as
    the summary counts them: a unit left out, or one counted twice, shows as differences.
    """
    if not units:
        return
    year = summary.meta.year
    if year is not None and any(u.meta.year not in (None, year) for u in units):
        return
    version = summary.format_version
    names = tuple(report_name(u) for u in units)
    for cell_id, cell in summary.cells().items():
        if cell.status is not CellStatus.NUMBER or cell.value is None:
            continue
        parts = [_number(unit, cell_id) for unit in units]
        if any(p is None for p in parts):
            continue
        total: Value = sum(p for p in parts if p is not None)
        if total == cell.value:
            continue
        yield Issue.of(
            cells=(cell_id,),
            expected=total,
            actual=cell.value,
            related=names,
            label=cell_label(version, cell_id),
            value=number(cell.value),
            count=len(units),
            total=number(total),
            cell=cell_id,
        )


@rule(
    "GK904",
    "summary-unit-year",
    "across",
    Severity.WARNING,
    summary="A unit's report covers another year than the summary.",
    message=("下属报告{unit}不是{year}年度的报告，不能与{year}年度汇总报告相加"),
    message_en=("unit report {unit_en} covers {unit_year}, the summary covers {year}"),
    fix="汇总报告只汇总同一年度的各单位报告：使用该单位本年度的报告。",
    fix_en="A summary adds up reports of its own year only: use the unit's report for that year.",
    scope="summary",
    failing=Example(
        "A 2022 summary given a unit's 2021 report.",
        lambda: (_summary_of(_units()), example_report(), example_report(year=2021)),
    ),
    passing=Example(
        "A 2022 summary given its units' 2022 reports.",
        lambda: (_summary_of(_units()), *_units()),
    ),
)
def summary_unit_year(summary: Report, units: Sequence[Report]) -> Iterator[Issue]:
    """Check that a summary's units report on the summary's year.

    A summary adds up its units' reports of the same year. A unit of another year is most
    likely the wrong file; while one is given, ``summary-sum`` compares nothing.
    """
    year = summary.meta.year
    if year is None:
        return
    for unit in units:
        if unit.meta.year is not None and unit.meta.year != year:
            yield Issue.of(
                expected=year,
                actual=unit.meta.year,
                related=(report_name(unit),),
                unit=_named(unit),
                year=year,
                unit_en=report_name(unit),
                unit_year=unit.meta.year,
            )


def validate_series(
    reports: Iterable[Report],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    severity: Severity | str | None = None,
    extra_rules: Iterable[Rule] = (),
) -> list[Finding]:
    """Check one agency's reports of consecutive years against each other.

    The reports are ordered by :attr:`Meta.year`; each report is compared with the report
    of the year before, when there is one (a gap of a year leaves a pair uncompared).
    Findings point into the later report; ``related`` names the earlier one. ``select``,
    ``ignore`` and ``severity`` (the minimum severity) choose the rules as in
    :func:`~gikaireport.validate`; ``extra_rules`` adds rules of your own with
    ``scope="series"`` (see :func:`~gikaireport.validate.extra_rule`).

    Raises:
        ValueError: a report has no year, or two reports have the same year; an unknown
            selector or severity.

    """
    ordered = sorted(reports, key=lambda r: r.meta.year if r.meta.year is not None else -1)
    years = [r.meta.year for r in ordered]
    if None in years:
        missing = [report_name(r) for r in ordered if r.meta.year is None]
        raise ValueError(f"reports without a year cannot be put in a series: {missing}")
    if len(set(years)) != len(years):
        raise ValueError(f"a series has one report per year; years given: {years}")
    rules = at_least(
        select_rules(select, ignore, "series", extra_rules), minimum_severity(severity)
    )
    crashes = crash_reported(select, ignore)
    findings: list[Finding] = []
    for previous, current in itertools.pairwise(ordered):
        if current.meta.year != (previous.meta.year or 0) + 1:
            continue
        findings.extend(
            run_rules(
                rules,
                (previous, current),
                current,
                report_crashes=crashes,
                crash_path=current.path,
            )
        )
    return findings


def validate_summary(
    summary: Report,
    units: Sequence[Report],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    severity: Severity | str | None = None,
    extra_rules: Iterable[Rule] = (),
) -> list[Finding]:
    """Check a regional summary report against its units' reports.

    Findings point into the summary; ``related`` names the units. ``select``, ``ignore``
    and ``severity`` (the minimum severity) choose the rules as in
    :func:`~gikaireport.validate`; ``extra_rules`` adds rules of your own with
    ``scope="summary"`` (see :func:`~gikaireport.validate.extra_rule`).
    """
    rules = at_least(
        select_rules(select, ignore, "summary", extra_rules), minimum_severity(severity)
    )
    unit_list = list(units)
    return run_rules(
        rules,
        (summary, unit_list),
        summary,
        report_crashes=crash_reported(select, ignore),
        crash_path=summary.path,
    )
