"""Proposals from the format's arithmetic for doubtful OCR readings (no OCR needed here)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.assemble.confidence import corrections, doubtful_readings
from gikaireport.model import Cell, CellStatus, Report, Source
from gikaireport.testing import reports
from report_factory import make_report

DOUBT = Source(page=3, table=5, row=7, column=8, confidence=0.6)
SURE = Source(page=3, table=5, row=7, column=8, confidence=0.99)


def _misread(report: Report, cell_id: str, raw: str, source: Source) -> dict[str, Cell]:
    cells = dict(report.cells())
    status = CellStatus.NUMBER if raw.isdigit() else CellStatus.UNREADABLE
    cells[cell_id] = Cell(cell_id, status, int(raw) if raw.isdigit() else None, raw, source)
    return cells


def _misread_one(
    report: Report, data: st.DataObject, source: Source
) -> tuple[str, object, int, dict[str, Cell]]:
    """Draw a cell in some sum relation and misread it as another number."""
    ids = sorted({c for relation in report.spec.relations for c in relation.cells})
    cell_id = data.draw(st.sampled_from(ids))
    printed = report.cell(cell_id).value
    wrong = data.draw(st.integers(0, 99_999).filter(lambda v: v != printed))
    return cell_id, printed, wrong, _misread(report, cell_id, str(wrong), source)


@settings(max_examples=60, deadline=None)
@given(report=reports(version=None), data=st.data())
def test_one_doubtful_misread_gets_the_printed_number_as_a_proposal(
    report: Report, data: st.DataObject
) -> None:
    cell_id, printed, wrong, cells = _misread_one(report, data, DOUBT)
    found = corrections(report.spec, cells, {DOUBT: ("O", str(printed))})
    assert [(d.kind, d.cells, d.expected, d.found) for d in found] == [
        ("ocr-correction", (cell_id,), str(printed), str(wrong))
    ]
    # a proposal only: the cell keeps the number as read
    assert cells[cell_id].value == wrong


@settings(max_examples=30, deadline=None)
@given(report=reports(version=None), data=st.data())
def test_a_sure_reading_that_breaks_a_sum_keeps_its_error(
    report: Report, data: st.DataObject
) -> None:
    _, printed, _, cells = _misread_one(report, data, SURE)
    assert corrections(report.spec, cells, {SURE: (str(printed),)}) == []
    assert doubtful_readings(cells.values()) == []


def test_an_unreadable_cell_gets_the_reading_that_makes_its_sums_hold() -> None:
    report = make_report(3)
    cell_id = "applications.results.disclosed.natural_person"
    printed = report.cell(cell_id).value
    cells = _misread(report, cell_id, "O", DOUBT)
    (proposal,) = corrections(report.spec, cells, {DOUBT: (str(printed),)})
    assert (proposal.found, proposal.expected) == ("O", str(printed))
    assert cells[cell_id].status is CellStatus.UNREADABLE


def test_no_proposal_when_the_alternative_does_not_satisfy_every_sum() -> None:
    report = make_report(3)
    cell_id = "applications.results.disclosed.natural_person"
    printed = report.cell(cell_id).value
    assert isinstance(printed, int)
    cells = _misread(report, cell_id, str(printed + 7), DOUBT)
    assert corrections(report.spec, cells, {DOUBT: (str(printed + 3),)}) == []


def test_no_proposal_when_two_cells_of_the_sum_are_doubtful() -> None:
    report = make_report(3)
    row = "review_litigation.review"
    other = Source(page=4, table=6, row=2, column=2, confidence=0.5)
    cells = _misread(report, f"{row}.upheld", "99", DOUBT)
    upheld = cells[f"{row}.corrected"]
    cells[f"{row}.corrected"] = Cell(upheld.id, upheld.status, upheld.value, upheld.raw, other)
    printed = report.cell(f"{row}.upheld").value
    assert corrections(report.spec, cells, {DOUBT: (str(printed),)}) == []


def test_a_total_printed_0_beside_parts_summing_to_11_stays_an_error() -> None:
    """Real reports print such totals; reading them by OCR must not hide the error."""
    report = make_report(5)
    row = "review_litigation.review"
    values = {"upheld": 4, "corrected": 3, "other": 2, "pending": 2}
    cells = dict(report.cells())
    for field, value in values.items():
        cell_id = f"{row}.{field}"
        cells[cell_id] = Cell(cell_id, CellStatus.NUMBER, value, str(value), SURE)
    cells[f"{row}.total"] = Cell(f"{row}.total", CellStatus.NUMBER, 0, "0", SURE)
    assert corrections(report.spec, cells, {SURE: ("11",)}) == []
    printed = Report.from_cells(
        report.format_version, cells, meta=report.meta, parts=report.parts
    )
    findings = gikaireport.validate(printed)
    assert any(f"{row}.total" in f.cells and f.code.startswith("GK3") for f in findings)


def test_a_reader_s_alternative_reading_becomes_a_proposal_and_a_finding() -> None:
    """Through the assembler: a cell as the OCR reader gives it (doubtful, with another
    reading) gets ocr-doubtful and ocr-correction deviations, findings GK113 and GK114, and
    keeps the value as read."""
    from gikaireport.assemble import assemble
    from gikaireport.document import Document, Table, TableCell
    from gikaireport.readers.text import read
    from gikaireport.testing import render_text

    report = make_report(3)
    cell_id = "applications.results.disclosed.total"
    printed = report.cell(cell_id).value
    assert isinstance(printed, int)
    document = read(render_text(report).encode(), "scan")
    blocks = list(document.blocks)
    for index, block in enumerate(blocks):
        if isinstance(block, Table):
            for r, row in enumerate(block.rows):
                if any("予以公开" in cell.text for cell in row):
                    last = max(i for i, cell in enumerate(row) if cell.text.strip())
                    source = row[last].source._replace(confidence=0.55)
                    misread = TableCell(str(printed + 3), source, (str(printed),))
                    rows = list(block.rows)
                    rows[r] = (*row[:last], misread, *row[last + 1 :])
                    blocks[index] = Table(tuple(rows), block.source, block.complete_rows)
    got = assemble(Document(tuple(blocks), path="scan", format="image"))
    assert got.cell(cell_id).value == printed + 3
    kinds = {(d.kind, d.cells, d.expected) for d in got.deviations if d.kind.startswith("ocr")}
    assert kinds == {
        ("ocr-doubtful", (cell_id,), None),
        ("ocr-correction", (cell_id,), str(printed)),
    }
    codes = {f.code for f in gikaireport.validate(got) if cell_id in f.cells}
    assert {"GK113", "GK114"} <= codes
