"""JSON out and back, lossless, and the JSON Schema that describes it.

The JSON form is the library's data contract for other tools: cells are keyed by canonical
id; counts are JSON integers, decimal amounts are strings (``"0.7452"``) so that no digit is
lost; dates are ISO strings; every cell keeps its status, raw text and source.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

import attrs
from attrs import evolve

from gikaireport.formats import FORMATS, Kind, get_format
from gikaireport.model import Cell, CellStatus, Deviation, Meta, Origin, Part, Report, Source

if TYPE_CHECKING:
    from cattrs import Converter

__all__ = ["SCHEMA_ID", "from_dict", "from_json", "json_schema", "to_dict", "to_json"]

SCHEMA_ID = "https://gikaireport.readthedocs.io/schema/report-1.json"
"""The ``$id`` of the JSON Schema; the trailing number changes only with incompatible changes."""

_SOURCE_FIELDS = ("line", "page", "table", "row", "column")


def _source(source: Source) -> dict[str, int | float]:
    """A source with only the positions it knows (``confidence`` last, for OCR'd text)."""
    data: dict[str, int | float] = {
        name: getattr(source, name) for name in _SOURCE_FIELDS if getattr(source, name) is not None
    }
    if source.confidence is not None:
        data["confidence"] = source.confidence
    return data


@cache
def _converter() -> Converter:
    """The cattrs converter of the JSON form, made on first use (``import gikaireport`` stays
    light): attrs classes field by field in declaration order, tuples as lists, enums as
    their values, with hooks for what JSON lacks (decimals as strings, ISO dates) and for the
    two shapes of its own: a ``Source`` without its unknown positions, a cell keyed by its id.
    """
    import cattrs
    from cattrs.gen import make_dict_unstructure_fn, override

    converter = cattrs.Converter(unstruct_collection_overrides={tuple: list})
    converter.register_unstructure_hook(Decimal, str)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_unstructure_hook(dt.datetime, dt.datetime.isoformat)
    converter.register_unstructure_hook(Source, _source)
    converter.register_unstructure_hook(
        Cell, make_dict_unstructure_fn(Cell, converter, id=override(omit=True))
    )
    converter.register_structure_hook(dt.date, lambda text, _: dt.date.fromisoformat(text))
    converter.register_structure_hook(dt.datetime, lambda text, _: dt.datetime.fromisoformat(text))
    converter.register_structure_hook(Source, lambda data, _: Source(**data))
    converter.register_structure_hook(str, _exactly)
    converter.register_structure_hook(int, _exactly)
    return converter


def _exactly(value: Any, kind: type[Any]) -> Any:
    """Take a string or an integer as it is: never ``str(None)`` or ``int("12")``."""
    if type(value) is not kind:
        raise TypeError(f"expected {kind.__name__}, not {type(value).__name__}")
    return value


def _structure(data: dict[str, Any], key: str, kind: Any) -> Any:
    """``data[key]`` as ``kind``; a ``ValueError`` naming where (``$.meta.year``) when it is not."""
    import cattrs

    try:
        return _converter().structure(data.get(key), kind)
    except cattrs.BaseValidationError as exc:
        reason = "; ".join(cattrs.transform_error(exc, path=f"$.{key}"))
        raise ValueError(reason) from exc


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-compatible data."""
    from gikaireport import __version__

    unstructure = _converter().unstructure
    data: dict[str, Any] = {
        "$schema": SCHEMA_ID,
        "gikaireport": __version__,
        "format_version": report.format_version,
        "path": report.path,
        "source_format": report.source_format,
        "meta": unstructure(report.meta),
        "parts": unstructure(report.parts),
        "cells": {cell.id: unstructure(cell) for table in report.tables for cell in table.cells},
        "deviations": unstructure(report.deviations),
    }
    if report.origin is not None:
        data["origin"] = unstructure(report.origin)
    return data


def to_json(report: Report, *, indent: int | None = None) -> str:
    """The report as a JSON string (UTF-8 text, Chinese kept as is)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _cell(cell_id: str, item: dict[str, Any], kind: Kind) -> Cell:
    """A cell from its JSON: the value's type comes from the cell's kind in the format.

    Written out rather than left to the converter: a report has some 150 cells, and a
    converter call per cell source costs a quarter of ``from_dict``'s time.
    """
    value = item["value"]
    if value is not None:
        value = Decimal(value) if kind is Kind.DECIMAL else int(value)
    source = item["source"]
    return Cell(
        cell_id,
        CellStatus(item["status"]),
        value,
        item["raw"],
        None if source is None else Source(**source),
    )


def from_dict(data: dict[str, Any]) -> Report:
    """Rebuild a Report from :func:`to_dict` output. ``ValueError`` if it does not fit."""
    try:
        spec = get_format(data["format_version"])
        cells = {
            cell_id: _cell(cell_id, item, spec.cell(cell_id).kind)
            for cell_id, item in data["cells"].items()
        }
        if len(cells) != len(spec.cell_ids):
            missing = sorted(set(spec.cell_ids) - set(cells))[:3]
            raise KeyError(f"cells missing: {missing}")
        report = Report.from_cells(
            spec.version,
            cells,
            meta=_structure(data, "meta", Meta),
            parts=_structure(data, "parts", tuple[Part, ...]),
            deviations=_structure(data, "deviations", tuple[Deviation, ...]),
            path=data["path"],
            source_format=data["source_format"],
        )
        origin = _structure(data, "origin", Origin | None)
        return report if origin is None else evolve(report, origin=origin)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        detail = str(exc) if type(exc) is ValueError else f"{type(exc).__name__}: {exc}"
        raise ValueError(f"not a gikaireport report document: {detail}") from exc


def from_json(text: str | bytes) -> Report:
    """Rebuild a Report from :func:`to_json` output."""
    return from_dict(json.loads(text))


_NULL = type(None)


def _type_schema(kind: Any) -> dict[str, Any]:
    """The JSON Schema of a field's annotation, as the converter writes it."""
    if get_origin(kind) in (Union, UnionType) and _NULL in get_args(kind):
        (inner,) = (arg for arg in get_args(kind) if arg is not _NULL)
        schema = _type_schema(inner)
        return schema if "$ref" in schema else {**schema, "type": [schema["type"], "null"]}
    if get_origin(kind) is tuple:
        return {"type": "array", "items": _type_schema(get_args(kind)[0])}
    if kind is Source:
        return {"$ref": "#/$defs/source"}  # already nullable
    return dict(_SCALARS[kind])


_SCALARS: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    int: {"type": "integer"},
    dt.date: {"type": "string", "format": "date"},
    dt.datetime: {"type": "string", "format": "date-time"},
}


def _object_schema(
    cls: type[Any],
    required: tuple[str, ...] | None = None,
    closed: bool = False,
    **overrides: dict[str, Any],
) -> dict[str, Any]:
    """The schema of an attrs class as the converter writes it: every field, in order.

    ``required`` defaults to every field (the converter writes them all); ``overrides`` give
    a field a narrower schema than its annotation (an enumeration of ids).
    """
    fields = attrs.fields(attrs.resolve_types(cls))
    schema: dict[str, Any] = {
        "type": "object",
        "required": list(required or (field.name for field in fields)),
        "properties": {f.name: overrides.get(f.name) or _type_schema(f.type) for f in fields},
    }
    if closed:
        schema["additionalProperties"] = False
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json` output, built from the declarations
    and the model's attrs classes.
    """
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
    cell = _object_schema(
        Cell,
        ("status", "value", "raw", "source"),
        closed=True,
        status={"enum": [status.value for status in CellStatus]},
        value={"type": ["integer", "string", "null"]},
    )
    del cell["properties"]["id"]  # the key of the cell in ``cells``
    origin = _object_schema(
        Origin, ("read",), closed=True, read={"enum": ["url", "page", "attachment", "member"]}
    )
    versions = [
        {
            "if": {"properties": {"format_version": {"const": spec.version}}},
            "then": {"properties": {"cells": {"required": list(spec.cell_ids)}}},
        }
        for spec in FORMATS.values()
    ]
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
            "path": {"type": ["string", "null"]},
            "source_format": {"type": "string"},
            "origin": {"$ref": "#/$defs/origin"},
            "meta": _object_schema(Meta),
            "parts": {
                "type": "array",
                "items": _object_schema(
                    Part, id={"enum": [part.id for part in get_format("2021").parts]}
                ),
            },
            "cells": {
                "type": "object",
                "propertyNames": {"enum": all_ids},
                "additionalProperties": {"$ref": "#/$defs/cell"},
            },
            "deviations": {
                "type": "array",
                # new deviation kinds come with minor versions: the schema does not pin them
                "items": _object_schema(
                    Deviation,
                    kind={"type": "string"},
                    cells={"type": "array", "items": {"enum": all_ids}},
                ),
            },
        },
        "allOf": versions,
        "$defs": {"source": source, "cell": cell, "origin": origin},
    }
