"""Evaluating the sum relations of the format declaration against a report's cells.

A relation ``sum(left) == sum(right)`` is *complete* when every cell holds a number; then it
holds or it does not. When some cells hold no number (blank, dash, unreadable, absent) it
cannot be checked, with one exception: every cell of a relation is a count, so a missing
number is at least 0, and when one side is complete and the printed numbers of the other
side already exceed it, the printed numbers contradict each other whatever the missing ones
are. That is the only case an incomplete relation is an error.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from functools import lru_cache

from attrs import frozen

from gikaireport.formats import Kind, Relation, get_format
from gikaireport.model import Cell, CellStatus, Report, Value

__all__ = ["Evaluation", "evaluate", "relations_of", "unsettled"]


@lru_cache(maxsize=32)
def relations_of(version: str, family: str | None) -> tuple[Relation, ...]:
    """Return the relations of one family (all when ``None``) of a format version."""
    spec = get_format(version)
    return tuple(r for r in spec.relations if family is None or r.family == family)


@lru_cache(maxsize=8)
def _counts_only(version: str) -> frozenset[str]:
    """Return the relations all of whose cells are non-negative counts."""
    spec = get_format(version)
    return frozenset(
        r.id for r in spec.relations if all(spec.cell(c).kind is Kind.COUNT for c in r.cells)
    )


@frozen
class Evaluation:
    """A relation against a report's cells.

    Attributes:
        relation: the relation.
        left / right: the cells of each side.
        left_sum / right_sum: the sums of the numbers printed on each side.
        missing: the cells that hold no number.
        contradiction: the printed numbers cannot satisfy the relation (always ``True`` for a
            complete relation that does not hold).

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
        """Every cell holds a number."""
        return not self.missing

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell, left side first."""
        return (*self.left, *self.right)

    @property
    def has_numbers(self) -> bool:
        """At least one cell holds a number."""
        return len(self.missing) < len(self.left) + len(self.right)


def _side(cells: tuple[Cell, ...]) -> tuple[Value, int]:
    total: Value = 0
    unknown = 0
    for cell in cells:
        if cell.status is CellStatus.NUMBER:
            total += cell.value  # type: ignore[operator]
        else:
            unknown += 1
    return total, unknown


def evaluate(relation: Relation, cells: Mapping[str, Cell], version: str) -> Evaluation:
    """Evaluate one relation on a report's cells (see the module documentation)."""
    left = tuple(cells[c] for c in relation.left)
    right = tuple(cells[c] for c in relation.right)
    left_sum, left_unknown = _side(left)
    right_sum, right_unknown = _side(right)
    if not left_unknown and not right_unknown:
        contradiction = left_sum != right_sum
        missing: tuple[Cell, ...] = ()
    else:
        missing = tuple(c for c in (*left, *right) if c.status is not CellStatus.NUMBER)
        bounded = relation.id in _counts_only(version)
        contradiction = bounded and (
            (not left_unknown and right_sum > left_sum)
            or (not right_unknown and left_sum > right_sum)
        )
    return Evaluation(relation, left, right, left_sum, right_sum, missing, contradiction)


_last: tuple[weakref.ref[Report], tuple[Evaluation, ...]] | None = None


def unsettled(report: Report) -> tuple[Evaluation, ...]:
    """Return the relations of ``report`` that do not simply hold, in declaration order.

    These are the incomplete relations and those that fail.

    Several rules read this; the result for the last report is kept (weakly) so that one
    run of the rules evaluates each relation once.
    """
    global _last
    cached = _last
    if cached is not None and cached[0]() is report:
        return cached[1]
    cells = report.cells()
    version = report.format_version
    number = CellStatus.NUMBER
    out = []
    for relation in relations_of(version, None):
        total: Value = 0
        for cell_id in relation.left:
            cell = cells[cell_id]
            if cell.status is not number:
                break
            total += cell.value  # type: ignore[operator]
        else:
            for cell_id in relation.right:
                cell = cells[cell_id]
                if cell.status is not number:
                    break
                total -= cell.value  # type: ignore[operator]
            else:
                if total == 0:
                    continue
        out.append(evaluate(relation, cells, version))
    result = tuple(out)
    _last = (weakref.ref(report), result)
    return result
