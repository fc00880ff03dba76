"""The example notebook runs from top to bottom and shows what it promises."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "reading-a-folder.ipynb"


def outputs(cell: Any) -> str:
    """Everything a code cell displayed: text and HTML."""
    shown = []
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        shown.append(data.get("text/html", "") + data.get("text/plain", ""))
        shown.append(output.get("text", ""))
    return "\n".join(shown)


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Any:
    work = tmp_path_factory.mktemp("notebook")
    shutil.copytree(ROOT / "examples", work / "examples")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    before = os.environ.get("PYTHONPATH")
    # the kernel imports the package from this checkout, installed or not
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), before) if p)
    try:
        client = nbclient.NotebookClient(
            notebook,
            timeout=300,
            kernel_name="python3",
            resources={"metadata": {"path": str(work)}},
        )
        client.execute()
    finally:
        if before is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = before
    return notebook


def test_the_notebook_is_stored_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_every_cell_runs_without_error(executed: Any) -> None:
    for cell in executed.cells:
        if cell.cell_type == "code":
            assert all(output.get("output_type") != "error" for output in cell.outputs)


def test_the_notebook_shows_the_folder_the_findings_and_the_display(executed: Any) -> None:
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    text = {cell.source: outputs(cell) for cell in code}
    frame = next(shown for source, shown in text.items() if "read_dataframe" in source)
    assert "notes.pdf" in frame and "bureau-2023.txt" in frame and "<NA>" in frame
    findings = next(shown for source, shown in text.items() if "findings_dataframe" in source)
    assert "GK301" in findings and "error" in findings
    display = next(shown for source, shown in text.items() if source.startswith("report ="))
    assert 'data-cell="applications.new_received.total"' in display
    assert 'class="number error"' in display
    assert "Int64" in next(shown for source, shown in text.items() if "write_wide_csv" in source)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_the_screenshot_script_photographs_the_display(tmp_path: Path) -> None:
    from PIL import Image

    pytest.importorskip("nbconvert")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    with Image.open(tmp_path / "display.png") as image:
        assert image.size == (1280, 1500)
        colours = {colour: count for count, colour in image.convert("RGB").getcolors(1 << 24)}
    # the wrong total is outlined in the error colour, the GK701 row filled in the warning one
    assert colours.get((0xC9, 0x30, 0x2C), 0) > 20
    assert colours.get((0xFF, 0xF3, 0xCD), 0) > 1000
    assert (ROOT / "docs" / "images" / "display.png").is_file()
    assert "images/display.png" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
