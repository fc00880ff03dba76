"""Ruled tables from pypdfium2: the ruling lines and characters of a page, without pdfminer.

pdfplumber finds a table's cells from the lines drawn on the page, which places every
number in its cell even where the text alone cannot (numbers left-aligned next to centred
headers, numbers wrapped inside narrow cells). Its cost is pdfminer's parsing of the page,
not the table finder; so this module gives pdfplumber's table finder the ruling lines that
pdfium reports (thin paths and rectangles) and the characters the text path already has,
through :class:`CharPage`, a page with just what :mod:`~gikaireport.readers.pdf_ruled` asks
of a pdfplumber page. The tables are then read exactly as on the pdfplumber path.
"""

from __future__ import annotations

import ctypes
from bisect import bisect_left
from collections.abc import Callable, Sequence
from typing import Any

from gikaireport.readers.pdf_lines import _THIN, CharBox, build_lines, build_runs

__all__: list[str] = []


def _edge(x0: float, top: float, x1: float, bottom: float, orientation: str) -> dict[str, Any]:
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def _box_edges(x0: float, top: float, x1: float, bottom: float) -> list[dict[str, Any]]:
    """The edges of a path's box: one line when thin, four when a rectangle."""
    if x1 - x0 < _THIN and bottom - top < _THIN:
        return []
    if bottom - top < _THIN:
        middle = (top + bottom) / 2
        return [_edge(x0, middle, x1, middle, "h")]
    if x1 - x0 < _THIN:
        middle = (x0 + x1) / 2
        return [_edge(middle, top, middle, bottom, "v")]
    return [
        _edge(x0, top, x1, top, "h"),
        _edge(x0, bottom, x1, bottom, "h"),
        _edge(x0, top, x0, bottom, "v"),
        _edge(x1, top, x1, bottom, "v"),
    ]


def page_rules(page: Any) -> list[tuple[str, float, float, float, float]]:
    """The boxes of the paths that can be ruling lines, in PDF space (``y`` upwards).

    Each box is ``("", x0, x1, y0, y1)``, the shape of a character box, so that it can be
    turned as the characters are. Thin paths are lines; rectangles (four segments, closed)
    count too. Other paths (curves, glyph outlines) are left out.
    """
    import pypdfium2.raw as pdfium_c

    from gikaireport.readers.pdf import _address, _plain

    void = ctypes.c_void_p
    get_object = _plain("FPDFPage_GetObject", void, void, ctypes.c_int)
    get_type = _plain("FPDFPageObj_GetType", ctypes.c_int, void)
    get_bounds = _plain("FPDFPageObj_GetBounds", ctypes.c_int, void, void, void, void, void)
    count_segments = _plain("FPDFPath_CountSegments", ctypes.c_int, void)
    bounds = (ctypes.c_float * 4)()  # left, bottom, right, top
    at = [ctypes.addressof(bounds) + i * ctypes.sizeof(ctypes.c_float) for i in range(4)]
    path_type, raw = pdfium_c.FPDF_PAGEOBJ_PATH, _address(page.raw)
    boxes: list[tuple[str, float, float, float, float]] = []
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = get_object(raw, index)
        if get_type(obj) != path_type or not get_bounds(obj, *at):
            continue
        left, bottom, right, top = bounds
        if min(right - left, top - bottom) < _THIN or count_segments(obj) in (4, 5):
            boxes.append(("", left, right, bottom, top))
    return boxes


def page_edges(boxes: Sequence[CharBox], height: float) -> list[dict[str, Any]]:
    """Path boxes (from :func:`page_rules`) as pdfplumber edges (``top`` from the top)."""
    edges: list[dict[str, Any]] = []
    for _, x0, x1, y0, y1 in boxes:
        edges.extend(_box_edges(x0, height - y1, x1, height - y0))
    return edges


class CharPage:
    """A page as pdfplumber's table finder and the ruled reader use it, from pdfium data.

    ``chars`` are pdfplumber character dicts (``top`` measured from the top of the page),
    ``edges`` the ruling lines.
    """

    def __init__(
        self,
        chars: list[dict[str, Any]],
        edges: list[dict[str, Any]],
        width: float,
        height: float,
        number: int,
    ) -> None:
        self.chars = chars
        self._by_cy: list[dict[str, Any]] | None = None
        self._cys: list[float] = []
        self.edges = edges
        self.width = width
        self.height = height
        self.bbox = (0.0, 0.0, width, height)
        self.number = number

    @classmethod
    def from_boxes(
        cls,
        boxes: Sequence[CharBox],
        edges: list[dict[str, Any]],
        width: float,
        height: float,
        number: int,
    ) -> CharPage:
        """Build a page from character boxes (``y`` upwards, as the text path has them)."""
        chars = [
            {
                "text": text,
                "x0": x0,
                "x1": x1,
                "top": height - y1,
                "bottom": height - y0,
                "doctop": height - y1,
                "upright": True,
                "width": x1 - x0,
                "height": y1 - y0,
                "order": order,
                "object_type": "char",
            }
            for order, (text, x0, x1, y0, y1) in enumerate(boxes)
        ]
        return cls(chars, edges, width, height, number)

    def find_tables(self, settings: dict[str, Any]) -> list[RuledTable]:
        """The tables pdfplumber's table finder sees on this page's ruling lines."""
        from pdfplumber.table import TableFinder

        finder = TableFinder(self, settings)  # type: ignore[arg-type]
        return [RuledTable(table.cells, self) for table in finder.tables]

    def inside(self, bbox: Sequence[float]) -> list[dict[str, Any]]:
        """The characters whose centre lies inside ``bbox`` (``x0, top, x1, bottom``)."""
        if self._by_cy is None:  # sorted on first use: most pages made here are never searched
            self._by_cy = sorted(self.chars, key=_centre_y)
            self._cys = [_centre_y(char) for char in self._by_cy]
        x0, top, x1, bottom = bbox
        low, high = bisect_left(self._cys, top), bisect_left(self._cys, bottom)
        return [c for c in self._by_cy[low:high] if x0 <= (c["x0"] + c["x1"]) / 2 < x1]

    def crop(self, bbox: Sequence[float], strict: bool = False) -> CharPage:
        """The page with only the characters inside ``bbox`` (``x0, top, x1, bottom``)."""
        return CharPage(self.inside(bbox), self.edges, self.width, self.height, self.number)

    def text(self, chars: Sequence[dict[str, Any]]) -> str:
        """The text of some of the page's characters: lines top to bottom, joined by ``\\n``."""
        boxes: list[CharBox] = [
            (c["text"], c["x0"], c["x1"], self.height - c["bottom"], self.height - c["top"])
            for c in sorted(chars, key=lambda c: c["order"])
        ]
        return "\n".join(line.text for line in build_lines(build_runs(boxes, 0), 0))

    def filter(self, keep: Callable[[dict[str, Any]], bool]) -> CharPage:
        """The page with only the characters ``keep`` accepts (edges stay)."""
        chars = [char for char in self.chars if keep(char)]
        return CharPage(chars, self.edges, self.width, self.height, self.number)

    def extract_text_lines(self, strip: bool = True) -> list[dict[str, Any]]:
        """The page's text lines, top to bottom, grouped as the text path groups them."""
        boxes: list[CharBox] = [
            (c["text"], c["x0"], c["x1"], self.height - c["bottom"], self.height - c["top"])
            for c in sorted(self.chars, key=lambda c: c["order"])
        ]
        lines = build_lines(build_runs(boxes, self.number), self.number)
        return [
            {
                "text": line.text.strip() if strip else line.text,
                "x0": line.x0,
                "x1": line.x1,
                "top": self.height - line.y1,
                "bottom": self.height - line.y0,
            }
            for line in lines
        ]

    def close(self) -> None:
        """Nothing to release (pdfplumber pages are closed after use)."""


def _centre_y(char: dict[str, Any]) -> float:
    return (char["top"] + char["bottom"]) / 2  # type: ignore[no-any-return]


class RuledTable:
    """A table of cells found from ruling lines, its text taken from a :class:`CharPage`."""

    def __init__(self, cells: list[tuple[float, float, float, float]], page: CharPage) -> None:
        from pdfplumber.table import Table

        self._table = Table(page, cells)  # type: ignore[arg-type]
        self.page = page
        self.rows = self._table.rows
        self.bbox = self._table.bbox

    def extract(self) -> list[list[str | None]]:
        """Each row's cell texts (``None`` for a cell covered by a merged one)."""
        out: list[list[str | None]] = []
        for row in self.rows:
            row_chars = CharPage(self.page.inside(row.bbox), [], 0.0, self.page.height, 0)
            out.append(
                [
                    None if cell is None else self.page.text(row_chars.inside(cell))
                    for cell in row.cells
                ]
            )
        return out
