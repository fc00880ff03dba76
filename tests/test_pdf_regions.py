"""Table regions across a page break: a repeated header continues a table, a heading does not."""

from __future__ import annotations

from gikaireport.document import Table
from gikaireport.readers.pdf_layout import layout_positioned
from gikaireport.readers.pdf_lines import CharBox

H = 9.0
LABELS = 34.0
VALUES = 134.0
HEADER = ("信息内容", "本年处理决定数量")


def _word(text: str, x0: float, top: float) -> CharBox:
    return (text, x0, x0 + H * len(text), top - H, top)


def _rows(rows: list[tuple[str, ...]], top: float) -> list[CharBox]:
    """Rows of a label and a value, one every 1.7 character heights down from ``top``."""
    words = []
    for number, row in enumerate(rows):
        y = top - 1.7 * H * number
        words += [_word(text, x, y) for text, x in zip(row, (LABELS, VALUES), strict=False)]
    return words


def _tables(first: list[tuple[str, ...]], second: list[tuple[str, ...]]) -> list[list[list[str]]]:
    """Lay out ``first`` at the foot of one page and ``second`` at the top of the next."""
    prose = _rows([("一、总体情况",), ("本机关认真贯彻落实条例。",)], 780.0)
    pages = [(842.0, prose + _rows(first, 110.0)), (842.0, _rows(second, 780.0))]
    blocks = layout_positioned(pages)
    return [[[c.text for c in row] for row in b.rows] for b in blocks if isinstance(b, Table)]


def test_a_header_repeated_on_the_next_page_continues_the_table() -> None:
    tables = _tables([HEADER, ("行政许可", "4394")], [HEADER, ("行政处罚", "486")])
    assert tables == [[list(HEADER), ["行政许可", "4394"], ["行政处罚", "486"]]]


def test_a_heading_before_the_page_break_starts_another_table_with_the_same_header() -> None:
    """Part 二's (五) and (六) tables have the same header; a break after the (六) heading.

    The heading at the foot of the page is no label cut by the break: the next page's header
    starts the (六) table, so 行政处罚 keeps its own label.
    """
    first = [HEADER, ("行政许可", "4394"), ("第二十条第（六）项",)]
    tables = _tables(first, [HEADER, ("行政处罚", "486"), ("行政强制", "149")])
    assert tables == [
        [list(HEADER), ["行政许可", "4394"], ["第二十条第（六）项", ""]],
        [list(HEADER), ["行政处罚", "486"], ["行政强制", "149"]],
    ]
