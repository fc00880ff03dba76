"""``build_dataset`` and ``gikaireport dataset`` on a generated region folder.

The folder: four agencies over 2021-2023 in HTML, DOCX and text; one agency printed two ways;
a next-year report whose part 一 copies last year's (内容雷同); a template copied between two
agencies in one year; a missing year; a duplicate; an unreadable file its name places, and
one it does not.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyarrow.parquet as pq
import pytest

import gikaireport
from gikaireport.cli import main
from gikaireport.regions import build_dataset
from gikaireport.regions.dataset import OUTPUTS
from region_folder import make_region_report, prose, write_report

HONGZE = "江苏省淮安市洪泽区人民政府"
EDUCATION = "江苏省淮安市教育局"
FINANCE = "江苏省淮安市洪泽区财政局"
TOWNSHIP = "湖南省益阳市桃江县松木塘镇人民政府"


def _write_folder(folder: Path) -> dict[str, Any]:
    copied = prose(999)
    template = prose(777)
    plan = [
        # (file stem, printed agency, year, texts, format)
        ("hz21", "淮安市洪泽区人民政府", 2021, {}, "html"),
        ("hz22", "洪泽区人民政府", 2022, {"overview": copied}, "docx"),
        ("hz23", "淮安市洪泽区人民政府", 2023, {"overview": copied}, "txt"),
        ("edu21", "淮安市教育局", 2021, {}, "docx"),
        ("edu23", "淮安市教育局", 2023, {}, "html"),
        ("fin21", "洪泽区财政局", 2021, {}, "html"),
        ("fin22", "洪泽区财政局", 2022, {"problems": template}, "html"),
        ("fin22-copy", "淮安市洪泽区财政局", 2022, {}, "docx"),
        ("fin23", "洪泽区财政局", 2023, {}, "docx"),
        ("town21", "桃江县松木塘镇人民政府", 2021, {}, "docx"),
        ("town22", "桃江县松木塘镇人民政府", 2022, {"problems": template}, "html"),
    ]
    paths = {}
    for seed, (stem, agency, year, texts, form) in enumerate(plan):
        report = make_region_report(seed, agency, year, texts)
        paths[stem] = write_report(report, folder / stem, form)
    # the text renderer prints no prose: hz23 copies hz22's part 一 only in HTML and DOCX
    paths["hz23"].unlink()
    report = make_region_report(2, "淮安市洪泽区人民政府", 2023, {"overview": copied})
    paths["hz23"] = write_report(report, folder / "hz23", "html")
    broken = folder / "桃江县松木塘镇人民政府2023年政府信息公开工作年度报告.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    junk = folder / "notes.pdf"
    junk.write_bytes(b"%PDF-1.4 broken")
    paths["broken"], paths["junk"] = broken, junk
    return {name: str(path) for name, path in paths.items()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("region")
    paths = _write_folder(folder)
    out = tmp_path_factory.mktemp("out")
    summary = build_dataset(folder, out)
    return {"folder": folder, "paths": paths, "out": out, "summary": summary}


def _csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_every_output_is_written(built: dict[str, Any]) -> None:
    for name in OUTPUTS:
        assert (built["out"] / name).stat().st_size > 0, name
    summary = built["summary"]
    assert summary.files == 13
    assert summary.unreadable == 2
    assert summary.agencies == 4


def test_reports_parquet_has_one_typed_row_per_file(built: dict[str, Any]) -> None:
    table = pq.read_table(built["out"] / "reports.parquet")
    rows = {Path(row["path"]).stem: row for row in table.to_pylist()}
    assert len(rows) == 13
    hz = rows["hz22"]
    assert hz["status"] == "ok"
    assert hz["agency"] == HONGZE and hz["agency_printed"] == "洪泽区人民政府"
    assert hz["region_code"] == "320813" and hz["agency_level"] == "county"
    assert hz["city"] == "淮安市" and hz["county"] == "洪泽区"
    assert hz["year"] == 2022 and hz["source_format"] == "docx"
    original = gikaireport.read(built["paths"]["hz22"]).values()
    for cell_id, value in original.items():
        assert hz[cell_id] == value, cell_id
    assert str(table.schema.field("applications.new_received.total").type) == "int64"
    junk = rows["notes"]
    assert junk["status"] == "unreadable" and junk["reason"]
    assert junk["agency"] is None


def test_coverage_marks_missing_duplicate_and_unreadable(built: dict[str, Any]) -> None:
    rows = _csv(built["out"] / "coverage.csv")
    status = {(row["agency"], row["year"]): row["status"] for row in rows}
    assert status[HONGZE, "2021"] == status[HONGZE, "2022"] == status[HONGZE, "2023"] == "present"
    assert status[EDUCATION, "2022"] == "missing"
    assert status[FINANCE, "2022"] == "duplicate"
    assert status[TOWNSHIP, "2023"] == "unreadable"
    unplaced = [row for row in rows if not row["agency_key"]]
    assert [Path(row["paths"]).name for row in unplaced] == ["notes.pdf"]
    assert len({row["agency_key"] for row in rows if row["agency_key"]}) == 4


def test_similarity_finds_the_copies_and_nothing_else(built: dict[str, Any]) -> None:
    rows = _csv(built["out"] / "similarity.csv")
    found = {
        (Path(row["path_a"]).stem, Path(row["path_b"]).stem, row["part"], row["relation"])
        for row in rows
    }
    assert found == {
        ("hz22", "hz23", "overview", "same_agency"),
        ("fin22", "town22", "problems", "same_year"),
    }
    for row in rows:
        assert float(row["score"]) == 1.0
        assert row["passages"]


def test_series_rules_run_for_consecutive_years(built: dict[str, Any]) -> None:
    findings = pq.read_table(built["out"] / "findings.parquet").to_pylist()
    series = [row for row in findings if row["scope"] == "series"]
    paths = built["paths"]
    reports = [gikaireport.read(paths[name]) for name in ("hz21", "hz22", "hz23")]
    expected = gikaireport.validate_series(reports)
    assert expected, "random consecutive years disagree on carried-over figures"
    mine = [(r["path"], r["code"], tuple(r["cells"])) for r in series if r["agency"] == HONGZE]
    assert sorted(mine) == sorted((f.path, f.code, tuple(f.cells)) for f in expected)
    assert all(row["related"] for row in series)


def test_findings_name_table_and_cells(built: dict[str, Any]) -> None:
    findings = pq.read_table(built["out"] / "findings.parquet").to_pylist()
    with_cells = [row for row in findings if row["cells"]]
    assert with_cells
    for row in with_cells:
        assert row["table"] == row["cells"][0].split(".")[0]
    reports = {
        row["path"]: row for row in pq.read_table(built["out"] / "reports.parquet").to_pylist()
    }
    for path, report in reports.items():
        if report["status"] != "ok":
            assert report["findings"] is None  # not checked, not "no findings"
            continue
        own = [row for row in findings if row["path"] == path and row["scope"] == "report"]
        assert report["findings"] == len(own)
        assert report["errors"] == sum(row["severity"] == "error" for row in own)


def test_dictionary_describes_every_column(built: dict[str, Any]) -> None:
    rows = _csv(built["out"] / "dictionary.csv")
    described = {(row["file"], row["column"]) for row in rows}
    for name in ("reports.parquet", "findings.parquet"):
        for column in pq.read_schema(built["out"] / name).names:
            assert (name, column) in described
    for name in ("coverage.csv", "similarity.csv"):
        header = next(csv.reader((built["out"] / name).open(encoding="utf-8")))
        assert all((name, column) in described for column in header)


def test_the_command_writes_the_same_dataset(built: dict[str, Any], tmp_path: Path) -> None:
    status = main(["dataset", str(built["folder"]), "--out", str(tmp_path)])
    assert status == 1  # two files are unreadable
    assert _csv(tmp_path / "coverage.csv") == _csv(built["out"] / "coverage.csv")
    assert (tmp_path / "similarity.csv").read_bytes() == (
        built["out"] / "similarity.csv"
    ).read_bytes()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")


def _chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _visible_agencies(dom: str, table: str) -> list[str]:
    section = dom.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<tr data-agency="([^"]*)"[^>]*?(class="[^"]*")?>', section)
    return [agency for agency, classes in rows if "hidden" not in classes]


@needs_chromium
def test_the_page_filters_by_county_and_name_in_a_browser(built: dict[str, Any]) -> None:
    page = (built["out"] / "index.html").as_uri()
    everything = _chromium("--dump-dom", page).stdout
    assert _visible_agencies(everything, "coverage") == [EDUCATION, HONGZE, FINANCE, TOWNSHIP]
    county = _chromium("--dump-dom", page + "#county=洪泽区").stdout
    assert _visible_agencies(county, "coverage") == [HONGZE, FINANCE]
    assert set(_visible_agencies(county, "findings")) == {HONGZE, FINANCE}
    named = _chromium("--dump-dom", page + "#q=" + quote("松木塘")).stdout
    assert _visible_agencies(named, "coverage") == [TOWNSHIP]
    assert _visible_agencies(named, "similarity") == [f"{FINANCE} {TOWNSHIP}"]


@needs_chromium
def test_the_page_renders_in_a_browser(built: dict[str, Any], tmp_path: Path) -> None:
    shot = tmp_path / "index.png"
    page = (built["out"] / "index.html").as_uri()
    _chromium(f"--screenshot={shot}", "--window-size=1200,900", page)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) > 20_000  # text and coloured cells, not a blank page


def test_hostile_and_empty_folders_never_stop_the_build(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "deep" / "deeper").mkdir(parents=True)
    (folder / "empty.pdf").write_bytes(b"")
    (folder / "random.docx").write_bytes(bytes(range(256)) * 40)
    (folder / "deep" / "deeper" / "报告.html").write_bytes(b"<html><body>\xff\xfe</body></html>")
    (folder / "text.txt").write_text("这不是年度报告。\n" * 50, encoding="utf-8")
    out = folder / "out"  # inside the folder read: its files are not read back
    summary = build_dataset([folder, tmp_path / "no-such-file.pdf"], out)
    rows = pq.read_table(out / "reports.parquet").to_pylist()
    assert summary.files == len(rows) == 5
    for row in rows:
        if row["status"] == "unreadable":
            assert row["error"] and row["reason"]
    assert (out / "index.html").stat().st_size > 0
    again = build_dataset(folder, out)
    assert again.files == 4
    empty = build_dataset(tmp_path / "nothing-here", tmp_path / "out-empty")
    assert empty.files == 1 and empty.unreadable == 1
    assert _csv(tmp_path / "out-empty" / "coverage.csv")[0]["status"] == "unreadable"


def test_the_page_lists_errors_first_up_to_its_limit() -> None:
    from gikaireport.regions.page import PAGE_FINDINGS, PageData, render_page

    data = PageData()
    total = 2 * PAGE_FINDINGS + 7
    for i in range(total):
        severity = "error" if i % 3 == 0 else "warning"
        data.add_finding(
            {
                "agency": "甲",
                "path": "a.html",
                "table": "applications",
                "severity": severity,
                "year": 2023,
                "cells": [],
                "code": "GK1",
                "message": str(i),
            }
        )
    shown = data.shown()
    assert len(shown) == PAGE_FINDINGS
    assert sum(row["severity"] == "error" for row in shown) == (total + 2) // 3
    assert data.per_table["甲", "applications"] == total
    page = render_page(data, [], [])
    assert f"另有 {total - PAGE_FINDINGS} 个问题见 findings.parquet" in page


def test_the_docs_list_every_column() -> None:
    from gikaireport.regions.schema import FILES

    page = (Path(__file__).resolve().parents[1] / "docs" / "regions.md").read_text("utf-8")
    for columns in FILES.values():
        for column in columns:
            assert f"| `{column.name}` | {column.type} | {column.description} |" in page


def test_file_rows_mapped_by_dask_give_the_same_rows(built: dict[str, Any], tmp_path: Path) -> None:
    import dask
    import dask.bag as db
    import pyarrow as pa

    from gikaireport.batch import expand_paths
    from gikaireport.regions.dataset import file_rows
    from gikaireport.regions.schema import arrow_schema

    paths = [str(path) for path in expand_paths([built["folder"]])]
    bag = db.from_sequence(paths, npartitions=3).map(file_rows)
    (tmp_path / "reports").mkdir()
    for number, part in enumerate(bag.to_delayed()):
        (records,) = dask.compute(part, scheduler="sync")
        table = pa.Table.from_pylist(
            [row for row, _ in records], schema=arrow_schema("reports.parquet")
        )
        pq.write_table(table, tmp_path / "reports" / f"part-{number}.parquet")
    parted = pq.read_table(tmp_path / "reports").to_pylist()
    whole = pq.read_table(built["out"] / "reports.parquet").to_pylist()
    assert sorted(parted, key=lambda row: row["path"]) == sorted(whole, key=lambda row: row["path"])
