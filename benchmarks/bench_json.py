"""JSON out and back: the cattrs converter against the hand-written code it replaced.

    python benchmarks/bench_json.py [--reports N] [--repeat R]

Reads N text reports (the example report of ``gikaireport.validate.examples`` for several
years, rendered in the layouts of ``gikaireport.testing``, so each has sources and some
deviations) and times, best of R rounds, in CPU seconds of this process
(``time.process_time``), measured in alternation in the same run:

- ``to_dict`` of every report: ``gikaireport.export.json.to_dict`` (cattrs) against the
  baseline, the hand-written ``to_dict`` kept in ``tests/json_handwritten.py``;
- ``from_dict`` of every report's dict: the same pair.

It checks that both write the same JSON, then prints each time and the ratio to its baseline
(below 1: the converter is faster).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

import gikaireport  # noqa: E402
import json_handwritten  # noqa: E402
from gikaireport.export.json import from_dict, to_dict  # noqa: E402
from gikaireport.testing import LAYOUTS, render_text  # noqa: E402
from gikaireport.validate.examples import example_report  # noqa: E402
from timing import best_pair  # noqa: E402


def main() -> int:
    """Run the two comparisons and print them."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    reports = [
        gikaireport.parse_text(
            render_text(example_report(year=2021 + i % 4), LAYOUTS[i % len(LAYOUTS)]),
            path=f"r{i}.txt",
        )
        for i in range(args.reports)
    ]
    dicts = [to_dict(report) for report in reports]
    for report, data in zip(reports, dicts, strict=True):
        assert json.dumps(data) == json.dumps(json_handwritten.to_dict(report))
    pairs = [
        (
            "to_dict (cattrs)",
            lambda: [to_dict(r) for r in reports],
            "hand-written to_dict",
            lambda: [json_handwritten.to_dict(r) for r in reports],
        ),
        (
            "from_dict (cattrs)",
            lambda: [from_dict(d) for d in dicts],
            "hand-written from_dict",
            lambda: [json_handwritten.from_dict(d) for d in dicts],
        ),
    ]
    print(f"{args.reports} reports, best of {args.repeat} rounds, CPU seconds")
    for name, function, baseline_name, baseline in pairs:
        took, base = best_pair(function, baseline, args.repeat)
        ratio = took / base
        print(f"{name:<20} {took:7.4f}   {baseline_name:<24} {base:7.4f}   ratio {ratio:5.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
