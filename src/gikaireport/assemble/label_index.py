"""The label index of a table declaration: what the aligner looks labels and headers up in.

Built once per declaration from its labels (every official form and variant, as label keys),
so that aligning a table is dictionary look-ups rather than walks over the declaration.
"""

from __future__ import annotations

from itertools import accumulate, groupby
from typing import TYPE_CHECKING

from attrs import field, frozen

from gikaireport.assemble.normalize import label_key
from gikaireport.formats import CAPTIONS, Column, Kind, TableSpec, canonical_id

if TYPE_CHECKING:
    from gikaireport.assemble.matcher import Match

__all__: list[str] = []


@frozen
class LabelIndex:
    """Label keys of one table declaration (and of the other version's table, if any).

    Attributes:
        rows: a row label's body -> ``(row, variant)`` for every row printing it.
        groups: a group or block caption's body -> its rows.
        known: bodies that are table captions or column headers, never row labels.
        forms: each row's label bodies, ``(body, variant)``, official first.
        ordinals: each row's enumerator (``三``), or ``""``.
        ids: each row's canonical cell ids (``table.row.column``), in column order.
        widths: each row's number of cells.
        cell_ids: every cell id of the table, in printed order.
        kinds: each row's column kinds, in column order.
        cell_kinds: every cell's kind, in printed order.
        kind_runs: the runs of cells of one kind, in printed order: ``(start, stop, kind)``.
        header_variants: each row's column header variants: body -> the column.
        headers: each row's official column header bodies.
        foreign: each row's column header bodies that only the other version prints for its
            block (empty outside part 二's blocks).
        header_bodies: every body :attr:`header_variants` or :attr:`foreign` holds: the
            only column headers worth a look.
        plain: printed texts met so far -> what they are, whatever the expected row (see
            :func:`~gikaireport.assemble.matcher.plain_row`); filled as texts are met, up
            to :data:`PLAIN_MEMO` of them.
        partial: ``(ordinal, body, rows)`` met so far -> the row a label cut or glued to a
            tail, or like a row's form, names among ``rows`` (see
            :func:`~gikaireport.assemble.matcher.match_label`); up to :data:`PLAIN_MEMO`.

    """

    rows: dict[str, list[tuple[int, bool]]]
    groups: dict[str, tuple[int, ...]]
    known: frozenset[str]
    forms: tuple[tuple[tuple[str, bool], ...], ...]
    ordinals: tuple[str, ...]
    ids: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]
    cell_ids: tuple[str, ...]
    kinds: tuple[tuple[Kind, ...], ...]
    cell_kinds: tuple[Kind, ...]
    kind_runs: tuple[tuple[int, int, Kind], ...]
    header_variants: tuple[dict[str, Column], ...]
    headers: tuple[frozenset[str], ...]
    foreign: tuple[frozenset[str], ...]
    header_bodies: frozenset[str]
    plain: dict[str, tuple[int, bool]] = field(factory=dict, eq=False, repr=False)
    partial: dict[tuple[str, str, tuple[int, ...]], Match | None] = field(
        factory=dict, eq=False, repr=False
    )


PLAIN_MEMO = 4096
"""How many printed texts an index remembers the plain row of (the same labels recur in
every report; hostile input cannot grow the memo past this)."""

_INDEXES: dict[tuple[int, int], LabelIndex] = {}


def label_index(spec: TableSpec, other: TableSpec | None) -> LabelIndex:
    """The label index of a table, built once per declaration (keyed by identity: the
    declarations are module-level constants, and hashing them field by field is slow).
    """
    key = (id(spec), id(other))
    found = _INDEXES.get(key)
    if found is None:
        found = _INDEXES[key] = _build(spec, other)
    return found


def _body(text: str) -> str:
    return label_key(text)[1]


def _build(spec: TableSpec, other: TableSpec | None) -> LabelIndex:
    rows: dict[str, list[tuple[int, bool]]] = {}
    groups: dict[str, list[int]] = {}
    known: set[str] = {_body(caption) for caption in CAPTIONS}
    forms = []
    for index, row in enumerate(spec.rows):
        row_forms = []
        for number, form in enumerate(row.label.forms):
            body = _body(form)
            rows.setdefault(body, []).append((index, number > 0))
            row_forms.append((body, number > 0))
        forms.append(tuple(row_forms))
        for caption in (row.group, row.block):
            if caption:
                groups.setdefault(_body(caption), []).append(index)
        for column in row.columns:
            known.update(_body(form) for form in column.label.forms)
    for table in (other,) if other else ():
        for row in table.rows:
            for column in row.columns:
                known.update(_body(form) for form in column.label.forms)
            known.update(_body(form) for form in row.label.forms)
    variants, official, foreign = _headers(spec, other)
    header_bodies = frozenset().union(*variants, *foreign)
    cell_kinds = tuple(c.kind for row in spec.rows for c in row.columns)
    return LabelIndex(
        rows,
        {key: tuple(value) for key, value in groups.items()},
        frozenset(known - set(rows)),
        tuple(forms),
        tuple(label_key(row.number + "x")[0] if row.number else "" for row in spec.rows),
        tuple(tuple(canonical_id(spec.id, row.id, c.id) for c in row.columns) for row in spec.rows),
        tuple(len(row.columns) for row in spec.rows),
        spec.cell_ids,
        tuple(tuple(c.kind for c in row.columns) for row in spec.rows),
        cell_kinds,
        _runs(cell_kinds),
        variants,
        official,
        foreign,
        header_bodies,
    )


def _runs(kinds: tuple[Kind, ...]) -> tuple[tuple[int, int, Kind], ...]:
    """The runs of one kind in ``kinds``: ``(start, stop, kind)``."""
    ends = list(accumulate(len(list(run)) for _, run in groupby(kinds)))
    return tuple((start, stop, kinds[start]) for start, stop in zip([0, *ends], ends, strict=False))


def _headers(
    spec: TableSpec, other: TableSpec | None
) -> tuple[tuple[dict[str, Column], ...], tuple[frozenset[str], ...], tuple[frozenset[str], ...]]:
    """Each row's header variants, official headers and the other version's own headers."""
    variants: list[dict[str, Column]] = []
    official: list[frozenset[str]] = []
    foreign: list[frozenset[str]] = []
    for row in spec.rows:
        found: dict[str, Column] = {}
        for column in row.columns:
            for form in column.label.forms[1:]:
                found.setdefault(_body(form), column)
        variants.append(found)
        official.append(frozenset(_body(c.label.forms[0]) for c in row.columns))
        theirs: set[str] = set()
        if row.block and other is not None:
            mine = {_body(f) for c in row.columns for f in c.label.forms}
            theirs = {
                _body(f)
                for other_row in other.rows
                if other_row.block == row.block
                for c in other_row.columns
                for f in c.label.forms
            }
            theirs -= mine
        foreign.append(frozenset(theirs))
    return tuple(variants), tuple(official), tuple(foreign)
