"""A strict consumer of the documented API type-checks and runs (tests/consumer/consumer.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONSUMER = ROOT / "tests" / "consumer" / "consumer.py"

MISUSE = """\
import gikaireport

report = gikaireport.read("report.txt")
count: str = report.values()["applications.new_received.total"]
finding = gikaireport.validate(report)[0]
print(finding.no_such_field)
gikaireport.read(42)
for path, outcome in gikaireport.read_many(["a.txt"], jobs="2"):
    pass
"""
"""One misuse per line from line 4: the checker must reject each, which shows the API is
typed (lazily loaded names included), not ``Any``."""


def environment() -> dict[str, str]:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["MYPYPATH"] = src
    env["PYTHONPATH"] = os.pathsep.join(p for p in (src, env.get("PYTHONPATH")) if p)
    return env


def test_the_consumer_passes_mypy_strict_and_misuse_fails(tmp_path: Path) -> None:
    misuse = tmp_path / "misuse.py"
    misuse.write_text(MISUSE, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            str(CONSUMER),
            str(misuse),
        ],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=600,
    )
    lines = done.stdout.splitlines()
    assert [line for line in lines if "consumer.py" in line] == []
    flagged = sorted({int(m[1]) for line in lines if (m := re.search(r"misuse\.py:(\d+):", line))})
    assert flagged == [4, 6, 7, 8], done.stdout + done.stderr
    assert not [line for line in lines if "consumer.py" not in line and "misuse.py" not in line]


def test_the_consumer_runs_on_the_example() -> None:
    done = subprocess.run(
        [sys.executable, str(CONSUMER)],
        env=environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "received: 23 fee: 12.5600" in done.stdout
    assert "after a change: ['GK301', 'GK303']" in done.stdout
