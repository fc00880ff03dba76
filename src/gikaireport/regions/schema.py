"""The columns of the dataset's files: one declaration for the Parquet schemas, the CSV
headers and ``dictionary.csv``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from attrs import frozen

from gikaireport.export.rows import cell_columns
from gikaireport.formats import FORMATS, Kind

__all__: list[str] = []


@frozen
class Column:
    """One column: its name, its type (as written in ``dictionary.csv``) and meaning."""

    name: str
    type: str
    description: str


_AGENCY = Column("agency", "string", "the canonical agency name")
_REGION = (
    Column("region_code", "string", "6-digit 行政区划 code of the agency's region"),
    Column("province", "string", "the province of the region"),
    Column("city", "string", "the city (prefecture) of the region"),
    Column("county", "string", "the county of the region"),
)
"""The agency's region, in ``reports.parquet`` and ``coverage.csv``."""

REPORTS = (
    Column("path", "string", "the file's path"),
    Column("sha256", "string", "hex digest of the file's bytes"),
    Column("status", "string", "ok, or unreadable"),
    Column("error", "string", "unreadable files: the exception class"),
    Column("reason", "string", "unreadable files: why"),
    Column("title", "string", "the title as printed"),
    Column("agency_printed", "string", "printed: meta.agency, else 落款, else title"),
    Column("year", "int64", "the year reported on (unreadable files: from the file name)"),
    Column("published", "date32", "the date of the 落款"),
    Column("format_version", "string", "2021 or 2019"),
    Column("source_format", "string", "the file format read (text, html, docx, doc, pdf)"),
    Column("agency_key", "string", "the agency's identity: region code / canonical body"),
    _AGENCY,
    Column("agency_kind", "string", "government, general_office, department or township"),
    Column("agency_level", "string", "province, city, county or township"),
    *_REGION,
    Column("findings", "int64", "findings of the report's own rules (series: findings.parquet)"),
    Column("errors", "int64", "of those, the ERROR findings"),
    Column("cell_status", "map<string,string>", "cells whose status is not number: status"),
)
"""``reports.parquet`` before the cell columns (one per cell id, see :func:`cell_kind`)."""

FINDINGS = (
    Column("path", "string", "the report the finding points into"),
    Column("agency_key", "string", "the report's agency identity"),
    _AGENCY,
    Column("year", "int64", "the report's year"),
    Column("scope", "string", "report (one report's rules) or series (two consecutive years)"),
    Column("code", "string", "the rule code"),
    Column("rule", "string", "the rule name"),
    Column("severity", "string", "error, warning or info"),
    Column("message", "string", "the message (Chinese)"),
    Column("message_en", "string", "the message (English)"),
    Column("table", "string", "the table of the first cell concerned (proactive, ...)"),
    Column("cells", "list<string>", "the cell ids concerned"),
    Column("location", "string", "where in the file (JSON: page, line, table, row, column)"),
    Column("expected", "string", "the expected value, as text"),
    Column("actual", "string", "the value found, as text"),
    Column("related", "list<string>", "other reports concerned (series: the earlier year)"),
)
"""``findings.parquet``: one row per finding."""

COVERAGE = (
    Column("agency_key", "string", "the agency's identity (empty: an unplaced unreadable file)"),
    _AGENCY,
    *_REGION,
    Column("year", "int64", "the year"),
    Column("status", "string", "present, duplicate, unreadable or missing"),
    Column("files", "int64", "files found for this agency and year"),
    Column("paths", "string", "their paths, separated by ';'"),
)
"""``coverage.csv``: agency × year over the span of years of the folder."""

SIMILARITY = (
    Column("path_a", "string", "the earlier report (by year, then path)"),
    Column("path_b", "string", "the later report"),
    Column("part", "string", "overview (一), problems (五) or other (六)"),
    Column("score", "float64", "Jaccard similarity of the two texts' 5-character shingles"),
    Column("relation", "string", "same_agency (two years) or same_year (two agencies)"),
    Column("agency_a", "string", "the agency of path_a"),
    Column("agency_b", "string", "the agency of path_b"),
    Column("passages", "string", "sentences both texts contain, separated by ' | '"),
)
"""``similarity.csv``: near-identical prose."""

FILES = {
    "reports.parquet": REPORTS,
    "findings.parquet": FINDINGS,
    "coverage.csv": COVERAGE,
    "similarity.csv": SIMILARITY,
}


def cell_kind(cell_id: str) -> Kind:
    """The kind of number a cell holds, from the first format version declaring it."""
    for spec in FORMATS.values():
        if cell_id in spec.cell_ids:
            return spec.cell(cell_id).kind
    raise KeyError(cell_id)


def _cell_columns() -> Iterator[Column]:
    for cell_id in cell_columns():
        versions = [v for v, spec in FORMATS.items() if cell_id in spec.cell_ids]
        spec = FORMATS[versions[0]]
        kind = cell_kind(cell_id)
        type_name = "decimal128(38,10)" if kind is Kind.DECIMAL else "int64"
        label = spec.cell(cell_id).label
        yield Column(cell_id, type_name, f"{label} (format {', '.join(versions)})")


def _every_column(file: str) -> list[Column]:
    """The columns of one file: ``reports.parquet`` ends with one per cell id."""
    columns = FILES[file]
    return [*columns, *_cell_columns()] if file == "reports.parquet" else list(columns)


def dictionary_rows() -> Iterator[dict[str, str]]:
    """Every column of every file: ``file``, ``column``, ``type``, ``description``."""
    for file in FILES:
        for column in _every_column(file):
            yield {
                "file": file,
                "column": column.name,
                "type": column.type,
                "description": column.description,
            }


def _arrow_type(name: str) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped]

    simple = {
        "string": pa.string(),
        "int64": pa.int64(),
        "float64": pa.float64(),
        "date32": pa.date32(),
        "list<string>": pa.list_(pa.string()),
        "map<string,string>": pa.map_(pa.string(), pa.string()),
        "decimal128(38,10)": pa.decimal128(38, 10),
    }
    return simple[name]


def arrow_schema(file: str) -> Any:
    """The ``pyarrow`` schema of ``reports.parquet`` or ``findings.parquet``."""
    import pyarrow as pa

    return pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in _every_column(file)])
