"""The batch output file: one record per line, appended whole, recovered on ``--resume``.

Every record is one line ending in a newline, written with a single append and flushed to
disk before the next, so an interrupted run leaves whole records and at most one line cut
short (the text after the last newline). Recovery reads the records back keyed by path.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Literal

from attrs import frozen

from gikaireport.batch.records import META_KEYS
from gikaireport.export.csv import format_scalar
from gikaireport.export.rows import cell_columns

__all__ = ["CSV_COLUMNS"]

OutputFormat = Literal["jsonl", "csv"]

CSV_COLUMNS = (
    "path",
    "sha256",
    "status",
    "error",
    "reason",
    *META_KEYS,
    "findings_count",
    "findings",
    *cell_columns(),
)
"""The batch CSV header: record fields, meta, findings (count, and JSON), then every cell id of
every format version (2021 first), so that the columns are fixed before any file is read."""


class OutputError(Exception):
    """The output file cannot be resumed (another layout, or a damaged line inside it)."""


_LINE_BREAKS = re.compile(r"[\r\n]+")


def _csv_row(row: Iterable[Any]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return buffer.getvalue()


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
        **{key: meta.get(key) for key in META_KEYS},
        "findings_count": None if findings is None else len(findings),
        "findings": None if findings is None else json.dumps(findings, ensure_ascii=False),
    }
    row = [fields[name] if name in fields else values.get(name) for name in CSV_COLUMNS]
    # one record, one physical line: a cut line is then recognisable on --resume
    return _csv_row(_LINE_BREAKS.sub(" ", format_scalar(value)) for value in row)


def _jsonl_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"


def line_writer(output_format: OutputFormat) -> Callable[[dict[str, Any]], str]:
    """The function turning a record into its line in ``output_format``."""
    return _jsonl_line if output_format == "jsonl" else _csv_line


def header(output_format: OutputFormat) -> str:
    """The first line of a new output file ("" for JSON Lines, which has none)."""
    return _csv_row(CSV_COLUMNS) if output_format == "csv" else ""


def path_key(path: str) -> str:
    """The key by which resuming matches a record to an input path."""
    return os.path.normpath(path)


@frozen
class Entry:
    """What resuming needs of one recorded line."""

    line: str
    sha256: str | None
    status: str


def _parse_line(line: str, output_format: OutputFormat) -> tuple[str, Entry]:
    """Return the path of one complete line of an output file, and its entry."""
    if output_format == "jsonl":
        record = json.loads(line)
        path, sha256, status = record["path"], record["sha256"], record["status"]
        if not isinstance(path, str):
            raise TypeError("the path is not a string")
    else:
        (row,) = csv.reader([line])
        if len(row) != len(CSV_COLUMNS):
            raise ValueError(f"{len(row)} fields instead of {len(CSV_COLUMNS)}")
        path, sha256, status = row[0], row[1] or None, row[2]
    return path, Entry(line + "\n", sha256, status)


@frozen
class Recorded:
    """The records of an earlier run, by path key (the last line wins), and the damage found.

    Attributes:
        entries: the entry of each recorded path key.
        duplicates: lines recording a path that a later line records again.
        torn: whether a line cut short was found (and removed) at the end of the file.

    """

    entries: dict[str, Entry]
    duplicates: int = 0
    torn: bool = False


def recover(out: Path, output_format: OutputFormat) -> Recorded:
    """Read the records of an earlier run from ``out``.

    A line cut short by an interruption is the text after the last newline: it is removed
    from the file. Any other damage stops the run rather than guess.

    Raises:
        OutputError: a line that is not a record, or a CSV header of another layout.

    """
    if not out.exists():
        return Recorded({})
    data = out.read_bytes()
    complete = data.rfind(b"\n") + 1
    lines = data[:complete].split(b"\n")[:-1]
    first = 1
    if output_format == "csv" and lines:
        if lines[0] + b"\n" != header("csv").encode("utf-8"):
            raise OutputError(f"{out}: the header is not this version's batch CSV header")
        lines, first = lines[1:], 2
    entries: dict[str, Entry] = {}
    for number, line in enumerate(lines, start=first):
        try:
            path, entry = _parse_line(line.decode("utf-8"), output_format)
        except (ValueError, KeyError, TypeError) as exc:
            raise OutputError(f"{out}, line {number}: not a batch record ({exc})") from exc
        entries.pop(path_key(path), None)
        entries[path_key(path)] = entry
    if complete < len(data):
        with out.open("r+b") as stream:
            stream.truncate(complete)
            os.fsync(stream.fileno())
    return Recorded(entries, len(lines) - len(entries), complete < len(data))


def rewrite(out: Path, output_format: OutputFormat, entries: Iterable[Entry]) -> None:
    """Replace ``out`` by a file holding just ``entries``, atomically (all or nothing)."""
    text = header(output_format) + "".join(entry.line for entry in entries)
    descriptor, name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        Path(name).chmod(out.stat().st_mode & 0o777)
        Path(name).replace(out)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise


class Appender:
    """Append complete lines to a file, each flushed to disk before the next."""

    def __init__(self, path: Path, fresh: bool) -> None:
        flags = os.O_WRONLY | os.O_CREAT | os.O_APPEND | (os.O_TRUNC if fresh else 0)
        self._fd = os.open(path, flags, 0o644)

    def write(self, line: str) -> None:
        """Append ``line`` and flush it to disk."""
        data = memoryview(line.encode("utf-8"))
        while data:
            written = os.write(self._fd, data)
            data = data[written:]
        os.fsync(self._fd)

    def close(self) -> None:
        """Close the file."""
        os.close(self._fd)
