"""The Chinese edition of the docs: the pages most users read first exist in Chinese."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

DOCS = Path(__file__).resolve().parents[1] / "docs"
CHINESE = ["index", "getting-started", "format", "cli", "rules/index"]
CJK = re.compile(r"[\u4e00-\u9fff]")


def prose(text: str) -> str:
    """The page without code blocks, inline code and table rules."""
    text = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    return re.sub(r"`[^`]*`", "", text)


def test_the_chinese_pages_exist_and_are_chinese() -> None:
    for name in CHINESE:
        page = DOCS / f"{name}.zh.md"
        assert page.is_file(), page
        text = prose(page.read_text(encoding="utf-8"))
        letters = [c for c in text if c.isalpha()]
        assert len(CJK.findall(text)) > 0.6 * len(letters), name


def test_english_is_the_default_and_chinese_is_built() -> None:
    config = yaml.load(
        (DOCS.parent / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader
    )
    (i18n,) = [p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p]
    assert i18n["docs_structure"] == "suffix"
    languages = {language["locale"]: language for language in i18n["languages"]}
    assert languages["en"]["default"] == "true"
    assert languages["zh"]["build"] == "true"


def test_the_getting_started_examples_are_the_same_in_both_editions() -> None:
    def blocks(name: str) -> list[str]:
        text = (DOCS / name).read_text(encoding="utf-8")
        return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)

    english, chinese = blocks("getting-started.md"), blocks("getting-started.zh.md")
    assert len(chinese) >= 4 and all(block in english for block in chinese[:3])
