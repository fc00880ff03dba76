"""gikaireport: China's government information disclosure annual reports as checked, typed data.

>>> import gikaireport
>>> report = gikaireport.read("report.pdf")  # doctest: +SKIP
>>> report.values()["applications.new_received.total"]  # doctest: +SKIP
"""

from __future__ import annotations

from gikaireport.api import parse_document, parse_text, read
from gikaireport.document import Document
from gikaireport.errors import (
    EncryptedDocumentError,
    MissingDependencyError,
    NoTextLayerError,
    ReadError,
    UnsupportedFormatError,
)
from gikaireport.export.json import from_json, json_schema, to_json
from gikaireport.formats import FORMAT_2019, FORMAT_2021, FormatSpec
from gikaireport.model import Cell, CellStatus, Deviation, Meta, Part, Report, Source, Table
from gikaireport.validate import (
    Finding,
    Severity,
    validate,
    validate_series,
    validate_summary,
)

__version__ = "0.1.0.dev0"

__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "Cell",
    "CellStatus",
    "Deviation",
    "Document",
    "EncryptedDocumentError",
    "Finding",
    "FormatSpec",
    "Meta",
    "MissingDependencyError",
    "NoTextLayerError",
    "Part",
    "ReadError",
    "Report",
    "Severity",
    "Source",
    "Table",
    "UnsupportedFormatError",
    "__version__",
    "from_json",
    "json_schema",
    "parse_document",
    "parse_text",
    "read",
    "to_json",
    "validate",
    "validate_series",
    "validate_summary",
]
