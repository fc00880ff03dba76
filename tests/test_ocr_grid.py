"""Ruling lines in page images: text boxes parted at the vertical lines that cross them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("cv2", reason="the ocr extra is not installed")

import numpy as np

from gikaireport.readers.ocr_grid import (
    CellBox,
    binarise,
    find_cells,
    ink_lines,
    line_height,
    outside_cells,
    ruling_skew,
    split_at_lines,
    vertical_lines,
)

HEIGHT, WIDTH = 1600, 800


def page(lines: list[tuple[int, int]]) -> np.ndarray:
    """A white page with full-height vertical lines ``(x, thickness)`` and a glyph's stroke."""
    image = np.full((HEIGHT, WIDTH), 255, dtype=np.uint8)
    for x, thickness in lines:
        image[:, x : x + thickness] = 0
    image[782:818, 20:24] = 0  # a tall glyph's stroke, inside its text box
    return image


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.lists(
        st.tuples(st.integers(40, WIDTH - 40), st.integers(1, 4)),
        max_size=4,
        unique_by=lambda line: line[0] // 20,
    ),
    st.integers(0, 200),
    st.integers(400, WIDTH - 1),
)
def test_spans_avoid_every_line_and_keep_the_rest(
    lines: list[tuple[int, int]], x0: int, x1: int
) -> None:
    vertical = vertical_lines(binarise(page(lines)))
    box = (x0, 780, x1, 820)
    spans = split_at_lines(box, vertical)
    ruled = {x + i for x, t in lines for i in range(t)}
    for left, right in spans:
        assert x0 <= left <= right <= x1
        assert not ruled & set(range(left, right + 1))
    covered = {x for left, right in spans for x in range(left, right + 1)}
    # every stretch of the box between lines that is wide enough to hold text is kept
    gaps = [x for x in range(x0, x1 + 1) if x not in ruled and x not in covered]
    for x in gaps:
        near = [g for g in ruled | {x0 - 1, x1 + 1} if g < x] or [x0 - 1]
        far = [g for g in ruled | {x0 - 1, x1 + 1} if g > x] or [x1 + 1]
        assert min(far) - max(near) - 1 < 8, (x, spans)


def test_a_box_without_lines_and_a_glyph_stroke_are_left_whole() -> None:
    vertical = vertical_lines(binarise(page([])))
    assert split_at_lines((10, 780, 300, 820), vertical) == [(10, 300)]


FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def cell_text(lines: list[str], size: int, gap: int) -> tuple[np.ndarray, CellBox]:
    """A cell 600 pixels wide holding ``lines`` of text (ink 255 on 0), ``gap`` apart."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, size)
    image = Image.new("L", (600, 40 + len(lines) * (size + gap)), 0)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((20, 20 + index * (size + gap)), line, fill=255, font=font)
    ink = np.array(image, dtype=np.uint8)
    return ink, CellBox(0, 0, ink.shape[1] - 1, ink.shape[0] - 1)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["二", "三", "二、", "0", "1204", "一、总体情况", "等于第三项"]),
        min_size=1,
        max_size=4,
    ),
    st.integers(24, 40),
    st.floats(0.25, 0.6),
)
def test_ink_lines_part_a_cell_at_its_line_gaps_and_keep_each_glyph_whole(
    lines: list[str], size: int, spacing: float
) -> None:
    # single spacing is about 1.3 em and a detected line about 1.2 em high
    gap = round(spacing * size)
    ink, cell = cell_text(lines, size, gap)
    ink[2:8, 560:566] = 255  # a blot of dirt above the text, apart from it
    found = ink_lines(ink, cell, 1.2 * size)
    assert len(found) == len(lines)
    for (_, y0, _, y1), index in zip(found, range(len(lines)), strict=True):
        top = 20 + index * (size + gap)
        assert top - 2 <= y0 and y1 <= top + 1.5 * size


def test_a_blank_cell_has_no_lines() -> None:
    ink, cell = cell_text([], 30, 10)
    ink[30, 30] = 255  # a speck of noise
    assert ink_lines(ink, cell, 40) == []


def ruled_table(angle: float) -> np.ndarray:
    """A page with a 4 by 3 ruled table turned by ``angle`` degrees, text above and beside it."""
    import cv2
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1200, 1600), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 30)
    for y in range(600, 1001, 100):
        draw.line([(200, y), (1000, y)], fill=0, width=3)
    for x in (200, 500, 750, 1000):
        draw.line([(x, 600), (x, 1000)], fill=0, width=3)
    draw.text((200, 500), "一、总体情况", fill=0, font=font)
    draw.text((1030, 780), "注", fill=0, font=font)
    draw.text((560, 730), "1204", fill=0, font=font)
    page = np.array(image, dtype=np.uint8)
    matrix = cv2.getRotationMatrix2D((600, 800), angle, 1.0)
    return cv2.warpAffine(page, matrix, (1200, 1600), borderValue=255)


@settings(max_examples=8, deadline=None, derandomize=True)
@given(st.floats(-2.0, 2.0))
def test_the_skew_of_a_ruled_page_is_measured_from_its_lines(angle: float) -> None:
    skew = ruling_skew(binarise(ruled_table(angle)))
    assert skew is not None
    # the rotation matrix turns by ``angle`` counterclockwise: lines rise to the right
    assert abs(skew + angle) < 0.05


def test_a_page_without_long_lines_has_no_ruling_skew() -> None:
    assert ruling_skew(binarise(page([(300, 3)]))) is None


def test_text_is_looked_for_outside_the_cells_only() -> None:
    ink = binarise(ruled_table(0.0))
    cells, text = find_cells(ink)
    assert len(cells) == 12
    height = line_height(text, cells)
    assert 30 <= height <= 50  # the 30-pixel font's line, from the ink of 1204
    regions = outside_cells(text, cells, height)
    top, beside, bottom = regions
    assert top[1] == 0 and 540 <= top[3] <= 605  # the heading above the table
    assert beside[0] < 1030 and beside[2] > 1060  # the note beside the table
    assert beside[3] - beside[1] < 200  # and only around it
    assert bottom[1] > 995 and bottom[3] == 1599
    for x0, y0, x1, y1 in regions:  # no cell's text is looked for twice
        assert not (x0 <= 560 <= x1 and y0 <= 740 <= y1)
