"""Serialization and exports at the edges of the pipeline.

JSON (lossless) and its schema are re-exported here. Flat rows, CSV, pandas DataFrames and
notebook HTML live in :mod:`gikaireport.export.rows`, :mod:`~gikaireport.export.csv`,
:mod:`~gikaireport.export.pandas` (pandas imported only when called) and
:mod:`~gikaireport.export.html_repr`, imported by name. Nothing here changes a report.
"""

from __future__ import annotations

from gikaireport.export.json import SCHEMA_ID, from_dict, from_json, json_schema, to_dict, to_json

__all__ = ["SCHEMA_ID", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]
