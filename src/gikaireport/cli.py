"""The ``gikaireport`` command line (also ``python -m gikaireport``).

Each subcommand is one ``add_<name>(subparsers)`` function that declares its arguments and
sets ``handler`` to the function that runs it; :data:`COMMANDS` lists them in help order.

- ``gikaireport check PATH...``: read reports and print their findings like a linter.
  Exit status 0 when no finding is an ERROR, 1 when one is, 2 when a file could not be read
  (the other files are still checked) or the arguments are wrong. ``--series`` also checks
  one agency's consecutive years against each other, ``--summary FILE`` a regional summary
  against its units.
- ``gikaireport batch PATHS_OR_DIR... --out FILE``: one record per file in JSON Lines or CSV
  (see :mod:`gikaireport.batch`).
- ``gikaireport dataset DIR --out OUTDIR``: a region's folder as one dataset (see
  :mod:`gikaireport.regions`).
- ``gikaireport rules [SELECTOR...]``: list the validation rules.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import ModuleType
from typing import Any, TextIO

from gikaireport import __version__
from gikaireport.api import read
from gikaireport.errors import ReadError
from gikaireport.export.rows import finding_record
from gikaireport.model import Report
from gikaireport.validate import (
    Finding,
    Severity,
    list_rules,
    select_rules,
    validate,
    validate_series,
    validate_summary,
)
from gikaireport.validate.engine import CATEGORIES, minimum_severity

__all__ = ["main"]

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_UNREADABLE = 2


def _selectors(values: Sequence[str] | None) -> list[str] | None:
    """Flatten ``--select A,B --select C`` into ``[A, B, C]`` (``None`` when not given)."""
    if values is None:
        return None
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def _expand(paths: Iterable[str]) -> Iterator[str]:
    """Files to check: each path given, and the files below a directory given.

    The walker is :func:`gikaireport.batch.expand_paths`, so ``check DIR`` and ``batch DIR``
    read the same files.
    """
    from gikaireport.batch.paths import iter_paths

    return (str(path) for path in iter_paths(paths))


# -- check ------------------------------------------------------------------------------


def add_check(subparsers: Any) -> None:
    """Declare ``gikaireport check``."""
    parser = subparsers.add_parser(
        "check",
        help="read reports and print their findings",
        description="Read each report and print what validation finds, one line per finding: "
        "path:location: CODE [severity] message. Exit status: 0 no error, 1 errors found, "
        "2 a file could not be read (the others are still checked).",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or directories")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--select",
        action="append",
        metavar="RULES",
        help="only these rules: codes, code prefixes, names or categories, "
        "comma-separated (repeatable)",
    )
    parser.add_argument(
        "--ignore",
        action="append",
        metavar="RULES",
        help="skip these rules (same forms as --select)",
    )
    parser.add_argument(
        "--severity",
        choices=[severity.value for severity in Severity],
        help="report only findings of this severity or higher (error > warning > info)",
    )
    parser.add_argument(
        "--lang", choices=("zh", "en"), default="zh", help="language of the messages (default: zh)"
    )
    parser.add_argument(
        "--show-fixes",
        action="store_true",
        help="print under each finding how to fix it (in the language of --lang)",
    )
    across = parser.add_mutually_exclusive_group()
    across.add_argument(
        "--series",
        action="store_true",
        help="the files are one agency's reports of consecutive years: also check each "
        "against the year before (carried over, documents in force)",
    )
    across.add_argument(
        "--summary",
        metavar="FILE",
        help="FILE is a regional summary report: also check its cells against the sum of "
        "the reports given as PATH",
    )
    parser.set_defaults(handler=run_check)


def _finding_text(finding: Finding, args: argparse.Namespace) -> str:
    """Return the finding's line, and under it how to fix it when ``--show-fixes`` asks."""
    if getattr(args, "show_fixes", False):
        return finding.line_with_fix(args.lang)
    return finding.line(args.lang)


def run_check(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``gikaireport check``; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    select, ignore = _selectors(args.select), _selectors(args.ignore)
    try:
        select_rules(select, ignore)
    except ValueError as exc:
        err.write(f"gikaireport check: {exc}\n")
        return EXIT_UNREADABLE
    files: list[dict[str, Any]] = []
    unreadable: list[dict[str, str]] = []
    reports: list[Report] = []
    counts = dict.fromkeys(Severity, 0)
    summary_path = getattr(args, "summary", None)
    paths = list(_expand(args.paths))
    for path in [*paths, summary_path] if summary_path else paths:
        try:
            report: Report = read(path)
        except ReadError as exc:  # read wraps any other exception in one
            unreadable.append({"path": path, "message": str(exc)})
            if args.format == "text":
                err.write(f"{path}: cannot read: {exc.reason}\n")
            continue
        reports.append(report)
        findings = validate(report, select, ignore, severity=getattr(args, "severity", None))
        for finding in findings:
            counts[finding.severity] += 1
        files.append({"path": path, "findings": findings})
        if args.format == "text":
            for finding in findings:
                out.write(_finding_text(finding, args) + "\n")
    across = _check_across(args, reports, select, ignore, summary_path, err)
    if across is None:
        return EXIT_UNREADABLE
    least = minimum_severity(getattr(args, "severity", None))
    across = [f for f in across if least is None or f.severity.rank >= least.rank]
    if across:
        files.append({"path": "(across reports)", "findings": across})
        for finding in across:
            counts[finding.severity] += 1
            if args.format == "text":
                out.write(_finding_text(finding, args) + "\n")
    summary = {
        "files": len(files) + len(unreadable) - (1 if across else 0),
        "unreadable": len(unreadable),
        **{severity.value: counts[severity] for severity in Severity},
    }
    if args.format == "json":
        document = {
            "files": [
                {"path": f["path"], "findings": [finding_record(x) for x in f["findings"]]}
                for f in files
            ],
            "unreadable": unreadable,
            "summary": summary,
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(
            f"{summary['error']} errors, {summary['warning']} warnings, {summary['info']} info "
            f"in {summary['files']} files"
            + (f" ({summary['unreadable']} could not be read)" if unreadable else "")
            + "\n"
        )
    if unreadable:
        return EXIT_UNREADABLE
    return EXIT_ERRORS if counts[Severity.ERROR] else EXIT_OK


def _check_across(
    args: argparse.Namespace,
    reports: list[Report],
    select: list[str] | None,
    ignore: list[str] | None,
    summary_path: str | None,
    err: TextIO,
) -> list[Finding] | None:
    """The findings across reports that ``--series``/``--summary`` ask for (``None``: cannot)."""
    try:
        if getattr(args, "series", False):
            return validate_series(reports, select, ignore)
        if summary_path:
            summary = next((r for r in reports if r.path == summary_path), None)
            if summary is None:
                err.write(f"gikaireport check: the summary {summary_path} could not be read\n")
                return None
            units = [r for r in reports if r is not summary]
            return validate_summary(summary, units, select, ignore)
    except ValueError as exc:
        err.write(f"gikaireport check: {exc}\n")
        return None
    return []


# -- rules ------------------------------------------------------------------------------


def add_rules(subparsers: Any) -> None:
    """Declare ``gikaireport rules``."""
    parser = subparsers.add_parser(
        "rules",
        help="list the validation rules",
        description="List the validation rules: code, name, severity, category and summary.",
    )
    parser.add_argument(
        "selectors",
        nargs="*",
        metavar="SELECTOR",
        help="only rules matching these codes, prefixes, names or categories",
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--explain", action="store_true", help="print each rule's documentation too"
    )
    parser.set_defaults(handler=run_rules)


def run_rules(
    args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run ``gikaireport rules``; return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    selectors = _selectors(args.selectors) or None
    try:
        rules = select_rules(selectors, None, scope=None) if selectors else list_rules(None)
    except ValueError as exc:
        err.write(f"gikaireport rules: {exc}\n")
        return EXIT_UNREADABLE
    if args.format == "json":
        out.write(
            json.dumps(
                [
                    {
                        "code": r.code,
                        "name": r.name,
                        "severity": r.severity.value,
                        "category": r.category,
                        "scope": r.scope,
                        "summary": r.summary,
                        "doc": r.doc,
                        "fix": r.fix,
                        "fix_en": r.fix_en,
                    }
                    for r in rules
                ],
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
        return EXIT_OK
    for r in rules:
        out.write(f"{r.code}  {r.name:<28} {r.severity.value:<8} {r.category:<13} {r.summary}\n")
        if args.explain:
            out.write("\n" + "\n".join("    " + line for line in r.doc.splitlines()) + "\n")
            out.write(f"\n    How to fix: {r.fix}\n    {r.fix_en}\n\n")
    if not args.explain:
        out.write(f"\n{len(rules)} rules; categories: {', '.join(CATEGORIES)}\n")
    return EXIT_OK


# -- entry point ------------------------------------------------------------------------


def _add_module_command(subparsers: Any, name: str, line: str, command: ModuleType) -> None:
    """Declare a subcommand whose module holds its texts, arguments and ``run_command``."""
    parser = subparsers.add_parser(
        name, help=line, description=command.DESCRIPTION, epilog=command.EPILOG
    )
    command.add_arguments(parser)
    parser.set_defaults(handler=command.run_command)


def add_batch(subparsers: Any) -> None:
    """``gikaireport batch``: read many files into one record per file."""
    from gikaireport.batch import command

    line = "read many files into JSON Lines or CSV, one record per file"
    _add_module_command(subparsers, "batch", line, command)


def add_dataset(subparsers: Any) -> None:
    """``gikaireport dataset``: a region's folder as one dataset (the ``regions`` extra)."""
    from gikaireport.regions import command

    line = "a region's folder as Parquet, coverage, similarity and one HTML page"
    _add_module_command(subparsers, "dataset", line, command)


COMMANDS: list[Callable[[Any], None]] = [add_check, add_batch, add_dataset, add_rules]
"""The subcommands, in help order: each declares itself on the subparsers object."""


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="gikaireport",
        description="Read and check government information disclosure annual reports "
        "(政府信息公开工作年度报告).",
    )
    parser.add_argument("--version", action="version", version=f"gikaireport {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    for add in COMMANDS:
        add(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (``sys.argv[1:]`` when ``None``); return the status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_UNREADABLE
    return handler(args)
