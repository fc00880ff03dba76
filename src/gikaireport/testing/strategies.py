"""Hypothesis strategies for consistent reports, built from the format declarations.

Leaf cells are drawn and every total is computed from the declaration's relations, so a
generated report satisfies every arithmetic rule. Use these in your own tests::

    from hypothesis import given
    from gikaireport.testing import reports

    @given(reports())
    def test_my_tool(report): ...
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import strategies as st

from gikaireport.formats import FormatSpec, Kind, canonical_id, get_format
from gikaireport.model import Cell, CellStatus, Meta, Part, Report, Source, Value

__all__ = ["AGENCIES", "counts", "reports", "with_cell"]

AGENCIES = (
    "示例县人民政府",
    "示例县人民政府办公室",
    "示范市样板区人民政府",
    "示例市生态环境局",
    "样板县交通运输局",
    "示例镇人民政府",
    "示范市示例街道办事处",
    "示例省测试厅",
)
"""Fictional agencies used in generated reports."""


def counts(large: bool = True) -> st.SearchStrategy[int]:
    """Non-negative counts: mostly small, sometimes zero, sometimes large."""
    small = st.integers(0, 12)
    if not large:
        return small
    return st.one_of(small, st.just(0), st.integers(0, 99_999))


def _amounts() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.just(Decimal("0")),
        st.decimals(min_value=0, max_value=99_999, places=2, allow_nan=False, allow_infinity=False),
        st.decimals(min_value=0, max_value=99, places=4, allow_nan=False, allow_infinity=False),
    )


def _signed() -> st.SearchStrategy[int]:
    return st.integers(-500, 500)


def _number(kind: Kind) -> st.SearchStrategy[Value]:
    if kind is Kind.DECIMAL:
        return _amounts()
    if kind is Kind.SIGNED:
        return _signed()
    return counts()


def _applications(row: str, column: str) -> str:
    return canonical_id("applications", row, column)


@st.composite
def _values(draw: st.DrawFn, spec: FormatSpec, large: bool) -> dict[str, Value]:
    values: dict[str, Value] = {}
    for proactive_row in spec.table("proactive").rows:
        for proactive_column in proactive_row.columns:
            cell_id = canonical_id("proactive", proactive_row.id, proactive_column.id)
            values[cell_id] = draw(_number(proactive_column.kind))
    applications = spec.table("applications")
    result_rows = [
        r.id for r in applications.rows if r.id.startswith("results.") and r.id != "results.total"
    ]
    applicant_columns = [c.id for c in applications.rows[0].columns if c.id != "total"]
    for column in applicant_columns:
        amount = counts(large)
        results = 0
        for result_row in result_rows:
            value = draw(amount)
            values[_applications(result_row, column)] = value
            results += value
        forward = draw(amount)
        over = draw(st.integers(0, results + forward))
        values[_applications("results.total", column)] = results
        values[_applications("carried_forward", column)] = forward
        values[_applications("carried_over", column)] = over
        values[_applications("new_received", column)] = results + forward - over
    for row in applications.rows:
        ids = applications.row_cell_ids(row)
        values[ids[-1]] = sum(int(values[cell_id]) for cell_id in ids[:-1])
    for row in spec.table("review_litigation").rows:
        parts = [draw(counts(large)) for _ in range(4)]
        for name, count in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            values[canonical_id("review_litigation", row.id, name)] = count
        values[canonical_id("review_litigation", row.id, "total")] = sum(parts)
    return values


@st.composite
def reports(
    draw: st.DrawFn,
    version: str | None = "2021",
    *,
    large: bool = True,
    not_applicable: bool = False,
) -> Report:
    """Consistent reports of ``version`` (``None`` draws the version too).

    Args:
        draw: supplied by hypothesis.
        version: ``"2021"``, ``"2019"`` or ``None``.
        large: allow large counts (up to 99,999) besides small ones.
        not_applicable: allow part 二 cells printed as ``/`` (part 二 has no relations).

    """
    chosen = version if version is not None else draw(st.sampled_from(("2021", "2019")))
    spec = get_format(chosen)
    values = draw(_values(spec, large))
    slashed: set[str] = set()
    if not_applicable:
        proactive = [c for c in spec.cell_ids if c.startswith("proactive.")]
        slashed = set(draw(st.lists(st.sampled_from(proactive), max_size=4)))
    cells = {
        cell_id: (
            Cell(cell_id, CellStatus.NOT_APPLICABLE, None, "/", Source())
            if cell_id in slashed
            else Cell(cell_id, CellStatus.NUMBER, value, str(value), Source())
        )
        for cell_id, value in values.items()
    }
    year = draw(st.integers(2021, 2025) if chosen == "2021" else st.integers(2019, 2020))
    agency = draw(st.sampled_from(AGENCIES))
    published = dt.date(year + 1, 1, draw(st.integers(5, 31)))
    meta = Meta(
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        published=published,
        signed_by=agency,
    )
    parts = tuple(
        Part(part.id, f"{part.number}、{part.title.text}", f"{part.number}、", "", None)
        for part in spec.parts
    )
    return Report.from_cells(chosen, cells, meta=meta, parts=parts)


def with_cell(
    report: Report, cell_id: str, value: Value | None, status: CellStatus | None = None
) -> Report:
    """A copy of ``report`` with one cell changed (for mutation tests).

    ``value=None`` with ``status`` BLANK/NOT_APPLICABLE/ABSENT makes the cell non-numeric.
    """
    new_status = status or (CellStatus.NUMBER if value is not None else CellStatus.BLANK)
    old = report.cell(cell_id)
    cell = Cell(cell_id, new_status, value, "" if value is None else str(value), old.source)
    tables = tuple(
        attrs.evolve(table, cells=tuple(cell if c.id == cell_id else c for c in table.cells))
        for table in report.tables
    )
    return attrs.evolve(report, tables=tables)
