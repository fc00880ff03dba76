"""Aligning a stream of table cells to a table declaration.

The shape of every table is known in advance, so the assembler does not need to understand
the layout: it recognises row labels by normalised matching (exact, then a prefix of a label
cut by a line break, then a fuzzy match near the expected position), takes the values that
follow a label, and uses position only as a recorded fallback for a row whose label is
missing. Header cells are checked against the column labels to record misprinted headers.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from attrs import define, frozen

from gikaireport.assemble.normalize import label_key, looks_like_value, parse_value
from gikaireport.document import TableCell
from gikaireport.formats import CAPTIONS, FORMATS, FormatSpec, Kind, Row, TableSpec
from gikaireport.model import Cell, CellStatus, Deviation, Source

__all__ = ["Run", "TableResult", "align_table"]

_FUZZY_WINDOW = 6
_FUZZY_RATIO = 0.75


@frozen
class Run:
    """A sequence of cells: a table row when ``complete``, else a run of a cell stream
    (paragraphs count as cells of the stream).
    """

    pieces: tuple[TableCell, ...]
    complete: bool


@frozen
class _Index:
    rows: dict[str, list[tuple[int, bool]]]
    groups: dict[str, tuple[int, ...]]
    known: frozenset[str]
    forms: tuple[tuple[tuple[str, bool], ...], ...]


_INDEXES: dict[tuple[int, int], _Index] = {}


def _index(spec: TableSpec, other: TableSpec | None) -> _Index:
    """The label index of a table, built once per declaration (keyed by identity: the
    declarations are module-level constants, and hashing them field by field is slow).
    """
    key = (id(spec), id(other))
    found = _INDEXES.get(key)
    if found is None:
        found = _INDEXES[key] = _build_index(spec, other)
    return found


def _build_index(spec: TableSpec, other: TableSpec | None) -> _Index:
    rows: dict[str, list[tuple[int, bool]]] = {}
    groups: dict[str, list[int]] = {}
    known: set[str] = {label_key(caption)[1] for caption in CAPTIONS}
    forms = []
    for index, row in enumerate(spec.rows):
        row_forms = []
        for number, form in enumerate(row.label.forms):
            body = label_key(form)[1]
            rows.setdefault(body, []).append((index, number > 0))
            row_forms.append((body, number > 0))
        forms.append(tuple(row_forms))
        for caption in (row.group, row.block):
            if caption:
                groups.setdefault(label_key(caption)[1], []).append(index)
        for column in row.columns:
            known.update(label_key(form)[1] for form in column.label.forms)
    for table in (other,) if other else ():
        for row in table.rows:
            for column in row.columns:
                known.update(label_key(form)[1] for form in column.label.forms)
            known.update(label_key(form)[1] for form in row.label.forms)
    return _Index(
        rows,
        {key: tuple(value) for key, value in groups.items()},
        frozenset(known - set(rows)),
        tuple(forms),
    )


@frozen
class _Match:
    row: int
    variant: bool  # a declared variant or a fuzzy match: worth a deviation


@define
class TableResult:
    """The cells of one table and what aligning it repaired."""

    cells: dict[str, Cell]
    deviations: list[Deviation]
    rows_found: int


def _ordinal_of(row: Row) -> str:
    return label_key(row.number + "x")[0] if row.number else ""


class _Aligner:
    def __init__(self, spec: TableSpec, other: TableSpec | None) -> None:
        self.spec = spec
        self.other = other
        self.index = _index(spec, other)
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

    def match(self, text: str) -> _Match | None:
        if len(text) > 120:
            return None
        ordinal, body = label_key(text)
        if not body or body in self.index.known:
            return None
        rows = self.spec.rows
        exact = self.index.rows.get(body)
        if exact:
            candidates = [(row, variant) for row, variant in exact if self.open(row)]
            ahead = [c for c in candidates if c[0] >= self.pos] or candidates
            for row, variant in sorted(
                ahead, key=lambda c: (c[0] < self.pos, abs(c[0] - self.pos))
            ):
                row_ordinal = _ordinal_of(rows[row])
                if ordinal and row_ordinal and ordinal != row_ordinal:
                    continue
                if len(body) <= 2 and row != self.pos and not (ordinal and ordinal == row_ordinal):
                    continue
                return _Match(row, variant)
            return None
        if len(body) < 4 or body in self.index.groups:
            return None
        window = range(self.pos, min(len(rows), self.pos + _FUZZY_WINDOW))
        for row in window:
            if not self.open(row):
                continue
            row_ordinal = _ordinal_of(rows[row])
            if ordinal and row_ordinal and ordinal != row_ordinal:
                continue
            for form, variant in self.index.forms[row]:
                if (form.startswith(body) and len(body) * 2 >= len(form)) or (
                    body.startswith(form)
                    and len(body) - len(form) <= 4
                    and not body[-1].isdigit()  # numbers glued to the label, not a label
                ):
                    return _Match(row, variant)
        best: tuple[float, int] | None = None
        for row in window:
            if not self.open(row):
                continue
            for form, _variant in self.index.forms[row]:
                if abs(len(form) - len(body)) * 5 > 2 * len(form):
                    continue
                ratio = SequenceMatcher(None, body, form, autojunk=False).ratio()
                if ratio >= _FUZZY_RATIO and (best is None or ratio > best[0]):
                    best = (ratio, row)
        return _Match(best[1], True) if best else None

    def group_rows(self, text: str) -> tuple[int, ...] | None:
        if len(text) > 60:
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
        how: _Match | None,
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
                if not (d.kind == "row-by-position" and d.cells == self.cell_ids(row))
            ]
        self.values[row] = values
        self.last = row
        spec_row = self.spec.rows[row]
        if by_position:
            self.positional.add(row)
            self.deviations.append(
                Deviation(
                    "row-by-position",
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
                    "label-variant",
                    f"行标签“{label.text}”应为“{spec_row.printed}”",
                    self.cell_ids(row),
                    label.source,
                    expected=spec_row.printed,
                    found=label.text,
                )
            )
        self.pos = max(self.pos, row + 1)

    def width(self, row: int) -> int:
        return len(self.spec.rows[row].columns)

    def cell_ids(self, row: int) -> tuple[str, ...]:
        spec_row = self.spec.rows[row]
        return tuple(f"{self.spec.id}.{spec_row.id}.{column.id}" for column in spec_row.columns)

    def check_header(self, piece: TableCell) -> None:
        """Record a misprinted column header, or a header of the other format version."""
        if self.pos >= len(self.spec.rows):
            return
        body = label_key(piece.text)[1]
        row = self.spec.rows[self.pos]
        for column in row.columns:
            for number, form in enumerate(column.label.forms):
                if number and label_key(form)[1] == body:
                    if any(label_key(f)[1] == body for c in row.columns for f in c.label.forms[:1]):
                        return
                    self.deviations.append(
                        Deviation(
                            "label-variant",
                            f"表头“{piece.text}”应为“{column.label.text}”",
                            tuple(
                                f"{self.spec.id}.{r.id}.{column.id}"
                                for r in self.spec.rows
                                if r.block == row.block and column in r.columns
                            ),
                            piece.source,
                            expected=column.label.text,
                            found=piece.text,
                        )
                    )
                    return
        if row.block and self.other is not None and row.block not in self.foreign:
            mine = {label_key(f)[1] for c in row.columns for f in c.label.forms}
            theirs = {
                label_key(f)[1]
                for other_row in self.other.rows
                if other_row.block == row.block
                for c in other_row.columns
                for f in c.label.forms
            }
            if body in theirs - mine:
                self.foreign[row.block] = piece

    # -- runs -------------------------------------------------------------------------------
    def complete_run(self, pieces: Sequence[TableCell]) -> None:
        label_at = -1
        found: _Match | None = None
        group: tuple[int, ...] | None = None
        group_at = -1
        for j, piece in enumerate(pieces):
            if not piece.text or looks_like_value(piece.text):
                continue
            match = self.match(piece.text)
            if match is not None:
                label_at, found = j, match
                continue
            rows = self.group_rows(piece.text)
            if rows is not None:
                group, group_at = rows, j
            else:
                self.check_header(piece)
        if found is not None:
            values = list(pieces[label_at + 1 :])
            self.awaiting = found.row if not any(v.text for v in values) else None
            self.record(found.row, pieces[label_at], self.fit(values, found.row), found)
            return
        rest = list(pieces[group_at + 1 :])
        if group is not None and _values_only(rest):
            self.merged_group(group, pieces[group_at], self.fit(rest, group[0]))
            return
        lead = 0
        while lead < len(pieces) and pieces[lead].text and not looks_like_value(pieces[lead].text):
            lead += 1
        rest = list(pieces[lead:])
        if not _values_only(rest):
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
            if not piece.text or looks_like_value(piece.text):
                j += 1
                continue
            match = self.match(piece.text)
            group = None if match else self.group_rows(piece.text)
            if match is None and group is None:
                self.check_header(piece)
                j += 1
                continue
            first = group[0] if group else match.row  # type: ignore[union-attr]
            k = self.width(first)
            m = self._skip_fragments(pieces, j + 1)
            values: list[TableCell] = []
            while m < n and len(values) < k and looks_like_value(pieces[m].text):
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
            and not looks_like_value(pieces[skipped].text)
            and self.match(pieces[skipped].text) is None
            and self.group_rows(pieces[skipped].text) is None
        ):
            skipped += 1
        if (
            skipped < n
            and skipped > m
            and pieces[skipped].text
            and looks_like_value(pieces[skipped].text)
        ):
            return skipped
        return m

    def fit(self, values: list[TableCell], row: int) -> list[TableCell]:
        """Fit a row's value cells to its columns: drop empty padding cells at the ends."""
        k = self.width(row)
        values = _strip_to(values, k)
        if len(values) > k:
            self.deviations.append(
                Deviation(
                    "extra-values",
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
                "rows-merged",
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
                        "values-short",
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
                    "mixed-version",
                    f"“{block}”一栏印的是另一版本格式的表头（“{header.text}”），"
                    "其数值含义不同，未读取",
                    tuple(cell for row in rows for cell in self.cell_ids(row)),
                    header.source,
                    expected="、".join(c.label.text for c in self.spec.rows[rows[0]].columns),
                    found=header.text,
                )
            )


def _values_only(pieces: Sequence[TableCell]) -> bool:
    """Whether a run holds only values (numbers, dashes, blanks), at least one printed."""
    return (
        bool(pieces)
        and all(looks_like_value(p.text) for p in pieces)
        and any(p.text for p in pieces)
    )


def align_table(spec: TableSpec, runs: Sequence[Run], version: FormatSpec) -> TableResult:
    """Align runs of cells to ``spec``; every cell of the table gets a status."""
    other = next(
        (f.table(spec.id) for f in _other_versions(version)),
        None,
    )
    if spec.one_row:
        return _align_one_row(spec, runs)
    aligner = _Aligner(spec, other)
    for run in runs:
        if run.complete:
            aligner.complete_run(run.pieces)
        else:
            aligner.stream_run(run.pieces)
    aligner.finish()
    cells: dict[str, Cell] = {}
    derived: dict[int, list[TableCell | None]] = {}
    for merged_rows, printed in aligner.merged.items():
        for merged_row in merged_rows:
            derived[merged_row] = [_forced_zero(v) for v in printed]
    for index, row in enumerate(spec.rows):
        values = aligner.values.get(index)
        for c, column in enumerate(row.columns):
            cell_id = f"{spec.id}.{row.id}.{column.id}"
            if index in derived:
                piece = derived[index][c] if c < len(derived[index]) else None
                cells[cell_id] = (
                    _cell(cell_id, piece, column.kind)
                    if piece
                    else Cell(cell_id, CellStatus.ABSENT)
                )
            elif values is None:
                cells[cell_id] = Cell(cell_id, CellStatus.ABSENT)
            elif c < len(values):
                cells[cell_id] = _cell(cell_id, values[c], column.kind)
            else:
                cells[cell_id] = Cell(cell_id, CellStatus.BLANK, source=_row_source(aligner, index))
    found = sum(1 for index in range(len(spec.rows)) if index in aligner.values)
    deviations = aligner.deviations
    if found:
        for index, row in enumerate(spec.rows):
            if index not in aligner.values:
                deviations.append(
                    Deviation(
                        "row-missing",
                        f"未找到“{row.printed}”一行",
                        aligner.cell_ids(index),
                        expected=row.printed,
                    )
                )
    return TableResult(cells, deviations, found)


def _row_source(aligner: _Aligner, row: int) -> Source | None:
    label = aligner.labels.get(row)
    return label.source if label else None


def _forced_zero(piece: TableCell) -> TableCell | None:
    """A merged group's printed 0 forces each non-negative sub-row to 0; nothing else is."""
    status, value = parse_value(piece.text, Kind.COUNT)
    return piece if status is CellStatus.NUMBER and value == 0 else None


def _cell(cell_id: str, piece: TableCell, kind: Kind) -> Cell:
    status, value = parse_value(piece.text, kind)
    return Cell(cell_id, status, value, piece.text, piece.source)


def _other_versions(version: FormatSpec) -> list[FormatSpec]:
    return [f for f in FORMATS.values() if f.version != version.version]


def _strip_to(pieces: list[TableCell], k: int) -> list[TableCell]:
    """Drop empty padding cells at the ends of a row until it has ``k`` cells."""
    pieces = list(pieces)
    while len(pieces) > k and not pieces[-1].text:
        pieces.pop()
    while len(pieces) > k and not pieces[0].text:
        pieces.pop(0)
    return pieces


def _data_row(pieces: list[TableCell], k: int) -> bool:
    """A full row of part 四 whose few text cells (``暂无``) are unreadable values, not labels."""
    stripped = _strip_to(pieces, k)
    values = sum(1 for p in stripped if p.text and looks_like_value(p.text))
    return len(stripped) == k and values * 2 > k


def _labelled_blocks(spec: TableSpec, runs: Sequence[Run]) -> list[TableCell] | None:
    """Part 四 printed as one labelled row of five per block (行政复议 / 未经复议直接起诉 /
    复议后起诉); ``None`` unless every block is found.
    """
    found: dict[int, list[TableCell]] = {}
    bodies = [label_key(row.label.text)[1] for row in spec.rows]
    for run in runs:
        if not run.complete:
            continue
        texts = [i for i, p in enumerate(run.pieces) if p.text and not looks_like_value(p.text)]
        if not texts:
            continue
        body = label_key(run.pieces[texts[-1]].text)[1]
        for index, block in enumerate(bodies):
            width = len(spec.rows[index].columns)
            values = _strip_to(list(run.pieces[texts[-1] + 1 :]), width)
            if block in body and index not in found and len(values) == width:
                found[index] = values
                break
    if len(found) < len(bodies):
        return None
    return [piece for index in range(len(bodies)) for piece in found[index]]


def _align_one_row(spec: TableSpec, runs: Sequence[Run]) -> TableResult:
    """Part 四: the row of value cells after the header (or one labelled row per block)."""
    k = sum(len(row.columns) for row in spec.rows)
    collected: list[TableCell] = []
    header_seen = False
    for run in runs:
        pieces = list(run.pieces)
        if run.complete:
            if not collected and _data_row(pieces, k):
                collected = _strip_to(pieces, k)
                break
            if pieces and all(looks_like_value(p.text) for p in pieces):
                if not any(p.text for p in pieces) and len(pieces) < k and not collected:
                    continue  # padding under a header, not a data row
                collected.extend(_strip_to(pieces, k - len(collected)))
            elif len(collected) < k:
                collected = []  # a header row: its blank cells are padding, not data
                header_seen = True
        else:
            for piece in pieces:
                if not looks_like_value(piece.text):
                    if len(collected) < k:
                        collected = []
                        header_seen = True
                elif piece.text or header_seen or collected:
                    collected.append(piece)
                if len(collected) >= k:
                    break
        if len(collected) >= k:
            break
    if len(collected) < k:
        collected = _labelled_blocks(spec, runs) or collected
    cells: dict[str, Cell] = {}
    deviations: list[Deviation] = []
    ids = [f"{spec.id}.{row.id}.{column.id}" for row in spec.rows for column in row.columns]
    kinds = [column.kind for row in spec.rows for column in row.columns]
    complete = len(collected) >= k
    for position, (cell_id, kind) in enumerate(zip(ids, kinds, strict=True)):
        if complete:
            cells[cell_id] = _cell(cell_id, collected[position], kind)
        else:
            cells[cell_id] = Cell(cell_id, CellStatus.ABSENT)
    if not complete and collected:
        deviations.append(
            Deviation(
                "row-missing",
                f"行政复议、行政诉讼情况表只找到{len(collected)}个数值，应为{k}个",
                tuple(ids),
                collected[0].source,
                expected=str(k),
                found=" ".join(p.text for p in collected),
            )
        )
    return TableResult(cells, deviations, 1 if complete else 0)
