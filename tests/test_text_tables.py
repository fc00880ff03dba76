"""Tables of the plain-text reader: every cell's source points at the line that prints it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.document import Table
from gikaireport.errors import ReadError
from gikaireport.readers.text import decode, document_from_text
from gikaireport.testing import LAYOUTS, Noise, render_text, reports


def _check_sources(text: str) -> int:
    """Every cell of every table of ``text``: its source names its table, row and column,
    and a line that prints its text (a cell over several lines: where it starts)."""
    lines = text.split("\n")
    tables = [b for b in document_from_text(text).blocks if isinstance(b, Table)]
    cells = 0
    for number, table in enumerate(tables, 1):
        assert table.source.table == number
        assert table.rows and all(table.rows)
        for r, row in enumerate(table.rows, 1):
            for c, cell in enumerate(row, 1):
                source = cell.source
                assert (source.table, source.row, source.column) == (number, r, c)
                assert source.line is not None and table.source.line is not None
                assert table.source.line <= source.line <= len(lines)
                first = cell.text.split("\n")[0].split(" ")[0]
                assert first in lines[source.line - 1], (cell, lines[source.line - 1])
                cells += 1
    return cells


@settings(max_examples=30, deadline=None)
@given(reports(), st.sampled_from(LAYOUTS), st.builds(Noise, *[st.booleans()] * 7))
def test_every_cell_names_the_line_that_prints_it(report, layout, noise):
    text = render_text(report, layout, noise)
    cells = _check_sources(text)
    assert cells >= (100 if layout != "paragraphs" else 0)


def test_pipe_cells_printed_over_several_lines():
    text = "标题\n项目 | 行政\n许可 |\n|\n||\n12 | 尾\n声\n|"
    (table,) = [b for b in document_from_text(text).blocks if isinstance(b, Table)]
    assert not table.complete_rows
    assert [(cell.text, cell.source.line) for cell in table.rows[0]] == [
        ("项目", 2),
        ("行政 许可", 2),  # its lines joined by a space, where it starts
        ("", 4),  # a bare pipe: an empty cell; "||" is padding
        ("12", 6),
        ("尾 声", 6),
    ]
    _check_sources(text)


def test_word_cells_continued_on_the_next_line():
    text = "表一\n\t项目\n\t行政\n许可\n\t3\n\n\t合计\n\t4\n\n\n结束语"
    blocks = document_from_text(text).blocks
    (table,) = [b for b in blocks if isinstance(b, Table)]
    assert [[(cell.text, cell.source.line) for cell in row] for row in table.rows] == [
        [("项目", 2), ("行政\n许可", 3), ("3", 5)],
        [("合计", 7), ("4", 8)],
    ]
    assert blocks[-1].text == "结束语"  # type: ignore[union-attr]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_control_characters_tell_binary_from_text(encoding):
    text = "一、总体情况\n" * 40
    few = (text + "\x01" * (len(text) // 25)).encode(encoding)  # 4 in 100 characters
    many = (text + "\x01" * (len(text) // 15)).encode(encoding)  # 6 in 100
    assert decode(few, "few.txt").startswith("一、总体情况")
    with pytest.raises(ReadError, match=r"many\.txt.*binary"):
        decode(many, "many.txt")
