"""Text in every layout real extracted text uses, with real-world noise, parses back equal."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gikaireport
from gikaireport import CellStatus
from gikaireport.testing import LAYOUTS, Noise, render_text, reports
from report_checks import assert_same_report

noises = st.builds(Noise, *[st.booleans()] * 7)


@pytest.mark.parametrize("version", ["2021", "2019"])
@pytest.mark.parametrize("layout", LAYOUTS)
@given(data=st.data())
def test_rendered_reports_parse_back_equal(layout, version, data):
    report = data.draw(reports(version, not_applicable=layout != "paragraphs"))
    noise = data.draw(noises)
    back = gikaireport.parse_text(render_text(report, layout, noise))
    assert_same_report(report, back, meta=True)
    assert not [d for d in back.deviations if d.kind not in ("label-variant",)]


@given(reports(), noises, st.sampled_from(LAYOUTS), st.integers(0, 10_000))
def test_a_document_cut_off_part_way_yields_what_it_holds(report, noise, layout, where):
    lines = render_text(report, layout, noise).split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("二、"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、"))
    cut = start + 1 + where % (end - start)
    back = gikaireport.parse_text("\n".join(lines[:cut]))
    assert back.part("overview") is not None
    for cell_id, cell in back.cells().items():
        if cell.status is CellStatus.NUMBER:
            assert cell.value == report.cell(cell_id).value, cell_id
        else:
            # never invented: a cell not read is absent or blank, never a number
            assert cell.value is None
    assert all(c.status is CellStatus.ABSENT for c in back.review_litigation)


PIPE_ROWS = """示例县人民政府2023年政府信息公开工作年度报告
二、主动公开政府信息情况
第二十条第(一)项 ||||
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
规章 | / | / | /
行政规范性文件 | 12 | 3 | 1,024
第二十条第(五)项 ||
信息内容 | 本年处理决定数量
行政许可 | 5 ||
第二十条第(六)项 ||
信息内容 | 本年处理决定数量
行政处罚 | 7
行政强制 | 0
第二十条第(八)项 ||
信息内容 | 本年收费金额(单位:万元)
行政事业性收费 | 18.8710
"""


def test_pipes_with_padding_cells_and_half_width_brackets():
    report = gikaireport.parse_text(PIPE_ROWS)
    values = report.values()
    assert [
        report.cell(f"proactive.regulations.{c}").status for c in ("issued", "repealed", "in_force")
    ] == [CellStatus.NOT_APPLICABLE] * 3
    assert values["proactive.normative_documents.in_force"] == 1024
    assert values["proactive.licensing.decisions"] == 5
    assert str(values["proactive.fees.amount"]) == "18.8710"
    assert report.meta.year == 2023 and report.meta.agency == "示例县人民政府"


MARKDOWN_SPREAD = """二、主动公开政府信息情况
| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 4
 | 1 | 9 |
| 第二十条第（五）项 | |
| 信息内容 | 本年处理决定数量 |
| 行政许可 |
 ４３９４ |
"""


def test_markdown_rows_and_a_row_spread_over_lines():
    values = gikaireport.parse_text(MARKDOWN_SPREAD).values()
    assert values["proactive.normative_documents.issued"] == 4
    assert values["proactive.normative_documents.repealed"] == 1
    assert values["proactive.normative_documents.in_force"] == 9
    assert values["proactive.licensing.decisions"] == 4394


ONE_CELL_PER_LINE = """三、收到和处理政府信息公开申请情况
|
一、本年新收政府信息公开申请数量 |
|
|
|
|
|
|
5 |
|
二、上年结转政府信息公开申请数量 |
0 |
0
|
0 |
0 |
0 |
0 |
0 |
"""


def test_one_cell_per_line_with_bare_pipes_as_empty_cells():
    report = gikaireport.parse_text(ONE_CELL_PER_LINE)
    row = [
        report.cell(f"applications.new_received.{c.id}")
        for c in report.spec.table("applications").rows[0].columns
    ]
    assert [c.status for c in row[:6]] == [CellStatus.BLANK] * 6
    assert row[6].value == 5
    assert report.values()["applications.carried_over.total"] == 0
    assert report.cell("applications.carried_over.commercial_enterprise").value == 0


TRADITIONAL = """二、主動公開政府信息情況
第二十條第（一）項
信息內容
本年制發件數
本年廢止件數
現行有效件數
規章
0
0
0
行政規範性文件
8
1
9
"""


def test_traditional_characters_from_mirror_sites_one_cell_per_paragraph():
    report = gikaireport.parse_text(TRADITIONAL)
    assert report.part("proactive") is not None
    assert report.values()["proactive.normative_documents.in_force"] == 9
    assert not [d for d in report.deviations if d.kind == "label-variant"]


def test_text_without_any_report_content_is_a_read_error():
    with pytest.raises(gikaireport.ReadError, match="<text>"):
        gikaireport.parse_text("今天天气很好。\n明天也是。\n")


def test_text_in_a_review_cell_is_unreadable_not_a_lost_row():
    text = (
        "四、政府信息公开行政复议、行政诉讼情况\n"
        "行政复议\t行政诉讼\n"
        "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉\n"
        + "\t".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)
        + "\n"
        + "\t".join(["1", "0", "暂无", "0", "1"] + ["0"] * 10)
        + "\n"
    )
    report = gikaireport.parse_text(text)
    assert report.cell("review_litigation.review.other").status is CellStatus.UNREADABLE
    assert report.cell("review_litigation.review.other").raw == "暂无"
    assert report.values()["review_litigation.review.total"] == 1
    assert report.values()["review_litigation.litigation_after_review.total"] == 0
