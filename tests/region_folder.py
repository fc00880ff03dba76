"""Generated folders of a region's reports: agencies across years, in several formats.

Reports are consistent (``report_factory.make_report``) and carry prose drawn from a seed, so
that two reports share prose only where a folder says so (a copied next-year report, a
template copied between departments). They are written as HTML, DOCX and text, the three
renderers of ``gikaireport.testing``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable
from pathlib import Path

import attrs

from gikaireport.model import Part, Report
from gikaireport.testing import render_text
from gikaireport.testing.docx import render_docx
from gikaireport.testing.html import render_html
from report_factory import make_report

PROSE_PARTS = ("overview", "problems", "other")
_CHARACTERS = (
    "政府信息公开工作条例主动依申请办理答复平台建设制度完善监督保障培训人员网站"
    "专栏发布解读回应关切规范流程质量提升服务群众企业数据开放年度重点任务落实推进"
    "加强健全机制明确责任考核评估社会公众意见建议问题整改措施下一步计划会议文件"
)


def prose(seed: int, sentences: int = 6) -> str:
    """Sentences of prose drawn from ``seed``: two seeds share no sentence in practice."""
    rng = random.Random(seed)
    lines = []
    for _ in range(sentences):
        words = "".join(rng.choice(_CHARACTERS) for _ in range(rng.randrange(18, 30)))
        lines.append(f"{words}。")
    return "\n".join(lines)


def make_region_report(
    seed: int, agency: str, year: int, texts: dict[str, str] | None = None
) -> Report:
    """A consistent 2021-format report of ``agency`` for ``year`` with prose in parts 一五六."""
    drawn = make_report(seed)
    meta = attrs.evolve(
        drawn.meta,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        agency=agency,
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        published=dt.date(year + 1, 1, 20),
        signed_by=agency,
    )
    chosen = texts or {}
    filled = {part: chosen.get(part) or prose(seed * 10 + i) for i, part in enumerate(PROSE_PARTS)}
    parts = tuple(
        Part(spec.id, spec.title.text, f"{spec.number}、", filled.get(spec.id, ""))
        for spec in drawn.spec.parts
    )
    return attrs.evolve(drawn, meta=meta, parts=parts)


def write_report(report: Report, path: Path, form: str) -> Path:
    """Write ``report`` as ``form`` (``html``, ``docx`` or ``txt``) to ``path`` + extension."""
    target = path.with_suffix(f".{form}")
    if form == "html":
        target.write_bytes(render_html(report))
    elif form == "docx":
        target.write_bytes(render_docx(report))
    else:
        target.write_text(render_text(report), encoding="utf-8")
    return target


def write_series(
    directory: Path,
    agency: Iterable[str],
    years: Iterable[int],
    seed: int,
    forms: tuple[str, ...] = ("html", "docx", "txt"),
) -> list[Path]:
    """One report a year, printed names and formats in turn; returns the files."""
    names = list(agency)
    written = []
    for i, year in enumerate(years):
        printed = names[i % len(names)]
        report = make_region_report(seed + year, printed, year)
        written.append(write_report(report, directory / f"{seed}-{year}", forms[i % len(forms)]))
    return written
