"""From a :class:`~gikaireport.document.Document` to a :class:`~gikaireport.model.Report`.

One assembler for every file format: it finds the six parts by their headings, reads the
metadata, detects the format version, and aligns each table's cells to the declaration.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from gikaireport.assemble.combine import reader_deviations
from gikaireport.assemble.confidence import corrections, doubtful_readings
from gikaireport.assemble.meta import extract_meta, page_date
from gikaireport.assemble.normalize import compact
from gikaireport.assemble.pieces import Pieces
from gikaireport.assemble.sections import HeadingMatch, match_heading
from gikaireport.assemble.tables import align_table
from gikaireport.assemble.truncation import fold_truncation
from gikaireport.document import Block, Document, Paragraph, Table, printed_cells
from gikaireport.formats import FORMAT_2021, FORMATS, FormatSpec, format_for_year
from gikaireport.model import Cell, Deviation, DeviationKind, Part, Report, Source
from gikaireport.model import Table as ReportTable
from gikaireport.model.report import deferred_table

__all__: list[str] = []


_Found = dict[str, tuple[int, HeadingMatch, Paragraph]]
"""The heading of each part found: part id -> (block index, match, heading block)."""


def _headings(blocks: Sequence[Block]) -> tuple[_Found, list[Deviation]]:
    """The heading of each part found.

    A run of three or more headings in a row is a table of contents and is skipped. Where a
    title occurs more than once (an overview sub-part named like a part), the occurrence with
    the part's own number wins, else the first.
    """
    candidates = [
        (index, match, block)
        for index, block in enumerate(blocks)
        if isinstance(block, Paragraph) and (match := match_heading(block.text)) is not None
    ]
    in_toc: set[int] = set()
    run: list[int] = []
    for index, _, _ in [*candidates, (-2, None, None)]:
        if run and index == run[-1] + 1:
            run.append(index)
            continue
        if len(run) >= 3:
            in_toc.update(run)
        run = [index]
    found: _Found = {}
    for index, match, block in candidates:
        if index in in_toc:
            continue
        part = match.part
        earlier = found.get(part.id)
        if earlier is None or (earlier[1].ordinal != part.number and match.ordinal == part.number):
            found[part.id] = (index, match, block)
    deviations: list[Deviation] = []
    order = [part.id for part in FORMAT_2021.parts]
    last = -1
    for part_id in sorted(found, key=lambda p: found[p][0]):
        rank = order.index(part_id)
        if rank < last:
            index, match, block = found[part_id]
            deviations.append(
                Deviation(
                    DeviationKind.PART_ORDER,
                    f"“{block.text}”出现在后续部分之后",
                    source=block.source,
                    expected=f"{match.part.number}、{match.part.title.text}",
                    found=block.text,
                )
            )
        last = max(last, rank)
    return found, deviations


def _heading_deviations(match: HeadingMatch, block: Paragraph) -> list[Deviation]:
    official = f"{match.part.number}、{match.part.title.text}"
    wrong: list[tuple[DeviationKind, str]] = []
    if not match.number:
        wrong.append((DeviationKind.HEADING_UNNUMBERED, f"缺少序号“{match.part.number}、”"))
    elif (
        match.ordinal != match.part.number
        or not match.number.rstrip().endswith(("、", ".", "．"))
        or match.number.startswith(("(", "（", "第"))
    ):
        wrong.append((DeviationKind.HEADING_RENUMBERED, f"的序号应为“{match.part.number}、”"))
    if match.variant:
        wrong.append((DeviationKind.HEADING_VARIANT, f"与规定标题“{official}”不同"))
    return [
        Deviation(
            kind,
            f"标题“{block.text}”{what}",
            source=block.source,
            expected=official,
            found=block.text,
        )
        for kind, what in wrong
    ]


def _detect_version(blocks: Sequence[Block], year: int | None) -> FormatSpec:
    """The format version of a report.

    A declaration's ``decisive`` labels decide (part 三's three （六） sub-rows exist only in
    the 2021 format); otherwise the report year does (each declaration's ``first_year``), and
    only without a year do the ``markers`` the tables print. A block printed in the other
    version's labels is recorded by the table alignment as ``mixed-version``. When the year's
    version is the only one with decisive labels, the outcome is the same whether they are
    printed or not, and the tables are not searched.
    """
    by_year = format_for_year(year) if year is not None else None
    if by_year is not None and all(spec is by_year for spec in _DECIDING):
        return by_year
    texts = [text for block in blocks for text in _texts(block) if len(text) < 60]
    # the pieces compacted one by one: "|" is a starter NFKC never composes across, and noise
    joined = "".join(map(_compact, texts))
    for spec in _DECIDING:
        if any(_compact(marker) in joined for marker in spec.decisive):
            return spec
    if by_year is not None:
        return by_year
    # the newest version wins a tie (FORMATS lists it first)
    return max(FORMATS.values(), key=lambda spec: sum(_compact(m) in joined for m in spec.markers))


_DECIDING = tuple(spec for spec in FORMATS.values() if spec.decisive)
"""The versions with decisive labels, in the order of :data:`FORMATS`."""

_compact = lru_cache(maxsize=16384)(compact)
""":func:`compact` of a short cell or line: the same table labels recur in every report."""


def _texts(block: Block) -> list[str]:
    """The texts of a table's cells (without making them), or a paragraph's text alone."""
    if isinstance(block, Paragraph):
        return [block.text]
    printed = printed_cells(block)
    if printed is not None:
        return printed.texts
    return [cell.text for row in block.rows for cell in row]


def _alternatives(blocks: Sequence[Block]) -> dict[Source, tuple[str, ...]]:
    """Other readings of recognised table cells, by the cell's source."""
    return {
        cell.source: cell.alternatives
        for block in blocks
        if isinstance(block, Table) and printed_cells(block) is None
        for row in block.rows
        for cell in row
        if cell.alternatives
    }


def _figure_in(document: Document, found: _Found, part_id: str) -> Source | None:
    """Return the first picture between the heading of ``part_id`` and the next heading."""
    if part_id not in found or not document.figures:
        return None
    index, _, heading = found[part_id]
    start = heading.source.line
    later = [i for i, _, _ in found.values() if i > index]
    end = document.blocks[min(later)].source.line if later else None
    if start is None:
        return None
    for figure in document.figures:
        line = figure.line
        if line is not None and line > start and (end is None or line < end):
            return figure
    return None


class _Regions:
    """The blocks of each part: from its heading to the next part's heading."""

    def __init__(self, blocks: Sequence[Block], found: _Found) -> None:
        self.blocks = blocks
        self.found = found
        self.starts = sorted(index for index, _, _ in found.values())

    def __call__(self, part_id: str) -> list[Block]:
        if part_id in self.found:
            start = self.found[part_id][0]
        else:
            order = [p.id for p in FORMAT_2021.parts]
            earlier = [self.found[p][0] for p in order[: order.index(part_id)] if p in self.found]
            start = max(earlier) if earlier else 0
        later = [index for index in self.starts if index > start]
        return list(self.blocks[start : later[0] if later else len(self.blocks)])


def _tables(
    document: Document, spec: FormatSpec, region: _Regions
) -> tuple[list[ReportTable], list[Deviation], bool]:
    """The three tables aligned to the declaration (their cells built when first read),
    what aligning them repaired, and whether a cell may come from recognised text.
    """
    tables = []
    deviations: list[Deviation] = []
    recognised = False
    for table_spec in spec.tables:
        pieces = Pieces(region(table_spec.id))
        result = align_table(table_spec, pieces, spec)
        deviations.extend(result.deviations)
        recognised = recognised or pieces.recognised()
        ids = result.cells.ids
        if result.rows_found == 0:
            title = spec.part(table_spec.id).title.text
            deviations.append(
                Deviation(
                    DeviationKind.TABLE_MISSING, f"未找到“{title}”的表格", ids, expected=title
                )
            )
            figure = _figure_in(document, region.found, table_spec.id)
            if figure is not None:
                deviations.append(
                    Deviation(
                        DeviationKind.TABLE_IMAGE,
                        f"“{title}”的表格位置为图片",
                        ids,
                        figure,
                        expected=title,
                    )
                )
        tables.append(deferred_table(table_spec.id, result.cells))
    return tables, deviations, recognised


def _parts(spec: FormatSpec, region: _Regions) -> tuple[list[Part], list[Deviation]]:
    """The parts found, in the order printed, and their heading deviations."""
    found = region.found
    parts = []
    deviations: list[Deviation] = []
    for part in spec.parts:
        if part.id not in found:
            deviations.append(
                Deviation(
                    DeviationKind.PART_MISSING,
                    f"未找到第{part.number}部分“{part.title.text}”",
                    expected=f"{part.number}、{part.title.text}",
                )
            )
            continue
        _, match, block = found[part.id]
        deviations.extend(_heading_deviations(match, block))
        text = "\n".join(b.text for b in region(part.id)[1:] if isinstance(b, Paragraph))
        parts.append(Part(part.id, block.text, match.number, text, block.source))
    parts.sort(key=lambda p: found[p.id][0])
    return parts, deviations


def assemble(document: Document) -> Report:
    """Build the Report that ``document`` holds. Never raises for messy content."""
    blocks = document.blocks
    found, deviations = _headings(blocks)
    region = _Regions(blocks, found)
    first = region.starts[0] if region.starts else len(blocks)
    head_lines = [b.text for b in blocks[:first] if isinstance(b, Paragraph)]
    last_part = max(region.starts, default=0)
    tail_lines = [b.text for b in blocks[last_part + 1 :] if isinstance(b, Paragraph)]
    properties = dict(document.properties)
    meta, page_deviations = page_date(extract_meta(head_lines, tail_lines, properties), properties)
    deviations.extend(page_deviations)

    spec = _detect_version(region("proactive") + region("applications"), meta.year)
    tables, table_deviations, maybe_recognised = _tables(document, spec, region)
    deviations.extend(table_deviations)

    built: list[dict[str, Cell]] = []

    def cells() -> dict[str, Cell]:
        """The report's cells by id, built when first asked for (seldom: OCR, a cut end)."""
        if not built:
            built.append({cell.id: cell for table in tables for cell in table.cells})
        return built[0]

    if maybe_recognised:
        recognised = [
            cell
            for cell in cells().values()
            if cell.source is not None and cell.source.confidence is not None
        ]
        if recognised:  # cells read by OCR: only they can be doubtful or have other readings
            deviations.extend(doubtful_readings(recognised))
            deviations.extend(corrections(spec, cells(), _alternatives(blocks)))
    parts, part_deviations = _parts(spec, region)
    deviations.extend(part_deviations)
    in_order = sorted(found, key=lambda p: found[p][0])
    deviations = fold_truncation(spec, in_order, deviations, cells)

    report = Report(
        format_version=spec.version,
        meta=meta,
        parts=tuple(parts),
        tables=tuple(tables),
        deviations=tuple(deviations),
        path=document.path,
        source_format=document.format,
    )
    return reader_deviations(report, document)
