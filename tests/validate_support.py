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
    results = [r for r in applications.rows if r.id.startswith("results.") and r.id != "results.total"]
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
