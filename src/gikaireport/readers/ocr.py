"""The OCR reader: scans and images into a :class:`~gikaireport.document.Document`.

Each page image is read by the engine (:mod:`~gikaireport.readers.ocr_engine`) into words
with boxes and confidences. Where the page shows a table's ruling lines
(:mod:`~gikaireport.readers.ocr_grid`), the page is turned straight by them and each
cell's lines of text are found by their ink and recognised on their own crops (an unsure
one is read again on a wider crop, the two readings kept as alternatives); text is
detected only outside the cells. The words are then written out as positioned characters
in the order a word processor writes a table (cell by cell, row by row) and go through the
same runs, lines, furniture removal and table layout as the text layer of a PDF
(:mod:`~gikaireport.readers.pdf_lines`, :mod:`~gikaireport.readers.pdf_layout`): there is
no second table logic. Every table cell read by OCR carries its confidence on its
:class:`~gikaireport.model.Source`.

Registered as the ``image`` format (PNG, JPEG, TIFF including multi-page TIFF, detected by
their magic bytes) and as the ``ocr`` format (``read(path, format="ocr")`` reads every page
of a PDF by OCR, for a PDF whose own OCR text layer is poor). The PDF reader calls
:func:`scan_pages` for pages that have no text layer.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from gikaireport.document import Block, Document, Table, TableCell
from gikaireport.errors import ReadError
from gikaireport.readers.ocr_engine import (
    Word,
    detect_page,
    detect_regions,
    recognize_crops,
    recognize_words,
    straighten,
)
from gikaireport.readers.ocr_grid import (
    CellBox,
    binarise,
    enclose,
    find_cells,
    ink_lines,
    line_height,
    outside_cells,
    ruling_skew,
    split_at_lines,
    vertical_lines,
)
from gikaireport.readers.pdf_lines import CharBox, PageLines, build_lines, build_runs

if TYPE_CHECKING:
    from numpy.typing import NDArray

__all__: list[str] = []

DPI = 200
"""The resolution at which PDF pages are rasterised for OCR."""

MAX_PAGES = 200
"""More pages than this in one file is not a report: the file is refused."""

MAX_PIXELS = 60_000_000
"""A page image larger than this (about A4 at 600 dpi, twice over) is refused."""

_PAGE_WIDTH = 595.0
"""Page images are measured in points as if the page were A4 wide, like a PDF page."""

_AMBIGUOUS = 0.5
"""The confidence given to a cell whose two readings disagree while both look sure."""

Confidences = dict[tuple[int, int], list[tuple[str, list[Word]]]]
"""Per (page, line): each run's text and the words it was made from."""


def is_image(data: bytes) -> bool:
    """Whether the bytes are a PNG, JPEG or TIFF image (by magic bytes)."""
    from gikaireport.readers import READERS

    return READERS["image"].sniff(data)


# ---------------------------------------------------------------------------------------
# Words to characters in stream order


def _line_groups(items: list[Any], top: Any, height: float) -> list[list[Any]]:
    """Group items into rows by their top edge, top to bottom; each row left to right."""
    rows: list[list[Any]] = []
    anchor = 0.0
    for item in sorted(items, key=top):
        if rows and top(item) - anchor <= 0.5 * height:
            rows[-1].append(item)
        else:
            rows.append([item])
            anchor = top(item)
    return rows


def _stream(cells: dict[CellBox, list[Word]], free: list[Word], height: float) -> list[Word]:
    """Words in the order a word processor writes them: cell by cell, row by row."""
    units: list[tuple[float, float, list[Word]]] = [
        (box.y0, box.x0, words) for box, words in cells.items() if words
    ]
    units += [(word.y0, word.x0, [word]) for word in free]
    ordered: list[Word] = []
    for row in _line_groups(units, lambda unit: unit[0], height):
        for _, _, words in sorted(row, key=lambda unit: unit[1]):
            for line in _line_groups(words, lambda word: word.y0, height):
                ordered.extend(sorted(line, key=lambda word: word.x0))
    return ordered


def _weight(char: str) -> float:
    return 1.0 if ord(char) >= 0x2E80 else 0.55


def _chars(words: Sequence[Word], scale: float, height: float) -> list[tuple[CharBox, Word]]:
    """Split each word's box among its characters; convert to points with ``y`` upwards."""
    chars: list[tuple[CharBox, Word]] = []
    for word in words:
        text = word.text.replace(" ", "")
        if not text:
            continue
        top, bottom = (height - word.y0) * scale, (height - word.y1) * scale
        if word.vertical:
            step = (word.y1 - word.y0) / len(text)
            for index, char in enumerate(text):
                y1 = (height - word.y0 - index * step) * scale
                box = (char, word.x0 * scale, word.x1 * scale, y1 - step * scale, y1)
                chars.append((box, word))
            continue
        unit = (word.x1 - word.x0) / sum(_weight(char) for char in text)
        x = word.x0
        for char in text:
            width = unit * _weight(char)
            chars.append(((char, x * scale, (x + width) * scale, bottom, top), word))
            x += width
    return chars


# ---------------------------------------------------------------------------------------
# Table cells read again on their own crops


def _is_number_like(text: str) -> bool:
    from gikaireport.lexicon import is_value

    return is_value(text)


def _assign(
    cells: list[CellBox], words: list[Word]
) -> tuple[dict[CellBox, list[Word]], list[Word]]:
    """Put each word in the cell that holds its centre; the rest are free words."""
    inside: dict[CellBox, list[Word]] = {cell: [] for cell in cells}
    free: list[Word] = []
    for word in words:
        home = next((cell for cell in cells if cell.holds(word.cx, word.cy)), None)
        if home is None:
            free.append(word)
        else:
            inside[home].append(word)
    return inside, free


def _crop(clean: NDArray[Any], box: tuple[int, int, int, int], pad: int) -> NDArray[Any]:
    """The ink of a cell with a white margin of ``pad`` pixels."""
    import cv2

    x0, y0, x1, y1 = box
    return cv2.copyMakeBorder(
        clean[y0 : y1 + 1, x0 : x1 + 1], pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=255
    )


Reading = tuple[tuple[int, int, int, int], str, float]
"""A line of a cell read on its crop: its ink box, text and confidence."""


def _merge_reading(
    box: tuple[int, int, int, int], first: str, first_score: float, text: str, score: float
) -> Word:
    """One word for a line read twice: ``first`` on its crop, ``text`` on a wider crop.

    Readings that agree keep the surer confidence. Readings that disagree leave the cell
    doubtful (confidence at most :data:`_AMBIGUOUS`): a reading that is a printed value
    comes first, then the surer one, and the other is kept as an alternative.
    """
    x0, y0, x1, y1 = box
    if not first:  # read only on the wider crop: doubtful
        return Word(text, x0, y0, x1, y1, min(score, _AMBIGUOUS))
    if not text or first == text:
        return Word(first, x0, y0, x1, y1, max(score, first_score) if text else first_score)
    best, other = sorted(
        [(first, first_score), (text, score)], key=lambda r: (not _is_number_like(r[0]), -r[1])
    )
    return Word(best[0], x0, y0, x1, y1, min(best[1], _AMBIGUOUS), [other])


def _line_height(words: Sequence[Word]) -> float:
    """The usual height of a detected line of text (horizontal boxes only)."""
    heights = sorted(w.y1 - w.y0 for w in words if w.x1 - w.x0 >= w.y1 - w.y0)
    return heights[len(heights) // 2] if heights else 40.0


def _read_cells(
    lines: dict[CellBox, list[tuple[int, int, int, int]]],
    page: NDArray[Any],
    clean: NDArray[Any],
    name: str,
) -> dict[CellBox, list[Word]]:
    """Read each cell's lines of text on their own crops (blank cells are left out).

    The crops are the cell's ink with the ruling lines taken out (``clean``), one per line
    of text (:func:`~gikaireport.readers.ocr_grid.ink_lines`), with a white margin of a
    third of the line's height (as the engine likes), so a lone ``0`` the detector would
    pass over is read too. A one-line cell read with a confidence below
    :data:`~gikaireport.assemble.confidence.DOUBTFUL` is read a second time on a crop of
    the page itself, padded wider (:func:`_merge_reading`), and so is a cell whose
    ink read as nothing (its reading is then doubtful).
    """
    todo = [(cell, box) for cell, boxes in lines.items() for box in boxes]
    crops = [_crop(clean, box, max(4, (box[3] - box[1]) // 3)) for _, box in todo]
    read: dict[CellBox, list[Reading]] = {}
    for (cell, box), (reading, score) in zip(todo, recognize_crops(crops, name), strict=True):
        if reading.replace(" ", ""):
            read.setdefault(cell, []).append((box, reading.replace(" ", ""), score))
    for cell, boxes in lines.items():  # ink read as nothing: read again, never left blank
        if boxes and cell not in read:
            read[cell] = [(enclose(boxes), "", 0.0)]
    return _second_readings(read, page, name)


def _second_readings(
    read: dict[CellBox, list[Reading]], page: NDArray[Any], name: str
) -> dict[CellBox, list[Word]]:
    """Each cell's crop readings as words; unsure one-line cells are read again."""
    from gikaireport.assemble.confidence import DOUBTFUL

    unsure = [cell for cell, found in read.items() if len(found) == 1 and found[0][2] < DOUBTFUL]
    boxes = [read[cell][0][0] for cell in unsure]
    crops = [_crop(page, box, max(4, (box[3] - box[1]) // 5)) for box in boxes]
    again = dict(zip(unsure, recognize_crops(crops, name, wide=True), strict=True))
    words: dict[CellBox, list[Word]] = {}
    for cell, found in read.items():
        if cell in again:
            text, score = again[cell]
            words[cell] = [_merge_reading(*found[0], text.replace(" ", ""), score)]
        else:
            words[cell] = [Word(reading, *box, score) for box, reading, score in found]
    return words


# ---------------------------------------------------------------------------------------
# Pages


def _split_words(words: list[Word], vertical: NDArray[Any], text: NDArray[Any]) -> list[Word]:
    """Detected boxes parted at the vertical ruling lines that cross them (inked parts only)."""
    import numpy as np

    out: list[Word] = []
    for word in words:
        box = (int(word.x0), int(word.y0), int(word.x1), int(word.y1))
        spans = split_at_lines(box, vertical)
        if spans == [(box[0], box[2])]:
            out.append(word)
            continue
        for x0, x1 in spans:
            if not text[box[1] : box[3] + 1, x0 : x1 + 1].any():
                continue
            quad = np.array([[x0, box[1]], [x1, box[1]], [x1, box[3]], [x0, box[3]]], float)
            out.append(Word("", float(x0), word.y0, float(x1), word.y1, 0.0, quad=quad))
    return out


def _page_words(
    image: NDArray[Any], name: str
) -> tuple[NDArray[Any], dict[CellBox, list[Word]], list[Word], float]:
    """The straight page, the words of its table cells, the words still to be recognised.

    A page with long horizontal ruling lines is turned straight by their slope and its
    text detected only outside its table cells (:func:`~gikaireport.readers.ocr_grid.
    outside_cells`): the cells are read from their ink. A page without is detected whole
    and turned straight by the slope of its text. A cell whose ink is taller than a line
    of text (text set vertically) is left to the detector too: its words are among those
    still to be recognised. Also returns the height of a line of text.
    """
    skew = ruling_skew(binarise(image))
    words: list[Word] | None = None
    if skew is None:
        words, image = detect_page(image, name)
    else:
        image = straighten(image, skew)[0]
    ink = binarise(image)
    cells, text = find_cells(ink)
    height = line_height(text, cells) if cells else _line_height(words or [])
    lines = {cell: ink_lines(text, cell, height) for cell in cells}
    tall = [c for c, boxes in lines.items() if any(b[3] - b[1] > 1.6 * height for b in boxes)]
    if words is None:
        regions = outside_cells(text, cells, height) + [(c.x0, c.y0, c.x1, c.y1) for c in tall]
        words = detect_regions(image, regions, name)
        height = _line_height(words) if not cells else height
    words = _split_words(words, vertical_lines(ink), text)
    for cell in tall:
        del lines[cell]
    inside, free = _assign(cells, words)
    clean = image.copy()
    clean[(ink > 0) & (text == 0)] = 255
    read = _read_cells(lines, image, clean, name)
    read.update((cell, inside[cell]) for cell in tall)
    return image, read, free + [w for cell in tall for w in inside[cell]], height


def ocr_page(image: NDArray[Any], number: int, name: str) -> tuple[PageLines, Confidences]:
    """Read one grey page image into visual lines, with the words behind every run."""
    image, inside, unread, height = _page_words(image, name)
    recognize_words(image, unread, name)
    free = [w for w in unread if not any(c.holds(w.cx, w.cy) for c in inside)]
    free = [w for w in free if w.text]
    inside = {cell: [w for w in ws if w.text] for cell, ws in inside.items()}
    page_height = float(image.shape[0])
    scale = _PAGE_WIDTH / image.shape[1]
    placed = _chars(_stream(inside, free, height), scale, page_height)
    runs = build_runs([char for char, _ in placed], number)
    lines = build_lines(runs, number)
    owners: dict[float, list[tuple[float, float, Word]]] = {}
    for (_, x0, _, y0, y1), word in placed:
        owners.setdefault(x0, []).append((y0, y1, word))
    confidences: Confidences = {}
    for line in lines:
        for run in line.runs:
            found = [
                word
                for x0, _ in run.glyphs
                for y0, y1, word in owners.get(x0, ())
                if min(y1, run.y1) - max(y0, run.y0) > 0
            ]
            unique = list({id(word): word for word in found}.values())
            confidences.setdefault((number, line.number), []).append((run.text, unique))
    return PageLines(number, page_height * scale, lines), confidences


def _cell_confidence(cell: TableCell, confidences: Confidences) -> TableCell:
    source = cell.source
    if source.page is None or source.line is None or not cell.text:
        return cell
    runs = confidences.get((source.page, source.line))
    if not runs:
        return cell
    flat = cell.text.replace("\n", "").replace(" ", "")
    words = [w for text, ws in runs if text.replace(" ", "") in flat for w in ws]
    if not words:
        return cell
    confidence = min(w.confidence for w in words)
    alternatives = tuple(text for text, _ in words[0].alternatives) if len(words) == 1 else ()
    return TableCell(cell.text, source._replace(confidence=confidence), alternatives)


def attach_confidences(blocks: Sequence[Block], confidences: Confidences) -> list[Block]:
    """Put the OCR confidence of each table cell on its source."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and confidences:
            rows = tuple(
                tuple(_cell_confidence(cell, confidences) for cell in row) for row in block.rows
            )
            block = Table(rows, block.source, block.complete_rows)
        out.append(block)
    return out


def _layout(pages: list[PageLines], confidences: Confidences) -> list[Block]:
    from gikaireport.readers.pdf_layout import layout
    from gikaireport.readers.pdf_lines import strip_furniture

    strip_furniture(pages)
    return attach_confidences(layout(pages), confidences)


def read_pages(images: Iterable[NDArray[Any]], name: str) -> list[Block]:
    """Read page images (numbered from 1) into paragraphs and tables, tables across pages."""
    pages: list[PageLines] = []
    confidences: Confidences = {}
    for number, image in enumerate(images, start=1):
        page, found = ocr_page(image, number, name)
        pages.append(page)
        confidences.update(found)
    return _layout(pages, confidences)


# ---------------------------------------------------------------------------------------
# Entry points


def decode(data: bytes, name: str) -> list[NDArray[Any]]:
    """The grey pages of an image file (every frame of a multi-page TIFF)."""
    import numpy as np
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            frames: list[NDArray[Any]] = []
            for frame in ImageSequence.Iterator(image):
                if len(frames) >= MAX_PAGES:
                    raise ReadError(name, f"the image has more than {MAX_PAGES} pages")
                if frame.width * frame.height > MAX_PIXELS:
                    raise ReadError(
                        name, f"the image is too large ({frame.width}x{frame.height} pixels)"
                    )
                frames.append(np.asarray(frame.convert("L"), dtype=np.uint8))
    except ReadError:
        raise
    except Image.DecompressionBombError as exc:
        raise ReadError(name, f"the image is too large ({exc})") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ReadError(name, f"the image cannot be decoded ({exc})") from None
    if not frames:
        raise ReadError(name, "the image has no pages")
    return frames


def read_image(data: bytes, name: str) -> Document:
    """Read a PNG, JPEG or TIFF image (every page of a multi-page TIFF) by OCR.

    Raises:
        MissingDependencyError: the ``ocr`` extra is not installed.
        ReadError: the image cannot be decoded, is too large or has too many pages.

    """
    from gikaireport.readers.ocr_engine import engine

    engine(name)
    blocks = read_pages(decode(data, name), name)
    return Document(tuple(blocks), path=name, format="image", notes=("read by OCR",))


def render_page(document: Any, index: int, dpi: int = DPI) -> NDArray[Any]:
    """Rasterise one page of an open pypdfium2 document to a grey image."""
    import numpy as np

    page = document[index]
    try:
        bitmap = page.render(scale=dpi / 72, grayscale=True)
        image = bitmap.to_pil().convert("L")
    finally:
        page.close()
    return np.asarray(image, dtype=np.uint8)


def scan_pages(document: Any, pages: list[PageLines], name: str) -> Confidences:
    """OCR the pages of an open PDF that have no text layer, replacing them in ``pages``.

    Blank pages (nothing drawn) are skipped, and at most :data:`MAX_PAGES` pages are read.

    Raises :class:`~gikaireport.errors.MissingDependencyError` (naming the ``ocr`` extra)
    when the engine is not installed.
    """
    import pypdfium2.raw as pdfium_c

    from gikaireport.readers.ocr_engine import engine

    engine(name)
    confidences: Confidences = {}
    scanned = 0
    for position, page in enumerate(pages):
        if page.lines or page.removed or scanned >= MAX_PAGES:
            continue
        pdf_page = document[page.number - 1]
        drawn = pdfium_c.FPDFPage_CountObjects(pdf_page.raw)
        pdf_page.close()
        if drawn <= 0:
            continue  # a blank page
        scanned += 1
        image = render_page(document, page.number - 1)
        pages[position], found = ocr_page(image, page.number, name)
        confidences.update(found)
    return confidences


def read_ocr(data: bytes, name: str) -> Document:
    """Read every page of a PDF, or an image, by OCR (ignoring any text layer).

    For a PDF whose own OCR text layer is poor: ``gikaireport.read(path, format="ocr")``.
    """
    if is_image(data):
        return read_image(data, name)
    from gikaireport.readers.ocr_engine import engine
    from gikaireport.readers.pdf import _open as open_pdf

    engine(name)
    with open_pdf(data, name) as document:
        if len(document) > MAX_PAGES:
            raise ReadError(name, f"the PDF has more than {MAX_PAGES} pages")
        # one page image at a time: each is freed once its words are read
        images = (render_page(document, index) for index in range(len(document)))
        blocks = read_pages(images, name)
    return Document(tuple(blocks), path=name, format="pdf", notes=("read by OCR",))
