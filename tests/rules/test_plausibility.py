"""Plausibility rules (GK801-GK802): numbers unlikely for the kind of agency that prints them."""

from __future__ import annotations

from decimal import Decimal

from rule_helpers import named

from gikaireport.validate import validate
from gikaireport.validate.examples import example_report


def test_regulations_from_low_level_bodies_only() -> None:
    cells = {"proactive.regulations.in_force": 2}
    township = example_report(cells, meta=named("示例县城关镇2022年政府信息公开工作年度报告"))
    (finding,) = validate(township, select=["GK801"])
    assert finding.cells == ("proactive.regulations.in_force",)
    city = example_report(cells, meta=named("某市人民政府2022年政府信息公开工作年度报告"))
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
        meta=named("会同县2022年政府信息公开工作年度报告"),
    )
    assert validate(county, select=["GK802"]) == []
    township = example_report(
        {fee: Decimal("150")}, meta=named("示例县城关镇2022年政府信息公开工作年度报告")
    )
    assert [f.code for f in validate(township, select=["GK802"])] == ["GK802"]
    city = example_report(
        {fee: Decimal("99999")}, meta=named("某市人民政府2022年政府信息公开工作年度报告")
    )
    assert validate(city, select=["GK802"]) == []
