"""What the plain-text reader keeps from one text to the next (the kinds of short lines)
never changes what it reads: a text reads the same after any other, and what is kept stays
bounded. Cells' sources name their own lines wherever a table moves."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gikaireport.document import Document, Table
from gikaireport.model import Source
from gikaireport.readers import text as text_reader
from gikaireport.readers.text import document_from_text
from gikaireport.testing import LAYOUTS, Noise, render_text, reports


def _sources(document: Document) -> list[Source]:
    return [
        cell.source
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row
    ]


def _tab_rows(prose: int, rows: int = 3, columns: int = 4) -> str:
    """A tab-row table after ``prose`` lines of prose: cell (r, c) prints ``r*100+c``."""
    head = [f"第{k}段说明文字，不是表格。" for k in range(prose)]
    body = ["\t".join(str(r * 100 + c) for c in range(1, columns + 1)) for r in range(1, rows + 1)]
    return "\n".join([*head, "", *body])


@pytest.mark.parametrize("order", [(3, 0, 3, 7, 0, 7), (0, 0, 5, 5, 1)])
def test_the_same_table_on_other_lines_gets_its_own_lines(order):
    for prose in order:
        sources = _sources(document_from_text(_tab_rows(prose)))
        first = prose + 2  # the prose, a blank line, then row 1
        assert sources == [
            Source(line=first + r - 1, table=1, row=r, column=c)
            for r in range(1, 4)
            for c in range(1, 5)
        ]


@settings(max_examples=15, deadline=None)
@given(
    reports(),
    st.sampled_from(LAYOUTS),
    st.builds(Noise, *[st.booleans()] * 7),
    st.integers(1, 40),
)
def test_a_text_read_after_itself_moved_down_reads_moved_down(report, layout, noise, shift):
    text = render_text(report, layout, noise)
    before = document_from_text(text)
    after = document_from_text("\n" * shift + text)
    again = document_from_text(text)
    assert again == before
    assert _sources(after) == [s._replace(line=(s.line or 0) + shift) for s in _sources(before)]
    assert [b.text for b in after.blocks if not isinstance(b, Table)] == [
        b.text for b in before.blocks if not isinstance(b, Table)
    ]


def test_wide_tables_and_far_lines_name_their_cells():
    wide = "\t".join(str(c) for c in range(300))
    sources = _sources(document_from_text(f"{wide}\n{wide}"))
    assert sources[-1] == Source(line=2, table=1, row=2, column=300)
    far = "\n" * (1 << 20) + "1\t2\n3\t4"
    sources = _sources(document_from_text(far))
    assert sources[-1] == Source(line=(1 << 20) + 2, table=1, row=2, column=2)


def test_what_is_kept_stays_bounded(monkeypatch):
    monkeypatch.setattr(text_reader, "_KINDS", {})
    monkeypatch.setattr(text_reader, "_KINDS_KEPT", 30)
    for prose in range(25):
        text = _tab_rows(prose, rows=4, columns=5)
        sources = _sources(document_from_text(text))
        assert sources[0] == Source(line=prose + 2, table=1, row=1, column=1)
        assert sources[-1] == Source(line=prose + 5, table=1, row=4, column=5)
        assert len(text_reader._KINDS) <= 30 + len(text.split("\n"))
