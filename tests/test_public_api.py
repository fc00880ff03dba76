"""The public API: what ``gikaireport`` exports, that it is documented, and that it is light."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import gikaireport

ROOT = Path(__file__).resolve().parents[1]
API_PAGE = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
HEAVY = ("pdfplumber", "pypdfium2", "docx", "lxml", "pandas", "hypothesis", "regex")
"""Third-party modules that ``import gikaireport`` must leave for later."""


@pytest.mark.parametrize("name", gikaireport.__all__)
def test_every_export_is_public_documented_and_on_the_api_page(name: str) -> None:
    assert not name.startswith("_")
    value = getattr(gikaireport, name)
    if inspect.isclass(value) or inspect.isfunction(value):
        assert inspect.getdoc(value), f"{name} has no docstring"
    assert f"gikaireport.{name}" in API_PAGE, f"docs/api.md does not document {name}"


def test_the_exports_are_unique() -> None:
    assert len(set(gikaireport.__all__)) == len(gikaireport.__all__)


def test_lazy_names_load_on_access_and_are_listed() -> None:
    from gikaireport.batch import read_many
    from gikaireport.export.pandas import to_dataframe

    assert gikaireport.read_many is read_many
    assert gikaireport.to_dataframe is to_dataframe
    assert {"read_many", "to_dataframe", "write_wide_csv"} <= set(dir(gikaireport))
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = gikaireport.no_such_name  # type: ignore[attr-defined]


def test_the_version_is_written_once() -> None:
    assert gikaireport.__version__.count(".") >= 2
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'path = "src/gikaireport/__init__.py"' in pyproject


def test_import_is_light() -> None:
    probe = (
        "import json, sys; before = set(sys.modules); import gikaireport; "
        "print(json.dumps(sorted({m.split('.')[0] for m in set(sys.modules) - before})))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(done.stdout))
    assert loaded & set(HEAVY) == set()
    assert "concurrent" not in loaded  # read_many's process pool loads on first use
    assert loaded - set(sys.stdlib_module_names) == {"attr", "attrs", "gikaireport"}
