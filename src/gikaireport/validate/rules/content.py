"""Content rules: what the national notice requires parts 一 and 五 to say (GK12x).

国办公开办函〔2021〕30号 and 条例第五十条 prescribe not only the tables but what the text
reviews: part 一 its five areas, a government's report the results of 工作考核、社会评议和
责任追究, part 五 the problems and how they are being fixed. Evaluators check these first.

The rules read text, which is ambiguous, so each is built to be precise or silent: a
finding only where a careful reader would also find the content missing. What counts as
stating the content is in :mod:`gikaireport.validate.content_text`.
"""

from __future__ import annotations

from collections.abc import Iterator

from gikaireport.model import Deviation, DeviationKind, Report, Source
from gikaireport.validate.content_text import (
    ACCOUNTABILITY,
    OVERVIEW_AREAS,
    covered_areas,
    is_empty_statement,
    part_text,
    problems_and_measures,
    report_text,
)
from gikaireport.validate.deviation_rules import claim
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.examples import example_report
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

_GOVERNMENT = {
    "title": "示例县2022年政府信息公开工作年度报告",
    "agency": "示例县人民政府",
    "signed_by": "示例县人民政府办公室",
}
_NO_PLATFORM = (
    "2022年，示例县交通运输局认真贯彻落实《中华人民共和国政府信息公开条例》。\n"
    "（一）主动公开情况。本机关通过县政府门户网站本机关专栏主动公开政府信息。\n"
    "（二）依申请公开情况。2022年，本机关共收到政府信息公开申请4件，"
    "上年结转政府信息公开申请1件，结转下年度继续办理1件。\n"
    "（三）政府信息管理情况。本机关落实公文公开属性源头认定和保密审查制度。\n"
    "（四）监督保障情况。本机关将政府信息公开工作纳入年度考核，开展业务培训。"
)


@rule(
    "GK121",
    "overview-area-missing",
    "content",
    Severity.WARNING,
    summary="Part 一 does not review one of its five areas.",
    message="第一部分“总体情况”未见{areas}的小标题或段落（应分别总结主动公开、依申请公开、"
    "政府信息管理、政府信息公开平台建设、监督保障五个方面）",
    message_en="part 一 (overview) has no sub-heading or marked paragraph on {areas_en}; "
    "it should review all five areas",
    fix="在第一部分补写{areas}，各方面以小标题或段首标明，如“（四）政府信息公开平台建设情况。"
    "……”，写明本年度做了什么、取得什么效果。",
    fix_en="Add to part 一 a paragraph on {areas_en}, each headed by its name (for example "
    "（四）政府信息公开平台建设情况。……), saying what was done this year and to what effect.",
    failing=Example(
        "Part 一 drops the paragraph on 政府信息公开平台建设 and numbers 监督保障 （四）.",
        lambda: (example_report(parts={"overview": _NO_PLATFORM}),),
    ),
    passing=Example(
        "The baseline report: part 一 has the five sub-headings （一） to （五）.",
        lambda: (example_report(),),
    ),
)
def overview_area_missing(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that part 一 reviews 主动公开, 依申请公开, 政府信息管理, 平台建设 and 监督保障.

    The 2021 format's part 一 (总体情况) summarises the year in five areas; the notice
    says the content "不能遗漏，也不宜泛化". An area counts as reviewed when part 一 names
    it where a reader looks for a heading: at the start of a line or right after an
    enumerator in any style (（一）, (一), 一、, 1., 1、, 一是, 第一), in a short line of its
    own, or before 方面 (“在主动公开方面，…”). A word in passing (“以网站为平台”) does not
    count. Reports in the 2019 format and reports without a part 一 are not checked (a
    missing part is ``part-missing``).
    """
    if report.format_version != "2021":
        return
    part = report.part("overview")
    if part is None:
        return
    covered = covered_areas(part_text(facts, "overview"))
    missing = [area for area in OVERVIEW_AREAS if area.name not in covered]
    if missing:
        yield Issue.of(
            location=part.source,
            areas="、".join(f"“{a.name}”" for a in missing),
            areas_en=", ".join(a.english for a in missing),
        )


@rule(
    "GK122",
    "accountability-missing",
    "content",
    Severity.WARNING,
    summary="A government's report does not report 工作考核、社会评议和责任追究结果.",
    message="本报告为人民政府的年度报告，未见{missing}结果情况（条例第五十条第四项要求各级人民政府"
    "的年度报告包括工作考核、社会评议和责任追究结果情况）",
    message_en="a government's report should report the results of work assessment, public "
    "evaluation and accountability (条例 art. 50 (4)); no statement found on {missing_en}",
    fix="在第一部分“（五）监督保障”中写明{missing}结果，如“将政府信息公开工作纳入绩效考核，"
    "考核结果为……”“开展社会评议……”“本年度未发生因政府信息公开工作引起的责任追究”。",
    fix_en="State the results of {missing_en} under part 一's （五）监督保障, for example "
    "that disclosure work is part of the performance assessment and how it scored, how "
    "the public evaluated it, and whether anyone was held accountable (also when no one was).",
    failing=Example(
        "A county government's report (title 示例县2022年…, signed by its office) that "
        "says nothing on 考核, 评议 or 责任追究.",
        lambda: (
            example_report(
                meta=_GOVERNMENT,
                parts={"overview": _NO_PLATFORM.replace("将政府信息公开工作纳入年度考核，", "")},
            ),
        ),
    ),
    passing=Example(
        "The same report stating all three results in （五）监督保障.",
        lambda: (
            example_report(
                meta=_GOVERNMENT,
                parts={
                    "overview": _NO_PLATFORM
                    + "政府信息公开工作纳入全县绩效考核，本年度考核结果为优秀；开展社会评议，"
                    "群众满意度较高；本年度未发生责任追究情况。"
                },
            ),
        ),
    ),
)
def accountability_missing(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that a government's report states its 考核, 评议 and 责任追究 results.

    条例第五十条第四项: the report of a people's government at any level (各级人民政府)
    also reports 工作考核、社会评议和责任追究结果情况; the 2021 format places it under
    （五）监督保障. A report is a government's when its title names a region or its
    government (交口县, XX市人民政府, a 乡 or 镇), also when its general office signs it; a
    report whose title names the office itself (XX县人民政府办公室), a department, a
    sub-district (街道, a government's agency, not a government) or a development zone is
    not checked (see :func:`gikaireport.validate.agency.is_government`).

    Each of the three counts as stated when any part of the report names it: 考核 or 考评;
    评议, 测评, 满意度 or 第三方评估; 责任追究, 追责 or 问责 (a statement that there was none
    counts).
    The finding names those not found.
    """
    if not facts.government:
        return
    text = report_text(facts)
    missing = [item for item in ACCOUNTABILITY if not item.named_in(text)]
    if missing:
        part = report.part("overview")
        yield Issue.of(
            location=part.source if part else None,
            missing="、".join(item.name for item in missing),
            missing_en=", ".join(item.english for item in missing),
        )


@rule(
    "GK123",
    "problems-empty",
    "content",
    Severity.WARNING,
    summary="Part 五 is empty or says only 无.",
    message="第五部分“存在的主要问题及改进情况”{state}：应写明本年度存在的主要问题和改进措施",
    message_en="part 五 (problems and improvements) {state_en}; it should state the main "
    "problems of the year and the measures taken or planned",
    fix="在第五部分写明本年度政府信息公开工作存在的主要问题（如“一是……不够及时”）和针对每个问题的"
    "改进措施（如“下一步，将……”），以及上一年度问题的整改情况。",
    fix_en="Write in part 五 the year's main problems in disclosure work (一是……) and, for "
    "each, the measure taken or planned (下一步，将……), and how last year's problems were "
    "dealt with.",
    failing=Example(
        "Part 五 says only 无.",
        lambda: (example_report(parts={"problems": "无。"}),),
    ),
    passing=Example(
        "The baseline report: two problems and the measures for them.",
        lambda: (example_report(),),
    ),
)
def problems_empty(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that part 五 is not empty and does not say only 无.

    条例第五十条 makes 存在的主要问题及改进情况 part of every report; an empty part 五 or
    one that says only 无 (暂无, 无。) is what evaluators call 敷衍塞责. A report without
    the part at all is reported by ``part-missing``, not here.
    """
    part = report.part("problems")
    if part is None:
        return
    if is_empty_statement(part_text(facts, "problems")):
        empty = not part.text.strip()
        yield Issue.of(
            location=part.source,
            state="为空" if empty else f"仅写“{part.text.strip()}”",
            state_en="is empty" if empty else f"says only {part.text.strip()!r}",
        )


@rule(
    "GK124",
    "problems-incomplete",
    "content",
    Severity.WARNING,
    summary="Part 五 states problems without measures, or measures without problems.",
    message="第五部分“存在的主要问题及改进情况”{state}",
    message_en="part 五 (problems and improvements) {state_en}",
    fix="第五部分先列出本年度存在的具体问题（如“一是……不够及时”），再写明针对每个问题的改进措施"
    "（如“下一步，将……”）。",
    fix_en="In part 五, first name the year's actual problems (一是……不够及时), then the "
    "measure for each (下一步，将……).",
    failing=Example(
        "Part 五 lists two problems and no measure.",
        lambda: (
            example_report(
                parts={"problems": "一是政策解读形式还不够丰富。二是信息更新还不够及时。"}
            ),
        ),
    ),
    passing=Example(
        "The baseline report: two problems, then 下一步 and the measures.",
        lambda: (example_report(),),
    ),
)
def problems_incomplete(report: Report, facts: Facts) -> Iterator[Issue]:
    """Check that part 五 states both the problems and the improvement measures.

    A part 五 that only promises (下一步，我局将进一步加强……) names no problem; one that
    only lists problems says nothing of how they are fixed. A sentence states a problem
    when it names one (问题, 不足, 差距, 短板, 不够, 不及时, 有待, 仍需, 需加强 …); it
    states a measure when it plans (下一步, 今后, 将, 拟, 改进措施, 整改 …) or, naming no
    problem, says what is done (加强, 完善, 提升 …). An empty part 五 is ``problems-empty``;
    a part 五 with neither (only praise of the year's work) is reported here as stating
    neither.
    """
    part = report.part("problems")
    text = part_text(facts, "problems")
    if part is None or is_empty_statement(text):
        return
    problems, measures = problems_and_measures(text)
    if problems and measures:
        return
    if measures:
        state, state_en = "只写了改进打算，未写存在的问题", "states intentions but no problem"
    elif problems:
        state, state_en = "只列出问题，未写改进措施", "lists problems but no measure"
    else:
        state, state_en = "既未写存在的问题，也未写改进措施", "states neither problems nor measures"
    yield Issue.of(location=part.source, state=state, state_en=state_en)


@rule(
    "GK125",
    "table-image",
    "content",
    Severity.WARNING,
    summary="A table is published as a picture.",
    message="“{table}”的表格以图片形式发布，公众无法检索、复制和核对其中的数字",
    message_en="the table of {table_en} is published as a picture: the public cannot search, "
    "copy or check its numbers",
    fix="以文字表格发布该表（在Word或网页中插入表格并填入数字），不要使用截图或扫描件。",
    fix_en="Publish the table as a real table (a Word or HTML table with the numbers typed "
    "in), not a screenshot or a scan.",
    failing=Example(
        "Reading recorded that part 四's table is an image.",
        lambda: (
            example_report(
                deviations=(_table_image_deviation(),),
            ),
        ),
    ),
    passing=Example("The baseline report: every table is text.", lambda: (example_report(),)),
)
def table_image(report: Report) -> Iterator[Issue]:
    """Point out tables published as pictures.

    A table printed as an image cannot be searched, copied or checked by the public, and
    evaluators flag it even when its numbers are right. Reading records a ``table-image``
    deviation when a part's table was not found and a picture stands between the part's
    heading and the next (the DOCX, DOC/WPS and HTML readers record where pictures are);
    a reader that recovers the numbers by OCR records it too. The finding stays when the
    numbers were recovered: the public still cannot search or check them.
    """
    for deviation in report.deviations:
        if deviation.kind != DeviationKind.TABLE_IMAGE:
            continue
        title = deviation.expected or deviation.message
        yield Issue.of(
            cells=deviation.cells,
            location=deviation.source,
            table=title,
            table_en=repr(title),
        )


claim("GK125", DeviationKind.TABLE_IMAGE)


def _table_image_deviation() -> Deviation:
    return Deviation(
        DeviationKind.TABLE_IMAGE,
        "“政府信息公开行政复议、行政诉讼情况”的表格为图片",
        source=Source(line=40),
        expected="政府信息公开行政复议、行政诉讼情况",
    )
