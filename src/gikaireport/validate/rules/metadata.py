"""Metadata rules: the year of the title, the 统计期限 and the date of the 落款 (GK6xx).

The deadlines come from 《中华人民共和国政府信息公开条例》 article 49: a government
department (and a government's office) publishes its report by 31 January; the government
information disclosure department of a government at county level and above publishes the
government's report on its whole region by 31 March. Townships are held to 31 January.
Which reports are regional summaries is read from the title
(:func:`gikaireport.validate.agency.is_regional_summary`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from gikaireport.model import DeviationKind, Report
from gikaireport.validate.deviation_rules import claim
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

_YEAR = re.compile(r"(\d{4})\s*年")
_PLAIN = Example(
    "The baseline report: a 2022 title, 统计期限 2022-01-01 to 2022-12-31, signed 2023-01-20.",
    lambda: (example_report(),),
)


def title_year(report: Report) -> int | None:
    """Return the first year written in the title (``2022年``), if any."""
    if not report.meta.title:
        return None
    match = _YEAR.search(unicodedata.normalize("NFKC", report.meta.title))
    return int(match.group(1)) if match else None


def _report_year(report: Report) -> int | None:
    return (
        title_year(report)
        or report.meta.year
        or (report.meta.period_end.year if report.meta.period_end else None)
    )


def deadline(report: Report, regional: bool) -> dt.date | None:
    """Return the date the report is due, or ``None`` when its year is unknown.

    31 January of the next year; 31 March for a regional summary report (``regional``).
    """
    year = _report_year(report)
    if year is None:
        return None
    return dt.date(year + 1, 3, 31) if regional else dt.date(year + 1, 1, 31)


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _dates(**dates: dt.date) -> dict[str, Any]:
    """Each date as printed in Chinese under its name and in ISO form under ``<name>_en``."""
    return {
        **{name: _date(value) for name, value in dates.items()},
        **{f"{name}_en": value.isoformat() for name, value in dates.items()},
    }


@rule(
    "GK601",
    "year-mismatch",
    "metadata",
    Severity.ERROR,
    summary="The year in the title and the year of the 统计期限 differ.",
    message="标题年份为{year}年，但统计期限为{span}",
    message_en="the title names {year} but the statistics period is {span_en}",
    fix="使标题年份与统计期限一致：报告的年度就是统计期限所在的年度。",
    fix_en=(
        "Make the title's year and the 统计期限 agree: the report's year is the year the 统计"
        "期限 covers."
    ),
    failing=Example(
        "The title says 2022, the 统计期限 says 2021 (last year's preamble left in place).",
        lambda: (
            example_report(
                meta={"period_start": dt.date(2021, 1, 1), "period_end": dt.date(2021, 12, 31)}
            ),
        ),
    ),
    passing=_PLAIN,
)
def year_mismatch(report: Report) -> Iterator[Issue]:
    """Check that the title and the 统计期限 name the same year.

    A report covers one calendar year, named in its title (XX2022年政府信息公开工作年度报告)
    and in the 统计期限 of its preamble (自2022年1月1日起至2022年12月31日止). When the two
    disagree one of them is wrong, often a preamble copied from last year's report.
    """
    year = title_year(report)
    period = [d for d in (report.meta.period_start, report.meta.period_end) if d is not None]
    if year is None or not period:
        return
    wrong = [d for d in period if d.year != year]
    if not wrong:
        return
    span = "至".join(_date(d) for d in period)
    yield Issue.of(
        expected=year,
        actual=wrong[0].year,
        year=year,
        span=span,
        span_en=" to ".join(d.isoformat() for d in period),
    )


@rule(
    "GK602",
    "period-not-calendar-year",
    "metadata",
    Severity.WARNING,
    summary="The 统计期限 is not one whole calendar year.",
    message="统计期限为{start}至{end}，不是完整的一个自然年度（应为1月1日至12月31日）",
    message_en="the statistics period {start_en} to {end_en} is not one calendar year",
    fix="统计期限写完整的自然年度，如“自2023年1月1日起至2023年12月31日止”。",
    fix_en=(
        "Give one whole calendar year as the 统计期限, for example 自2023年1月1日起至2023年12"
        "月31日止."
    ),
    failing=Example(
        "The 统计期限 ends on 30 November.",
        lambda: (example_report(meta={"period_end": dt.date(2022, 11, 30)}),),
    ),
    passing=_PLAIN,
)
def period_not_calendar_year(report: Report) -> Iterator[Issue]:
    """Check that the 统计期限 is one calendar year.

    The numbers of an annual report cover 1 January to 31 December of the year. A shorter
    or longer period (a report closed early, a typo in a date) makes the numbers
    incomparable with other reports and with the next year's carried-over applications.
    """
    start, end = report.meta.period_start, report.meta.period_end
    if start is None or end is None:
        return
    if start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31):
        return
    yield Issue.of(**_dates(start=start, end=end))


@rule(
    "GK603",
    "published-before-year-end",
    "metadata",
    Severity.ERROR,
    summary="The 落款 is dated before the year the report covers has ended.",
    message="落款日期{published}早于统计期限结束（{end}）：年度报告应在年度结束后发布",
    message_en="the report is dated {published_en}, before the period it covers ends ({end_en})",
    fix="核对落款日期：报告应在所报告年度结束后成文，落款写实际成文日期。",
    fix_en=(
        "Check the 落款 date: the report is written after the year it covers has ended; print"
        " the actual date."
    ),
    failing=Example(
        "A 2022 report signed 2022年1月20日 (last year's date left in the 落款).",
        lambda: (example_report(meta={"published": dt.date(2022, 1, 20)}),),
    ),
    passing=_PLAIN,
)
def published_before_year_end(report: Report) -> Iterator[Issue]:
    """Check that the 落款 is dated after the year it reports on.

    A report on a year can only be written after 31 December of that year (after the end
    of its 统计期限). An earlier date is a wrong date or a wrong year, usually a 落款 copied
    from an older report.
    """
    published = report.meta.published
    year = _report_year(report)
    if published is None or year is None:
        return
    end = report.meta.period_end or dt.date(year, 12, 31)
    if published <= end:
        yield Issue.of(**_dates(published=published, end=end))


@rule(
    "GK604",
    "published-late",
    "metadata",
    Severity.WARNING,
    summary="The 落款 is dated after the legal deadline.",
    message="落款日期{published}晚于{kind}的公布期限{due}",
    message_en="the report is dated {published_en}, after its deadline {due_en}",
    fix="在次年1月31日前发布年度报告（政府汇总报告在3月31日前），落款写实际成文日期。",
    fix_en=(
        "Publish the report by 31 January of the next year (31 March for a government's "
        "summary report) and print the actual date in the 落款."
    ),
    failing=Example(
        "A county bureau's 2022 report signed 2023年2月15日.",
        lambda: (example_report(meta={"published": dt.date(2023, 2, 15)}),),
    ),
    passing=_PLAIN,
)
def published_late(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that the 落款 is dated by the legal deadline.

    《政府信息公开条例》 article 49: departments publish by 31 January of the next year; a
    government's report on its whole region (a regional summary: 本地区/全市/全县…, or a
    title naming the region or its 人民政府 rather than a department or office) by 31 March.
    The summary is recognised from the title; in doubt the later date is used, so this
    rule may miss a late report but does not call a timely one late.
    """
    published = report.meta.published
    due = deadline(report, facts.regional_summary)
    if published is None or due is None or published <= due:
        return
    kind = "本级政府年度报告" if due.month == 3 else "部门年度报告"
    yield Issue.of(kind=kind, **_dates(published=published, due=due))


@rule(
    "GK605",
    "published-missing",
    "metadata",
    Severity.INFO,
    summary="No date was found in the 落款.",
    message="未找到落款日期，无法判断是否按期公布",
    message_en="no date found in the closing signature; timeliness cannot be checked",
    fix="在落款机关名称下写明成文日期，如“2024年1月26日”。",
    fix_en="Print the date under the issuing body's name at the end, for example 2024年1月26日.",
    failing=Example(
        "A report without a dated 落款.",
        lambda: (example_report(meta={"published": None, "signed_by": None}),),
    ),
    passing=_PLAIN,
)
def published_missing(report: Report) -> Iterator[Issue]:
    """Point out reports without a dated 落款.

    Reports close with the issuing body and a date (e.g. 交口县人民政府办公室 / 2023年1月12日).
    Without the date nobody can tell from the document whether it was published in time.
    Web pages sometimes give the date only in the page's header, outside the report text:
    the reader then takes the page's 发布日期 as the publication date and records a
    ``published-from-page`` deviation, which this rule reports with that date.
    """
    page = next((d for d in report.deviations if d.kind == DeviationKind.PUBLISHED_FROM_PAGE), None)
    if page is not None:
        yield Issue(
            f"落款未印日期；发布日期{page.found}取自网页标注的发布日期",
            f"no date in the closing signature; the publication date {page.found} is the "
            "one the web page states",
        )
    elif report.meta.published is None:
        yield Issue.of()


claim("GK605", DeviationKind.PUBLISHED_FROM_PAGE)
