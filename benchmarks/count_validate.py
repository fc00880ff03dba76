"""Machine instructions per ``validate`` of a seed report, counted by valgrind, beside a baseline.

A rate moves with the load of a shared machine; the number of instructions a step executes
does not. Each contender runs in its own interpreter under ``valgrind --tool=callgrind``,
which counts only inside ``itertools.starmap`` (the measured region: ``--repeat`` passes
over the seed reports, assembled and validated once before, so that imports and first-use
caches are not counted). Two counts are printed per contender: ``validate`` of a report
validated before, and ``validate`` of a fresh copy of it (``attrs.evolve``, whose own count
is subtracted), which also builds the report's cell index as a new report does.

    python benchmarks/count_validate.py [--repeat 20] [--baseline /tmp/base/src]

Needs valgrind and the corpus seeds (``GIKAIREPORT_CORPUS``). Slow: about a minute per
contender.
"""

from __future__ import annotations

import argparse
import itertools
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("validate", "copy", "copy+validate")
TOTALS = re.compile(r"^totals: (\d+)", re.MULTILINE)


def corpus() -> Path:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def worker(repeat: int) -> None:
    """Run each measure once inside ``itertools.starmap``, for callgrind to count."""
    import attrs

    import gikaireport
    from gikaireport.readers.text import decode, document_from_text

    paths = sorted((corpus() / "seeds").glob("*.txt"))
    if not paths:
        raise SystemExit("no seeds found: set GIKAIREPORT_CORPUS")
    reports = [
        gikaireport.parse_document(document_from_text(decode(p.read_bytes(), str(p)), str(p)))
        for p in paths
    ]
    measures: dict[str, Callable[[gikaireport.Report], object]] = {
        "validate": gikaireport.validate,
        "copy": attrs.evolve,
        "copy+validate": lambda report: gikaireport.validate(attrs.evolve(report)),
    }
    for name in MEASURES:
        for report in reports:  # warm up
            measures[name](report)

        def run(function: Callable[[gikaireport.Report], object] = measures[name]) -> None:
            for _ in range(repeat):
                for report in reports:
                    function(report)

        list(itertools.starmap(run, [()]))
    print(len(reports))


def count(src: Path, repeat: int) -> dict[str, float]:
    """Return the instructions per report of each measure, for the package in ``src``."""
    environment = {**os.environ, "PYTHONPATH": str(src)}
    environment.setdefault("GIKAIREPORT_CORPUS", str(corpus()))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--toggle-collect=starmap_next",
                "--dump-after=starmap_next",
                f"--callgrind-out-file={out}",
                sys.executable,
                __file__,
                "--worker",
                "--repeat",
                str(repeat),
            ],
            env=environment,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"the worker for {src} failed:\n{done.stderr}")
        reports = int(done.stdout.split()[-1])
        # a dump after each call of starmap_next: the measure's, then the empty last call's
        dumps = sorted(Path(folder).glob("callgrind.out.*"), key=lambda p: int(p.suffix[1:]))
        totals = [int(TOTALS.findall(p.read_text())[0]) for p in dumps]
    counted = dict(zip(MEASURES, totals[::2], strict=True))
    per_report = {name: value / (repeat * reports) for name, value in counted.items()}
    per_report["copy+validate"] -= per_report.pop("copy")
    return per_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline", type=Path, help="the src directory of another checkout")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.repeat)
        return
    this = count(ROOT / "src", args.repeat)
    base = count(args.baseline.resolve(), args.repeat) if args.baseline else None
    header = f"{'validate':<26}{'instructions':>14}"
    print(header + (f"{'baseline':>14}{'ratio':>8}" if base else ""))
    labels = {"validate": "a report validated before", "copy+validate": "a new report"}
    for name, label in labels.items():
        line = f"{label:<26}{this[name]:>14,.0f}"
        if base:
            line += f"{base[name]:>14,.0f}{base[name] / this[name]:>7.2f}x"
        print(line)


if __name__ == "__main__":
    main()
