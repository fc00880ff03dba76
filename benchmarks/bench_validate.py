"""Validation throughput, side by side with baselines measured in the same run.

    python benchmarks/bench_validate.py [--reports N] [--repeat R]

Reports: N consistent reports generated from the format declaration (random values, every
relation holding, both format versions), plus the corpus seeds when the corpus is found
(GIKAIREPORT_CORPUS or ../shared/corpus). For each set it times, best of R rounds:

- ``validate(report)``: every rule over one report;
- baseline ``report.values()``: reading every cell's number once;
- baseline ``relation sums``: a plain-Python loop summing both sides of every relation of the
  declaration through ``report.cell(id)``, the bare arithmetic check without any rule;
- baseline ``no content``: every rule but the content rules (``ignore=["content"]``), so
  that ``x no content`` is what reading the text of parts 一 and 五 adds.

It prints reports per second of CPU time of this process (``time.process_time``: one core,
not counting time spent waiting for a core on a busy machine) and how many times a baseline
validate costs.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from gikaireport import read  # noqa: E402
from gikaireport.formats import Kind, get_format  # noqa: E402
from gikaireport.model import Report  # noqa: E402
from gikaireport.validate import validate  # noqa: E402
from gikaireport.validate.examples import CellInput, example_report  # noqa: E402

TEXTS: dict[str, str | None] = {
    "overview": "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，依法办理政府信息公开申请。",
    "review_litigation": "",
    "other": "本机关本年度未收取信息处理费。",
}
"""Part texts without numbers (the example report's texts quote its own numbers)."""


def generated(count: int, seed: int = 2021) -> list[Report]:
    """Consistent reports: leaves drawn at random, totals computed from the declaration."""
    rng = random.Random(seed)
    out = []
    for index in range(count):
        version = "2021" if index % 4 else "2019"
        spec = get_format(version)
        values: dict[str, CellInput] = {}
        for cell in spec.cells():
            if cell.table.id != "proactive":
                continue
            if cell.kind is Kind.DECIMAL:
                values[cell.id] = Decimal(rng.randint(0, 99999)) / 100
            elif cell.kind is Kind.SIGNED:
                values[cell.id] = rng.randint(-50, 50)
            else:
                values[cell.id] = 0 if cell.row.id == "regulations" else rng.randint(0, 500)
        table = spec.table("applications")
        results = [r for r in table.rows if r.id.startswith("results.") and r.id != "results.total"]
        totals: dict[str, int] = {}
        for column in [c.id for c in table.rows[0].columns if c.id != "total"]:
            leaves = {row.id: rng.choice((0, 0, 0, 1, 2, 5)) for row in results}
            forward = rng.randint(0, 3)
            total = sum(leaves.values())
            carried = rng.randint(0, total + forward)
            row_values = {**leaves, "results.total": total, "carried_forward": forward,
                          "carried_over": carried, "new_received": total + forward - carried}
            for row_id, value in row_values.items():
                values[f"applications.{row_id}.{column}"] = value
                totals[row_id] = totals.get(row_id, 0) + value
        for row_id, value in totals.items():
            values[f"applications.{row_id}.total"] = value
        for row in spec.table("review_litigation").rows:
            parts = [rng.randint(0, 2) for _ in row.columns[:-1]]
            for column, value in zip(row.columns[:-1], parts, strict=True):
                values[f"review_litigation.{row.id}.{column.id}"] = value
            values[f"review_litigation.{row.id}.total"] = sum(parts)
        out.append(example_report(values, version=version, parts=TEXTS))
    return out


def seeds() -> list[Report]:
    """The corpus seed reports, or an empty list when the corpus is not found."""
    env = os.environ.get("GIKAIREPORT_CORPUS")
    corpus = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return [read(path) for path in sorted((corpus / "seeds").glob("*.txt"))]


def relation_sums(report: Report) -> int:
    """Sum both sides of every relation; count those that do not hold (blanks skipped)."""
    failing = 0
    for relation in report.spec.relations:
        left = [report.cell(c).value for c in relation.left]
        right = [report.cell(c).value for c in relation.right]
        if None in left or None in right:
            continue
        if sum(left) != sum(right):  # type: ignore[arg-type]
            failing += 1
    return failing


def without_content(report: Report) -> object:
    """Every rule but those of the ``content`` category."""
    return validate(report, ignore=["content"])


def best(function: Callable[[Report], object], reports: Sequence[Report], repeat: int) -> float:
    """CPU seconds per report, best of ``repeat`` rounds over all reports."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for report in reports:
            function(report)
        times.append((time.process_time() - start) / len(reports))
    return min(times)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=400, help="generated reports (default 400)")
    parser.add_argument("--repeat", type=int, default=7, help="rounds, best kept (default 7)")
    args = parser.parse_args(argv)

    sets = {"generated": generated(args.reports)}
    corpus = seeds()
    if corpus:
        sets["seeds"] = corpus * max(1, 200 // len(corpus))  # rounds long enough to time
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {sys.version.split()[0]}, one process, CPU time, best of {args.repeat} rounds"
          f" (load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"{'set':<10} {'runs':>7} {'validate/s':>11} {'values()/s':>11} {'sums/s':>9} "
          f"{'x values()':>10} {'x sums':>7} {'x no content':>12}")
    for name, reports in sets.items():
        for report in reports:  # warm caches of the declaration, as in a long run
            validate(report)
        timings = {"validate": [], "values": [], "sums": [], "no content": []}  # type: dict[str, list[float]]
        for _ in range(args.repeat):  # interleaved so that load affects all four alike
            timings["validate"].append(best(validate, reports, 1))
            timings["values"].append(best(Report.values, reports, 1))
            timings["sums"].append(best(relation_sums, reports, 1))
            timings["no content"].append(best(without_content, reports, 1))
        v, b, s, n = (min(timings[k]) for k in ("validate", "values", "sums", "no content"))
        print(f"{name:<10} {len(reports):>7} {1 / v:>11,.0f} {1 / b:>11,.0f} {1 / s:>9,.0f} "
              f"{v / b:>10.1f} {v / s:>7.1f} {v / n:>12.2f}")
    if not corpus:
        print("(corpus not found: seeds skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
