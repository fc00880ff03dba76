"""Running text read by OCR: its numbers and headings, with lines narrowed for recognition.

Detected lines are recognised narrowed to three quarters of their width (never below the
width they are padded to); these tests read pages of running text and check that every
number and heading comes back as printed. Each page costs a second or two of OCR.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from gikaireport.readers.ocr import ocr_page
from gikaireport.readers.ocr_engine import _WORD_WIDTH, _narrow
from scan_helpers import rasterise

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NUMBER = re.compile(r"[0-9]+")

PROSE = [
    "一、总体情况",
    "本年度主动公开政府信息3917条，其中规范性文件28件。",
    "全年共收到政府信息公开申请1204件，办结1198件，结转6件。",
    "二、主动公开政府信息情况",
    "政府网站发布信息30011条，政务新媒体发布信息760条。",
    "三、收到和处理政府信息公开申请情况",
    "全年收取政府信息公开信息处理费0元，行政复议5件。",
]


def _text(image: np.ndarray) -> list[str]:
    page, _ = ocr_page(image, 1, "prose.png")
    return ["".join(run.text for run in line.runs).replace(" ", "") for line in page.lines]


def test_narrowing_keeps_the_model_height_and_spares_short_lines() -> None:
    wide = np.full((40, 1200), 255, dtype=np.uint8)
    short = np.full((40, 100), 255, dtype=np.uint8)
    assert _narrow(wide).shape == (48, round(1200 * 48 / 40 * 0.75))
    assert _narrow(short).shape == (48, 120)  # narrower than the padding: as it is
    assert _narrow(np.full((40, 300), 255, dtype=np.uint8)).shape == (48, _WORD_WIDTH)


def test_generated_running_text_reads_every_number_and_heading() -> None:
    font = ImageFont.truetype(FONT, 30)
    image = Image.new("L", (1400, 120 + 60 * len(PROSE)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(PROSE):
        draw.text((80, 60 + index * 60), line, fill=0, font=font)
    lines = _text(np.asarray(image))
    read = "\n".join(lines)
    for heading in (line for line in PROSE if "、" in line[:2]):
        assert heading in lines
    expected = Counter(n for line in PROSE for n in NUMBER.findall(line))
    assert Counter(NUMBER.findall(read)) == expected


def test_corpus_page_of_running_text_reads_every_number(corpus: Path) -> None:
    import pypdfium2 as pdfium

    data = (corpus / "pdf" / "hzq2024_working.pdf").read_bytes()
    document = pdfium.PdfDocument(data)
    try:
        printed = document[0].get_textpage().get_text_range()
    finally:
        document.close()
    lines = _text(np.asarray(rasterise(data, 200)[0]))
    # every number the page's text layer prints (digits broken by a line end aside)
    expected = Counter(NUMBER.findall(re.sub(r"\s+", "", printed)))
    assert expected
    assert Counter(NUMBER.findall("".join(lines))) == expected
    assert "一、总体情况" in lines
