"""Structure rules: the six parts, their headings, the tables and their rows (GK1xx).

These rules read :attr:`Report.deviations`, the facts reading recorded about the document's
form, one rule per deviation kind, and say what the format prescribes instead. None of them
is an ERROR: a misprinted form does not make the numbers wrong, and a part or row that could
not be found may be a reading limit as much as a defect of the report.

Every rule but ``other-deviation`` is a row of :data:`STRUCTURE_RULES` (see
:mod:`gikaireport.validate.deviation_rules`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from gikaireport.model import CellStatus, Deviation, DeviationKind, Report
from gikaireport.validate.deviation_rules import (
    RULE_OF_KIND,
    DeviationRule,
    cells_en,
    claim,
    issue,
    register,
)
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import CellInput, example_report
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

HANDLED_KINDS = frozenset(kind.value for kind in DeviationKind)
"""Deviation kinds that have a rule of their own (every :class:`DeviationKind`; each names
its rule in :data:`~gikaireport.validate.deviation_rules.RULE_OF_KIND`).
``other-deviation`` reports the rest and ``reader-note``.
"""


def _one(
    kind: str,
    message: str,
    expected: str | None = None,
    found: str | None = None,
    cells: tuple[str, ...] = (),
    changes: Mapping[str, CellInput] | None = None,
    parts: Mapping[str, str | None] | None = None,
) -> tuple[Report, ...]:
    deviation = Deviation(kind, message, cells, None, expected, found)
    return (example_report(changes, parts=parts, deviations=(deviation,)),)


def _ids(prefix: str) -> tuple[str, ...]:
    return tuple(c for c in example_report().cells() if c.startswith(prefix))


def _absent(prefix: str) -> dict[str, CellInput]:
    return dict.fromkeys(_ids(prefix), CellStatus.ABSENT)


def _cut() -> tuple[str, ...]:
    """The cells of the truncation example: the last two rows of （三）不予公开."""
    return (
        *_ids("applications.results.withheld.enforcement_case_file."),
        *_ids("applications.results.withheld.administrative_query."),
    )


def _row_missing(deviation: Deviation) -> Issue:
    if deviation.expected and deviation.expected.isdigit():
        # part 四 printed as one row of numbers, too few of them: the count, not a label
        found = len((deviation.found or "").split())
        return Issue(
            f"{deviation.message}，缺少的数值无法读取",
            f"the one-row table has {found} of its {deviation.expected} numbers; the "
            f"missing ones cannot be read{cells_en(deviation)}",
            deviation.cells,
            deviation.source,
            params={"row": deviation.expected},
        )
    return issue(deviation, row=deviation.expected or deviation.message)


_PLAIN = Example("A report printed as the format prescribes.", lambda: (example_report(),))

STRUCTURE_RULES = (
    DeviationRule(
        (DeviationKind.PART_MISSING,),
        "GK101",
        "part-missing",
        "structure",
        Severity.WARNING,
        summary="A part of the six the format prescribes was not found.",
        message="未找到“{heading}”：年度报告应包括格式规定的全部六个部分",
        message_en="part {heading!r} not found: the report must have all six parts of the format",
        fix=(
            "按规定的六个部分撰写报告，补上缺少的部分并使用规定标题（如“五、存在的主要问题及改进"
            "情况”）；没有内容可报告的部分也保留标题，写明“本年度无此类情况”。"
        ),
        fix_en=(
            "Write the report in the six prescribed parts: add the missing part under its "
            "official heading (for example 五、存在的主要问题及改进情况); when there is nothing "
            "to report, keep the heading and say so."
        ),
        failing=Example(
            "Part 六 (其他需要报告的事项) is not in the document.",
            lambda: _one(
                DeviationKind.PART_MISSING,
                "未找到第六部分“其他需要报告的事项”",
                expected="六、其他需要报告的事项",
                parts={"other": None},
            ),
        ),
        doc="""Check that the six parts of the format are all present.

        The format (国办公开办函〔2021〕30号) has six parts: 一、总体情况, 二、主动公开政府信息情况,
        三、收到和处理政府信息公开申请情况, 四、政府信息公开行政复议、行政诉讼情况,
        五、存在的主要问题及改进情况 and 六、其他需要报告的事项. A report without one of them is
        incomplete; when its heading is worded beyond recognition, the part's text and tables
        may have been read under the previous part. The finding names the official heading.
        """,
        params=lambda _, d: {"heading": d.expected or d.message},
    ),
    DeviationRule(
        (DeviationKind.PART_ORDER,),
        "GK102",
        "part-order",
        "structure",
        Severity.WARNING,
        summary="A part appears after a part that should follow it.",
        message="“{printed}”出现在后续部分之后：六个部分应按一至六的顺序排列",
        message_en="part {printed!r} appears after a part that should follow it",
        fix=(
            "按一至六的顺序排列各部分：总体情况、主动公开政府信息情况、收到和处理政府信息公开申请"
            "情况、行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。"
        ),
        fix_en=(
            "Put the parts in the prescribed order 一 to 六: overview, proactive disclosure, "
            "applications, administrative review and litigation, problems and improvements, other"
            " matters."
        ),
        failing=Example(
            "The heading of part 四 is printed after part 五.",
            lambda: _one(
                DeviationKind.PART_ORDER,
                "“四、政府信息公开行政复议、行政诉讼情况”出现在后续部分之后",
                expected="四、政府信息公开行政复议、行政诉讼情况",
                found="四、政府信息公开行政复议、行政诉讼情况",
            ),
        ),
        doc="""Check that the six parts come in their order.

        The six parts come in the order 一 to 六. A part out of order usually means a heading
        was repeated or a part was pasted in the wrong place; the text between may belong to
        another part than its position suggests.
        """,
        params=lambda _, d: {"printed": d.found or d.expected or d.message},
    ),
    DeviationRule(
        (DeviationKind.HEADING_UNNUMBERED,),
        "GK103",
        "heading-unnumbered",
        "structure",
        Severity.WARNING,
        summary="A part heading is printed without its number.",
        message="标题“{found}”缺少序号，应为“{official}”",
        message_en="heading {found!r} has no number; the format prints {official!r}",
        fix="在部分标题前印出规定序号，如“五、存在的主要问题及改进情况”。",
        fix_en="Print the part heading with its number, for example 五、存在的主要问题及改进情况.",
        failing=Example(
            "Part 五's heading is printed without 五、.",
            lambda: _one(
                DeviationKind.HEADING_UNNUMBERED,
                "标题“存在的主要问题及改进情况”缺少序号“五、”",
                expected="五、存在的主要问题及改进情况",
                found="存在的主要问题及改进情况",
            ),
        ),
        doc="""Check that part headings carry their numbers.

        The format numbers the parts 一、 to 六、. An unnumbered heading is a layout slip
        (often a lost list number in a word processor); the part is still recognised by its
        wording.
        """,
    ),
    DeviationRule(
        (DeviationKind.HEADING_RENUMBERED,),
        "GK104",
        "heading-renumbered",
        "structure",
        Severity.WARNING,
        summary="A part heading is printed with another number or enumerator.",
        message="标题“{found}”的序号有误，应为“{official}”",
        message_en="heading {found!r} is numbered differently from {official!r}",
        fix="六个部分的标题使用规定的序号“一、”至“六、”，“（一）”“1.”等留给部分内的小标题。",
        fix_en=(
            "Number the six part headings 一、 to 六、 as the format does; keep （一） and 1. for"
            " the sub-headings inside a part."
        ),
        failing=Example(
            "Part 三's heading is numbered （三） instead of 三、.",
            lambda: _one(
                DeviationKind.HEADING_RENUMBERED,
                "标题“（三）收到和处理政府信息公开申请情况”的序号应为“三、”",
                expected="三、收到和处理政府信息公开申请情况",
                found="（三）收到和处理政府信息公开申请情况",
            ),
        ),
        doc="""Check that part headings are numbered 一、 to 六、.

        Part headings are numbered 一、 to 六、; （三） is the enumerator of a sub-part, and a wrong
        number (五、 for part 四) confuses readers about the structure.
        """,
    ),
    DeviationRule(
        (DeviationKind.HEADING_VARIANT,),
        "GK105",
        "heading-variant",
        "structure",
        Severity.INFO,
        summary="A part heading uses a known variant wording.",
        message="标题“{found}”与规定标题“{official}”措辞不同",
        message_en="heading {found!r} differs from the official {official!r}",
        fix="如需与模板一致，照抄国家模板中的规定标题（见发现中所列标题）。",
        fix_en=(
            "To keep to the template, print the official heading named in the finding word for "
            "word."
        ),
        failing=Example(
            "Part 四's heading uses a wording seen in many reports instead of the official one.",
            lambda: _one(
                DeviationKind.HEADING_VARIANT,
                "标题与规定标题不同",
                expected="四、政府信息公开行政复议、行政诉讼情况",
                found="四、政府信息公开工作被申请行政复议、提起行政诉讼情况",
            ),
        ),
        doc="""Point out part headings worded differently from the template.

        Many reports use older or local wordings
        (四、因政府信息公开工作被申请行政复议提起行政诉讼情况, 五、存在问题及改进情况). They are
        recognised and are not wrong in substance; the finding names the official heading for
        those who keep to the template.
        """,
    ),
    DeviationRule(
        (DeviationKind.TABLE_MISSING,),
        "GK106",
        "table-missing",
        "structure",
        Severity.WARNING,
        summary="A table of part 二, 三 or 四 was not found.",
        message="未找到“{title}”的表格，其中数值均无法读取和核对",
        message_en="no table found for {title!r}; none of its cells can be read or checked",
        fix=(
            "以文字表格（不是图片）印出该部分的统计表，表头和行标签照抄国家模板，每个单元格填入数值。"
        ),
        fix_en=(
            "Print the part's table as a real table (not an image), with the national template's "
            "headers and row labels and a number in every cell."
        ),
        failing=Example(
            "Part 四 has its heading but no table (the table was an image).",
            lambda: _one(
                DeviationKind.TABLE_MISSING,
                "未找到“政府信息公开行政复议、行政诉讼情况”的表格",
                expected="政府信息公开行政复议、行政诉讼情况",
                cells=_ids("review_litigation."),
                changes=_absent("review_litigation."),
            ),
        ),
        doc="""Check that the tables of parts 二, 三 and 四 were found.

        Without the table none of its numbers can be read or checked: its cells are absent (not
        zero). A frequent cause is a table published as an image; the finding does not claim the
        report omitted it.
        """,
        params=lambda _, d: {"title": d.expected or d.message},
    ),
    DeviationRule(
        (DeviationKind.ROW_MISSING,),
        "GK107",
        "row-missing",
        "structure",
        Severity.WARNING,
        summary="An official row of a table was not found.",
        message="未找到“{row}”一行，该行数值无法读取",
        message_en="row {row!r} not found; its cells cannot be read{cells_en}",
        fix="补上缺少的行并照抄国家模板的行标签；没有发生的情形填0，不要删行。",
        fix_en=(
            "Add the missing row with the national template's label; print 0 for a case that did "
            "not occur instead of deleting the row."
        ),
        failing=Example(
            "The row 3.其他 under （六）其他处理 is not printed.",
            lambda: _one(
                DeviationKind.ROW_MISSING,
                "未找到“3.其他”一行",
                expected="3.其他",
                cells=_ids("applications.results.other.other."),
                changes=_absent("applications.results.other.other."),
            ),
        ),
        doc="""Check that every official row of the tables was found.

        The row's cells are absent, so every sum that involves them cannot be checked (see
        ``relation-incomplete``). The row may be missing from the document or its label may be
        printed beyond recognition.
        """,
        make=_row_missing,
    ),
    DeviationRule(
        (DeviationKind.ROW_BY_POSITION,),
        "GK108",
        "row-by-position",
        "structure",
        Severity.WARNING,
        summary="A row's numbers are printed without the row label.",
        message="“{official}”一行缺少行标签（只印有“{found}”），已按位置读取",
        message_en=(
            "row {official!r} is printed without its label (only {found!r}); read by "
            "position{cells_en}"
        ),
        fix="在该行数字前印出国家模板的行标签（如“行政强制”）。",
        fix_en=(
            "Print the national template's row label (for example 行政强制) in front of the row's"
            " numbers."
        ),
        failing=Example(
            "The 行政强制 row prints its number without the label (seed 002).",
            lambda: _one(
                DeviationKind.ROW_BY_POSITION,
                "“行政强制”一行缺少行标签，按位置读取",
                expected="行政强制",
                found="0",
                cells=("proactive.coercion.decisions",),
            ),
        ),
        doc="""Point out rows printed without their label.

        The numbers were placed in the row the template has at that position. This is almost
        always right, but the label is part of the report: readers of the document cannot tell
        what the numbers are.
        """,
    ),
    DeviationRule(
        (DeviationKind.ROWS_MERGED,),
        "GK109",
        "rows-merged",
        "structure",
        Severity.WARNING,
        summary="Several official rows are printed as one row.",
        message="{note}（印有“{found}”，数字保留在此，未分配到各子项）：应分别填报“{official}”",
        message_en=(
            "several official rows are printed as one row ({found!r}); their numbers cannot "
            "be told apart{cells_en}"
        ),
        fix="将合并的行拆开，按国家模板每个情形单独一行（如“（六）其他处理”下的1、2、3三行）。",
        fix_en=(
            "Split the merged row: one row per case as in the national template (for example the "
            "three rows under （六）其他处理)."
        ),
        failing=Example(
            "A 2021-format report prints （六）其他处理 as one row, as the 2019 format did.",
            lambda: _one(
                DeviationKind.ROWS_MERGED,
                "“（六）其他处理”印作一行，其下各子项未分列",
                expected="1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请、"
                "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请、3.其他",
                found="0 0 0 0 0 0 0",
                cells=_ids("applications.results.other."),
            ),
        ),
        doc="""Point out official rows printed as one row.

        The 2021 format splits （六）其他处理 into three rows; a report that prints one row (the
        2019 layout) does not say how its numbers divide. Sub-rows are kept only where the
        merged number forces them (a printed 0 makes each sub-row 0); the others are absent.
        """,
    ),
    DeviationRule(
        (DeviationKind.EXTRA_VALUES,),
        "GK110",
        "extra-values",
        "structure",
        Severity.WARNING,
        summary="More numbers follow a row label than the row has columns.",
        message="{note}（印有“{found}”）",
        message_en=(
            "more numbers ({found!r}) than the row's {official} columns; the extra ones were "
            "not read{cells_en}"
        ),
        fix="每行只填与列数相同的数值；说明、批注和页码写在表格之外。",
        fix_en=(
            "Print one number per column and no more; put notes, annotations and page numbers "
            "outside the table."
        ),
        failing=Example(
            "A row of part 三 prints eight numbers for seven columns.",
            lambda: _one(
                DeviationKind.EXTRA_VALUES,
                "“一、本年新收政府信息公开申请数量”一行的数值多于7个，多出的未读取",
                expected="7",
                found="3 1 0 0 0 0 4 4",
                cells=_ids("applications.new_received."),
            ),
        ),
        doc="""Point out rows that print more numbers than they have columns.

        The first numbers were read and the rest dropped. A stray number (a page number, a
        footnote mark, an annotation) or a shifted row can cause it; check the row by eye.
        """,
    ),
    DeviationRule(
        (DeviationKind.VALUES_SHORT,),
        "GK111",
        "values-short",
        "structure",
        Severity.WARNING,
        summary="Fewer numbers follow a row label than the row has columns, in text without cell "
        "boundaries.",
        message="{note}（印有“{found}”）",
        message_en=(
            "only {count} numbers for the row's {official} columns; the blank cells' "
            "positions are unknown{cells_en}"
        ),
        fix="每个单元格都填入数值（没有的填0），不要留空；尽量以带单元格边界的表格发布。",
        fix_en=(
            "Fill every cell (0 where nothing happened) instead of leaving it empty, and publish "
            "the table with cell boundaries where you can."
        ),
        failing=Example(
            "Text with one cell per paragraph prints six numbers for a row of seven columns.",
            lambda: _one(
                DeviationKind.VALUES_SHORT,
                "“二、上年结转政府信息公开申请数量”一行只有6个数值，应为7个；"
                "空白单元格的位置无法确定，缺少的按最后几列空白读取",
                expected="7",
                found="0 0 0 0 0 1",
                cells=_ids("applications.carried_over."),
            ),
        ),
        doc="""Point out rows whose blank cells could not be placed.

        In text with one cell per line or per paragraph a blank cell leaves no trace, so the
        numbers that are printed cannot be tied to their columns: they were read into the first
        columns and the rest left blank. Check the row against the original document.
        """,
        params=lambda _, d: {"count": len(d.found.split()) if d.found else 0},
    ),
    DeviationRule(
        (DeviationKind.DOCUMENT_TRUNCATED,),
        "GK112",
        "document-truncated",
        "structure",
        Severity.WARNING,
        summary="The document ends inside a table: its last rows and the later parts are missing.",
        message="{note}",
        message_en=(
            "the document ends inside the table of {official!r} after the row {found!r}: the rest "
            "is missing{cells_en}"
        ),
        fix="发布完整的报告全文；下载或转换中断的，重新获取原件。",
        fix_en=(
            "Publish the complete report; where a download or a conversion stopped part way, get "
            "the original again."
        ),
        failing=Example(
            "The document stops after the row 6.属于四类过程性信息 of part 三.",
            lambda: _one(
                DeviationKind.DOCUMENT_TRUNCATED,
                "文档在“三、收到和处理政府信息公开申请情况”的表格中结束（最后一行为“6.属于四类过程性信息”）",
                expected="三、收到和处理政府信息公开申请情况",
                found="6.属于四类过程性信息",
                cells=_cut(),
                changes=dict.fromkeys(_cut(), CellStatus.ABSENT),
            ),
        ),
        doc="""Point out a document that is cut off part way, once.

        A download cut short or a page that stops loading ends inside a table: every later row,
        part and table is missing. Reading records that as one deviation instead of a
        ``row-missing``, ``part-missing`` and ``table-missing`` for each; this rule reports it
        with the last row found. The absent cells are listed; the sums that involve them are not
        reported again by ``relation-incomplete``. Get the complete document.
        """,
    ),
    DeviationRule(
        (DeviationKind.OCR_DOUBTFUL,),
        "GK113",
        "ocr-doubtful",
        "structure",
        Severity.WARNING,
        summary="A cell was read by OCR with a low confidence: its number may be misread.",
        message="{note}",
        message_en=(
            "read by OCR as {found!r} with a low confidence; check it against the scan{cells_en}"
        ),
        fix="对照扫描件核对该单元格；发布带文字层的文件（由文字处理软件直接导出的PDF或DOCX），表格不要以图片发布。",
        fix_en=(
            "Check the cell against the scan; publish a file with a text layer (a PDF or DOCX "
            "exported by the word processor), not tables as pictures."
        ),
        failing=Example(
            "A scan's cell read as 3 with a confidence of 0.41.",
            lambda: _one(
                DeviationKind.OCR_DOUBTFUL,
                "单元格由OCR识别，读作“3”，置信度0.41，读数存疑",
                found="3",
                cells=("applications.new_received.total",),
            ),
        ),
        doc="""Point out cells of a scan whose reading is doubtful.

        The cell was read from an image, and the recognition engine was not sure of it, or two
        readings of it disagreed. The number is kept as read; compare it with the scan.
        """,
    ),
    DeviationRule(
        (DeviationKind.OCR_CORRECTION,),
        "GK114",
        "ocr-correction",
        "structure",
        Severity.WARNING,
        summary="Another OCR reading of a doubtful cell would make its sums hold: a proposed "
        "correction.",
        message="{note}",
        message_en=(
            "read by OCR as {found!r}; the reading {official!r} would satisfy every sum the cell "
            "is in (not applied){cells_en}"
        ),
        fix="对照扫描件核对该单元格，先核对所提议的读数；发布带文字层的文件，表格不要以图片发布。",
        fix_en=(
            "Check the cell against the scan, the proposed reading first; publish a file with a "
            "text layer, not tables as pictures."
        ),
        failing=Example(
            "A scan's cell read as 6 with low confidence; its other reading, 9, satisfies every "
            "sum.",
            lambda: _one(
                DeviationKind.OCR_CORRECTION,
                "OCR读作“6”的单元格若读作“9”，所在各项勾稽关系均成立；数值仍按原读数，请核对原件",
                expected="9",
                found="6",
                cells=("applications.results.partially_disclosed.total",),
            ),
        ),
        doc="""Propose a correction of a doubtful OCR reading from the format's arithmetic.

        Exactly one cell of a sum that does not hold was read with doubt, and one of its other
        recognition readings satisfies every sum the cell is in. The value stays as read (the
        arithmetic findings stay too); the proposal says which reading to check first.
        """,
    ),
    DeviationRule(
        (DeviationKind.READINGS_DISAGREE, DeviationKind.OCR_TEXT_LAYER),
        "GK115",
        "reading-doubtful",
        "structure",
        Severity.WARNING,
        summary="A cell's number is doubtful: two readings of the file disagree on it, or it "
        "comes from an OCR text layer.",
        message="{note}",
        message_en="the reading of this cell is doubtful ({kind}): {found}; check it against the "
        "document{cells_en}",
        fix="对照原件核对该单元格；发布由文字处理软件直接导出的PDF（带可检索的文字层），不要发布扫描件。",
        fix_en=(
            "Check the cell against the document; publish a PDF exported by the word processor "
            "(with a searchable text layer), not a scan."
        ),
        failing=Example(
            "Two readings of a PDF table give 11 and 17 for one cell and nothing decides.",
            lambda: _one(
                DeviationKind.READINGS_DISAGREE,
                "两种读法在此单元格读出不同内容（“11”与“17”），未能判定",
                found="11 / 17",
                cells=("applications.new_received.natural_person",),
            ),
        ),
        doc="""Point out cells whose printed number the reading could not establish with certainty.

        Two cases. Two readings of a PDF (its text and its ruling lines, or pdfplumber's tables)
        read a cell differently and nothing (the other cells, the sums) decides between them.
        Or the cell was read from an OCR text layer: invisible text a scanner or OCR program laid
        over the page image, whose numbers are only as good as that program's recognition. The
        number given is one of the readings; compare it with the document before relying on it.
        """,
    ),
)
"""The structure rules, one row each: the deviation kinds a rule reports and its metadata."""

register(STRUCTURE_RULES, _PLAIN)


@rule(
    "GK199",
    "other-deviation",
    "structure",
    Severity.INFO,
    summary="Reading recorded a deviation that no other rule reports.",
    message="{note}",
    message_en="reading recorded a {kind!r} deviation: {note}{cells_en}",
    fix="对照国家模板核对该处的标题、表格和标签，改为规定写法。",
    fix_en=(
        "Check the heading, table or label at this place against the national template and "
        "print it as the template does."
    ),
    failing=Example(
        "Reading recorded a deviation of a kind no other rule covers.",
        lambda: _one("layout-note", "表格跨页断开，已拼接"),
    ),
    passing=_PLAIN,
)
def other_deviation(report: Report) -> Iterator[Issue]:
    """Show the deviations that no other rule reports.

    Every deviation reading records is shown: this rule reports those whose kind has no rule
    of its own (a kind added to the reader before a rule was written for it), with the
    reader's own message.
    """
    for deviation in report.deviations:
        if RULE_OF_KIND.get(deviation.kind, "GK199") == "GK199":
            yield issue(deviation)


claim("GK199", DeviationKind.READER_NOTE)
