"""Reports as flat rows: the common ground of CSV files, DataFrames and batch records.

Two shapes:

- **wide**: one row per report, the meta columns (:data:`META_COLUMNS`) followed by one column
  per canonical cell id holding the cell's number (``None`` unless the cell's status is
  ``number``);
- **long**: one row per cell (:data:`LONG_COLUMNS`): which report, the cell id, its number and
  its status, so that blank, not-applicable, unreadable and absent cells stay apart.

Mixed format versions: the wide columns are the 2021 ids, followed, when 2019 reports are
among the input (or when the columns must be fixed in advance), by the ids that only the 2019
format declares (its part 二 and its single （六）其他处理 row); each report fills the ids of its
own version and leaves the others empty. Parts 三 and 四 share their ids across versions,
so they line up in one column whatever the version.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any

import attrs

from gikaireport.formats import FORMATS, Kind
from gikaireport.model import Report, Value

__all__ = ["cell_columns"]

Scalar = str | int | Decimal | dt.date | None
"""What a flat row holds: text, numbers, dates, or ``None`` for nothing."""

META_COLUMNS = ("path", "title", "agency", "year", "published", "format_version", "source_format")
"""The wide shape's leading columns, in order."""

LONG_COLUMNS = ("report", "path", "cell", "value", "status")
"""The long shape's columns: ``report`` is the report's position (0-based) in the input."""


def cell_columns(versions: Iterable[str] | None = None) -> tuple[str, ...]:
    """Return the cell columns of the wide shape for reports of these format versions.

    The ids of the versions present, in printed order, 2021 first (then the other versions in
    the order :data:`gikaireport.formats.FORMATS` lists them), each id once. ``None`` means
    every declared version, for output whose columns must be fixed before the reports are
    known (a streamed or resumed batch).
    """
    wanted = set(FORMATS if versions is None else versions)
    unknown = wanted - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown format versions {sorted(unknown)}; known: {sorted(FORMATS)}")
    seen: dict[str, None] = {}
    for version, spec in FORMATS.items():
        if version in wanted:
            seen.update(dict.fromkeys(spec.cell_ids))
    return tuple(seen)


def meta_row(report: Report) -> dict[str, Scalar]:
    """Return the report's meta columns (:data:`META_COLUMNS`)."""
    return {
        "path": report.path,
        "title": report.meta.title,
        "agency": report.meta.agency,
        "year": report.meta.year,
        "published": report.meta.published,
        "format_version": report.format_version,
        "source_format": report.source_format,
    }


def wide_row(report: Report, columns: Iterable[str]) -> dict[str, Scalar]:
    """Return one report as a wide row: meta columns, then ``columns`` (cell ids).

    Each cell column holds the cell's number, as in ``Report.values()``; ids that the
    report's format version does not declare are ``None``.
    """
    values = report.values()
    row = meta_row(report)
    for cell_id in columns:
        row[cell_id] = values.get(cell_id)
    return row


def long_rows(report: Report, index: int) -> Iterator[dict[str, Scalar]]:
    """Yield one report as long rows, one per cell of its format in printed order.

    ``index`` is the report's position in the input, written to the ``report`` column.
    """
    for cell_id, cell in report.cells().items():
        yield {
            "report": index,
            "path": report.path,
            "cell": cell_id,
            "value": cell.value,
            "status": cell.status.value,
        }


@lru_cache(maxsize=1)
def cell_kinds() -> dict[str, Kind]:
    """The kind of every cell id any declared format has (the first version's, 2021 first)."""
    kinds: dict[str, Kind] = {}
    for spec in FORMATS.values():
        for cell in spec.cells():
            kinds.setdefault(cell.id, cell.kind)
    return kinds


def parse_value(cell_id: str, text: str) -> Value | None:
    """Read a number written by these exports back into its type, guided by the cell's kind.

    ``""`` is ``None``. Decimal cells (the fee, the 2019 procurement amount) give a
    :class:`~decimal.Decimal` exactly as written, counts an ``int``.
    """
    kind = cell_kinds().get(cell_id)
    if kind is None:
        raise KeyError(f"{cell_id!r} is not a cell of any declared format")
    if text == "":
        return None
    return Decimal(text) if kind is Kind.DECIMAL else int(text)


def jsonable(value: Any) -> Any:
    """Return ``value`` with what JSON cannot hold made plain.

    Decimals become strings (exactly as printed, trailing zeros kept), dates ISO strings,
    enums their value, attrs instances and named tuples (such as ``Source``) dicts; mappings
    and sequences are converted throughout.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if attrs.has(type(value)):
        return {
            field.name: jsonable(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):  # a named tuple (Source)
        return {str(key): jsonable(item) for key, item in value._asdict().items()}
    if isinstance(value, Mapping):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(item) for item in value]
    return str(value)


def finding_record(finding: object) -> dict[str, Any]:
    """Return a validation finding as a JSON-ready dict of its fields.

    Findings are attrs instances (``code``, ``severity``, ``message``, ``cells`` ...); each
    field is kept under its own name, so the record follows the definition in
    :mod:`gikaireport.finding` without a copy of it here. The one JSON form of a finding:
    ``gikaireport check --format json`` and the batch records both write it.
    """
    record = jsonable(finding)
    if not isinstance(record, dict):
        return {"message": str(finding)}
    return record
