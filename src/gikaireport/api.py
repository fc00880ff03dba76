"""The entry points: read a file or a string into a Report."""

from __future__ import annotations

import os
from pathlib import Path

from gikaireport.assemble import assemble
from gikaireport.assemble.combine import read_again
from gikaireport.document import Document
from gikaireport.errors import ReadError
from gikaireport.model import CellStatus, Report
from gikaireport.readers import READERS, detect_format, read_document
from gikaireport.readers.text import document_from_text

__all__ = ["MAX_FILE_SIZE", "parse_document", "parse_text", "read"]

MAX_FILE_SIZE = 200 * 1024 * 1024
"""Files larger than this (200 MiB) are refused rather than read into memory."""


def parse_document(document: Document) -> Report:
    """Assemble a Report from a Document; ``ReadError`` when it holds nothing of a report."""
    report = assemble(document)
    _require_report(report, document.path or "<text>")
    return report


def parse_text(text: str, *, path: str | None = None) -> Report:
    """Read a report from text (plain text, or text extracted from HTML, DOCX or PDF).

    Raises :class:`~gikaireport.ReadError` when the text holds no part heading and no table
    cell of the report format at all.
    """
    return parse_document(document_from_text(text, path))


def read(path: str | os.PathLike[str], *, format: str | None = None) -> Report:
    """Read a report file. The format is detected from the content, then the extension.

    Args:
        path: the file.
        format: force a reader (``"text"``, ``"pdf"``, ``"docx"``, ``"html"`` ...).

    Raises:
        ReadError: the file cannot be read, is not a report, or its format is unsupported.

    """
    name = os.fspath(path)
    try:
        size = Path(name).stat().st_size
        if size > MAX_FILE_SIZE:
            raise ReadError(name, f"file too large ({size} bytes; the limit is {MAX_FILE_SIZE})")
        data = Path(name).read_bytes()
    except OSError as exc:
        raise ReadError(name, f"cannot open the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise ReadError(name, "the file is empty")
    chosen = format or detect_format(data, name)
    report = assemble(read_document(data, name, chosen))
    reader = READERS.get(chosen)
    if reader is not None and reader.fallback:
        report = read_again(report, [reader.load(t) for t in reader.fallback.split()], data, name)
    _require_report(report, name)
    return report


def _require_report(report: Report, name: str) -> None:
    if not report.parts and report.status_counts()[CellStatus.ABSENT] == len(report.cells()):
        raise ReadError(name, "no part of a government information disclosure annual report found")
