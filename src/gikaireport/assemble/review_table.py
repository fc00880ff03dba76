"""Part 四's table (administrative review and litigation): the layouts it is printed in.

Its fifteen cells are one row of numbers under a three-level header, or, in some reports,
one labelled row of five per block (行政复议 / 未经复议直接起诉 / 复议后起诉).
"""

from __future__ import annotations

from gikaireport.assemble.label_index import label_index
from gikaireport.assemble.normalize import label_key
from gikaireport.assemble.pieces import Pieces
from gikaireport.assemble.printed import value_or_blank
from gikaireport.assemble.runs import ABSENT, Placement, TableResult, strip_to
from gikaireport.formats import TableSpec
from gikaireport.model import Deviation, DeviationKind

__all__: list[str] = []


def _data_row(texts: list[str], pieces: list[int], k: int) -> bool:
    """A full row of part 四 whose few text cells (``暂无``) are unreadable values, not labels."""
    stripped = strip_to(texts, pieces, k)
    values = sum(1 for p in stripped if texts[p] and value_or_blank(texts[p]))
    return len(stripped) == k and values * 2 > k


def _labelled_blocks(spec: TableSpec, pieces: Pieces) -> list[int] | None:
    """Part 四 printed as one labelled row of five per block; ``None`` unless every block
    is found.
    """
    texts = pieces.texts
    found: dict[int, list[int]] = {}
    bodies = [label_key(row.label.text)[1] for row in spec.rows]
    for start, end, complete in pieces.runs:
        if not complete:
            continue
        labels = [i for i in range(start, end) if texts[i] and not value_or_blank(texts[i])]
        if not labels:
            continue
        body = label_key(texts[labels[-1]])[1]
        for index, block in enumerate(bodies):
            width = len(spec.rows[index].columns)
            values = strip_to(texts, range(labels[-1] + 1, end), width)
            if block in body and index not in found and len(values) == width:
                found[index] = values
                break
    if len(found) < len(bodies):
        return None
    return [piece for index in range(len(bodies)) for piece in found[index]]


def _collect(pieces: Pieces, k: int) -> list[int]:
    """The row of value pieces after the header: up to ``k`` of them."""
    texts = pieces.texts
    collected: list[int] = []
    header_seen = False
    for start, end, complete in pieces.runs:
        run = list(range(start, end))
        if complete:
            if not collected and _data_row(texts, run, k):
                return strip_to(texts, run, k)
            if run and all(value_or_blank(texts[p]) for p in run):
                if not any(texts[p] for p in run) and len(run) < k and not collected:
                    continue  # padding under a header, not a data row
                collected.extend(strip_to(texts, run, k - len(collected)))
            elif len(collected) < k:
                collected = []  # a header row: its blank cells are padding, not data
                header_seen = True
        else:
            for piece in run:
                if not value_or_blank(texts[piece]):
                    if len(collected) < k:
                        collected = []
                        header_seen = True
                elif texts[piece] or header_seen or collected:
                    collected.append(piece)
                if len(collected) >= k:
                    break
        if len(collected) >= k:
            break
    return collected


def align_one_row(spec: TableSpec, pieces: Pieces) -> TableResult:
    """Part 四: the row of value cells after the header (or one labelled row per block)."""
    index = label_index(spec, None)
    k = len(index.cell_ids)
    collected = _collect(pieces, k)
    if len(collected) < k:
        collected = _labelled_blocks(spec, pieces) or collected
    complete = len(collected) >= k
    at = collected[:k] if complete else [ABSENT] * k
    deviations: list[Deviation] = []
    if not complete and collected:
        deviations.append(
            Deviation(
                DeviationKind.ROW_MISSING,
                f"行政复议、行政诉讼情况表只找到{len(collected)}个数值，应为{k}个",
                index.cell_ids,
                pieces.source(collected[0]),
                expected=str(k),
                found=pieces.joined(collected),
            )
        )
    placement = Placement(index, pieces, at, {})
    return TableResult(placement, deviations, 1 if complete else 0)
