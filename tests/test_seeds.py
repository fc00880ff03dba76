"""The five real seed reports: every labelled cell, meta, and the deviations they really have."""

from decimal import Decimal

import pytest

import gikaireport
from conftest import load_labels
from gikaireport import CellStatus


def _expected(cell, label):
    if label == "NA":
        return cell.status is CellStatus.NOT_APPLICABLE
    if label is None:
        return cell.status is CellStatus.BLANK
    value = Decimal(label) if isinstance(label, str) else label
    return cell.status is CellStatus.NUMBER and cell.value == value


def test_every_labelled_cell_year_and_agency(corpus):
    labels = load_labels(corpus / "seeds")
    wrong = []
    for name, entry in labels.items():
        report = gikaireport.read(corpus / "seeds" / name)
        assert report.format_version == "2021"
        assert report.meta.year == entry["year"], name
        assert entry["agency_contains"] in (report.meta.agency or ""), name
        if entry.get("published"):
            assert str(report.meta.published) == entry["published"], name
        for cell_id, label in entry["cells"].items():
            if not _expected(report.cell(cell_id), label):
                wrong.append((name, cell_id, label, report.cell(cell_id)))
    assert not wrong
    assert sum(len(e["cells"]) for e in labels.values()) == 1000


def _kinds(report):
    return {(d.kind, d.found) for d in report.deviations}


def _seed(corpus, prefix):
    return gikaireport.read(next((corpus / "seeds").glob(f"{prefix}_*.txt")))


def test_seed_000_misspelt_column_header_is_recorded(corpus):
    report = _seed(corpus, "000")
    deviation = next(d for d in report.deviations if d.kind == "label-variant")
    assert deviation.found == "本年度止件数" and deviation.expected == "本年废止件数"
    assert "proactive.regulations.repealed" in deviation.cells
    assert deviation.source is not None and deviation.source.line is not None


def test_seed_002_missing_row_label_is_repaired_by_position(corpus):
    report = _seed(corpus, "002")
    deviation = next(d for d in report.deviations if d.kind == "row-by-position")
    assert deviation.cells == ("proactive.coercion.decisions",)
    assert report.cell("proactive.coercion.decisions").value == 0
    assert ("heading-unnumbered", "存在的主要问题及改进情况") in _kinds(report)


def test_seed_003_variants_and_headings(corpus):
    report = _seed(corpus, "003")
    kinds = _kinds(report)
    assert ("label-variant", "规范性文件") in kinds
    fee = next(d for d in report.deviations if d.found == "本年处理决定数量")
    assert fee.expected == "本年收费金额（单位：万元）"
    assert fee.cells == ("proactive.fees.amount",)
    assert ("heading-unnumbered", "主动公开政府信息情况") in kinds
    assert ("heading-renumbered", "（三）收到和处理政府信息公开申请情况") in kinds


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_consistent_seeds_have_no_repairs(corpus, prefix):
    report = _seed(corpus, prefix)
    assert [d.kind for d in report.deviations] == []
    assert [p.id for p in report.parts] == [
        "overview",
        "proactive",
        "applications",
        "review_litigation",
        "problems",
        "other",
    ]


def test_conversion_residue_is_not_content(corpus):
    report = _seed(corpus, "004")
    overview = report.part("overview")
    assert overview is not None
    assert "bookmark" not in overview.text
    assert overview.text.startswith("2022年，平乡县人民政府办公室")


def test_cells_point_at_their_source_line(corpus):
    report = _seed(corpus, "000")
    cell = report.cell("proactive.licensing.decisions")
    lines = next((corpus / "seeds").glob("000_*.txt")).read_text(encoding="utf-8").split("\n")
    assert cell.source is not None and cell.source.line is not None
    assert cell.raw in lines[cell.source.line - 1]
