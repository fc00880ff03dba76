"""Reports as pandas DataFrames (pandas is optional: ``pip install gikaireport[pandas]``).

pandas is imported when :func:`to_dataframe` is called, never by ``import gikaireport``.
The typing of the columns (``Int64`` counts, Decimal or float amounts, datetime dates) is
done in one place, :func:`typed_wide`, for frames built from reports and frames loaded from
saved output alike.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, Literal

from gikaireport.export.rows import (
    LONG_COLUMNS,
    META_COLUMNS,
    Scalar,
    cell_columns,
    cell_kinds,
    long_rows,
    wide_row,
)
from gikaireport.formats import Kind
from gikaireport.model import CellStatus, Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PandasMissingError", "to_dataframe"]

Fees = Literal["decimal", "float"]
"""How amounts (the fee, the 2019 procurement amount) are held: exact ``Decimal`` objects, or
``float`` for plotting and ``describe()``."""

ZERO_STATUSES = frozenset({CellStatus.BLANK.value, CellStatus.NOT_APPLICABLE.value})
"""The statuses that ``blank_as_zero=True`` counts as 0: a printed blank and a printed dash
(a slash or 无). Unreadable and absent cells stay missing whatever the option."""

LONG_FRAME_COLUMNS = (
    "report",
    "path",
    "cell",
    "table",
    "row",
    "column",
    "label",
    "value",
    "status",
)
"""The long DataFrame's columns: the long rows plus where each cell sits in the form."""


class PandasMissingError(ImportError):
    """pandas is not installed; the message says how to install it."""


def pandas_module() -> ModuleType:
    """Import pandas, or raise :class:`PandasMissingError` saying how to install it."""
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise PandasMissingError(
            "to_dataframe needs pandas, which is not installed: pip install gikaireport[pandas]"
        ) from exc


def check_reports(reports: Iterable[Report], function: str) -> list[Report]:
    """Return ``reports`` as a list, or raise ``TypeError`` naming what was expected instead."""
    if isinstance(reports, Report):
        raise TypeError(f"{function} takes an iterable of reports; for one report pass [report]")
    if isinstance(reports, str | bytes) or hasattr(reports, "__fspath__"):
        raise TypeError(
            f"{function} takes reports, not a path: use gikaireport.read_dataframe(path)"
        )
    items = list(reports)
    for item in items:
        if isinstance(item, Report):
            continue
        if isinstance(item, tuple) and len(item) == 2:
            raise TypeError(
                f"{function} takes reports, not read_many's (path, report or error) pairs: "
                "use gikaireport.read_dataframe(paths), which keeps unreadable files as rows"
            )
        hint = (
            "; for findings use gikaireport.findings_dataframe" if hasattr(item, "severity") else ""
        )
        raise TypeError(f"{function} takes Report objects, not {type(item).__name__}{hint}")
    return items


def zeroed(values: Mapping[str, Any], statuses: Mapping[str, str]) -> dict[str, Any]:
    """Return ``values`` with printed blanks and dashes (:data:`ZERO_STATUSES`) as 0."""
    return {
        cell_id: 0 if value is None and statuses.get(cell_id) in ZERO_STATUSES else value
        for cell_id, value in values.items()
    }


def zero_long(records: Iterable[dict[str, Any]]) -> None:
    """Set ``value`` to 0 in long records whose status is in :data:`ZERO_STATUSES`."""
    for record in records:
        if record["value"] is None and record["status"] in ZERO_STATUSES:
            record["value"] = 0


def typed_wide(frame: pd.DataFrame, fees: Fees = "decimal") -> pd.DataFrame:
    """Give a wide frame its column types: ``Int64`` year and counts, amounts as ``fees``,
    ``published`` as ``datetime64[ns]``. Cell columns hold Python numbers or ``None`` on entry.
    """
    pandas = pandas_module()
    if fees not in ("decimal", "float"):
        raise ValueError(f"fees must be 'decimal' or 'float', not {fees!r}")
    kinds = cell_kinds()
    cells = [name for name in frame.columns if name in kinds]
    integer = [cell_id for cell_id in cells if kinds[cell_id] is not Kind.DECIMAL]
    frame = frame.astype(dict.fromkeys(["year", *integer], "Int64"))
    decimal = [cell_id for cell_id in cells if kinds[cell_id] is Kind.DECIMAL]
    if fees == "float":
        frame = frame.astype(dict.fromkeys(decimal, "float64"))
    else:  # Decimal objects and None, whatever pandas inferred (an empty column is float NaN)
        for cell_id in decimal:
            column = frame[cell_id].astype(object)
            frame[cell_id] = column.where(column.notna(), None)
    # one resolution whatever the input (dates give seconds, ISO strings microseconds)
    frame["published"] = pandas.to_datetime(frame["published"]).astype("datetime64[ns]")
    return frame


def typed_long(frame: pd.DataFrame, fees: Fees = "decimal") -> pd.DataFrame:
    """Give a long frame its column types: ``Int64`` report position, ``value`` as Python
    numbers (or ``float64`` when ``fees="float"``), the form's position of each cell.
    """
    from gikaireport.export.dictionary import cell_places

    places = cell_places()
    for name, index in (("table", 0), ("row", 1), ("column", 2), ("label", 3)):
        frame[name] = [places[cell_id][index] for cell_id in frame["cell"]]
    frame = frame.astype({"report": "Int64"})
    if fees == "float":
        frame["value"] = frame["value"].astype("float64")
    elif fees != "decimal":
        raise ValueError(f"fees must be 'decimal' or 'float', not {fees!r}")
    result: pd.DataFrame = frame[list(LONG_FRAME_COLUMNS)]
    return result


def wide_frame(
    rows: Sequence[Mapping[str, Scalar]], versions: Iterable[str], extra: Sequence[str] = ()
) -> pd.DataFrame:
    """Build an untyped wide frame: meta columns, ``extra`` columns, then the cell columns."""
    pandas = pandas_module()
    columns = cell_columns({"2021", *versions})
    frame: pd.DataFrame = pandas.DataFrame.from_records(
        [dict(row) for row in rows], columns=[*META_COLUMNS, *extra, *columns]
    )
    return frame


def report_rows(report: Report, blank_as_zero: bool) -> dict[str, Scalar]:
    """One report's wide row over its own version's cells, blanks as 0 on request."""
    row = wide_row(report, report.spec.cell_ids)
    if blank_as_zero:
        statuses = {cell_id: cell.status.value for cell_id, cell in report.cells().items()}
        row.update(zeroed({k: row[k] for k in report.spec.cell_ids}, statuses))
    return row


def to_dataframe(
    reports: Iterable[Report],
    shape: Literal["wide", "long"] = "wide",
    *,
    fees: Fees = "decimal",
    blank_as_zero: bool = False,
) -> pd.DataFrame:
    """Return the reports as a DataFrame.

    ``shape="wide"``: one row per report, in input order; the meta columns (``path``,
    ``title``, ``agency``, ``year``, ``published``, ``format_version``, ``source_format``)
    followed by one column per canonical cell id holding the values of ``Report.values()``.
    The cell columns are the 2021 ids; when 2019 reports are among the input, the ids only the
    2019 format declares follow, and every report leaves the ids of the other version empty.
    Counts are nullable integers (``Int64``: a cell without a number is ``<NA>``, never 0),
    amounts stay :class:`~decimal.Decimal` objects (never floats), ``published`` is a
    ``datetime64`` column (``NaT`` when no date is printed).

    ``shape="long"``: one row per cell: ``report`` (the position in the input), ``path``,
    ``cell``, where the cell sits in the form (``table``, ``row``, ``column``, and the
    official Chinese ``label``), ``value`` (ints, Decimals or ``None``) and ``status``.

    ``fees="float"`` gives amounts as floats, for plotting and ``describe()``; the default
    keeps the exact Decimals. ``blank_as_zero=True`` counts a printed blank or dash as 0, for
    sums; it is never the default, and unreadable or absent cells stay missing.

    Raises :class:`PandasMissingError` (an ``ImportError``) when pandas is not installed, and
    ``TypeError`` naming what to pass when ``reports`` is not an iterable of reports (one
    report, a path, ``read_many``'s pairs, findings).
    """
    reports = check_reports(reports, "to_dataframe")
    if shape == "long":
        return long_frame(reports, fees=fees, blank_as_zero=blank_as_zero)
    if shape != "wide":
        raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
    rows = [report_rows(report, blank_as_zero) for report in reports]
    frame = wide_frame(rows, (report.format_version for report in reports))
    return typed_wide(frame, fees)


def long_frame(
    reports: Sequence[Report], *, fees: Fees = "decimal", blank_as_zero: bool = False
) -> pd.DataFrame:
    """The long shape of :func:`to_dataframe`."""
    pandas = pandas_module()
    records = [row for index, report in enumerate(reports) for row in long_rows(report, index)]
    if blank_as_zero:
        zero_long(records)
    frame: pd.DataFrame = pandas.DataFrame.from_records(records, columns=list(LONG_COLUMNS))
    return typed_long(frame, fees)
