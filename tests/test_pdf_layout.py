"""Prose lines of a PDF page joined into paragraphs."""

from __future__ import annotations

from gikaireport.document import Paragraph
from gikaireport.readers.pdf_layout import layout_positioned
from gikaireport.readers.pdf_lines import CharBox

H = 12.0
LEFT = 54.0


def _line(text: str, x0: float, top: float) -> list[CharBox]:
    """A line of characters, each of them as wide as high (ASCII half as wide)."""
    boxes = []
    for char in text:
        width = H / 2 if char.isascii() else H
        boxes.append((char, x0, x0 + width, top - H, top))
        x0 += width
    return boxes


def _paragraphs(lines: list[tuple[str, float]]) -> list[str]:
    words = [
        box
        for number, (text, x0) in enumerate(lines)
        for box in _line(text, x0, 780.0 - 2.0 * H * number)
    ]
    blocks = layout_positioned([(842.0, words)])
    return [block.text for block in blocks if isinstance(block, Paragraph)]


def test_a_centred_title_is_a_paragraph_of_its_own() -> None:
    """The title reaches past where the short prose lines end, yet the preamble is not its rest.

    Prose of short sentences of one length makes their end the most common line end, the
    right margin as far as the page shows; the centred title reaches beyond it.
    """
    title = "阳城县2022年政府信息公开工作年度报告"
    sentence = "严格落实政府信息公开保密审查制度。"
    lines = [(title, 200.0)]
    lines += [("本报告中所列数据的统计期限为一年。", LEFT)]
    lines += [("一、总体情况", LEFT)] + [(sentence, LEFT + 2 * H)] * 4
    paragraphs = _paragraphs(lines)
    assert paragraphs[:2] == [title, lines[1][0]]


def test_a_line_that_fills_the_width_runs_on_to_the_next() -> None:
    first = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
    lines = [(first, LEFT + 2 * H), ("持续推进政务公开。", LEFT)]
    lines += [("进一步加强政府网站和政务新媒体管理，规范信息发布审核流程。", LEFT)] * 2
    assert _paragraphs(lines)[0] == first + "持续推进政务公开。"
