"""``gikaireport batch``: the command line of :func:`~gikaireport.batch.run_batch`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from gikaireport.batch.output import OutputError, OutputFormat
from gikaireport.batch.run import BatchSummary, run_batch

__all__: list[str] = []

DESCRIPTION = (
    "Read many report files into one record per file (JSON Lines or CSV): status, "
    "content hash, meta, every cell and the validation findings."
)
EPILOG = (
    "Exit status: 0 when every file was read, 1 when some files could not be read "
    "(each has a record saying why), 2 for a usage error or an output file that "
    "cannot be resumed, 130 when Ctrl-C or SIGTERM stopped the run (rerun with --resume)."
)


def add_run_arguments(
    parser: argparse.ArgumentParser, paths: tuple[str, str], out: tuple[str, str]
) -> None:
    """Declare the arguments every command that reads many files takes.

    ``paths`` and ``out`` are the metavar and help of the inputs and of ``--out``; the
    others are ``--jobs`` and ``--no-progress``.
    """
    parser.add_argument("paths", nargs="+", metavar=paths[0], help=paths[1])
    parser.add_argument("--out", required=True, metavar=out[0], help=out[1])
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="processes reading files (default 1)"
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar (shown on a terminal)"
    )


def show_progress(args: argparse.Namespace) -> bool:
    """Whether to draw a progress bar: not asked off, and stderr is a terminal."""
    return not args.no_progress and sys.stderr.isatty()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the ``batch`` command's arguments on ``parser``."""
    add_run_arguments(parser, ("PATH_OR_DIR", "files and directories"), ("FILE", "the output file"))
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the records in FILE of paths whose content is unchanged; read the rest",
    )
    parser.add_argument(
        "--format", choices=("jsonl", "csv"), default=None, help="default: from FILE's extension"
    )
    parser.add_argument(
        "--offline",
        action="store_true",
        help="read URLs from the download cache only (re-run a study exactly)",
    )
    parser.add_argument(
        "--cache", metavar="DIR", help="the download cache (default ~/.cache/gikaireport)"
    )


def batch_main(argv: Sequence[str] | None = None) -> int:
    """Run ``gikaireport batch`` with ``argv`` (``sys.argv[1:]`` when ``None``).

    Returns the exit status: 0 when every file was read, 1 when some files are unreadable
    or failed (each has its record), 2 for an output file that cannot be written or
    resumed, 130 when Ctrl-C or SIGTERM stopped the run. Usage errors exit with status 2
    through ``argparse``.
    """
    parser = argparse.ArgumentParser(
        prog="gikaireport batch", description=DESCRIPTION, epilog=EPILOG
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return run_command(args)


def summary_line(summary: BatchSummary, out: str) -> str:
    """The line printed on stderr at the end of a run."""
    if summary.interrupted:
        done = summary.skipped + summary.written
        return f"interrupted after {done} of {summary.total} files; rerun with --resume to finish"
    again = f" ({summary.changed} read again)" if summary.changed else ""
    return (
        f"{summary.total} files: {summary.written} recorded{again}, {summary.skipped} "
        f"already recorded, {summary.failed} unreadable or failed -> {out}"
    )


def run_command(args: argparse.Namespace) -> int:
    """Run ``gikaireport batch`` with parsed arguments; return the exit status."""
    if args.jobs < 1:
        print("gikaireport batch: --jobs must be at least 1", file=sys.stderr)
        return 2
    output_format: OutputFormat = args.format or (
        "csv" if Path(args.out).suffix.lower() == ".csv" else "jsonl"
    )
    from gikaireport.sources.load import fetch_settings

    settings = {"GIKAIREPORT_OFFLINE": "1" if getattr(args, "offline", False) else None}
    settings["GIKAIREPORT_CACHE"] = getattr(args, "cache", None)
    try:
        with fetch_settings(settings):
            summary = run_batch(
                args.paths,
                args.out,
                jobs=args.jobs,
                resume=args.resume,
                format=output_format,
                progress=show_progress(args),
            )
    except (OutputError, OSError) as exc:
        print(f"gikaireport batch: {exc}", file=sys.stderr)
        return 2
    print(summary_line(summary, args.out), file=sys.stderr)
    return summary.exit_status
