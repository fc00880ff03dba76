"""Reference pages for the docs, written from the declarations.

Regenerate with ``python -m gikaireport.formats.markdown docs/reference``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gikaireport.formats import FORMATS, FormatSpec, canonical_id

__all__: list[str] = []


def format_page(spec: FormatSpec) -> str:
    """A Markdown page listing every part, cell id, label and relation of ``spec``."""
    lines = [
        f"# The {spec.version} format: {spec.name}",
        "",
        "This page is written from the format declaration "
        f"(`gikaireport.formats.FORMAT_{spec.version}`); do not edit it by hand.",
        "",
        "## Parts",
        "",
        "| id | heading | variants accepted |",
        "|---|---|---|",
    ]
    for part in spec.parts:
        lines.append(
            f"| `{part.id}` | {part.number}、{part.title.text} | {'；'.join(part.title.variants)} |"
        )
    for table in spec.tables:
        lines += [
            "",
            f"## Table `{table.id}`",
            "",
            "| cell id | row | column | kind | label variants |",
            "|---|---|---|---|---|",
        ]
        for row in table.rows:
            for column in row.columns:
                variants = "；".join((*row.label.variants, *column.label.variants))
                context = f"{row.block} " if row.block else (f"{row.group} " if row.group else "")
                lines.append(
                    f"| `{canonical_id(table.id, row.id, column.id)}` | {context}{row.printed} | "
                    f"{column.label.text} | {column.kind.value} | {variants} |"
                )
    lines += [
        "",
        "## Relations",
        "",
        "Each relation reads: the sum of the left cells equals the sum of the right cells.",
        "",
        "| id | family | description |",
        "|---|---|---|",
    ]
    for relation in spec.relations:
        lines.append(f"| `{relation.id}` | {relation.family} | {relation.description} |")
    return "\n".join(lines) + "\n"


def write_pages(directory: Path) -> list[Path]:
    """Write one page per format version into ``directory``; return the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for version, spec in FORMATS.items():
        path = directory / f"format-{version}.md"
        path.write_text(format_page(spec), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover
    for written_path in write_pages(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/reference")):
        print(written_path)
