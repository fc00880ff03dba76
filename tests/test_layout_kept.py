"""What table alignment keeps from one report to the next (the placements of layouts aligned
without a repair) never changes what it reads: a report reads the same after any other, its
own values are read wherever a layout was seen before, and what is kept stays bounded."""

from __future__ import annotations

import random

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.assemble import printed, tables
from gikaireport.document import Table
from gikaireport.formats import Kind
from gikaireport.model import CellStatus, DeviationKind, Report
from gikaireport.readers.text import document_from_text
from gikaireport.testing import LAYOUTS, Noise, render_text, reports, with_cell
from report_factory import make_report


def _fresh(text: str) -> Report:
    tables._LAIDOUT.clear()
    return gikaireport.parse_text(text)


def _same(read: Report, expected: Report) -> None:
    assert gikaireport.to_json(read) == gikaireport.to_json(expected)
    assert read.cells() == expected.cells()
    assert read.deviations == expected.deviations


def _cut(text: str, seed: int) -> str:
    """``text`` with a line dropped, doubled or cut in half (a repair to make, often)."""
    lines = text.split("\n")
    rnd = random.Random(seed)
    at = rnd.randrange(len(lines))
    how = rnd.choice(("drop", "twice", "cut"))
    if how == "drop":
        del lines[at]
    elif how == "twice":
        lines.insert(at, lines[at])
    else:
        lines[at] = lines[at][: len(lines[at]) // 2]
    return "\n".join(lines)


@settings(max_examples=40, deadline=None)
@given(
    st.data(),
    st.sampled_from(LAYOUTS),
    st.builds(Noise, *[st.booleans()] * 7),
    st.none() | st.integers(0, 10**6),
)
def test_a_report_reads_the_same_after_another_of_its_layout(data, layout, noise, cut):
    version = data.draw(st.sampled_from(("2021", "2019")))
    first = data.draw(reports(version, not_applicable=True))
    second = data.draw(reports(version, not_applicable=True))
    before = render_text(first, layout, noise)
    text = render_text(second, layout, noise)
    if cut is not None:
        text = _cut(text, cut)
    expected = _fresh(text)
    _fresh(before)
    _same(gikaireport.parse_text(text), expected)
    _same(gikaireport.parse_text(text), expected)  # after itself


@settings(max_examples=10, deadline=None)
@given(st.data(), st.sampled_from(LAYOUTS))
def test_a_layout_seen_before_reads_each_reports_own_values(data, layout):
    first = data.draw(reports())
    second = data.draw(reports())
    _fresh(render_text(first, layout))
    kept = dict(tables._LAIDOUT)
    read = gikaireport.parse_text(render_text(second, layout))
    assert read.values() == second.values()
    if not read.deviations:  # aligned without a repair: the first's layout, placed as it was
        assert kept == tables._LAIDOUT


def test_a_blank_where_a_value_was_is_another_layout():
    report = make_report(1)
    cell_id = report.tables[0].cells[0].id
    blanked = render_text(with_cell(report, cell_id, None, CellStatus.BLANK), "tab_rows")
    _fresh(render_text(report, "tab_rows"))
    read = gikaireport.parse_text(blanked)
    assert read.cell(cell_id).status is CellStatus.BLANK
    _same(read, _fresh(blanked))


def test_a_value_where_a_blank_was_is_another_layout():
    """A row's blank padding is dropped; a value there is one too many."""
    lines = render_text(make_report(1), "tab_rows").split("\n")
    row = next(k for k, line in enumerate(lines) if line.startswith("二、上年结转"))
    padded, extra = list(lines), list(lines)
    padded[row] += "\t"
    extra[row] += "\t7"
    assert not _fresh("\n".join(padded)).deviations
    read = gikaireport.parse_text("\n".join(extra))
    assert [d.kind for d in read.deviations] == [DeviationKind.EXTRA_VALUES]
    _same(read, _fresh("\n".join(extra)))


def test_a_text_no_value_is_never_taken_for_one():
    """Whatever a line prints that is not a value (a control character too) stays apart
    from the values in the layout.
    """
    lines = render_text(make_report(1), "paragraphs").split("\n")
    clean = _fresh("\n".join(lines))
    assert not clean.deviations
    for k in [k for k, line in enumerate(lines) if line.isdigit()][:12]:
        for odd in ("\x00", "\x01", "x"):
            text = "\n".join([*lines[:k], odd, *lines[k + 1 :]])
            expected = _fresh(text)
            _fresh("\n".join(lines))
            _same(gikaireport.parse_text(text), expected)


def test_the_same_texts_in_other_rows_are_another_layout():
    """A row of cells inside cells printed one per line, or the same cells as a stream: the
    texts are the same, the runs not, and neither is read as the other.
    """
    lines = render_text(make_report(1), "paragraphs").split("\n")
    differing = 0
    for k, line in enumerate(lines):
        if not line.isdigit():
            continue
        document = document_from_text("\n".join([*lines[:k], f"\t{line}\t\t3", *lines[k + 1 :]]))
        streamed = attrs.evolve(
            document,
            blocks=tuple(
                attrs.evolve(b, complete_rows=False) if isinstance(b, Table) else b
                for b in document.blocks
            ),
        )
        tables._LAIDOUT.clear()
        expected = gikaireport.parse_document(streamed)
        tables._LAIDOUT.clear()
        first = gikaireport.parse_document(document)
        if first.deviations or first.cells() == expected.cells():
            continue
        differing += 1
        _same(gikaireport.parse_document(streamed), expected)
    assert differing


def test_what_is_kept_stays_bounded(monkeypatch):
    monkeypatch.setattr(tables, "_LAYOUTS_KEPT", 3)
    tables._LAIDOUT.clear()
    for layout in LAYOUTS:
        for prose in range(3):
            text = "说明。\n" * prose + render_text(make_report(prose), layout)
            assert gikaireport.parse_text(text).values() == make_report(prose).values()
            assert len(tables._LAIDOUT) <= 3


def test_what_printed_texts_are_remembered_as_stays_bounded(monkeypatch):
    read = printed.readers[Kind.COUNT]
    remembered = [answer.__self__ for answer in (read, printed.value_or_blank, printed.masked)]  # type: ignore[attr-defined]
    for kept in remembered:  # what earlier reads left: every text below is then met anew
        kept.clear()
        kept.update(kept.fixed)
    monkeypatch.setattr(printed, "REMEMBERED", 5)
    for number in range(40):
        assert read(str(number)) == (CellStatus.NUMBER, number)
        assert printed.value_or_blank(f"{number}件")
        assert printed.masked(f"第{number}行") == f"第{number}行"
        assert read(None) == (CellStatus.ABSENT, None)  # kept when the rest is emptied
        assert all(len(kept) <= 5 for kept in remembered)
