"""The content rules (GK121-GK125) on the seeds, the corpus PDF and DOCX, and on reports
built from the seeds' shapes with the content removed, reworded or renumbered."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

import gikaireport
from gikaireport.model import Report
from gikaireport.testing import overview_texts, problems_texts
from gikaireport.validate import Finding, validate
from gikaireport.validate.agency import is_government
from gikaireport.validate.examples import example_report

AREAS = ("主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障")


def _content(report: Report) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in validate(report, select=["content"]):
        out.setdefault(finding.code, []).append(finding)
    return out


def _seed_text(corpus: Path, number: str) -> tuple[str, str]:
    (path,) = (corpus / "seeds").glob(f"{number}_*.txt")
    return path.name, path.read_text(encoding="utf-8")


def _seed(corpus: Path, number: str) -> Report:
    name, text = _seed_text(corpus, number)
    return gikaireport.parse_text(text, path=name)


def _missing_areas(finding: Finding) -> set[str]:
    head = finding.message.split("的小标题")[0]
    return {area for area in AREAS if f"“{area}”" in head}


# -- the real documents: each finding checked by reading the document -----------------------


def test_seed_000_county_government_states_no_accountability_results(corpus: Path) -> None:
    # 交口县 (title) signed by its office: a government's report; its （五）监督保障方面 speaks
    # of 督促检查 and 培训 only
    found = _content(_seed(corpus, "000"))
    assert set(found) == {"GK122"}
    (finding,) = found["GK122"]
    assert "工作考核、社会评议、责任追究" in finding.message


def test_seed_001_names_only_what_is_missing(corpus: Path) -> None:
    # 5.监督保障 puts disclosure into the 绩效考核 but says nothing of 评议 or 责任追究;
    # its areas are numbered 1. to 5. and part 五 has 2022年存在的主要问题 and 下一步改进措施
    found = _content(_seed(corpus, "001"))
    assert set(found) == {"GK122"}
    (finding,) = found["GK122"]
    named = finding.message.split("结果情况")[0]
    assert "社会评议、责任追究" in named and "工作考核" not in named
    assert "public evaluation" in finding.message_en


@pytest.mark.parametrize("number", ["002", "004"])
def test_office_reports_with_every_area_are_clean(corpus: Path, number: str) -> None:
    # both are a government office's report on its own work (title 某县人民政府办公室), with
    # （一） to （五） in part 一 and problems then 改进措施 / 下一步 in part 五
    report = _seed(corpus, number)
    assert not is_government(report)
    assert _content(report) == {}


def test_seed_003_township_lacks_platform_and_oversight(corpus: Path) -> None:
    # part 一 of 灵丘县下关乡 has （一）主动公开 （二）依申请公开 （三）政府信息管理 （四）舆情回应
    found = _content(_seed(corpus, "003"))
    assert set(found) == {"GK121", "GK122"}
    (areas,) = found["GK121"]
    assert _missing_areas(areas) == {"政府信息公开平台建设", "监督保障"}
    assert areas.location is not None and areas.location.line is not None
    assert "政府信息公开平台建设情况" in areas.fix


def test_corpus_pdf(corpus: Path) -> None:
    # 淮安市洪泽区人民政府: five areas （一） to （五）, 纳入全区高质量发展考核内容, and a part 五
    # with 不足 and 2025年我们将……; nothing on 评议 or 责任追究
    report = gikaireport.read(corpus / "pdf" / "hzq2024_working.pdf")
    found = _content(report)
    assert set(found) == {"GK122"}
    assert "社会评议、责任追究" in found["GK122"][0].message


def test_blank_national_template(corpus: Path) -> None:
    # the template's parts hold only its placeholder （文字描述）
    report = gikaireport.read(corpus / "docx" / "national_template_2021.docx")
    found = _content(report)
    assert set(found) == {"GK121", "GK123"}
    assert _missing_areas(found["GK121"][0]) == set(AREAS)
    assert "（文字描述）" in found["GK123"][0].message


# -- the seeds' shapes, changed ------------------------------------------------------------


def _part(text: str, start: str, end: str) -> tuple[int, int]:
    lines = text.split("\n")
    first = next(i for i, line in enumerate(lines) if line.strip().removeprefix("五、") == start)
    last = next(i for i in range(first + 1, len(lines)) if lines[i].strip().startswith(end))
    return first, last


def _drop_area(text: str, area: str, following: str) -> str:
    lines = text.split("\n")
    first, last = _part(text, "一、总体情况", "二、")
    start = next(i for i in range(first, last) if area in lines[i][:16])
    stop = next(i for i in range(start + 1, last) if following in lines[i][:16])
    return "\n".join(lines[:start] + lines[stop:])


def _replace_problems(text: str, body: str) -> str:
    lines = text.split("\n")
    first, last = _part(text, "存在的主要问题及改进情况", "六、")
    return "\n".join([*lines[: first + 1], body, *lines[last:]])


@pytest.mark.parametrize("number", ["000", "001", "002", "004"])
def test_dropping_the_platform_paragraph_is_named(corpus: Path, number: str) -> None:
    name, text = _seed_text(corpus, number)
    dropped = _drop_area(text, "平台建设", "监督保障")
    assert dropped != text
    found = _content(gikaireport.parse_text(dropped, path=name))
    assert _missing_areas(found["GK121"][0]) == {"政府信息公开平台建设"}


_STYLES = {
    "arabic": lambda n: f"{n}.",
    "arabic-comma": lambda n: f"{n}、",
    "ascii-parens": lambda n: f"({'一二三四五'[n - 1]})",
    "shi": lambda n: f"{'一二三四五'[n - 1]}是",
    "none": lambda n: "",
}


@pytest.mark.parametrize("style", list(_STYLES))
@pytest.mark.parametrize("number", ["000", "002", "004"])
def test_renumbered_sub_headings_still_count(corpus: Path, number: str, style: str) -> None:
    name, text = _seed_text(corpus, number)
    first, last = _part(text, "一、总体情况", "二、")
    lines = text.split("\n")
    for n, numeral in enumerate("一二三四五", 1):
        for i in range(first + 1, last):
            if lines[i].lstrip().startswith(f"（{numeral}）"):
                lines[i] = lines[i].replace(f"（{numeral}）", _STYLES[style](n), 1)
    renumbered = "\n".join(lines)
    assert renumbered != text
    assert "GK121" not in _content(gikaireport.parse_text(renumbered, path=name))


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("body", ["", "无", "无。", "暂无"])
def test_part_five_emptied(corpus: Path, number: str, body: str) -> None:
    name, text = _seed_text(corpus, number)
    found = _content(gikaireport.parse_text(_replace_problems(text, body), path=name))
    assert "GK123" in found and "GK124" not in found
    assert "存在的主要问题和改进措施" in found["GK123"][0].message


def _problems_body(text: str) -> list[str]:
    lines = text.split("\n")
    first, last = _part(text, "存在的主要问题及改进情况", "六、")
    return [line for line in lines[first + 1 : last] if line.strip()]


@pytest.mark.parametrize("number", ["000", "003", "004"])
def test_part_five_split_into_its_halves(corpus: Path, number: str) -> None:
    # these seeds write the problems, then one paragraph that begins 下一步 / 今后
    name, text = _seed_text(corpus, number)
    body = _problems_body(text)
    turn = next(i for i, line in enumerate(body) if re.match(r"(下一步|今后)", line))
    problems_only = _content(
        gikaireport.parse_text(_replace_problems(text, "\n".join(body[:turn])), path=name)
    )
    (finding,) = problems_only["GK124"]
    assert "未写改进措施" in finding.message and "no measure" in finding.message_en
    intentions = _content(
        gikaireport.parse_text(_replace_problems(text, "\n".join(body[turn:])), path=name)
    )
    (finding,) = intentions["GK124"]
    assert "未写存在的问题" in finding.message and "intentions" in finding.message_en


# -- generated reports -----------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(overview_texts())
def test_overview_names_exactly_the_left_out_areas(drawn: tuple[str, frozenset[str]]) -> None:
    text, missing = drawn
    found = _content(example_report(parts={"overview": text}))
    if missing:
        (finding,) = found["GK121"]
        assert _missing_areas(finding) == missing
        assert all(area in finding.fix for area in missing)
    else:
        assert "GK121" not in found


@settings(max_examples=40, deadline=None)
@given(problems_texts())
def test_problems_and_measures(drawn: tuple[str, bool, bool]) -> None:
    text, problems, measures = drawn
    found = _content(example_report(parts={"problems": text}))
    if not problems and not measures:
        assert set(found) == {"GK123"}
    elif problems and measures:
        assert found == {}
    else:
        (finding,) = found["GK124"]
        assert ("未写改进措施" in finding.message) == problems
        assert ("未写存在的问题" in finding.message) == measures


def _overview() -> str:
    part = example_report().part("overview")
    assert part is not None and "纳入年度考核" in part.text
    return part.text


_GOVERNMENT_TEXT = (
    "（五）监督保障情况。将政府信息公开工作纳入年度绩效考核，考核结果为良好；"
    "组织社会评议，群众满意；本年度未发生责任追究情况。"
)


@pytest.mark.parametrize(
    ("title", "government"),
    [
        ("交口县2022年政府信息公开工作年度报告", True),
        ("某市人民政府2022年政府信息公开工作年度报告", True),
        ("灵丘县下关乡2022年度政府信息公开工作报告", True),
        ("某镇人民政府2022年政府信息公开工作年度报告", True),
        ("汾西县人民政府办公室2023年政府信息公开工作年度报告", False),
        ("某县教育局2022年政府信息公开工作年度报告", False),
        ("某区某某街道办事处2022年政府信息公开工作年度报告", False),
        ("某某经济技术开发区2022年政府信息公开工作年度报告", False),
        ("某山风景名胜区2022年政府信息公开工作年度报告", False),
        ("某市某区2022年政府信息公开工作年度报告", True),
    ],
)
def test_who_reports_for_a_government(title: str, government: bool) -> None:
    report = example_report(meta={"title": title})
    assert is_government(report) is government
    assert ("GK122" in _content(report)) is government  # the baseline names none of the three
    said = example_report(
        meta={"title": title},
        parts={"other": "本机关2022年度未收取信息处理费。" + _GOVERNMENT_TEXT},
    )
    assert "GK122" not in _content(said)


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("将政府信息公开工作纳入年度绩效考核。", {"社会评议", "责任追究"}),
        ("开展第三方评估。本年度未发生问责情况。", {"工作考核"}),
        ("", {"工作考核", "社会评议", "责任追究"}),
    ],
)
def test_accountability_names_what_is_missing(sentence: str, missing: set[str]) -> None:
    overview = _overview().replace("本机关将政府信息公开工作纳入年度考核，", "")
    report = example_report(
        meta={"title": "示例县2022年政府信息公开工作年度报告"},
        parts={"overview": overview, "other": "本机关2022年度未收取信息处理费。" + sentence},
    )
    (finding,) = _content(report)["GK122"]
    named = set(re.findall(r"工作考核|社会评议|责任追究", finding.message.split("结果情况")[0]))
    assert named == missing


def test_show_fixes_prints_the_fix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gikaireport.cli import main
    from gikaireport.testing import render_text

    path = tmp_path / "r.txt"
    path.write_text(render_text(example_report()), encoding="utf-8")
    main(["check", "--show-fixes", "--select", "GK124", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert " GK124 " in lines[0] and lines[1].startswith("    修改建议: 第五部分先列出")
    main(["check", "--show-fixes", "--lang", "en", "--select", "GK124", str(path)])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("    fix: In part 五, first name")
    main(["check", "--select", "GK124", str(path)])
    assert "修改建议" not in capsys.readouterr().out


def test_every_rule_has_fix_texts_in_both_languages() -> None:
    from gikaireport.validate import list_rules

    han = re.compile(r"[\u4e00-\u9fff]")
    for rule in list_rules(None):
        assert rule.fix and rule.fix_en, rule.code
        assert han.search(rule.fix) and not han.match(rule.fix_en), rule.code


# -- tables printed as pictures ------------------------------------------------------------


def _png() -> io.BytesIO:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, "PNG")
    out.seek(0)
    return out


def _docx_with_picture(replace_table: bool) -> bytes:
    import docx

    from gikaireport.testing.docx import render_docx

    document = docx.Document(io.BytesIO(render_docx(example_report())))
    table = document.tables[-1]._element  # part 四's table
    picture = document.add_paragraph()
    picture.add_run().add_picture(_png())
    table.addprevious(picture._element)
    if replace_table:
        table.getparent().remove(table)
    logo = document.add_paragraph()
    logo.add_run().add_picture(_png())
    document.paragraphs[0]._element.addprevious(logo._element)  # a picture above the title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("replace_table", [True, False])
def test_docx_table_printed_as_a_picture(tmp_path: Path, replace_table: bool) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(_docx_with_picture(replace_table))
    report = gikaireport.read(path)
    found = _content(report)
    if not replace_table:  # a picture beside a real table is not the table
        assert found == {}
        return
    (finding,) = found["GK125"]
    assert "政府信息公开行政复议、行政诉讼情况" in finding.message
    assert finding.location is not None and finding.location.line is not None
    assert finding.cells and all(c.startswith("review_litigation.") for c in finding.cells)
    assert "GK106" in {f.code for f in validate(report)}  # its numbers are still unread


def test_html_table_printed_as_a_picture(tmp_path: Path) -> None:
    from gikaireport.testing.html import render_html

    page = render_html(example_report()).decode("utf-8")
    start, end = page.rfind("<table"), page.rfind("</table>") + len("</table>")
    pictured = tmp_path / "pictured.html"
    pictured.write_text(page[:start] + '\n<p><img src="t4.png">\n</p>' + page[end:], "utf-8")
    assert set(_content(gikaireport.read(pictured))) == {"GK125"}
    # a picture in part 四 beside its real table is not the table
    beside = tmp_path / "beside.html"
    beside.write_text(page[:start] + '\n<p><img src="photo.png">\n</p>' + page[start:], "utf-8")
    assert _content(gikaireport.read(beside)) == {}


def test_fix_texts_travel_with_the_finding_records() -> None:
    from gikaireport.export.rows import finding_record

    (finding,) = validate(example_report(parts={"problems": "无"}), select=["GK123"])
    assert "仅写“无”" in finding.message
    record = finding_record(finding)  # check --format json writes the same record
    assert record["fix"] == finding.fix and record["fix_en"] == finding.fix_en
    assert record["message"] == finding.message  # the older fields are unchanged


def test_templates_fill_from_params_and_a_missing_one_is_a_crash_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gikaireport.validate import RULES, Example, Issue, Rule, Severity

    def check(report: Report) -> Iterator[Issue]:
        """Yield one issue with a param the template names, and one without it.

        For the engine's template test only.
        """
        yield Issue.of(cells=("proactive.fees.amount",), what="示例")
        yield Issue.of()

    plain = Example("plain", lambda: (example_report(),))
    templated = Rule(
        "GK997",
        "templated",
        "content",
        Severity.INFO,
        "Templated.",
        "Templated.",
        check,
        "report",
        plain,
        plain,
        message="内容为{what}",
        message_en="content is {what}",
        fix="改为{what}",
        fix_en="print {what}",
    )
    monkeypatch.setitem(RULES, "GK997", templated)
    findings = validate(example_report(), select=["GK997", "GK000"])
    # the second issue lacks `what`: the rule is reported as crashed, nothing escapes
    assert [f.code for f in findings] == ["GK000"]
    assert "KeyError" in findings[0].message_en

    def first_only(report: Report) -> Iterator[Issue]:
        """Yield the issue with its param.

        For the engine's template test only.
        """
        yield Issue.of(cells=("proactive.fees.amount",), what="示例")

    monkeypatch.setitem(RULES, "GK997", attrs.evolve(templated, check=first_only))
    (finding,) = validate(example_report(), select=["GK997"])
    assert (finding.message, finding.message_en) == ("内容为示例", "content is 示例")
    assert (finding.fix, finding.fix_en) == ("改为示例", "print 示例")
    assert finding.location is not None  # from the cell, as for any finding


def test_overview_headings_in_other_words() -> None:
    # sub-headings of real reports that name the areas in other words
    text = "\n".join(
        [
            "（一）主动公开政府信息情况。发布政策文件。",
            "（二）政府信息公开申请办理情况。规范答复。",
            "（三）政府信息资源规范化标准化管理情况。落实源头认定。",
            "（四）政府网站和政务新媒体建设情况。优化专栏。",
            "（五）组织保障情况。开展业务培训。",
        ]
    )
    assert "GK121" not in _content(example_report(parts={"overview": text}))
    # the same words in passing, inside a paragraph, are not a review of the area
    passing = (
        "本年度，本机关以县政府门户网站为平台，结合信息管理要求，在监督下主动公开政府信息，"
        "办理依申请公开事项。"
    )
    (finding,) = _content(example_report(parts={"overview": passing}))["GK121"]
    assert _missing_areas(finding) == set(AREAS)


_VARIANTS = {
    "baseline": {},
    "no platform paragraph": {
        "overview": _overview().replace(
            "（四）政府信息公开平台建设情况。本机关维护县政府门户网站本机关专栏和政务新媒体。\n", ""
        )
    },
    "part five says 无": {"problems": "无"},
    "intentions only": {"problems": "下一步，本机关将进一步加强政府信息公开工作。"},
}


@pytest.mark.parametrize("variant", list(_VARIANTS))
@pytest.mark.parametrize("suffix", [".docx", ".html"])
def test_rendered_documents_give_the_same_content_findings(
    tmp_path: Path, suffix: str, variant: str
) -> None:
    from gikaireport.testing.docx import render_docx
    from gikaireport.testing.html import render_html

    report = example_report(parts=_VARIANTS[variant])
    expected = {code: [f.message for f in fs] for code, fs in _content(report).items()}
    assert (expected == {}) == (variant == "baseline")
    path = tmp_path / f"report{suffix}"
    path.write_bytes(render_docx(report) if suffix == ".docx" else render_html(report))
    found = _content(gikaireport.read(path))
    assert {code: [f.message for f in fs] for code, fs in found.items()} == expected


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("（一）主动公开情况", "主动公开情况"),  # at the very start of the text
        ("  1.依申请公开", "依申请公开"),  # white space before the enumerator
        ("总体情况如下。二是平台建设", "平台建设"),  # after a sentence end
        ("概述：\n（三）监督保障", "监督保障"),  # after a line break
        ("本机关以网站为平台", None),  # no enumerator: only the line's head counts
        ("截至2022年12月31日", None),  # digits inside a sentence are no enumerator
    ],
)
def test_headings_take_the_words_after_an_enumerator_at_a_start(
    text: str, marked: str | None
) -> None:
    from gikaireport.validate.content_text import headings

    found = headings(text)
    if marked is None:
        assert all(text.startswith(h) or h in text.split("\n") for h in found)
    else:
        assert marked in found
