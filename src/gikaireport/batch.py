"""Reading many files: a process pool with bounded work in flight, and the batch command.

- :func:`read_many` reads files into reports, in parallel when ``jobs > 1``, yielding each
  file's :class:`~gikaireport.Report` or :class:`~gikaireport.ReadError` in input order.
- :func:`file_record` is the per-file function of the batch command: one file to one
  JSON-ready record (status, content hash, meta, every cell, findings). It never raises, so it
  can be mapped over any number of files with any executor (a ``dask.bag`` too).
- :func:`run_batch` writes those records to a JSON Lines or CSV file that an interruption never
  leaves corrupt, and resumes an interrupted run; :func:`batch_main` is its command line
  (``gikaireport batch``).

Work in flight is bounded (twice the number of processes), so memory does not grow with the
number of files: results are handed on, in input order, as soon as they and the ones before
them are done. A file that cannot be read, an unexpected exception in the library, and even
a reading process that dies (a crash in a native library, the kernel killing it for memory)
each become that file's error; the run goes on.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any, Literal, TextIO, TypeVar

from attrs import frozen

from gikaireport.api import read
from gikaireport.errors import ReadError
from gikaireport.export.csv import format_scalar
from gikaireport.export.rows import cell_columns, finding_record, jsonable, meta_row
from gikaireport.model import Report
from gikaireport.sources.listing import expand_source, source_sha256
from gikaireport.sources.load import fetch_settings, load
from gikaireport.validate import validate

__all__ = [
    "CSV_COLUMNS",
    "BatchSummary",
    "OutputError",
    "batch_main",
    "expand_paths",
    "file_record",
    "read_many",
    "run_batch",
]

T = TypeVar("T")
R = TypeVar("R")

OutputFormat = Literal["jsonl", "csv"]

CRASH_REASON = (
    "the reading process died while reading this file "
    "(a crash in a native library, or killed for lack of memory)"
)


# --------------------------------------------------------------------------- the pool


_END: Any = object()


@frozen
class _Crash:
    """The process running a task died; the task has no result."""


def _pool_map(
    function: Callable[[T], R], items: Iterable[T], jobs: int
) -> Iterator[tuple[T, R | _Crash]]:
    """Map ``function`` over ``items`` with ``jobs`` processes, yielding in input order.

    At most ``2 * jobs`` items are in flight. ``function`` is expected to return errors rather
    than raise them. When a worker process dies, the pool is rebuilt and the items that were
    in flight are run again one at a time, so that only the item that kills its process is
    reported as a :class:`_Crash`.
    """
    if jobs <= 1:
        for item in items:
            yield item, function(item)
        return
    source = iter(items)
    window = 2 * jobs
    pool = ProcessPoolExecutor(max_workers=jobs)
    pending: deque[tuple[T, Future[R]]] = deque()
    try:
        while True:
            while len(pending) < window:
                item = next(source, _END)
                if item is _END:
                    break
                pending.append((item, pool.submit(function, item)))
            if not pending:
                return
            item, future = pending.popleft()
            try:
                yield item, future.result()
            except BrokenProcessPool:
                pool.shutdown(wait=True, cancel_futures=True)
                stranded = [item, *(waiting for waiting, _ in pending)]
                pending.clear()
                for retry in stranded:
                    yield retry, _isolated(function, retry)
                pool = ProcessPoolExecutor(max_workers=jobs)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _isolated(function: Callable[[T], R], item: T) -> R | _Crash:
    """Run one item in a process of its own; ``_Crash`` when that process dies."""
    with ProcessPoolExecutor(max_workers=1) as alone:
        try:
            return alone.submit(function, item).result()
        except BrokenProcessPool:
            return _Crash()


# --------------------------------------------------------------------------- read_many


@frozen
class _Failure:
    """A ReadError made safe to send between processes (its class, source and reason).

    ``ReadError`` takes two arguments, so it does not survive pickling by itself.
    """

    kind: type[BaseException]
    source: str
    reason: str


def _failure(exc: BaseException, source: str) -> _Failure:
    if isinstance(exc, ReadError):
        return _Failure(type(exc), exc.source, exc.reason)
    return _Failure(type(exc), source, f"unexpected {type(exc).__name__}: {exc}")


def _as_read_error(failure: _Failure) -> ReadError:
    if issubclass(failure.kind, ReadError):
        try:
            error = failure.kind(failure.source, failure.reason)
        except TypeError:  # a subclass with its own signature
            error = ReadError(failure.source, failure.reason)
        return error
    return ReadError(failure.source, failure.reason)


def _read_task(path: str) -> Report | _Failure:
    try:
        return read(path)
    except Exception as exc:  # every file's error is that file's result
        return _failure(exc, path)


def read_many(
    paths: Iterable[str | os.PathLike[str]], jobs: int = 1
) -> Iterator[tuple[Path, Report | ReadError]]:
    """Read many files, yielding ``(path, report or error)`` for each, in input order.

    With ``jobs > 1`` the files are read by that many processes; at most ``2 * jobs`` files
    are in flight, and ``paths`` is consumed lazily, so memory does not grow with the number
    of files. Results come in the order of ``paths`` (a slow file holds back the results
    after it until it is done, never more than ``2 * jobs`` of them).

    A file that cannot be read yields its :class:`~gikaireport.ReadError`. Any other
    exception while reading it, or the death of the process reading it, yields a
    ``ReadError`` whose reason names what happened; the remaining files are read either way.
    """
    for path, outcome in _pool_map(_read_task, (os.fspath(p) for p in paths), jobs):
        if isinstance(outcome, Report):
            yield Path(path), outcome
        elif isinstance(outcome, _Failure):
            yield Path(path), _as_read_error(outcome)
        else:
            yield Path(path), ReadError(path, CRASH_REASON)


# --------------------------------------------------------------------------- records


def _findings(report: Report) -> list[dict[str, Any]]:
    """Return the report's validation findings as records."""
    return [finding_record(finding) for finding in validate(report)]


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _unreadable(path: str, sha256: str | None, error: str, reason: str) -> dict[str, Any]:
    return {
        "path": path,
        "sha256": sha256,
        "status": "unreadable",
        "error": error,
        "reason": reason,
        "meta": None,
        "values": {},
        "statuses": {},
        "findings": None,
    }


def file_record(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read one file into a JSON-ready record; never raises.

    The record's keys:

    - ``path``: the path as given; ``sha256``: the hex digest of the file's bytes (``None``
      when the file cannot be opened);
    - ``status``: ``"ok"`` or ``"unreadable"``; for unreadable files ``error`` (the exception
      class, ``ReadError`` or a subclass, or the unexpected exception's class) and ``reason``;
    - ``meta``: ``title``, ``agency``, ``year``, ``published`` (ISO date), ``format_version``,
      ``source_format``;
    - ``values``: every canonical cell id of the report's version with its number (``null``
      when the cell holds none; decimals as strings exactly as printed, e.g. ``"0.7452"``);
    - ``statuses``: every cell id with its status (``number``, ``blank``, ``not_applicable``,
      ``unreadable``, ``absent``);
    - ``findings``: the findings of :func:`gikaireport.validate.validate`, each a dict of
      the finding's fields.
    """
    name = os.fspath(path)
    try:
        loaded = load(name)
    except ReadError as exc:
        return _unreadable(name, None, type(exc).__name__, exc.reason)
    sha256 = hashlib.sha256(loaded.data).hexdigest()
    try:
        report = read(loaded)
        findings = _findings(report)
    except ReadError as exc:
        return _unreadable(name, sha256, type(exc).__name__, exc.reason)
    except Exception as exc:  # recorded, never lost; the batch goes on
        return _unreadable(
            name, sha256, type(exc).__name__, f"unexpected {type(exc).__name__}: {exc}"
        )
    meta = meta_row(report)
    del meta["path"]
    return {
        "path": name,
        "sha256": sha256,
        "status": "ok",
        "error": None,
        "reason": None,
        "meta": jsonable(meta),
        "values": jsonable(report.values()),
        "statuses": {cell_id: cell.status.value for cell_id, cell in report.cells().items()},
        "findings": findings,
    }


def _sha256_or_none(path: str) -> str:
    try:
        return _sha256(path) if Path(path).is_file() else source_sha256(path)
    except (OSError, ReadError):
        return ""


def _crash_record(path: str) -> dict[str, Any]:
    return _unreadable(path, _sha256_or_none(path) or None, "ReadError", CRASH_REASON)


# --------------------------------------------------------------------------- output files

_META_KEYS = ("title", "agency", "year", "published", "format_version", "source_format")

CSV_COLUMNS = (
    "path",
    "sha256",
    "status",
    "error",
    "reason",
    *_META_KEYS,
    "findings_count",
    "findings",
    *cell_columns(),
)
"""The batch CSV header: record fields, meta, findings (count, and JSON), then every cell id of
every format version (2021 first), so that the columns are fixed before any file is read."""


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _csv_line(record: dict[str, Any]) -> str:
    meta = record["meta"] or {}
    values = record["values"]
    findings = record["findings"]
    fields: dict[str, Any] = {
        "path": record["path"],
        "sha256": record["sha256"],
        "status": record["status"],
        "error": record["error"],
        "reason": record["reason"],
        **{key: meta.get(key) for key in _META_KEYS},
        "findings_count": None if findings is None else len(findings),
        "findings": None if findings is None else json.dumps(findings, ensure_ascii=False),
    }
    row = [fields[name] if name in fields else values.get(name) for name in CSV_COLUMNS]
    # one record, one physical line: a cut line is then recognisable on --resume
    text = [_LINE_BREAKS.sub(" ", format_scalar(value)) for value in row]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(text)
    return buffer.getvalue()


def _jsonl_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def _csv_header() -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(CSV_COLUMNS)
    return buffer.getvalue()


def _parse_line(line: str, output_format: OutputFormat) -> tuple[str | None, str]:
    """Return the ``sha256`` and ``status`` of one complete line of an output file."""
    if output_format == "jsonl":
        record = json.loads(line)
        return record["sha256"], record["status"]
    (row,) = csv.reader([line])
    if len(row) != len(CSV_COLUMNS):
        raise ValueError(f"{len(row)} fields instead of {len(CSV_COLUMNS)}")
    return row[1] or None, row[2]


class OutputError(Exception):
    """The output file cannot be resumed (another layout, or a damaged line inside it)."""


def _recover(out: Path, output_format: OutputFormat) -> dict[str, str]:
    """Read the records of an earlier run: ``{sha256: status}``.

    Every record is one line ending in a newline, so a line cut short by an interruption is
    the text after the last newline: it is removed from the file. Any other damage stops the
    run rather than guess.
    """
    if not out.exists():
        return {}
    data = out.read_bytes()
    complete = data.rfind(b"\n") + 1
    lines = [line.decode("utf-8") for line in data[:complete].split(b"\n")[:-1]]
    first = 1
    if output_format == "csv" and lines:
        if lines[0] + "\n" != _csv_header():
            raise OutputError(f"{out}: the header is not this version's batch CSV header")
        lines, first = lines[1:], 2
    done: dict[str, str] = {}
    for number, line in enumerate(lines, start=first):
        try:
            sha256, status = _parse_line(line, output_format)
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(f"{out}, line {number}: not a batch record ({exc})") from exc
        if sha256 is not None:
            done[sha256] = status
    if complete < len(data):
        with out.open("r+b") as stream:
            stream.truncate(complete)
            os.fsync(stream.fileno())
    return done


class _Appender:
    """Append complete lines to a file, each flushed to disk before the next."""

    def __init__(self, path: Path, fresh: bool) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
        self._fd = os.open(path, flags, 0o644)

    def write(self, line: str) -> None:
        data = memoryview(line.encode("utf-8"))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        os.close(self._fd)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A one-line progress bar, redrawn at most ten times a second."""

    def __init__(self, total: int, stream: TextIO) -> None:
        self.total = total
        self.stream = stream
        self.done = 0
        self.failed = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def update(self, ok: bool) -> None:
        self.done += 1
        self.failed += not ok
        now = time.monotonic()
        if now - self._drawn >= 0.1 or self.done == self.total:
            self._drawn = now
            self.draw(now)

    def draw(self, now: float) -> None:
        width = 30
        filled = width * self.done // self.total if self.total else width
        rate = self.done / max(now - self.started, 1e-9)
        left = (self.total - self.done) / rate if rate else 0.0
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
            f"  {self.failed} failed  {rate:.1f} files/s  {left:.0f}s left "
        )
        self.stream.flush()

    def close(self) -> None:
        self.stream.write("\n")
        self.stream.flush()


# --------------------------------------------------------------------------- the batch run


def expand_paths(
    paths_or_dirs: Iterable[str | os.PathLike[str]], exclude: Iterable[Path] = ()
) -> list[Path | str]:
    """List the files to read: files as given, directories expanded recursively.

    A directory contributes every regular file below it, sorted, except hidden files and
    directories (names starting with ``.``): the format is recognised from the content, so
    no extension is required. Paths given twice are listed once; ``exclude`` (the output
    file) is left out. A path that does not exist is kept: it is recorded as unreadable.

    URLs and archive members (``a.zip!/b.pdf``) are kept as strings; an archive contributes
    its members and a list of URLs (``urls.txt``, or a CSV with a ``url`` column) its URLs
    (see :func:`gikaireport.sources.listing.expand_source`).
    """
    skip = {path.resolve() for path in exclude}
    seen: set[Path | str] = set()
    found: list[Path | str] = []

    def add(path: Path) -> None:
        key = path.resolve()
        if key in skip:
            return
        entries = expand_source(os.fspath(path))
        candidates: list[Path | str] = [path] if entries is None else list(entries)
        for entry in candidates:
            marker = key if entries is None else entry
            if marker not in seen:
                seen.add(marker)
                found.append(entry)

    for given in paths_or_dirs:
        if isinstance(given, str) and expand_source(given) == [given]:
            if given not in seen:
                seen.add(given)
                found.append(given)
            continue
        path = Path(given)
        if not path.is_dir():
            add(path)
            continue
        for directory, subdirs, files in os.walk(path):
            subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
            for name in sorted(files):
                candidate = Path(directory) / name
                if not name.startswith(".") and candidate.is_file():
                    add(candidate)
    return found


@frozen
class BatchSummary:
    """What a batch run did.

    Attributes:
        total: input files.
        written: records written by this run.
        skipped: files skipped because ``--resume`` found their content already recorded.
        failed: input files whose record (new or earlier) says ``unreadable``.

    """

    total: int
    written: int
    skipped: int
    failed: int

    @property
    def exit_status(self) -> int:
        """0 when every file has an ``ok`` record, 1 when some are unreadable."""
        return 1 if self.failed else 0


def _crash_safe_record(path: str, result: dict[str, Any] | _Crash) -> dict[str, Any]:
    return _crash_record(path) if isinstance(result, _Crash) else result


def run_batch(
    paths_or_dirs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    jobs: int = 1,
    resume: bool = False,
    format: OutputFormat = "jsonl",
    progress: TextIO | None = None,
) -> BatchSummary:
    """Read files and directories into one record per file (see :func:`file_record`).

    Records are written in input order to ``out``, JSON Lines (``format="jsonl"``) or CSV
    (``format="csv"``, columns :data:`CSV_COLUMNS`). Each record is appended as one complete
    line and flushed to disk (``fsync``) before the next, so an interruption leaves every
    record already written intact; at worst the last line is cut short, and ``resume``
    removes it. Without ``resume``, ``out`` is started afresh.

    With ``resume``, files whose content (by SHA-256) is already recorded in ``out`` are
    skipped, whatever their path, and the new records are appended. ``progress`` is a stream
    for a progress bar (``None`` for none).

    Raises :class:`OutputError` when ``resume`` meets a file that is not a batch output of
    this format.
    """
    out_path = Path(out)
    files = expand_paths(paths_or_dirs, exclude=[out_path])
    done = _recover(out_path, format) if resume else {}
    fresh = not (resume and out_path.exists() and out_path.stat().st_size > 0)
    failed = skipped = 0
    todo: list[str] = []
    for path in files:
        status = done.get(_sha256_or_none(os.fspath(path))) if done else None
        if status is None:
            todo.append(os.fspath(path))
        else:
            skipped += 1
            failed += status != "ok"
    bar = _Progress(len(todo), progress) if progress is not None and todo else None
    appender = _Appender(out_path, fresh=fresh)
    written = 0
    try:
        if format == "csv" and fresh:
            appender.write(_csv_header())
        line = _jsonl_line if format == "jsonl" else _csv_line
        for name, result in _pool_map(file_record, todo, jobs):
            record = _crash_safe_record(name, result)
            appender.write(line(record))
            written += 1
            ok = record["status"] == "ok"
            failed += not ok
            if bar is not None:
                bar.update(ok)
    finally:
        appender.close()
        if bar is not None:
            bar.close()
    return BatchSummary(total=len(files), written=written, skipped=skipped, failed=failed)


DESCRIPTION = (
    "Read many report files into one record per file (JSON Lines or CSV): status, "
    "content hash, meta, every cell and the validation findings."
)
EPILOG = (
    "Exit status: 0 when every file was read, 1 when some files could not be read "
    "(each has a record saying why), 2 for a usage error or an output file that "
    "cannot be resumed."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the ``batch`` command's arguments on ``parser``."""
    parser.add_argument("paths", nargs="+", metavar="PATH_OR_DIR", help="files and directories")
    parser.add_argument("--out", required=True, metavar="FILE", help="the output file")
    parser.add_argument(
        "--jobs", type=int, default=1, metavar="N", help="processes reading files (default 1)"
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="keep the records in FILE and skip files whose content is already recorded",
    )
    parser.add_argument(
        "--format", choices=("jsonl", "csv"), default=None, help="default: from FILE's extension"
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar (shown on a terminal)"
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
    (each has its record), 2 for an output file that cannot be written or resumed. Usage
    errors exit with status 2 through ``argparse``.
    """
    parser = argparse.ArgumentParser(
        prog="gikaireport batch", description=DESCRIPTION, epilog=EPILOG
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return run_command(args)


def run_command(args: argparse.Namespace) -> int:
    """Run ``gikaireport batch`` with parsed arguments; return the exit status."""
    if args.jobs < 1:
        print("gikaireport batch: --jobs must be at least 1", file=sys.stderr)
        return 2
    output_format: OutputFormat = args.format or (
        "csv" if Path(args.out).suffix.lower() == ".csv" else "jsonl"
    )
    progress = None if args.no_progress or not sys.stderr.isatty() else sys.stderr
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
                progress=progress,
            )
    except (OutputError, OSError) as exc:
        print(f"gikaireport batch: {exc}", file=sys.stderr)
        return 2
    print(
        f"{summary.total} files: {summary.written} recorded, {summary.skipped} already "
        f"recorded, {summary.failed} unreadable -> {args.out}",
        file=sys.stderr,
    )
    return summary.exit_status
