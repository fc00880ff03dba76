"""The check and rules commands, on text reports written to disk."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gikaireport.cli import main
from gikaireport.testing import render_text
from gikaireport.validate import list_rules
from gikaireport.validate.examples import example_report

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(render_text(example_report()), encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    # 一、本年新收 / 总计 printed as 9 beside 3 + 1
    path = tmp_path / "bad.txt"
    report = example_report({"applications.new_received.total": 9})
    path.write_text(render_text(report), encoding="utf-8")
    return path


def test_clean_report_exits_0(good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good)]) == 0
    out = capsys.readouterr().out.splitlines()
    # the rendering prints a placeholder sentence for the text of every part: no area of
    # part 一 (GK121), neither problems nor measures in part 五 (GK124), no word on
    # 信息处理费 (GK701)
    assert [line.split(": ")[1].split()[0] for line in out[:-1]] == ["GK121", "GK124", "GK701"]
    assert out[-1] == "0 errors, 3 warnings, 0 info in 1 files"


def test_errors_exit_1_with_linter_lines(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    row_total = [line for line in lines if " GK303 " in line]
    assert row_total and row_total[0].startswith(f"{bad}:")
    line_number = int(row_total[0].split(":")[1])
    assert "\t9" in bad.read_text(encoding="utf-8").splitlines()[line_number - 1]
    assert "一、本年新收政府信息公开申请数量" in row_total[0]
    assert lines[-1].startswith("2 errors, 3 warnings")  # 总计 twice; GK121, GK124, GK701


def test_unreadable_file_exits_2_and_the_others_are_checked(
    tmp_path: Path, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.pdf"
    assert main(["check", str(empty), str(bad), str(missing)]) == 2
    captured = capsys.readouterr()
    assert f"{empty}: cannot read" in captured.err and f"{missing}: cannot read" in captured.err
    assert " GK303 " in captured.out
    assert "(2 could not be read)" in captured.out


def test_json_output(bad: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.txt"
    assert main(["check", "--format", "json", str(bad), str(missing)]) == 2
    document = json.loads(capsys.readouterr().out)
    (checked,) = document["files"]
    codes = [f["code"] for f in checked["findings"]]
    assert "GK303" in codes and document["summary"]["error"] == len(
        [f for f in checked["findings"] if f["severity"] == "error"]
    )
    first = checked["findings"][0]
    assert set(first) >= {
        "code",
        "rule",
        "severity",
        "message",
        "message_en",
        "cells",
        "location",
        "expected",
        "actual",
        "path",
    }
    assert document["unreadable"][0]["path"] == str(missing)


def test_select_ignore_and_language(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--ignore", "arithmetic", str(bad)]) == 0
    assert main(["check", "--select", "GK303,GK301", "--lang", "en", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "relation applications.row_total.new_received does not hold" in out
    assert main(["check", "--select", "GK9999", str(bad)]) == 2
    assert "unknown rule selector" in capsys.readouterr().err


def test_directory_is_expanded(good: Path, bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(good.parent)]) == 1
    assert "in 2 files" in capsys.readouterr().out


def test_rules_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    for rule in list_rules(None):
        assert rule.code in out and rule.name in out
    assert main(["rules", "GK3", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in listed] == ["GK301", "GK302", "GK303", "GK304"]
    assert main(["rules", "family-balance", "--explain"]) == 0
    assert "勾稽关系" in capsys.readouterr().out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "check" in capsys.readouterr().out


def test_python_m_gikaireport(bad: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [sys.executable, "-m", "gikaireport", "check", "--select", "GK303", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert " GK303 " in result.stdout
