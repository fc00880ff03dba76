"""JSON out and back, lossless, and the JSON Schema that describes it.

The JSON form is the library's data contract for other tools: cells are keyed by canonical
id; counts are JSON integers, decimal amounts are strings (``"0.7452"``) so that no digit is
lost; dates are ISO strings; every cell keeps its status, raw text and source.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from attrs import evolve

from gikaireport.formats import FORMATS, Kind, get_format
from gikaireport.model import Cell, CellStatus, Deviation, Meta, Origin, Part, Report, Source

__all__ = ["SCHEMA_ID", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]

SCHEMA_ID = "https://gikaireport.readthedocs.io/schema/report-1.json"
"""The ``$id`` of the JSON Schema; the trailing number changes only with incompatible changes."""

_SOURCE_FIELDS = ("line", "page", "table", "row", "column")


def _source(source: Source | None) -> dict[str, int | float] | None:
    if source is None:
        return None
    data: dict[str, int | float] = {
        name: getattr(source, name) for name in _SOURCE_FIELDS if getattr(source, name) is not None
    }
    if source.confidence is not None:
        data["confidence"] = source.confidence
    return data


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _origin(origin: Origin) -> dict[str, Any]:
    return {
        "read": origin.read,
        "url": origin.url,
        "fetched_at": origin.fetched_at.isoformat() if origin.fetched_at else None,
        "page_url": origin.page_url,
        "page_title": origin.page_title,
        "page_published": _date(origin.page_published),
        "site_name": origin.site_name,
        "attachments": list(origin.attachments),
        "archive": origin.archive,
        "member": origin.member,
    }


def _load_origin(data: dict[str, Any] | None) -> Origin | None:
    if data is None:
        return None
    fetched = data.get("fetched_at")
    return Origin(
        data["read"],
        url=data.get("url"),
        fetched_at=dt.datetime.fromisoformat(fetched) if fetched else None,
        page_url=data.get("page_url"),
        page_title=data.get("page_title"),
        page_published=_load_date(data.get("page_published")),
        site_name=data.get("site_name"),
        attachments=tuple(data.get("attachments") or ()),
        archive=data.get("archive"),
        member=data.get("member"),
    )


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-compatible data."""
    from gikaireport import __version__

    meta = report.meta
    data: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "gikaireport": __version__,
        "format_version": report.format_version,
        "path": report.path,
        "source_format": report.source_format,
        "meta": {
            "title": meta.title,
            "agency": meta.agency,
            "year": meta.year,
            "period_start": _date(meta.period_start),
            "period_end": _date(meta.period_end),
            "published": _date(meta.published),
            "signed_by": meta.signed_by,
        },
        "parts": [
            {
                "id": part.id,
                "heading": part.heading,
                "number": part.number,
                "text": part.text,
                "source": _source(part.source),
            }
            for part in report.parts
        ],
        "cells": {
            cell.id: {
                "status": cell.status.value,
                "value": (str(cell.value) if isinstance(cell.value, Decimal) else cell.value),
                "raw": cell.raw,
                "source": _source(cell.source),
            }
            for table in report.tables
            for cell in table.cells
        },
        "deviations": [
            {
                "kind": deviation.kind,
                "message": deviation.message,
                "cells": list(deviation.cells),
                "source": _source(deviation.source),
                "expected": deviation.expected,
                "found": deviation.found,
            }
            for deviation in report.deviations
        ],
    }
    if report.origin is not None:
        data["origin"] = _origin(report.origin)
    return data


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON string (UTF-8 text, Chinese kept as is)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _load_source(data: dict[str, Any] | None) -> Source | None:
    return None if data is None else Source(**data)


def _load_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def from_dict(data: dict[str, Any]) -> Report:
    """Rebuild a Report from :func:`to_dict` output. ``ValueError`` if it does not fit."""
    try:
        spec = get_format(data["format_version"])
        cells = {}
        for cell_id, item in data["cells"].items():
            value = item["value"]
            if value is not None:
                value = Decimal(value) if spec.cell(cell_id).kind is Kind.DECIMAL else int(value)
            cells[cell_id] = Cell(
                cell_id,
                CellStatus(item["status"]),
                value,
                item["raw"],
                _load_source(item["source"]),
            )
        meta = data["meta"]
        if len(cells) != len(spec.cell_ids):
            missing = sorted(set(spec.cell_ids) - set(cells))[:3]
            raise KeyError(f"cells missing: {missing}")
        report = Report.from_cells(
            spec.version,
            cells,
            meta=Meta(
                title=meta["title"],
                agency=meta["agency"],
                year=meta["year"],
                period_start=_load_date(meta["period_start"]),
                period_end=_load_date(meta["period_end"]),
                published=_load_date(meta["published"]),
                signed_by=meta["signed_by"],
            ),
            parts=tuple(
                Part(p["id"], p["heading"], p["number"], p["text"], _load_source(p["source"]))
                for p in data["parts"]
            ),
            deviations=tuple(
                Deviation(
                    d["kind"],
                    d["message"],
                    tuple(d["cells"]),
                    _load_source(d["source"]),
                    d["expected"],
                    d["found"],
                )
                for d in data["deviations"]
            ),
            path=data["path"],
            source_format=data["source_format"],
        )
        origin = _load_origin(data.get("origin"))
        return report if origin is None else evolve(report, origin=origin)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ValueError(f"not a gikaireport report document: {type(exc).__name__}: {exc}") from exc


def from_json(text: str | bytes) -> Report:
    """Rebuild a Report from :func:`to_json` output."""
    return from_dict(json.loads(text))


def _origin_schema() -> dict[str, Any]:
    """Where a report came from (only present when it was not read from a local file)."""
    nullable_string = {"type": ["string", "null"]}
    return {
        "type": "object",
        "required": ["read"],
        "properties": {
            "read": {"enum": ["url", "page", "attachment", "member"]},
            "url": nullable_string,
            "fetched_at": {"type": ["string", "null"], "format": "date-time"},
            "page_url": nullable_string,
            "page_title": nullable_string,
            "page_published": {"type": ["string", "null"], "format": "date"},
            "site_name": nullable_string,
            "attachments": {"type": "array", "items": {"type": "string"}},
            "archive": nullable_string,
            "member": nullable_string,
        },
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json` output, built from the declarations."""
    nullable_string = {"type": ["string", "null"]}
    source = {
        "type": ["object", "null"],
        "properties": {
            **{name: {"type": "integer", "minimum": 1} for name in _SOURCE_FIELDS},
            "confidence": {"type": "number", "minimum": 0, "maximum": 1},
        },
        "additionalProperties": False,
    }
    all_ids = sorted({cell_id for spec in FORMATS.values() for cell_id in spec.cell_ids})
    decimal_ids = sorted(
        {cell.id for spec in FORMATS.values() for cell in spec.cells() if cell.kind is Kind.DECIMAL}
    )
    cell = {
        "type": "object",
        "required": ["status", "value", "raw", "source"],
        "properties": {
            "status": {"enum": [status.value for status in CellStatus]},
            "value": {"type": ["integer", "string", "null"]},
            "raw": {"type": "string"},
            "source": {"$ref": "#/$defs/source"},
        },
        "additionalProperties": False,
    }
    versions = []
    for spec in FORMATS.values():
        versions.append(
            {
                "if": {"properties": {"format_version": {"const": spec.version}}},
                "then": {"properties": {"cells": {"required": list(spec.cell_ids)}}},
            }
        )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "gikaireport report",
        "description": "A government information disclosure annual report read by gikaireport. "
        f"Decimal cells (value as a string): {', '.join(decimal_ids)}.",
        "type": "object",
        "required": [
            "format_version",
            "meta",
            "parts",
            "cells",
            "deviations",
            "path",
            "source_format",
        ],
        "properties": {
            "$schema": {"type": "string"},
            "gikaireport": {"type": "string"},
            "format_version": {"enum": sorted(FORMATS)},
            "path": nullable_string,
            "source_format": {"type": "string"},
            "origin": {"$ref": "#/$defs/origin"},
            "meta": {
                "type": "object",
                "required": [
                    "title",
                    "agency",
                    "year",
                    "period_start",
                    "period_end",
                    "published",
                    "signed_by",
                ],
                "properties": {
                    "title": nullable_string,
                    "agency": nullable_string,
                    "year": {"type": ["integer", "null"]},
                    "period_start": {"type": ["string", "null"], "format": "date"},
                    "period_end": {"type": ["string", "null"], "format": "date"},
                    "published": {"type": ["string", "null"], "format": "date"},
                    "signed_by": nullable_string,
                },
            },
            "parts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "heading", "number", "text", "source"],
                    "properties": {
                        "id": {"enum": [part.id for part in get_format("2021").parts]},
                        "heading": {"type": "string"},
                        "number": {"type": "string"},
                        "text": {"type": "string"},
                        "source": {"$ref": "#/$defs/source"},
                    },
                },
            },
            "cells": {
                "type": "object",
                "propertyNames": {"enum": all_ids},
                "additionalProperties": {"$ref": "#/$defs/cell"},
            },
            "deviations": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["kind", "message", "cells", "source", "expected", "found"],
                    "properties": {
                        "kind": {"type": "string"},
                        "message": {"type": "string"},
                        "cells": {"type": "array", "items": {"enum": all_ids}},
                        "source": {"$ref": "#/$defs/source"},
                        "expected": nullable_string,
                        "found": nullable_string,
                    },
                },
            },
        },
        "allOf": versions,
        "$defs": {"source": source, "cell": cell, "origin": _origin_schema()},
    }
