"""Text whose tab rows were re-flowed by tools: tabs expanded to spaces, cells apart by U+3000."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.document import Paragraph, Table
from gikaireport.model import Report
from gikaireport.readers.text import document_from_text
from gikaireport.testing import render_text, reports, silently_wrong

REFLOWS = {
    "tabs-to-8": lambda text: text.expandtabs(8),
    "tabs-to-4": lambda text: text.expandtabs(4),
    "ideographic": lambda text: text.replace("\t", "\u3000"),
    "ideographic-pairs": lambda text: text.replace("\t", "\u3000\u3000"),
}


@pytest.mark.parametrize("reflow", sorted(REFLOWS))
def test_reflowed_example_reads_back_equal(reflow: str) -> None:
    expected = gikaireport.read("examples/example-county-2023.txt")
    report = gikaireport.parse_text(REFLOWS[reflow](render_text(expected)))
    assert report.values() == expected.values()


@settings(max_examples=25, deadline=None)
@given(report=reports(), reflow=st.sampled_from(sorted(REFLOWS)))
def test_reflowed_text_has_no_silently_wrong_number(report: Report, reflow: str) -> None:
    text = REFLOWS[reflow](render_text(report))
    assert silently_wrong(gikaireport.parse_text(text), report) == []


def test_single_space_after_a_label_still_splits_the_value() -> None:
    document = document_from_text("信息内容\n行政事业性收费 12.56\n行政许可        4394")
    tables = [block for block in document.blocks if isinstance(block, Table)]
    rows = [[cell.text for cell in row] for table in tables for row in table.rows]
    assert rows == [["行政事业性收费", "12.56"], ["行政许可", "4394"]]
    assert not tables[0].complete_rows


PROSE = ["- 5 -", "本机关在2023年，共受理 12", "联系电话：\u30000000-0000000"]


@pytest.mark.parametrize("line", PROSE)
def test_prose_and_page_numbers_stay_paragraphs(line: str) -> None:
    blocks = document_from_text(line).blocks
    assert [type(block) for block in blocks] == [Paragraph]
