"""Tables from the ruling lines of PDF pages, with pdfplumber: the PDF reader's fallback.

pdfplumber finds the cells of a table from the lines and rectangles drawn on the page, which
places cells exactly where the text alone cannot (cells far from their column, overlapping
text, unusual stream orders). It is much slower than the text path in
:mod:`gikaireport.readers.pdf`, so :func:`gikaireport.read` calls it only when the report read
from the text path is incomplete.

Text outside the tables becomes paragraphs, with the same page-number and running-header
removal and the same paragraph joining as the text path; tables continue across pages and
labels cut by a page break are rejoined as there.
"""

from __future__ import annotations

import io
import logging
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from gikaireport.document import Document
from gikaireport.errors import EncryptedDocumentError, ReadError
from gikaireport.lexicon import is_value
from gikaireport.readers.pdf_grid import Cell, Grid, GridRow, join_number_lines
from gikaireport.readers.pdf_layout import compose
from gikaireport.readers.pdf_lines import Line, PageLines, Run, strip_furniture

__all__: list[str] = []

TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "edge_min_length": 3,
    "intersection_tolerance": 3,
    "text_x_tolerance": 3,
    "text_y_tolerance": 3,
}
"""pdfplumber's table finder settings: cells from ruling lines only, small tolerances."""

_BOUNDARY_ROWS = 4
"""Rows at the end of a table whose cells may be continued on the next page."""


def _is_table(texts: Sequence[Sequence[str | None]]) -> bool:
    """Tell a real table: at least two columns hold text (WPS draws boxes around prose)."""
    columns = {index for row in texts for index, text in enumerate(row) if text and text.strip()}
    return len(columns) >= 2


def _last_line_x1(page: Any, bbox: tuple[float, float, float, float]) -> tuple[float, float, float]:
    """Measure the last text line of a cell: its right end, character width and height."""
    chars = page.crop(bbox, strict=False).chars
    if not chars:
        return bbox[0], 10.0, 10.0
    bottom = max(char["bottom"] for char in chars)
    last = [char for char in chars if char["bottom"] >= bottom - 2]
    width = sum(char["x1"] - char["x0"] for char in last) / len(last)
    height = max(char["bottom"] - char["top"] for char in last)
    return max(char["x1"] for char in last), width, height


def _is_prose_row(row: Any, texts: Sequence[str | None], width: float) -> bool:
    """Tell a row that is one cell across the whole table holding prose (or a caption)."""
    cells = [(bbox, text) for bbox, text in zip(row.cells, texts, strict=True) if bbox is not None]
    if len(cells) != 1:
        return False
    bbox, text = cells[0]
    return bbox[2] - bbox[0] >= 0.9 * width and not is_value((text or "").strip())


def _table_rows(table: Any) -> tuple[int, int, list[list[str | None]]]:
    """Find the rows that form the table proper, without the prose rows around it.

    Some exporters (WPS) draw a box around every line of prose; such rows before the first
    and after the last real row become text.
    """
    texts: list[list[str | None]] = [
        [None if text is None else join_number_lines(text) for text in row]
        for row in table.extract()
    ]
    width = table.bbox[2] - table.bbox[0]
    start, end = 0, len(texts)
    while start < end and _is_prose_row(table.rows[start], texts[start], width):
        start += 1
    while end > start and _is_prose_row(table.rows[end - 1], texts[end - 1], width):
        end -= 1
    return start, end, texts


def _first_value_column(texts: Sequence[Sequence[str | None]]) -> int | None:
    """Find the first column of values: right of every label printed in a row with values.

    A column that holds no text at all in any row (the rest of a merged label column) is
    skipped. ``None`` when no row has a value.
    """
    found = False
    labels = -1
    for row in texts:
        cells = [(text or "").strip() for text in row]
        values = [index for index, text in enumerate(cells) if text and is_value(text)]
        if not values:
            continue
        found = True
        labels = max([labels, *(i for i, text in enumerate(cells[: values[0]]) if text)])
    if not found:
        return None
    first = labels + 1
    width = max(len(row) for row in texts)
    while first < width - 1 and not any(_cell_text(row, first) for row in texts):
        first += 1
    return first


def _cell_text(row: Sequence[str | None], index: int) -> str:
    """Return the stripped text of a row's cell at ``index`` (empty when missing or merged)."""
    return (row[index] or "").strip() if index < len(row) else ""


def _grid(
    page: Any,
    table: Any,
    span: tuple[int, int, list[list[str | None]]],
    number: int,
    line_tops: list[float],
    first_value: int | None,
) -> Grid:
    start, end, all_texts = span
    texts = all_texts[start:end]
    table_rows = table.rows[start:end]
    rows: list[GridRow] = []
    value_x0 = table.bbox[2]
    for row_index, (row, row_texts) in enumerate(zip(table_rows, texts, strict=True)):
        labels: list[Cell] = []
        values: list[Cell | None] = []
        boundary = row_index >= len(texts) - _BOUNDARY_ROWS
        top = row.bbox[1]
        line = bisect_left(line_tops, top - 1) + 1
        for index, (bbox, text) in enumerate(zip(row.cells, row_texts, strict=True)):
            if bbox is None:
                continue  # covered by a merged cell
            cleaned = (text or "").strip()
            in_values = first_value is not None and index >= first_value
            if in_values:
                value_x0 = min(value_x0, bbox[0])
            if not cleaned:
                if in_values:
                    values.append(None)
                continue
            cell = Cell(cleaned, bbox[0], bbox[2], number, line, last_x1=bbox[2], limit=bbox[2])
            if boundary:
                cell.last_x1, cell.char_width, cell.h = _last_line_x1(page, bbox)
            (values if in_values else labels).append(cell)
        if labels or values:
            rows.append(GridRow(labels, values, number, line))
    if first_value is None:
        value_x0 = table.bbox[2]
    return Grid(rows, value_x0, number, rows[0].line if rows else 1)


Carry = tuple[int, int | None]
"""The number of columns and the first column of values of the last table of a page."""


def _page_items(
    page: Any, number: int, carry: Carry | None
) -> tuple[PageLines, list[tuple[float, Grid]], Carry | None]:
    """Read a page's text lines outside tables and its tables (with their top edge).

    The first table of a page with as many columns as the last table of the previous page
    takes that table's first column of values: a continuation may lack the rows that show
    where the labels end.
    """
    found = page.find_tables(TABLE_SETTINGS)
    tables = []
    boxes = []
    for table in found:
        start, end, texts = _table_rows(table)
        if end > start and _is_table(texts[start:end]):
            tables.append((table, (start, end, texts)))
            top = table.rows[start].bbox[1]
            bottom = table.rows[end - 1].bbox[3]
            boxes.append((table.bbox[0], top, table.bbox[2], bottom))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    all_lines = page.extract_text_lines(strip=True)
    line_tops = sorted(line["top"] for line in all_lines)
    text_lines = page.filter(outside).extract_text_lines(strip=True) if boxes else all_lines
    height = float(page.height)
    lines: list[Line] = []
    for order, found_line in enumerate(text_lines):
        text = found_line["text"].strip()
        if not text:
            continue
        run = Run(
            text,
            found_line["x0"],
            found_line["x1"],
            height - found_line["bottom"],
            height - found_line["top"],
            number,
            order,
            max(len(text), 1),
        )
        lines.append(Line([run], number, bisect_left(line_tops, found_line["top"] - 1) + 1))
    grids = []
    ordered = sorted(zip(tables, boxes, strict=True), key=lambda entry: entry[1][1])
    for index, ((table, span), box) in enumerate(ordered):
        columns = len(table.rows[0].cells)
        if index == 0 and carry is not None and carry[0] == columns:
            first_value = carry[1]
        else:
            first_value = _first_value_column(span[2][span[0] : span[1]])
        grids.append((box[1], _grid(page, table, span, number, line_tops, first_value)))
        carry = (columns, first_value)
    return PageLines(number, height, lines), grids, carry if ordered else None


def _merge_across_pages(items: list[Line | Grid]) -> list[Line | Grid]:
    """Join a table that ends one page with the table that starts the next (same columns)."""
    merged: list[Line | Grid] = []
    for item in items:
        previous = merged[-1] if merged else None
        if (
            isinstance(item, Grid)
            and isinstance(previous, Grid)
            and item.page == previous.rows[-1].page + 1
            and item.rows
            and previous.rows
            and len(item.rows[0].labels) + len(item.rows[0].values)
            <= max(len(row.labels) + len(row.values) for row in previous.rows)
        ):
            previous.rows.extend(item.rows)
            continue
        merged.append(item)
    return merged


class _NoFontBBoxWarning(logging.Filter):
    """Drop pdfminer's warning about a font descriptor without a usable FontBBox.

    Chromium writes such descriptors; the warning says nothing a reader of reports can act
    on, and the text reads correctly without the box.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return "FontBBox" not in record.getMessage()


_FONT_FILTER = _NoFontBBoxWarning()


def read_ruled(data: bytes, name: str, notes: tuple[str, ...] = ()) -> Document:
    """Read a PDF into a Document with pdfplumber's ruled-table finder."""
    import pdfplumber

    font_log = logging.getLogger("pdfminer.pdffont")
    if _FONT_FILTER not in font_log.filters:
        font_log.addFilter(_FONT_FILTER)
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise EncryptedDocumentError(name, f"the PDF is encrypted ({exc})") from None
    except Exception as exc:  # pdfminer raises many unrelated types for damaged files
        raise ReadError(name, f"the PDF cannot be opened ({type(exc).__name__}: {exc})") from None
    try:
        with pdf:
            pages, grids = ruled_pages(pdf.pages, name)
    except ReadError:
        raise
    except Exception as exc:  # pdfminer and pdfplumber raise many types for damaged files
        message = f"the page tree cannot be read ({type(exc).__name__}: {exc})"
        raise ReadError(name, message) from None
    return ruled_document(pages, grids, name, notes)


PageGrids = list[tuple[float, Grid]]
"""The tables of a page, each with its top edge."""


def ruled_pages(pages: Iterable[Any], name: str) -> tuple[list[PageLines], list[PageGrids]]:
    """Read each page's text lines outside tables and its ruled tables.

    A page is a pdfplumber page, or anything with the same ``find_tables``, ``chars``,
    ``crop``, ``filter``, ``extract_text_lines`` and ``close``
    (:class:`~gikaireport.readers.pdf_rules.CharPage`).
    """
    lines: list[PageLines] = []
    grids: list[PageGrids] = []
    carry: Carry | None = None
    for number, page in enumerate(pages, start=1):
        try:
            page_lines, page_grids, carry = _page_items(page, number, carry)
        except Exception as exc:  # pdfminer and pdfplumber raise many types for damaged files
            message = f"page {number} cannot be read ({type(exc).__name__}: {exc})"
            raise ReadError(name, message) from None
        finally:
            page.close()
        lines.append(page_lines)
        grids.append(page_grids)
    return lines, grids


def ruled_document(
    pages: list[PageLines], grids: list[PageGrids], name: str, notes: tuple[str, ...] = ()
) -> Document:
    """Put the pages' lines and tables in reading order and compose the Document."""
    strip_furniture(pages)
    items: list[Line | Grid] = []
    for page_lines, page_grids in zip(pages, grids, strict=True):
        height = page_lines.height
        positioned: list[tuple[float, int, Line | Grid]] = [
            (height - line.y1, 0, line) for line in page_lines.lines
        ]
        positioned.extend((top, 1, grid) for top, grid in page_grids)
        positioned.sort(key=lambda entry: (entry[0], entry[1]))
        items.extend(entry[2] for entry in positioned)
    blocks = compose(_merge_across_pages(items))
    return Document(tuple(blocks), path=name, format="pdf", notes=notes)
