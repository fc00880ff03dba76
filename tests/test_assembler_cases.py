"""Real-document shapes that once read wrong: each case is the smallest text that shows it."""

import datetime as dt
from decimal import Decimal

import pytest

import gikaireport
from gikaireport import FORMAT_2021, CellStatus, Report
from gikaireport.formats import Kind
from gikaireport.model import Cell, Meta
from gikaireport.testing import render_text


def distinct(version: str = "2021") -> Report:
    """A report whose every cell holds a different number, so a shifted value shows."""
    spec = gikaireport.FORMAT_2021 if version == "2021" else gikaireport.FORMAT_2019
    cells = {}
    for number, cell_id in enumerate(spec.cell_ids, 1):
        value = Decimal(number) if spec.cell(cell_id).kind is Kind.DECIMAL else number + 100
        cells[cell_id] = Cell(cell_id, CellStatus.NUMBER, value, str(value))
    meta = Meta(
        title="示例县人民政府2022年政府信息公开工作年度报告",
        agency="示例县人民政府",
        year=2022 if version == "2021" else 2020,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
        published=dt.date(2023, 1, 20),
        signed_by="示例县人民政府",
    )
    return Report.from_cells(version, cells, meta=meta)


def text_of(report: Report, layout: str = "tab_rows") -> str:
    return render_text(report, layout)


def read_values(text: str) -> dict:
    return gikaireport.parse_text(text).values()


@pytest.mark.parametrize("layout", ["paragraphs", "pipe_cells", "tab_rows"])
def test_a_label_broken_before_its_values(layout):
    report = distinct()
    label = "二、上年结转政府信息公开申请数量"
    text = text_of(report, layout)
    broken = {
        "paragraphs": "二、上年结转政府信息公开申请数\n量",
        "pipe_cells": "二、上年结转政府信息公开申请数\n量 |",
        "tab_rows": "二、上年结转政府信息公开\n申请数量",
    }[layout]
    old = label if layout != "pipe_cells" else f"{label} |"
    assert old in text
    values = read_values(text.replace(old, broken))
    for column in ("natural_person", "total"):
        cell = f"applications.carried_over.{column}"
        assert values[cell] == report.values()[cell]


def test_a_page_header_between_a_label_and_its_values():
    report = distinct()
    text = text_of(report, "paragraphs").replace(
        "（一）予以公开\n", "（一）予以公开\n政府信息公开工作年度报告\n"
    )
    assert read_values(text) == report.values()


def test_numbers_separated_by_spaces_are_not_glued():
    report = distinct()
    text = text_of(report).replace("\t", " ", 1)
    line = next(x for x in text_of(report).split("\n") if "（一）予以公开\t" in x)
    values = line.split("\t")[1:]
    glued = "\t".join([values[0], f"{values[1]} {values[2]}", *values[3:]])
    read = gikaireport.parse_text(text_of(report).replace(line, glued))
    cell = read.cell("applications.results.disclosed.natural_person")
    assert cell.status is CellStatus.UNREADABLE
    assert all(
        read.values()[k] != int(values[1] + values[2])
        for k in read.values()
        if k.startswith("applications.results.disclosed.")
    )
    del text


def test_a_2022_report_printing_2019_part_2_headers():
    report = distinct()
    text = text_of(report).replace(
        "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
        "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
    )
    read = gikaireport.parse_text(text)
    assert read.format_version == "2021"
    for cell_id in ("proactive.regulations.issued", "proactive.normative_documents.in_force"):
        assert read.cell(cell_id).status is CellStatus.ABSENT
    assert (
        read.values()["proactive.licensing.decisions"]
        == report.values()["proactive.licensing.decisions"]
    )
    mixed = [d for d in read.deviations if d.kind == "mixed-version"]
    assert mixed and "proactive.regulations.issued" in mixed[0].cells
    values = read.values()
    for cell_id, value in report.values().items():
        if cell_id.startswith("applications."):
            assert values[cell_id] == value, cell_id


def test_a_padded_part_4_header():
    report = distinct()
    text = text_of(report)
    header = "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
    assert header in text
    values = read_values(text.replace(header, header + "\t"))
    for cell_id, value in report.values().items():
        if cell_id.startswith("review_litigation."):
            assert values[cell_id] == value, cell_id


def test_part_4_as_three_labelled_rows():
    report = distinct()
    numbers = [str(v) for k, v in report.values().items() if k.startswith("review_litigation.")]
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\n"
        f"行政复议\t{chr(9).join(numbers[0:5])}\n"
        f"行政诉讼（未经复议直接起诉）\t{chr(9).join(numbers[5:10])}\n"
        f"行政诉讼（复议后起诉）\t{chr(9).join(numbers[10:15])}\n"
    )
    values = read_values(text)
    assert [values[k] for k in values if k.startswith("review_litigation.")] == [
        int(n) for n in numbers
    ]


def test_a_row_broken_by_a_page_break_continues():
    report = distinct()
    text = text_of(report)
    line = next(x for x in text.split("\n") if x.startswith("2.重复申请"))
    cells = line.split("\t")
    broken = "\t".join(cells[:4]) + "\n- 5 -\n\t" + "\t".join(cells[4:])
    values = read_values(text.replace(line, broken))
    assert values == report.values()


def test_only_the_total_printed_is_reported_as_short():
    report = distinct()
    text = text_of(report)
    line = next(x for x in text.split("\n") if "（一）予以公开\t" in x)
    read = gikaireport.parse_text(text.replace(line, f"（一）予以公开\t{line.split(chr(9))[-1]}"))
    short = [d for d in read.deviations if d.kind == "values-short"]
    assert short and short[0].cells[0] == "applications.results.disclosed.natural_person"


def test_a_table_of_contents_is_not_taken_for_the_headings():
    report = distinct()
    toc = "目录\n" + "\n".join(f"{p.number}、{p.title.text}" for p in FORMAT_2021.parts) + "\n"
    text = text_of(report).replace("本报告所列数据", toc + "本报告所列数据", 1)
    read = gikaireport.parse_text(text)
    assert read.values() == report.values()
    assert read.meta.period_end == dt.date(2022, 12, 31)


def test_an_overview_sub_part_named_like_a_part():
    report = distinct()
    text = text_of(report).replace(
        "总体情况有关情况如下。", "（二）收到和处理政府信息公开申请情况\n全年收到申请若干件。"
    )
    assert gikaireport.parse_text(text).values() == report.values()


def test_rows_separated_by_runs_of_spaces():
    report = distinct()
    text = text_of(report).replace("\t", "  ")
    values = read_values(text)
    for cell_id in ("proactive.regulations.issued", "proactive.normative_documents.in_force"):
        assert values[cell_id] == report.values()[cell_id]


def test_an_amount_in_yuan_is_not_read_as_wan_yuan():
    report = distinct()
    amount = str(report.values()["proactive.fees.amount"])
    text = text_of(report).replace(f"行政事业性收费\t{amount}", "行政事业性收费\t1200元")
    read = gikaireport.parse_text(text)
    assert read.cell("proactive.fees.amount").status is CellStatus.UNREADABLE
    assert read.cell("proactive.fees.amount").raw == "1200元"


@pytest.mark.parametrize(
    "heading",
    [
        "五、存在的主要问题和改进情况",
        "五、主要问题及改进情况",
        "三、收到和处理政府信息公开申请的情况",
        "二、主动公开政府信息情况（数据统计表）",
    ],
)
def test_heading_wordings(heading):
    report = distinct()
    official = next(
        f"{p.number}、{p.title.text}" for p in FORMAT_2021.parts if p.number == heading[0]
    )
    read = gikaireport.parse_text(text_of(report).replace(official, heading))
    assert read.part(next(p.id for p in FORMAT_2021.parts if p.number == heading[0])) is not None
    assert read.values() == report.values()
    assert "heading-variant" in {d.kind for d in read.deviations}


def test_a_heading_inside_a_table_cell():
    report = distinct()
    text = text_of(report).replace("二、主动公开政府信息情况", "二、主动公开政府信息情况\t\t\t")
    read = gikaireport.parse_text(text)
    assert read.part("proactive") is not None
    assert read.values() == report.values()


def test_a_notice_forwarding_the_report():
    text = text_of(distinct()).replace(
        "示例县人民政府2022年政府信息公开工作年度报告",
        "示例市人民政府办公室关于印发示例市生态环境局2022年政府信息公开工作年度报告的通知",
        1,
    )
    assert gikaireport.parse_text(text).meta.agency == "示例市生态环境局"


def test_a_signature_is_never_prose():
    text = text_of(distinct()).replace(
        "示例县人民政府\n2023年1月20日", "本机关无其他需要报告的事项。\n2023年1月20日"
    )
    meta = gikaireport.parse_text(text).meta
    assert meta.published == dt.date(2023, 1, 20)
    assert meta.signed_by is None
    assert meta.agency == "示例县人民政府"


def test_a_signature_on_the_date_line_and_a_long_footer():
    footer = "\n".join(["打印本页", "关闭窗口", "网站标识码1234", "ICP备000号"] * 3)
    text = text_of(distinct()).replace(
        "示例县人民政府\n2023年1月20日", "示例县人民政府 2023年1月20日\n" + footer
    )
    meta = gikaireport.parse_text(text).meta
    assert meta.published == dt.date(2023, 1, 20)
    assert meta.signed_by == "示例县人民政府"
