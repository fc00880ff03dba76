"""What ``import gikaireport`` costs, beside baselines measured in the same run.

Each contender is a fresh interpreter (``python -X importtime -c ...``, run from the repository
with ``src`` on the path), so nothing is cached in memory between runs; the runs are
interleaved, ``repeat`` times, and the median of each is kept. From ``-X importtime`` it takes
the cumulative time of the top-level module imported (microseconds), which leaves out the
interpreter's own start-up.

Contenders:

- ``import gikaireport``: the library;
- baseline ``import attrs, decimal, json, datetime``: its one third-party dependency loaded at
  import and the standard modules it needs, the floor any attrs-based model pays;
- for scale ``import lxml.html``, ``import docx``, ``import pdfplumber`` and
  ``import pandas``: what ``import gikaireport`` does *not* import (readers load them on first
  use).

It also lists the modules ``import gikaireport`` loads from outside the standard library, and
fails if pdfplumber, pypdfium2, docx, lxml or pandas is among them.

    python benchmarks/bench_import.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CONTENDERS = {
    "import gikaireport": "import gikaireport",
    "baseline: attrs, decimal, json, datetime": "import attrs, decimal, json, datetime",
    "import lxml.html": "import lxml.html",
    "import docx": "import docx",
    "import pdfplumber": "import pdfplumber",
    "import pandas": "import pandas",
}
HEAVY = ("pdfplumber", "pypdfium2", "docx", "lxml", "pandas")
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \| (\s*)(\S+)")


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def importtime(statement: str) -> str:
    """The ``-X importtime`` report of a fresh interpreter running the statement."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
        env=environment(),
    )
    return done.stderr


def import_time(statement: str, startup: set[str]) -> int:
    """Cumulative microseconds of the top-level modules the statement imports (those the
    interpreter imports at start-up, ``startup``, left out)."""
    total = 0
    for match in LINE.finditer(importtime(statement)):
        _, cumulative, indent, module = match.groups()
        if not indent and module not in startup:
            total += int(cumulative)
    return total


def third_party_modules() -> list[str]:
    """Top-level modules outside the standard library that ``import gikaireport`` loads."""
    probe = (
        "import json, sys; before = set(sys.modules); import gikaireport; "
        "new = {m.split('.')[0] for m in set(sys.modules) - before}; "
        "print(json.dumps(sorted(new - set(sys.stdlib_module_names))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env=environment(),
    )
    modules: list[str] = json.loads(done.stdout)
    return modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    startup = {match[4] for match in LINE.finditer(importtime("pass"))}
    times: dict[str, list[int]] = {name: [] for name in CONTENDERS}
    for _ in range(args.repeat):
        for name, statement in CONTENDERS.items():
            times[name].append(import_time(statement, startup))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["baseline: attrs, decimal, json, datetime"]
    print(f"{'import':<42} {'median ms':>10} {'x baseline':>11}")
    for name, value in medians.items():
        print(f"{name:<42} {value / 1000:>10.1f} {value / base:>11.1f}")
    modules = third_party_modules()
    print(f"\nmodules outside the standard library loaded by import gikaireport: {modules}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"python {sys.version.split()[0]}, median of {args.repeat} fresh interpreters, "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    heavy = [m for m in modules if m in HEAVY]
    if heavy:
        raise SystemExit(f"import gikaireport loads {heavy}")


if __name__ == "__main__":
    main()
