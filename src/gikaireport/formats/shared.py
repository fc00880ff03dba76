"""Declarations common to the 2021 and 2019 formats: the six parts, part 三 and part 四."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from gikaireport.formats.spec import (
    Captions,
    Column,
    Label,
    PartSpec,
    Relation,
    Row,
    TableSpec,
    canonical_id,
)

PARTS = (
    PartSpec("overview", "一", Label("总体情况")),
    PartSpec("proactive", "二", Label("主动公开政府信息情况")),
    PartSpec(
        "applications",
        "三",
        Label("收到和处理政府信息公开申请情况", ("受到和处理政府信息公开申请情况",)),
    ),
    PartSpec(
        "review_litigation",
        "四",
        Label(
            "政府信息公开行政复议、行政诉讼情况",
            (
                "政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "因政府信息公开工作被申请行政复议提起行政诉讼情况",
                "因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "政府信息公开行政复议和行政诉讼情况",
                "政府信息公开行政复议、行政诉讼情况统计",
            ),
        ),
    ),
    PartSpec(
        "problems",
        "五",
        Label(
            "存在的主要问题及改进情况",
            (
                "政府信息公开工作存在的主要问题及改进情况",
                "存在问题及改进情况",
                "存在的主要问题及改进措施",
                "主要问题及改进情况",
            ),
        ),
    ),
    PartSpec("other", "六", Label("其他需要报告的事项", ("其他需要报告事项",))),
)

APPLICANT_COLUMNS = (
    Column("natural_person", Label("自然人")),
    Column("commercial_enterprise", Label("商业企业")),
    Column("research_institution", Label("科研机构")),
    Column("social_welfare_organization", Label("社会公益组织")),
    Column("legal_service_agency", Label("法律服务机构")),
    Column("other_organization", Label("其他")),
)
"""The six applicant columns of part 三, in printed order (法人或其他组织 has no subtotal)."""

TOTAL_COLUMN = Column("total", Label("总计"))
APPLICATION_COLUMNS = (*APPLICANT_COLUMNS, TOTAL_COLUMN)

WITHHELD = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"
RESULTS = "三、本年度办理结果"
LITIGATION = "行政诉讼"
CONTENT = "信息内容"
"""The caption over part 二's row labels, in every block."""
BALANCE_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
"""The caption over part 三's row labels in the national template."""

APPLICATIONS_CAPTIONS = Captions(
    label_column=BALANCE_NOTE,
    columns="申请人情况",
    column_group="法人或其他组织",
    row_group=RESULTS,
)


def _row(row_id: str, number: str, text: str, group: str | None = None, *variants: str) -> Row:
    return Row(row_id, number, Label(text, variants), APPLICATION_COLUMNS, group=group)


RESULT_ROWS_BEFORE_OTHER = (
    _row("results.disclosed", "（一）", "予以公开", RESULTS),
    _row(
        "results.partially_disclosed",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        RESULTS,
        "部分公开",
    ),
    _row("results.withheld.state_secret", "1.", "属于国家秘密", WITHHELD),
    _row("results.withheld.prohibited_by_law", "2.", "其他法律行政法规禁止公开", WITHHELD),
    _row("results.withheld.security_stability", "3.", "危及“三安全一稳定”", WITHHELD),
    _row("results.withheld.third_party_rights", "4.", "保护第三方合法权益", WITHHELD),
    _row("results.withheld.internal_affairs", "5.", "属于三类内部事务信息", WITHHELD),
    _row("results.withheld.process_information", "6.", "属于四类过程性信息", WITHHELD),
    _row("results.withheld.enforcement_case_file", "7.", "属于行政执法案卷", WITHHELD),
    _row("results.withheld.administrative_query", "8.", "属于行政查询事项", WITHHELD),
    _row("results.unable.not_held", "1.", "本机关不掌握相关政府信息", UNABLE),
    _row("results.unable.needs_creation", "2.", "没有现成信息需要另行制作", UNABLE),
    _row("results.unable.still_unclear", "3.", "补正后申请内容仍不明确", UNABLE),
    _row("results.not_processed.petition", "1.", "信访举报投诉类申请", NOT_PROCESSED),
    _row("results.not_processed.duplicate", "2.", "重复申请", NOT_PROCESSED),
    _row("results.not_processed.publication", "3.", "要求提供公开出版物", NOT_PROCESSED),
    _row("results.not_processed.excessive", "4.", "无正当理由大量反复申请", NOT_PROCESSED),
    _row(
        "results.not_processed.confirmation",
        "5.",
        "要求行政机关确认或重新出具已获取信息",
        NOT_PROCESSED,
    ),
)

NEW_RECEIVED = _row("new_received", "一、", "本年新收政府信息公开申请数量")
CARRIED_OVER = _row(
    "carried_over", "二、", "上年结转政府信息公开申请数量", None, "上年转结政府信息公开申请数量"
)
RESULTS_TOTAL = _row("results.total", "（七）", "总计", RESULTS)
CARRIED_FORWARD = _row("carried_forward", "四、", "结转下年度继续办理", None, "转结下年度继续办理")


def applications_table(other_rows: tuple[Row, ...]) -> TableSpec:
    """Part 三, given the rows printed under （六）其他处理 (three in 2021, one in 2019)."""
    return TableSpec(
        "applications",
        (
            NEW_RECEIVED,
            CARRIED_OVER,
            *RESULT_ROWS_BEFORE_OTHER,
            *other_rows,
            RESULTS_TOTAL,
            CARRIED_FORWARD,
        ),
        captions=APPLICATIONS_CAPTIONS,
    )


REVIEW_FIELDS = (
    Column("upheld", Label("结果维持")),
    Column("corrected", Label("结果纠正")),
    Column("other", Label("其他结果")),
    Column("pending", Label("尚未审结")),
    Column("total", Label("总计")),
)

REVIEW_LITIGATION = TableSpec(
    "review_litigation",
    (
        Row("review", "", Label("行政复议"), REVIEW_FIELDS),
        Row("litigation_direct", "", Label("未经复议直接起诉"), REVIEW_FIELDS, group=LITIGATION),
        Row("litigation_after_review", "", Label("复议后起诉"), REVIEW_FIELDS, group=LITIGATION),
    ),
    one_row=True,
    captions=Captions(row_group=LITIGATION),
)


def _ids(table: str, rows: tuple[Row, ...], column: str) -> tuple[str, ...]:
    return tuple(canonical_id(table, row.id, column) for row in rows)


def _column_sums(
    family: str, totals: tuple[Row, ...], parts: tuple[Row, ...], says: str
) -> Iterator[Relation]:
    """Per column of part 三: the ``totals`` rows add up to the ``parts`` rows."""
    for column in APPLICATION_COLUMNS:
        yield Relation(
            f"applications.{family}.{column.id}",
            family,
            _ids("applications", totals, column.id),
            _ids("applications", parts, column.id),
            f"{column.label.text}：{says}",
        )


def _row_totals(table: TableSpec, family: str, says: Callable[[Row], str]) -> Iterator[Relation]:
    """Per row of ``table``: its last cell is the sum of the others."""
    for row in table.rows:
        cells = table.row_cell_ids(row)
        yield Relation(f"{table.id}.{family}.{row.id}", family, cells[-1:], cells[:-1], says(row))


def relations(applications: TableSpec) -> tuple[Relation, ...]:
    """The arithmetic relations of part 三 and part 四 (FORMAT.md section 6, rules 1 to 4)."""
    result_rows = tuple(
        row
        for row in applications.rows
        if row.id.startswith("results.") and row.id != "results.total"
    )
    return (
        *_column_sums(
            "balance",
            (NEW_RECEIVED, CARRIED_OVER),
            (RESULTS_TOTAL, CARRIED_FORWARD),
            "本年新收 + 上年结转 = 办理结果总计 + 结转下年度",
        ),
        *_column_sums(
            "results_total", (RESULTS_TOTAL,), result_rows, "（七）总计 = 各项办理结果之和"
        ),
        *_row_totals(
            applications, "row_total", lambda row: f"{row.printed}：总计 = 各类申请人之和"
        ),
        *_row_totals(
            REVIEW_LITIGATION,
            "block_total",
            lambda row: f"{row.label.text}：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
        ),
    )
