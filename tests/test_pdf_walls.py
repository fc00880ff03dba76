"""Runs never cross a vertical ruling line (a table printed without cell padding)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.readers.pdf_lines import CharBox, Walls, build_lines, build_runs

H = 12.0
"""The character height of the rows below."""


def row(cells: list[str], widths: list[float], y: float = 100.0, pad: float = 2.2) -> list[CharBox]:
    """A table row's characters in stream order: each cell's text at its left edge plus ``pad``.

    Cells are ``widths`` wide, side by side from x = 10; a character is ``H`` wide.
    """
    chars: list[CharBox] = []
    left = 10.0
    for text, width in zip(cells, widths, strict=True):
        x = left + pad
        for char in text:
            chars.append((char, x, x + H, y, y + H))
            x += H
        left += width
    return chars


def borders(widths: list[float], y0: float = 95.0, y1: float = 120.0) -> list[CharBox]:
    """Each cell's border as a rectangle, as Chromium draws ``border="1"`` cells."""
    boxes: list[CharBox] = []
    left = 10.0
    for width in widths:
        boxes.append(("", left, left + width, y0, y1))
        left += width
    return boxes


def texts(chars: list[CharBox], walls: Walls | None) -> list[str]:
    lines = build_lines(build_runs(chars, 1, walls), 1, walls)
    return [run.text for line in lines for run in line.runs]


def test_a_label_set_a_border_from_the_next_cells_number_is_a_run_of_its_own() -> None:
    # the label fills its cell: its last character ends 2.2 pt from the border, and the
    # number starts 2.2 pt after it (0.37 heights, as Chromium prints cellpadding=0)
    widths = [8 * H + 4.4, H + 20, H + 20]
    chars = row(["其他法律行政法规", "0", "5"], widths)
    assert texts(chars, None)[0] == "其他法律行政法规0"  # what the text alone gives
    assert texts(chars, Walls(borders(widths))) == [
        "其他法律行政法规",
        "0",
        "5",
    ]


def test_runs_touching_across_a_border_are_not_merged() -> None:
    # the number is drawn before the label in the stream: two runs merged by build_lines
    # 2.4 pt apart (0.2 heights), as on Chromium's print of a label wrapped in its cell
    widths = [4 * H + 2.4, H + 20]
    chars = row(["不再处理", "0"], widths, pad=1.2)
    label, number = chars[:4], chars[4:]
    assert texts(number + label, None) == ["不再处理0"]
    assert texts(number + label, Walls(borders(widths))) == ["不再处理", "0"]


def test_a_rule_beside_the_line_or_a_horizontal_rule_parts_nothing() -> None:
    widths = [8 * H + 4.4, H + 20]
    chars = row(["其他法律行政法规", "0"], widths)
    above = borders(widths, y0=130.0, y1=150.0)  # the row above's borders
    underline = [("", 10.0, 200.0, 99.5, 100.5)]
    assert texts(chars, Walls(above + underline)) == ["其他法律行政法规0"]
    assert Walls(underline).xs == []


def test_a_thin_vertical_path_is_one_wall_at_its_middle() -> None:
    walls = Walls([("", 50.0, 51.0, 0.0, 100.0)])
    assert walls.xs == [50.5]
    assert walls.between(40.0, 60.0, 100.0)
    assert not walls.between(40.0, 50.5, 100.0)
    assert not walls.between(40.0, 60.0, 202.0)


@settings(max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet="公开申请处理其他法人0123456789/", min_size=1, max_size=8),
            st.floats(min_value=0.0, max_value=4.0),
        ),
        min_size=1,
        max_size=8,
    ),
    st.floats(min_value=1.0, max_value=4.8),
)
def test_every_bordered_cell_is_one_run(cells: list[tuple[str, float]], pad: float) -> None:
    """Cells filled to their borders: each reads as one run, whatever its text and slack."""
    widths = [len(text) * H + slack + 2 * pad for text, slack in cells]
    chars = row([text for text, _ in cells], widths, pad=pad)
    assert texts(chars, Walls(borders(widths))) == [text for text, _ in cells]
