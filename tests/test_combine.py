"""Two readings combined per table: the kept number is the printed one, or it is flagged."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.assemble import assemble
from gikaireport.assemble.combine import READINGS_DISAGREE, combine, relations_hold
from gikaireport.document import Document, Table
from gikaireport.model import CellStatus, Report
from gikaireport.readers.text import document_from_text
from gikaireport.testing import reports, with_cell
from gikaireport.testing.text import render_text


def flagged(report: Report) -> set[str]:
    return {cell_id for deviation in report.deviations for cell_id in deviation.cells}


def numeric_ids(report: Report) -> list[str]:
    return [c.id for c in report.cells().values() if c.status is CellStatus.NUMBER]


@settings(max_examples=30)
@given(report=reports(), data=st.data())
def test_one_misread_cell_is_corrected_or_flagged(report: Report, data: st.DataObject) -> None:
    cell_id = data.draw(st.sampled_from(numeric_ids(report)), label="cell")
    value = report.values()[cell_id]
    assert value is not None
    misread = with_cell(report, cell_id, value + data.draw(st.integers(1, 9), label="delta"))
    for first, second in ((report, misread), (misread, report)):
        combined = combine(first, second)
        assert combined.values()[cell_id] == value or cell_id in flagged(combined)
        others = {k: v for k, v in combined.values().items() if k != cell_id}
        assert others == {k: v for k, v in report.values().items() if k != cell_id}


@settings(max_examples=10)
@given(report=reports())
def test_agreeing_readings_add_nothing(report: Report) -> None:
    combined = combine(report, report)
    assert combined.values() == report.values()
    assert not any(d.kind == READINGS_DISAGREE for d in combined.deviations)


@settings(max_examples=10)
@given(report=reports())
def test_a_missed_cell_is_taken_from_the_other_reading(report: Report) -> None:
    cell_id = numeric_ids(report)[-1]
    table_id = cell_id.split(".")[0]
    missed = report
    for cell in report.table(table_id):
        if cell.id == cell_id:
            missed = with_cell(report, cell_id, None, CellStatus.ABSENT)
    combined = combine(missed, report)
    assert combined.values() == report.values()
    assert relations_hold(combined) == relations_hold(report)


def test_a_failing_relation_asks_for_a_second_reading() -> None:
    report = gikaireport.parse_text(
        render_text(gikaireport.read("examples/example-county-2023.txt"))
    )
    assert relations_hold(report)
    total = "applications.new_received.total"
    value = report.values()[total]
    assert value is not None
    assert not relations_hold(with_cell(report, total, value + 1))


def test_reader_notes_and_doubtful_pages_become_deviations() -> None:
    text = render_text(gikaireport.read("examples/example-county-2023.txt"))
    base = document_from_text(text, "x.pdf")
    blocks = tuple(
        Table(
            tuple(
                tuple(c._replace(source=c.source._replace(page=2)) for c in row) for row in b.rows
            ),
            b.source,
        )
        if isinstance(b, Table)
        else b
        for b in base.blocks
    )
    document = Document(
        blocks,
        path="x.pdf",
        format="pdf",
        notes=("report body: <div> at line 3",),
        problems=("1 page has no text layer (scanned?): 3",),
        doubtful_pages=((2, "ocr-text-layer", "第2页的文字是扫描图像上的OCR文字层"),),
    )
    report = assemble(document)
    kinds = {d.kind: d for d in report.deviations}
    assert kinds["reader-note"].message == "1 page has no text layer (scanned?): 3"
    assert [d.kind for d in report.deviations].count("reader-note") == 1  # notes stay notes
    ocr = kinds["ocr-text-layer"]
    read = {c.id for c in report.cells().values() if c.status is not CellStatus.ABSENT}
    assert read and set(ocr.cells) == read
    findings = gikaireport.validate(report)
    assert any("ocr-text-layer" in f.message_en for f in findings)
    assert any(set(f.cells) == read for f in findings)
