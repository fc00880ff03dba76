"""Consistent reports drawn from a seed, for tests and benchmarks that need many files.

``gikaireport.testing.reports`` draws reports inside hypothesis tests; a batch test needs a
fixed set of many reports instead, the same on every run, so they are drawn here from
``random.Random(seed)``. ``write_reports`` renders them with ``gikaireport.testing.render_text``,
cycling through its layouts.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from pathlib import Path

from gikaireport.formats import Kind, get_format
from gikaireport.model import Cell, CellStatus, Meta, Part, Report
from gikaireport.testing import LAYOUTS, render_text

AGENCIES = ("交口县", "会同县", "汾西县", "灵丘县", "平乡县", "阳城县", "宁乡市", "安平县")


def make_values(rng: random.Random, version: str = "2021") -> dict[str, int | Decimal]:
    """Draw leaf cells and compute every total from the format's relations."""
    spec = get_format(version)
    values: dict[str, int | Decimal] = {}
    for declared in spec.cells():
        if declared.kind is Kind.DECIMAL:
            values[declared.id] = Decimal(rng.randrange(0, 10**6)) / Decimal(10**4)
        elif declared.kind is Kind.SIGNED:
            values[declared.id] = rng.randrange(-50, 50)
        else:
            values[declared.id] = rng.choice((0, 0, 0, 1, 2, 3, 7, 12, 40, 125))
    applications = spec.table("applications")
    results = [row.id for row in applications.rows if row.id.startswith("results.")]
    columns = [column.id for column in applications.rows[0].columns]
    applicants = columns[:-1]

    def cell(row: str, column: str) -> str:
        return f"applications.{row}.{column}"

    for result in results[:-1]:
        for column in applicants:
            values[cell(result, column)] = rng.choice((0, 0, 0, 1, 2, 5))
    for column in applicants:
        values[cell("results.total", column)] = sum(
            int(values[cell(result, column)]) for result in results[:-1]
        )
        values[cell("carried_forward", column)] = rng.choice((0, 0, 1, 2))
        outgoing = int(values[cell("results.total", column)]) + int(
            values[cell("carried_forward", column)]
        )
        carried_over = rng.randrange(0, outgoing + 1)
        values[cell("carried_over", column)] = carried_over
        values[cell("new_received", column)] = outgoing - carried_over
    for printed in applications.rows:
        values[cell(printed.id, "total")] = sum(
            int(values[cell(printed.id, c)]) for c in applicants
        )
    for block in spec.table("review_litigation").rows:
        prefix = f"review_litigation.{block.id}"
        fields = ("upheld", "corrected", "other", "pending")
        values[f"{prefix}.total"] = sum(int(values[f"{prefix}.{field}"]) for field in fields)
    return values


def make_report(seed: int, version: str = "2021", path: str | None = None) -> Report:
    """A consistent report with every cell a number, its meta drawn from ``seed``."""
    rng = random.Random(seed)
    spec = get_format(version)
    values = make_values(rng, version)
    agency = rng.choice(AGENCIES)
    year = rng.randrange(2021 if version == "2021" else 2019, 2025 if version == "2021" else 2021)
    cells = {
        cell_id: Cell(cell_id, CellStatus.NUMBER, value, str(value))
        for cell_id, value in values.items()
    }
    meta = Meta(
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        published=dt.date(year + 1, 1, rng.randrange(5, 30)),
        signed_by=f"{agency}人民政府办公室",
    )
    parts = tuple(Part(part.id, part.title.text, part.number + "、", "") for part in spec.parts)
    return Report.from_cells(version, cells, meta=meta, parts=parts, path=path)


def write_reports(
    directory: Path, count: int, start: int = 0, version: str = "2021"
) -> dict[str, Report]:
    """Write reports ``start`` .. ``start + count - 1`` as text files, layouts in turn.

    Returns the reports by file name.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = {}
    for seed in range(start, start + count):
        report = make_report(seed, version)
        layout = LAYOUTS[seed % len(LAYOUTS)]
        name = f"report_{seed:04d}_{layout}.txt"
        (directory / name).write_text(render_text(report, layout), encoding="utf-8")
        written[name] = report
    return written
