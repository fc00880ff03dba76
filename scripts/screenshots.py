"""Screenshots of the example notebook, executed and rendered as JupyterLab renders it.

Executes ``examples/reading-a-folder.ipynb`` (nbclient), converts it to HTML with nbconvert's
JupyterLab template (the CSS a notebook user sees, including JupyterLab's own table style),
and photographs it with headless Chromium:

- ``display.png``: the report display with its findings alone (the picture on the home
  page, kept in ``docs/images``);
- ``notebook.png`` with ``--whole``: the whole executed notebook, to check it by eye.

Run from the repository root: ``python scripts/screenshots.py [--whole] [OUTPUT_DIR]``
(``docs/images`` by default). Needs
nbclient, nbconvert and ipykernel (the ``dev`` extra) and ``chromium`` on ``PATH``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "examples" / "reading-a-folder.ipynb"
WIDTH = 1280


def execute(work: Path) -> nbformat.NotebookNode:
    """Run the notebook in ``work`` (with a copy of examples/) and return it with outputs."""
    shutil.copytree(ROOT / "examples", work / "examples")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH")) if p
    )
    NotebookClient(notebook, timeout=300, resources={"metadata": {"path": str(work)}}).execute()
    return notebook


def display_only(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A notebook of the one cell that displays a report with its findings."""
    cells = [cell for cell in notebook.cells if "gikaireport.display(" in cell.source]
    return nbformat.v4.new_notebook(cells=cells, metadata=notebook.metadata)


def to_html(notebook: nbformat.NotebookNode, path: Path) -> Path:
    """Write the notebook as a JupyterLab-styled HTML page, code cells' inputs hidden."""
    exporter = HTMLExporter(template_name="lab", exclude_input_prompt=True)
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(notebook)
    path.write_text(body, encoding="utf-8")
    return path


def screenshot(page: Path, image: Path, height: int) -> Path:
    """Photograph ``page`` with headless Chromium at the given window height."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium is not installed")
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            f"--window-size={WIDTH},{height}",
            f"--screenshot={image}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return image


def main(argv: list[str]) -> int:
    """Write the screenshots to the directory given (default ``docs/images``)."""
    whole = "--whole" in argv
    args = [arg for arg in argv if arg != "--whole"]
    out = Path(args[0]) if args else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        notebook = execute(work)
        page = to_html(display_only(notebook), work / "display.html")
        print(screenshot(page, out / "display.png", 1500))
        if whole:
            print(screenshot(to_html(notebook, work / "notebook.html"), out / "notebook.png", 6000))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
