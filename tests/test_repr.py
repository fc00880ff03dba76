from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import attrs
from hypothesis import given, settings

import gikaireport
from gikaireport.export.html_repr import findings_html, report_html
from gikaireport.finding import Finding, Severity
from gikaireport.model import CellStatus, Meta, Report
from gikaireport.testing import reports
from report_factory import make_report
from test_export import SOME_STATUSES, with_statuses


class Cells(HTMLParser):
    """Collect every ``td`` with a ``data-cell`` attribute: its text and attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[str, dict[str, str]] = {}
        self.tables = 0
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            self.tables += 1
        if tag == "td" and found.get("data-cell"):
            cell_id = found["data-cell"] or ""
            assert cell_id not in self.cells, f"{cell_id} shown twice"
            self.cells[cell_id] = {**{k: v or "" for k, v in found.items()}, "text": ""}
            self._current = cell_id

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._current = None

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self.cells[self._current]["text"] += data


def shown(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


@settings(max_examples=25, deadline=None)
@given(reports(version=None, not_applicable=True))
def test_every_cell_value_is_shown_once(report: Report) -> None:
    found = shown(report_html(report, findings=()))
    assert found.tables == 3
    assert list(found.cells) == list(report.spec.cell_ids)
    for cell_id, cell in report.cells().items():
        expected = str(cell.value) if cell.status is CellStatus.NUMBER else cell.raw
        assert found.cells[cell_id]["text"] == expected, cell_id


def test_seeds_are_shown_in_full(corpus: Path) -> None:
    for path in sorted((corpus / "seeds").glob("*.txt")):
        report = gikaireport.read(path)
        found = shown(report._repr_html_())
        assert {cell_id: cell["text"] for cell_id, cell in found.cells.items()} == {
            cell_id: "" if value is None else str(value)
            for cell_id, value in report.values().items()
        }


def test_statuses_are_shown_and_hovered() -> None:
    report = with_statuses(make_report(3), SOME_STATUSES)
    found = shown(report_html(report, findings=()))
    assert found.cells["proactive.regulations.issued"]["text"] == "/"
    assert found.cells["proactive.regulations.repealed"]["text"] == ""
    assert found.cells["applications.new_received.research_institution"]["text"] == "见附件"
    assert found.cells["review_litigation.review.total"]["class"] == "absent"
    for cell_id, (status, _) in SOME_STATUSES.items():
        assert found.cells[cell_id]["title"] == f"{cell_id} ({status.value})"
    assert "not_applicable" in report_html(report, findings=())


def test_layout_follows_the_form() -> None:
    html = report_html(make_report(5), findings=())
    for caption in ("第二十条第（一）项", "第二十条第（八）项", "法人或其他组织", "（三）不予公开"):
        assert caption in html
    assert '<th rowspan="8">（三）不予公开</th>' in html
    assert '<th colspan="10">行政诉讼</th>' in html
    # part 四 is one row of fifteen numbers
    review = html.split("四、政府信息公开行政复议、行政诉讼情况")[1]
    last_row = review.split("<tr>")[-1]
    assert last_row.count("<td ") == 15


def Note(code: str, message: str, cells: tuple[str, ...], severity: str = "error") -> Finding:
    """A finding with only what the display shows (no English message, no location)."""
    return Finding(code, "test-note", Severity(severity), message, "", cells)


def test_findings_are_highlighted_with_their_message() -> None:
    report = make_report(9)
    notes = [
        Note("E101", "（七）总计 ≠ 各项办理结果之和", ("applications.results.total.total",)),
        Note(
            "W201",
            "行政复议 总计 ≠ <各项之和>",
            ("review_litigation.review.total", "applications.results.total.total"),
        ),
    ]
    html = report_html(report, findings=notes)
    found = shown(html)
    total = found.cells["applications.results.total.total"]
    assert "background" in total["style"]
    assert total["title"].splitlines()[1:] == [
        "E101: （七）总计 ≠ 各项办理结果之和",
        "W201: 行政复议 总计 ≠ <各项之和>",
    ]
    assert "style" not in found.cells["applications.results.total.natural_person"]
    assert "&lt;各项之和&gt;" in html  # escaped
    assert "2 findings" in html


def test_findings_table() -> None:
    html = findings_html([Note("E101", "a < b", ("x.y.z", "x.y.w"))])
    assert html.count("<tr") == 2
    assert "a &lt; b" in html and "x.y.{z, w}" in html and "error" in html
    assert "No findings" in findings_html([])


def test_text_is_escaped() -> None:
    report = attrs.evolve(make_report(2), meta=Meta(title="<script>alert(1)</script>"))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def _mutated(report: Report, cell_id: str) -> Report:
    broken = report.cell(cell_id)
    wrong = attrs.evolve(broken, value=int(broken.value or 0) + 1, raw=str((broken.value or 0) + 1))
    tables = tuple(
        attrs.evolve(
            table, cells=tuple(wrong if cell.id == cell_id else cell for cell in table.cells)
        )
        for table in report.tables
    )
    mutated: Report = attrs.evolve(report, tables=tables)
    return mutated


def test_display_marks_only_the_cell_at_fault() -> None:
    cell_id = "applications.results.total.total"
    mutated = _mutated(make_report(6), cell_id)
    findings = gikaireport.validate(mutated)
    relation = [f for f in findings if f.expected is not None and cell_id in f.cells]
    assert relation, "the mutation breaks a sum relation"
    found = shown(gikaireport.display(mutated, findings)._repr_html_())
    marked = {c for c, attributes in found.cells.items() if "style" in attributes}
    faulty = {f.cells[0] for f in findings if f.expected is not None or f.actual is not None}
    faulty |= {c for f in findings if f.expected is None and f.actual is None for c in f.cells}
    assert cell_id in marked
    assert marked == faulty  # not every cell the relations name
    named = {c for f in relation for c in f.cells}
    assert len(named) > len(marked & named)
    assert found.cells[cell_id]["class"] == "number error"
    assert len(found.cells[cell_id]["title"].splitlines()) > 1


def test_repr_html_does_not_validate() -> None:
    mutated = _mutated(make_report(6), "applications.results.total.total")
    html = mutated._repr_html_()
    assert "findings</small>" not in html and '<table class="findings">' not in html
    assert not any("style" in a for a in shown(html).cells.values())


def Severe(code: str, message: str, cells: tuple[str, ...], severity: Severity) -> Finding:
    """A finding of the given severity."""
    return Note(code, message, cells, severity.value)


def test_severities_have_their_own_colours() -> None:
    report = make_report(3)
    cells = ["applications.new_received.total", "applications.carried_over.total"]
    cells.append("review_litigation.review.total")
    notes = [
        Severe(code, "m", (cell,), severity)
        for code, cell, severity in zip(("A", "B", "C"), cells, gikaireport.Severity, strict=True)
    ]
    found = shown(report_html(report, notes))
    styles = [found.cells[cell]["style"] for cell in cells]
    assert len(set(styles)) == 3
    assert [found.cells[cell]["class"].split()[-1] for cell in cells] == [
        "error",
        "warning",
        "info",
    ]


def test_absent_cells_keep_their_styling_when_marked() -> None:
    report = with_statuses(make_report(3), SOME_STATUSES)
    cell_id = "review_litigation.review.total"
    found = shown(report_html(report, [Note("E1", "missing", (cell_id,))]))
    assert found.cells[cell_id]["class"] == "absent error"
    # a background colour, not the background shorthand that would hide the absent pattern
    assert "background-color" in found.cells[cell_id]["style"]
    assert "background:" not in found.cells[cell_id]["style"]
    assert "td.absent{background-image" in report_html(report, findings=())
    assert "text-align:left !important" in report_html(report, findings=())


def test_deviations_are_outlined_and_listed() -> None:
    report = attrs.evolve(
        make_report(3),
        deviations=(
            gikaireport.Deviation(
                "row-missing", "未找到一行", ("applications.carried_over.total",)
            ),
        ),
    )
    html = report._repr_html_()
    found = shown(html)
    assert found.cells["applications.carried_over.total"]["class"] == "number deviation"
    assert "row-missing" in html and "未找到一行" in html


def test_english_display() -> None:
    report = make_report(5)
    note = Note("E1", "中文", ("applications.new_received.total",))
    html = report_html(report, [note], lang="en")
    assert "new received" in html and "natural person" in html and "state secret" in html
    assert "本年新收" not in html and "中文" in html  # no English message: the Chinese one
    assert list(shown(html).cells) == list(report.spec.cell_ids)
    html = gikaireport.display(
        report, gikaireport.validate(_mutated(report, "applications.new_received.total")), lang="en"
    )._repr_html_()
    assert "relation" in html  # the English messages


def test_compact_repr_and_rich_table_and_findings() -> None:
    report = make_report(5)
    text = repr(report)
    assert len(text) < 300 and "Report('2021'" in text and "number" in text
    assert len(repr(report.applications)) < 100
    table = shown(report.applications._repr_html_())
    assert list(table.cells) == [cell.id for cell in report.applications]
    findings = gikaireport.validate(_mutated(report, "applications.new_received.total"))
    html = findings._repr_html_()
    assert "<th>location</th>" in html and findings[0].code in html


def test_findings_table_lists_cells_compactly() -> None:
    cells = tuple(f"applications.new_received.{c}" for c in ("natural_person", "total"))
    html = findings_html([Note("E1", "m", cells)])
    assert "applications.new_received.{natural_person, total}" in html
