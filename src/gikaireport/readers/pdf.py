"""The PDF reader: the text layer of a PDF into a :class:`~gikaireport.document.Document`.

Two read functions are registered for PDF:

- :func:`read`, the fast path: pypdfium2 gives every character of the text layer with its
  box; :mod:`~gikaireport.readers.pdf_lines` groups them into runs and lines and drops page
  numbers and running headers; :mod:`~gikaireport.readers.pdf_layout` finds the tables,
  splits their rows into cells at the gaps between them (blank cells keep their column),
  continues tables across pages and joins prose lines into paragraphs.
- :func:`read_tables`, the fallback: pdfplumber's table finder on the ruling lines of each
  page. It is several times slower and is used only when the report assembled from the fast
  path is incomplete (see :func:`gikaireport.read`).

Both raise :class:`~gikaireport.errors.ReadError` subclasses only: encrypted files, files
without a text layer (scans, which would need OCR) and damaged or truncated files. pypdfium2
and pdfplumber are imported on first use.
"""

from __future__ import annotations

import ctypes
import math
import statistics
import struct
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

from attrs import evolve

from gikaireport.document import Document
from gikaireport.errors import EncryptedDocumentError, NoTextLayerError, ReadError
from gikaireport.model.deviation import DeviationKind
from gikaireport.readers.pdf_lines import (
    CharBox,
    PageLines,
    Run,
    Walls,
    build_lines,
    build_runs,
    strip_fixed_runs,
    strip_furniture,
)

__all__ = ["read", "read_ruling_lines", "read_tables"]

_ANOMALY = 3.0
"""A loose character box more than this many times the page's median height is not trusted."""


def sniff(data: bytes) -> bool:
    """Whether the bytes are a PDF: ``%PDF-`` within the first KiB."""
    return b"%PDF-" in data[:1024]


def _check_bytes(data: bytes, name: str) -> None:
    if not data:
        raise ReadError(name, "the file is empty")
    if not sniff(data):
        raise ReadError(name, "not a PDF: there is no %PDF- header in the first KiB")


def _load_error(exc: Exception, data: bytes, name: str) -> ReadError:
    """Build the library's exception for a document pdfium cannot open."""
    code = getattr(exc, "err_code", None)
    message = str(exc)
    if code in (4, 6) or "password" in message.lower() or "security" in message.lower():
        return EncryptedDocumentError(
            name, "the PDF is encrypted and needs a password to open; decrypt it first"
        )
    if b"%%EOF" not in data[-2048:]:
        return ReadError(name, f"the PDF is truncated: it does not end with %%EOF ({message})")
    return ReadError(name, f"the PDF is damaged and cannot be opened ({message})")


@contextmanager
def _open(data: bytes, name: str) -> Iterator[Any]:
    """Open a PDF with pypdfium2, turning its errors into ReadErrors; closes on exit."""
    _check_bytes(data, name)
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise _load_error(exc, data, name) from None
    try:
        yield document
    finally:
        document.close()


_INVISIBLE = frozenset(
    [chr(code) for code in range(0x21)]
    + [chr(code) for code in range(0x7F, 0xA1)]
    + ["\u3000", "\ufeff", "\ufffe", "\uffff", "\u200b", "\u00ad"]
)
"""Characters that print nothing: controls, spaces, byte-order marks, soft hyphens."""


def _page_text(pdfium_c: Any, handle: Any, count: int) -> str:
    """Return the page's characters, one per pdfium character index.

    One call for the whole page; when that text does not line up with the character list
    (characters outside the Basic Multilingual Plane, characters pdfium leaves out), the
    characters are read one by one.
    """
    buffer = (ctypes.c_ushort * (count + 1))()
    written = pdfium_c.FPDFText_GetText(handle, 0, count, buffer)
    text = ctypes.string_at(buffer, max(written - 1, 0) * 2).decode("utf-16-le", "replace")
    if len(text) == count:
        return text
    get_unicode = pdfium_c.FPDFText_GetUnicode
    chars = []
    for index in range(count):
        code = get_unicode(handle, index)
        chars.append(chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code < 0xE000 else "\x00")
    return "".join(chars)


def _turn(angle: float) -> int:
    """The quarter turns (0 to 3, clockwise as pdfium measures) of an angle, -1 for another."""
    turns = angle / (math.pi / 2)
    nearest = round(turns)
    return nearest % 4 if abs(turns - nearest) < 0.07 else -1


def _page_turn(handle: Any, sample: Sequence[int]) -> int:
    """The clockwise quarter turns of most of the page's text: 0 upright, 1 running downwards.

    Tables are printed sideways in two ways: the page has ``/Rotate`` and its content is
    drawn turned the other way (upright on screen), or the text matrix turns the text (a
    landscape table on a portrait page). Either way the characters' own direction says how
    to read them.
    """
    get_angle = _plain("FPDFText_GetCharAngle", ctypes.c_float, ctypes.c_void_p, ctypes.c_int)
    textpage = _address(handle)
    turns = Counter(_turn(get_angle(textpage, index)) for index in sample)
    turn, count = turns.most_common(1)[0] if turns else (0, 0)
    return turn if turn > 0 and count > len(sample) / 2 else 0


def _upright(chars: list[CharBox], turn: int, width: float, height: float) -> list[CharBox]:
    """Turn character boxes so that text turned ``turn`` quarter turns reads left to right."""
    if turn == 3:  # text runs upwards
        return [(c, y0, y1, width - x1, width - x0) for c, x0, x1, y0, y1 in chars]
    if turn == 2:  # upside down
        return [
            (c, width - x1, width - x0, height - y1, height - y0) for c, x0, x1, y0, y1 in chars
        ]
    # text runs downwards
    return [(c, height - y1, height - y0, x0, x1) for c, x0, x1, y0, y1 in chars]


def _shown_upright(turn: int) -> int:
    """The ``/Rotate`` (degrees clockwise) that shows text turned ``turn`` quarter turns upright."""
    return (4 - turn) % 4 * 90


_RECT = struct.Struct("4f")
"""pdfium's ``FS_RECTF``: left, top, right, bottom, as C floats."""


def _page_chars(
    page: Any, textpage: Any, width: float, height: float, shown: int = 0
) -> tuple[list[CharBox], int] | None:
    """Every visible character of a page with its box, in content-stream order.

    Loose boxes (the font's full height and advance width) are used, so that characters of
    one line share their vertical extent and gaps are real gaps. A loose box far larger than
    the page's usual ones (some exporters distort it for vertical text) is replaced by the
    character's tight box. Text printed sideways or upside down is turned upright (see
    :func:`_page_turn`) and put back in content-stream order (see :func:`_stream_order`);
    the quarter turns are returned with the characters. ``shown`` is the turn of text that
    pdfium already gives in stream order, the page being shown turned back (see
    :func:`_turned_chars`); ``None`` when most characters are turned otherwise.
    """
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    count = pdfium_c.FPDFText_CountChars(handle)
    if count <= 0:
        return [], 0
    text = _page_text(pdfium_c, handle, count)
    void = ctypes.c_void_p
    get_loose = _plain("FPDFText_GetLooseCharBox", ctypes.c_int, void, ctypes.c_int, void)
    rect = pdfium_c.FS_RECTF()
    textpage_at, rect_at = _address(handle), ctypes.addressof(rect)
    skip = _INVISIBLE
    # the usual height and direction, from a sample of the page's characters
    sample = [i for i in range(0, count, max(1, count // 64)) if text[i] not in skip]
    heights = []
    for index in sample:
        if get_loose(textpage_at, index, rect_at):
            heights.append(min(rect.top - rect.bottom, rect.right - rect.left))
    if not heights:
        return [], 0
    turn = _page_turn(handle, sample)
    if shown and turn != shown:
        return None
    limit = _ANOMALY * max(statistics.median(heights), 1.0)
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    box = _RECT.unpack_from  # one call for the four edges, not four field reads
    chars: list[CharBox] = []
    indices: list[int] = []
    for index, char in enumerate(text):
        if char in skip or not get_loose(textpage_at, index, rect_at):
            continue
        if turn != shown:
            indices.append(index)  # to put turned text back in stream order
        x0, y1, x1, y0 = box(rect)
        if y1 - y0 > limit or x1 - x0 > limit:
            pdfium_c.FPDFText_GetCharBox(
                handle,
                index,
                ctypes.byref(left),
                ctypes.byref(right),
                ctypes.byref(bottom),
                ctypes.byref(top),
            )
            x0, x1, y0, y1 = left.value, right.value, bottom.value, top.value
        chars.append((char, x0, x1, y0, y1))
    if not turn:
        return chars, 0
    chars = _upright(chars, turn, width, height)
    if turn == shown:
        return chars, turn
    return _stream_order(page, handle, chars, indices), turn


def _turned_chars(page: Any, width: float, height: float, turned: int) -> tuple[list[CharBox], int]:
    """The page's upright characters in stream order, and their turn (see :func:`_page_chars`).

    pdfium gives upright text in stream order, and text turned upside down or upwards in an
    order of its own unless the page is shown turned back. ``turned``, the turn of the first
    text objects (see :func:`_survey`), is a guess: the page is shown turned back by it,
    which costs nothing, and when the characters say otherwise it is read again unturned and
    its characters are put in stream order one by one. The caller restores the rotation.
    """
    if turned:
        page.set_rotation(_shown_upright(turned))
    textpage = page.get_textpage()
    try:
        read = _page_chars(page, textpage, width, height, turned)
    finally:
        textpage.close()
    if read is None:
        page.set_rotation(0)
        return _turned_chars(page, width, height, 0)
    return read


def _address(handle: Any) -> int | None:
    """The address a pypdfium2 handle (a ctypes pointer) points to."""
    address: int | None = ctypes.c_void_p.from_buffer(handle).value
    return address


@cache
def _plain(name: str, restype: Any, *argtypes: Any) -> Any:
    """The pdfium function ``name``, called with and returning handles as addresses (ints).

    Through pypdfium2 a handle comes back as a ctypes pointer, which must be cast (several
    microseconds) before two handles can be compared; called through a prototype of
    addresses, the same function returns an int, and costs less than the plain call.
    """
    import pypdfium2.raw as pdfium_c

    address = ctypes.cast(getattr(pdfium_c, name), ctypes.c_void_p).value
    assert address is not None, name  # pypdfium2 binds every function it names
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_FORM_DEPTH = 8
"""Forms nested deeper are not numbered: a turned page with text in them is put in reading order."""


def _object_order(page: Any) -> dict[int | None, int]:
    """The page's objects by address, forms' objects included, numbered in drawing order."""
    import pypdfium2.raw as pdfium_c

    void = ctypes.c_void_p
    get_type = _plain("FPDFPageObj_GetType", ctypes.c_int, void)
    form_count = _plain("FPDFFormObj_CountObjects", ctypes.c_int, void)
    form_object = _plain("FPDFFormObj_GetObject", void, void, ctypes.c_ulong)
    page_object = _plain("FPDFPage_GetObject", void, void, ctypes.c_int)
    order: dict[int | None, int] = {}

    def number(get: Any, parent: int | None, count: int, depth: int) -> None:
        for index in range(count):
            obj = get(parent, index)
            order[obj] = len(order)
            if depth < _FORM_DEPTH and get_type(obj) == pdfium_c.FPDF_PAGEOBJ_FORM:
                number(form_object, obj, form_count(obj), depth + 1)  # drawn where the form is

    number(page_object, _address(page.raw), pdfium_c.FPDFPage_CountObjects(page.raw), 0)
    return order


def _stream_order(
    page: Any, handle: Any, chars: list[CharBox], indices: list[int]
) -> list[CharBox]:
    """Turned characters back in content-stream order, as upright text comes.

    pdfium orders the characters of text turned upside down or upwards by its own reading
    of the page; each character's text object, numbered in drawing order, gives the stream
    order back, so turned text is read exactly as the same text upright. When a character's
    object is not found, the characters are put in reading order (:func:`_reading_order`).
    """
    order = _object_order(page)
    void = ctypes.c_void_p
    text_object = _plain("FPDFText_GetTextObject", void, void, ctypes.c_int)
    textpage = _address(handle)
    keys = [order.get(text_object(textpage, index), -1) for index in indices]
    if -1 in keys:
        return _reading_order(chars)
    ranked = sorted(range(len(chars)), key=keys.__getitem__)  # stable: pdfium's order within
    return [chars[rank] for rank in ranked]


def _reading_order(chars: list[CharBox]) -> list[CharBox]:
    """Characters line by line, top to bottom, each line left to right.

    The fallback order for turned characters whose text objects are not found (see
    :func:`_stream_order`); the layout then reads the tables from geometry.
    """
    lines: list[list[CharBox]] = []
    anchor = height = 0.0
    for char in sorted(chars, key=lambda c: -(c[3] + c[4])):
        centre, size = (char[3] + char[4]) / 2, char[4] - char[3]
        if lines and abs(anchor - centre) <= 0.3 * min(height, size):
            lines[-1].append(char)
            continue
        lines.append([char])
        anchor, height = centre, size
    return [char for line in lines for char in sorted(line, key=lambda c: c[1])]


_OCR_SAMPLE = 8
"""Text objects looked at before a page whose text is visible is taken as typed."""

OCR_TEXT_LAYER = DeviationKind.OCR_TEXT_LAYER
"""The deviation kind naming cells read from invisible text over a page image (an OCR layer)."""


def _ocr_text_layer(page: Any, width: float, height: float) -> bool:
    """Whether the page's text is an OCR layer: invisible text over an image of the page.

    Scanners, ABBYY, WPS and tesseract write a page image and, over it, the recognised text
    in render mode 3 (invisible). See :func:`_survey`.
    """
    return _survey(page, width, height)[0]


def _survey(page: Any, width: float, height: float) -> tuple[bool, int]:
    """Whether the page's text is an OCR layer, and the turn of most of its first text objects.

    On a page of visible text the page objects are looked at only until a few text objects
    were seen, so a typed page costs little. The turn (clockwise quarter turns, as
    :func:`_page_turn` gives them, 0 for upright) is read from the first few text objects'
    matrices: a first guess, before the text page is built, that lets a turned page be shown
    turned back (:func:`_turned_chars`); text inside forms is not looked at.
    """
    import pypdfium2.raw as pdfium_c

    void = ctypes.c_void_p
    get_object = _plain("FPDFPage_GetObject", void, void, ctypes.c_int)
    get_type = _plain("FPDFPageObj_GetType", ctypes.c_int, void)
    get_mode = _plain("FPDFTextObj_GetTextRenderMode", ctypes.c_int, void)
    get_bounds = _plain("FPDFPageObj_GetBounds", ctypes.c_int, void, void, void, void, void)
    get_matrix = _plain("FPDFPageObj_GetMatrix", ctypes.c_int, void, void)
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    at = [ctypes.addressof(bounds) + i * ctypes.sizeof(ctypes.c_float) for i in range(4)]
    matrix = pdfium_c.FS_MATRIX()
    matrix_at, raw = ctypes.addressof(matrix), _address(page.raw)
    image = False
    texts = invisible = 0
    turns = [0] * 5  # objects per quarter turn, other angles last
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = get_object(raw, index)
        kind = get_type(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE and get_bounds(obj, *at):
            area = (bounds[2] - bounds[0]) * (bounds[3] - bounds[1])
            image = image or area >= 0.5 * width * height
        elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            texts += 1
            invisible += get_mode(obj) == pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE
            if texts <= _OCR_SAMPLE and get_matrix(obj, matrix_at):
                a, b = matrix.a, matrix.b
                turns[0 if b == 0 and a > 0 else _turn(math.atan2(-b, a))] += 1  # -1: slot 4
            if texts >= _OCR_SAMPLE and invisible < texts:
                break  # typed text
    count = max(turns[1:4])
    guess = turns.index(count) if 2 * count > min(texts, _OCR_SAMPLE) else 0
    return image and texts > 0 and invisible == texts, guess


def _ocr_pages(pages: Sequence[_Page]) -> tuple[tuple[int, str, str], ...]:
    return tuple(
        (
            page.number,
            OCR_TEXT_LAYER,
            f"第{page.number}页的文字是扫描图像上的不可见识别文字层（OCR），数字可能识别有误",
        )
        for page in pages
        if page.ocr
    )


@dataclass(slots=True)
class _Page:
    """What the text path reads of a page: its upright characters and size, and its rules."""

    number: int
    chars: list[CharBox]
    width: float
    height: float
    rules: list[CharBox]
    """The boxes of the paths that may be ruling lines (see ``page_rules``)."""
    ocr: bool = False


def _read_pages(document: Any, name: str, rules: bool | None = False) -> Iterator[_Page]:
    """Each page's characters, turned upright, and with ``rules`` its ruling lines.

    ``rules=None`` reads the ruling lines of pages whose text is not an OCR layer only (an
    OCR layer lies over an image: its page has no ruling lines to part its runs).
    """
    import pypdfium2 as pdfium

    from gikaireport.readers.pdf_rules import page_rules

    number = 0
    for index in range(len(document)):
        try:
            page = document[index]
        except pdfium.PdfiumError as exc:
            raise ReadError(name, f"page {index + 1} cannot be read ({exc})") from None
        try:
            # pdfium reads the text of a page with /Rotate in the order it is shown: the page
            # unturned keeps the content-stream order of upright text, and a page whose text
            # objects are turned is shown turned back (see _turned_chars). The rotation is put
            # back for rendering.
            rotation = page.get_rotation()
            if rotation:
                page.set_rotation(0)
            width, height = page.get_size()
            ocr, turned = _survey(page, width, height)
            try:
                chars, turn = _turned_chars(page, width, height, turned)
            finally:
                if page.get_rotation() != rotation:
                    page.set_rotation(rotation)
            boxes = page_rules(page) if rules or (rules is None and not ocr) else []
            ocr = ocr and bool(chars)
        except pdfium.PdfiumError as exc:
            raise ReadError(name, f"the text of page {index + 1} cannot be read ({exc})") from None
        finally:
            page.close()
        if turn:
            boxes = _upright(boxes, turn, width, height)
        if turn % 2:
            width, height = height, width
        for half in _halves(_Page(index + 1, chars, width, height, boxes, ocr)):
            number += 1
            half.number = number
            yield half


_GUTTER = 0.02
"""Half the width, as a share of the sheet, of the empty band between two pages on a sheet."""


def _halves(page: _Page) -> list[_Page]:
    """The two pages of a 2-up sheet (left, then right), or the page itself.

    A sheet is 2-up when it is landscape, no character and no ruling line crosses a band
    down its middle, and each half holds a twentieth of its text at least. The halves are
    numbered as pages of their own.
    """
    width, chars = page.width, page.chars
    if width < 1.2 * page.height or not chars:
        return [page]
    middle, gap = width / 2, _GUTTER * width
    if any(c[1] < middle + gap and c[2] > middle - gap for c in chars):
        return [page]
    if any(r[1] < middle < r[2] for r in page.rules):
        return [page]
    left = [c for c in chars if c[2] <= middle]
    if not 0.05 * len(chars) <= len(left) <= 0.95 * len(chars):
        return [page]

    def shifted(boxes: list[CharBox]) -> list[CharBox]:
        return [(t, x0 - middle, x1 - middle, y0, y1) for t, x0, x1, y0, y1 in boxes]

    right = shifted([c for c in chars if c[1] >= middle])
    rules_left = [r for r in page.rules if r[2] <= middle]
    rules_right = shifted([r for r in page.rules if r[1] >= middle])
    return [
        _Page(page.number, left, middle, page.height, rules_left, page.ocr),
        _Page(page.number, right, middle, page.height, rules_right, page.ocr),
    ]


def _pages(document: Any, name: str) -> tuple[list[PageLines], tuple[tuple[int, str, str], ...]]:
    """The pages' visual lines, and the pages whose text is an OCR layer.

    Runs never cross a vertical ruling line of their page (see :class:`Walls`).
    """
    runs: list[tuple[float, list[Run]]] = []
    walls: list[Walls] = []
    ocr: list[_Page] = []
    for page in _read_pages(document, name, rules=None):
        walls.append(Walls(page.rules))
        runs.append((page.height, build_runs(page.chars, page.number, walls[-1])))
        if page.ocr:
            ocr.append(page)
    strip_fixed_runs(runs)
    pages = [
        PageLines(number, height, build_lines(page_runs, number, walls[number - 1]))
        for number, (height, page_runs) in enumerate(runs, start=1)
    ]
    return pages, _ocr_pages(ocr)


def _strip_fixed_chars(pages: Sequence[_Page]) -> None:
    """Remove, in place, the characters of furniture fixed on every page (see pdf_lines)."""
    runs = [(page.height, build_runs(page.chars, page.number)) for page in pages]
    for page, removed in zip(pages, strip_fixed_runs(runs), strict=True):
        if removed:
            page.chars = [
                char
                for char in page.chars
                if not any(
                    run.x0 <= (char[1] + char[2]) / 2 <= run.x1
                    and run.y0 <= (char[3] + char[4]) / 2 <= run.y1
                    for run in removed
                )
            ]


def _no_text_layer(name: str, pages: int) -> NoTextLayerError:
    return NoTextLayerError(
        name,
        f"the PDF has no text layer (none of its {pages} pages has text): "
        "it is a scan or an image and needs OCR; pip install 'gikaireport[ocr]'",
    )


def _without_text(pages: list[PageLines]) -> list[int]:
    """The numbers of the pages that have no text (nothing read, nothing removed)."""
    return [page.number for page in pages if not page.lines and not page.removed]


def _pages_note(numbers: list[int], what: str) -> str:
    """``"2 pages have <what>: 3, 4"``; ``{was}`` in ``what`` agrees with the count."""
    shown = ", ".join(str(n) for n in numbers[:10]) + (" ..." if len(numbers) > 10 else "")
    one = len(numbers) == 1
    said = what.format(was="was" if one else "were")
    return f"{len(numbers)} {'page has' if one else 'pages have'} {said}: {shown}"


def _notes(pages: list[PageLines], name: str) -> tuple[str, ...]:
    empty = _without_text(pages)
    if len(empty) == len(pages):
        raise _no_text_layer(name, len(pages))
    if not empty:
        return ()
    return (_pages_note(empty, "no text layer (scanned?)"),)


def _require_text(document: Any, name: str) -> None:
    """Raise NoTextLayerError unless some page has at least one character."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    for index in range(len(document)):
        try:
            page = document[index]
            textpage = page.get_textpage()
        except pdfium.PdfiumError as exc:
            raise ReadError(name, f"page {index + 1} cannot be read ({exc})") from None
        count = pdfium_c.FPDFText_CountChars(textpage.raw)
        textpage.close()
        page.close()
        if count > 0:
            return
    raise _no_text_layer(name, len(document))


def read(data: bytes, name: str) -> Document:
    """Read a PDF's text layer into a Document (the fast path, with pypdfium2).

    Raises:
        EncryptedDocumentError: the PDF needs a password.
        NoTextLayerError: no page has text (a scan).
        ReadError: the file is empty, not a PDF, truncated or damaged.

    """
    from gikaireport.readers.pdf_layout import layout

    with _open(data, name) as document:
        if len(document) == 0:
            raise ReadError(name, "the PDF has no pages")
        pages, ocr = _pages(document, name)
        without_text = _without_text(pages)
        scanned = _scan(document, pages, name)
    problems = _notes(pages, name)
    strip_furniture(pages)
    blocks = layout(pages)
    notes = problems
    if scanned is not None:
        from gikaireport.readers.ocr import attach_confidences

        blocks = attach_confidences(blocks, scanned)
        read_by_ocr = [n for n in without_text if n not in _without_text(pages)]
        problems += (_pages_note(read_by_ocr, "no text layer and {was} read by OCR"),)
        notes += ("pages without a text layer were read by OCR",)
    return Document(
        tuple(blocks), path=name, format="pdf", notes=notes, problems=problems, doubtful_pages=ocr
    )


def _scan(document: Any, pages: list[PageLines], name: str) -> Any:
    """OCR the pages without a text layer when the ``ocr`` extra is installed.

    Returns the OCR confidences, or ``None`` when every page has text or OCR is not
    installed (then a PDF without any text raises NoTextLayerError naming the extra).
    """
    if all(page.lines or page.removed for page in pages):
        return None
    from gikaireport.errors import MissingDependencyError
    from gikaireport.readers.ocr import scan_pages

    try:
        return scan_pages(document, pages, name)
    except MissingDependencyError:
        return None


def read_ruling_lines(data: bytes, name: str) -> Document:
    """Read a PDF's tables from the lines drawn on its pages, with pypdfium2 only.

    The cells of a table are found from its ruling lines, as :func:`read_tables` finds them,
    but from what pdfium reports (see :mod:`~gikaireport.readers.pdf_rules`): several times
    faster than pdfplumber. Same errors as :func:`read`.
    """
    from gikaireport.readers.pdf_ruled import ruled_document, ruled_pages
    from gikaireport.readers.pdf_rules import CharPage, page_edges

    with _open(data, name) as document:
        if len(document) == 0:
            raise ReadError(name, "the PDF has no pages")
        read = list(_read_pages(document, name, rules=True))
    _strip_fixed_chars(read)
    ocr = [page for page in read if page.ocr]
    pages = [
        CharPage.from_boxes(
            page.chars, page_edges(page.rules, page.height), page.width, page.height, page.number
        )
        for page in read
    ]
    if not any(page.chars for page in pages):
        raise _no_text_layer(name, len(pages))
    lines, grids = ruled_pages(pages, name)
    notes = _notes(lines, name)
    document = ruled_document(lines, grids, name, notes)
    return evolve(document, problems=notes, doubtful_pages=_ocr_pages(ocr))


def read_tables(data: bytes, name: str) -> Document:
    """Read a PDF with pdfplumber's table finder (the fallback for layouts the fast path misses).

    Tables come from the ruling lines drawn on each page; the text outside them becomes
    paragraphs. Same errors as :func:`read`.
    """
    from gikaireport.readers.pdf_ruled import read_ruled

    with _open(data, name) as document:
        if len(document) == 0:
            raise ReadError(name, "the PDF has no pages")
        _require_text(document, name)
        ocr = []
        for index in range(len(document)):
            page = document[index]
            if _ocr_text_layer(page, *page.get_size()):
                ocr.append(_Page(index + 1, [], 0.0, 0.0, [], ocr=True))
            page.close()
    return evolve(read_ruled(data, name), doubtful_pages=_ocr_pages(ocr))
