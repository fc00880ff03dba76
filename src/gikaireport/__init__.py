"""gikaireport: China's government information disclosure annual reports as checked, typed data.

>>> import gikaireport
>>> report = gikaireport.read("examples/example-county-2023.txt")
>>> report.values()["applications.new_received.total"]
23

Everything a user needs is importable from here. ``import gikaireport`` stays light: the
readers of binary formats (pdfplumber, pypdfium2, python-docx, lxml) are imported when a file
of their format is first read, and :func:`read_many`, :func:`to_dataframe`, the other
DataFrame helpers (:func:`read_dataframe`, :func:`findings_dataframe`, :func:`data_dictionary`,
:func:`load_dataframe`), :func:`display` and the CSV writers are loaded on first use (pandas
only when a DataFrame is made).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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
from gikaireport.model import (
    Cell,
    CellStatus,
    Deviation,
    DeviationKind,
    Meta,
    Origin,
    Part,
    Report,
    Source,
    Table,
    Value,
)
from gikaireport.validate import (
    Finding,
    Severity,
    validate,
    validate_series,
    validate_summary,
)

if TYPE_CHECKING:
    from gikaireport.batch import read_many
    from gikaireport.export.csv import write_long_csv, write_wide_csv
    from gikaireport.export.dictionary import data_dictionary
    from gikaireport.export.frames import findings_dataframe, load_dataframe, read_dataframe
    from gikaireport.export.html_repr import display
    from gikaireport.export.pandas import PandasMissingError, to_dataframe
    from gikaireport.regions.agency import Agency, resolve_agency
    from gikaireport.regions.dataset import build_dataset

__version__ = "0.1.0.dev0"
"""The version of the package: the single place it is written (the build reads it from here)."""

_LAZY = {
    "read_many": "gikaireport.batch",
    "write_long_csv": "gikaireport.export.csv",
    "write_wide_csv": "gikaireport.export.csv",
    "PandasMissingError": "gikaireport.export.pandas",
    "to_dataframe": "gikaireport.export.pandas",
    "Agency": "gikaireport.regions.agency",
    "resolve_agency": "gikaireport.regions.agency",
    "build_dataset": "gikaireport.regions.dataset",
    "read_dataframe": "gikaireport.export.frames",
    "findings_dataframe": "gikaireport.export.frames",
    "load_dataframe": "gikaireport.export.frames",
    "data_dictionary": "gikaireport.export.dictionary",
    "display": "gikaireport.export.html_repr",
}
"""Public names loaded from their module on first access (``read_many`` starts a process
pool machinery the plain reading functions do not need)."""


def __getattr__(name: str) -> Any:
    """Load the names of :data:`_LAZY` on first access."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'gikaireport' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """The module's names, the lazily loaded ones included."""
    return sorted({*globals(), *_LAZY})


__all__ = [
    "FORMAT_2019",
    "FORMAT_2021",
    "Agency",
    "Cell",
    "CellStatus",
    "Deviation",
    "DeviationKind",
    "Document",
    "EncryptedDocumentError",
    "Finding",
    "FormatSpec",
    "Meta",
    "MissingDependencyError",
    "NoTextLayerError",
    "Origin",
    "PandasMissingError",
    "Part",
    "ReadError",
    "Report",
    "Severity",
    "Source",
    "Table",
    "UnsupportedFormatError",
    "Value",
    "build_dataset",
    "data_dictionary",
    "display",
    "findings_dataframe",
    "from_json",
    "json_schema",
    "load_dataframe",
    "parse_document",
    "parse_text",
    "read",
    "read_dataframe",
    "read_many",
    "resolve_agency",
    "to_dataframe",
    "to_json",
    "validate",
    "validate_series",
    "validate_summary",
    "write_long_csv",
    "write_wide_csv",
]
