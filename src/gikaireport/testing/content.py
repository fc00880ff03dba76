"""Hypothesis strategies for the text of parts 一 and 五, for the content rules.

:func:`overview_texts` draws a part 一 that reviews some of its five areas, numbered in one
of the styles real reports use; :func:`problems_texts` draws a part 五 of problems,
measures, both or neither. Each returns the text with what it leaves out, so a test can
require the finding that names exactly that.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

from gikaireport.validate.content_text import OVERVIEW_AREAS

__all__ = ["AREA_STYLES", "overview_texts", "problems_texts"]

_NUMERALS = "一二三四五"
_BODIES = {
    "主动公开": "通过门户网站发布政策文件和解读。",
    "依申请公开": "规范受理、办理和答复流程。",
    "政府信息管理": "落实公文公开属性源头认定。",
    "政府信息公开平台建设": "优化网站专栏和政务新媒体。",
    "监督保障": "开展业务培训，加强日常指导。",
}

AREA_STYLES: dict[str, Callable[[int, str, str], str]] = {
    "parens": lambda n, area, body: f"（{_NUMERALS[n]}）{area}情况。{body}",
    "ascii-parens": lambda n, area, body: f"({_NUMERALS[n]}){area}情况。{body}",
    "arabic": lambda n, area, body: f"{n + 1}.{area}情况。{body}",
    "arabic-comma": lambda n, area, body: f"{n + 1}、{area}工作。{body}",
    "shi": lambda n, area, body: f"{_NUMERALS[n]}是{area}方面，{body}",
    "aspect": lambda n, area, body: f"在{area}方面，{body}",
    "heading-line": lambda n, area, body: f"{area}\n{body}",
    "run-in": lambda n, area, body: f"{area}情况。{body}",
}
"""How real reports mark the areas of part 一: ``style(index, area, body)`` gives one
paragraph ((一)主动公开情况。…, 1.…, 一是…方面, 在…方面, a heading line, a run-in heading)."""


@st.composite
def overview_texts(draw: st.DrawFn) -> tuple[str, frozenset[str]]:
    """Draw a part 一 text and the areas it leaves out (names as in the notice).

    The areas kept come in any order, all in one style; the paragraphs are separate lines.
    """
    names = [area.name for area in OVERVIEW_AREAS]
    kept = draw(st.lists(st.sampled_from(names), unique=True))
    style = AREA_STYLES[draw(st.sampled_from(sorted(AREA_STYLES)))]
    lines = ["本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》。"]
    lines += [style(n, area, _BODIES[area]) for n, area in enumerate(kept)]
    return "\n".join(lines), frozenset(names) - frozenset(kept)


_PROBLEMS = ("一是政策解读形式还不够丰富", "二是信息更新不够及时", "三是队伍业务能力有待提升")
_MEASURES = ("下一步，将丰富政策解读形式", "今后要建立信息更新台账", "加强业务培训")


@st.composite
def problems_texts(draw: st.DrawFn) -> tuple[str, bool, bool]:
    """Draw a part 五 text: ``(text, states problems, states measures)``.

    Neither gives an empty text; sentences end in 。 or ； or a line break.
    """
    problems = draw(st.lists(st.sampled_from(_PROBLEMS), unique=True))
    measures = draw(st.lists(st.sampled_from(_MEASURES), unique=True))
    separator = draw(st.sampled_from(["。", "；", "。\n"]))
    sentences = [*problems, *measures]
    text = separator.join(sentences) + ("。" if sentences else "")
    return text, bool(problems), bool(measures)
