"""The generated reference pages and the published schema are in step with the code."""

import json
from pathlib import Path

import gikaireport
from gikaireport.formats import FORMATS
from gikaireport.formats.markdown import format_page

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_format_pages_are_current():
    for version, spec in FORMATS.items():
        page = (DOCS / "reference" / f"format-{version}.md").read_text(encoding="utf-8")
        assert page == format_page(spec), (
            "run: python -m gikaireport.formats.markdown docs/reference"
        )
        for cell_id in spec.cell_ids:
            assert f"`{cell_id}`" in page


def test_published_schema_is_current():
    published = json.loads((DOCS / "schema" / "report-1.json").read_text(encoding="utf-8"))
    assert published == gikaireport.json_schema()
