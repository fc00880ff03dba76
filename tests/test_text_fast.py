"""The plain-text reader's bulk paths agree with the line-by-line rules they stand for.

Lines are classified in bulk (the prose told apart without :func:`_kind`), paragraphs and
tab rows are made without a Python loop per line: each is pinned here against the general
rule, on lines drawn from the characters that decide a line's kind.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.document import Paragraph, Table
from gikaireport.model import Source
from gikaireport.readers import text as text_reader
from gikaireport.readers.text import document_from_text

_PIECES = [
    "\t",
    " ",
    "  ",
    "\u3000",
    "|",
    "||",
    "\xa0",
    "\x0b",
    "\u2028",
    "0",
    "12",
    "3,456",
    "—",
    "/",
    "合计",
    "说明，",
    "信息内容",
    "a",
    "（一）予以公开",
    "三、收到和处理政府信息公开申请情况",
]
_LINES = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)
_TEXTS = st.lists(_LINES, min_size=1, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXTS, st.booleans())
def test_the_shape_in_bulk_is_every_line_told_alone(lines, seen_before):
    text_reader._KINDS.clear()
    if seen_before:
        text_reader._shape(lines[::2])
    assert text_reader._shape(lines) == "".join(map(text_reader._kind, lines))


@settings(max_examples=300, deadline=None)
@given(_LINES)
def test_a_plain_line_is_text(line):
    """What :func:`_not_plain` leaves out is what :func:`_kind` calls text."""
    plain = not text_reader._not_plain([line], dict.fromkeys([line], "t"))
    if plain:
        assert text_reader._kind(line) == "t"


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=30), st.integers(0, 3))
def test_paragraphs_are_the_lines_of_text(lines, blank_lines):
    text = "\n" * blank_lines + "\n".join(lines)
    document = document_from_text(text)
    shape = text_reader._shape(text.split("\n"))
    expected = [
        Paragraph(line.strip(), Source(line=number))
        for number, (line, kind) in enumerate(zip(text.split("\n"), shape, strict=True), 1)
        if kind == "t"
    ]
    paragraphs = [block for block in document.blocks if isinstance(block, Paragraph)]
    if "t" in shape and set(shape) <= set("bt"):  # prose alone
        assert paragraphs == expected
    assert all(paragraph in expected for paragraph in paragraphs)


def test_paragraphs_far_down_name_their_lines():
    far = (1 << 15) + 10  # beyond the line sources kept
    document = document_from_text("\n" * (far - 1) + "说明\n文字")
    assert document.blocks == (
        Paragraph("说明", Source(line=far)),
        Paragraph("文字", Source(line=far + 1)),
    )


_CELL = st.sampled_from(["", " ", "12", " 3 ", "合计", "（一）予以公开", "—", "\u3000"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=2, max_size=6), min_size=1, max_size=8))
def test_tab_rows_split_in_bulk_as_line_by_line(rows):
    lines = ["\t".join(["合计", *row]) for row in rows]
    (table,) = [b for b in document_from_text("\n".join(lines)).blocks if isinstance(b, Table)]
    assert [[cell.text for cell in row] for row in table.rows] == [
        [cell.strip() for cell in line.strip(" ").split("\t")] for line in lines
    ]
    assert [cell.source.line for row in table.rows for cell in row] == [
        number for number, line in enumerate(lines, 1) for _ in line.split("\t")
    ]


_PADDING = re.compile(r"^\s*\|{2,}\s*$")


@given(st.lists(st.sampled_from(["|", "||", " ", "\u3000", "a", "\t"]), max_size=6).map("".join))
def test_a_padding_line_is_pipes_alone(line):
    """The pipe-cell reader drops lines of two pipes or more and white space alone."""
    if "||" in line:
        assert (not line.strip().strip("|")) == bool(_PADDING.match(line))


@given(
    st.lists(st.sampled_from([" ", "  ", "\u3000", "a", "12", "合计", "\t"]), max_size=8).map(
        "".join
    )
)
def test_a_line_without_a_gap_is_one_part(line):
    """Re-flowed rows split at gaps; a line with no gap skips the regular expression."""
    stripped = line.strip(" \u3000")
    if "  " not in stripped and "\u3000" not in stripped:
        assert [part for part in text_reader._GAP.split(stripped) if part] == (
            [stripped] if stripped else []
        )
