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
    ink_lines,
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
