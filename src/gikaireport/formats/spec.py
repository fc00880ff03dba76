"""The vocabulary of a format declaration: parts, tables, rows, columns, labels, relations.

A declaration (see :mod:`gikaireport.formats.v2021` and :mod:`gikaireport.formats.v2019`) is
plain data built from these classes. The assembler, the validation rules, the test strategies
and the docs all read it; nothing else lists labels or cell ids.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from functools import cached_property

from attrs import field, frozen

__all__ = [
    "Captions",
    "CellSpec",
    "Column",
    "FormatSpec",
    "Kind",
    "Label",
    "PartSpec",
    "Relation",
    "Row",
    "TableSpec",
    "canonical_id",
    "split_canonical_id",
]


def canonical_id(table: str, row: str, column: str) -> str:
    """The canonical id of a cell: ``table.row.column``.

    The row id may itself hold dots (``results.withheld.state_secret``); table and column ids
    never do, so :func:`split_canonical_id` takes the id apart again.

    >>> canonical_id("applications", "results.withheld.state_secret", "total")
    'applications.results.withheld.state_secret.total'
    """
    return f"{table}.{row}.{column}"


def split_canonical_id(cell_id: str) -> tuple[str, str, str]:
    """The table, row and column ids of a canonical id (the inverse of :func:`canonical_id`).

    >>> split_canonical_id("applications.results.withheld.state_secret.total")
    ('applications', 'results.withheld.state_secret', 'total')

    Raises ``ValueError`` for a text with fewer than three segments.
    """
    table, _, rest = cell_id.partition(".")
    row, _, column = rest.rpartition(".")
    if not (table and row and column):
        raise ValueError(f"{cell_id!r} is not a canonical cell id (table.row.column)")
    return table, row, column


class Kind(str, enum.Enum):
    """What numbers a cell may hold."""

    COUNT = "count"
    """A non-negative integer."""
    DECIMAL = "decimal"
    """A non-negative decimal (amounts in 万元)."""
    SIGNED = "signed"
    """An integer that may be negative (the 2019 format's 本年增/减)."""


@frozen
class Label:
    """An official label and the other forms real documents print instead.

    ``variants`` are known misspellings and alternative wordings; reading one is not an
    error, but it is recorded as a deviation that names ``text``, the official label.
    """

    text: str
    variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The official text followed by every variant."""
        return (self.text, *self.variants)


@frozen
class Column:
    """A column of a table: its id (the last segment of a cell id), label and kind."""

    id: str
    label: Label
    kind: Kind = Kind.COUNT


@frozen
class Row:
    """A data row.

    Attributes:
        id: the row's segment of the cell id (may contain dots: ``results.withheld.state_secret``).
        number: the enumerator printed before the label (``一、``, ``（一）``, ``1.``), or ``""``.
        label: the row label without its enumerator.
        columns: the row's columns in printed order.
        group: the group caption printed beside the row (``（三）不予公开``), if any.
        block: the block caption of part 二 (``第二十条第（一）项``), if any.

    """

    id: str
    number: str
    label: Label
    columns: tuple[Column, ...]
    group: str | None = None
    block: str | None = None

    @property
    def printed(self) -> str:
        """The label as the official form prints it, enumerator included."""
        return self.number + self.label.text


@frozen
class Captions:
    """The captions a table's header prints that are neither a row nor a column label.

    Attributes:
        label_column: over the row labels: ``信息内容`` (part 二), the 勾稽关系 note (part 三).
        columns: over every value column: ``申请人情况`` (part 三).
        column_group: over the columns between the first and the last: ``法人或其他组织``.
        row_group: beside a group of rows, where the rows name it as their ``group`` too:
            ``三、本年度办理结果`` (part 三), ``行政诉讼`` (part 四).

    """

    label_column: str = ""
    columns: str = ""
    column_group: str = ""
    row_group: str = ""

    @property
    def texts(self) -> tuple[str, ...]:
        """Every caption the table prints, in header order."""
        return tuple(
            text
            for text in (self.label_column, self.columns, self.column_group, self.row_group)
            if text
        )


@frozen
class TableSpec:
    """One of the three tables.

    ``one_row`` marks part 四, printed as a single row of numbers; ``captions`` are the header
    captions that are neither row nor column labels.
    """

    id: str
    rows: tuple[Row, ...]
    one_row: bool = False
    captions: Captions = Captions()

    def row(self, row_id: str) -> Row:
        """The row with this id."""
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def row_cell_ids(self, row: Row) -> tuple[str, ...]:
        """The canonical ids of one row's cells, in printed order."""
        return tuple(canonical_id(self.id, row.id, column.id) for column in row.columns)

    @cached_property
    def cell_ids(self) -> tuple[str, ...]:
        """The canonical ids of every cell of the table, in printed order."""
        return tuple(cell_id for row in self.rows for cell_id in self.row_cell_ids(row))


@frozen
class PartSpec:
    """One of the six parts: its id, its number (一 to 六) and its heading."""

    id: str
    number: str
    title: Label


@frozen
class CellSpec:
    """Everything the declaration says about one cell."""

    id: str
    table: TableSpec
    row: Row
    column: Column

    @property
    def kind(self) -> Kind:
        """The kind of number the cell holds."""
        return self.column.kind

    @property
    def label(self) -> str:
        """A human label: the row's printed label and the column label."""
        return f"{self.row.printed} / {self.column.label.text}"


@frozen
class Relation:
    """An arithmetic relation: ``sum(left) == sum(right)``.

    ``id`` is stable (``applications.balance.natural_person``); ``family`` groups relations
    for the rules (``balance``, ``results_total``, ``row_total``, ``block_total``).
    """

    id: str
    family: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    description: str

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell the relation involves, left side first."""
        return (*self.left, *self.right)


@frozen
class FormatSpec:
    """A version of the report format.

    Attributes:
        version: ``"2021"`` or ``"2019"``.
        name: the notice that defines it.
        parts: the six parts in order.
        tables: the three tables (part 二, 三, 四).
        relations: the arithmetic relations within one report.
        markers: labels that only this version prints, used to detect the version.
        first_year: the first report year the version applies to.
        decisive: labels that only this version prints and that decide the version alone,
            before the report's year (2021's sub-rows of （六）其他处理).

    """

    version: str
    name: str
    parts: tuple[PartSpec, ...]
    tables: tuple[TableSpec, ...]
    relations: tuple[Relation, ...]
    markers: tuple[str, ...] = field(default=())
    first_year: int = 0
    decisive: tuple[str, ...] = field(default=())

    @cached_property
    def _cells(self) -> dict[str, CellSpec]:
        cells = (
            (canonical_id(table.id, row.id, column.id), table, row, column)
            for table in self.tables
            for row in table.rows
            for column in row.columns
        )
        return {cell[0]: CellSpec(*cell) for cell in cells}

    @cached_property
    def cell_ids(self) -> tuple[str, ...]:
        """Every canonical cell id, in printed order."""
        return tuple(self._cells)

    def cell(self, cell_id: str) -> CellSpec:
        """The declaration of one cell; ``KeyError`` for an id not in this version."""
        return self._cells[cell_id]

    def cells(self) -> Iterator[CellSpec]:
        """Every cell declaration in printed order."""
        return iter(self._cells.values())

    def table(self, table_id: str) -> TableSpec:
        """The table with this id (``proactive``, ``applications``, ``review_litigation``)."""
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def part(self, part_id: str) -> PartSpec:
        """The part with this id."""
        for part in self.parts:
            if part.id == part_id:
                return part
        raise KeyError(part_id)
