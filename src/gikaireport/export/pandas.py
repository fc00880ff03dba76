"""Reports as pandas DataFrames (pandas is optional: ``pip install gikaireport[pandas]``).

pandas is imported when :func:`to_dataframe` is called, never by ``import gikaireport``.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType
from typing import TYPE_CHECKING, Literal

from gikaireport.export.rows import LONG_COLUMNS, META_COLUMNS, cell_columns, long_rows, wide_row
from gikaireport.formats import FORMATS, Kind
from gikaireport.model import Report

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PandasMissingError", "to_dataframe"]


class PandasMissingError(ImportError):
    """pandas is not installed; the message says how to install it."""


def _pandas() -> ModuleType:
    try:
        return importlib.import_module("pandas")
    except ImportError as exc:
        raise PandasMissingError(
            "to_dataframe needs pandas, which is not installed: pip install gikaireport[pandas]"
        ) from exc


def to_dataframe(
    reports: Iterable[Report], shape: Literal["wide", "long"] = "wide"
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

    ``shape="long"``: one row per cell (``report`` position, ``path``, ``cell``, ``value``,
    ``status``); ``value`` holds ints, Decimals or ``None``, ``status`` the cell status.

    Raises :class:`PandasMissingError` (an ``ImportError``) when pandas is not installed.
    """
    pandas = _pandas()
    reports = list(reports)
    if shape == "long":
        records = [row for index, report in enumerate(reports) for row in long_rows(report, index)]
        long: pd.DataFrame = pandas.DataFrame.from_records(records, columns=list(LONG_COLUMNS))
        return long
    if shape != "wide":
        raise ValueError(f"shape must be 'wide' or 'long', not {shape!r}")
    columns = cell_columns({"2021", *(report.format_version for report in reports)})
    frame = pandas.DataFrame.from_records(
        [wide_row(report, columns) for report in reports],
        columns=[*META_COLUMNS, *columns],
    )
    kinds = {cell.id: cell.kind for spec in FORMATS.values() for cell in spec.cells()}
    integer = [cell_id for cell_id in columns if kinds[cell_id] is not Kind.DECIMAL]
    frame = frame.astype(dict.fromkeys(["year", *integer], "Int64"))
    frame["published"] = pandas.to_datetime(frame["published"])
    result: pd.DataFrame = frame
    return result
