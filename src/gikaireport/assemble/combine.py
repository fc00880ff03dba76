"""Two readings of one document combined table by table, with the evidence for each cell.

Some formats are read two ways (a PDF's text geometry and its ruling lines). Each reading is
assembled into a :class:`~gikaireport.model.Report`; :func:`combine` keeps, for every table,
the reading the evidence supports: more cells read, fewer rows placed by position or
missing, more of the format's sum relations holding. Where the two readings print different
numbers in one cell, the kept number stands only when the cell's own relations decide for
it (they all hold in the kept reading and one fails in the other); otherwise the cell is
flagged with a ``readings-disagree`` deviation, so that no number is given with a
confidence the document does not support.

:func:`reader_deviations` turns what a reader could not read into deviations, and the pages
it doubts (an OCR text layer, say) into deviations that name every cell read from them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

from attrs import evolve

from gikaireport.document import Document, Table
from gikaireport.errors import ReadError
from gikaireport.formats import FormatSpec
from gikaireport.model import Cell, CellStatus, Deviation, DeviationKind, Report
from gikaireport.model.cells import Value

__all__: list[str] = []

READINGS_DISAGREE = DeviationKind.READINGS_DISAGREE
"""The deviation kind of a cell that two readings print differently, with nothing to decide."""
READER_NOTE = DeviationKind.READER_NOTE
"""The deviation kind of what a reader could not read (pages without text, say)."""

_ROW_KINDS = frozenset(
    {
        DeviationKind.ROW_BY_POSITION,
        DeviationKind.ROW_MISSING,
        DeviationKind.EXTRA_VALUES,
        DeviationKind.VALUES_SHORT,
    }
)
"""Deviations that say a table's rows were not all read where they are printed."""

_ZERO_FOR_SUMS = frozenset({CellStatus.BLANK, CellStatus.NOT_APPLICABLE})


def _amount(cell: Cell) -> Value | None:
    """A cell's contribution to a sum, for weighing evidence only (never reported)."""
    if cell.status is CellStatus.NUMBER:
        return cell.value
    return 0 if cell.status in _ZERO_FOR_SUMS else None


def _holds(report: Report, left: Sequence[str], right: Sequence[str]) -> bool | None:
    """Whether ``sum(left) == sum(right)`` in the report; ``None`` when a cell is unread."""
    cells = report.cells()
    amounts = [_amount(cells[cell_id]) for cell_id in (*left, *right)]
    numbers = [amount for amount in amounts if amount is not None]
    if len(numbers) < len(amounts):
        return None
    return sum(numbers[: len(left)]) == sum(numbers[len(left) :])


def _table_relations(
    spec: FormatSpec, table_id: str
) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    prefix = f"{table_id}."
    return [
        (relation.left, relation.right)
        for relation in spec.relations
        if all(cell_id.startswith(prefix) for cell_id in relation.cells)
    ]


def _score(report: Report, table_id: str) -> int:
    """The evidence for one table of a reading: cells and numbers read, rows in place, relations.

    A printed number is seldom invented, while a number missed leaves a blank.
    """
    prefix = f"{table_id}."
    table = report.table(table_id)
    read = sum(1 for cell in table if cell.status is not CellStatus.ABSENT)
    numbers = sum(1 for cell in table if cell.status is CellStatus.NUMBER)
    misplaced = sum(
        1
        for deviation in report.deviations
        if deviation.kind in _ROW_KINDS
        and any(cell_id.startswith(prefix) for cell_id in deviation.cells)
    )
    balance = 0
    for left, right in _table_relations(report.spec, table_id):
        holds = _holds(report, left, right)
        balance += 0 if holds is None else (1 if holds else -1)
    return read + numbers - 3 * misplaced + 3 * balance


def _digits(cell: Cell) -> str:
    return "".join(char for char in unicodedata.normalize("NFKC", cell.raw) if char.isdigit())


def _cut_short(kept: Cell, other: Cell) -> bool:
    """Whether ``other`` holds the first digits of the number in ``kept``."""
    if kept.status is not CellStatus.NUMBER or other.status is not CellStatus.NUMBER:
        return False
    short, full = _digits(other), _digits(kept)
    return bool(short) and len(short) < len(full) and full.startswith(short)


def _misplaced(report: Report, cell_id: str) -> bool:
    return any(cell_id in d.cells for d in report.deviations if d.kind in _ROW_KINDS)


def _decided(kept: Report, other: Report, cell_id: str) -> bool:
    """Whether the cell's relations decide for the kept reading of a disputed cell.

    The other reading loses when it printed the kept number cut short (the rest of a number
    wrapped in its cell lost), when it read the cell's row out of place (by position, with
    extra values) and the kept one did not; or when the cell's relations all hold in the
    kept reading and, in the other, one fails or the cell was not read as a number (a digit
    missed rather than one invented).
    """
    if _misplaced(other, cell_id) and not _misplaced(kept, cell_id):
        return True
    if _cut_short(kept.cell(cell_id), other.cell(cell_id)):
        return True
    relations = [(r.left, r.right) for r in kept.spec.relations if cell_id in r.cells]
    if not relations:
        return False
    kept_holds = all(_holds(kept, left, right) for left, right in relations)
    if not kept_holds:
        return False
    if other.cell(cell_id).status is not CellStatus.NUMBER:
        return True
    return any(_holds(other, left, right) is False for left, right in relations)


def _disagreements(kept: Report, other: Report, table_id: str) -> Iterable[Deviation]:
    other_cells = other.cells()
    for cell in kept.table(table_id):
        alternative = other_cells[cell.id]
        if cell.status is CellStatus.ABSENT or alternative.status is CellStatus.ABSENT:
            continue
        if (cell.status, cell.value) == (alternative.status, alternative.value):
            continue
        if _decided(kept, other, cell.id):
            continue
        shown = cell.raw or "（空白）"
        alternative_shown = alternative.raw or "（空白）"
        yield Deviation(
            READINGS_DISAGREE,
            f"两种读法在此单元格读出不同内容（“{shown}”与“{alternative_shown}”），未能判定",
            (cell.id,),
            cell.source,
            found=f"{shown} / {alternative_shown}",
        )


def combine(first: Report, second: Report) -> Report:
    """Combine two readings of one document, table by table.

    Each table comes from the reading with the stronger evidence (``first`` on a tie), and
    the report's other content (metadata, parts, headings) from ``first``. Cells that the two
    readings print differently are flagged (``readings-disagree``) unless the cell's sum
    relations decide between them. Readings of different format versions are not mixed:
    then the reading with more evidence overall is returned as it is.
    """
    if first.format_version != second.format_version:
        total_first = sum(_score(first, t.id) for t in first.tables)
        total_second = sum(_score(second, t.id) for t in second.tables)
        return second if total_second > total_first else first
    cells: dict[str, Cell] = {}
    from_second: set[str] = set()
    disputed: list[Deviation] = []
    for table in first.tables:
        use_second = _score(second, table.id) > _score(first, table.id)
        kept, other = (second, first) if use_second else (first, second)
        if use_second:
            from_second.update(cell.id for cell in second.table(table.id))
        cells.update((cell.id, cell) for cell in kept.table(table.id))
        disputed.extend(_disagreements(kept, other, table.id))
    deviations = [d for d in first.deviations if not (d.cells and set(d.cells) <= from_second)] + [
        d for d in second.deviations if d.cells and set(d.cells) <= from_second
    ]
    return Report.from_cells(
        first.format_version,
        cells,
        meta=first.meta,
        parts=first.parts,
        deviations=(*deviations, *disputed),
        path=first.path,
        source_format=first.source_format,
    )


def reader_deviations(report: Report, document: Document) -> Report:
    """Add what the reader said about the document to the report, as deviations.

    Each of ``document.problems`` becomes a ``reader-note``; each doubtful page, one deviation
    of its kind naming every cell read from the page (absent cells are not named: nothing
    was read).
    """
    added = [Deviation(READER_NOTE, problem) for problem in document.problems]
    for page, kind, message in document.doubtful_pages:
        ids = tuple(
            cell.id
            for cell in report.cells().values()
            if cell.status is not CellStatus.ABSENT
            and cell.source is not None
            and cell.source.page == page
        )
        if ids:
            added.append(Deviation(kind, message, ids, found=f"page {page}"))
    if not added:
        return report
    return evolve(report, deviations=(*report.deviations, *added))


def doubted_throughout(document: Document) -> bool:
    """Whether all the document's text comes from pages the reader doubts (an OCR layer).

    Another reading of the same file reads the same text, so every cell it gave would be
    doubted as well: it is not worth taking (see :func:`gikaireport.read`).
    """
    doubted = {page for page, _, _ in document.doubtful_pages}
    pages = {
        source.page
        for block in document.blocks
        for source in (
            [cell.source for row in block.rows for cell in row]
            if isinstance(block, Table)
            else [block.source]
        )
    }
    return bool(doubted) and pages <= doubted


def relations_hold(report: Report) -> bool:
    """Whether no sum relation within a table fails (unread cells leave a relation open).

    A reading whose relations fail may be misaligned: it is worth a second reading.
    """
    for table in report.tables:
        for left, right in _table_relations(report.spec, table.id):
            if _holds(report, left, right) is False:
                return False
    return True


def incomplete(report: Report, *, relations: bool = True) -> bool:
    """Whether a reading leaves doubt: cells absent, rows out of place, a relation failing.

    With ``relations=False`` failing relations are not counted: once a second reading has
    been combined, a relation that still fails is more likely the report's own error.
    """
    return (
        report.status_counts()[CellStatus.ABSENT] > 0
        or any(d.kind in _ROW_KINDS - {DeviationKind.VALUES_SHORT} for d in report.deviations)
        or any(d.kind == READINGS_DISAGREE for d in report.deviations)
        or (relations and not relations_hold(report))
    )


def read_again(
    report: Report, readers: Sequence[Callable[[bytes, str], Document]], data: bytes, name: str
) -> Report:
    """Read the document again with each of ``readers`` in turn while the report is incomplete.

    Each further reading is combined with the report so far (:func:`combine`); a reader that
    cannot read the file (``ReadError``) is passed over. A failing relation asks for the
    first further reading only (see :func:`incomplete`).
    """
    from gikaireport.assemble import assemble

    for index, reader in enumerate(readers):
        if not incomplete(report, relations=index == 0):
            break
        try:
            second = assemble(reader(data, name))
        except ReadError:
            continue
        report = combine(report, second)
    return report
