"""The glossary of docs/format.md names only ids the format declarations have."""

from __future__ import annotations

import re
from pathlib import Path

from gikaireport.formats import FORMATS
from gikaireport.model import CellStatus

PAGE = Path(__file__).resolve().parents[1] / "docs" / "format.md"


def declared_ids() -> set[str]:
    ids = {status.value for status in CellStatus}
    for spec in FORMATS.values():
        ids |= {part.id for part in spec.parts}
        for table in spec.tables:
            ids.add(table.id)
            for row in table.rows:
                pieces = row.id.split(".")
                ids |= {".".join(pieces[: n + 1]) for n in range(len(pieces))}
                ids |= {column.id for column in row.columns}
    return ids


def glossary_ids() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    section = text[text.index("## Terms") :]
    section = section[: section.index("\n## ", 1)]
    found = []
    in_id_table = False
    for line in section.splitlines():
        if not line.startswith("|"):
            in_id_table = False
            continue
        last = line.rstrip().rstrip("|").rsplit("|", 1)[-1].strip()
        if last in ("id", "`CellStatus`"):  # a table header: its last column holds ids
            in_id_table = True
        elif in_id_table and not line.startswith("|---"):
            found += [t.removesuffix(".*") for t in re.findall(r"`([a-z_.*]+)`", last)]
    return found


def test_the_glossary_names_declared_ids() -> None:
    found = glossary_ids()
    assert len(found) > 40
    assert sorted(set(found) - declared_ids()) == []
