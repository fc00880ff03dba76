"""The rule pages in docs/rules are generated from the rules and committed up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from gikaireport.validate import list_rules
from gikaireport.validate.docs import pages, render_rule, write_pages

DOCS = Path(__file__).resolve().parents[1] / "docs"
REGENERATE = "regenerate with: PYTHONPATH=src python -m gikaireport.validate.docs docs/rules"


def test_every_rule_has_a_page_with_both_examples() -> None:
    generated = pages()
    for rule in list_rules(None):
        page = generated[f"{rule.code}.md"]
        assert page == render_rule(rule)
        assert "## Failing example" in page and "## Passing example" in page
        assert "Findings:" in page and f"No `{rule.code}` finding." in page
        assert f"[{rule.code}]({rule.code}.md)" in generated["index.md"]


def test_committed_pages_are_up_to_date() -> None:
    generated = pages()
    committed = {p.name: p.read_text(encoding="utf-8") for p in (DOCS / "rules").glob("*.md")}
    assert sorted(committed) == sorted(generated), REGENERATE
    stale = [name for name, text in generated.items() if committed[name] != text]
    assert stale == [], f"stale pages {stale}; {REGENERATE}"


def test_write_pages_removes_pages_of_removed_rules(tmp_path: Path) -> None:
    (tmp_path / "GK999.md").write_text("old", encoding="utf-8")
    written = write_pages(tmp_path)
    assert not (tmp_path / "GK999.md").exists()
    assert {p.name for p in written} == set(pages())


@pytest.mark.parametrize(
    "word",
    [
        "select",
        "ignore",
        "GK000",
        "validate_series",
        "validate_summary",
        "gikaireport check",
        "Severity",
    ],
)
def test_validation_page_covers(word: str) -> None:
    assert word in (DOCS / "validation.md").read_text(encoding="utf-8")


def test_the_chinese_rule_index_lists_every_rule_with_a_chinese_example() -> None:
    from gikaireport.validate.docs import render_index_zh
    from gikaireport.validate.engine import CATEGORIES

    page = render_index_zh()
    for category in CATEGORIES:
        assert f"（{category}）" in page
    for rule in list_rules(None):
        line = next(line for line in page.splitlines() if f"[{rule.code}]" in line)
        assert any("\u4e00" <= char <= "\u9fff" for char in line.rsplit("|", 2)[-2]), rule.code
