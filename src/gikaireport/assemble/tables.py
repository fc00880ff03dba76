"""Aligning a stream of table cells to a table declaration.

The shape of every table is known in advance, so the assembler does not need to understand
the layout: it recognises row labels (:mod:`~gikaireport.assemble.matcher`: exact, then a
prefix of a label cut by a line break, then a fuzzy match near the expected position), takes
the values that follow a label, and uses position only as a recorded fallback for a row whose
label is missing. Header cells are checked against the column labels to record misprinted
headers. Part 四's layouts are in :mod:`~gikaireport.assemble.review_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, partial
from itertools import chain, compress, count
from operator import attrgetter, not_

from gikaireport.assemble.label_index import label_index
from gikaireport.assemble.matcher import (
    CAPTION,
    HEADER,
    INERT,
    MAX_GROUP_CAPTION,
    Match,
    match_label,
    plain_row,
)
from gikaireport.assemble.normalize import label_key
from gikaireport.assemble.review_table import align_one_row
from gikaireport.assemble.runs import (
    Run,
    TableResult,
    absent_cell,
    any_recognised,
    read_cell,
    strip_to,
    value_or_blank,
    values_only,
)
from gikaireport.document import TableCell
from gikaireport.formats import FORMATS, FormatSpec, Kind, TableSpec, canonical_id
from gikaireport.lexicon import parse_value
from gikaireport.model import Cell, CellStatus, Deviation, DeviationKind
from gikaireport.model.cells import SLOT_SETTERS

__all__: list[str] = []


class _Aligner:
    """Aligning one table, run by run: the expected row, the values placed so far and the
    repairs recorded. ``other`` is the other format version's table, whose headers are told
    apart from this one's.
    """

    def __init__(self, spec: TableSpec, other: TableSpec | None) -> None:
        self.spec = spec
        self.index = label_index(spec, other)
        self.pos = 0
        self.values: dict[int, list[TableCell]] = {}
        self.labels: dict[int, TableCell] = {}
        self.positional: set[int] = set()
        self.deviations: list[Deviation] = []
        self.merged: dict[tuple[int, ...], list[TableCell]] = {}
        self.awaiting: int | None = None
        self.last: int | None = None
        self.foreign: dict[str, TableCell] = {}

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
        label: TableCell | None,
        values: list[TableCell],
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
                    values[0].source if values else None,
                    expected=spec_row.printed,
                    found=" ".join(p.text for p in values),
                )
            )
        if label is not None:
            self.labels[row] = label
        if how is not None and how.variant and label is not None:
            self.deviations.append(
                Deviation(
                    DeviationKind.LABEL_VARIANT,
                    f"行标签“{label.text}”应为“{spec_row.printed}”",
                    self.cell_ids(row),
                    label.source,
                    expected=spec_row.printed,
                    found=label.text,
                )
            )
        self.pos = max(self.pos, row + 1)

    def width(self, row: int) -> int:
        return len(self.index.ids[row])

    def cell_ids(self, row: int) -> tuple[str, ...]:
        return self.index.ids[row]

    def check_header(self, piece: TableCell) -> None:
        """Record a misprinted column header, or a header of the other format version."""
        if self.pos >= len(self.spec.rows):
            return
        body = label_key(piece.text)[1]
        row = self.spec.rows[self.pos]
        column = self.index.header_variants[self.pos].get(body)
        if column is not None:
            if body in self.index.headers[self.pos]:
                return
            self.deviations.append(
                Deviation(
                    DeviationKind.LABEL_VARIANT,
                    f"表头“{piece.text}”应为“{column.label.text}”",
                    tuple(
                        canonical_id(self.spec.id, r.id, column.id)
                        for r in self.spec.rows
                        if r.block == row.block and column in r.columns
                    ),
                    piece.source,
                    expected=column.label.text,
                    found=piece.text,
                )
            )
            return
        if row.block and row.block not in self.foreign and body in self.index.foreign[self.pos]:
            self.foreign[row.block] = piece

    # -- runs -------------------------------------------------------------------------------
    def take_row(self, pieces: Sequence[TableCell]) -> bool:
        """Place a table row printed as declared, in one pass; ``False`` leaves it to
        :meth:`complete_run`, which would place it the same way.

        As declared: the official label of an open row, after nothing but blanks, values or
        captions (texts :data:`~gikaireport.assemble.matcher.INERT` or ``CAPTION``), then
        values only. (The loop every table row goes through: the cells' texts are
        classified by ``map``, and only the few that are not values looked at one by one.)
        """
        texts = list(map(_text, pieces))
        others = list(compress(count(), map(not_, map(value_or_blank, texts))))
        if not others:
            return False
        label_at = others.pop()
        index = self.index
        row, anywhere = plain_row(index, texts[label_at])
        if row < 0 or not (anywhere or row == self.pos) or row in self.values:
            return False
        for j in others:
            if plain_row(index, texts[j])[0] not in _PASSED_OVER:
                return False
        self.awaiting = None if any(texts[label_at + 1 :]) else row
        self.values[row] = self.fit(list(pieces[label_at + 1 :]), row)
        self.labels[row] = pieces[label_at]
        self.last = row
        if row >= self.pos:
            self.pos = row + 1
        return True

    def _scan(
        self, pieces: Sequence[TableCell]
    ) -> tuple[int, Match | None, int, tuple[int, ...] | None]:
        """Find the last row label and the last group caption of a complete row, with places.

        Other text is checked as a column header. (The loop every printed cell goes
        through: the look-ups are bound to locals.)
        """
        label_at = group_at = -1
        found: Match | None = None
        group: tuple[int, ...] | None = None
        index, pos, is_open = self.index, self.pos, self.open
        for j, piece in enumerate(pieces):
            text = piece.text
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
                self.check_header(piece)
        return label_at, found, group_at, group

    def complete_run(self, pieces: Sequence[TableCell]) -> None:
        label_at, found, group_at, group = self._scan(pieces)
        if found is not None:
            values = list(pieces[label_at + 1 :])
            self.awaiting = found.row if not any(v.text for v in values) else None
            self.record(found.row, pieces[label_at], self.fit(values, found.row), found)
            return
        rest = list(pieces[group_at + 1 :])
        if group is not None and values_only(rest):
            self.merged_group(group, pieces[group_at], self.fit(rest, group[0]))
            return
        lead = 0
        while lead < len(pieces) and pieces[lead].text and not value_or_blank(pieces[lead].text):
            lead += 1
        rest = list(pieces[lead:])
        if not values_only(rest):
            return
        if self.awaiting is not None:
            # the values of a label printed alone, after the label's broken-off tail
            row, self.awaiting = self.awaiting, None
            self.values[row] = self.fit(rest, row)
        elif lead:
            return  # a labelled row that is not in the template
        elif self.last is not None and 0 < len(self.values[self.last]) < self.width(self.last):
            # a row broken by a page break or a stray blank line continues here
            row = self.last
            while rest and not rest[0].text:
                rest.pop(0)  # the empty label column of the continued row
            self.values[row] = self.fit([*self.values[row], *rest], row)
        elif self.pos < len(self.spec.rows) and self.open(self.pos):
            self.record(self.pos, None, self.fit(rest, self.pos), None, by_position=True)

    def stream_run(self, pieces: Sequence[TableCell]) -> None:
        j = 0
        n = len(pieces)
        while j < n:
            piece = pieces[j]
            text = piece.text
            code = INERT if not text or value_or_blank(text) else plain_row(self.index, text)[0]
            if code == INERT:
                j += 1
                continue
            match = None if code in _NOT_LABELS else self.match(piece.text)
            group = None if match or code == HEADER else self.group_rows(piece.text)
            if match is None and group is None:
                self.check_header(piece)
                j += 1
                continue
            first = group[0] if group else match.row  # type: ignore[union-attr]
            k = self.width(first)
            m = self._skip_fragments(pieces, j + 1)
            values: list[TableCell] = []
            while m < n and len(values) < k and value_or_blank(pieces[m].text):
                values.append(pieces[m])
                m += 1
            if group is not None:
                if any(v.text for v in values):
                    self.merged_group(group, piece, values)
                    j = m
                else:
                    j += 1
                continue
            assert match is not None
            self.awaiting = match.row if not values and m >= n else None
            self.record(match.row, piece, values, match)
            j = max(m, j + 1)

    def _skip_fragments(self, pieces: Sequence[TableCell], m: int) -> int:
        """Skip a label's broken-off tail or a page header between a label and its values."""
        n = len(pieces)
        skipped = m
        while (
            skipped < n
            and skipped - m < 3
            and pieces[skipped].text
            and not value_or_blank(pieces[skipped].text)
            and self.match(pieces[skipped].text) is None
            and self.group_rows(pieces[skipped].text) is None
        ):
            skipped += 1
        if (
            skipped < n
            and skipped > m
            and pieces[skipped].text
            and value_or_blank(pieces[skipped].text)
        ):
            return skipped
        return m

    def fit(self, values: list[TableCell], row: int) -> list[TableCell]:
        """Fit a row's value cells to its columns: drop empty padding cells at the ends."""
        k = self.width(row)
        if len(values) <= k:
            return values
        values = strip_to(values, k)
        if len(values) > k:
            self.deviations.append(
                Deviation(
                    DeviationKind.EXTRA_VALUES,
                    f"“{self.spec.rows[row].printed}”一行的数值多于{k}个，多出的未读取",
                    self.cell_ids(row),
                    values[k].source,
                    expected=str(k),
                    found=" ".join(v.text for v in values),
                )
            )
            values = values[:k]
        return values

    def merged_group(
        self, rows: tuple[int, ...], caption: TableCell, values: list[TableCell]
    ) -> None:
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
                f"“{caption.text}”印作一行，其下各子项未分列",
                ids,
                caption.source,
                expected="、".join(self.spec.rows[row].printed for row in rows),
                found=" ".join(v.text or "(空)" for v in values),
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
                        values[0].source,
                        expected=str(k),
                        found=" ".join(v.text for v in values),
                    )
                )
        for block, header in self.foreign.items():
            rows = [i for i, r in enumerate(self.spec.rows) if r.block == block]
            for row in rows:
                self.values.pop(row, None)
            self.deviations.append(
                Deviation(
                    DeviationKind.MIXED_VERSION,
                    f"“{block}”一栏印的是另一版本格式的表头（“{header.text}”），"
                    "其数值含义不同，未读取",
                    tuple(cell for row in rows for cell in self.cell_ids(row)),
                    header.source,
                    expected="、".join(c.label.text for c in self.spec.rows[rows[0]].columns),
                    found=header.text,
                )
            )


def align_table(spec: TableSpec, runs: Sequence[Run], version: FormatSpec) -> TableResult:
    """Align runs of cells to ``spec``; every cell of the table gets a status."""
    if spec.one_row:
        return align_one_row(spec, runs)
    other = _other_table(spec.id, version.version)
    aligner = _Aligner(spec, other)
    for run in runs:
        if run.complete:
            if not aligner.take_row(run.pieces):
                aligner.complete_run(run.pieces)
        else:
            aligner.stream_run(run.pieces)
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
    read = chain(
        chain.from_iterable(aligner.values.values()),
        chain.from_iterable(aligner.merged.values()),
        aligner.labels.values(),  # the source of a row's blank cells
    )
    return TableResult(
        aligner.index.cell_ids, partial(_cells, aligner), deviations, found, any_recognised(read)
    )


def _cells(aligner: _Aligner) -> list[Cell]:
    """Every cell of the table, in declaration order, from the values the aligner placed.

    Each cell is built once, as :func:`~gikaireport.model.cells.trusted_cell` builds it,
    inlined: this is the one loop that runs for every cell of every report.
    """
    merged = _merged_rows(aligner)
    cells: list[Cell] = []
    add = cells.append
    labels = aligner.labels
    placed = aligner.values
    for row, (ids, kinds) in enumerate(zip(aligner.index.ids, aligner.index.kinds, strict=True)):
        values = placed.get(row)
        if row in merged or values is None:
            cells.extend(merged.get(row) or map(absent_cell, ids))
            continue
        for cell_id, kind, piece in zip(ids, kinds, values, strict=False):  # values may be fewer
            status, value = parse_value(piece.text, kind)  # read_cell, inlined
            add(cell := _new_cell(Cell))
            _set_id(cell, cell_id)
            _set_status(cell, status)
            _set_value(cell, value)
            _set_raw(cell, piece.text)
            _set_source(cell, piece.source)
        label = labels.get(row)
        blank = label.source if label else None
        for cell_id in ids[len(values) :]:  # blank past the printed values
            add(cell := _new_cell(Cell))
            _set_id(cell, cell_id)
            _set_status(cell, _BLANK)
            _set_value(cell, None)
            _set_raw(cell, "")
            _set_source(cell, blank)
    return cells


def _merged_rows(aligner: _Aligner) -> dict[int, list[Cell]]:
    """The cells of the rows of merged groups: a printed 0 forces each sub-row's cell to 0;
    a cell not so forced is absent, not blank.
    """
    rows: dict[int, list[Cell]] = {}
    for merged_rows, printed in aligner.merged.items():
        for row in merged_rows:
            ids, kinds = aligner.index.ids[row], aligner.index.kinds[row]
            forced = [_forced_zero(piece) for piece in printed]
            rows[row] = [
                read_cell(cell_id, piece, kind) if piece is not None else absent_cell(cell_id)
                for cell_id, kind, piece in zip(
                    ids, kinds, [*forced, *[None] * len(ids)], strict=False
                )
            ]
    return rows


_PASSED_OVER = (INERT, CAPTION)
"""Texts a row printed as declared may print before its label: they change nothing."""
_NOT_LABELS = (INERT, CAPTION, HEADER)
"""What :func:`~gikaireport.assemble.matcher.plain_row` says of a text never a row label."""
_text = attrgetter("text")
_BLANK = CellStatus.BLANK
_new_cell = object.__new__
_set_id, _set_status, _set_value, _set_raw, _set_source = SLOT_SETTERS


def _forced_zero(piece: TableCell) -> TableCell | None:
    """A merged group's printed 0 forces each non-negative sub-row to 0; nothing else is."""
    status, value = parse_value(piece.text, Kind.COUNT)
    return piece if status is CellStatus.NUMBER and value == 0 else None


@cache
def _other_table(table_id: str, version: str) -> TableSpec | None:
    """The table of another format version, whose headers are told apart from this one's."""
    return next((f.table(table_id) for f in FORMATS.values() if f.version != version), None)
