"""Consistent reports for the batch and export tests, and a plain-text rendering of them.

The text follows the tab-separated layout of the seed reports (text extracted from a PDF
or Word file: one table row per line, cells separated by tabs), so that ``gikaireport.read``
reads it back.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from gikaireport.formats import FORMAT_2021, Kind, get_format
from gikaireport.model import Cell, CellStatus, Meta, Part, Report, Table

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
    tables = tuple(
        Table(
            table.id,
            tuple(
                Cell(
                    f"{table.id}.{row.id}.{column.id}",
                    CellStatus.NUMBER,
                    values[f"{table.id}.{row.id}.{column.id}"],
                    str(values[f"{table.id}.{row.id}.{column.id}"]),
                )
                for row in table.rows
                for column in row.columns
            ),
        )
        for table in spec.tables
    )
    meta = Meta(
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        published=dt.date(year + 1, 1, rng.randrange(5, 30)),
    )
    parts = tuple(Part(part.id, part.title.text, part.number + "、", "") for part in spec.parts)
    return Report(version, meta, parts, tables, path=path)


def render_text(report: Report) -> str:
    """The report as plain text in the tab layout (2021 format)."""
    assert report.format_version == "2021"
    spec = FORMAT_2021
    values = report.values()
    meta = report.meta
    assert meta.year is not None and meta.published is not None
    lines = [
        f"{meta.agency}{meta.year}年政府信息公开工作年度报告",
        "",
        f"本报告所列数据的统计期限自{meta.year}年1月1日起至{meta.year}年12月31日止。",
        "",
    ]
    prose = {
        "overview": f"{meta.year}年，我县认真贯彻落实《中华人民共和国政府信息公开条例》。",
        "problems": "政府信息公开工作仍存在一些不足，下一步将持续改进。",
        "other": "本年度未收取信息处理费。",
    }
    for part in spec.parts:
        lines += [f"{part.number}、{part.title.text}", ""]
        if part.id in prose:
            lines += [prose[part.id], ""]
            continue
        table = spec.table(part.id)
        if part.id == "proactive":
            block = None
            for row in table.rows:
                if row.block != block:
                    block = row.block
                    lines.append(f"{block}")
                    lines.append("\t".join(["信息内容", *(c.label.text for c in row.columns)]))
                cells = [str(values[f"proactive.{row.id}.{c.id}"]) for c in row.columns]
                lines.append("\t".join([row.label.text, *cells]))
        elif part.id == "applications":
            columns = table.rows[0].columns
            lines.append("\t".join(["", "申请人情况"]))
            lines.append("\t".join(["", columns[0].label.text, "法人或其他组织", "总计"]))
            lines.append("\t".join(["", "", *(c.label.text for c in columns[1:-1])]))
            group = None
            for row in table.rows:
                label = row.printed
                if row.group and row.group != group and not row.group.startswith("三"):
                    label = f"{row.group}\t{label}"
                group = row.group
                if row.id == "results.disclosed":
                    label = f"{row.group}\t{label}"
                cells = [str(values[f"applications.{row.id}.{c.id}"]) for c in columns]
                lines.append("\t".join([label, *cells]))
        else:
            first = [row.label.text for row in table.rows]
            lines.append("\t".join([first[0], "行政诉讼"]))
            lines.append("\t".join(["", *first[1:]]))
            fields = [c.label.text for row in table.rows for c in row.columns]
            lines.append("\t".join(fields))
            lines.append(
                "\t".join(
                    str(values[f"review_litigation.{row.id}.{c.id}"])
                    for row in table.rows
                    for c in row.columns
                )
            )
        lines.append("")
    day = meta.published
    lines += [f"{meta.agency}人民政府办公室", f"{day.year}年{day.month}月{day.day}日", ""]
    return "\n".join(lines)
