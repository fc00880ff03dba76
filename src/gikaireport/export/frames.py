"""One-call DataFrames for notebooks: a folder of reports, findings, and saved output read back.

:func:`read_dataframe` reads files with :func:`gikaireport.read_many` (directories walked by
:func:`gikaireport.batch.expand_paths`, the walker of ``check`` and ``batch``) and keeps an
unreadable file as a row with its ``error``. :func:`findings_dataframe` makes findings data.
:func:`load_dataframe` reads the batch JSONL and the wide or long CSV files back into the
frame :func:`~gikaireport.to_dataframe` would give, through the same typing functions.
"""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gikaireport.export.csv import read_long_csv
from gikaireport.export.pandas import (
    Fees,
    long_frame,
    pandas_module,
    report_rows,
    typed_long,
    typed_wide,
    wide_frame,
    zero_long,
    zeroed,
)
from gikaireport.export.rows import LONG_COLUMNS, META_COLUMNS, Scalar, cell_kinds, parse_value
from gikaireport.finding import Finding, Severity, format_location
from gikaireport.formats import FORMATS
from gikaireport.model import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["findings_dataframe", "load_dataframe", "read_dataframe"]

PathLike = str | os.PathLike[str]

FINDING_COLUMNS = (
    "path",
    "code",
    "rule",
    "severity",
    "message",
    "message_en",
    "cells",
    "location",
    "expected",
    "actual",
)
"""The columns of :func:`findings_dataframe`."""


def _read(
    source: PathLike | Iterable[PathLike], jobs: int, progress: bool | None
) -> list[tuple[Path | str, Report | Exception]]:
    from gikaireport.batch import read_many

    show = "ipykernel" in sys.modules if progress is None else progress
    return list(read_many(source, jobs=jobs, progress=show))


def read_dataframe(
    source: PathLike | Iterable[PathLike],
    *,
    shape: Literal["wide", "long"] = "wide",
    jobs: int = 1,
    progress: bool | None = None,
    fees: Fees = "decimal",
    blank_as_zero: bool = False,
) -> pd.DataFrame:
    """Read files into one DataFrame: a file, a directory (walked recursively) or many paths.

    The frame is that of :func:`~gikaireport.to_dataframe` (same columns and types, same
    ``fees`` and ``blank_as_zero`` options) with an ``error`` column after the meta columns:
    a file that cannot be read stays a row (wide) or one row without a cell (long) holding
    its path and the reason, so nothing disappears silently. ``jobs`` reads with that many
    processes; ``progress`` shows a bar (tqdm.auto) and defaults to showing it inside a
    Jupyter kernel only.
    """
    results = _read(source, jobs, progress)
    if shape == "long":
        return _long_with_errors(results, fees, blank_as_zero)
    if shape != "wide":
        raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
    rows: list[dict[str, Scalar]] = []
    for path, outcome in results:
        if isinstance(outcome, Report):
            rows.append({**report_rows(outcome, blank_as_zero), "error": None})
        else:
            rows.append({"path": str(path), "error": _reason(outcome)})
    versions = {r.format_version for _, r in results if isinstance(r, Report)}
    return typed_wide(wide_frame(rows, versions, extra=("error",)), fees)


def _reason(error: Exception) -> str:
    return str(getattr(error, "reason", error))


def _long_with_errors(
    results: list[tuple[Path | str, Report | Exception]], fees: Fees, blank_as_zero: bool
) -> pd.DataFrame:
    pandas = pandas_module()
    reports = [outcome for _, outcome in results if isinstance(outcome, Report)]
    frame = long_frame(reports, fees=fees, blank_as_zero=blank_as_zero)
    position = [index for index, (_, r) in enumerate(results) if isinstance(r, Report)]
    frame["report"] = [position[i] for i in frame["report"]]
    frame["error"] = None
    failed = [
        {"report": index, "path": str(path), "error": _reason(outcome)}
        for index, (path, outcome) in enumerate(results)
        if not isinstance(outcome, Report)
    ]
    if failed:
        frame = pandas.concat([frame, pandas.DataFrame(failed)], ignore_index=True)
        frame = frame.sort_values("report", kind="stable", ignore_index=True)
    result: pd.DataFrame = frame.astype({"report": "Int64"})
    return result


def _findings_of(
    items: Report | Iterable[Report | Finding],
    select: Iterable[str] | None,
    ignore: Iterable[str] | None,
    severity: Severity | str | None,
) -> Iterator[Finding]:
    from gikaireport.validate import validate

    if isinstance(items, str | bytes) or hasattr(items, "__fspath__"):
        raise TypeError("findings_dataframe takes reports or findings, not a path")
    for item in [items] if isinstance(items, Report) else items:
        if isinstance(item, Report):
            yield from validate(item, select, ignore, severity=severity)
        elif isinstance(item, Finding):
            yield item
        else:
            raise TypeError(
                f"findings_dataframe takes reports or findings, not {type(item).__name__}"
            )


def findings_dataframe(
    items: Report | Iterable[Report | Finding],
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    severity: Severity | str | None = None,
) -> pd.DataFrame:
    """Return findings as a DataFrame, one row per finding.

    ``items`` is a report, reports (validated here with ``select``, ``ignore`` and the
    minimum ``severity`` of :func:`gikaireport.validate.validate`) or findings already made.
    Columns (:data:`FINDING_COLUMNS`): ``path``, ``code``, ``rule``, ``severity`` as a
    plain string (``error``, ``warning``, ``info``), ``message`` (Chinese), ``message_en``,
    ``cells`` (a tuple of cell ids), ``location`` (``page 3, table 1`` or a line number, or
    ``None``), ``expected`` and ``actual``.
    """
    pandas = pandas_module()
    records = [
        (
            finding.path,
            finding.code,
            finding.rule,
            finding.severity.value,
            finding.message,
            finding.message_en,
            tuple(finding.cells),
            format_location(finding.location) or None,
            finding.expected,
            finding.actual,
        )
        for finding in _findings_of(items, select, ignore, severity)
    ]
    frame: pd.DataFrame = pandas.DataFrame.from_records(records, columns=list(FINDING_COLUMNS))
    return frame


def load_dataframe(
    path: PathLike, *, fees: Fees = "decimal", blank_as_zero: bool = False
) -> pd.DataFrame:
    """Read saved output back into the typed frame it came from.

    Reads the JSONL of ``gikaireport batch`` (by the ``.jsonl`` suffix) and CSV files: the
    batch CSV and :func:`~gikaireport.write_wide_csv`'s give the wide frame of
    :func:`read_dataframe` (with ``error``), :func:`~gikaireport.write_long_csv`'s the long
    frame of :func:`~gikaireport.to_dataframe`. Counts come back ``Int64``, amounts as
    ``fees``, dates as ``datetime64``. ``blank_as_zero`` needs the cell statuses, which the
    JSONL and the long CSV keep and the wide CSV files do not (``ValueError`` there). A file
    that is not such output, or is damaged, raises ``ValueError`` naming the file; ``OSError``
    when it cannot be opened.
    """
    path = Path(path)
    try:
        return _load(path, fees, blank_as_zero)
    except (ArithmeticError, KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
        if str(exc).startswith(str(path)):
            raise
        raise ValueError(f"{path}: not readable as gikaireport output ({exc})") from exc


def _load(path: Path, fees: Fees, blank_as_zero: bool) -> pd.DataFrame:
    if path.suffix.lower() == ".jsonl":
        with path.open(encoding="utf-8") as stream:
            rows = [_jsonl_row(json.loads(line), blank_as_zero) for line in stream if line.strip()]
        return _typed_rows(rows, fees)
    with path.open(encoding="utf-8", newline="") as stream:
        header = tuple(next(csv.reader(stream), ()))
    if header == LONG_COLUMNS:
        return _load_long(path, fees, blank_as_zero)
    if header[: len(META_COLUMNS)] != META_COLUMNS and "status" not in header:
        raise ValueError(f"{path}: not a file written by gikaireport (unknown columns)")
    if blank_as_zero:
        raise ValueError(
            f"{path}: a wide CSV does not say which cells were printed blank; "
            "load the long CSV or the batch JSONL for blank_as_zero"
        )
    with path.open(encoding="utf-8", newline="") as stream:
        rows = [_csv_row(record) for record in csv.DictReader(stream)]
    return _typed_rows(rows, fees)


def _cells(values: Mapping[str, Any]) -> dict[str, Scalar]:
    known = cell_kinds()
    return {
        cell_id: parse_value(cell_id, "" if text is None else str(text))
        for cell_id, text in values.items()
        if cell_id in known
    }


def _jsonl_row(record: Mapping[str, Any], blank_as_zero: bool) -> dict[str, Scalar]:
    values = _cells(record.get("values") or {})
    if blank_as_zero:
        values = zeroed(values, record.get("statuses") or {})
    meta = record.get("meta") or {}
    return {"path": record["path"], **meta, "error": record.get("reason"), **values}


def _csv_row(record: Mapping[str, str]) -> dict[str, Scalar]:
    meta: dict[str, Scalar] = {name: record.get(name) or None for name in META_COLUMNS}
    meta["year"] = int(record["year"]) if record.get("year") else None
    return {**meta, "error": record.get("reason") or None, **_cells(record)}


def _typed_rows(rows: list[dict[str, Scalar]], fees: Fees) -> pd.DataFrame:
    versions = {str(row["format_version"]) for row in rows if row.get("format_version")}
    return typed_wide(wide_frame(rows, versions & set(FORMATS), extra=("error",)), fees)


def _load_long(path: Path, fees: Fees, blank_as_zero: bool) -> pd.DataFrame:
    pandas = pandas_module()
    records = [
        {
            "report": row.report,
            "path": row.path,
            "cell": row.cell,
            "value": row.value,
            "status": row.status.value,
        }
        for row in read_long_csv(path)
    ]
    if blank_as_zero:
        zero_long(records)
    frame = pandas.DataFrame.from_records(records, columns=list(LONG_COLUMNS))
    return typed_long(frame, fees)
