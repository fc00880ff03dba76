"""Aligning a stream of table cells to a table declaration.

The shape of every table is known in advance, so the assembler does not need to understand
the layout: it recognises row labels (:mod:`~gikaireport.assemble.matcher`: exact, then a
prefix of a label cut by a line break, then a fuzzy match near the expected position), takes
the values that follow a label, and uses position only as a recorded fallback for a row whose
label is missing. Header cells are checked against the column labels to record misprinted
headers. Part 四's layouts are in :mod:`~gikaireport.assemble.review_table`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from itertools import islice
from types import MappingProxyType

from gikaireport.assemble.label_index import LabelIndex, label_index
from gikaireport.assemble.matcher import (
    CAPTION,
    HEADER,
    INERT,
    MAX_GROUP_CAPTION,
    Match,
    match_label,
    plain_row,
    row_match,
)
from gikaireport.assemble.normalize import label_key
from gikaireport.assemble.pieces import Pieces, Run
from gikaireport.assemble.printed import read_value, value_or_blank
from gikaireport.assemble.review_table import align_one_row
from gikaireport.assemble.runs import (
    ABSENT,
    BLANK,
    Placement,
    TableResult,
    strip_to,
    values_only,
)
from gikaireport.formats import FORMATS, FormatSpec, Kind, TableSpec, canonical_id
from gikaireport.model import CellStatus, Deviation, DeviationKind, Source

__all__: list[str] = []


class _Aligner:
    """Aligning one table, run by run: the expected row, the values placed so far and the
    repairs recorded. ``other`` is the other format version's table, whose headers are told
    apart from this one's. Pieces are positions in ``pieces.texts`` (see
    :mod:`~gikaireport.assemble.pieces`).
    """

    def __init__(self, spec: TableSpec, other: TableSpec | None, pieces: Pieces) -> None:
        self.spec = spec
        self.index = label_index(spec, other)
        self.pieces = pieces
        self.texts = pieces.texts
        self.pos = 0
        self.values: dict[int, Sequence[int]] = {}
        self.labels: dict[int, int] = {}
        self.positional: set[int] = set()
        self.deviations: list[Deviation] = []
        self.merged: dict[tuple[int, ...], list[int]] = {}
        self.awaiting: int | None = None
        self.last: int | None = None
        self.foreign: dict[str, int] = {}

    def source(self, piece: int | None) -> Source | None:
        return None if piece is None else self.pieces.source(piece)

    # -- label matching ------------------------------------------------------------------
    def open(self, row: int) -> bool:
        """Whether a row can still be filled (not read yet, or only placed by position)."""
        return row not in self.values or row in self.positional

    def match(self, text: str) -> Match | None:
        return match_label(self.index, text, self.pos, self.open)

    def group_rows(self, text: str) -> tuple[int, ...] | None:
        if len(text) > MAX_GROUP_CAPTION:
            return None
        rows = self.index.groups.get(label_key(text)[1])
        if (
            rows
            and len(rows) > 1
            and self.spec.rows[rows[0]].group
            and all(row not in self.values for row in rows)
        ):
            return rows
        return None

    # -- recording ------------------------------------------------------------------------
    def record(
        self,
        row: int,
        label: int | None,
        values: list[int],
        how: Match | None,
        *,
        by_position: bool = False,
    ) -> None:
        if not self.open(row):
            return
        if row in self.positional:
            # the row's own label turned up after all: forget the repair
            self.positional.discard(row)
            self.deviations = [
                d
                for d in self.deviations
                if not (d.kind == DeviationKind.ROW_BY_POSITION and d.cells == self.cell_ids(row))
            ]
        self.values[row] = values
        self.last = row
        spec_row = self.spec.rows[row]
        if by_position:
            self.positional.add(row)
            self.deviations.append(
                Deviation(
                    DeviationKind.ROW_BY_POSITION,
                    f"“{spec_row.printed}”一行缺少行标签，按位置读取",
                    self.cell_ids(row),
                    self.source(values[0] if values else None),
                    expected=spec_row.printed,
                    found=self.pieces.joined(values),
                )
            )
        if label is not None:
            self.labels[row] = label
        if how is not None and how.variant and label is not None:
            self.deviations.append(
                Deviation(
                    DeviationKind.LABEL_VARIANT,
                    f"行标签“{self.texts[label]}”应为“{spec_row.printed}”",
                    self.cell_ids(row),
                    self.source(label),
                    expected=spec_row.printed,
                    found=self.texts[label],
                )
            )
        self.pos = max(self.pos, row + 1)

    def width(self, row: int) -> int:
        return self.index.widths[row]

    def cell_ids(self, row: int) -> tuple[str, ...]:
        return self.index.ids[row]

    def check_header(self, piece: int) -> None:
        """Record a misprinted column header, or a header of the other format version."""
        if self.pos >= len(self.spec.rows):
            return
        text = self.texts[piece]
        body = label_key(text)[1]
        row = self.spec.rows[self.pos]
        column = self.index.header_variants[self.pos].get(body)
        if column is not None:
            if body in self.index.headers[self.pos]:
                return
            self.deviations.append(
                Deviation(
                    DeviationKind.LABEL_VARIANT,
                    f"表头“{text}”应为“{column.label.text}”",
                    tuple(
                        canonical_id(self.spec.id, r.id, column.id)
                        for r in self.spec.rows
                        if r.block == row.block and column in r.columns
                    ),
                    self.source(piece),
                    expected=column.label.text,
                    found=text,
                )
            )
            return
        if row.block and row.block not in self.foreign and body in self.index.foreign[self.pos]:
            self.foreign[row.block] = piece

    # -- runs -------------------------------------------------------------------------------
    def place(self, runs: Iterable[Run]) -> int:
        """Place runs of pieces in order; return how many complete rows were placed in one
        pass.

        A table row printed as declared is placed in one pass: the official label of an
        open row, after nothing but blanks, values or captions (texts
        :data:`~gikaireport.assemble.matcher.INERT` or ``CAPTION``), then values only. Any
        other complete row goes to :meth:`complete_run`, which would place such a row the
        same way, and a stream to :meth:`stream_run`. (The loop every table row goes
        through: the texts that are not values are found once for the whole part, see
        :attr:`~.Pieces.not_values`, and the look-ups are bound to locals.)
        """
        texts, index, values, labels = self.texts, self.index, self.values, self.labels
        plain, widths = index.plain, index.widths
        not_values: list[int] = []
        taken = 0
        for start, end, complete in runs:
            if not complete:
                self.stream_run(start, end)
                continue
            if not not_values:
                not_values = self.pieces.not_values
            first = bisect_left(not_values, start)
            last = bisect_left(not_values, end, first) - 1
            if last >= first:
                label = not_values[last]
                text = texts[label]
                row, anywhere = plain.get(text) or plain_row(index, text)
                if row >= 0 and (anywhere or row == self.pos) and row not in values:
                    for j in islice(not_values, first, last):
                        text = texts[j]
                        if (plain.get(text) or plain_row(index, text))[0] not in _PASSED_OVER:
                            break
                    else:  # taken: the row's values are all that follows its label
                        self.awaiting = None if any(texts[label + 1 : end]) else row
                        placed = range(label + 1, end)
                        values[row] = (
                            self.fit(list(placed), row) if len(placed) > widths[row] else placed
                        )
                        labels[row] = label
                        self.last = row
                        if row >= self.pos:
                            self.pos = row + 1
                        taken += 1
                        continue
            self.complete_run(start, end)
        return taken

    def _scan(self, start: int, end: int) -> tuple[int, Match | None, int, tuple[int, ...] | None]:
        """Find the last row label and the last group caption of a complete row, with places
        (``start - 1`` for none).

        Other text is checked as a column header. (The loop every printed cell goes
        through: the look-ups are bound to locals.)
        """
        label_at = group_at = start - 1
        found: Match | None = None
        group: tuple[int, ...] | None = None
        index, pos, is_open, texts = self.index, self.pos, self.open, self.texts
        for j in range(start, end):
            text = texts[j]
            if not text or value_or_blank(text):
                continue
            code = plain_row(index, text)[0]
            if code == INERT:
                continue
            match = None if code in _NOT_LABELS else match_label(index, text, pos, is_open)
            if match is not None:
                label_at, found = j, match
                continue
            rows = None if code == HEADER else self.group_rows(text)
            if rows is not None:
                group, group_at = rows, j
            else:
                self.check_header(j)
        return label_at, found, group_at, group

    def complete_run(self, start: int, end: int) -> None:
        texts = self.texts
        label_at, found, group_at, group = self._scan(start, end)
        if found is not None:
            values = list(range(label_at + 1, end))
            self.awaiting = found.row if not any(texts[v] for v in values) else None
            self.record(found.row, label_at, self.fit(values, found.row), found)
            return
        rest = list(range(group_at + 1, end))
        if group is not None and values_only(texts, rest):
            self.merged_group(group, group_at, self.fit(rest, group[0]))
            return
        lead = start
        while lead < end and texts[lead] and not value_or_blank(texts[lead]):
            lead += 1
        rest = list(range(lead, end))
        if not values_only(texts, rest):
            return
        if self.awaiting is not None:
            # the values of a label printed alone, after the label's broken-off tail
            row, self.awaiting = self.awaiting, None
            self.values[row] = self.fit(rest, row)
        elif lead > start:
            return  # a labelled row that is not in the template
        elif self.last is not None and 0 < len(self.values[self.last]) < self.width(self.last):
            # a row broken by a page break or a stray blank line continues here
            row = self.last
            while rest and not texts[rest[0]]:
                rest.pop(0)  # the empty label column of the continued row
            self.values[row] = self.fit([*self.values[row], *rest], row)
        elif self.pos < len(self.spec.rows) and self.open(self.pos):
            self.record(self.pos, None, self.fit(rest, self.pos), None, by_position=True)

    def stream_run(self, start: int, end: int) -> None:
        """Place a stream of cells: each label takes the values that follow it.

        (The loop every cell of a stream goes through: a value a label does not take, or
        text that is no label, is passed over at the cost of one look-up.)
        """
        texts, index = self.texts, self.index
        j = start
        while j < end:
            text = texts[j]
            if not text or value_or_blank(text):
                j += 1
                continue
            row, anywhere = plain_row(index, text)
            if row == INERT:
                j += 1
                continue
            if row >= 0:  # an official label: the row if it is open (see match_label)
                match = (
                    row_match(row, False)
                    if (anywhere or row == self.pos) and self.open(row)
                    else None
                )
            else:
                match = None if row in _NOT_LABELS else self.match(text)
            group = None if match or row == HEADER else self.group_rows(text)
            if match is None and group is None:
                self.check_header(j)
                j += 1
                continue
            first = j + 1
            if first < end and texts[first] and not value_or_blank(texts[first]):
                first = self._skip_fragments(first, end)
            m, stop = first, min(end, first + self.width(group[0] if group else match.row))  # type: ignore[union-attr]
            while m < stop and value_or_blank(texts[m]):
                m += 1
            values = list(range(first, m))
            if group is not None:
                if any(texts[v] for v in values):
                    self.merged_group(group, j, values)
                    j = m
                else:
                    j += 1
                continue
            assert match is not None
            self.awaiting = match.row if not values and m >= end else None
            self.record(match.row, j, values, match)
            j = max(m, j + 1)

    def _skip_fragments(self, m: int, end: int) -> int:
        """Skip a label's broken-off tail or a page header between a label and its values."""
        texts = self.texts
        skipped = m
        while (
            skipped < end
            and skipped - m < 3
            and texts[skipped]
            and not value_or_blank(texts[skipped])
            and self.match(texts[skipped]) is None
            and self.group_rows(texts[skipped]) is None
        ):
            skipped += 1
        if skipped < end and skipped > m and texts[skipped] and value_or_blank(texts[skipped]):
            return skipped
        return m

    def fit(self, values: list[int], row: int) -> list[int]:
        """Fit a row's value pieces to its columns: drop empty padding pieces at the ends."""
        k = self.width(row)
        if len(values) <= k:
            return values
        values = strip_to(self.texts, values, k)
        if len(values) > k:
            self.deviations.append(
                Deviation(
                    DeviationKind.EXTRA_VALUES,
                    f"“{self.spec.rows[row].printed}”一行的数值多于{k}个，多出的未读取",
                    self.cell_ids(row),
                    self.source(values[k]),
                    expected=str(k),
                    found=self.pieces.joined(values),
                )
            )
            values = values[:k]
        return values

    def merged_group(self, rows: tuple[int, ...], caption: int, values: list[int]) -> None:
        """A group printed as one row: keep the printed values, derive only what is forced."""
        self.merged[rows] = values
        for row in rows:
            self.values[row] = []
        self.pos = max(self.pos, rows[-1] + 1)
        self.last = None
        ids = tuple(cell for row in rows for cell in self.cell_ids(row))
        self.deviations.append(
            Deviation(
                DeviationKind.ROWS_MERGED,
                f"“{self.texts[caption]}”印作一行，其下各子项未分列",
                ids,
                self.source(caption),
                expected="、".join(self.spec.rows[row].printed for row in rows),
                found=" ".join(self.texts[v] or "(空)" for v in values),
            )
        )

    def finish(self) -> None:
        """Deviations that need the whole table: short rows and foreign blocks."""
        merged = {row for rows in self.merged for row in rows}
        for row, values in self.values.items():
            k = self.width(row)
            if row not in merged and 0 < len(values) < k:
                spec_row = self.spec.rows[row]
                self.deviations.append(
                    Deviation(
                        DeviationKind.VALUES_SHORT,
                        f"“{spec_row.printed}”一行只有{len(values)}个数值，应为{k}个；"
                        "空白单元格的位置无法确定，缺少的按最后几列空白读取",
                        self.cell_ids(row),
                        self.source(values[0]),
                        expected=str(k),
                        found=self.pieces.joined(values),
                    )
                )
        for block, header in self.foreign.items():
            rows = [i for i, r in enumerate(self.spec.rows) if r.block == block]
            for row in rows:
                self.values.pop(row, None)
            self.deviations.append(
                Deviation(
                    DeviationKind.MIXED_VERSION,
                    f"“{block}”一栏印的是另一版本格式的表头（“{self.texts[header]}”），"
                    "其数值含义不同，未读取",
                    tuple(cell for row in rows for cell in self.cell_ids(row)),
                    self.source(header),
                    expected="、".join(c.label.text for c in self.spec.rows[rows[0]].columns),
                    found=self.texts[header],
                )
            )


def align_table(spec: TableSpec, pieces: Pieces, version: FormatSpec) -> TableResult:
    """Align a part's pieces to ``spec``; every cell of the table gets a status.

    A table laid out as one aligned before without a repair is placed as that one was: the
    same runs of rows and the same texts but for the values (see :attr:`.Pieces.layout`;
    the reports of one template print the same labels, headers and blanks).
    """
    key = (spec.id, version.version, pieces.layout)
    known = _LAIDOUT.get(key)
    if known is not None:
        index, at, labels, found = known
        return TableResult(Placement(index, pieces, at, labels), [], found)
    result = _align(spec, pieces, version)
    found = result.rows_found
    if not result.deviations:
        if len(_LAIDOUT) >= _LAYOUTS_KEPT:
            _LAIDOUT.clear()
        plan = result.cells
        _LAIDOUT[key] = (plan.index, tuple(plan.at), MappingProxyType(dict(plan.labels)), found)
    return result


_LaidOut = tuple[LabelIndex, Sequence[int], Mapping[int, int], int]
_LAIDOUT: dict[object, _LaidOut] = {}
"""The placements of tables aligned without a repair, by table, version and layout."""
_LAYOUTS_KEPT = 256
"""How many layouts :data:`_LAIDOUT` keeps at most; it starts again when full."""


def _align(spec: TableSpec, pieces: Pieces, version: FormatSpec) -> TableResult:
    if spec.one_row:
        return align_one_row(spec, pieces)
    other = _other_table(spec.id, version.version)
    aligner = _Aligner(spec, other, pieces)
    aligner.place(pieces.runs)
    aligner.finish()
    found = len(aligner.values)  # rows read: every key is a row of the declaration
    deviations = aligner.deviations
    if found:
        for index, row in enumerate(spec.rows):
            if index not in aligner.values:
                deviations.append(
                    Deviation(
                        DeviationKind.ROW_MISSING,
                        f"未找到“{row.printed}”一行",
                        aligner.cell_ids(index),
                        expected=row.printed,
                    )
                )
    return TableResult(_placement(aligner), deviations, found)


def _placement(aligner: _Aligner) -> Placement:
    """Where each cell of the table was printed, in declaration order, from the values the
    aligner placed: a row's cells past its printed values are blank, printed where its
    label is; a row not read is absent.
    """
    merged = _merged_rows(aligner)
    placed, labels = aligner.values, aligner.labels
    at: list[int] = []
    blank_at: dict[int, int] = {}
    for row, ids in enumerate(aligner.index.ids):
        values = placed.get(row)
        if values is None or row in merged:
            at += merged.get(row) or [ABSENT] * len(ids)
            continue
        blanks = len(ids) - len(values)
        at += values if blanks >= 0 else values[: len(ids)]  # fit keeps a row to its cells
        if blanks:
            label = labels.get(row)
            if label is not None:
                blank_at.update(dict.fromkeys(range(len(at), len(at) + blanks), label))
            at += [BLANK] * blanks
    index = aligner.index
    return Placement(index, aligner.pieces, at, blank_at)


def _merged_rows(aligner: _Aligner) -> dict[int, list[int]]:
    """The cells of the rows of merged groups: a printed 0 forces each sub-row's cell to 0;
    a cell not so forced is absent, not blank.
    """
    rows: dict[int, list[int]] = {}
    for merged_rows, printed in aligner.merged.items():
        forced = [piece if _zero(aligner.texts[piece]) else ABSENT for piece in printed]
        for row in merged_rows:
            width = aligner.width(row)
            rows[row] = (forced + [ABSENT] * width)[:width]
    return rows


_PASSED_OVER = (INERT, CAPTION)
"""Texts a row printed as declared may print before its label: they change nothing."""
_NOT_LABELS = (INERT, CAPTION, HEADER)
"""What :func:`~gikaireport.assemble.matcher.plain_row` says of a text never a row label."""


def _zero(text: str) -> bool:
    """Whether a merged group's printed value forces each non-negative sub-row to 0 (only a
    printed 0 does).
    """
    status, value = read_value(text, Kind.COUNT)
    return status is CellStatus.NUMBER and value == 0


@cache
def _other_table(table_id: str, version: str) -> TableSpec | None:
    """The table of another format version, whose headers are told apart from this one's."""
    return next((f.table(table_id) for f in FORMATS.values() if f.version != version), None)
