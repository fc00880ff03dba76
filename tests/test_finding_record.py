"""One finding record: ``check --format json`` and the batch records write the same JSON."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

import gikaireport
from gikaireport.batch import file_record, run_batch
from gikaireport.cli import main as cli_main
from gikaireport.export.rows import finding_record
from gikaireport.finding import Finding, Severity
from gikaireport.model import Source
from gikaireport.testing import render_text
from gikaireport.validate import Finding as ValidationFinding
from gikaireport.validate import Severity as ValidationSeverity
from gikaireport.validate.examples import example_report


def test_finding_and_severity_are_one_class_wherever_imported() -> None:
    assert gikaireport.Finding is ValidationFinding is Finding
    assert gikaireport.Severity is ValidationSeverity is Severity


def test_check_json_and_batch_records_write_the_same_findings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.txt"
    bad = example_report({"applications.new_received.total": 9})
    path.write_text(render_text(bad), encoding="utf-8")

    assert cli_main(["check", "--format", "json", str(path)]) == 1
    (checked,) = json.loads(capsys.readouterr().out)["files"]
    record = file_record(path)
    assert record["status"] == "ok"
    assert checked["findings"] == record["findings"]
    assert {f["code"] for f in checked["findings"]} >= {"GK303"}
    # the same record round-trips through the batch's JSON Lines file byte for byte
    out = tmp_path / "out.jsonl"
    run_batch([path], out)
    assert json.loads(out.read_text(encoding="utf-8"))["findings"] == checked["findings"]


def test_a_finding_record_keeps_every_field_as_json() -> None:
    finding = Finding(
        "GK999",
        "an-example",
        Severity.WARNING,
        "消息",
        "message",
        ("a.b.c",),
        Source(line=4, page=2),
        Decimal("1.50"),
        3,
        "r.txt",
        ("other.txt",),
        "改",
        "fix it",
    )
    assert finding_record(finding) == {
        "code": "GK999",
        "rule": "an-example",
        "severity": "warning",
        "message": "消息",
        "message_en": "message",
        "cells": ["a.b.c"],
        "location": {
            "line": 4,
            "page": 2,
            "table": None,
            "row": None,
            "column": None,
            "confidence": None,
        },
        "expected": "1.50",
        "actual": 3,
        "path": "r.txt",
        "related": ["other.txt"],
        "fix": "改",
        "fix_en": "fix it",
    }
