"""The assembler's single pass over a table's rows, and tables whose cells are built on first
read: each against the general path it stands in for, on generated reports and mutations.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.assemble import assemble
from gikaireport.assemble.label_index import label_index
from gikaireport.assemble.matcher import (
    CAPTION,
    HEADER,
    INERT,
    UNSURE,
    match_label,
    plain_row,
)
from gikaireport.assemble.pieces import Pieces
from gikaireport.assemble.tables import _Aligner, _other_table
from gikaireport.document import Table as DocumentTable
from gikaireport.formats import FORMAT_2019, FORMAT_2021, FORMATS
from gikaireport.model import Cell, CellStatus, Report, Table, Value
from gikaireport.model.report import deferred_table
from gikaireport.readers.text import document_from_text
from gikaireport.testing import render_text
from gikaireport.testing.strategies import reports
from gikaireport.testing.text import LAYOUTS, Noise

APPLICATIONS = FORMAT_2021.table("applications")
INDEX = label_index(APPLICATIONS, FORMAT_2019.table("applications"))


def _mutated(text: str, data: st.DataObject) -> str:
    """One row of the text changed the way printed tables go wrong."""
    lines = text.split("\n")
    at = data.draw(st.integers(0, len(lines) - 1), label="line")
    change = data.draw(st.sampled_from(["drop", "twice", "cut", "pad", "glue", "stray"]))
    if change == "drop":
        del lines[at]
    elif change == "twice":
        lines.insert(at, lines[at])
    elif change == "cut":
        lines[at] = lines[at][: len(lines[at]) // 2]
    elif change == "pad":
        lines[at] = "\t" + lines[at] + "\t\t3"
    elif change == "glue":
        lines[at] = lines[at].replace("\t", "", 1)
    else:
        lines.insert(at, data.draw(st.sampled_from(["其他", "总计", "第 3 页", "申请人情况"])))
    return "\n".join(lines)


def _state(aligner: _Aligner) -> tuple[object, ...]:
    return (
        {row: list(values) for row, values in aligner.values.items()},
        aligner.labels,
        aligner.positional,
        aligner.deviations,
        aligner.merged,
        aligner.awaiting,
        aligner.last,
        aligner.pos,
        aligner.foreign,
    )


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(reports(), st.sampled_from(LAYOUTS), st.builds(Noise, *[st.booleans()] * 7), st.data())
def test_a_row_taken_in_one_pass_is_placed_as_the_general_path_places_it(
    report: Report, layout: str, noise: Noise, data: st.DataObject
) -> None:
    text = render_text(report, layout, noise)
    if data.draw(st.booleans(), label="mutate"):
        text = _mutated(text, data)
    pieces = Pieces(document_from_text(text).blocks)
    for version in FORMATS.values():
        for spec in version.tables:
            if spec.one_row:
                continue
            fast = _Aligner(spec, _other_table(spec.id, version.version), pieces)
            general = _Aligner(spec, _other_table(spec.id, version.version), pieces)
            for run in pieces.runs:
                if not run.complete:
                    continue
                fast.place([run])
                general.complete_run(run.start, run.end)
                assert _state(fast) == _state(general), pieces.texts[run.start : run.end]


def test_rows_printed_as_declared_are_taken_in_one_pass() -> None:
    report = Report.from_cells("2021", {})
    blocks = document_from_text(render_text(report, "tab_rows")).blocks
    pieces = Pieces(blocks)
    spec = FORMAT_2021.table("applications")
    aligner = _Aligner(spec, _other_table(spec.id, "2021"), pieces)
    taken = aligner.place([run for run in pieces.runs if run.complete])
    assert any(isinstance(b, DocumentTable) and b.complete_rows for b in blocks)
    assert taken >= len(spec.rows) - 3  # all but rows that need their group's caption


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一、本年新收政府信息公开申请数量", (0, True)),  # an official label, wherever the row is
        ("(一) 予 以 公 开", (2, True)),
        ("1. 属于国家秘密", (4, True)),
        ("其他", (22, False)),  # a short body: the expected row only
        ("申请人情况", (INERT, False)),  # a column header of the official form
        ("（三）不予公开", (CAPTION, False)),  # a group caption
        ("（二）部分公开", (UNSURE, False)),  # a declared variant
        ("本年新收政府信息公开申", (UNSURE, False)),  # a cut label: depends on the expected row
    ],
)
def test_plain_row_agrees_with_the_matcher(text: str, expected: tuple[int, bool]) -> None:
    row, anywhere = plain_row(INDEX, text)
    assert (row, anywhere) == expected
    for pos in range(len(APPLICATIONS.rows)):
        match = match_label(INDEX, text, pos, lambda _: True)
        if row >= 0 and (anywhere or pos == row):
            assert match is not None and match.row == row and not match.variant
        elif row != UNSURE:
            assert match is None
        assert match_label(INDEX, text, pos, lambda _: False) is None


def test_a_column_header_is_never_a_label_and_is_looked_at() -> None:
    proactive = FORMAT_2021.table("proactive")
    index = label_index(proactive, FORMAT_2019.table("proactive"))
    assert plain_row(index, "本年度止件数") == (HEADER, False)
    for pos in range(len(proactive.rows)):
        assert match_label(index, "本年度止件数", pos, lambda _: True) is None


def _cells() -> tuple[Cell, ...]:
    return (
        Cell("t.a.x", CellStatus.NUMBER, 3, "3"),
        Cell("t.a.y", CellStatus.BLANK),
    )


class _Built:
    """The plan of cells one function makes, all at once, when one is first asked for."""

    def __init__(self, ids: tuple[str, ...], build: Callable[[], tuple[Cell, ...]]) -> None:
        self.ids = ids
        self.build = build
        self.cells: tuple[Cell, ...] | None = None

    def _made(self) -> tuple[Cell, ...]:
        if self.cells is None:
            self.cells = self.build()
        return self.cells

    def readings(self) -> tuple[list[CellStatus], list[Value | None]]:
        return [c.status for c in self._made()], [c.value for c in self._made()]

    def cell(self, position: int) -> Cell:
        return self._made()[position]


def test_a_deferred_table_builds_its_cells_once_and_equals_the_table_built_at_once() -> None:
    built = []

    def build() -> tuple[Cell, ...]:
        built.append(1)
        return _cells()

    table = deferred_table("t", _Built(("t.a.x", "t.a.y"), build))
    eager = Table("t", _cells())
    assert not built
    assert table == eager and hash(table) == hash(eager)
    assert table.cells == eager.cells and table.cells is table.cells
    assert len(built) == 1
    assert attrs.asdict(table) == attrs.asdict(eager)
    assert attrs.evolve(table, id="u") == Table("u", _cells())
    assert (
        pickle.loads(pickle.dumps(deferred_table("t", _Built(("t.a.x", "t.a.y"), _cells)))) == eager
    )
    assert [a.name for a in attrs.fields(Table)] == ["id", "cells"]


def test_a_report_is_checked_against_the_deferred_ids_without_building_the_cells() -> None:
    report = gikaireport.parse_text(render_text(Report.from_cells("2021", {})))
    ids = [tuple(cell.id for cell in table.cells) for table in report.tables]

    def never() -> tuple[Cell, ...]:
        pytest.fail("the cells were built")

    tables = tuple(
        deferred_table(t.id, _Built(i, never)) for t, i in zip(report.tables, ids, strict=True)
    )
    assert attrs.evolve(report, tables=tables).tables is tables
    short = deferred_table(tables[0].id, _Built(ids[0][:-1], never))
    with pytest.raises(ValueError, match="every cell of its format"):
        attrs.evolve(report, tables=(short, *tables[1:]))


@settings(max_examples=15, deadline=None, derandomize=True)
@given(reports(), st.sampled_from(LAYOUTS))
def test_an_assembled_report_equals_its_copy_with_cells_built_at_once(
    report: Report, layout: str
) -> None:
    read = assemble(document_from_text(render_text(report, layout)))
    eager = attrs.evolve(read, tables=tuple(Table(t.id, tuple(t.cells)) for t in read.tables))
    assert read == eager
    assert gikaireport.to_json(read) == gikaireport.to_json(eager)
    assert read.values() == report.values()
