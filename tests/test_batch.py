from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import report_factory
from gikaireport.batch import (
    CSV_COLUMNS,
    batch_main,
    expand_paths,
    file_record,
    read_many,
    run_batch,
)
from gikaireport.batch.pool import Lost, pool_map
from gikaireport.errors import ReadError
from gikaireport.export.rows import jsonable

ROOT = Path(__file__).resolve().parents[1]


def write_reports(directory: Path, count: int, start: int = 0) -> dict[str, dict[str, Any]]:
    """Render ``count`` generated reports as text files; return their values by file name."""
    written = report_factory.write_reports(directory, count, start)
    return {name: jsonable(report.values()) for name, report in written.items()}


def version_of(values: dict[str, Any]) -> str:
    """The format version whose cell ids ``values`` has (only 2019 has procurement)."""
    return "2019" if "proactive.procurement.items" in values else "2021"


def write_bad_files(directory: Path) -> None:
    (directory / "empty.txt").write_bytes(b"")
    (directory / "corrupt.pdf").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\x00garbage")
    (directory / "weather.html").write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>天气预报</title></head>"
        "<body><h1>本周天气</h1><p>周一晴，气温 12 到 20 度；周二多云，有小雨 3 毫米。</p>"
        "<table><tr><td>周一</td><td>20</td></tr><tr><td>周二</td><td>18</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text == "" or text.endswith("\n")
    return [json.loads(line) for line in text.splitlines()]


@pytest.fixture
def mixed_dir(tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    directory = tmp_path / "reports"
    expected = write_reports(directory, 6)
    written_2019 = report_factory.write_reports(directory, 2, start=50, version="2019")
    expected.update({name: jsonable(report.values()) for name, report in written_2019.items()})
    write_bad_files(directory)
    (directory / ".hidden.txt").write_text("not listed", encoding="utf-8")
    return directory, expected


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_records_every_file_and_fails_when_some_are_bad(
    mixed_dir: tuple[Path, dict[str, dict[str, Any]]], tmp_path: Path, jobs: int
) -> None:
    directory, expected = mixed_dir
    out = tmp_path / "out.jsonl"
    status = batch_main([str(directory), "--out", str(out), "--jobs", str(jobs), "--no-progress"])
    assert status == 1
    records = read_jsonl(out)
    names = [Path(record["path"]).name for record in records]
    assert names == sorted([*expected, "empty.txt", "corrupt.pdf", "weather.html"])
    by_name = {Path(record["path"]).name: record for record in records}
    for name, values in expected.items():
        record = by_name[name]
        assert record["status"] == "ok"
        assert record["reason"] is None
        assert record["values"] == values
        assert set(record["statuses"].values()) == {"number"}
        assert record["meta"]["format_version"] == version_of(values)
        assert record["meta"]["source_format"] == "text"
        assert len(record["sha256"]) == 64
    for name in ("empty.txt", "corrupt.pdf", "weather.html"):
        record = by_name[name]
        assert record["status"] == "unreadable", name
        assert record["reason"], name
        assert record["values"] == {}
        assert record["meta"] is None
    assert "empty" in by_name["empty.txt"]["reason"]
    assert by_name["empty.txt"]["sha256"] == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_jobs_do_not_change_the_output(
    mixed_dir: tuple[Path, dict[str, dict[str, Any]]], tmp_path: Path
) -> None:
    directory, _ = mixed_dir
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch([directory], one, jobs=1)
    run_batch([directory], two, jobs=3)
    assert one.read_bytes() == two.read_bytes()


def test_all_good_files_exit_zero(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    assert batch_main([str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    assert [record["status"] for record in read_jsonl(out)] == ["ok"] * 3


def test_csv_output(mixed_dir: tuple[Path, dict[str, dict[str, Any]]], tmp_path: Path) -> None:
    directory, expected = mixed_dir
    out = tmp_path / "out.csv"
    assert batch_main([str(directory), "--out", str(out), "--no-progress"]) == 1
    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(expected) + 3
    by_name = {Path(row["path"]).name: row for row in rows}
    for name, values in expected.items():
        row = by_name[name]
        assert row["status"] == "ok"
        assert {cell_id: row[cell_id] for cell_id in values} == {
            cell_id: str(value) for cell_id, value in values.items()
        }
        # the ids of the other version stay empty
        others = [cell_id for cell_id in CSV_COLUMNS if "." in cell_id and cell_id not in values]
        assert others and all(row[cell_id] == "" for cell_id in others)
        assert row["format_version"] == version_of(values)
    assert by_name["empty.txt"]["status"] == "unreadable"
    assert "empty" in by_name["empty.txt"]["reason"]
    # every record is one physical line: header plus one line per file
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(rows) + 1


def test_format_option_overrides_the_extension(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 2)
    out = tmp_path / "records.txt"
    assert batch_main([str(tmp_path / "in"), "--out", str(out), "--format", "csv"]) == 0
    assert out.read_text(encoding="utf-8").startswith("path,sha256,status,")


def test_output_file_inside_the_input_directory_is_not_read(tmp_path: Path) -> None:
    write_reports(tmp_path, 2)
    out = tmp_path / "out.jsonl"
    assert batch_main([str(tmp_path), "--out", str(out), "--no-progress"]) == 0
    assert batch_main([str(tmp_path), "--out", str(out), "--resume", "--no-progress"]) == 0
    assert len(read_jsonl(out)) == 2


def run_cli_in_subprocess(args: list[str]) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    code = "import sys; from gikaireport.batch import batch_main; sys.exit(batch_main())"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def complete_lines(path: Path) -> tuple[list[str], bytes]:
    """The newline-terminated lines of a file, and what follows the last newline."""
    data = path.read_bytes() if path.exists() else b""
    end = data.rfind(b"\n") + 1
    return data[:end].decode("utf-8").splitlines(), data[end:]


def test_killed_run_leaves_valid_output_and_resume_completes_it(tmp_path: Path) -> None:
    expected = write_reports(tmp_path / "in", 40)
    out = tmp_path / "out.jsonl"
    process = run_cli_in_subprocess(
        [str(tmp_path / "in"), "--out", str(out), "--jobs", "1", "--no-progress"]
    )
    deadline = time.monotonic() + 60
    while len(complete_lines(out)[0]) < 4 and process.poll() is None:
        assert time.monotonic() < deadline, "the batch wrote nothing within 60 s"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the batch finished before it was killed"

    lines, cut = complete_lines(out)
    assert 4 <= len(lines) < 40
    written = [json.loads(line) for line in lines]  # every complete line is a record
    assert all(record["status"] == "ok" for record in written)
    # a kill in the middle of a write can leave at most a cut last line, never a newline
    assert b"\n" not in cut

    status = batch_main([str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"])
    assert status == 0
    records = read_jsonl(out)
    assert records[: len(written)] == written
    names = [Path(record["path"]).name for record in records]
    assert sorted(names) == sorted(expected)
    assert len({record["sha256"] for record in records}) == 40
    for record in records:
        assert record["values"] == expected[Path(record["path"]).name]


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv"])
def test_resume_repairs_a_cut_last_line(tmp_path: Path, output: str) -> None:
    write_reports(tmp_path / "in", 5)
    out = tmp_path / output
    assert batch_main([str(tmp_path / "in"), "--out", str(out), "--no-progress"]) == 0
    whole = out.read_bytes()
    last = whole.rstrip(b"\n").rfind(b"\n") + 1
    out.write_bytes(whole[: last + 100])  # the last record cut after 100 bytes
    assert batch_main([str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"]) == 0
    assert out.read_bytes() == whole


def test_resume_skips_recorded_content_and_keeps_failures(tmp_path: Path) -> None:
    directory = tmp_path / "in"
    write_reports(directory, 3)
    write_bad_files(directory)
    out = tmp_path / "out.jsonl"
    first = run_batch([directory], out)
    assert (first.total, first.written, first.skipped, first.failed) == (6, 6, 0, 3)
    write_reports(directory, 2, start=100)
    second = run_batch([directory], out, resume=True)
    assert (second.total, second.written, second.skipped, second.failed) == (8, 2, 6, 3)
    assert second.exit_status == 1
    records = read_jsonl(out)
    assert len(records) == 8
    assert len({record["path"] for record in records}) == 8
    third = run_batch([directory], out, resume=True)
    assert (third.written, third.skipped) == (0, 8)
    assert len(read_jsonl(out)) == 8


def test_without_resume_the_output_starts_afresh(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "in"], out)
    run_batch([tmp_path / "in"], out)
    assert len(read_jsonl(out)) == 2


def test_resume_refuses_a_damaged_file(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    run_batch([tmp_path / "in"], out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text(lines[0] + "{not json\n" + lines[2], encoding="utf-8")
    status = batch_main([str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"])
    assert status == 2
    assert out.read_text(encoding="utf-8").count("\n") == 3  # left as it was


def test_resume_refuses_a_csv_of_another_layout(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 1)
    out = tmp_path / "out.csv"
    out.write_text("path,status\nx,ok\n", encoding="utf-8")
    status = batch_main([str(tmp_path / "in"), "--out", str(out), "--resume", "--no-progress"])
    assert status == 2


def test_progress_bar(tmp_path: Path) -> None:
    write_reports(tmp_path / "in", 3)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    stream = io.StringIO()
    run_batch([tmp_path / "in"], tmp_path / "out.jsonl", progress=stream)
    shown = stream.getvalue()
    final = shown.rstrip("\n").rsplit("\r", 1)[-1]
    assert "4/4" in final and "failed=1" in final
    assert shown.endswith("\n")


def test_usage_errors() -> None:
    with pytest.raises(SystemExit) as raised:
        batch_main(["somewhere", "--out", "x.jsonl", "--jobs", "0"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit):
        batch_main(["somewhere"])  # --out is required


def test_expand_paths(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ("b/2.txt", "b/1.pdf", "a.txt", ".hidden", ".git/config", "out.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = expand_paths([tmp_path, tmp_path / "a.txt"], exclude=[tmp_path / "out.jsonl"])
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "a.txt",
        "b/1.pdf",
        "b/2.txt",
    ]
    missing = tmp_path / "missing.txt"
    assert expand_paths([missing]) == [missing]


def test_a_missing_file_is_recorded(tmp_path: Path) -> None:
    record = file_record(tmp_path / "missing.txt")
    assert record["status"] == "unreadable"
    assert record["sha256"] is None
    assert "cannot open" in record["reason"]


# --------------------------------------------------------------------------- read_many


def test_read_many_in_input_order_with_errors(tmp_path: Path) -> None:
    expected = write_reports(tmp_path, 5)
    (tmp_path / "empty.txt").write_bytes(b"")
    paths = sorted(tmp_path.iterdir())
    for jobs in (1, 2):
        results = list(read_many(paths, jobs=jobs))
        assert [path for path, _ in results] == paths
        for path, outcome in results:
            if path.name == "empty.txt":
                assert isinstance(outcome, ReadError)
                assert outcome.source == str(path)
                assert "empty" in outcome.reason
            else:
                assert not isinstance(outcome, ReadError)
                assert jsonable(outcome.values()) == expected[path.name]


def test_read_many_keeps_the_error_class(tmp_path: Path) -> None:
    ((_, outcome),) = read_many([tmp_path / "missing.txt"], jobs=2)
    assert type(outcome) is ReadError
    assert "cannot open" in outcome.reason


def test_read_many_bounds_the_work_in_flight(tmp_path: Path) -> None:
    write_reports(tmp_path, 30)
    taken = 0

    def paths() -> Iterator[Path]:
        nonlocal taken
        for path in sorted(tmp_path.iterdir()):
            taken += 1
            yield path

    results = read_many(paths(), jobs=2)
    next(results)
    assert taken <= 2 * 2 + 1  # the window, not the whole input
    assert len(list(results)) == 29
    assert taken == 30


def die_on_three(item: int) -> int:
    if item == 3:
        os._exit(7)  # the process dies as in a native crash
    return item * 10


def test_a_dying_process_costs_only_its_own_item() -> None:
    results = list(pool_map(die_on_three, range(8), jobs=2))
    assert [item for item, _ in results] == list(range(8))
    for item, outcome in results:
        if item == 3:
            assert isinstance(outcome, Lost)
            assert "exited with status 7" in outcome.reason
        else:
            assert outcome == item * 10


# --------------------------------------------------------------------------- dask


def test_dask_bag_runs_the_same_per_file_function(
    mixed_dir: tuple[Path, dict[str, dict[str, Any]]], tmp_path: Path
) -> None:
    bag_module = pytest.importorskip(
        "dask.bag", reason="dask is an optional extra: pip install gikaireport[dask]"
    )
    directory, _ = mixed_dir
    out = tmp_path / "out.jsonl"
    run_batch([directory], out)
    expected = read_jsonl(out)
    paths = [str(path) for path in expand_paths([directory])]
    bag = bag_module.from_sequence(paths, npartitions=3).map(file_record)
    assert bag.compute(scheduler="sync") == expected
    assert bag.compute(scheduler="processes", num_workers=2) == expected
