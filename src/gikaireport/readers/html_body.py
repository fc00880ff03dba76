"""Finding the report inside a portal page.

A report published in a portal's 政府信息公开年报 column sits among navigation, widgets and
footers. On the facts of a :class:`~gikaireport.readers.html_tree.PageTree`:

1. Tables are sorted into *layout* (a cell holds a table, a heading, long text, or the table
   has a single cell: a box to look into, not data), *metadata* (索引号, 发布机构,
   发文日期 ...: kept as a table) and data; a data table with numbers, or long labels,
   *anchors* the body.
2. The page's ``nav``, ``menu``, ``aside``, ``header``, ``footer`` and ``form`` elements are
   furniture, dropped unless they hold half the text or an anchoring table (some sites wrap
   the whole page in one ``<form>``).
3. The body is the smallest element holding most of the page's text outside links (70%),
   every anchoring table and every short block numbered 一、二、三、 (section headings).
4. The nearest title before it (an ``<h1>``-``<h3>`` or an element whose class names a
   title), a few short lines between the title and the body, and any metadata table outside
   it are kept too, in page order.
"""

from __future__ import annotations

import re

import attrs

from gikaireport.lexicon import HAN_DIGITS, is_value
from gikaireport.readers.html_tree import (
    FURNITURE,
    HEADINGS,
    REGIONS,
    TABLE_PARTS,
    PageTree,
    clean,
    squeeze,
)

__all__: list[str] = []

# Containers the body search may descend into (never a paragraph or a data table).
_CONTAINERS = REGIONS | TABLE_PARTS | (FURNITURE - {"nav", "menu"}) | {"font", "span"}

_BODY_SHARE = 0.7
"""The body holds at least this share of the page's text outside links."""
_LAYOUT_CELL_CHARS = 300
"""A table cell with more text than this is a page region, not a data cell."""
_HEADING_BLOCKS = HEADINGS | frozenset({"p", "div", "li", "dt", "center"})
_HAN_NUMBER = f"[{HAN_DIGITS}]{{1,3}}"
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

_TITLE_CLASS = re.compile(r"title|biaoti|headline|(?:^|[\s_-])(?:tit|bt)(?:$|[\s_-])", re.I)


@attrs.frozen
class TableKinds:
    """The page's tables by kind, as element numbers."""

    layout: frozenset[int]
    """Boxes of the page's layout, looked into rather than read as data."""
    meta: frozenset[int]
    """The page's metadata tables (索引号, 发布机构 ...)."""
    anchors: tuple[int, ...]
    """Data tables the body must hold."""


@attrs.frozen
class ReportPlace:
    """Where the report is on the page."""

    body: int
    """The element holding the report."""
    tables: TableKinds
    starts: tuple[int, ...]
    """The elements to read, in page order: the body, its title and subtitles, metadata."""
    note: str | None
    """What the body is, when it is not the whole page."""


def find_report(tree: PageTree) -> ReportPlace:
    """Find the report on the page; drop the furniture around it (re-measuring ``tree``)."""
    tables = _classify_tables(tree)
    furniture = _furniture(tree, tables)
    if furniture:
        tree.measure(furniture)
        tables = _classify_tables(tree)
    body = _body(tree, tables)
    if tree.tags[body] in ("html", "body"):
        return ReportPlace(body, tables, (body,), None)
    kept = [body]
    title = _title(tree, body, tables.meta)
    if title is not None:
        kept.append(title)
        kept += _subtitles(tree, title, body)
    kept += [t for t in tables.meta if not tree.within(t, body)]
    note = f"report body: <{tree.describe(body)}> at line {tree.line(body)}"
    return ReportPlace(body, tables, tuple(sorted(kept)), note)


def _classify_tables(tree: PageTree) -> TableKinds:
    """Sort tables into layout, metadata and data; find the data that anchors the body."""
    layout: set[int] = set()
    meta: set[int] = set()
    anchors: list[int] = []
    for i, tag in enumerate(tree.tags):
        if tag != "table" or tree.dropped[i]:
            continue
        sections = tree.rows(i)
        cells = [c for section in sections for row in section for c in tree.cells(row)]
        if (
            tree.has_table[i]
            or tree.has_heading[i]
            or len(cells) <= 1
            or any(tree.length[c] > _LAYOUT_CELL_CHARS for c in cells)
        ):
            layout.add(i)
        elif _is_metadata(tree, i):
            meta.add(i)
        elif _is_anchor(tree, i, cells, sum(len(section) for section in sections)):
            anchors.append(i)
    return TableKinds(frozenset(layout), frozenset(meta), tuple(anchors))


def _is_metadata(tree: PageTree, table: int) -> bool:
    if tree.length[table] > _META_MAX_CHARS:
        return False
    text = squeeze(tree.text(table))
    return sum(key in text for key in _META_KEYS) >= 2


def _is_anchor(tree: PageTree, table: int, cells: list[int], rows: int) -> bool:
    """Whether a data table looks like the report's: numbers among labels, or long labels."""
    numeric = sum(1 for c in cells if 0 < tree.length[c] <= 24 and is_value(tree.cell_text(c)))
    return (
        rows >= 2
        and tree.weight[table] >= _ANCHOR_MIN_CJK
        and (numeric >= _ANCHOR_MIN_NUMBERS or (tree.weight[table] >= _ANCHOR_LABELS and rows >= 3))
    )


def _furniture(tree: PageTree, tables: TableKinds) -> set[int]:
    """Furniture elements to drop: those not holding most of the text or a data table."""
    anchored = [False] * len(tree.elements)
    for anchor in tables.anchors:
        p = anchor
        while p >= 0 and not anchored[p]:
            anchored[p] = True
            p = tree.parent[p]
    total = tree.weight[0]
    furniture: set[int] = set()
    for i, tag in enumerate(tree.tags):
        if tag not in FURNITURE or tree.dropped[i] or anchored[i]:
            continue
        if tree.weight[i] >= 0.5 * total:
            continue
        if tag == "header" and tree.inside(i, ("article", "main")):
            continue
        furniture.add(i)
    return furniture


def _body(tree: PageTree, tables: TableKinds) -> int:
    """Find the element holding the report."""
    start = next((i for i, tag in enumerate(tree.tags) if tag == "body"), 0)
    total = tree.weight[start]
    node = start
    while total > 0:
        child = next(
            (
                c
                for c in tree.children[node]
                if not tree.dropped[c]
                and tree.tags[c] in _CONTAINERS
                and (tree.tags[c] != "table" or c in tables.layout)
                and tree.weight[c] >= _BODY_SHARE * total
            ),
            None,
        )
        if child is None:
            break
        node = child
    return _common_ancestor(tree, [node, *tables.anchors, *_section_headings(tree)])


def _section_headings(tree: PageTree) -> list[int]:
    """Short blocks numbered 一、二、三、 (the sections of an official document).

    The body must hold all of them: a report split over sibling containers (the preamble
    and part 一 in one, the tables in another) is then kept whole.
    """
    found = []
    for i, tag in enumerate(tree.tags):
        if (
            tag in _HEADING_BLOCKS
            and 0 < tree.length[i] <= _SECTION_HEADING_CHARS
            and tree.size[i] <= _SECTION_HEADING_ELEMENTS
            and not tree.dropped[i]
            and not tree.in_link[i]
            and _SECTION_NUMBER.match(clean(tree.text(i)))
        ):
            found.append(i)
    return found


def _common_ancestor(tree: PageTree, nodes: list[int]) -> int:
    chain: dict[int, int] = {}
    p = nodes[0]
    while p >= 0:
        chain[p] = len(chain)
        p = tree.parent[p]
    highest = 0
    for node in nodes[1:]:
        p = node
        while p not in chain:
            p = tree.parent[p]
        highest = max(highest, chain[p])
    return next(node for node, position in chain.items() if position == highest)


def _title(tree: PageTree, body: int, meta: frozenset[int]) -> int | None:
    """Find the nearest title-like element before the body, a few levels above it."""
    ancestors = set()
    p = tree.parent[body]
    while p >= 0:
        ancestors.add(p)
        p = tree.parent[p]
    in_meta = [False] * len(tree.elements)
    for i, p in enumerate(tree.parent):
        in_meta[i] = i in meta or (p >= 0 and in_meta[p])
    # the search ends at the ancestor a few levels up (at most the page's <body>)
    limit = body
    for _ in range(_TITLE_LEVELS):
        parent = tree.parent[limit]
        if parent < 0 or tree.tags[parent] == "html":
            break
        limit = parent
    for i in range(body - 1, limit, -1):
        skip = i in ancestors or tree.dropped[i] or tree.in_link[i] or in_meta[i]
        if not skip and _title_like(tree, i):
            return i
    return None


def _title_like(tree: PageTree, i: int) -> bool:
    if tree.weight[i] < 4 or tree.length[i] > _TITLE_MAX_CHARS:
        return False
    if tree.tags[i] in ("h1", "h2", "h3"):
        return True
    if tree.tags[i] not in ("div", "p", "td", "span", "strong", "font", "h4", "h5", "h6"):
        return False
    classes = f"{tree.elements[i].get('class') or ''} {tree.elements[i].get('id') or ''}"
    return bool(_TITLE_CLASS.search(classes))


def _subtitles(tree: PageTree, title: int, body: int) -> list[int]:
    """Short plain lines between the title and the body (the agency, a subtitle).

    Only leaf elements with a few characters of text, no links and no digits (a page's
    date and counter line is left to :mod:`gikaireport.readers.html_meta`).
    """
    found: list[int] = []
    for i in range(title + tree.size[title], min(body, title + 200)):
        if tree.dropped[i] or tree.in_link[i] or tree.children[i] or tree.within(body, i):
            continue
        text = clean(tree.text(i))
        if 2 <= len(text) <= _SUBTITLE_MAX_CHARS and not re.search(r"\d", text):
            found.append(i)
    return found[:3]
