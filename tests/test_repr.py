from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import attrs
from hypothesis import given, settings

import gikaireport
from gikaireport.export.html_repr import findings_html, report_html
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


@attrs.frozen
class Note:
    code: str
    message: str
    cells: tuple[str, ...]
    severity: str = "error"


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
    assert html.count("<tr>") == 2
    assert "a &lt; b" in html and "x.y.z, x.y.w" in html and "error" in html
    assert "No findings" in findings_html([])


def test_text_is_escaped() -> None:
    report = attrs.evolve(make_report(2), meta=Meta(title="<script>alert(1)</script>"))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_repr_highlights_what_validation_finds() -> None:
    report = make_report(6)
    cells = report.cells()
    cell_id = "applications.results.total.total"
    broken = cells[cell_id]
    wrong = attrs.evolve(broken, value=int(broken.value or 0) + 1, raw=str((broken.value or 0) + 1))
    tables = tuple(
        attrs.evolve(
            table, cells=tuple(wrong if cell.id == cell_id else cell for cell in table.cells)
        )
        for table in report.tables
    )
    mutated: Report = attrs.evolve(report, tables=tables)
    found = shown(mutated._repr_html_())
    assert "background" in found.cells[cell_id]["style"]
    assert len(found.cells[cell_id]["title"].splitlines()) > 1
    assert found.cells[cell_id]["class"] == CellStatus.NUMBER.value
