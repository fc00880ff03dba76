"""The current format, 国办公开办函〔2021〕30号 (reports for 2021 and later)."""

from __future__ import annotations

from gikaireport.formats.shared import (
    APPLICATION_COLUMNS,
    CONTENT,
    OTHER,
    PARTS,
    REVIEW_LITIGATION,
    applications_table,
    relations,
)
from gikaireport.formats.spec import Captions, Column, FormatSpec, Kind, Label, Row, TableSpec

ARTICLE_20_1 = "第二十条第（一）项"
ARTICLE_20_5 = "第二十条第（五）项"
ARTICLE_20_6 = "第二十条第（六）项"
ARTICLE_20_8 = "第二十条第（八）项"

DOCUMENT_COLUMNS = (
    Column("issued", Label("本年制发件数", ("本年新制发件数", "本年制定件数"))),
    Column("repealed", Label("本年废止件数", ("本年度止件数",))),
    Column("in_force", Label("现行有效件数")),
)
DECISIONS = (Column("decisions", Label("本年处理决定数量", ("本年处理决定数",))),)
FEES = (
    Column(
        "amount",
        Label(
            "本年收费金额（单位：万元）",
            ("本年收费金额（万元）", "本年收费金额", "本年处理决定数量"),
        ),
        Kind.DECIMAL,
    ),
)

PROACTIVE = TableSpec(
    "proactive",
    (
        Row("regulations", "", Label("规章"), DOCUMENT_COLUMNS, block=ARTICLE_20_1),
        Row(
            "normative_documents",
            "",
            Label("行政规范性文件", ("规范性文件",)),
            DOCUMENT_COLUMNS,
            block=ARTICLE_20_1,
        ),
        Row("licensing", "", Label("行政许可"), DECISIONS, block=ARTICLE_20_5),
        Row("punishment", "", Label("行政处罚"), DECISIONS, block=ARTICLE_20_6),
        Row("coercion", "", Label("行政强制"), DECISIONS, block=ARTICLE_20_6),
        Row("fees", "", Label("行政事业性收费"), FEES, block=ARTICLE_20_8),
    ),
    captions=Captions(label_column=CONTENT),
)

OTHER_ROWS = (
    Row(
        "results.other.no_correction",
        "1.",
        Label("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        APPLICATION_COLUMNS,
        group=OTHER,
    ),
    Row(
        "results.other.fee_unpaid",
        "2.",
        Label("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        APPLICATION_COLUMNS,
        group=OTHER,
    ),
    Row("results.other.other", "3.", Label("其他"), APPLICATION_COLUMNS, group=OTHER),
)

APPLICATIONS = applications_table(OTHER_ROWS)

FORMAT_2021 = FormatSpec(
    version="2021",
    name="国办公开办函〔2021〕30号",
    parts=PARTS,
    tables=(PROACTIVE, APPLICATIONS, REVIEW_LITIGATION),
    relations=relations(APPLICATIONS),
    markers=("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正"),
    first_year=2021,
    decisive=(OTHER_ROWS[0].label.text,),
)
"""The 2021 declaration: 200 cells."""
