"""Readers turn files into :class:`~gikaireport.document.Document`; one reader per format.

The registry maps a format name to a :class:`Reader`: how to recognise the format from the
file's first bytes and its extension, and where the reading function lives. Reader modules
are imported only when a file of their format is read, so ``import gikaireport`` does not
import pdfplumber, python-docx or lxml.

A third-party reader registers with :func:`register_reader`; its function receives the file's
bytes and a display name (the path) and returns a ``Document`` or raises a
:class:`~gikaireport.errors.ReadError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from attrs import frozen

from gikaireport.document import Document
from gikaireport.errors import UnsupportedFormatError, reading
from gikaireport.readers.containers import is_docx, is_ofd, is_ole
from gikaireport.readers.html_encoding import looks_like_html

__all__ = ["Reader", "detect_format", "register_reader"]

ReadFunction = Callable[[bytes, str], Document]


@frozen
class Reader:
    """A registered reader.

    Attributes:
        name: the format name (``"text"``, ``"pdf"`` ...), also ``Document.format``.
        extensions: file extensions (lower case, with the dot) this reader claims.
        sniff: given the file's bytes, whether the content is of this format (it should look
            at the first bytes only, or parse as little as it can).
        target: ``"module:function"`` of the read function, imported on first use.
        fallback: ``"module:function"`` of a slower, more thorough read function (for PDF,
            table geometry), or ``None``; several, separated by spaces, are tried in turn.
            :func:`gikaireport.read` calls them only while the report assembled so far is
            incomplete, and combines the readings table by table.

    """

    name: str
    extensions: tuple[str, ...]
    sniff: Callable[[bytes], bool]
    target: str
    fallback: str | None = None

    def load(self, target: str | None = None) -> ReadFunction:
        """Import and return the read function (``target`` by default, or the one named)."""
        module_name, _, function = (target or self.target).partition(":")
        module = importlib.import_module(module_name)
        reader: ReadFunction = getattr(module, function)
        return reader


def _is_text(data: bytes) -> bool:
    return True


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
"""The first bytes of PNG, JPEG and TIFF (little- and big-endian) files."""


def _is_image(data: bytes) -> bool:
    return data.startswith(_IMAGE_MAGIC)


READERS: dict[str, Reader] = {}
"""The registered readers by format name, in the order content sniffing tries them."""


def register_reader(reader: Reader, *, replace: bool = False) -> None:
    """Add a reader; replace the one registered under the same name only when asked.

    Registering a reader equal to the one registered under its name does nothing.

    Raises:
        ValueError: another reader is registered under ``reader.name`` and ``replace`` is
            false (pass ``replace=True`` to replace a built-in reader on purpose).

    """
    current = READERS.get(reader.name)
    if current is not None and current != reader and not replace:
        raise ValueError(
            f"a reader named {reader.name!r} is already registered ({current.target}); "
            "pass replace=True to replace it"
        )
    READERS[reader.name] = reader
    # keep the catch-all text reader last
    if "text" in READERS and reader.name != "text":
        READERS["text"] = READERS.pop("text")


register_reader(Reader("text", (".txt", ".text", ".md"), _is_text, "gikaireport.readers.text:read"))
register_reader(
    Reader("docx", (".docx", ".docm", ".dotx"), is_docx, "gikaireport.readers.docx:read")
)
register_reader(Reader("doc", (".doc", ".dot"), is_ole, "gikaireport.readers.doc:read"))
register_reader(Reader("wps", (".wps",), is_ole, "gikaireport.readers.doc:read_wps"))
register_reader(
    Reader(
        "html",
        (".html", ".htm", ".shtml", ".xhtml"),
        looks_like_html,
        "gikaireport.readers.html:read",
    )
)
register_reader(
    Reader(
        "pdf",
        (".pdf",),
        lambda data: b"%PDF-" in data[:1024],
        "gikaireport.readers.pdf:read",
        fallback="gikaireport.readers.pdf:read_ruling_lines gikaireport.readers.pdf:read_tables",
    )
)
register_reader(Reader("ofd", (".ofd",), is_ofd, "gikaireport.readers.ofd:read"))


register_reader(
    Reader(
        "image",
        (".png", ".jpg", ".jpeg", ".tif", ".tiff"),
        _is_image,
        "gikaireport.readers.ocr:read_image",
    )
)
register_reader(Reader("ocr", (), lambda data: False, "gikaireport.readers.ocr:read_ocr"))


def detect_format(data: bytes, name: str = "") -> str:
    """The format of a file: by content first, then by extension, then plain text."""
    suffix = Path(name).suffix.lower()
    for reader in READERS.values():
        if reader.name != "text" and reader.sniff(data):
            return reader.name
    for reader in READERS.values():
        if suffix in reader.extensions:
            return reader.name
    return "text"


def read_document(data: bytes, name: str, format: str | None = None) -> Document:
    """Read bytes into a Document with the reader for ``format`` (detected when ``None``)."""
    chosen = format or detect_format(data, name)
    try:
        reader = READERS[chosen]
    except KeyError:
        raise UnsupportedFormatError(
            name, f"no reader for format {chosen!r} (known: {', '.join(READERS)})"
        ) from None
    return guarded(reader.load())(data, name)


def guarded(function: ReadFunction) -> ReadFunction:
    """``function`` inside the error boundary (:func:`gikaireport.errors.reading`): any
    exception but a ``ReadError`` becomes one naming the file and the exception.
    """

    def read(data: bytes, name: str) -> Document:
        with reading(name):
            return function(data, name)

    return read
