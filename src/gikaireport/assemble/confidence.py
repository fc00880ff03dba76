"""Deviations for cells whose OCR reading is doubtful, and proposals from the arithmetic.

A reader that recognised a cell's text (OCR) puts its confidence on the cell's
:class:`~gikaireport.model.Source`. A number read with a confidence below :data:`DOUBTFUL`
is kept as printed but never as a sure value: it gets an ``ocr-doubtful`` deviation naming
the cell, the reading and the confidence, which validation turns into a finding.
:func:`corrections` uses the format's sum relations to propose another recognition
reading for such a cell, as an ``ocr-correction`` deviation; the value is never changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from gikaireport.formats import FormatSpec
from gikaireport.formats.spec import Relation
from gikaireport.lexicon import parse_value
from gikaireport.model import Cell, CellStatus, Deviation, DeviationKind, Source, Value

__all__ = ["DOUBTFUL"]

DOUBTFUL = 0.9
"""An OCR reading less sure than this is doubtful."""


def doubtful_readings(cells: Iterable[Cell]) -> list[Deviation]:
    """An ``ocr-doubtful`` deviation for each value or unreadable cell read with low confidence."""
    deviations = []
    for cell in cells:
        source = cell.source
        if source is None or source.confidence is None or source.confidence >= DOUBTFUL:
            continue
        if cell.status not in (CellStatus.NUMBER, CellStatus.UNREADABLE):
            continue
        deviations.append(
            Deviation(
                DeviationKind.OCR_DOUBTFUL,
                f"单元格由OCR识别，读作“{cell.raw}”，置信度{source.confidence:.2f}，读数存疑",
                (cell.id,),
                source,
                found=cell.raw,
            )
        )
    return deviations


def _sums(relation: Relation, values: Mapping[str, Value | None]) -> bool | None:
    """Whether a relation holds; ``None`` when one of its cells has no number."""
    numbers = [values.get(cell_id) for cell_id in relation.cells]
    if any(number is None for number in numbers):
        return None
    left = sum(values[c] or 0 for c in relation.left)
    return left == sum(values[c] or 0 for c in relation.right)


def _is_doubtful(cell: Cell) -> bool:
    source = cell.source
    return source is not None and source.confidence is not None and source.confidence < DOUBTFUL


def _candidates(relation: Relation, cells: Mapping[str, Cell]) -> str | None:
    """The one doubtful cell a relation that fails (or cannot be summed) hinges on."""
    doubtful = [c for c in relation.cells if _is_doubtful(cells[c])]
    if len(doubtful) != 1:
        return None
    others = [cells[c] for c in relation.cells if c != doubtful[0]]
    if any(cell.status is not CellStatus.NUMBER for cell in others):
        return None
    return doubtful[0]


def corrections(
    spec: FormatSpec, cells: Mapping[str, Cell], alternatives: Mapping[Source, Sequence[str]]
) -> list[Deviation]:
    """Proposals from the format's arithmetic for doubtful OCR readings; values are unchanged.

    Where exactly one cell of a relation that fails (or cannot be summed because that cell
    did not read as a number) has a doubtful reading, and one of its other recognition
    readings satisfies every relation the cell is in, an ``ocr-correction`` deviation records
    the proposal beside the original reading. The cell keeps the value as read: a report
    whose printed numbers do not add up keeps its arithmetic findings.
    """
    if not alternatives:
        return []  # no cell has another reading to propose
    values = {c: cell.value for c, cell in cells.items()}
    proposals: list[Deviation] = []
    seen: set[str] = set()
    for relation in spec.relations:
        if _sums(relation, values):
            continue
        cell_id = _candidates(relation, cells)
        if cell_id is None or cell_id in seen:
            continue
        seen.add(cell_id)
        cell = cells[cell_id]
        involved = [r for r in spec.relations if cell_id in r.cells]
        for reading in alternatives.get(cell.source, ()) if cell.source else ():
            status, value = parse_value(reading, spec.cell(cell_id).kind)
            if status is not CellStatus.NUMBER:
                continue
            trial = {**values, cell_id: value}
            if all(_sums(r, trial) for r in involved):
                proposals.append(
                    Deviation(
                        DeviationKind.OCR_CORRECTION,
                        f"OCR读作“{cell.raw}”的单元格若读作“{reading}”，所在各项勾稽关系均成立；"
                        "数值仍按原读数，请核对原件",
                        (cell_id,),
                        cell.source,
                        expected=reading,
                        found=cell.raw,
                    )
                )
                break
    return proposals
