from __future__ import annotations

import csv
import errno
import io
import json
import multiprocessing
import os
import pickle
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import report_factory
from gikaireport.batch import (
    CSV_COLUMNS,
    expand_paths,
    file_record,
    read_many,
    run_batch,
)
from gikaireport.batch.command import batch_main
from gikaireport.batch.output import OutputFormat
from gikaireport.batch.pool import Lost, Pool, death_reason, pool_map, start_method
from gikaireport.batch.stop import StopSignals
from gikaireport.cli import main as cli_main
from gikaireport.errors import ReadError
from gikaireport.export.rows import jsonable
from pool_helpers import exit_on_three, interrupt_on_two, killed_at_gate, raise_on_two, tenfold

ROOT = Path(__file__).resolve().parents[1]

START_METHODS = [m for m in ("fork", "forkserver") if m in multiprocessing.get_all_start_methods()]
"""The start methods the pool uses, where the platform has them."""
by_start_method = pytest.mark.parametrize("method", START_METHODS)

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
needs_proc = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="finds a process by its open files in /proc (Linux)"
)


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


def run_cli_in_subprocess(args: list[str], stderr: Path) -> subprocess.Popen[bytes]:
    """``gikaireport batch ARGS`` in a session of its own (so that it has its own group)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with stderr.open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", "gikaireport", "batch", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )


def complete_lines(path: Path) -> tuple[list[str], bytes]:
    """The newline-terminated lines of a file, and what follows the last newline."""
    data = path.read_bytes() if path.exists() else b""
    end = data.rfind(b"\n") + 1
    return data[:end].decode("utf-8").splitlines(), data[end:]


def wait_for(condition: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
    """Wait until ``condition`` holds while ``process`` runs (fails after 120 s)."""
    deadline = time.monotonic() + 120
    while not condition():
        assert process.poll() is None, f"the batch ended before {what}"
        assert time.monotonic() < deadline, f"not {what} within 120 s"
        time.sleep(0.002)


def open_writer(fifo: Path, ready: Callable[[], bool] = lambda: True) -> int:
    """Open a FIFO for writing once a reader has it open (never blocks; fails after 60 s)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
        assert ready(), "the reader ended before it opened the FIFO"
        assert time.monotonic() < deadline, "no process opened the FIFO within 60 s"
        time.sleep(0.001)


def readers_of(fifo: Path) -> list[int]:
    """The processes other than this one that have ``fifo`` open."""
    found = []
    for directory in Path("/proc").glob("[0-9]*/fd"):
        if int(directory.parent.name) == os.getpid():
            continue
        try:
            links = [str(fd.readlink()) for fd in directory.iterdir()]
        except OSError:  # the process ended, or is not ours to look at
            continue
        if str(fifo) in links:
            found.append(int(directory.parent.name))
    return found


def the_reader_of(fifo: Path) -> int:
    """The one process reading ``fifo``, once its open has returned (fails after 120 s)."""
    deadline = time.monotonic() + 120
    while not (found := readers_of(fifo)):
        assert time.monotonic() < deadline, "no process has the FIFO open"
        time.sleep(0.002)
    (pid,) = found
    return pid


@attrs.frozen
class GatedFolder:
    """A folder with the same report under several names, read as ``A GATE B``.

    ``GATE`` is a named pipe: a run blocks there, deterministically, after the records of
    ``A``, until the test opens it, kills its reader, or replaces it by a file.
    """

    args: list[str]
    gate: Path
    before: int
    total: int
    copy_of: Path

    def open_gate(self) -> None:
        """Replace the pipe by a regular file (one more copy of a report)."""
        self.gate.unlink()
        shutil.copy(self.copy_of, self.gate)


def gated_folder(root: Path) -> GatedFolder:
    first, second = root / "reports" / "a", root / "reports" / "b"
    write_reports(first, 4)
    write_reports(second, 3, start=10)
    original, other = sorted(first.iterdir())[0], sorted(second.iterdir())[0]
    shutil.copy(original, first / "下载副本.txt")  # the same report downloaded twice
    (second / "dept").mkdir()
    shutil.copy(original, second / "dept" / "copy.txt")
    shutil.copy(other, second / "dept" / "again.txt")
    gate = root / "reports" / "gate.txt"
    os.mkfifo(gate)
    return GatedFolder([str(first), str(gate), str(second)], gate, 5, 11, original)


def records_by_path(out: Path) -> dict[str, dict[str, Any]]:
    """The records of a batch output, by path; fails when a path has two."""
    if out.suffix == ".csv":
        with out.open(encoding="utf-8", newline="") as stream:
            records: list[dict[str, Any]] = list(csv.DictReader(stream))
    else:
        records = read_jsonl(out)
    by_path = {record["path"]: record for record in records}
    assert len(by_path) == len(records), "a path has two records"
    return by_path


@needs_fifo
@pytest.mark.parametrize("output", ["out.jsonl", "out.csv"])
def test_a_killed_run_resumes_to_the_records_of_an_uninterrupted_run(
    tmp_path: Path, output: str
) -> None:
    folder = gated_folder(tmp_path)
    out = tmp_path / output
    header = int(output.endswith(".csv"))
    process = run_cli_in_subprocess(
        [*folder.args, "--out", str(out), "--jobs", "2", "--no-progress"], tmp_path / "err"
    )
    wait_for(
        lambda: len(complete_lines(out)[0]) >= header + folder.before,
        process,
        "the records before the gate were written",
    )
    os.killpg(process.pid, signal.SIGKILL)  # the whole run: parent and workers
    process.wait()
    lines, cut = complete_lines(out)
    assert len(lines) == header + folder.before and cut == b""

    folder.open_gate()
    assert batch_main([*folder.args, "--out", str(out), "--resume", "--no-progress"]) == 0
    whole = tmp_path / f"whole{out.suffix}"
    assert batch_main([*folder.args, "--out", str(whole), "--no-progress"]) == 0
    resumed = records_by_path(out)
    assert resumed == records_by_path(whole)
    assert len(resumed) == folder.total
    assert all(record["status"] == "ok" for record in resumed.values())
    # four paths hold the same bytes, and each has its own record
    assert len({record["sha256"] for record in resumed.values()}) == folder.total - 4


@needs_fifo
@needs_proc
def test_a_worker_killed_mid_run_costs_only_its_file(tmp_path: Path) -> None:
    folder = gated_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    process = run_cli_in_subprocess(
        [*folder.args, "--out", str(out), "--jobs", "2", "--no-progress"], tmp_path / "err"
    )
    wait_for(lambda: len(complete_lines(out)[0]) >= folder.before, process, "records were written")
    writer = open_writer(folder.gate, ready=lambda: process.poll() is None)
    try:
        os.kill(the_reader_of(folder.gate), signal.SIGKILL)
    finally:
        os.close(writer)
    assert process.wait(timeout=120) == 1
    records = records_by_path(out)
    assert sorted(records) == sorted(map(str, expand_paths(folder.args)))
    lost = records.pop(str(folder.gate))
    assert lost["status"] == "failed" and lost["error"] is None
    assert "killed by signal SIGKILL" in lost["reason"]
    assert all(record["status"] == "ok" for record in records.values())
    summary = (tmp_path / "err").read_text(encoding="utf-8")
    assert (
        summary == f"11 files: 11 recorded, 0 already recorded, 1 unreadable or failed -> {out}\n"
    )

    folder.open_gate()  # a resumed run reads the file whose process died again
    assert batch_main([*folder.args, "--out", str(out), "--resume", "--no-progress"]) == 0
    assert records_by_path(out)[str(folder.gate)]["status"] == "ok"


@needs_fifo
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_stops_cleanly_and_resume_finishes(
    tmp_path: Path, signum: signal.Signals
) -> None:
    folder = gated_folder(tmp_path)
    out = tmp_path / "out.jsonl"
    err = tmp_path / "err"
    process = run_cli_in_subprocess(
        [*folder.args, "--out", str(out), "--jobs", "2", "--no-progress"], err
    )
    wait_for(lambda: len(complete_lines(out)[0]) >= folder.before, process, "records were written")
    writer = open_writer(folder.gate, ready=lambda: process.poll() is None)  # one in flight
    try:
        if signum == signal.SIGINT:
            os.killpg(process.pid, signum)  # Ctrl-C reaches every process of the terminal
        else:
            process.send_signal(signum)
        assert process.wait(timeout=120) == 130
    finally:
        os.close(writer)
    assert err.read_text(encoding="utf-8") == (
        f"interrupted after {folder.before} of {folder.total} files; "
        "rerun with --resume to finish\n"
    )
    assert len(complete_lines(out)[0]) == folder.before
    folder.open_gate()
    assert batch_main([*folder.args, "--out", str(out), "--resume", "--no-progress"]) == 0
    assert len(records_by_path(out)) == folder.total


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


def test_resume_keeps_the_records_of_unchanged_paths_and_failures(tmp_path: Path) -> None:
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


def test_resume_records_every_path_of_the_same_content(tmp_path: Path) -> None:
    directory = tmp_path / "in"
    (name, _), *_ = write_reports(directory, 2).items()
    shutil.copy(directory / name, directory / "copy.txt")
    (directory / "sub").mkdir()
    shutil.copy(directory / name, directory / "sub" / "again.txt")
    out = tmp_path / "out.jsonl"
    run_batch([directory / name], out)
    summary = run_batch([directory], out, resume=True)
    assert (summary.total, summary.written, summary.skipped, summary.failed) == (4, 3, 1, 0)
    records = records_by_path(out)
    assert len(records) == 4
    assert len({record["sha256"] for record in records.values()}) == 2


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
def test_resume_reads_a_changed_file_again(tmp_path: Path, output_format: OutputFormat) -> None:
    directory = tmp_path / "in"
    names = sorted(write_reports(directory, 3))
    newer = write_reports(tmp_path / "newer", 1, start=40)
    out = tmp_path / f"out.{output_format}"
    run_batch([directory], out, format=output_format)
    shutil.copy(tmp_path / "newer" / next(iter(newer)), directory / names[1])
    summary = run_batch([directory], out, resume=True, format=output_format)
    assert (summary.written, summary.skipped, summary.changed) == (1, 2, 1)
    records = records_by_path(out)
    assert len(records) == 3
    changed = records[str(directory / names[1])]
    cells = changed["values"] if output_format == "jsonl" else changed
    total = "applications.new_received.total"
    assert str(cells[total]) == str(next(iter(newer.values()))[total])


def test_resume_reads_a_failed_file_again_and_keeps_one_record_per_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "in"
    write_reports(directory, 3)
    out = tmp_path / "out.jsonl"
    run_batch([directory], out)
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    failed = json.loads(lines[0]) | {"status": "failed", "reason": "killed", "values": {}}
    # the first record says its process died; the second path is recorded twice
    out.write_text(json.dumps(failed) + "\n" + lines[1] + lines[1] + lines[2], encoding="utf-8")
    assert batch_main([str(directory), "--out", str(out), "--resume", "--no-progress"]) == 0
    assert capsys.readouterr().err == (
        f"3 files: 1 recorded (1 read again), 2 already recorded, 0 unreadable or failed -> {out}\n"
    )
    records = records_by_path(out)
    assert len(records) == 3
    assert all(record["status"] == "ok" for record in records.values())


@pytest.fixture(scope="module")
def finished_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A folder with a report under two names, and the output of a whole run in each format."""
    directory = tmp_path_factory.mktemp("cut") / "in"
    (name, _), *_ = write_reports(directory, 3).items()
    shutil.copy(directory / name, directory / "副本.txt")
    write_bad_files(directory)
    whole = {}
    for output_format in ("jsonl", "csv"):
        out = directory.parent / f"whole.{output_format}"
        run_batch([directory], out, format=output_format)
        whole[output_format] = out.read_bytes()
    return directory, whole


@pytest.mark.parametrize("output_format", ["jsonl", "csv"])
@settings(max_examples=25, deadline=None, derandomize=True)
@given(cut=st.floats(min_value=0, max_value=1))
def test_a_run_cut_at_any_byte_resumes_to_the_whole_output(
    finished_runs: tuple[Path, dict[str, bytes]], output_format: OutputFormat, cut: float
) -> None:
    # a kill can stop the output file at any byte: resume keeps the whole records, rewrites
    # the torn one, and ends with one record per path, the same as the uninterrupted run
    directory, whole = finished_runs
    out = directory.parent / f"cut.{output_format}"
    out.write_bytes(whole[output_format][: int(cut * len(whole[output_format]))])
    summary = run_batch([directory], out, resume=True, format=output_format)
    assert summary.skipped + summary.written == summary.total == 7
    reference = directory.parent / f"whole.{output_format}"
    assert records_by_path(out) == records_by_path(reference)


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
    assert expand_paths(str(tmp_path / "b")) == [tmp_path / "b/1.pdf", tmp_path / "b/2.txt"]
    assert expand_paths(str(tmp_path / "a.txt")) == [tmp_path / "a.txt"]


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


def test_read_many_takes_a_directory_a_path_or_an_iterable(tmp_path: Path) -> None:
    expected = write_reports(tmp_path / "in", 3)
    paths = sorted((tmp_path / "in").iterdir())
    for source in (tmp_path / "in", str(tmp_path / "in"), iter(paths), [tmp_path / "in"]):
        results = list(read_many(source))
        assert [path for path, _ in results] == paths
        assert [jsonable(r.values()) for _, r in results if not isinstance(r, ReadError)] == [
            expected[path.name] for path in paths
        ]
    for one in (paths[0], str(paths[0])):  # a str is one path, never its characters
        ((path, report),) = read_many(one, jobs=2)
        assert path == paths[0] and not isinstance(report, ReadError)


def test_read_many_shows_progress(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_reports(tmp_path, 3)
    assert len(list(read_many(tmp_path, progress=True))) == 3
    assert "3/3" in capsys.readouterr().err


@needs_fifo
@needs_proc
def test_read_many_survives_a_killed_process(tmp_path: Path) -> None:
    folder = gated_folder(tmp_path)

    def kill_the_reader_of_the_gate() -> None:
        writer = open_writer(folder.gate)  # returns once a worker has the gate open
        try:
            os.kill(the_reader_of(folder.gate), signal.SIGKILL)
        finally:
            os.close(writer)

    killer = threading.Thread(target=kill_the_reader_of_the_gate)
    killer.start()
    try:
        results = list(read_many(folder.args, jobs=2))
    finally:
        killer.join()
    assert [path for path, _ in results] == expand_paths(folder.args)
    (lost,) = [outcome for path, outcome in results if path == folder.gate]
    assert isinstance(lost, ReadError) and "killed by signal SIGKILL" in lost.reason
    assert sum(isinstance(outcome, ReadError) for _, outcome in results) == 1


def test_check_and_batch_read_the_same_files(
    mixed_dir: tuple[Path, dict[str, dict[str, Any]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    directory, _ = mixed_dir
    (directory / "sub").mkdir()
    (directory / "notes.md").write_text("# 说明\n", encoding="utf-8")
    shutil.copy(sorted(directory.glob("*.txt"))[0], directory / "sub" / "no-extension")
    run_batch([directory], tmp_path / "out.jsonl")
    batch_paths = set(records_by_path(tmp_path / "out.jsonl"))
    cli_main(["check", "--format", "json", str(directory)])
    checked = json.loads(capsys.readouterr().out)
    check_paths = {f["path"] for f in checked["files"]} | {u["path"] for u in checked["unreadable"]}
    assert check_paths == batch_paths
    assert str(directory / "sub" / "no-extension") in batch_paths


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


# --------------------------------------------------------------------------- the pool


@by_start_method
def test_a_dying_process_costs_only_its_own_item(method: str) -> None:
    pool: Pool[int, int] = Pool(exit_on_three, jobs=2, method=method)
    try:
        results = list(pool.map(range(8)))
    finally:
        pool.close()
    assert [item for item, _ in results] == list(range(8))
    for item, outcome in results:
        if item == 3:
            assert isinstance(outcome, Lost)
            assert "exited with status 7" in outcome.reason
        else:
            assert outcome == item * 10


def test_an_exception_in_the_function_costs_only_its_item() -> None:
    for jobs in (1, 2):
        results = dict(pool_map(raise_on_two, range(5), jobs=jobs))
        assert results.pop(2) == Lost("unexpected ZeroDivisionError: division by zero")
        assert results == {item: item * 10 for item in (0, 1, 3, 4)}


@needs_fifo
@by_start_method
def test_the_crash_race_with_a_slow_consumer_50_times(tmp_path: Path, method: str) -> None:
    # The consumer holds the results back; while it does, the process reading item 1 is
    # killed (it waits at a gate the consumer opens). The pool must record item 1 as lost,
    # read every other item exactly once, and go on with a new process.
    for round in range(50):
        gate = tmp_path / f"gate{round}"
        os.mkfifo(gate)
        items = [(number, str(gate) if number == 1 else "") for number in range(8)]
        pool: Pool[tuple[int, str], int] = Pool(killed_at_gate, jobs=2, method=method)
        try:
            results = pool.map(items)
            first = next(results)  # the consumer is slow: it does not come back yet
            (holder,) = [w.process for w in pool.workers if w.held and w.held[0] == 1]
            os.close(open_writer(gate))
            holder.join()  # the death has happened while the consumer was away
            rest = list(results)
        finally:
            pool.close()
        assert first == (items[0], 0)
        assert [item for item, _ in rest] == items[1:]
        assert rest[0][1] == Lost(death_reason(-signal.SIGKILL))
        assert "killed by signal SIGKILL" in rest[0][1].reason
        assert [outcome for _, outcome in rest[1:]] == [number * 10 for number in range(2, 8)]


@by_start_method
def test_a_process_killed_between_items_costs_nothing_50_times(method: str) -> None:
    # The race of the old pool: a process dies between items, after sending its results and
    # before it is handed the next item. Its results count, the item goes to a new process,
    # and nothing is lost or read twice.
    for _ in range(50):
        pool: Pool[int, int] = Pool(tenfold, jobs=2, method=method)
        try:
            results = pool.map(range(8))
            first = next(results)  # item 0, from the first process
            worker = pool.workers[0]
            if worker.held:  # wait until it has sent the result of the other item it holds
                assert worker.conn.poll(60), "no result within 60 s"
            os.kill(worker.process.pid or 0, signal.SIGKILL)
            worker.process.join()
            rest = list(results)
        finally:
            pool.close()
        assert [first, *rest] == [(item, item * 10) for item in range(8)]


def test_the_pool_ends_its_processes() -> None:
    pool: Pool[int, int] = Pool(tenfold, jobs=2)
    processes = []
    for _ in pool.map(range(6)):
        processes += [w.process for w in pool.workers if w.process not in processes]
    pool.close()
    assert len(processes) == 2
    assert all(process.exitcode == 0 for process in processes)


def test_the_pool_forks_only_a_single_threaded_process() -> None:
    if "fork" not in START_METHODS or not Path("/proc/self/task").is_dir():
        pytest.skip("fork is chosen on Linux only")
    if len(list(Path("/proc/self/task").iterdir())) == 1:  # other tests may leave threads
        assert start_method() == "fork"
    started = threading.Event()
    finish = threading.Event()

    def other_thread() -> None:
        started.set()
        finish.wait()

    thread = threading.Thread(target=other_thread)
    thread.start()
    try:
        started.wait()
        assert start_method() == "forkserver"
    finally:
        finish.set()
        thread.join()


def test_death_reasons() -> None:
    assert "killed by signal SIGKILL" in death_reason(-9)
    assert "exited with status 3" in death_reason(3)
    assert "without a result" in death_reason(None)


def test_a_stop_signal_ends_the_serial_map_after_the_current_item() -> None:
    with StopSignals() as stop:
        results = list(pool_map(interrupt_on_two, range(6), jobs=1, stop=stop))
    assert results == [(0, 0), (1, 10), (2, 20)]
    assert stop.received == signal.SIGINT


def test_stop_signals_restore_the_handlers() -> None:
    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    with StopSignals() as stop:
        assert stop.active
        assert signal.getsignal(signal.SIGINT) != before[0]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == before


# --------------------------------------------------------------------------- errors


def error_classes() -> list[type[ReadError]]:
    import gikaireport.readers  # noqa: F401  (readers may declare their own subclasses)

    found: list[type[ReadError]] = []
    pending: list[type[ReadError]] = [ReadError]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending += kind.__subclasses__()
    return found


class ErrorWithItsOwnSignature(ReadError):
    def __init__(self, path: str, page: int) -> None:
        super().__init__(path, f"page {page} is damaged")
        self.page = page


def test_read_errors_pickle() -> None:
    classes = error_classes()
    assert {"ReadError", "UnsupportedFormatError", "NoTextLayerError"} <= {
        kind.__name__ for kind in classes
    }
    errors = [
        kind("a/b.pdf", "what is wrong")
        for kind in classes
        if kind.__module__ == "gikaireport.errors"
    ]
    errors.append(ErrorWithItsOwnSignature("c.pdf", 3))
    for error in errors:
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.source, copy.reason, str(copy), copy.args) == (
            error.source,
            error.reason,
            str(error),
            error.args,
        )
    copy = pickle.loads(pickle.dumps(errors[-1]))
    assert isinstance(copy, ErrorWithItsOwnSignature) and copy.page == 3
