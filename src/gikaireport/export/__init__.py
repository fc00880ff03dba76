"""Serialization and exports at the edges: JSON (lossless) and its schema."""

from __future__ import annotations

from gikaireport.export.json import SCHEMA_ID, from_dict, from_json, json_schema, to_dict, to_json

__all__ = ["SCHEMA_ID", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]
