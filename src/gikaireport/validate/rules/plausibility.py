"""Plausibility rules: numbers that are possible on paper but unlikely for the body (GK8xx).

The level of the body is read from its name (:func:`gikaireport.validate.agency.level`);
a body whose level the name does not show is not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache

from gikaireport.formats import get_format
from gikaireport.model import Report
from gikaireport.validate.describe import cell_label, number
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

FEE = "proactive.fees.amount"
LICENCES = "proactive.licensing.decisions"

TOWNSHIP_FEE_LIMIT = Decimal(100)
"""万元: a township, sub-district or community reporting this much or more (1,000,000 yuan)."""
COUNTY_FEE_LIMIT = Decimal(1000)
"""万元: a county-level body reporting this much or more (10,000,000 yuan) ..."""
FEW_LICENCES = 1000
"""... while deciding fewer 行政许可 than this (or printing no number for them)."""
REGION_FEE_LIMIT = Decimal(100000)
"""万元: a county's or district's regional summary reporting this much or more (1 billion yuan)."""


@lru_cache(maxsize=8)
def _regulations(version: str) -> tuple[str, ...]:
    return tuple(c for c in get_format(version).cell_ids if c.startswith("proactive.regulations."))


_PLAIN = Example(
    "The baseline report: a county bureau with no 规章 and 0.52 万元 of fees.",
    lambda: (example_report(),),
)


@rule(
    "GK801",
    "regulations-below-city",
    "plausibility",
    Severity.WARNING,
    summary="A county-level or lower body reports 规章.",
    message=(
        "“{label}”为{value}，但{where}机关无权制定规章（立法法第九十三条），"
        "请核对是否误填了行政规范性文件或上级规章"
    ),
    message_en=(
        "{cell} is {value}, but a {body}-level body makes no 规章 (Legislation Law art. 93)"
    ),
    fix=(
        "核对“规章”一行：本机关无权制定规章的，规章各栏填0，行政规范性文件填入“行政规范性文件"
        "”一行。"
    ),
    fix_en=(
        "Recheck the 规章 row: a body that makes no 规章 prints 0 there and counts its "
        "documents in the 行政规范性文件 row."
    ),
    failing=Example(
        "A township reports 规章 in force.",
        lambda: (
            example_report(
                {"proactive.regulations.in_force": 3},
                meta={
                    "title": "示例县城关镇2022年政府信息公开工作年度报告",
                    "agency": "示例县城关镇",
                    "signed_by": "示例县城关镇人民政府",
                },
            ),
        ),
    ),
    passing=_PLAIN,
)
def regulations_below_city(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out 规章 reported by bodies that cannot make them.

    Under the 立法法 (article 93) only the State Council's departments, the governments of
    provinces, autonomous regions and municipalities, and of cities with districts and
    autonomous prefectures make 规章. A county, banner or city district (a 市辖区 is
    county-level and makes no 规章 either), a township or a sub-district has none to issue,
    repeal or keep in force; numbers there usually count 行政规范性文件 or 规章 of higher
    bodies that it applies. The level comes from the name in the title (县, 旗, 区, 乡, 镇,
    街道 …, see :func:`gikaireport.validate.agency.level`); county-level cities cannot be
    told from their names and are not checked.
    """
    values = [(c, facts.value(c)) for c in _regulations(report.format_version)]
    reported = [(c, value) for c, value in values if value]
    body = facts.level if reported else None
    if body is None:
        return
    version = report.format_version
    for cell_id, value in reported:
        if value > 0:
            where = "乡镇（街道）" if body == "township" else "县级"
            yield Issue.of(
                cells=(cell_id,),
                actual=value,
                label=cell_label(version, cell_id),
                value=number(value),
                where=where,
                cell=cell_id,
                body=body,
            )


@rule(
    "GK802",
    "fee-unit-suspect",
    "plausibility",
    Severity.WARNING,
    summary="The fee amount is so large for the body that it may be in 元, not 万元.",
    message=("“{label}”为{amount}万元，{why}过大，可能是以“元”为单位填入了“万元”栏"),
    message_en=(
        "{cell} is {amount} (10,000 yuan), implausibly large for a {body}-level body; "
        "the amount may have been entered in yuan"
    ),
    fix="收费金额以万元为单位填写（如收费12345元填1.2345）。",
    fix_en="Print the fee amount in 万元 (12,345 元 is 1.2345).",
    failing=Example(
        "A county bureau with 120 licences reports 5200 万元 of fees (5,200 yuan typed into "
        "the 万元 column).",
        lambda: (example_report({FEE: Decimal(5200)}),),
    ),
    passing=_PLAIN,
)
def fee_unit_suspect(report: Report, facts: Facts) -> Iterator[Issue]:
    """Point out fee amounts that look like yuan entered as 万元.

    行政事业性收费 is printed in 万元 (10,000 yuan); an amount in 元 typed into that column is
    ten thousand times too large. Reported when:

    - a township, sub-district or community reports at least 100 万元 (1 million yuan);
    - a county-level body (not the county's regional summary) reports at least 1000 万元
      (10 million yuan) while deciding fewer than 1000 行政许可: more than 10,000 yuan per
      licence, far above what the fees charged with licences come to;
    - a county's or district's regional summary report reports at least 100000 万元 (1 billion
      yuan), more than a county collects in 行政事业性收费 in a year.

    Bodies whose level the name does not show (cities, provinces, ministries) are not checked.
    """
    if report.format_version != "2021":
        return
    fee = facts.value(FEE)
    if fee is None:
        return
    amount = Decimal(fee)
    body = facts.level if amount >= TOWNSHIP_FEE_LIMIT else None
    if body is None:
        return
    licence_count = facts.value(LICENCES)
    version = report.format_version
    if body == "township":
        limit, why = TOWNSHIP_FEE_LIMIT, "对乡镇（街道）机关而言"
    elif facts.regional_summary:
        limit, why = REGION_FEE_LIMIT, "对一个县（区）全年的行政事业性收费而言"
    elif licence_count is None or licence_count < FEW_LICENCES:
        shown = number(licence_count) if licence_count is not None else "未填"
        limit, why = COUNTY_FEE_LIMIT, f"对行政许可仅{shown}件的县级机关而言"
    else:
        return
    if amount < limit:
        return
    yield Issue.of(
        cells=(FEE, LICENCES) if body == "county" else (FEE,),
        actual=amount,
        label=cell_label(version, FEE),
        amount=number(amount),
        why=why,
        cell=FEE,
        body=body,
    )
