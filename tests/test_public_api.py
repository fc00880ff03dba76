"""The public API: what ``gikaireport`` exports, that it is documented, and that it is light."""

from __future__ import annotations

import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
import types
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


DOCS_TEXT = "\n".join(
    page.read_text(encoding="utf-8") for page in sorted((ROOT / "docs").rglob("*.md"))
)
"""Every documentation page: a name is documented when a page names it by its dotted path."""


def _resolve(dotted: str) -> object | None:
    """The object a dotted path names (``gikaireport.batch.run_batch``), or ``None``."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            found = getattr(found, part, _MISSING)
            if found is _MISSING:
                return None
        return found
    return None


_MISSING = object()


def documented_objects() -> set[int]:
    """The ids of the objects the docs name, and of the members of a module rendered whole."""
    found: set[int] = set()
    for dotted in set(re.findall(r"gikaireport(?:\.\w+)+", DOCS_TEXT)):
        value = _resolve(dotted)
        if value is None:
            continue
        found.add(id(value))
        if isinstance(value, types.ModuleType) and f"::: {dotted}\n" in DOCS_TEXT:
            found.update(id(getattr(value, name)) for name in getattr(value, "__all__", ()))
    return found


def public_names() -> list[tuple[str, str]]:
    """Every ``(module, name)`` a module of the package lists in its ``__all__``."""
    listed = []
    for module in pkgutil.walk_packages(gikaireport.__path__, "gikaireport."):
        if module.name.endswith("__main__"):
            continue
        for name in getattr(importlib.import_module(module.name), "__all__", ()):
            listed.append((module.name, name))
    return listed


def test_every_name_a_module_exports_is_documented() -> None:
    """A module's ``__all__`` lists only names meant for users: each is named by its dotted
    path on docs/api.md or another docs page (or rendered there with its module). Internals
    are left out of ``__all__``; tests import them by module path.
    """
    documented = documented_objects()
    undocumented = [
        f"{module}.{name}"
        for module, name in public_names()
        if not isinstance(value := getattr(importlib.import_module(module), name), types.ModuleType)
        and id(value) not in documented
    ]
    assert undocumented == [], "in __all__ but documented nowhere: " + ", ".join(undocumented)
