"""Consistent reports for the validation tests, built from the format declaration.

The values are drawn leaf by leaf and every total is computed from the declaration's rows,
so a generated report satisfies every relation of its version.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gikaireport.formats import Kind, get_format
from gikaireport.model import Report
from gikaireport.validate.examples import CellInput, example_report

NEUTRAL_TEXTS: dict[str, str | None] = {
    "overview": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "review_litigation": "",
    "other": "本机关本年度未收取信息处理费。",
}


@st.composite
def consistent_reports(draw: st.DrawFn, version: str | None = None) -> Report:
    """A report of ``version`` (drawn when ``None``) whose every relation holds."""
    version = version or draw(st.sampled_from(["2021", "2019"]))
    spec = get_format(version)
    small = st.integers(0, 30)
    values: dict[str, CellInput] = {}
    for cell in spec.cells():
        if cell.table.id == "proactive":
            if cell.kind is Kind.DECIMAL:
                values[cell.id] = Decimal(draw(st.integers(0, 99999))) / 100
            elif cell.kind is Kind.SIGNED:
                values[cell.id] = draw(st.integers(-50, 50))
            elif cell.row.id == "regulations":
                values[cell.id] = 0  # the example body is county-level
            else:
                values[cell.id] = draw(small)
    applications = spec.table("applications")
    results = [
        r for r in applications.rows if r.id.startswith("results.") and r.id != "results.total"
    ]
    applicant_columns = [c.id for c in applications.rows[0].columns if c.id != "total"]
    totals: dict[str, int] = {}
    for column in applicant_columns:
        leaves = {row.id: draw(st.integers(0, 3)) for row in results}
        forward = draw(st.integers(0, 3))
        total = sum(leaves.values())
        carried = draw(st.integers(0, total + forward))
        row_values = {
            **leaves,
            "results.total": total,
            "carried_forward": forward,
            "carried_over": carried,
            "new_received": total + forward - carried,
        }
        for row_id, value in row_values.items():
            values[f"applications.{row_id}.{column}"] = value
            totals[row_id] = totals.get(row_id, 0) + value
    for row_id, value in totals.items():
        values[f"applications.{row_id}.total"] = value
    for row in spec.table("review_litigation").rows:
        parts = [draw(st.integers(0, 3)) for _ in row.columns[:-1]]
        for column, value in zip(row.columns[:-1], parts, strict=True):
            values[f"review_litigation.{row.id}.{column.id}"] = value
        values[f"review_litigation.{row.id}.total"] = sum(parts)
    return example_report(values, version=version, parts=NEUTRAL_TEXTS)


def render_text(report: Report) -> str:
    """The report as plain text, one table row per line with tab-separated cells (the layout
    of text extracted from a PDF), for tests that read files."""
    spec = report.spec
    meta = report.meta
    lines = [meta.title or "", ""]
    if meta.period_start and meta.period_end:
        start, end = meta.period_start, meta.period_end
        lines += [
            f"本报告所列数据的统计期限自{start.year}年{start.month}月{start.day}日起"
            f"至{end.year}年{end.month}月{end.day}日止。",
            "",
        ]
    texts = {part.id: part.text for part in report.parts}
    for part in spec.parts:
        lines.append(f"{part.number}、{part.title.text}")
        if texts.get(part.id):
            lines.append(texts[part.id])
        if part.id not in {t.id for t in spec.tables}:
            continue
        table = spec.table(part.id)
        if table.one_row:
            lines.append("\t".join(row.label.text for row in table.rows))
            lines.append("\t".join(c.label.text for row in table.rows for c in row.columns))
            ids = [f"{table.id}.{row.id}.{c.id}" for row in table.rows for c in row.columns]
            lines.append("\t".join(report.cell(cell_id).raw for cell_id in ids))
            continue
        block = None
        for row in table.rows:
            if row.block and row.block != block:
                block = row.block
                lines.append(block)
                lines.append("\t".join(["信息内容", *(c.label.text for c in row.columns)]))
            elif table.id == "applications" and row is table.rows[0]:
                lines.append("\t".join(["", *(c.label.text for c in row.columns)]))
            cells = [report.cell(f"{table.id}.{row.id}.{c.id}").raw for c in row.columns]
            lines.append("\t".join([row.printed, *cells]))
    if meta.signed_by:
        lines.append(meta.signed_by)
    if meta.published:
        date = meta.published
        lines.append(f"{date.year}年{date.month}月{date.day}日")
    return "\n".join(lines) + "\n"
