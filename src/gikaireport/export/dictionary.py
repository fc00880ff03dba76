"""The data dictionary as a table: one row per canonical cell id, read from the declarations.

Everything here comes from :mod:`gikaireport.formats` (ids, labels, kinds) and from
:func:`gikaireport.validate.describe.cell_label` (the official Chinese label with its group
caption); nothing is listed by hand. The English label is the cell id spelt out in words.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from gikaireport.formats import FORMATS, Kind, get_format, split_canonical_id

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["data_dictionary"]

DICTIONARY_COLUMNS = ("cell", "table", "row", "column", "label", "label_en", "kind", "unit")
"""The columns of :func:`data_dictionary`."""

_UNITS = {Kind.DECIMAL: "万元"}


def english_label(cell_id: str) -> str:
    """Spell a cell id out in words: ``applications / results, withheld, state secret /
    natural person`` for ``applications.results.withheld.state_secret.natural_person``.
    """
    table, row, column = split_canonical_id(cell_id)
    words = ", ".join(segment.replace("_", " ") for segment in row.split("."))
    return f"{table.replace('_', ' ')} / {words} / {column.replace('_', ' ')}"


def _label(version: str, cell_id: str) -> str:
    from gikaireport.validate.describe import cell_label

    return cell_label(version, cell_id)


@lru_cache(maxsize=1)
def cell_places() -> dict[str, tuple[str, str, str, str]]:
    """Every declared cell id (of any version) with its table, row, column and Chinese label."""
    places: dict[str, tuple[str, str, str, str]] = {}
    for version, spec in FORMATS.items():
        for cell in spec.cells():
            places.setdefault(
                cell.id, (cell.table.id, cell.row.id, cell.column.id, _label(version, cell.id))
            )
    return places


def data_dictionary(version: str = "2021") -> pd.DataFrame:
    """Return the cells of one format version as a DataFrame, one row per canonical cell id.

    Columns: ``cell`` (the id), ``table``, ``row`` and ``column`` (its three parts),
    ``label`` (the official Chinese row and column labels, with the group caption where the
    row label alone is not unique), ``label_en`` (the id spelt out in English words),
    ``kind`` (``count``, ``decimal`` or ``signed``) and ``unit`` (``万元`` for amounts, empty
    for counts). Rows are in printed order. ``ValueError`` for an unknown version.
    """
    from gikaireport.export.pandas import pandas_module

    spec = get_format(version)
    records = [
        (
            cell.id,
            cell.table.id,
            cell.row.id,
            cell.column.id,
            _label(version, cell.id),
            english_label(cell.id),
            cell.kind.value,
            _UNITS.get(cell.kind),
        )
        for cell in spec.cells()
    ]
    frame: pd.DataFrame = pandas_module().DataFrame.from_records(
        records, columns=list(DICTIONARY_COLUMNS)
    )
    return frame
