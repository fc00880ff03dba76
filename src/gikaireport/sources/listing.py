"""What one input of a batch stands for: a URL, an archive's members, or a list of URLs.

``gikaireport batch`` and :func:`gikaireport.batch.expand_paths` pass each input through
:func:`expand_source`: a URL or an ``archive.zip!/member`` name is kept as it is; a local
archive becomes one entry per member; a URL list (a text file whose every line is a URL, ``#``
comments and blank lines aside, or a CSV file with a column of URLs, such as one headed
``url``) becomes its URLs. Anything else is a document, read as it is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from pathlib import Path

from gikaireport.errors import ReadError
from gikaireport.sources.archives import archive_kind, member_names, split_member_path
from gikaireport.sources.fetch import is_url
from gikaireport.sources.load import load

__all__: list[str] = []

MAX_URL_LIST = 16 * 1024 * 1024
"""The largest file taken for a list of URLs (bytes)."""

_LIST_SUFFIXES = (".txt", ".csv", ".tsv", ".lst", ".list", "")


def _urls_in_column(rows: list[list[str]]) -> list[str] | None:
    if not rows:
        return None
    header = [cell.strip().lower() for cell in rows[0]]
    for index in range(max(len(row) for row in rows)):
        body = rows[1:] if not is_url(rows[0][index] if index < len(rows[0]) else "") else rows
        values = [row[index].strip() for row in body if index < len(row) and row[index].strip()]
        if values and all(is_url(value) for value in values):
            return values
        if index < len(header) and header[index] == "url" and values:
            return [value for value in values if is_url(value)]
    return None


def _starts_with_a_url(path: Path) -> bool:
    """Whether a URL is in the file's first 4 KiB (a cheap test before reading it whole)."""
    with path.open("rb") as stream:
        head = stream.read(4096)
    return b"http://" in head.lower() or b"https://" in head.lower()


def url_list(path: Path) -> list[str] | None:
    """The URLs a text or CSV file lists, or ``None`` when it is not a list of URLs."""
    if path.suffix.lower() not in _LIST_SUFFIXES:
        return None
    try:
        if path.stat().st_size > MAX_URL_LIST or not _starts_with_a_url(path):
            return None
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    if lines and all(is_url(line) for line in lines):
        return lines
    if path.suffix.lower() in (".csv", ".tsv"):
        dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
        return _urls_in_column(list(csv.reader(io.StringIO(text), dialect)))
    return None


def _is_archive_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(8)
        if head.startswith(b"PK\x03\x04"):
            with zipfile.ZipFile(path) as archive:
                names = {info.filename.lower() for info in archive.infolist()}
            return "word/document.xml" not in names and "ofd.xml" not in names
    except (OSError, zipfile.BadZipFile, ValueError, EOFError):
        return False
    return archive_kind(head) in ("7z", "rar")


def expand_source(given: str) -> list[str] | None:
    """The entries one input stands for, or ``None`` when it is a document file as it is.

    An archive that cannot be opened is kept as one entry, so that reading it records why.
    """
    if is_url(given) or split_member_path(given) is not None:
        return [given]
    path = Path(given)
    if not path.is_file():
        return None
    listed = url_list(path)
    if listed is not None:
        return listed
    if not _is_archive_file(path):
        return None
    try:
        return list(member_names(path.read_bytes(), given))
    except (ReadError, OSError):
        return [given]


def source_sha256(source: str) -> str:
    """The SHA-256 of what ``source`` names (a file, a URL, an archive member)."""
    return hashlib.sha256(load(source).data).hexdigest()
