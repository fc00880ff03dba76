"""The hand-written ``to_dict``/``from_dict`` that the cattrs converter of
:mod:`gikaireport.export.json` replaced, kept as the oracle of its byte-for-byte JSON and the
baseline of ``benchmarks/bench_json.py``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from attrs import evolve

from gikaireport.export.json import SCHEMA_ID
from gikaireport.formats import Kind, get_format
from gikaireport.model import Cell, CellStatus, Deviation, Meta, Origin, Part, Report, Source

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
