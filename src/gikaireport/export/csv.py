"""Reports as CSV files, wide or long (standard library only).

Files are UTF-8 without a byte-order mark, with a header row. Numbers are written as printed
in the report: counts as integers, the fee as the decimal it was (``0.7452``, ``18.8710``),
never through a float. An empty field is a cell without a number; in the long shape its
``status`` column says why (``blank``, ``not_applicable``, ``unreadable``, ``absent``).
See :mod:`gikaireport.export.rows` for the two shapes and for mixed format versions.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from attrs import frozen

from gikaireport.export.rows import (
    LONG_COLUMNS,
    META_COLUMNS,
    Scalar,
    cell_columns,
    long_rows,
    parse_value,
    wide_row,
)
from gikaireport.model import CellStatus, Report, Value

__all__ = ["read_long_csv", "write_long_csv", "write_wide_csv"]

Target = str | os.PathLike[str] | TextIO


def format_scalar(value: Scalar) -> str:
    """Format a flat-row value as CSV text: ``""`` for ``None``, ISO dates, decimals as printed."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)  # Decimal's str keeps the digits as printed


@contextmanager
def _open(target: Target) -> Iterator[TextIO]:
    if isinstance(target, str | os.PathLike):
        with Path(target).open("w", encoding="utf-8", newline="") as stream:
            yield stream
    else:
        yield target


def write_wide_csv(
    reports: Iterable[Report], target: Target, versions: Iterable[str] | None = None
) -> int:
    """Write one row per report (meta columns, then a column per canonical cell id).

    ``target`` is a path or an open text stream (opened with ``newline=""``). The cell columns
    are those of ``versions``; by default the 2021 ids, followed by the 2019 ids when 2019
    reports are among ``reports`` (read in full first to know). Returns the number of rows
    written.
    """
    if versions is None:
        reports = list(reports)
        versions = {"2021", *(report.format_version for report in reports)}
    columns = cell_columns(versions)
    count = 0
    with _open(target) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow((*META_COLUMNS, *columns))
        for report in reports:
            row = wide_row(report, columns)
            writer.writerow([format_scalar(row[name]) for name in (*META_COLUMNS, *columns)])
            count += 1
    return count


def write_long_csv(reports: Iterable[Report], target: Target) -> int:
    """Write one row per cell and return the number of rows written.

    The columns are ``report`` (the position in ``reports``), ``path``, ``cell``, ``value``
    and ``status``.
    """
    count = 0
    with _open(target) as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(LONG_COLUMNS)
        for index, report in enumerate(reports):
            for row in long_rows(report, index):
                writer.writerow([format_scalar(row[name]) for name in LONG_COLUMNS])
                count += 1
    return count


@frozen
class LongRow:
    """One row of a long CSV read back: numbers and statuses in their own types."""

    report: int
    path: str | None
    cell: str
    value: Value | None
    status: CellStatus


def read_long_csv(source: str | os.PathLike[str] | Iterable[str]) -> Iterator[LongRow]:
    """Read a file written by :func:`write_long_csv` back into rows, one at a time.

    ``source`` is a path, or an open text stream (opened with ``newline=""``) or its lines.
    Values regain their types from the format declaration (``int`` counts, ``Decimal``
    amounts); an empty ``path`` is ``None``.
    """
    if isinstance(source, str | os.PathLike):
        with Path(source).open(encoding="utf-8", newline="") as stream:
            yield from read_long_csv(stream)
        return
    reader = csv.DictReader(source)
    if tuple(reader.fieldnames or ()) != LONG_COLUMNS:
        raise ValueError(f"not a long CSV: expected the columns {', '.join(LONG_COLUMNS)}")
    for record in reader:
        yield LongRow(
            report=int(record["report"]),
            path=record["path"] or None,
            cell=record["cell"],
            value=parse_value(record["cell"], record["value"]),
            status=CellStatus(record["status"]),
        )
