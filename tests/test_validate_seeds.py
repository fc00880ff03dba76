"""The five seed reports of the corpus: their real problems are reported, nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

import gikaireport
from gikaireport.validate import Finding, Severity, validate


def _findings(corpus: Path, number: str) -> list[Finding]:
    (path,) = (corpus / "seeds").glob(f"{number}_*.txt")
    return validate(gikaireport.read(path))


def _has(findings: list[Finding], code: str, *words: str, cell: str | None = None) -> bool:
    return any(
        f.code == code and all(w in f.message for w in words) and (cell is None or cell in f.cells)
        for f in findings
    )


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_error_and_no_prose_finding(corpus: Path, number: str) -> None:
    findings = _findings(corpus, number)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert [f for f in findings if f.code.startswith(("GK3", "GK4", "GK5"))] == []
    for finding in findings:
        assert finding.path and finding.path.endswith(".txt")


def test_seed_000_repealed_misspelt(corpus: Path) -> None:
    findings = _findings(corpus, "000")
    assert _has(
        findings,
        "GK201",
        "本年度止件数",
        "本年废止件数",
        cell="proactive.normative_documents.repealed",
    )


def test_seed_002_coercion_label_missing_and_heading_unnumbered(corpus: Path) -> None:
    findings = _findings(corpus, "002")
    assert _has(findings, "GK108", "行政强制", cell="proactive.coercion.decisions")
    assert _has(findings, "GK103", "五、存在的主要问题及改进情况")
    (coercion,) = [f for f in findings if f.code == "GK108"]
    assert coercion.location is not None and coercion.location.line is not None


def test_seed_003_headings_and_labels(corpus: Path) -> None:
    findings = _findings(corpus, "003")
    assert _has(findings, "GK103", "二、主动公开政府信息情况")
    assert _has(findings, "GK104", "（三）收到和处理政府信息公开申请情况", "三、")
    assert _has(
        findings,
        "GK201",
        "规范性文件",
        "行政规范性文件",
        cell="proactive.normative_documents.issued",
    )
    assert _has(
        findings,
        "GK201",
        "本年处理决定数量",
        "本年收费金额（单位：万元）",
        cell="proactive.fees.amount",
    )


def test_seed_004_conversion_residue_is_not_content(corpus: Path) -> None:
    findings = _findings(corpus, "004")
    for finding in findings:
        assert "bookmark" not in finding.message + finding.message_en
        assert "_GoBack" not in finding.message + finding.message_en
    assert {f.code for f in findings} <= {"GK605"}  # only the missing 落款 date


def test_seed_001_county_fee_is_plausible(corpus: Path) -> None:
    # 会同县 prints 3351.29 万元 with 46850 licences: a county's whole fee income
    assert not _has(_findings(corpus, "001"), "GK802")
