"""Facts about a parsed HTML page's elements, computed in linear passes over the tree.

Elements are numbered in document order (preorder); facts live in lists indexed by that
number so that no pass recurses (the tree may be 256 levels deep). :class:`PageTree` knows
which elements are dropped (never content, hidden, or page furniture), how much text each
subtree holds, a table's rows and cells, and a cell's text. Which element holds the report
is decided by :mod:`gikaireport.readers.html_body`; the blocks are written by
:mod:`gikaireport.readers.html_blocks`.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import TYPE_CHECKING

from gikaireport.readers.html_tables import Spans

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__: list[str] = []

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
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
FURNITURE = frozenset({"nav", "menu", "aside", "header", "footer", "form"})
"""Page furniture: dropped unless it holds the report (see :mod:`.html_body`)."""
REGIONS = frozenset({"html", "body", "div", "section", "article", "main", "center"})
"""Elements that divide a page into regions."""
TABLE_PARTS = frozenset({"table", "thead", "tbody", "tfoot", "tr", "td", "th"})
BLOCKS = (
    HEADINGS
    | REGIONS
    | TABLE_PARTS
    | FURNITURE
    | frozenset(
        {
            "p",
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
            "caption",
            "fieldset",
            "legend",
            "details",
            "summary",
        }
    )
)
"""Elements that end a paragraph (or a line of a cell) where they start and end."""
_SECTIONS = ("thead", "tbody", "tfoot")
_CELLS = frozenset({"td", "th"})

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
"""White space: ``\\s`` in a ``str`` pattern includes U+00A0, U+3000 and the other spaces."""
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str) -> str:
    """Collapse whitespace (including no-break and ideographic spaces) and trim."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def squeeze(text: str) -> str:
    """Remove all whitespace (to search a block's text for labels)."""
    return _SPACES.sub("", text)


def heading_level(tag: str) -> int | None:
    """The level of a heading element (``h2`` is 2), ``None`` for any other tag."""
    return int(tag[1]) if tag in HEADINGS else None


def _cjk(text: str | None) -> int:
    return len(_CJK.findall(text)) if text else 0


def _hidden(element: _Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


class PageTree:
    """A parsed page with per-element facts.

    Structure (``elements``, ``tags``, ``parent``, ``children``, ``in_link``) never changes;
    the subtree facts (``dropped``, ``weight``: Han characters outside links, ``length``:
    characters of text, ``size``: elements, ``has_table``, ``has_heading``, ``structured``:
    holds a ``<br>``, a block or a dropped element) are computed by :meth:`measure` for a
    given set of furniture elements to drop.
    """

    def __init__(self, root: _Element) -> None:
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
        self.measure(frozenset())

    def _drops(self, furniture: Collection[int]) -> list[bool]:
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

    def measure(self, furniture: Collection[int]) -> None:
        """Subtree facts bottom-up: text outside links, text length, tables and headings."""
        n = len(self.elements)
        self.dropped = dropped = self._drops(furniture)
        self.weight = weight = [0] * n
        self.length = length = [0] * n
        self.size = size = [1] * n
        self.has_table = has_table = [False] * n
        self.has_heading = has_heading = [False] * n
        self.structured = structured = [False] * n
        self.cell_texts: dict[int, str] = {}
        in_link = self.in_link
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
            if structured[i] or dropped[i] or tag == "br" or tag in BLOCKS:
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
                has_heading[p] = has_heading[p] or has_heading[i] or tag in HEADINGS

    # -- positions -----------------------------------------------------------------------

    def within(self, i: int, ancestor: int) -> bool:
        """Whether element ``i`` is ``ancestor`` or inside it."""
        return ancestor <= i < ancestor + self.size[ancestor]

    def inside(self, i: int, tags: tuple[str, ...]) -> bool:
        """Whether an ancestor of element ``i`` has one of ``tags``."""
        p = self.parent[i]
        while p >= 0:
            if self.tags[p] in tags:
                return True
            p = self.parent[p]
        return False

    def line(self, i: int) -> int | None:
        """The source line an element starts on, when the parser knows it."""
        line = self.elements[i].sourceline
        return line if isinstance(line, int) else None

    def describe(self, i: int) -> str:
        """An element's tag with its ``id`` and ``class`` (for a note)."""
        element = self.elements[i]
        described = self.tags[i]
        for attribute in ("id", "class"):
            value = element.get(attribute)
            if value:
                described += f' {attribute}="{value[:40]}"'
        return described

    # -- tables --------------------------------------------------------------------------

    def rows(self, table: int) -> list[list[int]]:
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

    def cells(self, row: int) -> list[int]:
        """A row's ``td`` and ``th`` cells, those not dropped."""
        return [c for c in self.children[row] if self.tags[c] in _CELLS and not self.dropped[c]]

    def spans(self, cell: int) -> Spans:
        """A cell's ``colspan`` and ``rowspan`` attributes."""
        get = self.elements[cell].get
        return get("colspan"), get("rowspan")

    def is_spacer(self, tr: int) -> bool:
        """Word's zero-height row that only carries column widths."""
        return self.elements[tr].get("height") == "0" and self.length[tr] == 0

    # -- text ----------------------------------------------------------------------------

    def text(self, i: int) -> str:
        """An element's text, as the parser has it (dropped descendants included)."""
        if self.length[i] == 0:
            return ""
        return "".join(t for t in self.elements[i].itertext() if isinstance(t, str))

    def cell_text(self, cell: int) -> str:
        """Join a cell's text: lines from ``<br>`` and blocks, whitespace collapsed."""
        cached = self.cell_texts.get(cell)
        if cached is not None:
            return cached
        if self.structured[cell]:
            text = "\n".join(self._cell_lines(cell))
        else:  # the common case: text, maybe in inline elements
            element = self.elements[cell]
            if len(element):
                text = clean("".join(t for t in element.itertext() if isinstance(t, str)))
            else:
                text = clean(element.text or "")
        self.cell_texts[cell] = text
        return text

    def _cell_lines(self, cell: int) -> list[str]:
        """The lines of a cell holding ``<br>``, blocks or dropped elements."""
        lines: list[str] = []
        pieces: list[str] = []

        def end_line() -> None:
            text = clean("".join(pieces))
            if text:
                lines.append(text)
            pieces.clear()

        stack: list[tuple[int, bool]] = [(cell, False)]
        while stack:
            i, leaving = stack.pop()
            element = self.elements[i]
            tag = self.tags[i]
            if leaving or self.dropped[i] or tag == "br":
                ends_line = tag in BLOCKS if leaving else tag == "br"
                if ends_line:
                    end_line()
                if i != cell and element.tail:
                    pieces.append(element.tail)
                continue
            if tag in BLOCKS:
                end_line()
            if element.text:
                pieces.append(element.text)
            stack.append((i, True))
            stack.extend((c, False) for c in reversed(self.children[i]))
        end_line()
        return lines
