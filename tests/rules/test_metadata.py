"""Metadata rules (GK601-GK605) and the agency heuristics the rules use."""

from __future__ import annotations

import datetime as dt

import pytest
from rule_helpers import named

from gikaireport.model import Meta
from gikaireport.validate import validate
from gikaireport.validate.agency import is_regional_summary, level
from gikaireport.validate.examples import example_report


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
    report = example_report(meta=named(title))
    assert level(report) == expected_level
    assert is_regional_summary(report) is summary


def test_deadline_is_31_january_for_a_department_and_31_march_for_a_region() -> None:
    late = {"published": dt.date(2023, 3, 10)}
    assert [f.code for f in validate(example_report(meta=late), select=["GK604"])] == ["GK604"]
    region = example_report(meta=named("示例县2022年政府信息公开工作年度报告", **late))
    assert validate(region, select=["GK604"]) == []
    very_late = named("示例县2022年政府信息公开工作年度报告", published=dt.date(2023, 4, 1))
    assert [f.code for f in validate(example_report(meta=very_late), select=["GK604"])] == ["GK604"]
    township = example_report(meta=named("示例县城关镇2022年政府信息公开工作年度报告", **late))
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


