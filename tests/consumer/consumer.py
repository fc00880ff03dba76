"""A small program written against gikaireport's documented API.

The tests type-check it with ``mypy --strict`` (so the public API is typed precisely enough for
a strict consumer) and run it on the example report. It uses only names importable from
``gikaireport`` itself.

    python tests/consumer/consumer.py [REPORT]
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import gikaireport
from gikaireport import Cell, CellStatus, Finding, ReadError, Report, Severity, Source, Value

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "example-county-2023.txt"


def describe_cell(cell: Cell) -> str:
    """One line for a cell: its id, number or status, and where it was printed."""
    value: Value | None = cell.value
    shown = str(value) if cell.status is CellStatus.NUMBER else cell.status.value
    source: Source | None = cell.source
    where = f"line {source.line}" if source is not None and source.line is not None else "?"
    return f"{cell.id} = {shown} ({cell.raw!r}, {where})"


def describe_finding(finding: Finding) -> str:
    """Every field of a finding, as a consumer would log it."""
    location: Source | None = finding.location
    expected: Value | None = finding.expected
    actual: Value | None = finding.actual
    cells: tuple[str, ...] = finding.cells
    related: tuple[str, ...] = finding.related
    return (
        f"{finding.path}: {finding.code} {finding.rule} [{finding.severity.value}] "
        f"{finding.text('en')} cells={','.join(cells)} at={location} "
        f"expected={expected} actual={actual} related={related} | {finding.message}"
    )


def received(report: Report) -> int | None:
    """Applications received this year: a count, so an int when printed."""
    value = report.values()["applications.new_received.total"]
    if value is None or isinstance(value, Decimal):
        return None
    return value


def fee(report: Report) -> Decimal | None:
    """The fees collected, in 万元: a Decimal, never a float."""
    value = report.cell("proactive.fees.amount").value
    return value if isinstance(value, Decimal) else None


def check(path: str) -> int:
    """Read, inspect, validate and round-trip one report; return an exit status."""
    try:
        report = gikaireport.read(path)
    except ReadError as error:
        print(f"cannot read {error.source}: {error.reason}", file=sys.stderr)
        return 2
    print(report.meta.agency, report.meta.year, report.format_version, report.source_format)
    print("received:", received(report), "fee:", fee(report))
    print(describe_cell(report.cell("applications.carried_forward.total")))
    counts = report.status_counts()
    print("numbers:", counts[CellStatus.NUMBER], "deviations:", len(report.deviations))

    findings: list[Finding] = gikaireport.validate(report, ignore=["GK8"])
    for finding in findings:
        print(describe_finding(finding))
    errors = [f for f in findings if f.severity is Severity.ERROR]

    text = Path(path).read_text(encoding="utf-8")
    again = gikaireport.parse_text(text, path=path)
    assert again.values() == report.values()
    assert gikaireport.from_json(gikaireport.to_json(report)) == report

    changed = gikaireport.parse_text(text.replace("\t19\t3\t", "\t21\t3\t", 1), path="changed")
    codes = sorted({f.code for f in gikaireport.validate(changed)})
    print("after a change:", codes)
    return 1 if errors else 0


def main(argv: Sequence[str]) -> int:
    """Check the report named on the command line, or the bundled example."""
    return check(argv[1] if len(argv) > 1 else str(EXAMPLE))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
