r"""The HTML reader: portal pages, saved pages and bare fragments into a Document.

Most reports are published as pages in a government portal's 政府信息公开年报 column, wrapped
in navigation, breadcrumbs, font-size and print widgets, share buttons and footers. The
reader finds the report inside the page and keeps the order of its paragraphs and tables:

1. Decode (:mod:`gikaireport.readers.html_encoding`) and parse with lxml's HTML parser.
2. Drop what is never content: scripts, styles, form controls, frames, hidden elements;
   and the page's ``nav``, ``aside``, ``header``, ``footer`` and ``form`` elements unless
   they hold the report (some sites wrap the whole page in one ``<form>``).
3. Classify tables: a *layout* table (a cell holds a table, a heading, long text, or the
   table has a single cell) is a box to look into, not data; a *metadata* table (索引号,
   发布机构, 发文日期 ...) is kept as a table and named in :attr:`Document.notes`.
4. Choose the report body: the smallest element holding most of the page's text outside
   links (70%), every table that looks like data (numbers, or long labels) and every short
   block numbered 一、二、三、 (section headings). The nearest title before it (an
   ``<h1>``-``<h3>`` or an element whose class names a title) and any metadata table
   outside it are kept too, in page order.
5. Walk the body: block elements and ``<br>`` end paragraphs; tables become cell grids with
   ``rowspan``/``colspan`` expanded for positions, each spanned cell emitted once at its
   first position (row and column in :class:`~gikaireport.model.Source` are grid positions).

Cell and paragraph text: ``<br>`` and block boundaries inside a cell become ``\n``; runs of
whitespace, ``&nbsp;`` (U+00A0) and U+3000 become one space. Reading is linear in the size
of the page, and nesting is bounded by the parser (256 levels).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from gikaireport.document import Block, Document, Paragraph, Table, TableCell
from gikaireport.errors import MissingDependencyError, ReadError
from gikaireport.model.cells import Source
from gikaireport.readers.html_encoding import decode_html
from gikaireport.readers.html_meta import page_properties
from gikaireport.readers.html_tables import SpanBudget, Spans, place_cells

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = ["read"]

# Never content: dropped with everything inside (their tails stay).
_ALWAYS_DROPPED = frozenset(
    {
        "head",
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "svg",
        "math",
        "canvas",
        "audio",
        "video",
        "map",
        "select",
        "textarea",
        "button",
        "input",
        "option",
        "datalist",
        "dialog",
        "link",
        "meta",
    }
)
# Page furniture, dropped unless it holds the report.
_FURNITURE = frozenset({"nav", "menu", "aside", "header", "footer", "form"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = _HEADINGS | frozenset(
    {
        "html",
        "body",
        "p",
        "div",
        "section",
        "article",
        "main",
        "center",
        "address",
        "blockquote",
        "pre",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "hr",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "fieldset",
        "legend",
        "details",
        "summary",
        "nav",
        "menu",
        "aside",
        "header",
        "footer",
        "form",
    }
)
# Containers the body search may descend into (never a paragraph or a data table).
_CONTAINERS = frozenset(
    {
        "html",
        "body",
        "div",
        "section",
        "article",
        "main",
        "center",
        "form",
        "header",
        "footer",
        "aside",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "font",
        "span",
    }
)
_SECTIONS = ("thead", "tbody", "tfoot")
_CELLS = frozenset({"td", "th"})

_BODY_SHARE = 0.7
"""The body holds at least this share of the page's text outside links."""
_LAYOUT_CELL_CHARS = 300
"""A table cell with more text than this is a page region, not a data cell."""
_HEADING_BLOCKS = _HEADINGS | frozenset({"p", "div", "li", "dt", "center"})
_HAN_NUMBER = "[一二三四五六七八九十]{1,3}"
_SECTION_NUMBER = re.compile(rf"{_HAN_NUMBER}\s*[、.．]|第{_HAN_NUMBER}部分")
_SECTION_HEADING_CHARS = 60
_SECTION_HEADING_ELEMENTS = 12
_TITLE_LEVELS = 3
"""How many levels above the body to look for the page's title."""
_TITLE_MAX_CHARS = 200
_SUBTITLE_MAX_CHARS = 30
_META_MAX_CHARS = 1000
# A table anchors the body when it looks like data: a few numbers and some labels (a
# calendar widget has numbers but almost no labels), or long labels (an unfilled part 三).
_ANCHOR_MIN_CJK = 20
_ANCHOR_MIN_NUMBERS = 5
_ANCHOR_LABELS = 150

_META_KEYS = (
    "索引号",
    "索引號",
    "主题分类",
    "主題分類",
    "发布机构",
    "發布機構",
    "发文机关",
    "發文機關",
    "发文日期",
    "發文日期",
    "成文日期",
    "发布日期",
    "發布日期",
    "生成日期",
    "文号",
    "文號",
    "公开方式",
    "公開方式",
    "公开范围",
    "公開範圍",
    "公开时限",
    "信息分类",
    "組配分類",
    "组配分类",
    "体裁分类",
    "主题词",
    "有效性",
)
"""Labels of a portal's metadata block; two of them mark a metadata table."""

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMERIC_CELL = re.compile(r"[\d０-９][\d０-９,，.．]*|[/／\-－—–―]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_TITLE_CLASS = re.compile(r"title|biaoti|headline|(?:^|[\s_-])(?:tit|bt)(?:$|[\s_-])", re.I)
_MARKUP = re.compile(r"<[A-Za-z!/?]")


def read(data: bytes, name: str) -> Document:
    """Read an HTML page or fragment into a :class:`~gikaireport.document.Document`.

    Raises :class:`~gikaireport.errors.ReadError` (or a subclass) when the bytes are not
    text or a table is too large to lay out; nothing else escapes.
    """
    text, how = decode_html(data, name)
    notes = [f"encoding: {how}"]
    if not _MARKUP.search(text):
        return Document(_plain_lines(text), path=name, format="html", notes=(*notes, "no markup"))
    root = _parse(text, name)
    if root is None:
        return Document((), path=name, format="html", notes=tuple(notes))
    page = _Page(root, name)
    blocks = page.read()
    return Document(
        tuple(blocks),
        path=name,
        format="html",
        notes=(*notes, *page.notes),
        figures=tuple(page.figures),
        properties=page_properties(root),
    )


def _parse(text: str, name: str) -> _Element | None:
    try:
        from lxml import etree
    except ImportError as exc:  # pragma: no cover - lxml is a dependency
        raise MissingDependencyError(name, "reading HTML needs lxml (pip install lxml)") from exc
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        collect_ids=False,
    )
    try:
        return etree.fromstring(text.encode("utf-8"), parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ReadError(name, f"not readable as HTML: {exc}") from exc


def _plain_lines(text: str) -> tuple[Block, ...]:
    """Read a file without any markup: one paragraph per non-empty line."""
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        cleaned = _clean(line)
        if cleaned:
            blocks.append(Paragraph(cleaned, Source(line=number)))
    return tuple(blocks)


def _clean(text: str) -> str:
    """Collapse whitespace (including no-break and ideographic spaces) and trim."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


def _hidden(element: _Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class _Page:
    """A parsed page with per-element facts, computed in linear passes over the tree.

    Elements are numbered in document order (preorder); facts live in lists indexed by
    that number so that no pass recurses (the tree may be 256 levels deep).
    """

    def __init__(self, root: _Element, name: str) -> None:
        self.name = name
        self.elements = [e for e in root.iter() if isinstance(e.tag, str)]
        index = {id(e): i for i, e in enumerate(self.elements)}
        self.tags = [str(e.tag).lower() for e in self.elements]
        self.parent = [index.get(id(e.getparent()), -1) for e in self.elements]
        self.hidden = [_hidden(e) for e in self.elements]
        self.in_link = [False] * len(self.elements)
        for i, p in enumerate(self.parent):
            self.in_link[i] = self.tags[i] == "a" or (p >= 0 and self.in_link[p])
        self.children: list[list[int]] = [[] for _ in self.elements]
        for i, p in enumerate(self.parent):
            if p >= 0:
                self.children[p].append(i)
        self.notes: list[str] = []
        self.blocks: list[Block] = []
        self.figures: list[Source] = []
        self.table_count = 0
        self.budget = SpanBudget(name)
        # paragraph under construction
        self.pieces: list[str] = []
        self.line: int | None = None
        self.heading: int | None = None
        self.preformatted = 0

    # -- facts ---------------------------------------------------------------------------

    def _drops(self, furniture: set[int]) -> list[bool]:
        """Which elements are dropped (with their subtrees), given the furniture to drop."""
        dropped = [False] * len(self.elements)
        for i, tag in enumerate(self.tags):
            p = self.parent[i]
            dropped[i] = (
                (p >= 0 and dropped[p])
                or tag in _ALWAYS_DROPPED
                or i in furniture
                or (self.hidden[i] and tag not in ("html", "body"))
            )
        return dropped

    def _measure(self, dropped: list[bool]) -> None:
        """Subtree facts bottom-up: text outside links, text length, tables and headings."""
        n = len(self.elements)
        in_link = self.in_link
        weight = [0] * n
        length = [0] * n
        size = [1] * n
        has_table = [False] * n
        has_heading = [False] * n
        structured = [False] * n  # holds a <br>, a block or a dropped element
        tags = self.tags
        for i in range(n - 1, -1, -1):
            element = self.elements[i]
            p = self.parent[i]
            if not dropped[i]:
                text = element.text
                if text:
                    length[i] += len(text.strip())
                    if not in_link[i]:
                        weight[i] += _cjk(text)
            if p < 0:
                continue
            size[p] += size[i]
            tag = tags[i]
            if structured[i] or dropped[i] or tag == "br" or tag in _BLOCKS:
                structured[p] = True
            if dropped[p]:
                continue
            tail = element.tail
            if tail:
                length[p] += len(tail.strip())
                if not in_link[p]:
                    weight[p] += _cjk(tail)
            if not dropped[i]:
                weight[p] += weight[i]
                length[p] += length[i]
                has_table[p] = has_table[p] or has_table[i] or tag == "table"
                has_heading[p] = has_heading[p] or has_heading[i] or tag in _HEADINGS
        self.dropped = dropped
        self.weight = weight
        self.length = length
        self.size = size
        self.has_table = has_table
        self.has_heading = has_heading
        self.structured = structured
        self.cell_texts: dict[int, str] = {}

    def _rows(self, table: int) -> list[list[int]]:
        """List a table's own rows by section (head, bodies, foot) as ``tr`` indices."""
        head: list[int] = []
        foot: list[int] = []
        bodies: list[list[int]] = []
        bare: list[int] | None = None  # a run of rows outside any section is one section
        for child in self.children[table]:
            if self.dropped[child]:
                continue
            tag = self.tags[child]
            if tag == "tr":
                if bare is None:
                    bare = []
                    bodies.append(bare)
                bare.append(child)
                continue
            if tag not in _SECTIONS:
                continue
            bare = None
            rows = [r for r in self.children[child] if self.tags[r] == "tr" and not self.dropped[r]]
            if tag == "thead":
                head += rows
            elif tag == "tfoot":
                foot += rows
            else:
                bodies.append(rows)
        return [section for section in (head, *bodies, foot) if section]

    def _cells(self, row: int) -> list[int]:
        return [c for c in self.children[row] if self.tags[c] in _CELLS and not self.dropped[c]]

    def _text(self, i: int) -> str:
        if self.length[i] == 0:
            return ""
        return "".join(t for t in self.elements[i].itertext() if isinstance(t, str))

    def _classify_tables(self) -> None:
        """Sort tables into layout, metadata and data; find the data that anchors the body."""
        self.layout: set[int] = set()
        self.meta: set[int] = set()
        self.anchors: list[int] = []
        for i, tag in enumerate(self.tags):
            if tag != "table" or self.dropped[i]:
                continue
            sections = self._rows(i)
            cells = [c for section in sections for row in section for c in self._cells(row)]
            if (
                self.has_table[i]
                or self.has_heading[i]
                or len(cells) <= 1
                or any(self.length[c] > _LAYOUT_CELL_CHARS for c in cells)
            ):
                self.layout.add(i)
                continue
            if self.length[i] <= _META_MAX_CHARS:
                text = _SPACES.sub("", self._text(i))
                if sum(key in text for key in _META_KEYS) >= 2:
                    self.meta.add(i)
                    continue
            numeric = sum(
                1
                for c in cells
                if 0 < self.length[c] <= 24 and _NUMERIC_CELL.fullmatch(self._cell_text(c))
            )
            rows = sum(len(section) for section in sections)
            if (
                rows >= 2
                and self.weight[i] >= _ANCHOR_MIN_CJK
                and (
                    numeric >= _ANCHOR_MIN_NUMBERS
                    or (self.weight[i] >= _ANCHOR_LABELS and rows >= 3)
                )
            ):
                self.anchors.append(i)

    def _furniture(self) -> set[int]:
        """Furniture elements to drop: those not holding most of the text or a data table."""
        anchored = [False] * len(self.elements)
        for anchor in self.anchors:
            p = anchor
            while p >= 0 and not anchored[p]:
                anchored[p] = True
                p = self.parent[p]
        total = self.weight[0]
        furniture: set[int] = set()
        for i, tag in enumerate(self.tags):
            if tag not in _FURNITURE or self.dropped[i] or anchored[i]:
                continue
            if self.weight[i] >= 0.5 * total:
                continue
            if tag == "header" and self._inside(i, ("article", "main")):
                continue
            furniture.add(i)
        return furniture

    def _inside(self, i: int, tags: tuple[str, ...]) -> bool:
        p = self.parent[i]
        while p >= 0:
            if self.tags[p] in tags:
                return True
            p = self.parent[p]
        return False

    # -- the body ------------------------------------------------------------------------

    def _body(self) -> int:
        """Find the element holding the report."""
        start = next((i for i, tag in enumerate(self.tags) if tag == "body"), 0)
        total = self.weight[start]
        node = start
        while total > 0:
            child = next(
                (
                    c
                    for c in self.children[node]
                    if not self.dropped[c]
                    and self.tags[c] in _CONTAINERS
                    and (self.tags[c] != "table" or c in self.layout)
                    and self.weight[c] >= _BODY_SHARE * total
                ),
                None,
            )
            if child is None:
                break
            node = child
        return self._common_ancestor([node, *self.anchors, *self._section_headings()])

    def _section_headings(self) -> list[int]:
        """Short blocks numbered 一、二、三、 (the sections of an official document).

        The body must hold all of them: a report split over sibling containers (the preamble
        and part 一 in one, the tables in another) is then kept whole.
        """
        found = []
        for i, tag in enumerate(self.tags):
            if (
                tag in _HEADING_BLOCKS
                and 0 < self.length[i] <= _SECTION_HEADING_CHARS
                and self.size[i] <= _SECTION_HEADING_ELEMENTS
                and not self.dropped[i]
                and not self.in_link[i]
                and _SECTION_NUMBER.match(_clean(self._text(i)))
            ):
                found.append(i)
        return found

    def _common_ancestor(self, nodes: list[int]) -> int:
        chain: dict[int, int] = {}
        p = nodes[0]
        while p >= 0:
            chain[p] = len(chain)
            p = self.parent[p]
        highest = 0
        for node in nodes[1:]:
            p = node
            while p not in chain:
                p = self.parent[p]
            highest = max(highest, chain[p])
        return next(node for node, position in chain.items() if position == highest)

    def _within(self, i: int, ancestor: int) -> bool:
        return ancestor <= i < ancestor + self.size[ancestor]

    def _title(self, body: int) -> int | None:
        """Find the nearest title-like element before the body, a few levels above it."""
        ancestors = set()
        p = self.parent[body]
        while p >= 0:
            ancestors.add(p)
            p = self.parent[p]
        in_meta = [False] * len(self.elements)
        for i, p in enumerate(self.parent):
            in_meta[i] = i in self.meta or (p >= 0 and in_meta[p])
        # the search ends at the ancestor a few levels up (at most the page's <body>)
        limit = body
        for _ in range(_TITLE_LEVELS):
            parent = self.parent[limit]
            if parent < 0 or self.tags[parent] == "html":
                break
            limit = parent
        for i in range(body - 1, limit, -1):
            skip = i in ancestors or self.dropped[i] or self.in_link[i] or in_meta[i]
            if not skip and self._title_like(i):
                return i
        return None

    def _title_like(self, i: int) -> bool:
        if self.weight[i] < 4 or self.length[i] > _TITLE_MAX_CHARS:
            return False
        if self.tags[i] in ("h1", "h2", "h3"):
            return True
        if self.tags[i] not in ("div", "p", "td", "span", "strong", "font", "h4", "h5", "h6"):
            return False
        classes = f"{self.elements[i].get('class') or ''} {self.elements[i].get('id') or ''}"
        return bool(_TITLE_CLASS.search(classes))

    def _subtitles(self, title: int, body: int) -> list[int]:
        """Short plain lines between the title and the body (the agency, a subtitle).

        Only leaf elements with a few characters of text, no links and no digits (a page's
        date and counter line is left to :mod:`gikaireport.readers.html_meta`).
        """
        found: list[int] = []
        for i in range(title + self.size[title], min(body, title + 200)):
            if self.dropped[i] or self.in_link[i] or self.children[i] or self._within(body, i):
                continue
            text = _clean(self._text(i))
            if 2 <= len(text) <= _SUBTITLE_MAX_CHARS and not re.search(r"\d", text):
                found.append(i)
        return found[:3]

    def read(self) -> list[Block]:
        """Find the report in the page and return its blocks in order."""
        self._measure(self._drops(set()))
        self._classify_tables()
        furniture = self._furniture()
        if furniture:
            self._measure(self._drops(furniture))
            self._classify_tables()
        body = self._body()
        kept = [body]
        if self.tags[body] not in ("html", "body"):
            self.notes.append(f"report body: <{self._describe(body)}> at line {self._line(body)}")
            title = self._title(body)
            if title is not None:
                kept.append(title)
                kept += self._subtitles(title, body)
            kept += [t for t in self.meta if not self._within(t, body)]
        for start in sorted(kept):
            if start == body:
                self._walk(start)
            elif start in self.meta:
                self._table(start)
            else:
                self._walk(start, heading=_heading_level(self.tags[start]) or 1)
        return self.blocks

    def _describe(self, i: int) -> str:
        element = self.elements[i]
        described = self.tags[i]
        for attribute in ("id", "class"):
            value = element.get(attribute)
            if value:
                described += f' {attribute}="{value[:40]}"'
        return described

    def _line(self, i: int) -> int | None:
        line = self.elements[i].sourceline
        return line if isinstance(line, int) else None

    # -- paragraphs ----------------------------------------------------------------------

    def _add(self, text: str | None, line: int | None) -> None:
        if not text:
            return
        if self.preformatted:
            first, *rest = text.split("\n")
            self._add_piece(first, line)
            for piece in rest:
                self._flush()
                self._add_piece(piece, line)
        else:
            self._add_piece(text, line)

    def _add_piece(self, text: str, line: int | None) -> None:
        if self.line is None and text.strip():
            self.line = line
        self.pieces.append(text)

    def _flush(self) -> None:
        text = _clean("".join(self.pieces))
        if text:
            self.blocks.append(Paragraph(text, Source(line=self.line), heading_level=self.heading))
        self.pieces = []
        self.line = None

    def _walk(self, start: int, heading: int | None = None) -> None:
        """Emit the paragraphs and tables of an element's subtree, in order."""
        self.heading = heading
        stack: list[tuple[int, bool]] = [(start, False)]
        while stack:
            i, leaving = stack.pop()
            element = self.elements[i]
            tag = self.tags[i]
            line = self._line(i)
            if leaving:
                if tag in _BLOCKS:
                    self._flush()
                if tag in _HEADINGS:
                    self.heading = heading
                if tag == "pre":
                    self.preformatted -= 1
                if i != start:
                    self._add(element.tail, line)
                continue
            if self.dropped[i] or tag == "br":
                if tag == "br":
                    self._flush()
                if i != start:
                    self._add(element.tail, line)
                continue
            if tag == "table" and i not in self.layout:
                self._flush()
                self._table(i)
                if i != start:
                    self._add(element.tail, line)
                continue
            if tag == "img":
                self.figures.append(Source(line=line))
            if tag in _BLOCKS:
                self._flush()
            if tag in _HEADINGS:
                self.heading = _heading_level(tag)
            if tag == "pre":
                self.preformatted += 1
            self._add(element.text, line)
            stack.append((i, True))
            stack.extend((c, False) for c in reversed(self.children[i]))
        self._flush()
        self.heading = None

    # -- tables --------------------------------------------------------------------------

    def _table(self, table: int) -> None:
        """Emit a data table: its caption as a paragraph, then its cell grid."""
        for child in self.children[table]:
            if self.tags[child] == "caption" and not self.dropped[child]:
                self._walk(child)
        grid = [(r, row) for r, row in self._grid(table) if row]
        if not grid:
            return
        self.table_count += 1
        number = self.table_count
        rows = tuple(
            tuple(
                TableCell(
                    self._cell_text(cell),
                    Source(line=self._line(cell), table=number, row=r + 1, column=c + 1),
                )
                for c, cell in row
            )
            for r, row in grid
        )
        self.blocks.append(Table(rows, Source(line=self._line(table), table=number)))
        if table in self.meta:
            self.notes.append(f"table {number}: the page's metadata (索引号, 发布机构 ...)")

    def _grid(self, table: int) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        """Each row's cells at their 0-based grid row and column (see :func:`place_cells`)."""
        sections = self._rows(table)
        cells = [[self._cells(tr) for tr in section] for section in sections]
        spans = [
            [
                None if self._is_spacer(tr) else [self._spans(cell) for cell in row_cells]
                for tr, row_cells in zip(section, section_cells, strict=True)
            ]
            for section, section_cells in zip(sections, cells, strict=True)
        ]
        rows = [row_cells for section_cells in cells for row_cells in section_cells]
        for r, placed in place_cells(spans, self.budget):
            yield r, [(column, rows[r][position]) for column, position in placed]

    def _spans(self, cell: int) -> Spans:
        get = self.elements[cell].get
        return get("colspan"), get("rowspan")

    def _is_spacer(self, tr: int) -> bool:
        """Word's zero-height row that only carries column widths."""
        return self.elements[tr].get("height") == "0" and self.length[tr] == 0

    def _cell_text(self, cell: int) -> str:
        """Join a cell's text: lines from ``<br>`` and blocks, whitespace collapsed."""
        lines: list[str] = []
        pieces: list[str] = []

        def end_line() -> None:
            text = _clean("".join(pieces))
            if text:
                lines.append(text)
            pieces.clear()

        cached = self.cell_texts.get(cell)
        if cached is not None:
            return cached
        if not self.structured[cell]:  # the common case: text, maybe in inline elements
            element = self.elements[cell]
            if len(element):
                text = _clean("".join(t for t in element.itertext() if isinstance(t, str)))
            else:
                text = _clean(element.text or "")
            self.cell_texts[cell] = text
            return text
        stack: list[tuple[int, bool]] = [(cell, False)]
        while stack:
            i, leaving = stack.pop()
            element = self.elements[i]
            tag = self.tags[i]
            if leaving:
                if tag in _BLOCKS:
                    end_line()
                if i != cell and element.tail:
                    pieces.append(element.tail)
                continue
            if self.dropped[i] or tag == "br":
                if tag == "br":
                    end_line()
                if i != cell and element.tail:
                    pieces.append(element.tail)
                continue
            if tag in _BLOCKS:
                end_line()
            if element.text:
                pieces.append(element.text)
            stack.append((i, True))
            stack.extend((c, False) for c in reversed(self.children[i]))
        end_line()
        text = "\n".join(lines)
        self.cell_texts[cell] = text
        return text


def _heading_level(tag: str) -> int | None:
    return int(tag[1]) if tag in _HEADINGS else None
