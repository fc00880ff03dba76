"""The report: metadata, the six parts' text, the three tables, and what reading repaired."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property, lru_cache
from itertools import chain
from typing import Protocol

from attrs import field, frozen

from gikaireport.deferred import Deferred, OnFirstRead
from gikaireport.formats import FormatSpec, get_format
from gikaireport.model.cells import Cell, CellStatus, Source, Value
from gikaireport.model.deviation import Deviation
from gikaireport.model.origin import Origin

__all__ = ["Deviation", "Meta", "Part", "Report", "Table"]


@frozen
class Meta:
    """What the report says about itself.

    Attributes:
        title: the report's title as printed (joined when split over lines).
        agency: the body that publishes the report (from the title or the 落款).
        year: the year the report covers.
        period_start / period_end: the 统计期限 stated in the preamble, if any.
        published: the date of the 落款 (signature), if printed.
        signed_by: the body named in the 落款, if printed.

    """

    title: str | None = None
    agency: str | None = None
    year: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    published: dt.date | None = None
    signed_by: str | None = None


@frozen
class Part:
    """One of the six parts as found in the document.

    Attributes:
        id: the part id (``overview``, ``proactive``, ``applications``, ``review_litigation``,
            ``problems``, ``other``).
        heading: the heading exactly as printed.
        number: the enumerator as printed (``三、``, ``（三）``), or ``""`` when unnumbered.
        text: the part's prose (table cells excluded), paragraphs joined by newlines.
        source: where the heading was found.

    """

    id: str
    heading: str
    number: str
    text: str
    source: Source | None = None


@frozen
class Table:
    """One of the three tables: its cells in printed order.

    A table the assembler makes builds its cells when they are first read, once; it is equal
    to the table made with them (same fields, same tuple).
    """

    id: str
    cells: tuple[Cell, ...]

    def __iter__(self) -> Iterator[Cell]:
        return iter(self.cells)

    def __repr__(self) -> str:
        numbers = sum(cell.status is CellStatus.NUMBER for cell in self.cells)
        return f"Table({self.id!r}, {len(self.cells)} cells, {numbers} numbers)"

    def _repr_html_(self) -> str:
        """Show the table as the form prints it (see :mod:`gikaireport.export.html_repr`)."""
        from gikaireport.export.html_repr import table_html

        return table_html(self)


class CellPlan(Protocol):
    """What a table made by :func:`deferred_table` knows of its cells before making them.

    ``ids`` are the cell ids in order; ``readings()`` every cell's status and value, in the
    same order (what validation reads), cheaper than the cells; ``cell(position)`` makes one
    cell.
    """

    ids: tuple[str, ...]

    def readings(self) -> tuple[Sequence[CellStatus], Sequence[Value | None]]: ...

    def cell(self, position: int) -> Cell: ...


class _Deferred(Deferred):
    """A table's cells not made yet: their plan, and the cells made one by one so far."""

    __slots__ = ("made", "plan", "read")

    def __init__(self, plan: CellPlan) -> None:
        self.plan = plan
        self.made: dict[int, Cell] = {}
        self.read: tuple[Sequence[CellStatus], Sequence[Value | None]] | None = None

    def make(self) -> tuple[Cell, ...]:
        return tuple(map(self.cell, range(len(self.plan.ids))))

    def cell(self, position: int) -> Cell:
        cell = self.made.get(position)
        if cell is None:
            cell = self.made[position] = self.plan.cell(position)
        return cell

    def readings(self) -> tuple[Sequence[CellStatus], Sequence[Value | None]]:
        if self.read is None:
            self.read = self.plan.readings()
        return self.read


_CELLS = OnFirstRead(Table, "cells")
_set_table_id = Table.__dict__["id"].__set__


def deferred_table(table_id: str, plan: CellPlan) -> Table:
    """A :class:`Table` whose cells are made when first read, from their ``plan``.

    For the assembler: most reports read are exported or checked cell by cell, but a report
    can be made, filtered, counted or validated without making its cells, and each is made
    once, when first read. The table is equal to the table made with its cells at once.
    """
    table = object.__new__(Table)
    _set_table_id(table, table_id)
    _CELLS.__set__(table, _Deferred(plan))
    return table


def _readings(cells: Sequence[Cell]) -> tuple[list[CellStatus], list[Value | None]]:
    return [cell.status for cell in cells], [cell.value for cell in cells]


def table_readings(table: Table) -> tuple[Sequence[CellStatus], Sequence[Value | None]]:
    """Every cell's status and value, in order, without making cells not made yet."""
    held = _CELLS.held(table)
    return held.readings() if type(held) is _Deferred else _readings(held)


def table_cell(table: Table, position: int) -> Cell:
    """The cell at ``position``, made alone if the table's cells are not made yet."""
    held = _CELLS.held(table)
    return held.cell(position) if type(held) is _Deferred else held[position]


def _cell_ids(table: Table) -> tuple[str, ...]:
    """A table's cell ids, without building deferred cells."""
    held = _CELLS.held(table)
    return held.plan.ids if type(held) is _Deferred else tuple(cell.id for cell in held)


@lru_cache(maxsize=8)
def _positions(version: str) -> dict[str, tuple[int, int]]:
    """Each cell id's table (its index) and position in it, for a format version."""
    return {
        cell_id: (number, position)
        for number, table in enumerate(get_format(version).tables)
        for position, cell_id in enumerate(table.cell_ids)
    }


def _check_tables(instance: Report, attribute: object, tables: tuple[Table, ...]) -> None:
    spec = get_format(instance.format_version)
    if len(tables) == len(spec.tables) and all(
        _cell_ids(table) is declared.cell_ids  # the assembler's tables hold the declaration's
        for table, declared in zip(tables, spec.tables, strict=True)
    ):
        return
    ids = tuple(chain.from_iterable(map(_cell_ids, tables)))
    if ids != spec.cell_ids:
        missing = sorted(set(spec.cell_ids) - set(ids))[:3]
        unknown = sorted(set(ids) - set(spec.cell_ids))[:3]
        raise ValueError(
            f"a {spec.version} report needs every cell of its format once, in order "
            f"(missing {missing}, unknown {unknown})"
        )


@frozen
class Report:
    """A government information disclosure annual report as typed data.

    Build one with :func:`gikaireport.read` or :func:`gikaireport.parse_text`. Every cell of the
    format's declaration is present (absent ones with status ``ABSENT``), keyed by its
    canonical id.

    Attributes:
        format_version: ``"2021"`` or ``"2019"``.
        meta: title, agency, year, statistics period, 落款.
        parts: the parts found, in document order.
        tables: part 二, 三 and 四 (``proactive``, ``applications``, ``review_litigation``).
        deviations: what reading repaired or did not find.
        path: the file read, or ``None``.
        source_format: the reader used (``"text"``, ``"pdf"``, ``"docx"``, ``"html"`` ...).
        origin: where the file came from when it was not a local file (a URL with the time it
            was fetched, a portal page, an archive member), or ``None``.

    """

    format_version: str
    meta: Meta
    parts: tuple[Part, ...]
    tables: tuple[Table, ...] = field(validator=_check_tables)
    deviations: tuple[Deviation, ...] = ()
    path: str | None = None
    source_format: str = "text"
    origin: Origin | None = None

    @classmethod
    def from_cells(
        cls,
        format_version: str,
        cells: Mapping[str, Cell],
        *,
        meta: Meta | None = None,
        parts: tuple[Part, ...] = (),
        deviations: tuple[Deviation, ...] = (),
        path: str | None = None,
        source_format: str = "text",
    ) -> Report:
        """Build a report from cells keyed by canonical id, laid out by the format declaration.

        Cells the mapping lacks are ``ABSENT``; an id the format does not declare is a
        ``ValueError``.
        """
        spec = get_format(format_version)
        unknown = set(cells) - set(spec.cell_ids)
        if unknown:
            raise ValueError(f"not cells of the {format_version} format: {sorted(unknown)[:3]}")
        tables = tuple(
            Table(
                table.id,
                tuple(
                    cells.get(cell_id) or Cell(cell_id, CellStatus.ABSENT)
                    for cell_id in table.cell_ids
                ),
            )
            for table in spec.tables
        )
        return cls(format_version, meta or Meta(), parts, tables, deviations, path, source_format)

    @cached_property
    def _index(self) -> dict[str, Cell]:
        return {cell.id: cell for table in self.tables for cell in table.cells}

    @property
    def spec(self) -> FormatSpec:
        """The format declaration this report follows."""
        return get_format(self.format_version)

    def cell(self, cell_id: str) -> Cell:
        """The full cell (value, status, raw text, source) for a canonical id.

        Raises ``KeyError`` for an id that this report's format version does not declare.
        """
        try:
            number, position = _positions(self.format_version)[cell_id]
        except KeyError:
            raise KeyError(
                f"{cell_id!r} is not a cell of the {self.format_version} format"
            ) from None
        return table_cell(self.tables[number], position)

    def cells(self) -> dict[str, Cell]:
        """Every cell by canonical id, in printed order."""
        return dict(self._index)

    def values(self) -> dict[str, Value | None]:
        """Every cell's number by canonical id: ``None`` for blank, not applicable, unreadable
        or absent cells (never 0).
        """
        return dict(zip(self.spec.cell_ids, chain.from_iterable(self._readings[1]), strict=True))

    @cached_property
    def _readings(self) -> tuple[list[Sequence[CellStatus]], list[Sequence[Value | None]]]:
        """Every table's statuses and values (see :func:`table_readings`)."""
        statuses, values = zip(*map(table_readings, self.tables), strict=True)
        return list(statuses), list(values)

    def table(self, table_id: str) -> Table:
        """The table with this id."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    @property
    def proactive(self) -> Table:
        """Part 二: 主动公开政府信息情况."""
        return self.table("proactive")

    @property
    def applications(self) -> Table:
        """Part 三: 收到和处理政府信息公开申请情况."""
        return self.table("applications")

    @property
    def review_litigation(self) -> Table:
        """Part 四: 行政复议、行政诉讼情况."""
        return self.table("review_litigation")

    def part(self, part_id: str) -> Part | None:
        """The part with this id, or ``None`` when the document lacks it."""
        for part in self.parts:
            if part.id == part_id:
                return part
        return None

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{count} {status.value}" for status, count in self.status_counts().items() if count
        )
        return (
            f"Report({self.format_version!r}, agency={self.meta.agency!r}, "
            f"year={self.meta.year!r}, path={self.path!r}, cells: {counts}; "
            f"{len(self.deviations)} deviations)"
        )

    def _repr_html_(self) -> str:
        """Show the report's tables in a notebook (see :mod:`gikaireport.export.html_repr`).

        The report is not validated for the display; the deviations reading recorded are
        outlined. To show findings: ``gikaireport.display(report, gikaireport.validate(report))``.
        """
        from gikaireport.export.html_repr import report_html

        return report_html(self)

    def status_counts(self) -> Mapping[CellStatus, int]:
        """How many cells have each status."""
        counts = dict.fromkeys(CellStatus, 0)
        for statuses in self._readings[0]:
            for status in statuses:
                counts[status] += 1
        return counts
