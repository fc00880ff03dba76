"""Machine instructions per ``validate`` of a seed report, counted by valgrind, beside a baseline.

A rate moves with the load of a shared machine; the number of instructions a step executes
does not. Each contender runs in its own interpreter under ``valgrind --tool=callgrind``,
which counts only inside ``itertools.starmap`` (the measured region: ``--repeat`` passes
over the seed reports, assembled and validated once before, so that imports and first-use
caches are not counted). Two counts are printed per contender: ``validate`` of a report
validated before, and ``validate`` of a fresh copy of it (``attrs.evolve``, whose own count
is subtracted), which also builds the report's cell index as a new report does.

    python benchmarks/count_validate.py [--repeat 20] [--baseline /tmp/base/src] [--rules] [--text]

With ``--rules``, each rule over a report is counted too: the rule on a new ``Facts`` whose
shared facts are all made, less the count of making them (``facts``). A rule that reuses
what another made in the same validation (the prose rules' anchors) is counted paying for it.

With ``--text``, the text path is counted instead, from the seed files' bytes: reading them
into a ``Document``, into a ``Report`` (``read``), reading and validating them, and reading
them with the table layouts aligned before forgotten (``bench_text.py``'s ``unseen``). (Lines
and labels the reader or the assembler remember from the warm-up are remembered here too:
``bench_text.py``'s last step reads texts new to the reader.)

Needs valgrind and the corpus seeds (``GIKAIREPORT_CORPUS``). Slow: about a minute per
contender.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
MEASURES = ("validate", "copy", "copy+validate")
TOTALS = re.compile(r"^totals: (\d+)", re.MULTILINE)


def corpus() -> Path:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


_FACTS = (
    "unsettled",
    "texts",
    "statuses",
    "numbers",
    "subject",
    "level",
    "regional_summary",
    "government",
    "deviation_kinds",
)
"""The facts made in full for the count of each rule (``--rules``)."""


def rule_measures() -> dict[str, Callable[[Any], object]]:
    """Each rule over a report on a new ``Facts`` made in full, and the facts alone
    (``facts``), whose count is subtracted from each rule's.
    """
    from gikaireport.validate.engine import list_rules
    from gikaireport.validate.facts import Facts

    def facts(report: Any) -> Facts:
        made = Facts(report)
        for name in _FACTS:
            getattr(made, name)
        return made

    def check(item: Any) -> Callable[[Any], object]:
        if item.takes_facts:
            return lambda report: list(item.check(report, facts=facts(report)))
        return lambda report: (facts(report), list(item.check(report)))

    rules = {f"{r.code} {r.name}": check(r) for r in list_rules("report")}
    return {"facts": facts, **rules}


def text_measures() -> dict[str, Callable[[Any], object]]:
    """The text path's steps, each from a seed file's ``(bytes, name)``."""
    import gikaireport
    from gikaireport.assemble import tables
    from gikaireport.readers.text import decode, document_from_text

    laid_out: dict[object, object] = getattr(tables, "_LAIDOUT", {})  # a tree without it: {}

    def read(file: tuple[bytes, str]) -> gikaireport.Report:
        return gikaireport.parse_document(document_from_text(decode(*file), file[1]))

    return {
        "text -> Document": lambda file: document_from_text(decode(*file), file[1]),
        "text -> Report (read)": read,
        "text -> Report -> validate": lambda file: gikaireport.validate(read(file)),
        "read, layouts unseen": lambda file: (laid_out.clear(), read(file)),
    }


def worker(repeat: int, rules: bool, text: bool = False) -> None:
    """Run each measure once inside ``itertools.starmap``, for callgrind to count; print
    the measures' names, then the number of reports.
    """
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
    measures: dict[str, Callable[[Any], object]] = {
        "validate": gikaireport.validate,
        "copy": attrs.evolve,
        "copy+validate": lambda report: gikaireport.validate(attrs.evolve(report)),
    }
    if rules:
        measures.update(rule_measures())
    items: list[Any] = reports
    if text:
        measures = text_measures()
        items = [(p.read_bytes(), str(p)) for p in paths]
    for name in measures:
        for item in items:  # warm up
            measures[name](item)

        def run(function: Callable[[Any], object] = measures[name]) -> None:
            for _ in range(repeat):
                for item in items:
                    function(item)

        gc.collect()  # a collection that falls in one rule's count is no cost of that rule
        if name not in MEASURES and not text:
            gc.disable()
        list(itertools.starmap(run, [()]))
        gc.enable()
    print("\n".join(measures))
    print(len(reports))


def count(src: Path, repeat: int, rules: bool = False, text: bool = False) -> dict[str, float]:
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
                *(["--rules"] if rules else []),
                *(["--text"] if text else []),
            ],
            env=environment,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise SystemExit(f"the worker for {src} failed:\n{done.stderr}")
        *names, reports = done.stdout.strip().split("\n")
        # a dump after each call of starmap_next: the measure's, then the empty last call's
        dumps = sorted(Path(folder).glob("callgrind.out.*"), key=lambda p: int(p.suffix[1:]))
        totals = [int(TOTALS.findall(p.read_text())[0]) for p in dumps]
    counted = dict(zip(names, totals[::2], strict=True))
    per_report = {name: value / (repeat * int(reports)) for name, value in counted.items()}
    if text:
        return per_report
    per_report["copy+validate"] -= per_report.pop("copy")
    if rules:
        facts = per_report["facts"]
        for name in names[len(MEASURES) + 1 :]:
            per_report[name] -= facts
    return per_report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--baseline", type=Path, help="the src directory of another checkout")
    parser.add_argument(
        "--rules", action="store_true", help="count each rule too, and the facts made in full"
    )
    parser.add_argument("--text", action="store_true", help="count the text path instead")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.repeat, args.rules, args.text)
        return
    this = count(ROOT / "src", args.repeat, args.rules, args.text)
    base = (
        count(args.baseline.resolve(), args.repeat, args.rules, args.text)
        if args.baseline
        else None
    )
    header = f"{'text' if args.text else 'validate':<34}{'instructions':>14}"
    print(header + (f"{'baseline':>14}{'ratio':>8}" if base else ""))
    labels = {"validate": "a report validated before", "copy+validate": "a new report"}
    labels |= {name: name for name in this if name not in (*labels, *MEASURES)}
    if args.text:
        labels = {name: name for name in this}
    for name, label in labels.items():
        line = f"{label:<34}{this[name]:>14,.0f}"
        if base and name in base:
            line += f"{base[name]:>14,.0f}{base[name] / max(this[name], 1):>7.2f}x"
        print(line)


if __name__ == "__main__":
    main()
