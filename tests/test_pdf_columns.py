"""Columns and rows of a PDF table from positioned words: template layouts read whole."""

from __future__ import annotations

from collections.abc import Sequence

from gikaireport.document import Table
from gikaireport.readers.pdf_layout import layout_positioned
from gikaireport.readers.pdf_lines import CharBox

H = 9.0
"""The text height of the generated tables."""
CELL = 120.0
LABELS = 60.0
FIRST = 170.0
PAD = 3.0


def _word(text: str, x0: float, top: float) -> CharBox:
    return (text, x0, x0 + H * len(text), top - H, top)


def _centred(text: str, left: float, width: float, top: float) -> CharBox:
    return _word(text, left + (width - H * len(text)) / 2, top)


def _table(
    rows: Sequence[Sequence[str]], headers: Sequence[str], top: float = 700.0
) -> list[list[str]]:
    """Lay out a table as a word processor does and read it back: cells as printed.

    Headers are centred in their cells, values aligned to the left of theirs; the stream is
    row by row, cell by cell.
    """
    words = [_word("信息内容", LABELS, top)]
    words += [_centred(h, FIRST + i * CELL, CELL, top) for i, h in enumerate(headers)]
    for number, row in enumerate(rows, start=1):
        y = top - 2.2 * H * number
        words.append(_word(row[0], LABELS, y))
        words += [
            _word(value, FIRST + i * CELL + PAD, y) for i, value in enumerate(row[1:]) if value
        ]
    blocks = layout_positioned([(842.0, words)])
    tables = [block for block in blocks if isinstance(block, Table)]
    assert len(tables) == 1
    return [[cell.text for cell in row] for row in tables[0].rows]


def test_centred_headers_over_left_aligned_values_make_no_columns_of_their_own() -> None:
    rows = _table(
        [["规章", "40", "2", "12"], ["行政规范性文件", "4", "0", "125"]],
        ["本年制发件数", "本年废止件数", "现行有效件数"],
    )
    assert rows == [
        ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", "40", "2", "12"],
        ["行政规范性文件", "4", "0", "125"],
    ]


def test_a_column_blank_in_every_row_is_never_filled_by_its_neighbour() -> None:
    """A centred header over a column blank in every row is not folded away."""
    headers = ["本年制发件数", "本年废止件数", "现行有效件数"]
    rows = _table([["规章", "40", "", "12"], ["行政规范性文件", "4", "", "125"]], headers)
    for row, last in zip(rows[1:], ["12", "125"], strict=True):
        assert row[2] == ""
        assert row.index(last) >= 3  # still beyond the blank column


def test_a_total_aligned_to_the_top_of_a_tall_row_stays_in_its_row() -> None:
    """A value right of the row's others may stand higher, within the row's label."""
    top = 700.0
    words = [_word("信息内容", LABELS, top), _centred("甲", FIRST, CELL, top)]
    words += [
        _centred("乙", FIRST + CELL, CELL, top),
        _centred("总计", FIRST + 2 * CELL, CELL, top),
    ]
    y = top - 2.2 * H
    # a label over three lines, its numbers centred on the second, the total on the first
    words += [_word("（二）部分公开（区分", LABELS, y)]
    words += [_word("处理的只计这一", LABELS, y - 1.6 * H), _word("情形）", LABELS, y - 3.2 * H)]
    words += [_word("1", FIRST + PAD, y - 1.6 * H), _word("2", FIRST + CELL + PAD, y - 1.6 * H)]
    words += [_word("3", FIRST + 2 * CELL + PAD, y)]
    words += [_word("（三）不予公开", LABELS, y - 5.5 * H)]
    words += [_word("4", FIRST + PAD, y - 5.5 * H), _word("5", FIRST + CELL + PAD, y - 5.5 * H)]
    words += [_word("9", FIRST + 2 * CELL + PAD, y - 5.5 * H)]
    tables = [b for b in layout_positioned([(842.0, words)]) if isinstance(b, Table)]
    rows = [[cell.text for cell in row] for row in tables[0].rows]
    assert rows[1:] == [
        ["（二）部分公开（区分处理的只计这一情形）", "1", "2", "3"],
        ["（三）不予公开", "4", "5", "9"],
    ]


def _centred_row(cells: Sequence[tuple[float, str, str]], top: float = 700.0) -> list[list[str]]:
    """A one-row table whose headers and values are both centred in their cells.

    ``cells`` are (width, header, value) from left to right, value ``""`` for a blank cell;
    the row's label stands left of the first cell.
    """
    lefts = [FIRST + sum(width for width, _, _ in cells[:i]) for i in range(len(cells))]
    words = [_word("信息内容", LABELS, top)]
    placed = list(zip(lefts, cells, strict=True))
    words += [_centred(header, x, width, top) for x, (width, header, _) in placed]
    words.append(_word("件数", LABELS, top - 2.2 * H))
    words += [_centred(v, x, width, top - 2.2 * H) for x, (width, _, v) in placed if v]
    tables = [b for b in layout_positioned([(842.0, words)]) if isinstance(b, Table)]
    assert len(tables) == 1
    return [[cell.text for cell in row] for row in tables[0].rows]


def test_a_blank_cell_of_a_centred_one_row_table_keeps_its_column() -> None:
    """Part 四 printed with centred cells: a blank cell after a narrow total stays blank.

    A single value is trivially "aligned to the left", and the blank cell's centred header
    stands half-way between the values on either side, as a template's header stands over
    its left-aligned numbers; but the value on its left is centred under a header of its
    own, so the blank column is not folded into that one and the next value keeps its place.
    """
    cells = [(3 * H, "未结", "5"), (3 * H, "总计", "8"), (3 * H, "维持", ""), (3 * H, "纠正", "1")]
    assert _centred_row(cells) == [
        ["信息内容", "未结", "总计", "维持", "纠正"],
        ["件数", "5", "8", "", "1"],
    ]
