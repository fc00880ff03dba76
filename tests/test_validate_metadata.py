"""Metadata, fee and plausibility rules, and the agency heuristics they use."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from gikaireport.model import Meta
from gikaireport.validate import validate
from gikaireport.validate.agency import is_regional_summary, level
from gikaireport.validate.examples import example_report


def _named(title: str, **meta: object) -> dict[str, object]:
    agency = title.split("2022年")[0]
    return {"title": title, "agency": agency, "signed_by": agency, **meta}


@pytest.mark.parametrize(
    ("title", "expected_level", "summary"),
    [
        ("交口县2022年政府信息公开工作年度报告", "county", True),
        ("会同县2022年政府信息公开工作年度报告", "county", True),
        ("汾西县人民政府办公室2022年政府信息公开工作年度报告", "county", False),
        ("平乡县人民政府办公室2022年政府信息公开工作年度报告", "county", False),  # 平乡 is a name
        ("灵丘县下关乡2022年度政府信息公开工作报告", "township", False),
        ("某市某区某街道办事处2022年政府信息公开工作年度报告", "township", False),
        ("北京市朝阳区人民政府2022年政府信息公开工作年度报告", "county", True),
        ("某市住房和城乡建设局2022年政府信息公开工作年度报告", None, False),  # 城乡
        ("某省乡村振兴局2022年政府信息公开工作年度报告", None, False),  # 乡村
        ("镇江市交通运输局2022年政府信息公开工作年度报告", None, False),  # 镇江 is a name
        ("某市人民政府2022年政府信息公开工作年度报告", None, True),
        ("广西壮族自治区人民政府2022年政府信息公开工作年度报告", None, True),
        ("某县教育局2022年政府信息公开工作年度报告", "county", False),
        ("2022年本地区政府信息公开工作年度报告", None, True),
    ],
)
def test_agency_heuristics(title: str, expected_level: str | None, summary: bool) -> None:
    report = example_report(meta=_named(title))
    assert level(report) == expected_level
    assert is_regional_summary(report) is summary


def test_deadline_is_31_january_for_a_department_and_31_march_for_a_region() -> None:
    late = {"published": dt.date(2023, 3, 10)}
    assert [f.code for f in validate(example_report(meta=late), select=["GK604"])] == ["GK604"]
    region = example_report(meta=_named("示例县2022年政府信息公开工作年度报告", **late))
    assert validate(region, select=["GK604"]) == []
    very_late = _named("示例县2022年政府信息公开工作年度报告", published=dt.date(2023, 4, 1))
    assert [f.code for f in validate(example_report(meta=very_late), select=["GK604"])] == ["GK604"]
    township = example_report(meta=_named("示例县城关镇2022年政府信息公开工作年度报告", **late))
    assert [f.code for f in validate(township, select=["GK604"])] == ["GK604"]


def test_dates_that_contradict_the_year() -> None:
    report = example_report(meta={"published": dt.date(2022, 12, 31)})
    assert [f.code for f in validate(report, select=["metadata"])] == ["GK603"]
    report = example_report(
        meta={"period_start": dt.date(2021, 1, 1), "period_end": dt.date(2021, 12, 31)}
    )
    (finding,) = validate(report, select=["GK601"])
    assert (finding.expected, finding.actual) == (2022, 2021)


def test_missing_metadata_is_not_guessed() -> None:
    bare = Meta(title=None, agency=None, year=None)
    report = example_report(
        meta={
            f: getattr(bare, f)
            for f in (
                "title",
                "agency",
                "year",
                "period_start",
                "period_end",
                "published",
                "signed_by",
            )
        }
    )
    assert [f.code for f in validate(report, select=["metadata"])] == ["GK605"]


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


def test_regulations_from_low_level_bodies_only() -> None:
    cells = {"proactive.regulations.in_force": 2}
    township = example_report(cells, meta=_named("示例县城关镇2022年政府信息公开工作年度报告"))
    (finding,) = validate(township, select=["GK801"])
    assert finding.cells == ("proactive.regulations.in_force",)
    city = example_report(cells, meta=_named("某市人民政府2022年政府信息公开工作年度报告"))
    assert validate(city, select=["GK801"]) == []
    assert validate(example_report(), select=["GK801"]) == []


def test_fee_unit_thresholds() -> None:
    fee, licences = "proactive.fees.amount", "proactive.licensing.decisions"
    bureau = example_report({fee: Decimal("1200")})  # county bureau, 120 licences
    assert [f.code for f in validate(bureau, select=["GK802"])] == ["GK802"]
    busy = example_report({fee: Decimal("1200"), licences: 5000})
    assert validate(busy, select=["GK802"]) == []
    # a county's regional summary with many licences (seed 001 prints 3351.29 万元)
    county = example_report(
        {fee: Decimal("3351.29"), licences: 46850},
        meta=_named("会同县2022年政府信息公开工作年度报告"),
    )
    assert validate(county, select=["GK802"]) == []
    township = example_report(
        {fee: Decimal("150")}, meta=_named("示例县城关镇2022年政府信息公开工作年度报告")
    )
    assert [f.code for f in validate(township, select=["GK802"])] == ["GK802"]
    city = example_report(
        {fee: Decimal("99999")}, meta=_named("某市人民政府2022年政府信息公开工作年度报告")
    )
    assert validate(city, select=["GK802"]) == []
