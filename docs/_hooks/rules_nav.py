"""A build hook: list every generated rule page under "Rule reference" in the navigation.

The pages ``docs/rules/GK*.md`` are generated from the rules (``python -m
gikaireport.validate.docs docs/rules``), so the navigation is made from the files found
rather than written out in ``mkdocs.yml``: a new rule appears in the navigation by itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

INDEX = "rules/index.md"


def _expand(items: list[Any], pages: list[str]) -> list[Any]:
    out: list[Any] = []
    for item in items:
        if isinstance(item, dict):
            (title, value), *_ = item.items()
            if value == INDEX:
                item = {title: [{"Rules by category": INDEX}, *pages]}
            elif isinstance(value, list):
                item = {title: _expand(value, pages)}
        out.append(item)
    return out


def on_config(config: Any) -> Any:
    """Replace the ``rules/index.md`` entry by a section of the index and every rule page."""
    docs = Path(config["docs_dir"])
    pages = [
        {path.stem: f"rules/{path.name}"}
        for path in sorted((docs / "rules").glob("GK*.md"))
        if "." not in path.stem  # translations (GK301.zh.md) are found by the i18n plugin
    ]
    if config.get("nav"):
        config["nav"] = _expand(list(config["nav"]), pages)
    return config
