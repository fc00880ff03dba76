"""The entry points: read a file or a string into a Report."""

from __future__ import annotations

from attrs import evolve

from gikaireport.assemble import assemble
from gikaireport.assemble.combine import doubted_throughout, read_again
from gikaireport.document import Document
from gikaireport.errors import ReadError, reading
from gikaireport.model import CellStatus, Report
from gikaireport.readers import READERS, detect_format, guarded, read_document
from gikaireport.readers.text import document_from_text
from gikaireport.sources import dispatch
from gikaireport.sources.fetch import Fetcher
from gikaireport.sources.load import MAX_FILE_SIZE, Loaded, SourceLike, load

__all__ = ["MAX_FILE_SIZE", "parse_document", "parse_text", "read"]


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


def read(
    source: SourceLike,
    *,
    format: str | None = None,
    name: str | None = None,
    fetcher: Fetcher | None = None,
) -> Report:
    """Read a report from a file, a URL, bytes or a file object.

    The format is detected from the content, then the extension (of the path, the URL or
    ``name``).

    Args:
        source: a path; an ``http(s)://`` URL (a portal page is followed to its
            attachment); a member of an archive, ``reports.zip!/folder/a.pdf``; an archive
            holding one report; ``bytes`` or a binary file object.
        format: force a reader (``"text"``, ``"pdf"``, ``"docx"``, ``"html"``, ``"ofd"`` ...).
        name: the display name and format hint for bytes and file objects.
        fetcher: the :class:`~gikaireport.sources.fetch.Fetcher` for URLs (timeouts, cache,
            offline mode); the shared default one when ``None``.

    Raises:
        ReadError: the source cannot be read, is not a report, or its format is unsupported.
            Any other exception raised while reading is turned into a ``ReadError`` naming
            the file and the exception (:func:`gikaireport.errors.reading`), here and nowhere
            else, so every caller sees the same message.

    """
    loaded = load(source, name=name, fetcher=fetcher)  # a wrong argument stays a TypeError
    with reading(loaded.name):
        return _read_loaded(loaded, format, fetcher)


def _read_loaded(loaded: Loaded, format: str | None, fetcher: Fetcher | None) -> Report:
    special = dispatch(loaded, read, format, fetcher)
    if special is not None:
        return special
    data, name = loaded.data, loaded.name
    if not data or data.isspace():  # not data.strip(): that copies the whole file
        raise ReadError(name, "the file is empty")
    chosen = format or detect_format(data, name)
    document = read_document(data, name, chosen)
    report = assemble(document)
    reader = READERS.get(chosen)
    if reader is not None and reader.fallback and not doubted_throughout(document):
        # a fallback that fails, however, is passed over: the first reading stands; none is
        # taken of a text layer doubted throughout (an OCR layer: its cells would be doubted)
        fallbacks = [guarded(reader.load(target)) for target in reader.fallback.split()]
        report = read_again(report, fallbacks, data, name)
    _require_report(report, name)
    return evolve(report, origin=loaded.origin) if loaded.origin is not None else report


def _require_report(report: Report, name: str) -> None:
    if not report.parts and report.status_counts()[CellStatus.ABSENT] == len(report.cells()):
        raise ReadError(name, "no part of a government information disclosure annual report found")
