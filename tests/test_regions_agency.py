"""Agency resolution: printed names to one identity with region, level and kind."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.regions import AgencyKind, resolve_agency
from gikaireport.regions.divisions import by_name, division, divisions
from gikaireport.testing.html import to_traditional


@pytest.mark.parametrize(
    ("printed", "prefix", "level", "kind"),
    [
        ("淮安市洪泽区人民政府", "320813", "county", AgencyKind.GOVERNMENT),
        ("洪泽区人民政府", "320813", "county", AgencyKind.GOVERNMENT),
        ("桃江县松木塘镇人民政府", "430922", "township", AgencyKind.TOWNSHIP),
        ("清遠市教育局", "4418", "city", AgencyKind.DEPARTMENT),
        ("上海市人民政府办公厅", "31", "province", AgencyKind.GENERAL_OFFICE),
        ("江苏省淮安市住房和城乡建设局", "3208", "city", AgencyKind.DEPARTMENT),
        ("上海市浦东新区人民政府", "310115", "county", AgencyKind.GOVERNMENT),
        ("洪泽区政府办", "320813", "county", AgencyKind.GENERAL_OFFICE),
    ],
)
def test_the_issue_examples(printed: str, prefix: str, level: str, kind: AgencyKind) -> None:
    agency = resolve_agency(printed)
    assert agency.code is not None and agency.code.startswith(prefix)
    assert len(agency.code) == 6
    assert agency.level == level
    assert agency.kind is kind


def test_one_identity_for_two_printings() -> None:
    long, short = resolve_agency("淮安市洪泽区人民政府"), resolve_agency("洪泽区人民政府")
    assert long.key == short.key
    assert long.name == short.name == "江苏省淮安市洪泽区人民政府"
    assert resolve_agency("清遠市教育局").key == resolve_agency("广东省清远市教育局").key


def test_a_bare_township_is_placed_by_context() -> None:
    bare = resolve_agency("城关镇人民政府")
    assert bare.code is None and bare.level is None
    placed = resolve_agency("城关镇人民政府", context=["湖南省益阳市桃江县"])
    assert placed.code == "430922"
    assert placed.level == "township"
    assert placed.name == "湖南省益阳市桃江县城关镇人民政府"


def test_an_ambiguous_county_stays_unplaced_unless_the_title_places_it() -> None:
    alone = resolve_agency("朝阳区人民政府")
    assert alone.code is None
    assert {"110105", "220104"} <= set(alone.candidates)
    title = "北京市朝阳区人民政府2023年政府信息公开工作年度报告"
    assert resolve_agency("朝阳区人民政府", context=[None, title]).code == "110105"


def test_an_unknown_region_keeps_its_kind_and_name() -> None:
    for printed, kind in [
        ("示例县人民政府", AgencyKind.GOVERNMENT),
        ("示例县人民政府办公室", AgencyKind.GENERAL_OFFICE),
        ("示例市生态环境局", AgencyKind.DEPARTMENT),
        ("示例镇人民政府", AgencyKind.TOWNSHIP),
    ]:
        agency = resolve_agency(printed)
        assert (agency.kind, agency.code, agency.key) == (kind, None, printed)


def test_a_department_is_not_taken_for_a_township() -> None:
    agency = resolve_agency("淮安市住房和城乡建设局")
    assert agency.kind is AgencyKind.DEPARTMENT
    assert agency.body == "住房和城乡建设局"


def test_the_table_has_every_level() -> None:
    table = divisions()
    assert division("320813") is not None and division("320813").name == "洪泽区"  # type: ignore[union-attr]
    levels = {item.level for item in table.values()}
    assert levels == {"province", "city", "county"}
    assert len([d for d in table.values() if d.level == "province"]) == 34
    assert len(table) > 3000


_UNIQUE_COUNTIES = sorted(
    item.code
    for name, items in by_name().items()
    if len(items) == 1
    for item in items
    if item.level == "county" and item.code[:2] not in {"11", "12", "31", "50"}
)


@settings(max_examples=60, derandomize=True)
@given(st.sampled_from(_UNIQUE_COUNTIES), st.sampled_from(["人民政府", "财政局", "人民政府办公室"]))
def test_every_printing_of_a_county_agency_resolves_alike(code: str, body: str) -> None:
    county = division(code)
    assert county is not None
    city = division(code[:4] + "00")
    short = resolve_agency(county.name + body)
    assert short.code == code
    assert short.level == "county"
    printings = [to_traditional(county.name + body)]
    if city is not None and city.name not in county.name:
        printings.append(city.name + county.name + body)
    for printed in printings:
        assert resolve_agency(printed).key == short.key, printed


@settings(max_examples=200, derandomize=True)
@given(st.text(max_size=200))
def test_any_text_resolves_to_an_agency_or_stays_unplaced(printed: str) -> None:
    agency = resolve_agency(printed, context=[printed, None, ""])
    assert agency.printed == printed
    assert agency.code is None or division(agency.code) is not None
    assert agency.level in (None, "province", "city", "county", "township")
    assert (agency.code is None) == (agency.level is None)
