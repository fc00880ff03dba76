"""HTML for notebooks: a report's three tables laid out like the official form, and findings.

:meth:`Report._repr_html_ <gikaireport.Report>` calls :func:`report_html`, so a report shows
itself in Jupyter. Part 二 is printed block by block (第二十条第（一）项 ...), part 三 with the
applicant columns under their group caption, part 四 as one row of fifteen numbers. Every
value cell carries its canonical id (``data-cell``) and, on hover (``title``), its id and
status. The report is validated for the display: cells named by a finding are
highlighted and their hover text lists the findings' messages.

Row and column labels come from the format declaration; only the two captions of the form
that the declaration does not hold as labels (信息内容 and 法人或其他组织) are written here.
"""

from __future__ import annotations

import enum
import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby
from typing import Protocol

from gikaireport.formats import Row, TableSpec
from gikaireport.model import Cell, CellStatus, Report

__all__ = ["FindingLike", "findings_html", "report_html"]

_CONTENT = "信息内容"
_ORGANISATIONS = "法人或其他组织"
_HIGHLIGHT = "background:#fde2e1;outline:1px solid #d9534f"

_STYLE = """<style>
.gikaireport table{border-collapse:collapse;margin:0 0 1em 0;font-size:12px}
.gikaireport th,.gikaireport td{border:1px solid #999;padding:2px 6px}
.gikaireport th{font-weight:normal;text-align:left;background:#f4f4f4}
.gikaireport td{text-align:right;min-width:2.5em}
.gikaireport td.absent{background:#eee}
.gikaireport td.unreadable,.gikaireport td.not_applicable{color:#8a6d3b}
</style>"""


class FindingLike(Protocol):
    """What the display needs of a validation finding."""

    @property
    def code(self) -> str:
        """The rule's stable code."""

    @property
    def message(self) -> str:
        """What is wrong, in one line."""

    @property
    def cells(self) -> Sequence[str]:
        """The canonical ids of the cells concerned."""


def _validate(report: Report) -> list[FindingLike]:
    """Run the validation rules (imported on use: the model imports this module lazily)."""
    from gikaireport.validate import validate

    return list(validate(report))


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _shown(cell: Cell) -> str:
    if cell.status is CellStatus.NUMBER:
        return str(cell.value)
    if cell.status is CellStatus.NOT_APPLICABLE:
        return cell.raw or "—"
    if cell.status is CellStatus.UNREADABLE:
        return cell.raw
    return ""


def _td(cell: Cell, notes: Mapping[str, list[str]], colspan: int = 1) -> str:
    hover = [f"{cell.id} ({cell.status.value})", *notes.get(cell.id, ())]
    style = f' style="{_HIGHLIGHT}"' if cell.id in notes else ""
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return (
        f'<td data-cell="{_esc(cell.id)}" class="{cell.status.value}"{span}{style}'
        f' title="{_esc(chr(10).join(hover))}">{_esc(_shown(cell))}</td>'
    )


def _th(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    return f"<th{spans}>{_esc(text)}</th>"


def _row_cells(report: Report, table: TableSpec, row: Row) -> list[Cell]:
    return [report.cell(f"{table.id}.{row.id}.{column.id}") for column in row.columns]


def _proactive(report: Report, table: TableSpec, notes: Mapping[str, list[str]]) -> Iterator[str]:
    width = max(len(row.columns) for row in table.rows)
    for block, rows in groupby(table.rows, key=lambda row: row.block):
        if block:
            yield f"<tr>{_th(block, colspan=width + 1)}</tr>"
        header: tuple[str, ...] = ()
        for row in rows:
            labels = tuple(column.label.text for column in row.columns)
            if labels != header:
                header = labels
                spans = [1] * (len(labels) - 1) + [width - len(labels) + 1]
                yield (
                    "<tr>"
                    + _th(_CONTENT)
                    + "".join(
                        _th(label, colspan=span) for label, span in zip(labels, spans, strict=True)
                    )
                    + "</tr>"
                )
            cells = _row_cells(report, table, row)
            last = width - len(cells) + 1
            tds = [
                _td(cell, notes, last if i == len(cells) - 1 else 1) for i, cell in enumerate(cells)
            ]
            yield "<tr>" + _th(row.printed) + "".join(tds) + "</tr>"


def _applications(
    report: Report, table: TableSpec, notes: Mapping[str, list[str]]
) -> Iterator[str]:
    columns = table.rows[0].columns
    first, organisations, last = columns[0], columns[1:-1], columns[-1]
    yield (
        "<tr>"
        + _th("", rowspan=2, colspan=3)
        + _th(first.label.text, rowspan=2)
        + _th(_ORGANISATIONS, colspan=len(organisations))
        + _th(last.label.text, rowspan=2)
        + "</tr>"
    )
    yield "<tr>" + "".join(_th(column.label.text) for column in organisations) + "</tr>"
    results = [row for row in table.rows if row.id.startswith("results.")]
    top = results[0].group if results else None
    labels = {id(row): _th(row.printed, colspan=3) for row in table.rows}
    for group, run in groupby(results, key=lambda row: row.group):
        members = list(run)
        for index, row in enumerate(members):
            if group == top:
                labels[id(row)] = _th(row.printed, colspan=2)
            elif len(members) == 1:
                labels[id(row)] = _th(group or row.printed, colspan=2)
            elif index == 0:
                labels[id(row)] = _th(group or "", rowspan=len(members)) + _th(row.printed)
            else:
                labels[id(row)] = _th(row.printed)
    if results:
        labels[id(results[0])] = _th(top or "", rowspan=len(results)) + labels[id(results[0])]
    for row in table.rows:
        values = "".join(_td(cell, notes) for cell in _row_cells(report, table, row))
        yield "<tr>" + labels[id(row)] + values + "</tr>"


def _review(report: Report, table: TableSpec, notes: Mapping[str, list[str]]) -> Iterator[str]:
    first: list[str] = []
    second: list[str] = []
    for group, rows in groupby(table.rows, key=lambda row: row.group):
        members = list(rows)
        if group is None:
            first += [_th(row.label.text, rowspan=2, colspan=len(row.columns)) for row in members]
        else:
            first.append(_th(group, colspan=sum(len(row.columns) for row in members)))
            second += [_th(row.label.text, colspan=len(row.columns)) for row in members]
    fields = [_th(column.label.text) for row in table.rows for column in row.columns]
    yield "<tr>" + "".join(first) + "</tr>"
    yield "<tr>" + "".join(second) + "</tr>"
    yield "<tr>" + "".join(fields) + "</tr>"
    yield (
        "<tr>"
        + "".join(_td(cell, notes) for row in table.rows for cell in _row_cells(report, table, row))
        + "</tr>"
    )


def _notes(findings: Iterable[FindingLike]) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for finding in findings:
        for cell_id in finding.cells:
            notes.setdefault(cell_id, []).append(f"{finding.code}: {finding.message}")
    return notes


def report_html(report: Report, findings: Iterable[FindingLike] | None = None) -> str:
    """Return the report as HTML: a short header and the three tables as the form prints them.

    ``findings`` are highlighted on their cells; when ``None``, the report is validated with
    :func:`gikaireport.validate.validate`.
    """
    found = _validate(report) if findings is None else list(findings)
    notes = _notes(found or ())
    spec = report.spec
    meta = report.meta
    facts = [
        meta.agency,
        f"{meta.year} 年度" if meta.year is not None else None,
        f"{spec.version} 格式（{spec.name}）",
        f"发布 {meta.published.isoformat()}" if meta.published else None,
        report.source_format,
        report.path,
    ]
    counts = report.status_counts()
    summary = ", ".join(
        f"{counts[status]} {status.value}" for status in CellStatus if counts[status]
    )
    if report.deviations:
        summary += f"; {len(report.deviations)} deviations"
    if found is not None:
        summary += f"; {len(found)} findings"
    out = [
        _STYLE,
        '<div class="gikaireport">',
        f"<p><b>{_esc(meta.title or '(untitled report)')}</b><br>",
        _esc(" · ".join(fact for fact in facts if fact)),
        f"<br><small>{sum(counts.values())} cells: {_esc(summary)}</small></p>",
    ]
    renderers = {
        "proactive": _proactive,
        "applications": _applications,
        "review_litigation": _review,
    }
    for table in spec.tables:
        part = spec.part(table.id)
        out.append(f"<h4>{_esc(part.number)}、{_esc(part.title.text)}</h4>")
        out.append("<table>")
        out.extend(renderers[table.id](report, table, notes))
        out.append("</table>")
    if found:
        out.append(findings_html(found))
    out.append("</div>")
    return "\n".join(out)


def _plain(value: object) -> str:
    return str(value.value) if isinstance(value, enum.Enum) else str(value)


def findings_html(findings: Iterable[FindingLike]) -> str:
    """Return findings as a small HTML table: code, severity, message and cells."""
    rows = [
        "<tr>"
        + "".join(
            f'<td style="text-align:left">{_esc(text)}</td>'
            for text in (
                finding.code,
                _plain(getattr(finding, "severity", "")),
                finding.message,
                ", ".join(finding.cells),
            )
        )
        + "</tr>"
        for finding in findings
    ]
    if not rows:
        return '<div class="gikaireport"><p>No findings.</p></div>'
    header = "".join(_th(name) for name in ("code", "severity", "message", "cells"))
    return (
        f'{_STYLE}<div class="gikaireport"><table><tr>{header}</tr>'
        + "".join(rows)
        + "</table></div>"
    )
