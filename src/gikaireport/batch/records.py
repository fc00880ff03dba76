"""One file to one JSON-ready record: what the batch command writes for each file."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from gikaireport.api import read
from gikaireport.errors import ReadError
from gikaireport.export.rows import finding_record, jsonable, meta_row
from gikaireport.validate import validate

__all__ = ["file_record"]

META_KEYS = ("title", "agency", "year", "published", "format_version", "source_format")
"""The keys of a record's ``meta``."""


def _digest(path: str | os.PathLike[str]) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def sha256_of(path: str | os.PathLike[str]) -> str | None:
    """The hex SHA-256 of what ``path`` names, ``None`` when it cannot be read.

    ``path`` is a regular file, a URL or an archive member (``a.zip!/b.pdf``). Only regular
    files are opened: a named pipe or a device given by mistake is not waited on.
    """
    from gikaireport.sources.listing import source_sha256
    from gikaireport.sources.load import is_url_or_member

    name = os.fspath(path)
    try:
        if Path(name).is_file():
            return _digest(name)
        return source_sha256(name) if is_url_or_member(name) else None
    except (OSError, ReadError):
        return None


def _empty(
    path: str, sha256: str | None, status: str, error: str | None, reason: str
) -> dict[str, Any]:
    return {
        "path": path,
        "sha256": sha256,
        "status": status,
        "error": error,
        "reason": reason,
        "meta": None,
        "values": {},
        "statuses": {},
        "findings": None,
    }


def failed_record(path: str, reason: str) -> dict[str, Any]:
    """The record of a file whose reading process died: status ``failed``, no error class."""
    return _empty(path, sha256_of(path), "failed", None, reason)


def file_record(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read one file into a JSON-ready record; never raises.

    The record's keys:

    - ``path``: the path as given; ``sha256``: the hex digest of the file's bytes (``None``
      when the file cannot be opened);
    - ``status``: ``"ok"`` or ``"unreadable"`` (the batch command adds ``"failed"`` for a
      file whose reading process died); for unreadable files ``error`` (the exception class,
      ``ReadError`` or a subclass) and ``reason``;
    - ``meta``: ``title``, ``agency``, ``year``, ``published`` (ISO date), ``format_version``,
      ``source_format``;
    - ``values``: every canonical cell id of the report's version with its number (``null``
      when the cell holds none; decimals as strings exactly as printed, e.g. ``"0.7452"``);
    - ``statuses``: every cell id with its status (``number``, ``blank``, ``not_applicable``,
      ``unreadable``, ``absent``);
    - ``findings``: the findings of :func:`gikaireport.validate.validate`, each a dict of
      the finding's fields.
    """
    from gikaireport.sources.load import load

    name = os.fspath(path)
    try:
        loaded = load(name)
    except ReadError as exc:
        return _empty(name, None, "unreadable", type(exc).__name__, exc.reason)
    sha256 = hashlib.sha256(loaded.data).hexdigest()
    try:
        report = read(loaded)
        findings = [finding_record(finding) for finding in validate(report)]
    except ReadError as exc:  # read wraps any other exception in one; validate never raises
        return _empty(name, sha256, "unreadable", type(exc).__name__, exc.reason)
    meta = meta_row(report)
    del meta["path"]
    return {
        "path": name,
        "sha256": sha256,
        "status": "ok",
        "error": None,
        "reason": None,
        "meta": jsonable(meta),
        "values": jsonable(report.values()),
        "statuses": {cell_id: cell.status.value for cell_id, cell in report.cells().items()},
        "findings": findings,
    }
