"""The rule pages under ``docs/rules/``, generated from each rule's own metadata.

Every page says what the rule checks and why (its docstring), how the author fixes a
finding (the rule's fix texts, in Chinese and English), and shows its failing and
passing example: what the example report changes against the baseline report of
:mod:`gikaireport.validate.examples`, and the findings the rule gives on it.

Regenerate the pages after changing a rule::

    python -m gikaireport.validate.docs docs/rules
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from gikaireport.model import Cell, CellStatus, Report
from gikaireport.validate.across import validate_series, validate_summary
from gikaireport.validate.describe import cell_label, number
from gikaireport.validate.engine import (
    CATEGORIES,
    CRASH_CODE,
    CRASH_NAME,
    Example,
    Rule,
    list_rules,
    validate,
)
from gikaireport.validate.examples import example_report
from gikaireport.validate.finding import Finding

__all__: list[str] = []

_SCOPES = {
    "report": "one report",
    "series": "two consecutive years of one agency (`validate_series`)",
    "summary": "a regional summary and its units' reports (`validate_summary`)",
}


def example_findings(rule: Rule, example: Example) -> list[Finding]:
    """Run ``rule`` alone on ``example``'s reports, as its scope prescribes."""
    reports = example.build()
    if rule.scope == "report":
        (report,) = reports
        return validate(report, select=[rule.code])
    if rule.scope == "series":
        return validate_series(reports, select=[rule.code])
    return validate_summary(reports[0], reports[1:], select=[rule.code])


def _shown(cell: Cell) -> str:
    if cell.status is CellStatus.NUMBER:
        return number(cell.value)
    if cell.status is CellStatus.ABSENT:
        return "(absent)"
    if cell.status is CellStatus.BLANK:
        return "(blank)"
    return f"`{cell.raw}`"


def _differences(report: Report) -> list[str]:
    base = example_report(version=report.format_version, year=report.meta.year)
    rows = []
    base_cells = base.cells()
    for cell_id, cell in report.cells().items():
        before = base_cells[cell_id]
        if (cell.status, cell.value, cell.raw) != (before.status, before.value, before.raw):
            label = cell_label(report.format_version, cell_id)
            rows.append(f"| {label} (`{cell_id}`) | {_shown(before)} | {_shown(cell)} |")
    for field in attrs.fields(type(report.meta)):
        old, new = getattr(base.meta, field.name), getattr(report.meta, field.name)
        if old != new:
            rows.append(f"| meta `{field.name}` | {_plain(old)} | {_plain(new)} |")
    base_parts = {p.id: p.text for p in base.parts}
    parts = {p.id: p.text for p in report.parts}
    for part in report.spec.parts:
        old_text, new_text = base_parts.get(part.id), parts.get(part.id)
        if old_text != new_text:
            rows.append(
                f"| part {part.number} text (`{part.id}`) "
                f"| {_plain(old_text)} | {_plain(new_text)} |"
            )
    lines = []
    if rows:
        lines += ["| cell or field | baseline | this example |", "|---|---|---|", *rows, ""]
    for deviation in report.deviations:
        detail = ", ".join(
            f"{name} {value!r}"
            for name, value in (("expected", deviation.expected), ("found", deviation.found))
            if value
        )
        lines.append(
            f"- reading recorded a `{deviation.kind}` deviation: {deviation.message}"
            + (f" ({detail})" if detail else "")
        )
    if report.deviations:
        lines.append("")
    return lines or ["The baseline report itself.", ""]


def _plain(value: object) -> str:
    if value is None:
        return "(none)"
    text = str(value).replace("\n", " ").replace("|", "\\|")
    return text if text else "(empty)"


def _report_title(scope: str, index: int, report: Report) -> str:
    if scope == "series":
        return f"The {report.meta.year} report"
    if scope == "summary":
        return "The summary" if index == 0 else f"Unit {index} (`{report.path}`)"
    return "The report"


def _example(rule: Rule, example: Example, failing: bool) -> list[str]:
    reports = example.build()
    lines = [example.description, ""]
    for index, report in enumerate(reports):
        if len(reports) > 1:
            lines += [f"{_report_title(rule.scope, index, report)}:", ""]
        lines += _differences(report)
    findings = example_findings(rule, example)
    if findings:
        lines += ["Findings:", ""]
        for lang in ("zh", "en"):
            lines += ["```text", *(f.line_with_fix(lang) for f in findings), "```", ""]
    else:
        lines += [f"No `{rule.code}` finding.", ""]
    if failing and not findings:
        raise ValueError(f"{rule.code}: its failing example gives no finding")
    if not failing and findings:
        raise ValueError(f"{rule.code}: its passing example gives findings")
    return lines


def _how_to_fix(rule: Rule) -> list[str]:
    if not rule.fix:
        raise ValueError(f"{rule.code}: a rule needs fix texts (fix=, fix_en=)")
    lines = ["## How to fix", "", rule.fix, "", rule.fix_en, ""]
    if "{" in rule.fix:
        lines += [
            "The words in braces are filled from the finding; the failing example below "
            "shows them filled.",
            "",
        ]
    return lines


def render_rule(rule: Rule) -> str:
    """Return the Markdown page of one rule."""
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        f"**{rule.summary}**",
        "",
        "| | |",
        "|---|---|",
        f"| Code | `{rule.code}` |",
        f"| Name | `{rule.name}` |",
        f"| Category | {rule.category}: {CATEGORIES[rule.category]} |",
        f"| Severity | {rule.severity.value} |",
        f"| Checks | {_SCOPES[rule.scope]} |",
        "",
        "## What it checks",
        "",
        rule.doc,
        "",
        *_how_to_fix(rule),
        "## Failing example",
        "",
        *_example(rule, rule.failing, failing=True),
        "## Passing example",
        "",
        *_example(rule, rule.passing, failing=False),
        "## Selecting and ignoring",
        "",
        "```sh",
        f"gikaireport check --select {rule.code} report.pdf",
        f"gikaireport check --ignore {rule.name} report.pdf",
        "```",
        "",
        "Examples are built from the baseline report of `gikaireport.validate.examples`; "
        "see [Validation](../validation.md).",
        "",
    ]
    return "\n".join(lines)


def _by_category() -> Iterator[tuple[str, list[Rule]]]:
    """Each category that has rules, in the order of :data:`CATEGORIES`, with its rules."""
    for category in CATEGORIES:
        rules = [r for r in list_rules(None) if r.category == category]
        if rules:
            yield category, rules


def _section(
    heading: str, description: str, header: str, rules: list[Rule], cells: Callable[[Rule], str]
) -> list[str]:
    """One category's part of an index: heading, description, and a table row per rule
    (its code, linked to its page, then its ``cells``).
    """
    rows = [f"| [{r.code}]({r.code}.md) | {cells(r)} |" for r in rules]
    return [heading, "", description, "", header, "|---|---|---|---|", *rows, ""]


def render_index() -> str:
    """Return the Markdown index of every rule, by category."""
    lines = [
        "# Rules",
        "",
        "Every rule has a stable code and name; select or ignore rules by code, code prefix, "
        "name or category (see [Validation](../validation.md)). This page and the rule pages "
        "are generated from the rules' metadata (`python -m gikaireport.validate.docs "
        "docs/rules`).",
        "",
    ]
    for category, rules in _by_category():
        description = CATEGORIES[category]
        lines += _section(
            f"## {category}",
            description[0].upper() + description[1:] + ".",
            "| code | name | severity | summary |",
            rules,
            lambda r: f"`{r.name}` | {r.severity.value} | {r.summary}",
        )
    lines += [
        "## engine",
        "",
        f"`{CRASH_CODE}` `{CRASH_NAME}` (error): a rule raised an exception instead of returning "
        "its findings. The finding names the rule and the exception; the other rules still run. "
        f"Ignore it with `--ignore {CRASH_CODE}`.",
        "",
    ]
    return "\n".join(lines)


_CATEGORIES_ZH = {
    "structure": ("结构", "部分、标题、表格和行是否符合格式"),
    "labels": ("标签", "行、列标签及其所属的格式版本"),
    "arithmetic": ("勾稽关系", "格式规定的各项求和关系"),
    "blanks": ("空白与非数字", "单元格中是数字、空白、横线还是无法识别的文字"),
    "prose": ("正文与表格", "正文引用的数字与表格是否一致"),
    "metadata": ("元数据", "标题、统计期限和落款日期"),
    "fees": ("收费", "信息处理费与行政事业性收费"),
    "plausibility": ("合理性", "可能成立但对报告机关而言不太可能的数字"),
    "across": ("跨报告", "同一机关相邻年度的报告，以及汇总报告与下级报告"),
    "content": ("内容", "第一、五部分是否写明通知要求的内容，表格是否以文字印出"),
}
"""The rule categories in Chinese, for the Chinese rule index."""

_SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _example_message(rule: Rule) -> str:
    findings = example_findings(rule, rule.failing)
    return findings[0].message.replace("|", "\\|") if findings else ""


def render_index_zh() -> str:
    """Return the Chinese index of every rule, by category, with an example message each."""
    lines = [
        "# 规则",
        "",
        "每条规则都有固定的代码和名称，可按代码、代码前缀、名称或类别选用或忽略"
        "（`gikaireport check --select GK3`、`--ignore fee-unit-suspect`、`--severity error`）。"
        "“示例”一栏是该规则在其失败示例上给出的检查结果；每条规则的页面（英文）说明检查内容，"
        "并列出失败和通过的示例。本页由规则的元数据生成"
        "（`python -m gikaireport.validate.docs docs/rules`）。",
        "",
    ]
    for category, rules in _by_category():
        name, description = _CATEGORIES_ZH[category]
        lines += _section(
            f"## {name}（{category}）",
            f"{description}。",
            "| 代码 | 名称 | 严重程度 | 示例 |",
            rules,
            lambda r: f"`{r.name}` | {_SEVERITY_ZH[r.severity.value]} | {_example_message(r)}",
        )
    lines += [
        "## 检查引擎",
        "",
        f"`{CRASH_CODE}` `{CRASH_NAME}`（错误）：某条规则运行时出错，未能完成检查。检查结果写明"
        f"出错的规则和异常，其他规则照常运行。可用 `--ignore {CRASH_CODE}` 忽略。",
        "",
    ]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """Return every page by file name: ``index.md``, its Chinese edition ``index.zh.md`` and
    ``<code>.md`` for each rule.
    """
    out = {"index.md": render_index(), "index.zh.md": render_index_zh()}
    for rule in list_rules(None):
        out[f"{rule.code}.md"] = render_rule(rule)
    return out


def write_pages(directory: str | Path) -> list[Path]:
    """Write the pages into ``directory``, remove stale rule pages, return the files written."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    generated = pages()
    for stale in target.glob("GK*.md"):
        if stale.name not in generated:
            stale.unlink()
    written = []
    for name, text in generated.items():
        path = target / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Write the rule pages into the directory given (``docs/rules`` by default)."""
    args = list(sys.argv[1:] if argv is None else argv)
    written = write_pages(args[0] if args else "docs/rules")
    print(f"wrote {len(written)} pages to {written[0].parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
