r"""Writing the blocks of a page's report: paragraphs and tables, in page order.

Block elements and ``<br>`` end paragraphs (inside ``<pre>`` every line does); headings
carry their level. A data table becomes a cell grid with ``rowspan``/``colspan`` expanded
for positions (:mod:`gikaireport.readers.html_tables`), each spanned cell emitted once at
its first position: row and column in :class:`~gikaireport.model.Source` are grid
positions. Layout tables are walked like any other container.
"""

from __future__ import annotations

from collections.abc import Iterator

from gikaireport.document import Block, Paragraph, Table, TableCell
from gikaireport.model.cells import Source
from gikaireport.readers.html_body import TableKinds
from gikaireport.readers.html_tables import SpanBudget, place_cells
from gikaireport.readers.html_tree import BLOCKS, HEADINGS, PageTree, clean, heading_level

__all__: list[str] = []


class BlockWriter:
    """Emit the blocks of chosen parts of a :class:`PageTree`, collecting notes and figures."""

    def __init__(self, tree: PageTree, tables: TableKinds, name: str) -> None:
        self.tree = tree
        self.tables = tables
        self.blocks: list[Block] = []
        self.notes: list[str] = []
        self.figures: list[Source] = []
        self.table_count = 0
        self.budget = SpanBudget(name)
        # the paragraph under construction
        self.pieces: list[str] = []
        self.line: int | None = None
        self.heading: int | None = None
        self.preformatted = 0

    def write(self, start: int, body: int) -> None:
        """Emit one part of the page: the body, a metadata table, or a title line."""
        if start == body:
            self.walk(start)
        elif start in self.tables.meta:
            self.table(start)
        else:
            self.walk(start, heading=heading_level(self.tree.tags[start]) or 1)

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
        text = clean("".join(self.pieces))
        if text:
            self.blocks.append(Paragraph(text, Source(line=self.line), heading_level=self.heading))
        self.pieces = []
        self.line = None

    def walk(self, start: int, heading: int | None = None) -> None:
        """Emit the paragraphs and tables of an element's subtree, in order."""
        tree = self.tree
        self.heading = heading
        stack: list[tuple[int, bool]] = [(start, False)]
        while stack:
            i, leaving = stack.pop()
            tag = tree.tags[i]
            if leaving:
                self._leave(tag, heading)
            elif tree.dropped[i] or tag == "br":
                if tag == "br":
                    self._flush()
            elif tag == "table" and i not in self.tables.layout:
                self._flush()
                self.table(i)
            else:
                self._enter(i)
                stack.append((i, True))
                stack.extend((c, False) for c in reversed(tree.children[i]))
                continue
            if i != start:
                self._add(tree.elements[i].tail, tree.line(i))
        self._flush()
        self.heading = None

    def _enter(self, i: int) -> None:
        """Start an element: end the paragraph at a block, add the element's own text."""
        tag = self.tree.tags[i]
        if tag == "img":
            self.figures.append(Source(line=self.tree.line(i)))
        if tag in BLOCKS:
            self._flush()
        if tag in HEADINGS:
            self.heading = heading_level(tag)
        if tag == "pre":
            self.preformatted += 1
        self._add(self.tree.elements[i].text, self.tree.line(i))

    def _leave(self, tag: str, heading: int | None) -> None:
        """End an element: end the paragraph at a block, restore the heading level."""
        if tag in BLOCKS:
            self._flush()
        if tag in HEADINGS:
            self.heading = heading
        if tag == "pre":
            self.preformatted -= 1

    # -- tables --------------------------------------------------------------------------

    def table(self, table: int) -> None:
        """Emit a data table: its caption as a paragraph, then its cell grid."""
        tree = self.tree
        for child in tree.children[table]:
            if tree.tags[child] == "caption" and not tree.dropped[child]:
                self.walk(child)
        grid = [(r, row) for r, row in self._grid(table) if row]
        if not grid:
            return
        self.table_count += 1
        number = self.table_count
        rows = tuple(
            tuple(
                TableCell(
                    tree.cell_text(cell),
                    Source(line=tree.line(cell), table=number, row=r + 1, column=c + 1),
                )
                for c, cell in row
            )
            for r, row in grid
        )
        self.blocks.append(Table(rows, Source(line=tree.line(table), table=number)))
        if table in self.tables.meta:
            self.notes.append(f"table {number}: the page's metadata (索引号, 发布机构 ...)")

    def _grid(self, table: int) -> Iterator[tuple[int, list[tuple[int, int]]]]:
        """Each row's cells at their 0-based grid row and column (see :func:`place_cells`)."""
        tree = self.tree
        sections = tree.rows(table)
        cells = [[tree.cells(tr) for tr in section] for section in sections]
        spans = [
            [
                None if tree.is_spacer(tr) else [tree.spans(cell) for cell in row_cells]
                for tr, row_cells in zip(section, section_cells, strict=True)
            ]
            for section, section_cells in zip(sections, cells, strict=True)
        ]
        rows = [row_cells for section_cells in cells for row_cells in section_cells]
        for r, placed in place_cells(spans, self.budget):
            yield r, [(column, rows[r][position]) for column, position in placed]
