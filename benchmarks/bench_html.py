"""The HTML reader against bare ``lxml.html.fromstring`` on the same generated pages.

Run from the repository root:

    PYTHONPATH=src python benchmarks/bench_html.py [--pages 20] [--repeat 5]

Pages are reports rendered by :func:`gikaireport.testing.html.render_html` in its variants
(portal page or bare fragment, UTF-8 or GBK, traditional characters ...). Each page is read
by both contenders in turn, ``repeat`` times, and the best time of each is kept; the ratio
is ours / baseline, so it does not depend on the machine. The baseline only parses; ours
also decodes, finds the report body and lays out the tables (``read + assemble`` is shown
for scale).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial
from typing import Any

import lxml.html

from gikaireport.assemble import assemble
from gikaireport.formats import Kind, get_format
from gikaireport.model import Cell, CellStatus, Meta, Part, Report, Table
from gikaireport.readers.html import read
from gikaireport.testing.html import render_html

VARIANTS: dict[str, dict[str, Any]] = {
    "portal page, utf-8": {},
    "portal page, gbk declared": {"encoding": "gbk"},
    "portal page, gb2312, undeclared": {"encoding": "gb2312", "declare_charset": False},
    "portal page, traditional, <br>, &nbsp;": {"traditional": True, "breaks": True, "nbsp": True},
    "bare fragment": {"page": False},
}


def make_report(rng: random.Random) -> Report:
    """A report with every cell drawn at random (numbers mostly, some blanks and dashes)."""
    version = rng.choice(("2021", "2019"))
    year = rng.randint(2021, 2024) if version == "2021" else rng.choice((2019, 2020))
    spec = get_format(version)
    tables = []
    for table in spec.tables:
        cells = []
        for row in table.rows:
            for column in row.columns:
                cell_id = f"{table.id}.{row.id}.{column.id}"
                draw = rng.random()
                if draw < 0.1:
                    cells.append(Cell(cell_id, CellStatus.BLANK))
                elif draw < 0.2:
                    cells.append(Cell(cell_id, CellStatus.NOT_APPLICABLE, raw="/"))
                elif column.kind is Kind.DECIMAL:
                    amount = Decimal(rng.randint(0, 99999)) / 100
                    cells.append(Cell(cell_id, CellStatus.NUMBER, amount))
                else:
                    cells.append(Cell(cell_id, CellStatus.NUMBER, rng.randint(0, 500)))
        tables.append(Table(table.id, tuple(cells)))
    prose = "本年度持续推进政府信息公开工作，围绕群众关切及时发布政策文件和解读材料。" * 6
    parts = tuple(
        Part(part.id, f"{part.number}、{part.title.text}", f"{part.number}、", prose)
        for part in spec.parts
    )
    agency = rng.choice(("示例县人民政府", "示例市示例区人民政府办公室", "示例县教育局"))
    meta = Meta(agency=agency, year=year, published=dt.date(year + 1, 1, rng.randint(1, 31)))
    return Report(version, meta, parts, tuple(tables))


def read_and_assemble(data: bytes, name: str) -> Report:
    return assemble(read(data, name))


def best_of(function: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20, help="reports per variant")
    parser.add_argument("--repeat", type=int, default=5, help="timings per page and contender")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    reports = [make_report(rng) for _ in range(args.pages)]

    header = (
        f"{'variant':40} {'KiB':>6} {'lxml ms':>8} {'read ms':>8} {'ratio':>6} {'+assemble ms':>13}"
    )
    print(header)
    print("-" * len(header))
    ratios: list[float] = []
    for variant, options in VARIANTS.items():
        pages = [render_html(report, **options) for report in reports]
        baseline = ours = full = 0.0
        for index, data in enumerate(pages):
            name = f"page{index}.html"
            baseline += best_of(partial(lxml.html.fromstring, data), args.repeat)
            ours += best_of(partial(read, data, name), args.repeat)
            full += best_of(partial(read_and_assemble, data, name), max(1, args.repeat // 2))
        size = statistics.mean(len(page) for page in pages) / 1024
        n = len(pages)
        ratio = ours / baseline
        ratios.append(ratio)
        print(
            f"{variant:40} {size:6.1f} {1000 * baseline / n:8.2f} {1000 * ours / n:8.2f}"
            f" {ratio:6.1f} {1000 * full / n:13.2f}"
        )
    print("-" * len(header))
    print(f"read / lxml.html.fromstring: geometric mean {statistics.geometric_mean(ratios):.1f}x")


if __name__ == "__main__":
    main()
