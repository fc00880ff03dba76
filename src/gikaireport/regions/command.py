"""``gikaireport dataset DIR --out OUTDIR``: a region's folder as one dataset."""

from __future__ import annotations

import argparse
import sys

from gikaireport.batch.command import add_run_arguments, show_progress
from gikaireport.errors import ReadError

__all__: list[str] = []

DESCRIPTION = (
    "Read a folder of reports (any formats and years) into a region's dataset: "
    "reports.parquet, findings.parquet, coverage.csv, similarity.csv, dictionary.csv "
    "and index.html."
)
EPILOG = (
    "Exit status: 0 when every file was read, 1 when some could not be read (each has its "
    "row), 2 for a usage error, a missing 'regions' extra or an output that cannot be written."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the ``dataset`` command's arguments on ``parser``."""
    add_run_arguments(parser, ("DIR", "folders and files to read"), ("OUTDIR", "the output folder"))
    parser.add_argument(
        "--region",
        metavar="NAME",
        help="the region of the folder (湖南省益阳市桃江县): places agencies named without it",
    )
    parser.add_argument(
        "--threshold",
        type=float,
        default=0.8,
        metavar="S",
        help="smallest prose similarity reported, 0 to 1 (default 0.8)",
    )


def run_command(args: argparse.Namespace) -> int:
    """Run ``gikaireport dataset`` with parsed arguments; return the exit status."""
    from gikaireport.regions.dataset import build_dataset

    if args.jobs < 1 or not 0 <= args.threshold <= 1:
        print("gikaireport dataset: --jobs must be at least 1, --threshold 0 to 1", file=sys.stderr)
        return 2
    try:
        summary = build_dataset(
            args.paths,
            args.out,
            jobs=args.jobs,
            region=args.region,
            threshold=args.threshold,
            progress=show_progress(args),
        )
    except (ReadError, OSError) as exc:
        print(f"gikaireport dataset: {exc}", file=sys.stderr)
        return 2
    print(
        f"{summary.files} files ({summary.unreadable} unreadable), {summary.agencies} agencies, "
        f"{summary.findings} findings, {summary.missing} missing and {summary.duplicates} "
        f"duplicate agency-years, {summary.similar_pairs} similar pairs -> {args.out}",
        file=sys.stderr,
    )
    return 1 if summary.unreadable else 0
