"""Tables printed as pictures inside a DOCX, read by OCR.

Some DOCX reports paste the tables (or every page) as images. When a DOCX has pictures and
no table, and the ``ocr`` extra is installed, each picture is read by OCR
(:mod:`gikaireport.readers.ocr`) and its paragraphs and tables are put where the picture
stands: after the last paragraph of text before it.
"""

from __future__ import annotations

import io
from typing import Any

from gikaireport.document import Block, Paragraph, Table
from gikaireport.errors import MissingDependencyError

__all__: list[str] = []

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_V = "{urn:schemas-microsoft-com:vml}"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _pictures(body: Any) -> list[tuple[str, str]]:
    """Each picture's relationship id with the text of the last paragraph before it."""
    found: list[tuple[str, str]] = []
    anchor = ""
    for child in body:
        for element in child.iter(_A + "blip", _V + "imagedata"):
            rid = element.get(_R + "embed") or element.get(_R + "id")
            if rid:
                found.append((rid, anchor))
        text = "".join(t.text or "" for t in child.iter(_W + "t")).strip()
        if text:
            anchor = text
    return found


def _blobs(data: bytes, rids: list[str]) -> dict[str, bytes]:
    from docx.opc.package import OpcPackage

    part = OpcPackage.open(io.BytesIO(data)).main_document_part
    blobs = {}
    for rid in rids:
        try:
            blobs[rid] = part.related_parts[rid].blob
        except KeyError:
            continue
    return blobs


def with_pictures(blocks: list[Block], data: bytes, body: Any, name: str) -> list[Block]:
    """The document's blocks with its pictures read by OCR and put in their places.

    Unchanged when the document has a table already, has no picture, or the ``ocr`` extra
    is not installed. Pictures that are not PNG, JPEG or TIFF are skipped.
    """
    if any(isinstance(block, Table) for block in blocks):
        return blocks
    pictures = _pictures(body)
    if not pictures:
        return blocks
    from gikaireport.readers.ocr import MAX_PAGES, decode, is_image, read_pages
    from gikaireport.readers.ocr_engine import engine

    try:
        engine(name)
    except MissingDependencyError:
        return blocks
    blobs = _blobs(data, [rid for rid, _ in pictures])
    # consecutive pictures after the same text are the pages of one run (a table may go on)
    runs: dict[str, list[Any]] = {}
    count = 0
    for rid, anchor in pictures:
        blob = blobs.get(rid, b"")
        if is_image(blob) and count < MAX_PAGES:
            pages = decode(blob, name)[: MAX_PAGES - count]
            count += len(pages)
            runs.setdefault(anchor, []).extend(pages)
    texts = [b.text.strip() if isinstance(b, Paragraph) else None for b in blocks]
    placed: dict[int, list[Block]] = {}
    for anchor, pages in runs.items():
        at = max((i for i, text in enumerate(texts) if text == anchor), default=-1)
        placed.setdefault(at, []).extend(read_pages(pages, name))
    out = list(placed.get(-1, []))
    for index, block in enumerate(blocks):
        out.append(block)
        out.extend(placed.get(index, []))
    return out
