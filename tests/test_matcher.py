"""Row label recognition: each strategy of the matcher on the 2021 declaration, table-driven."""

from __future__ import annotations

import pytest

from gikaireport.assemble.label_index import label_index
from gikaireport.assemble.matcher import FUZZY_WINDOW, MAX_LABEL, Match, match_label
from gikaireport.formats import FORMAT_2019, FORMAT_2021

APPLICATIONS = FORMAT_2021.table("applications")
INDEX = label_index(APPLICATIONS, FORMAT_2019.table("applications"))


def row(row_id: str) -> int:
    return [r.id for r in APPLICATIONS.rows].index(row_id)


def everything_open(_: int) -> bool:
    return True


CASES = [
    # (printed label, expected position, the match)
    ("一、本年新收政府信息公开申请数量", 0, Match(row("new_received"), False)),
    ("（一）予以公开", 0, Match(row("results.disclosed"), False)),
    ("(一) 予 以 公 开", 0, Match(row("results.disclosed"), False)),
    # a declared variant: recognised, worth a deviation
    ("上年转结政府信息公开申请数量", 0, Match(row("carried_over"), True)),
    # a label cut by a line break: a prefix of the official form
    ("本年新收政府信息公开申", 0, Match(row("new_received"), False)),
    # a short tail after the form
    ("属于国家秘密情况", 4, Match(4, False)),
    # one character misprinted: fuzzy, near the expected position
    ("保护第三方合法权义", row("results.withheld.third_party_rights"), Match(7, True)),
    # a column header or a table caption is never a row label
    ("申请人情况", 0, None),
    # an enumerator that contradicts the row's own
    ("（二）予以公开", 0, None),
    # prose
    ("本机关" * (MAX_LABEL // 3 + 1), 0, None),
]


@pytest.mark.parametrize(("text", "pos", "expected"), CASES)
def test_match_label(text: str, pos: int, expected: Match | None) -> None:
    assert match_label(INDEX, text, pos, everything_open) == expected


def test_prefix_and_fuzzy_look_only_near_the_expected_row() -> None:
    far = row("results.withheld.third_party_rights") - FUZZY_WINDOW
    assert match_label(INDEX, "保护第三方合法权义", far, everything_open) is None
    assert match_label(INDEX, "保护第三方合法权益", far, everything_open) == Match(7, False)


def test_a_row_already_read_is_not_matched_again() -> None:
    taken = row("results.disclosed")
    assert match_label(INDEX, "予以公开", 0, lambda r: r != taken) is None


def test_the_index_knows_every_form_of_every_row() -> None:
    for number, spec_row in enumerate(APPLICATIONS.rows):
        for form, variant in INDEX.forms[number]:
            assert (number, variant) in INDEX.rows[form]
        assert INDEX.ids[number] == tuple(
            f"applications.{spec_row.id}.{column.id}" for column in spec_row.columns
        )
    assert [i for ids in INDEX.ids for i in ids] == [
        cell_id for cell_id in FORMAT_2021.cell_ids if cell_id.startswith("applications.")
    ]
