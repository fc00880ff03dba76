"""The wheel, installed alone into a fresh virtual environment, works and imports lightly.

The wheel is built from this checkout (``python -m build --wheel``, which fetches hatchling),
then installed into a new venv with its declared dependencies from the package index (pip's
cache makes repeated runs quick). So this test also catches a dependency used but not declared.
Nothing of the checkout is on the path of the installed interpreter: it runs in a scratch
directory with ``PYTHONPATH`` unset.

Measured on 2 cores: building the wheel 5 s, creating the venv 8 s, installing the wheel and
its 13 dependencies 11 s (with or without pip's cache, the index being local), the checks 2 s.
A venv sharing the developer's site-packages with ``--no-deps`` would save the install but
prove nothing about the declared dependencies, so the test pays for it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import gikaireport

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("pdfplumber", "pypdfium2", "docx", "lxml", "pandas")
"""Modules ``import gikaireport`` must not import: the readers load them on first use."""

pytestmark = pytest.mark.slow


def run(*command: str | Path, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    done = subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, f"{command} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """Build the wheel and install it into a fresh venv: (the venv's bin directory, wheel)."""
    scratch = tmp_path_factory.mktemp("packaging")
    dist = scratch / "dist"
    run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=scratch)
    (wheel,) = dist.glob("gikaireport-*.whl")
    venv = scratch / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=scratch)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel, cwd=scratch, timeout=600)
    yield bin_dir, wheel


def test_the_wheel_holds_the_package_and_nothing_else(installed: tuple[Path, Path]) -> None:
    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "gikaireport/py.typed" in names
    assert "gikaireport/readers/text.py" in names
    assert {name.split("/")[0] for name in names} == {
        "gikaireport",
        f"gikaireport-{gikaireport.__version__}.dist-info",
    }
    assert wheel.name.startswith(f"gikaireport-{gikaireport.__version__}-py3-none-any")


def test_import_does_not_load_the_readers_libraries(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    bin_dir, _ = installed
    done = run(bin_dir / "python", "-X", "importtime", "-c", "import gikaireport", cwd=tmp_path)
    modules = re.findall(r"^import time:\s+\d+ \|\s+\d+ \|\s+(\S+)$", done.stderr, re.MULTILINE)
    assert "gikaireport" in modules
    loaded = sorted({m.split(".")[0] for m in modules} & set(HEAVY))
    assert loaded == []
    where = run(
        bin_dir / "python", "-c", "import gikaireport; print(gikaireport.__file__)", cwd=tmp_path
    )
    assert str(ROOT) not in where.stdout  # the installed copy, not the checkout


def test_the_installed_library_reads_and_checks_a_report(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    bin_dir, _ = installed
    version = run(bin_dir / "gikaireport", "--version", cwd=tmp_path)
    assert version.stdout.strip() == f"gikaireport {gikaireport.__version__}"
    example = ROOT / "examples" / "example-county-2023.txt"
    checked = run(bin_dir / "gikaireport", "check", example, cwd=tmp_path)
    assert checked.stdout.strip() == "0 errors, 0 warnings, 0 info in 1 files"
    module = run(bin_dir / "python", "-m", "gikaireport", "rules", "GK301", cwd=tmp_path)
    assert module.stdout.startswith("GK301  family-balance")


def test_the_installed_readers_find_their_libraries(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    from gikaireport.testing.docx import render_docx

    bin_dir, _ = installed
    report = gikaireport.read(ROOT / "examples" / "example-county-2023.txt")
    (tmp_path / "report.docx").write_bytes(render_docx(report))
    page = ROOT / "tests" / "data" / "html" / "example_county_portal.html"
    probe = (
        "import sys, gikaireport\n"
        "for path in sys.argv[1:]:\n"
        "    report = gikaireport.read(path)\n"
        "    print(report.source_format, report.values()['applications.new_received.total'])\n"
    )
    done = run(bin_dir / "python", "-c", probe, "report.docx", page, cwd=tmp_path)
    assert done.stdout.split("\n")[:2] == ["docx 23", "html 8"]
