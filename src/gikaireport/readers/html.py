r"""The HTML reader: portal pages, saved pages and bare fragments into a Document.

Most reports are published as pages in a government portal's 政府信息公开年报 column, wrapped
in navigation, breadcrumbs, font-size and print widgets, share buttons and footers. The
reader finds the report inside the page and keeps the order of its paragraphs and tables:

1. Decode (:mod:`gikaireport.readers.html_encoding`) and parse with lxml's HTML parser.
2. Number the elements and compute their facts (:mod:`gikaireport.readers.html_tree`):
   what is never content (scripts, styles, form controls, frames, hidden elements), how much
   text each subtree holds, the rows and cells of tables.
3. Find the report (:mod:`gikaireport.readers.html_body`): classify tables into layout,
   metadata and data, drop the page's furniture, choose the body and the title before it.
4. Write the blocks (:mod:`gikaireport.readers.html_blocks`): paragraphs, and tables as cell
   grids laid out by :mod:`gikaireport.readers.html_tables`; the page's own title and date
   come from :mod:`gikaireport.readers.html_meta`.

Cell and paragraph text: ``<br>`` and block boundaries inside a cell become ``\n``; runs of
whitespace, ``&nbsp;`` (U+00A0) and U+3000 become one space. Reading is linear in the size
of the page, and nesting is bounded by the parser (256 levels).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from gikaireport.document import Block, Document, Paragraph
from gikaireport.errors import MissingDependencyError, ReadError
from gikaireport.model.cells import Source
from gikaireport.readers.html_blocks import BlockWriter
from gikaireport.readers.html_body import find_report
from gikaireport.readers.html_encoding import decode_html
from gikaireport.readers.html_meta import page_properties
from gikaireport.readers.html_tree import PageTree, clean

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__: list[str] = []

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
    tree = PageTree(root)
    place = find_report(tree)
    if place.note:
        notes.append(place.note)
    writer = BlockWriter(tree, place.tables, name)
    for start in place.starts:
        writer.write(start, place.body)
    return Document(
        tuple(writer.blocks),
        path=name,
        format="html",
        notes=(*notes, *writer.notes),
        figures=tuple(writer.figures),
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
        cleaned = clean(line)
        if cleaned:
            blocks.append(Paragraph(cleaned, Source(line=number)))
    return tuple(blocks)
