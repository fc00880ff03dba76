"""Part 四's table (administrative review and litigation): the layouts it is printed in.

Its fifteen cells are one row of numbers under a three-level header, or, in some reports,
one labelled row of five per block (行政复议 / 未经复议直接起诉 / 复议后起诉).
"""

from __future__ import annotations

from collections.abc import Sequence

from gikaireport.assemble.label_index import label_index
from gikaireport.assemble.normalize import label_key
from gikaireport.assemble.runs import (
    Run,
    TableResult,
    absent_cell,
    any_recognised,
    read_cell,
    strip_to,
    value_or_blank,
)
from gikaireport.document import TableCell
from gikaireport.formats import TableSpec
from gikaireport.model import Cell, Deviation, DeviationKind

__all__: list[str] = []


def _data_row(pieces: list[TableCell], k: int) -> bool:
    """A full row of part 四 whose few text cells (``暂无``) are unreadable values, not labels."""
    stripped = strip_to(pieces, k)
    values = sum(1 for p in stripped if p.text and value_or_blank(p.text))
    return len(stripped) == k and values * 2 > k


def _labelled_blocks(spec: TableSpec, runs: Sequence[Run]) -> list[TableCell] | None:
    """Part 四 printed as one labelled row of five per block; ``None`` unless every block
    is found.
    """
    found: dict[int, list[TableCell]] = {}
    bodies = [label_key(row.label.text)[1] for row in spec.rows]
    for run in runs:
        if not run.complete:
            continue
        texts = [i for i, p in enumerate(run.pieces) if p.text and not value_or_blank(p.text)]
        if not texts:
            continue
        body = label_key(run.pieces[texts[-1]].text)[1]
        for index, block in enumerate(bodies):
            width = len(spec.rows[index].columns)
            values = strip_to(run.pieces[texts[-1] + 1 :], width)
            if block in body and index not in found and len(values) == width:
                found[index] = values
                break
    if len(found) < len(bodies):
        return None
    return [piece for index in range(len(bodies)) for piece in found[index]]


def _collect(runs: Sequence[Run], k: int) -> list[TableCell]:
    """The row of value cells after the header: up to ``k`` cells."""
    collected: list[TableCell] = []
    header_seen = False
    for run in runs:
        pieces = list(run.pieces)
        if run.complete:
            if not collected and _data_row(pieces, k):
                return strip_to(pieces, k)
            if pieces and all(value_or_blank(p.text) for p in pieces):
                if not any(p.text for p in pieces) and len(pieces) < k and not collected:
                    continue  # padding under a header, not a data row
                collected.extend(strip_to(pieces, k - len(collected)))
            elif len(collected) < k:
                collected = []  # a header row: its blank cells are padding, not data
                header_seen = True
        else:
            for piece in pieces:
                if not value_or_blank(piece.text):
                    if len(collected) < k:
                        collected = []
                        header_seen = True
                elif piece.text or header_seen or collected:
                    collected.append(piece)
                if len(collected) >= k:
                    break
        if len(collected) >= k:
            break
    return collected


def align_one_row(spec: TableSpec, runs: Sequence[Run]) -> TableResult:
    """Part 四: the row of value cells after the header (or one labelled row per block)."""
    index = label_index(spec, None)
    ids = [cell_id for row in index.ids for cell_id in row]
    kinds = [kind for row in index.kinds for kind in row]
    k = len(ids)
    collected = _collect(runs, k)
    if len(collected) < k:
        collected = _labelled_blocks(spec, runs) or collected
    complete = len(collected) >= k

    def cells() -> list[Cell]:
        return [
            read_cell(cell_id, collected[position], kind) if complete else absent_cell(cell_id)
            for position, (cell_id, kind) in enumerate(zip(ids, kinds, strict=True))
        ]

    deviations: list[Deviation] = []
    if not complete and collected:
        deviations.append(
            Deviation(
                DeviationKind.ROW_MISSING,
                f"行政复议、行政诉讼情况表只找到{len(collected)}个数值，应为{k}个",
                tuple(ids),
                collected[0].source,
                expected=str(k),
                found=" ".join(p.text for p in collected),
            )
        )
    return TableResult(
        index.cell_ids, cells, deviations, 1 if complete else 0, any_recognised(collected)
    )
