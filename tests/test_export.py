from __future__ import annotations

import csv
import functools
import io
import json
import random
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.export.csv import read_long_csv, write_long_csv, write_wide_csv
from gikaireport.export.pandas import PandasMissingError, to_dataframe
from gikaireport.export.rows import META_COLUMNS, cell_columns, finding_record, parse_value
from gikaireport.formats import FORMAT_2019, FORMAT_2021, Kind
from gikaireport.model import Cell, CellStatus, Report, Source, Table
from report_factory import make_report

ROOT = Path(__file__).resolve().parents[1]
ONLY_2019 = [cell_id for cell_id in FORMAT_2019.cell_ids if cell_id not in FORMAT_2021.cell_ids]


def plain(value: Any) -> Any:
    """A DataFrame value as a Python value: missing values as None."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def with_statuses(report: Report, statuses: dict[str, tuple[CellStatus, str]]) -> Report:
    """The report with some cells replaced by cells of another status and raw text."""
    tables = tuple(
        Table(
            table.id,
            tuple(
                Cell(cell.id, statuses[cell.id][0], None, statuses[cell.id][1])
                if cell.id in statuses
                else cell
                for cell in table.cells
            ),
        )
        for table in report.tables
    )
    return attrs.evolve(report, tables=tables)


SOME_STATUSES = {
    "proactive.regulations.issued": (CellStatus.NOT_APPLICABLE, "/"),
    "proactive.regulations.repealed": (CellStatus.BLANK, ""),
    "applications.new_received.research_institution": (CellStatus.UNREADABLE, "见附件"),
    "review_litigation.review.total": (CellStatus.ABSENT, ""),
}


# --------------------------------------------------------------------------- DataFrame


def test_dataframe_of_the_seeds(corpus: Path) -> None:
    pytest.importorskip("pandas")
    paths = sorted((corpus / "seeds").glob("*.txt"))
    assert len(paths) == 5
    reports = [gikaireport.read(path) for path in paths]
    frame = to_dataframe(reports)
    assert len(frame) == 5
    assert list(frame.columns) == [*META_COLUMNS, *FORMAT_2021.cell_ids]
    for index, report in enumerate(reports):
        row = {cell_id: plain(frame.at[index, cell_id]) for cell_id in FORMAT_2021.cell_ids}
        assert row == report.values()
        assert frame.at[index, "path"] == str(paths[index])
        assert plain(frame.at[index, "year"]) == report.meta.year
    fee = frame.at[0, "proactive.fees.amount"]
    assert isinstance(fee, Decimal) and fee == Decimal("0.7452")
    assert str(frame["applications.new_received.total"].dtype) == "Int64"


def test_dataframe_keeps_missing_cells_missing() -> None:
    pytest.importorskip("pandas")
    report = with_statuses(make_report(1), SOME_STATUSES)
    frame = to_dataframe([report])
    for cell_id in SOME_STATUSES:
        assert plain(frame.at[0, cell_id]) is None
    assert (
        plain(frame.at[0, "applications.new_received.total"])
        == report.values()["applications.new_received.total"]
    )


def test_dataframe_of_mixed_versions() -> None:
    pytest.importorskip("pandas")
    reports = [make_report(1, "2021"), make_report(2, "2019"), make_report(3, "2021")]
    frame = to_dataframe(reports)
    assert list(frame.columns) == [*META_COLUMNS, *FORMAT_2021.cell_ids, *ONLY_2019]
    assert list(frame["format_version"]) == ["2021", "2019", "2021"]
    for index, report in enumerate(reports):
        values = report.values()
        for cell_id in cell_columns({"2021", "2019"}):
            assert plain(frame.at[index, cell_id]) == values.get(cell_id), (index, cell_id)
    # a signed 2019 count keeps its sign
    assert str(frame["proactive.licensing.change"].dtype) == "Int64"


def test_long_dataframe() -> None:
    pytest.importorskip("pandas")
    reports = [with_statuses(make_report(4), SOME_STATUSES), make_report(5, "2019")]
    frame = to_dataframe(reports, shape="long")
    assert list(frame.columns) == [
        "report",
        "path",
        "cell",
        "table",
        "row",
        "column",
        "label",
        "value",
        "status",
    ]
    assert len(frame) == len(FORMAT_2021.cell_ids) + len(FORMAT_2019.cell_ids)
    for index, report in enumerate(reports):
        part = frame[frame["report"] == index]
        assert dict(zip(part["cell"], map(plain, part["value"]), strict=True)) == report.values()
        statuses = {cell_id: cell.status.value for cell_id, cell in report.cells().items()}
        assert dict(zip(part["cell"], part["status"], strict=True)) == statuses


def test_dataframe_rejects_an_unknown_shape() -> None:
    pytest.importorskip("pandas")
    with pytest.raises(ValueError, match="shape"):
        to_dataframe([make_report(1)], shape="tall")  # type: ignore[arg-type]


def test_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" fail
    with pytest.raises(ImportError, match=r"pip install gikaireport\[pandas\]") as raised:
        to_dataframe([make_report(1)])
    assert isinstance(raised.value, PandasMissingError)


def test_importing_the_library_does_not_import_pandas_or_dask() -> None:
    code = (
        "import sys, gikaireport, gikaireport.batch, gikaireport.export.pandas, "
        "gikaireport.export.csv, gikaireport.export.html_repr; "
        "print(sorted(m for m in ('pandas', 'dask') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT / "src")},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"


# --------------------------------------------------------------------------- CSV


def test_wide_csv() -> None:
    reports = [
        with_statuses(make_report(1), SOME_STATUSES),
        attrs.evolve(make_report(2), path="reports/b.pdf"),
    ]
    buffer = io.StringIO()
    assert write_wide_csv(reports, buffer) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert list(rows[0]) == [*META_COLUMNS, *FORMAT_2021.cell_ids]
    for row, report in zip(rows, reports, strict=True):
        for cell_id, value in report.values().items():
            assert row[cell_id] == ("" if value is None else str(value))
        assert row["published"] == str(report.meta.published)
    assert rows[1]["path"] == "reports/b.pdf"


def test_wide_csv_with_fixed_versions(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    write_wide_csv([make_report(1)], path, versions=["2021", "2019"])
    with path.open(encoding="utf-8", newline="") as stream:
        (row,) = list(csv.DictReader(stream))
    assert list(row) == [*META_COLUMNS, *FORMAT_2021.cell_ids, *ONLY_2019]
    assert all(row[cell_id] == "" for cell_id in ONLY_2019)


def test_long_csv_round_trip(tmp_path: Path) -> None:
    reports = [
        with_statuses(make_report(7), SOME_STATUSES),
        attrs.evolve(make_report(8, "2019"), path="2019/报告.docx"),
    ]
    path = tmp_path / "long.csv"
    assert write_long_csv(reports, path) == len(FORMAT_2021.cell_ids) + len(FORMAT_2019.cell_ids)
    rows = list(read_long_csv(path))
    for index, report in enumerate(reports):
        mine = [row for row in rows if row.report == index]
        assert [row.cell for row in mine] == list(report.cells())
        assert {row.cell: row.value for row in mine} == report.values()
        assert {row.cell: row.status for row in mine} == {
            cell_id: cell.status for cell_id, cell in report.cells().items()
        }
        assert {row.path for row in mine} == {report.path}
        for row in mine:  # the types come back, not only equal numbers
            assert type(row.value) is type(report.values()[row.cell])


def test_long_csv_rejects_other_files() -> None:
    with pytest.raises(ValueError, match="long CSV"):
        list(read_long_csv(["a,b\n", "1,2\n"]))


OTHER_STATES = [
    (CellStatus.BLANK, ""),
    (CellStatus.NOT_APPLICABLE, "—"),
    (CellStatus.UNREADABLE, "若干, 见\n附表"),
    (CellStatus.ABSENT, ""),
]


@functools.cache
def base_report(version: str) -> Report:
    return make_report(0, version)


def report_with_random_cells(version: str, rng: random.Random) -> Report:
    """A report whose cells have random statuses and values of every kind."""
    spec = FORMAT_2021 if version == "2021" else FORMAT_2019
    states: dict[str, tuple[CellStatus, Any]] = {}
    for declared in spec.cells():
        if rng.random() < 0.3:
            states[declared.id] = rng.choice(OTHER_STATES)
        elif declared.kind is Kind.DECIMAL:
            places = rng.randrange(0, 7)
            states[declared.id] = (
                CellStatus.NUMBER,
                Decimal(rng.randrange(0, 10**9)).scaleb(-places),
            )
        elif declared.kind is Kind.SIGNED:
            states[declared.id] = (CellStatus.NUMBER, rng.randrange(-(10**6), 10**6))
        else:
            states[declared.id] = (CellStatus.NUMBER, rng.randrange(0, 10**7))
    base = base_report(version)
    tables = tuple(
        Table(
            table.id,
            tuple(
                Cell(cell.id, states[cell.id][0], states[cell.id][1], str(states[cell.id][1]))
                if states[cell.id][0] is CellStatus.NUMBER
                else Cell(cell.id, states[cell.id][0], None, states[cell.id][1])
                for cell in table.cells
            ),
        )
        for table in base.tables
    )
    return attrs.evolve(base, tables=tables)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["2021", "2019"]), st.integers(0, 2**32))
def test_long_csv_round_trip_property(version: str, seed: int) -> None:
    report = report_with_random_cells(version, random.Random(seed))
    buffer = io.StringIO()
    write_long_csv([report], buffer)
    rows = list(read_long_csv(io.StringIO(buffer.getvalue())))
    assert {row.cell: row.value for row in rows} == report.values()
    assert {row.cell: row.status for row in rows} == {
        cell_id: cell.status for cell_id, cell in report.cells().items()
    }
    for row in rows:  # "18.8710" stays "18.8710", not 18.871
        assert str(row.value) == str(report.values()[row.cell])


def test_parse_value_follows_the_cell_kind() -> None:
    assert parse_value("proactive.fees.amount", "18.8710") == Decimal("18.8710")
    assert str(parse_value("proactive.fees.amount", "18.8710")) == "18.8710"
    assert parse_value("proactive.fees.amount", "3") == Decimal(3)
    assert type(parse_value("proactive.fees.amount", "3")) is Decimal
    assert parse_value("proactive.licensing.change", "-12") == -12
    assert parse_value("applications.results.total.total", "") is None
    with pytest.raises(KeyError):
        parse_value("applications.nothing.total", "1")


def test_dataframe_of_2019_reports_has_the_2021_columns_too() -> None:
    pytest.importorskip("pandas")
    frame = to_dataframe([make_report(2, "2019")])
    assert list(frame.columns) == [*META_COLUMNS, *FORMAT_2021.cell_ids, *ONLY_2019]
    assert all(
        plain(frame.at[0, cell_id]) is None
        for cell_id in FORMAT_2021.cell_ids
        if cell_id not in FORMAT_2019.cell_ids
    )


@attrs.frozen
class Finding:
    code: str
    severity: CellStatus
    message: str
    cells: tuple[str, ...]
    location: Source | None
    expected: Decimal | None


def test_finding_record_is_plain_json() -> None:
    finding = Finding(
        "GK301", CellStatus.BLANK, "总计有误", ("a.b.c",), Source(line=3, column=2), Decimal("1.50")
    )
    record = finding_record(finding)
    assert record == {
        "code": "GK301",
        "severity": "blank",
        "message": "总计有误",
        "cells": ["a.b.c"],
        "location": {
            "line": 3,
            "page": None,
            "table": None,
            "row": None,
            "column": 2,
            "confidence": None,
        },
        "expected": "1.50",
    }
    assert json.loads(json.dumps(record)) == record
