"""The OFD reader: OFD documents (GB/T 33190, the national fixed-layout format).

An OFD file is a ZIP package of XML: ``OFD.xml`` names the document root
(``Doc_0/Document.xml``), which lists the pages (``BaseLoc`` of each page's
``Content.xml``) and the default page size. A page's content is layers of
``TextObject`` elements: a ``Boundary`` (``x y width height`` in millimetres, ``y`` growing
downwards), a font ``Size``, an optional ``CTM``, and ``TextCode`` elements whose ``X`` and
``Y`` place the first character's baseline and whose ``DeltaX`` (``DeltaY``) give the
advances to the next characters (``g 3 3.5`` is three advances of 3.5).

Every character is placed with its box and handed, page by page, to the same line building
(:mod:`~gikaireport.readers.pdf_lines`) and table layout (:mod:`~gikaireport.readers.pdf_layout`)
as a PDF's text layer: there is no second table logic. A package whose pages hold images
and no text (a scan) raises :class:`~gikaireport.errors.NoTextLayerError`.

The package is checked like a DOCX: members, declared sizes and compression ratio are
bounded before inflating, each XML part is at most
:data:`~gikaireport.readers.containers.MAX_XML_SIZE`, and the XML parser resolves no
entities and loads nothing from the network.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from gikaireport.document import Document
from gikaireport.errors import EncryptedDocumentError, NoTextLayerError, ReadError
from gikaireport.readers.containers import (
    MAX_TOTAL_SIZE,
    MAX_XML_SIZE,
    check_member_sizes,
    is_ofd,
)
from gikaireport.readers.pdf_lines import (
    CharBox,
    PageLines,
    build_lines,
    build_runs,
    strip_furniture,
)

__all__ = ["page_images"]

_A4 = (0.0, 0.0, 210.0, 297.0)
_ASCENT = 0.88
"""The share of the font size above the baseline (the rest is below it)."""

_SPACES = frozenset(" \t\r\n\u3000\u00a0")


def sniff(data: bytes) -> bool:
    """Whether the bytes are an OFD package: a ZIP with ``OFD.xml`` at its root."""
    return is_ofd(data)


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: Any, name: str) -> Iterator[Any]:
    for child in element.iter():
        if _local(child.tag) == name:
            yield child


def _first_text(element: Any, name: str) -> str | None:
    for child in _children(element, name):
        return str(child.text or "").strip()
    return None


class _Package:
    """The members of an OFD's ZIP, read on demand within the size limits."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise ReadError(name, f"the OFD is truncated or corrupt ({exc})") from exc
        infos = self.archive.infolist()
        check_member_sizes(
            [(i.filename, i.file_size, i.compress_size) for i in infos],
            name,
            MAX_XML_SIZE * 8,
            MAX_TOTAL_SIZE,
        )
        self.members = {info.filename.lstrip("/").lower(): info for info in infos}

    def read(self, path: str) -> bytes:
        info = self.members.get(path.lstrip("/").lower())
        if info is None:
            raise ReadError(self.name, f"the OFD package has no part {path!r}")
        try:
            return self.archive.read(info)
        except RuntimeError as exc:
            raise EncryptedDocumentError(self.name, f"{path!r} is encrypted") from exc
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            raise ReadError(self.name, f"the OFD part {path!r} cannot be inflated") from exc

    def xml(self, path: str) -> Any:
        from lxml import etree

        info = self.members.get(path.lstrip("/").lower())
        if info is not None and info.file_size > MAX_XML_SIZE:
            raise ReadError(self.name, f"the OFD part {path!r} is too large to parse")
        data = self.read(path)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise ReadError(self.name, f"the OFD part {path!r} is not XML ({exc})") from exc


def _resolve(base: str, location: str) -> str:
    """A ``BaseLoc`` relative to the part that names it, or absolute from the package root."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), location))


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    numbers = _floats(text or "")
    return (numbers[0], numbers[1], numbers[2], numbers[3]) if len(numbers) == 4 else None


def _floats(text: str) -> list[float]:
    try:
        return [float(token) for token in text.split()]
    except ValueError:
        return []


def _deltas(text: str | None) -> list[float]:
    """Expand a ``DeltaX``/``DeltaY`` list: ``g N V`` is ``N`` times ``V``."""
    tokens = (text or "").split()
    values: list[float] = []
    index = 0
    try:
        while index < len(tokens):
            if tokens[index] == "g" and index + 2 < len(tokens):
                values.extend([float(tokens[index + 2])] * min(int(tokens[index + 1]), 100_000))
                index += 3
            else:
                values.append(float(tokens[index]))
                index += 1
    except ValueError:
        return values
    return values


def _width(char: str, size: float) -> float:
    """The width a character takes: a full em for CJK and full-width forms, else half."""
    return size if ord(char) >= 0x2E80 else 0.5 * size


def _glyph_width(char: str, glyph: float, advance: float | None, scale: float) -> float:
    """A character's width: its advance to the next character when that is plausible.

    A longer advance is a jump to the next cell: then the usual width of such a character.
    """
    if advance is not None and 0 < advance * scale <= 1.1 * glyph:
        return advance * scale
    return _width(char, glyph)


def _text_object_chars(element: Any, height: float) -> Iterator[CharBox]:
    """The characters of one TextObject with their boxes, in PDF space (``y`` upwards)."""
    boundary = _box(element.get("Boundary"))
    if boundary is None:
        return
    size = (_floats(element.get("Size", "")) or [3.5])[0]
    ctm = _floats(element.get("CTM", "")) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    if len(ctm) != 6:
        ctm = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    a, b, c, d, e, f = ctm
    scale = abs(d) or 1.0
    x = y = 0.0
    for code in _children(element, "TextCode"):
        x = float(code.get("X", x))
        y = float(code.get("Y", y))
        text = code.text or ""
        dx, dy = _deltas(code.get("DeltaX")), _deltas(code.get("DeltaY"))
        glyph = size * scale
        for index, char in enumerate(text):
            px = boundary[0] + a * x + c * y + e
            py = boundary[1] + b * x + d * y + f
            advance = dx[index] if index < len(dx) else None
            if char not in _SPACES and char.isprintable():
                top, bottom = py - _ASCENT * glyph, py + (1 - _ASCENT) * glyph
                width = _glyph_width(char, glyph, advance, a)
                yield (char, px, px + width, height - bottom, height - top)
            x += advance if advance is not None else _width(char, size)
            y += dy[index] if index < len(dy) else 0.0


def char_boxes(page: Any, height: float) -> list[CharBox]:
    """Every character of a page's content XML, in content order, with its box."""
    chars: list[CharBox] = []
    for element in _children(page, "TextObject"):
        chars.extend(_text_object_chars(element, height))
    return chars


def _document(package: _Package) -> tuple[str, Any]:
    """The path and root of the package's (first) document."""
    doc_root = _first_text(package.xml("OFD.xml"), "DocRoot")
    if not doc_root:
        raise ReadError(package.name, "OFD.xml names no DocRoot (no document in the package)")
    document_path = _resolve("OFD.xml", doc_root)
    return document_path, package.xml(document_path)


def _pages(package: _Package) -> Iterator[tuple[str, float, Any]]:
    """``(path, page height, content root)`` of each page, in document order."""
    document_path, document = _document(package)
    area = _box(_first_text(document, "PhysicalBox")) or _A4
    for page in _children(document, "Page"):
        location = page.get("BaseLoc")
        if not location:
            continue
        path = _resolve(document_path, location)
        content = package.xml(path)
        page_area = _box(_first_text(content, "PhysicalBox")) or area
        yield path, page_area[3], content


def _has_images(content: Any) -> bool:
    return any(True for _ in _children(content, "ImageObject"))


def _media(package: _Package, document_path: str, document: Any) -> dict[str, str]:
    """The media files the document's resource parts declare: ``{resource ID: part path}``."""
    media: dict[str, str] = {}
    for kind in ("DocumentRes", "PublicRes"):
        for element in _children(document, kind):
            res_path = _resolve(document_path, str(element.text or ""))
            res = package.xml(res_path)
            base = _resolve(res_path, str(res.get("BaseLoc") or "")) + "/"
            for item in _children(res, "MultiMedia"):
                location = _first_text(item, "MediaFile")
                if item.get("ID") and location:
                    media[str(item.get("ID"))] = _resolve(base + "x", location)
    return media


def page_images(data: bytes, name: str) -> list[list[bytes]]:
    """The images each page draws (the scans of a scanned OFD), for OCR; page by page.

    Raises :class:`~gikaireport.errors.ReadError` as :func:`read` does.
    """
    if not sniff(data):
        raise ReadError(name, "not an OFD document: no ZIP package with OFD.xml")
    package = _Package(data, name)
    with package.archive:
        document_path, document = _document(package)
        media = _media(package, document_path, document)
        pages = []
        for _path, _height, content in _pages(package):
            ids = [str(image.get("ResourceID")) for image in _children(content, "ImageObject")]
            pages.append([package.read(media[i]) for i in ids if i in media])
    return pages


def read(data: bytes, name: str) -> Document:
    """Read an OFD document into a Document, through the PDF layout of positioned text.

    Raises:
        NoTextLayerError: no page has text (page images: a scan, which would need OCR).
        EncryptedDocumentError: a part of the package is encrypted.
        ReadError: the package is not an OFD, is truncated, or declares too much.

    """
    from gikaireport.readers.pdf_layout import layout

    if not sniff(data):
        raise ReadError(name, "not an OFD document: no ZIP package with OFD.xml")
    package = _Package(data, name)
    pages: list[PageLines] = []
    images = 0
    with package.archive:
        for number, (_path, height, content) in enumerate(_pages(package), start=1):
            runs = build_runs(char_boxes(content, height), number)
            pages.append(PageLines(number, height, build_lines(runs, number)))
            images += _has_images(content)
    if not pages:
        raise ReadError(name, "the OFD document has no pages")
    empty = [page.number for page in pages if not page.lines]
    if len(empty) == len(pages):
        if images:
            return _read_scan(data, name, len(pages))
        raise NoTextLayerError(
            name, f"the OFD has no text on any of its {len(pages)} pages (no text objects)"
        )
    notes = (f"{len(empty)} pages have no text (scanned?): {_numbers(empty)}",) if empty else ()
    strip_furniture(pages)
    return Document(tuple(layout(pages)), path=name, format="ofd", notes=notes)


def _read_scan(data: bytes, name: str, count: int) -> Document:
    """Read a scanned OFD (page images, no text) by OCR, when the ``ocr`` extra is installed."""
    from gikaireport.errors import MissingDependencyError
    from gikaireport.readers.ocr import decode, read_pages
    from gikaireport.readers.ocr_engine import engine

    try:
        engine(name)
    except MissingDependencyError:
        raise NoTextLayerError(
            name,
            f"the OFD has no text on any of its {count} pages (page images: a scan); reading "
            "it needs OCR: pip install 'gikaireport[ocr]'",
        ) from None
    frames = [
        frame
        for page in page_images(data, name)
        for image in page[:1]
        for frame in decode(image, name)
    ]
    blocks = read_pages(frames, name)
    return Document(tuple(blocks), path=name, format="ofd", notes=("read by OCR",))


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")
