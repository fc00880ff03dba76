"""What several rules need to know about a report, computed once per validation.

Rules are independent functions, but many of them read the same things: the cells in
printed order, which hold numbers, the relations that do not simply hold, the text of the
parts. The engine makes one :class:`Facts` for each report it validates and passes it to
every rule that declares a ``facts`` parameter; its properties are computed on first use,
so one run of the rules over a report reads each cell once. Nothing is kept across
validations: there is no cache of reports.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from itertools import chain

from attrs import frozen

from gikaireport.formats import Kind, Relation, get_format
from gikaireport.model import Cell, CellStatus, Part, Report, Value
from gikaireport.model.report import table_readings
from gikaireport.validate import agency

__all__: list[str] = []

_NUMBER = CellStatus.NUMBER
Getter = Callable[[list[Value | None]], tuple[Value | None, ...]]


def _getter(indices: tuple[int, ...]) -> Getter:
    """Return a function picking ``indices`` from a list, always as a tuple."""
    if len(indices) == 1:
        index = indices[0]
        return lambda values: (values[index],)
    getter: Getter = operator.itemgetter(*indices)
    return getter


@frozen
class RelationPlan:
    """A relation with the positions of its cells in the report's printed order."""

    relation: Relation
    left: Getter
    right: Getter
    bounded: bool
    """Every cell is a non-negative count, so a missing number is at least 0."""


@frozen
class Plan:
    """Positions of a format version's cells, computed once per version.

    Attributes:
        ids: every cell id in printed order (the order of :meth:`Report.cells`).
        relations: the relations with the positions of their cells.
        failing: the positions (in ``relations``) of the relations that do not hold, for
            the values of a report whose every cell holds a number (see :func:`_failing`).
        kinds: for each kind, the positions of its cells and a getter for their values.
        rows: each table row as ``(table id, row, positions of its cells)``.
        position: each cell id's position in :attr:`ids`.

    """

    ids: tuple[str, ...]
    relations: tuple[RelationPlan, ...]
    failing: Callable[[list[Value | None]], list[int]]
    kinds: dict[Kind, tuple[tuple[int, ...], Getter]]
    rows: tuple[tuple[str, str, tuple[int, ...]], ...]
    position: dict[str, int]


@lru_cache(maxsize=8)
def plan(version: str) -> Plan:
    """Return the plan of a format version."""
    spec = get_format(version)
    ids = spec.cell_ids
    position = {cell_id: index for index, cell_id in enumerate(ids)}
    relations = tuple(
        RelationPlan(
            relation,
            _getter(tuple(position[c] for c in relation.left)),
            _getter(tuple(position[c] for c in relation.right)),
            all(spec.cell(c).kind is Kind.COUNT for c in relation.cells),
        )
        for relation in spec.relations
    )
    kinds = {}
    for kind in Kind:
        indices = tuple(i for i, c in enumerate(ids) if spec.cell(c).kind is kind)
        if indices:
            kinds[kind] = (indices, _getter(indices))
    rows = tuple(
        (table.id, row.id, tuple(position[c] for c in table.row_cell_ids(row)))
        for table in spec.tables
        for row in table.rows
    )
    sides = [
        ([position[c] for c in relation.left], [position[c] for c in relation.right])
        for relation in spec.relations
    ]
    return Plan(ids, relations, _failing(version, sides), kinds, rows, position)


def _failing(
    version: str, sides: list[tuple[list[int], list[int]]]
) -> Callable[[list[Value | None]], list[int]]:
    """Return a function giving the positions of the relations whose two sums differ.

    The function is written out from the declaration, one comparison of two sums of
    fixed positions per relation (``v[3] != v[4] + v[5]``), and compiled once per format
    version: for a report whose every cell holds a number, the relations are then checked
    by a single call, several times faster than summing each side through getters. The
    source holds nothing but positions and operators.
    """
    lines = ["def failing(v):", "    out = []"]
    for index, (left, right) in enumerate(sides):
        left_sum = " + ".join(f"v[{i}]" for i in left)
        right_sum = " + ".join(f"v[{i}]" for i in right)
        lines.append(f"    if {left_sum} != {right_sum}: out.append({index})")
    lines.append("    return out")
    namespace: dict[str, Callable[[list[Value | None]], list[int]]] = {}
    exec(compile("\n".join(lines), f"<relations of the {version} format>", "exec"), namespace)
    return namespace["failing"]


@frozen
class Evaluation:
    """A relation that does not simply hold, against a report's cells.

    Attributes:
        relation: the relation.
        left / right: the cells of each side.
        left_sum / right_sum: the sums of the numbers printed on each side.
        missing: the cells that hold no number.
        contradiction: the printed numbers cannot satisfy the relation: a complete relation
            that does not hold, or an incomplete one where one side is complete and the
            numbers printed on the other already exceed it (counts cannot be negative).

    """

    relation: Relation
    left: tuple[Cell, ...]
    right: tuple[Cell, ...]
    left_sum: Value
    right_sum: Value
    missing: tuple[Cell, ...]
    contradiction: bool

    @property
    def complete(self) -> bool:
        """Tell whether every cell holds a number."""
        return not self.missing

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Return every cell, left side first."""
        return (*self.left, *self.right)

    @property
    def has_numbers(self) -> bool:
        """Tell whether at least one cell holds a number."""
        return len(self.missing) < len(self.left) + len(self.right)


def _sum(values: tuple[Value | None, ...]) -> tuple[Value, int]:
    total: Value = 0
    unknown = 0
    for value in values:
        if value is None:
            unknown += 1
        else:
            total += value
    return total, unknown


_FULL_WIDTH_DIGIT = re.compile("[０-９]")
_FULL_WIDTH_DIGITS = "０１２３４５６７８９"
_SPACES = (" ", "\u3000", "\t", "\xa0", "\r", "\u2002", "\u2003", "\u200b")


def _fold(text: str) -> str:
    """Fold full-width digits and remove spaces (line breaks are kept).

    Each character is looked for on its own (``in``): a search for one character runs
    through the text several times faster than a regular expression's character class,
    which tests every character of the text against the class.
    """
    for digit in _FULL_WIDTH_DIGITS:
        if digit in text:
            text = _FULL_WIDTH_DIGIT.sub(lambda m: str(ord(m.group()) - 0xFF10), text)
            break
    for space in _SPACES:
        if space in text:
            text = text.replace(space, "")
    return text


class Facts:
    """What the rules read about one report, made once per validation (see the module
    documentation). ``Facts(report)`` makes one for a rule run by hand.
    """

    def __init__(self, report: Report) -> None:
        self.report = report
        self.plan = plan(report.format_version)
        self.readings = list(map(table_readings, report.tables))  # the cells are not made
        self.values: list[Value | None] = list(chain.from_iterable(r[1] for r in self.readings))
        # a cell holds a value exactly when its status is NUMBER (Cell checks it)
        self.complete = None not in self.values

    def value(self, cell_id: str) -> Value | None:
        """Return a cell's value (``None`` unless it holds a number), without making it."""
        return self.values[self.plan.position[cell_id]]

    @cached_property
    def numbers(self) -> int:
        """Return how many cells hold a number."""
        return len(self.values) - self.values.count(None)

    @cached_property
    def statuses(self) -> list[CellStatus]:
        """Return the status of every cell, in printed order."""
        return list(chain.from_iterable(statuses for statuses, _ in self.readings))

    @cached_property
    def table_statuses(self) -> dict[str, Sequence[CellStatus]]:
        """Return each table's cell statuses, in printed order, by table id."""
        tables = self.report.tables
        return {t.id: statuses for t, (statuses, _) in zip(tables, self.readings, strict=True)}

    @cached_property
    def flat(self) -> list[Cell]:
        """Return every cell, in printed order."""
        return list(chain.from_iterable(t.cells for t in self.report.tables))

    def count(self, status: CellStatus) -> int:
        """Return how many cells have ``status``."""
        if status is _NUMBER:
            return self.numbers
        return self.statuses.count(status)

    @cached_property
    def unsettled(self) -> tuple[Evaluation, ...]:
        """Return the relations that do not simply hold (incomplete or failing), in order."""
        values = self.values
        relations = self.plan.relations
        if self.complete:
            failing = self.plan.failing(values)
            return tuple(
                self._evaluation(
                    relations[i],
                    sum(relations[i].left(values)),  # type: ignore[arg-type]
                    sum(relations[i].right(values)),  # type: ignore[arg-type]
                    0,
                    0,
                )
                for i in failing
            )
        out = []
        for item in relations:
            left_sum, left_unknown = _sum(item.left(values))
            right_sum, right_unknown = _sum(item.right(values))
            if left_unknown or right_unknown or left_sum != right_sum:
                out.append(self._evaluation(item, left_sum, right_sum, left_unknown, right_unknown))
        return tuple(out)

    def _evaluation(
        self,
        item: RelationPlan,
        left_sum: Value,
        right_sum: Value,
        left_unknown: int,
        right_unknown: int,
    ) -> Evaluation:
        cells = self.report.cell
        left = tuple(cells(c) for c in item.relation.left)
        right = tuple(cells(c) for c in item.relation.right)
        if not left_unknown and not right_unknown:
            return Evaluation(item.relation, left, right, left_sum, right_sum, (), True)
        missing = tuple(c for c in (*left, *right) if c.status is not _NUMBER)
        contradiction = item.bounded and (
            (not left_unknown and right_sum > left_sum)
            or (not right_unknown and left_sum > right_sum)
        )
        return Evaluation(item.relation, left, right, left_sum, right_sum, missing, contradiction)

    @cached_property
    def subject(self) -> str | None:
        """Return the body the report is about (see :func:`.agency.subject`)."""
        return agency.subject(self.report)

    @cached_property
    def level(self) -> str | None:
        """Return the level of the body (see :func:`gikaireport.validate.agency.level`)."""
        return agency.level_of(self.report, self.subject)

    @cached_property
    def regional_summary(self) -> bool:
        """Tell whether the report is a regional summary (see :mod:`.agency`)."""
        return agency.regional_summary_of(self.report, self.subject)

    @cached_property
    def government(self) -> bool:
        """Tell whether the report is a government's (see :func:`.agency.is_government`)."""
        return agency.government_of(self.subject)

    @cached_property
    def texts(self) -> tuple[tuple[Part, str], ...]:
        """Return each part with its text, full-width digits folded and spaces removed."""
        return tuple((part, _fold(part.text)) for part in self.report.parts if part.text)

    def finds(self, word: str) -> dict[int, list[int]]:
        """Return where ``word`` stands in the folded texts: for each text that has it (by
        its index in :attr:`texts`), the positions, in order. Looked for once per word and
        validation, however many rules ask.
        """
        known: dict[str, dict[int, list[int]]] = self.__dict__.setdefault("_finds", {})
        found = known.get(word)
        if found is None:
            found = known[word] = {}
            for index, (_, text) in enumerate(self.texts):
                position = text.find(word)
                if position >= 0:
                    positions = found[index] = []
                    while position >= 0:
                        positions.append(position)
                        position = text.find(word, position + 1)
        return found

    @cached_property
    def deviation_kinds(self) -> frozenset[str]:
        """Return the kinds (their text) of the report's deviations."""
        return frozenset(deviation.kind for deviation in self.report.deviations)
