"""Serialization and exports at the edges: JSON (lossless) and its schema; flat rows, CSV,
pandas DataFrames and notebook HTML in their own modules.

Nothing here changes a :class:`~gikaireport.Report`. :mod:`gikaireport.export.rows`,
:mod:`~gikaireport.export.csv`, :mod:`~gikaireport.export.pandas` (pandas imported only when
called) and :mod:`~gikaireport.export.html_repr` are imported by name, not from here.
"""

from __future__ import annotations

from gikaireport.export.json import SCHEMA_ID, from_dict, from_json, json_schema, to_dict, to_json

__all__ = ["SCHEMA_ID", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]
