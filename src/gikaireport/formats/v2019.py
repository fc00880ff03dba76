"""The trial format, 国办公开办函〔2019〕60号 (试行) (reports for 2019 and 2020).

Part 三 and 四 are as in 2021 except that （六）其他处理 is one row, ``results.other``.
Part 二 has its own blocks; their cell ids follow the same ``proactive.<row>.<column>`` style:

- 第二十条第（一）项, rows ``regulations`` 规章 and ``normative_documents`` 规范性文件, columns
  ``made`` 本年新制作数量, ``published`` 本年新公开数量, ``total_published`` 对外公开总数量;
- 第二十条第（五）项, rows ``licensing`` 行政许可 and ``other_services`` 其他对外管理服务事项, and
  第二十条第（六）项, rows ``punishment`` 行政处罚 and ``coercion`` 行政强制, columns
  ``previous_items`` 上一年项目数量, ``change`` 本年增/减 (signed), ``decisions`` 处理决定数量;
- 第二十条第（八）项, row ``fees`` 行政事业性收费, columns ``previous_items`` and ``change``;
- 第二十条第（九）项, row ``procurement`` 政府集中采购, columns ``items`` 采购项目数量 and
  ``amount`` 采购总金额 (a decimal).
"""

from __future__ import annotations

from gikaireport.formats.shared import (
    APPLICATION_COLUMNS,
    CONTENT,
    PARTS,
    RESULTS,
    REVIEW_LITIGATION,
    applications_table,
    relations,
)
from gikaireport.formats.spec import Captions, Column, FormatSpec, Kind, Label, Row, TableSpec

DOCUMENT_COLUMNS = (
    Column("made", Label("本年新制作数量")),
    Column("published", Label("本年新公开数量")),
    Column("total_published", Label("对外公开总数量")),
)
PREVIOUS = Column("previous_items", Label("上一年项目数量"))
CHANGE = Column("change", Label("本年增/减", ("本年增减",)), Kind.SIGNED)
ITEM_COLUMNS = (PREVIOUS, CHANGE, Column("decisions", Label("处理决定数量")))

PROACTIVE = TableSpec(
    "proactive",
    (
        Row("regulations", "", Label("规章"), DOCUMENT_COLUMNS, block="第二十条第（一）项"),
        Row(
            "normative_documents",
            "",
            Label("规范性文件", ("行政规范性文件",)),
            DOCUMENT_COLUMNS,
            block="第二十条第（一）项",
        ),
        Row("licensing", "", Label("行政许可"), ITEM_COLUMNS, block="第二十条第（五）项"),
        Row(
            "other_services",
            "",
            Label("其他对外管理服务事项"),
            ITEM_COLUMNS,
            block="第二十条第（五）项",
        ),
        Row("punishment", "", Label("行政处罚"), ITEM_COLUMNS, block="第二十条第（六）项"),
        Row("coercion", "", Label("行政强制"), ITEM_COLUMNS, block="第二十条第（六）项"),
        Row("fees", "", Label("行政事业性收费"), (PREVIOUS, CHANGE), block="第二十条第（八）项"),
        Row(
            "procurement",
            "",
            Label("政府集中采购"),
            (
                Column("items", Label("采购项目数量")),
                Column("amount", Label("采购总金额"), Kind.DECIMAL),
            ),
            block="第二十条第（九）项",
        ),
    ),
    captions=Captions(label_column=CONTENT),
)

OTHER_ROWS = (
    Row("results.other", "（六）", Label("其他处理"), APPLICATION_COLUMNS, group=RESULTS),
)

APPLICATIONS = applications_table(OTHER_ROWS)

FORMAT_2019 = FormatSpec(
    version="2019",
    name="国办公开办函〔2019〕60号（试行）",
    parts=PARTS,
    tables=(PROACTIVE, APPLICATIONS, REVIEW_LITIGATION),
    relations=relations(APPLICATIONS),
    markers=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "政府集中采购",
        "其他对外管理服务事项",
    ),
    first_year=2019,
)
"""The 2019 (试行) declaration."""
