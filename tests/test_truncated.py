"""A document cut off part way gives one finding where it ends, not one per missing row."""

from __future__ import annotations

from pathlib import Path

import gikaireport
from gikaireport.model import CellStatus

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "examples" / "example-county-2023.txt").read_text(encoding="utf-8")
PART_3 = "三、收到和处理政府信息公开申请情况"


def cut_after(marker: str, extra: int = 0) -> gikaireport.Report:
    end = TEXT.index(marker) + len(marker) + extra
    return gikaireport.parse_text(TEXT[:end], path="cut.txt")


def test_a_cut_inside_part_three_is_one_finding() -> None:
    report = cut_after("（三）不予公开", 40)
    findings = gikaireport.validate(report)
    codes = [f.code for f in findings]
    assert codes.count("GK112") == 1
    assert not {"GK101", "GK106", "GK107", "GK402"} & set(codes)
    (cut,) = [f for f in findings if f.code == "GK112"]
    assert PART_3 in cut.message and "四、五、六" in cut.message
    assert "applications.results.total.total" in cut.cells
    assert "review_litigation.review.total" in cut.cells
    for cell_id in cut.cells:  # absent or blank: never a number, never 0
        assert report.cell(cell_id).value is None
    assert report.cell("review_litigation.review.total").status is CellStatus.ABSENT
    assert report.values()["applications.results.disclosed.total"] == 12  # what was printed


def test_every_cut_between_rows_of_part_three_is_reported_once() -> None:
    lines = TEXT.splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("三、本年度办理结果"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度"))
    for cut in range(start + 1, end):
        report = gikaireport.parse_text("".join(lines[:cut]), path="cut.txt")
        codes = [f.code for f in gikaireport.validate(report)]
        assert codes.count("GK112") == 1, cut
        assert "GK107" not in codes and "GK101" not in codes, cut


def test_a_complete_table_with_a_missing_last_part_is_not_a_cut() -> None:
    end = TEXT.index("六、其他需要报告的事项")
    report = gikaireport.parse_text(TEXT[:end], path="no-part-6.txt")
    codes = [f.code for f in gikaireport.validate(report)]
    assert "GK112" not in codes and "GK101" in codes


def test_a_row_missing_in_the_middle_is_not_a_cut() -> None:
    lines = [line for line in TEXT.splitlines() if not line.startswith("（二）部分公开")]
    report = gikaireport.parse_text("\n".join(lines), path="gap.txt")
    codes = [f.code for f in gikaireport.validate(report)]
    assert "GK112" not in codes


def test_a_cut_inside_the_one_row_table_names_the_count_not_a_row() -> None:
    row = "1\t0\t0\t1\t2\t0\t0\t1\t0\t1\t0\t0\t0\t0\t0"
    text = TEXT.replace(row, "1\t0\t0\t1\t2\t0\t0\t1\t0\t15")
    report = gikaireport.parse_text(text[: text.index("五、存在")], path="cut.txt")
    (finding,) = [f for f in gikaireport.validate(report) if f.code == "GK107"]
    assert "未找到“15”" not in finding.message
    assert "只找到10个数值，应为15个" in finding.message
    assert "10 of its 15 numbers" in finding.message_en


def test_a_merged_other_handling_row_keeps_its_printed_numbers() -> None:
    lines = TEXT.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("（六）其他处理"))
    merged = [*lines[:start], "（六）其他处理\t2\t0\t1\t0\t0\t0\t3", *lines[start + 3 :]]
    report = gikaireport.parse_text("\n".join(merged), path="merged.txt")
    (finding,) = [f for f in gikaireport.validate(report) if f.code == "GK109"]
    assert "印有“2 0 1 0 0 0 3”" in finding.message
    for cell_id in finding.cells:  # not divided among the sub-rows: no number is invented
        assert report.cell(cell_id).value in (None, 0)
    assert report.cell("applications.results.other.other.total").value is None
