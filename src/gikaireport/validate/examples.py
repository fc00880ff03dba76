"""Small reports built from the format declaration, for the rules' examples.

:func:`example_report` builds a complete, consistent report of a fictitious county bureau
(示例县交通运输局) with every cell placed where a one-row-per-line text rendering would put
it; keyword arguments change cells, metadata, part texts and deviations. Every rule's
failing and passing example is such a report, so the examples, the tests and the rule pages
show the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from gikaireport.assemble.normalize import parse_value
from gikaireport.formats import Kind, canonical_id, get_format
from gikaireport.model import Cell, CellStatus, Deviation, Meta, Part, Report, Source, Table

__all__ = ["example_report"]

CellInput = int | Decimal | str | CellStatus
"""How an example gives a cell: a number, printed text (``""``, ``"/"``, ``"3件"``), or
:attr:`CellStatus.ABSENT` for a cell the document does not contain."""

BASE_YEAR = 2022

_NON_ZERO: dict[str, dict[str, int | Decimal]] = {
    "2021": {
        "proactive.normative_documents.issued": 2,
        "proactive.normative_documents.repealed": 1,
        "proactive.normative_documents.in_force": 15,
        "proactive.licensing.decisions": 120,
        "proactive.punishment.decisions": 35,
        "proactive.coercion.decisions": 4,
        "proactive.fees.amount": Decimal("0.52"),
    },
    "2019": {
        "proactive.normative_documents.made": 2,
        "proactive.normative_documents.published": 2,
        "proactive.normative_documents.total_published": 15,
        "proactive.licensing.previous_items": 30,
        "proactive.licensing.decisions": 120,
        "proactive.punishment.previous_items": 12,
        "proactive.punishment.decisions": 35,
        "proactive.fees.previous_items": 2,
    },
}
# Part 三 and 四 are the same in both versions: natural persons 3 new + 1 carried over =
# 3 results (2 disclosed, 1 not held) + 1 carried forward; one commercial enterprise's
# application partially disclosed; one review upheld.
_SHARED: dict[str, int] = {
    "applications.new_received.natural_person": 3,
    "applications.new_received.commercial_enterprise": 1,
    "applications.new_received.total": 4,
    "applications.carried_over.natural_person": 1,
    "applications.carried_over.total": 1,
    "applications.results.disclosed.natural_person": 2,
    "applications.results.disclosed.total": 2,
    "applications.results.partially_disclosed.commercial_enterprise": 1,
    "applications.results.partially_disclosed.total": 1,
    "applications.results.unable.not_held.natural_person": 1,
    "applications.results.unable.not_held.total": 1,
    "applications.results.total.natural_person": 3,
    "applications.results.total.commercial_enterprise": 1,
    "applications.results.total.total": 4,
    "applications.carried_forward.natural_person": 1,
    "applications.carried_forward.total": 1,
    "review_litigation.review.upheld": 1,
    "review_litigation.review.total": 1,
}

_TEXTS = {
    "overview": (
        "{year}年，示例县交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
        "（一）主动公开情况。本机关通过县政府门户网站本机关专栏主动公开政府信息。\n"
        "（二）依申请公开情况。{year}年，本机关共收到政府信息公开申请4件，"
        "上年结转政府信息公开申请1件，结转下年度继续办理1件。\n"
        "（三）政府信息管理情况。本机关落实公文公开属性源头认定和保密审查制度。\n"
        "（四）政府信息公开平台建设情况。本机关维护县政府门户网站本机关专栏和政务新媒体。\n"
        "（五）监督保障情况。本机关将政府信息公开工作纳入年度考核，开展业务培训。"
    ),
    "proactive": "",
    "applications": "",
    "review_litigation": "{year}年，本机关被申请行政复议1件，被提起行政诉讼0件。",
    "problems": (
        "一是政策解读形式还不够丰富。二是信息更新还不够及时。\n"
        "下一步，本机关将丰富政策解读形式，建立信息更新台账，做到及时公开。"
    ),
    "other": "本机关{year}年度未收取信息处理费。",
}


def baseline_values(version: str = "2021") -> dict[str, int | Decimal]:
    """Return the baseline report's numbers: every cell of ``version``, consistent."""
    spec = get_format(version)
    values: dict[str, int | Decimal] = {}
    for cell in spec.cells():
        zero: int | Decimal = Decimal(0) if cell.kind is Kind.DECIMAL else 0
        values[cell.id] = _SHARED.get(cell.id, _NON_ZERO[version].get(cell.id, zero))
    return values


def _cell(cell_id: str, given: CellInput, kind: Kind, source: Source) -> Cell:
    if given is CellStatus.ABSENT:
        return Cell(cell_id, CellStatus.ABSENT)
    if given is CellStatus.BLANK:
        return Cell(cell_id, CellStatus.BLANK, source=source)
    if isinstance(given, CellStatus):
        raise ValueError(f"{cell_id}: give a number, printed text, BLANK or ABSENT")
    if isinstance(given, (int, Decimal)):
        return Cell(cell_id, CellStatus.NUMBER, given, str(given), source)
    status, value = parse_value(given, kind)
    return Cell(cell_id, status, value, given, source)


def example_report(
    cells: Mapping[str, CellInput] | None = None,
    *,
    version: str = "2021",
    year: int | None = None,
    meta: Mapping[str, Any] | None = None,
    parts: Mapping[str, str | None] | None = None,
    deviations: tuple[Deviation, ...] = (),
    path: str | None = None,
) -> Report:
    """Build the baseline report of ``version`` for ``year``, with changes.

    Args:
        cells: cells to change, by canonical id (see :data:`CellInput`).
        version: ``"2021"`` or ``"2019"``.
        year: the year reported on (2022 for the 2021 format, 2020 for the 2019 format by
            default); the title, 统计期限, 落款 date and texts follow it.
        meta: :class:`~gikaireport.model.Meta` fields to change.
        parts: part texts to change by part id; ``None`` drops the part.
        deviations: the deviations reading would have recorded.
        path: the report's path (``示例县交通运输局{year}.txt`` by default).

    """
    spec = get_format(version)
    if year is None:
        year = BASE_YEAR if version == "2021" else 2020
    changes = dict(cells or {})
    unknown = set(changes) - set(spec.cell_ids)
    if unknown:
        raise KeyError(f"not cells of the {version} format: {sorted(unknown)}")
    values: dict[str, CellInput] = {**baseline_values(version), **changes}
    texts: dict[str, str | None] = {part: text.format(year=year) for part, text in _TEXTS.items()}
    texts.update(parts or {})

    line = 4  # title, blank line, preamble
    part_list: list[Part] = []
    tables: list[Table] = []
    for part in spec.parts:
        line += 1
        heading = f"{part.number}、{part.title.text}"
        text = texts[part.id]
        if text is not None:
            part_list.append(Part(part.id, heading, f"{part.number}、", text, Source(line=line)))
            line += (text.count("\n") + 1) if text else 0
        if part.id not in {t.id for t in spec.tables}:
            continue
        table_spec = spec.table(part.id)
        table_number = [t.id for t in spec.tables].index(part.id) + 1
        table_cells = []
        for row_number, row in enumerate(table_spec.rows, 1):
            if not table_spec.one_row or row_number == 1:
                line += 1
            for column_number, column in enumerate(row.columns, 1):
                cell_id = canonical_id(table_spec.id, row.id, column.id)
                if table_spec.one_row:
                    column_number += (row_number - 1) * len(row.columns)
                    source = Source(line=line, table=table_number, row=1, column=column_number)
                else:
                    source = Source(
                        line=line, table=table_number, row=row_number, column=column_number + 1
                    )
                table_cells.append(_cell(cell_id, values[cell_id], column.kind, source))
        tables.append(Table(table_spec.id, tuple(table_cells)))

    base_meta = Meta(
        title=f"示例县交通运输局{year}年政府信息公开工作年度报告",
        agency="示例县交通运输局",
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        published=dt.date(year + 1, 1, 20),
        signed_by="示例县交通运输局",
    )
    return Report(
        format_version=version,
        meta=attrs.evolve(base_meta, **dict(meta or {})),
        parts=tuple(part_list),
        tables=tuple(tables),
        deviations=deviations,
        path=path if path is not None else f"示例县交通运输局{year}.txt",
        source_format="text",
    )
