"""HTML for notebooks: a report's three tables laid out like the official form, and findings.

:meth:`Report._repr_html_ <gikaireport.Report>` calls :func:`report_html`, so a report shows
itself in Jupyter. Part 二 is printed block by block (第二十条第（一）项 ...), part 三 with the
applicant columns under their group caption, part 四 as one row of fifteen numbers. Every
value cell carries its canonical id (``data-cell``) and, on hover (``title``), its id, status
and the notes about it.

Displaying a report does not validate it: the display shows what the report already knows
(its cells and the deviations reading recorded). Findings are shown when they are given:
``gikaireport.display(report, gikaireport.validate(report))``. A finding marks only the cells
at fault: for a sum relation (a finding with ``expected`` or ``actual``) the first cell it
names, the total that disagrees with its parts; otherwise every cell it names. The other cells
it names carry its message in their hover text. Errors, warnings and info have their own
colours; deviations are outlined.

Row and column labels and the header captions (信息内容, 法人或其他组织) come from the format
declaration (``lang="zh"``) or are its ids spelt out (``lang="en"``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from itertools import groupby

from attrs import frozen

from gikaireport.finding import Finding
from gikaireport.formats import FORMATS, Column, Row, TableSpec, split_canonical_id
from gikaireport.model import Cell, CellStatus, Report, Table

__all__ = ["display"]

_LANGS = ("zh", "en")
_CAPTIONS_EN = {"label_column": "item", "column_group": "legal persons and other organisations"}

_COLOURS = {
    "error": ("#f8d7da", "#c9302c"),
    "warning": ("#fff3cd", "#d39e00"),
    "info": ("#dbeaf7", "#31708f"),
}
"""Background and outline colour of a cell at fault, by the finding's severity."""

_RANK = {"info": 0, "warning": 1, "error": 2}

_STYLE = """<style>
div.gikaireport table{border-collapse:collapse;margin:0 0 1em 0;font-size:12px}
div.gikaireport table th,div.gikaireport table td{border:1px solid #999;padding:2px 6px}
div.gikaireport table th{font-weight:normal;text-align:left !important;background:#f4f4f4}
div.gikaireport table td{text-align:right !important;min-width:2.5em}
div.gikaireport table td.absent{background-image:repeating-linear-gradient(
135deg,#e4e4e4 0 3px,#f7f7f7 3px 6px)}
div.gikaireport table td.unreadable,div.gikaireport table td.not_applicable{color:#8a6d3b}
div.gikaireport table td.deviation{box-shadow:inset 0 0 0 2px #8c6bb1}
div.gikaireport table.findings td{text-align:left !important;vertical-align:top}
div.gikaireport table.findings td.cells{font-family:monospace;font-size:11px}
</style>"""


@frozen
class _View:
    """What the table renderers need besides the report: notes, marks and the language."""

    notes: dict[str, list[str]]
    marks: dict[str, str]
    lang: str = "zh"


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _words(identifier: str) -> str:
    return identifier.replace("_", " ")


def _shown(cell: Cell) -> str:
    if cell.status is CellStatus.NUMBER:
        return str(cell.value)
    if cell.status is CellStatus.NOT_APPLICABLE:
        return cell.raw or "—"
    if cell.status is CellStatus.UNREADABLE:
        return cell.raw
    return ""


def _td(cell: Cell, view: _View, colspan: int = 1) -> str:
    hover = [f"{cell.id} ({cell.status.value})", *view.notes.get(cell.id, ())]
    mark = view.marks.get(cell.id)
    classes = cell.status.value
    style = ""
    if mark == "deviation":
        classes += " deviation"
    elif mark:
        classes += f" {mark}"
        fill, line = _COLOURS[mark]
        style = f' style="background-color:{fill};outline:2px solid {line};outline-offset:-2px"'
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return (
        f'<td data-cell="{_esc(cell.id)}" class="{classes}"{span}{style}'
        f' title="{_esc(chr(10).join(hover))}">{_esc(_shown(cell))}</td>'
    )


def _th(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (
        f' colspan="{colspan}"' if colspan > 1 else ""
    )
    return f"<th{spans}>{_esc(text)}</th>"


def _row_label(row: Row, lang: str) -> str:
    return row.printed if lang == "zh" else _words(row.id.rsplit(".", 1)[-1])


def _column_label(column: Column, lang: str) -> str:
    return column.label.text if lang == "zh" else _words(column.id)


def _group(row: Row, lang: str) -> str | None:
    if lang == "zh" or row.group is None:
        return row.group
    segments = row.id.split(".")
    return _words(segments[-2]) if len(segments) > 2 else _words(segments[0])


def _row_cells(report: Report, table: TableSpec, row: Row) -> list[Cell]:
    return [report.cell(cell_id) for cell_id in table.row_cell_ids(row)]


def _caption(table: TableSpec, name: str, lang: str) -> str:
    """A header caption of ``table``: the declaration's (``zh``) or its English name."""
    return str(getattr(table.captions, name)) if lang == "zh" else _CAPTIONS_EN[name]


def _proactive(report: Report, table: TableSpec, view: _View) -> Iterator[str]:
    width = max(len(row.columns) for row in table.rows)
    for block, rows in groupby(table.rows, key=lambda row: row.block):
        if block:
            yield f"<tr>{_th(block, colspan=width + 1)}</tr>"
        header: tuple[str, ...] = ()
        for row in rows:
            labels = tuple(_column_label(column, view.lang) for column in row.columns)
            if labels != header:
                header = labels
                spans = [1] * (len(labels) - 1) + [width - len(labels) + 1]
                yield (
                    "<tr>"
                    + _th(_caption(table, "label_column", view.lang))
                    + "".join(
                        _th(label, colspan=span) for label, span in zip(labels, spans, strict=True)
                    )
                    + "</tr>"
                )
            cells = _row_cells(report, table, row)
            last = width - len(cells) + 1
            tds = [
                _td(cell, view, last if i == len(cells) - 1 else 1) for i, cell in enumerate(cells)
            ]
            yield "<tr>" + _th(_row_label(row, view.lang)) + "".join(tds) + "</tr>"


def _result_labels(results: list[Row], lang: str) -> dict[int, str]:
    """The label cells of part 三's result rows: the results caption, groups, rows."""
    labels: dict[int, str] = {}
    top = results[0].group if results else None
    for group, run in groupby(results, key=lambda row: row.group):
        members = list(run)
        caption = _group(members[0], lang)
        for index, row in enumerate(members):
            label = _row_label(row, lang)
            if group == top:
                labels[id(row)] = _th(label, colspan=2)
            elif len(members) == 1:
                labels[id(row)] = _th(caption or label, colspan=2)
            elif index == 0:
                labels[id(row)] = _th(caption or "", rowspan=len(members)) + _th(label)
            else:
                labels[id(row)] = _th(label)
    if results:
        caption = (top or "") if lang == "zh" else "results"
        labels[id(results[0])] = _th(caption, rowspan=len(results)) + labels[id(results[0])]
    return labels


def _applications(report: Report, table: TableSpec, view: _View) -> Iterator[str]:
    columns = table.rows[0].columns
    first, organisations, last = columns[0], columns[1:-1], columns[-1]
    yield (
        "<tr>"
        + _th("", rowspan=2, colspan=3)
        + _th(_column_label(first, view.lang), rowspan=2)
        + _th(_caption(table, "column_group", view.lang), colspan=len(organisations))
        + _th(_column_label(last, view.lang), rowspan=2)
        + "</tr>"
    )
    yield (
        "<tr>"
        + "".join(_th(_column_label(column, view.lang)) for column in organisations)
        + "</tr>"
    )
    results = [row for row in table.rows if row.id.startswith("results.")]
    labels = {id(row): _th(_row_label(row, view.lang), colspan=3) for row in table.rows}
    labels.update(_result_labels(results, view.lang))
    for row in table.rows:
        values = "".join(_td(cell, view) for cell in _row_cells(report, table, row))
        yield "<tr>" + labels[id(row)] + values + "</tr>"


def _review(report: Report, table: TableSpec, view: _View) -> Iterator[str]:
    first: list[str] = []
    second: list[str] = []
    for group, rows in groupby(table.rows, key=lambda row: row.group):
        members = list(rows)
        labels = [row.label.text if view.lang == "zh" else _words(row.id) for row in members]
        if group is None:
            first += [
                _th(label, rowspan=2, colspan=len(row.columns))
                for label, row in zip(labels, members, strict=True)
            ]
        else:
            caption = group if view.lang == "zh" else _words(members[0].id.split("_")[0])
            first.append(_th(caption, colspan=sum(len(row.columns) for row in members)))
            second += [
                _th(label, colspan=len(row.columns))
                for label, row in zip(labels, members, strict=True)
            ]
    fields = [_th(_column_label(column, view.lang)) for row in table.rows for column in row.columns]
    yield "<tr>" + "".join(first) + "</tr>"
    yield "<tr>" + "".join(second) + "</tr>"
    yield "<tr>" + "".join(fields) + "</tr>"
    yield (
        "<tr>"
        + "".join(_td(cell, view) for row in table.rows for cell in _row_cells(report, table, row))
        + "</tr>"
    )


_RENDERERS = {"proactive": _proactive, "applications": _applications, "review_litigation": _review}


def _text(finding: Finding, lang: str) -> str:
    return finding.message_en if lang == "en" and finding.message_en else finding.message


def at_fault(finding: Finding) -> tuple[str, ...]:
    """The cells a finding marks: for a sum relation (a finding with ``expected`` or
    ``actual``) the first cell it names, the total at odds with its parts; else all.
    """
    cells = tuple(finding.cells)
    relation = finding.expected is not None or finding.actual is not None
    return cells[:1] if relation else cells


def _view(report: Report, findings: Sequence[Finding], lang: str) -> _View:
    if lang not in _LANGS:
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    notes: dict[str, list[str]] = {}
    marks: dict[str, str] = {}
    for deviation in report.deviations:
        for cell_id in deviation.cells:
            notes.setdefault(cell_id, []).append(f"{deviation.kind}: {deviation.message}")
            marks.setdefault(cell_id, "deviation")
    for finding in findings:
        for cell_id in finding.cells:
            notes.setdefault(cell_id, []).append(f"{finding.code}: {_text(finding, lang)}")
        severity = finding.severity.value
        for cell_id in at_fault(finding):
            if _RANK[severity] >= _RANK.get(marks.get(cell_id, ""), -1):
                marks[cell_id] = severity
    return _View(notes, marks, lang)


def _header(report: Report, findings: Sequence[Finding] | None) -> str:
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
    if findings is not None:
        summary += f"; {len(findings)} findings"
    return (
        f"<p><b>{_esc(meta.title or '(untitled report)')}</b><br>"
        + _esc(" · ".join(fact for fact in facts if fact))
        + f"<br><small>{sum(counts.values())} cells: {_esc(summary)}</small></p>"
    )


def _tables(report: Report, view: _View, only: str | None = None) -> Iterator[str]:
    spec = report.spec
    for table in spec.tables:
        if only is not None and table.id != only:
            continue
        part = spec.part(table.id)
        title = f"{part.number}、{part.title.text}" if view.lang == "zh" else _words(part.id)
        yield f"<h4>{_esc(title)}</h4>"
        yield "<table>"
        yield from _RENDERERS[table.id](report, table, view)
        yield "</table>"


def _deviations_html(report: Report) -> str:
    rows = "".join(
        "<tr>"
        + "".join(
            f'<td class="{name}">{_esc(text)}</td>'
            for name, text in (
                ("kind", deviation.kind),
                ("message", deviation.message),
                ("cells", _compact(deviation.cells)),
            )
        )
        + "</tr>"
        for deviation in report.deviations
    )
    header = "".join(_th(name) for name in ("deviation", "message", "cells"))
    return f'<table class="findings"><tr>{header}</tr>{rows}</table>'


def report_html(report: Report, findings: Iterable[Finding] | None = None, lang: str = "zh") -> str:
    """Return the report as HTML: a short header and the three tables as the form prints them.

    ``findings`` (when given) mark the cells at fault in their severity's colour and are
    listed below the tables; the report is not validated here. The deviations that reading
    recorded are outlined and listed. ``lang="en"`` labels rows and columns by their ids and
    shows the English messages.
    """
    found = None if findings is None else list(findings)
    view = _view(report, found or [], lang)
    out = [_STYLE, '<div class="gikaireport">', _header(report, found)]
    out.extend(_tables(report, view))
    if report.deviations:
        out.append(_deviations_html(report))
    if found:
        out.append(_findings_table(found, lang))
    out.append("</div>")
    return "\n".join(out)


def table_html(table: Table, lang: str = "zh") -> str:
    """Return one table of a report as HTML, laid out like the form (``Table._repr_html_``)."""
    ids = [cell.id for cell in table.cells]
    for version, spec in FORMATS.items():
        if table.id in {t.id for t in spec.tables} and set(ids) <= set(spec.cell_ids):
            report = Report.from_cells(version, {cell.id: cell for cell in table.cells})
            body = "\n".join(_tables(report, _view(report, [], lang), only=table.id))
            return f'{_STYLE}<div class="gikaireport">{body}</div>'
    return f"<pre>{_esc(repr(table))}</pre>"


def _compact(cells: Sequence[str]) -> str:
    """List cell ids compactly: ids sharing a row as ``table.row.{a, b}``, at most five."""
    grouped: dict[str, list[str]] = {}
    for cell_id in cells:
        table, row, column = split_canonical_id(cell_id)
        grouped.setdefault(f"{table}.{row}", []).append(column)
    parts = [
        f"{stem}.{columns[0]}" if len(columns) == 1 else f"{stem}.{{{', '.join(columns)}}}"
        for stem, columns in grouped.items()
    ]
    shown = "; ".join(parts[:5])
    return shown + (f"; … ({len(parts) - 5} more rows)" if len(parts) > 5 else "")


def _findings_table(findings: Sequence[Finding], lang: str) -> str:
    rows = []
    for finding in findings:
        severity = finding.severity.value
        fill = _COLOURS[severity][0]
        fields = (
            ("code", finding.code),
            ("severity", severity),
            ("location", "" if finding.location is None else str(finding.location)),
            ("message", _text(finding, lang)),
            ("cells", _compact(finding.cells)),
        )
        rows.append(
            f'<tr style="background-color:{fill}">'
            + "".join(f'<td class="{name}">{_esc(text)}</td>' for name, text in fields)
            + "</tr>"
        )
    header = "".join(_th(n) for n in ("code", "severity", "location", "message", "cells"))
    return f'<table class="findings"><tr>{header}</tr>' + "".join(rows) + "</table>"


def findings_html(findings: Iterable[Finding], lang: str = "zh") -> str:
    """Return findings as an HTML table: code, severity (coloured), location, message and the
    cells listed compactly; ``lang="en"`` shows the English messages.
    """
    found = list(findings)
    if not found:
        return '<div class="gikaireport"><p>No findings.</p></div>'
    return f'{_STYLE}<div class="gikaireport">{_findings_table(found, lang)}</div>'


@frozen
class Display:
    """A report with the findings to show beside it; Jupyter displays it as HTML."""

    report: Report
    findings: tuple[Finding, ...] | None = None
    lang: str = "zh"

    def _repr_html_(self) -> str:
        return report_html(self.report, self.findings, self.lang)


def display(report: Report, findings: Iterable[Finding] | None = None, lang: str = "zh") -> Display:
    """Show a report with findings in a notebook: ``display(report, validate(report))``.

    Returns an object that Jupyter renders as the report's tables, the cells at fault marked
    in their finding's severity colour (error red, warning amber, info blue) and the findings
    listed below; ``lang="en"`` for English labels and messages. The report alone
    (``report`` as the last line of a cell) shows without validation.
    """
    return Display(report, None if findings is None else tuple(findings), lang)
