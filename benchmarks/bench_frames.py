"""The notebook entry points against the plain loops they replace, measured side by side.

    python benchmarks/bench_frames.py [--reports N] [--repeat R]

Writes N text reports (the example report of ``gikaireport.validate.examples`` for several
years, rendered in the layouts of ``gikaireport.testing``) to a scratch folder and times, best
of R rounds, in CPU seconds of this process (``time.process_time``):

- ``read_dataframe(folder)`` against the baseline ``[read(p) for p in paths]`` followed by
  ``to_dataframe(reports)``;
- ``findings_dataframe(reports)`` against the baseline ``[validate(r) for r in reports]``;
- ``load_dataframe("wide.csv")`` against the baseline ``pandas.read_csv("wide.csv")`` (which
  gives float years and text amounts: the typing is what the difference buys).

It prints each time and the ratio to its baseline.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pandas  # noqa: E402

import gikaireport  # noqa: E402
from gikaireport.testing import LAYOUTS, render_text  # noqa: E402
from gikaireport.validate.examples import example_report  # noqa: E402
from timing import best_pair  # noqa: E402


def write(folder: Path, count: int) -> list[Path]:
    """Write ``count`` reports, cycling through years and layouts."""
    paths = []
    for index in range(count):
        report = example_report(year=2021 + index % 4)
        path = folder / f"report-{index:04d}.txt"
        path.write_text(render_text(report, LAYOUTS[index % len(LAYOUTS)]), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    """Run the three comparisons and print them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        paths = write(folder, args.reports)
        reports = [gikaireport.read(path) for path in paths]
        gikaireport.write_wide_csv(reports, folder / "wide.csv")
        pairs = [
            (
                "read_dataframe(folder)",
                lambda: gikaireport.read_dataframe(folder, progress=False),
                "read loop + to_dataframe",
                lambda: gikaireport.to_dataframe([gikaireport.read(p) for p in paths]),
            ),
            (
                "findings_dataframe(reports)",
                lambda: gikaireport.findings_dataframe(reports),
                "validate loop",
                lambda: [gikaireport.validate(r) for r in reports],
            ),
            (
                "load_dataframe(wide.csv)",
                lambda: gikaireport.load_dataframe(folder / "wide.csv"),
                "pandas.read_csv(wide.csv)",
                lambda: pandas.read_csv(folder / "wide.csv"),
            ),
        ]
        print(f"{args.reports} reports, best of {args.repeat}, CPU seconds")
        for name, function, baseline_name, baseline in pairs:
            measured, base = best_pair(function, baseline, args.repeat)
            print(
                f"{name:<30} {measured:8.3f}   {baseline_name:<28} {base:8.3f}   "
                f"ratio {measured / base:5.2f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
