"""The notebook entry points: read_dataframe, findings_dataframe, data_dictionary,
load_dataframe, the numeric options, severity selection and the errors for misuse."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.cli import main
from gikaireport.formats import FORMAT_2019, FORMAT_2021
from gikaireport.model import CellStatus
from gikaireport.testing import render_text, reports, with_cell
from gikaireport.validate.examples import example_report

FEE = "proactive.fees.amount"
TOTAL = "applications.new_received.total"
TOTAL_RESULTS = "applications.results.total.total"


def write(path: Path, report: gikaireport.Report) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_text(report), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two readable reports in nested folders, one file that is not a report."""
    root = tmp_path / "reports"
    write(root / "a" / "2022.txt", example_report(year=2022))
    write(root / "b" / "2023.txt", example_report({TOTAL: 9}, year=2023))
    (root / "b" / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    return root


def test_read_dataframe_of_a_directory_keeps_unreadable_files(folder: Path) -> None:
    frame = gikaireport.read_dataframe(folder, progress=False)
    assert [Path(p).name for p in frame["path"]] == ["2022.txt", "2023.txt", "broken.pdf"]
    assert frame["error"].isna().tolist() == [True, True, False]
    assert isinstance(frame.loc[2, "error"], str) and frame.loc[2, "error"]
    assert frame["year"].dtype == "Int64"
    assert frame["year"].tolist()[:2] == [2022, 2023]
    assert frame[TOTAL].dtype == "Int64"
    assert frame.loc[1, TOTAL] == 9
    assert frame.loc[2, TOTAL] is pd.NA
    assert isinstance(frame.loc[0, FEE], Decimal)
    assert str(frame["published"].dtype).startswith("datetime64")


def test_read_dataframe_of_one_path_and_of_paths(folder: Path) -> None:
    one = gikaireport.read_dataframe(folder / "a" / "2022.txt", progress=False)
    assert len(one) == 1 and one.loc[0, "year"] == 2022
    paths = [folder / "b" / "2023.txt", str(folder / "a" / "2022.txt")]
    many = gikaireport.read_dataframe(paths, progress=False, jobs=2)
    assert [Path(p).name for p in many["path"]] == ["2023.txt", "2022.txt"]


def test_read_dataframe_long_has_places_and_errors(folder: Path) -> None:
    frame = gikaireport.read_dataframe(folder, shape="long", progress=False)
    cells = len(FORMAT_2021.cell_ids)
    assert len(frame) == 2 * cells + 1
    row = frame[(frame["report"] == 1) & (frame["cell"] == TOTAL)].iloc[0]
    assert (row["table"], row["row"], row["column"]) == ("applications", "new_received", "total")
    assert row["label"] == "一、本年新收政府信息公开申请数量 / 总计"
    assert row["value"] == 9
    last = frame.iloc[-1]
    assert last["report"] == 2 and Path(last["path"]).name == "broken.pdf"
    assert isinstance(last["error"], str) and last["error"]


def test_fees_as_float_and_blank_as_zero_on_request() -> None:
    report = example_report(
        {"proactive.regulations.issued": "", "proactive.regulations.repealed": "/", TOTAL: "x"}
    )
    exact = gikaireport.to_dataframe([report])
    assert exact.loc[0, "proactive.regulations.issued"] is pd.NA  # the default: never 0
    assert exact.loc[0, "proactive.regulations.repealed"] is pd.NA
    zero = gikaireport.to_dataframe([report], blank_as_zero=True, fees="float")
    assert zero.loc[0, "proactive.regulations.issued"] == 0
    assert zero.loc[0, "proactive.regulations.repealed"] == 0
    assert zero.loc[0, TOTAL] is pd.NA  # unreadable stays missing
    assert zero[FEE].dtype == "float64"
    assert zero.loc[0, FEE] == float(report.cell(FEE).value or 0)
    zero.describe()  # a float column can be described
    long = gikaireport.to_dataframe([report], "long", blank_as_zero=True)
    issued = long[long["cell"] == "proactive.regulations.issued"].iloc[0]
    assert issued["value"] == 0 and issued["status"] == "blank"
    with pytest.raises(ValueError, match="fees"):
        gikaireport.to_dataframe([report], fees="money")  # type: ignore[arg-type]


def test_findings_dataframe() -> None:
    bad = example_report({TOTAL: 9}, path="bad.txt")
    good = example_report(path="good.txt")
    frame = gikaireport.findings_dataframe([good, bad])
    assert list(frame.columns) == [
        "path",
        "code",
        "rule",
        "severity",
        "message",
        "message_en",
        "cells",
        "location",
        "expected",
        "actual",
    ]
    assert set(frame["path"]) == {"bad.txt"}
    assert set(frame["severity"]) == {"error", "warning"}
    assert all(type(s) is str for s in frame["severity"])
    first = frame[frame["code"] == "GK301"].iloc[0]
    assert first["cells"][0] == TOTAL and first["actual"] == 10 and first["expected"] == 5
    assert "总计" in first["message"] or "本年新收" in first["message"]
    errors = gikaireport.findings_dataframe(bad, severity="error")
    assert set(errors["severity"]) == {"error"} and len(errors) == len(frame) - 1
    again = gikaireport.findings_dataframe(gikaireport.validate(bad))
    assert again["code"].tolist() == frame["code"].tolist()
    assert gikaireport.findings_dataframe([good]).empty


def test_data_dictionary() -> None:
    frame = gikaireport.data_dictionary()
    assert frame["cell"].tolist() == list(FORMAT_2021.cell_ids)
    fee = frame[frame["cell"] == FEE].iloc[0]
    assert (fee["table"], fee["row"], fee["column"]) == ("proactive", "fees", "amount")
    assert fee["kind"] == "decimal" and fee["unit"] == "万元"
    assert fee["label"] == "行政事业性收费 / 本年收费金额（单位：万元）"
    row = frame[frame["cell"] == "applications.results.withheld.state_secret.natural_person"]
    assert row.iloc[0]["label"] == "（三）不予公开 1.属于国家秘密 / 自然人"
    assert row.iloc[0]["label_en"] == (
        "applications / results, withheld, state secret / natural person"
    )
    assert gikaireport.data_dictionary("2019")["cell"].tolist() == list(FORMAT_2019.cell_ids)
    with pytest.raises(ValueError, match="unknown format version"):
        gikaireport.data_dictionary("2030")


def test_wide_and_long_csv_read_back(tmp_path: Path) -> None:
    reports = [
        example_report({"proactive.regulations.issued": ""}, year=2022, path="a.txt"),
        example_report(
            {TOTAL: 9}, year=2023, path="b.txt", meta={"published": dt.date(2024, 1, 20)}
        ),
    ]
    wide, long = tmp_path / "wide.csv", tmp_path / "long.csv"
    gikaireport.write_wide_csv(reports, wide)
    gikaireport.write_long_csv(reports, long)
    expected = gikaireport.to_dataframe(reports)
    loaded = gikaireport.load_dataframe(wide)
    assert loaded["year"].dtype == "Int64"
    assert loaded["error"].isna().all()
    pd.testing.assert_frame_equal(loaded.drop(columns="error"), expected)
    expected_long = gikaireport.to_dataframe(reports, "long")
    pd.testing.assert_frame_equal(gikaireport.load_dataframe(long), expected_long)
    zero = gikaireport.load_dataframe(long, blank_as_zero=True)
    assert zero[zero["cell"] == "proactive.regulations.issued"]["value"].tolist()[0] == 0
    with pytest.raises(ValueError, match="blank"):
        gikaireport.load_dataframe(wide, blank_as_zero=True)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a file written by gikaireport"):
        gikaireport.load_dataframe(other)


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv"])
def test_batch_output_read_back(folder: Path, tmp_path: Path, output: str) -> None:
    out = tmp_path / output
    main(["batch", str(folder), "--out", str(out), "--no-progress"])
    loaded = gikaireport.load_dataframe(out, fees="float")
    direct = gikaireport.read_dataframe(folder, progress=False, fees="float")
    assert loaded["path"].tolist() == direct["path"].tolist()
    assert loaded["year"].dtype == "Int64" and loaded[FEE].dtype == "float64"
    columns = [c for c in direct.columns if c != "error"]
    pd.testing.assert_frame_equal(loaded[columns], direct[columns])
    assert loaded["error"].notna().tolist() == [False, False, True]
    if output.endswith("jsonl"):
        first = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
        assert first["statuses"]


def test_validate_severity_minimum() -> None:
    bad = example_report({TOTAL: 9})
    every = gikaireport.validate(bad)
    assert {f.severity.value for f in every} == {"error", "warning"}
    errors = gikaireport.validate(bad, severity="error")
    assert errors == [f for f in every if f.severity is gikaireport.Severity.ERROR]
    assert gikaireport.validate(bad, severity=gikaireport.Severity.WARNING) == every
    assert gikaireport.validate(bad, severity="info") == every
    with pytest.raises(ValueError, match="unknown severity 'fatal'"):
        gikaireport.validate(bad, severity="fatal")


def test_check_severity_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path / "bad.txt", example_report({TOTAL: 9}))
    assert main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any("[warning]" in line for line in lines)
    assert main(["check", "--severity", "error", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and not any("[warning]" in line for line in lines[:-1])
    assert all("[error]" in line for line in lines[:-1])
    assert lines[-1].startswith("2 errors, 0 warnings")


def test_misuse_names_what_was_expected(tmp_path: Path) -> None:
    report = example_report()
    path = write(tmp_path / "r.txt", report)
    with pytest.raises(TypeError, match="one Report, not a collection"):
        gikaireport.validate([report])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"not a path: validate\(gikaireport.read\(path\)\)"):
        gikaireport.validate(str(path))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="read_many's"):
        gikaireport.to_dataframe(gikaireport.read_many([path]))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"pass \[report\]"):
        gikaireport.to_dataframe(report)
    with pytest.raises(TypeError, match="findings_dataframe"):
        gikaireport.to_dataframe(gikaireport.validate(example_report({TOTAL: 9})))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="not a path"):
        gikaireport.findings_dataframe(str(path))  # type: ignore[arg-type]


def test_absent_cells_are_not_zero_even_on_request() -> None:
    report = example_report({TOTAL: CellStatus.ABSENT})
    frame = gikaireport.to_dataframe([report], blank_as_zero=True)
    assert frame.loc[0, TOTAL] is pd.NA


@settings(max_examples=10, deadline=None, derandomize=True)
@given(
    drawn=st.lists(reports(version=None, not_applicable=True), min_size=1, max_size=3),
    fees=st.sampled_from(["decimal", "float"]),
)
def test_saved_csv_reads_back_into_the_same_frame(
    drawn: list[gikaireport.Report], fees: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("csv")
    gikaireport.write_wide_csv(drawn, folder / "wide.csv")
    gikaireport.write_long_csv(drawn, folder / "long.csv")
    wide = gikaireport.load_dataframe(folder / "wide.csv", fees=fees)  # type: ignore[arg-type]
    expected = gikaireport.to_dataframe(drawn, fees=fees)  # type: ignore[arg-type]
    pd.testing.assert_frame_equal(wide.drop(columns="error"), expected)
    long = gikaireport.load_dataframe(folder / "long.csv", blank_as_zero=True)
    pd.testing.assert_frame_equal(long, gikaireport.to_dataframe(drawn, "long", blank_as_zero=True))


@settings(max_examples=15, deadline=None)
@given(reports(version=None), st.data())
def test_blank_as_zero_changes_only_printed_blanks(
    report: gikaireport.Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(report.spec.cell_ids))
    status = data.draw(st.sampled_from(list(CellStatus)[1:]))
    changed = with_cell(report, cell_id, None, status)
    exact = gikaireport.to_dataframe([changed]).iloc[0]
    zero = gikaireport.to_dataframe([changed], blank_as_zero=True).iloc[0]
    assert exact[cell_id] is pd.NA
    blank = status in (CellStatus.BLANK, CellStatus.NOT_APPLICABLE)
    assert (zero[cell_id] == 0) if blank else (zero[cell_id] is pd.NA)
    others = [c for c in report.spec.cell_ids if c != cell_id]
    assert zero[others].tolist() == exact[others].tolist()


@settings(max_examples=25, deadline=None)
@given(reports(), st.data())
def test_a_mutated_total_is_a_finding_row_naming_it(
    report: gikaireport.Report, data: st.DataObject
) -> None:
    cell_id = data.draw(st.sampled_from(["applications.new_received.total", TOTAL_RESULTS]))
    value = report.cell(cell_id).value
    assert isinstance(value, int)
    frame = gikaireport.findings_dataframe([with_cell(report, cell_id, value + 1)])
    errors = frame[frame["severity"] == "error"]
    assert any(cell_id in cells for cells in errors["cells"])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("damaged.jsonl", '{"path": "a.txt", "values": {"proactive.fees.amount": "x"}}\n'),
        ("half.jsonl", '{"path": "a.txt", "val'),
        ("wide.csv", "path,title,agency,year,published,format_version,source_format\na,,,20x,,,\n"),
        ("binary.csv", b"\xff\xfe\x00garbage"),
    ],
)
def test_damaged_saved_output_names_the_file(
    tmp_path: Path, name: str, content: str | bytes
) -> None:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=name):
        gikaireport.load_dataframe(path)
