"""What counts as stating the content the notice requires, for the content rules.

Part 一's five areas, the three results a government reports, and whether a sentence of
part 五 names a problem or a measure: word lists and the places a heading can stand,
kept here in one place so that the rules and their documentation agree.

The functions take text as :class:`gikaireport.validate.facts.Facts` folds it once per
validation (full-width digits folded, spaces removed, line breaks kept): :func:`part_text`.
"""

from __future__ import annotations

import re

from attrs import frozen

from gikaireport.validate.facts import Facts
from gikaireport.validate.sentences import SENTENCE_ENDS

__all__: list[str] = []


@frozen
class Topic:
    """A piece of required content: its name in the notice, in English, and its words.

    ``words`` are the alternatives that name it, each a regular expression (most are plain
    words); ``pattern`` is their alternation.
    """

    name: str
    english: str
    words: tuple[str, ...]
    pattern: re.Pattern[str]
    plain: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    keyed: tuple[tuple[str, tuple[str, ...]], ...]
    """The plain words by a character each of them has (:func:`_keyed`)."""

    def named_in(self, text: str) -> bool:
        """Tell whether ``text`` names the topic (``pattern`` is found in it).

        The plain words are looked for as strings, several times faster than by the
        regular expression, and only when the text has a character they share (a search
        for one character is several times faster again); the others each on its own.
        """
        for char, words in self.keyed:
            if char in text:
                for word in words:
                    if word in text:
                        return True
        return bool(self.patterns) and any(pattern.search(text) for pattern in self.patterns)


def _keyed(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Group ``words`` by a character each word of a group has: the character most of the
    words left have, until every word is in a group (考 for 考核 and 考评).
    """
    left = list(words)
    out = []
    while left:
        chars = sorted({char for word in left for char in word})
        char = max(chars, key=lambda c: sum(c in word for word in left))
        out.append((char, tuple(word for word in left if char in word)))
        left = [word for word in left if char not in word]
    return tuple(out)


def _topics(*rows: tuple[str, str, tuple[str, ...]]) -> tuple[Topic, ...]:
    """Topics from (name, English, words) rows; the English names the notice's words too."""
    out = []
    for name, english, words in rows:
        plain = tuple(word for word in words if re.escape(word) == word)
        patterns = tuple(re.compile(word) for word in words if re.escape(word) != word)
        pattern = re.compile("|".join(words))
        out.append(
            Topic(name, f"{english} ({name})", words, pattern, plain, patterns, _keyed(plain))
        )
    return tuple(out)


OVERVIEW_AREAS = _topics(
    ("主动公开", "proactive disclosure", ("主动公开",)),
    ("依申请公开", "disclosure on application", ("依申请", "公开申请", "申请公开")),
    (
        "政府信息管理",
        "information management",
        ("信息[^。；;，,]{0,10}管理", "管理[^。；;，,]{0,4}信息"),
    ),
    (
        "政府信息公开平台建设",
        "disclosure platforms",
        ("平台", "网站建设", "新媒体建设", "公开专区"),
    ),
    ("监督保障", "oversight and safeguards", ("监督", "保障", "考核", "问责", "追责", "责任追究")),
)
"""The five areas of part 一 (2021 format) and the words that name each in a heading."""

ACCOUNTABILITY = _topics(
    ("工作考核", "work assessment", ("考核", "考评")),
    ("社会评议", "public evaluation", ("评议", "测评", "第三方评估", "社会评价", "满意度")),
    (
        "责任追究",
        "accountability",
        ("责任追究", "追究责任", "追究.{0,6}责任", "追责", "问责"),
    ),
)
"""The results a government's report states (条例第五十条第四项) and the words for each."""

_ENUMERATOR = (
    r"[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|[一二三四五六七八九十]{1,3}\s*[、.．]"
    r"|\d{1,2}\s*(?:[、．]|\.(?!\d))"
    r"|[一二三四五六七八九十]是"
    r"|第[一二三四五六七八九十]{1,3}(?:[，,、]|方面)?"
    r"|其[一二三四五六]"
)
_MARKED = re.compile(rf"[。；;：:！!？?\n]\s*(?:{_ENUMERATOR})\s*(.{{1,24}})")
"""An enumerator after a sentence or line end (searched in the text behind a line break, for
its start: a pattern opening with a character class is searched for that class first, many
times faster than one opening with ``^|``)."""
_ASPECT_BEFORE = 20
_LAST_CLAUSE_END = re.compile(r".*[，,。；;：:、\n]", re.DOTALL)
"""The text up to the last clause end (``.*`` runs to the end and steps back to it)."""
_LINE_START = 10
_SHORT_LINE = 30


def _aspects(text: str) -> list[str]:
    """Return the words before every 方面, back to the start of their clause."""
    out = []
    start = text.find("方面")
    while start > 0:
        window = text[max(0, start - _ASPECT_BEFORE) : start]
        last = _LAST_CLAUSE_END.match(window)
        out.append(window[last.end() :] if last else window)
        start = text.find("方面", start + 2)
    return out


def _lines(text: str) -> list[str]:
    """Return every short line of ``text`` and the first words of every other line."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if line and len(line.rstrip("。")) <= _SHORT_LINE and "。" not in line.rstrip("。"):
            out.append(line)
        elif line:
            out.append(line[:_LINE_START])
    return out


def headings(text: str) -> list[str]:
    """Return the places of ``text`` a reader takes for headings.

    The words after every enumerator ((一), 1., 一是 …) at a line or sentence start, every
    short line (a heading without a number), the first words of every other line (a
    run-in heading: 主动公开情况。…), and the words before every 方面.
    """
    return _MARKED.findall("\n" + text) + _lines(text) + _aspects(text)


def _named(heads: list[str]) -> set[str]:
    text = "\n".join(heads)  # no area's words span a line break
    return {area.name for area in OVERVIEW_AREAS if area.named_in(text)}


def covered_areas(text: str) -> set[str]:
    """Return the names of the areas of part 一 that ``text`` gives a heading or marks.

    The areas are looked for in the lines and the words before 方面 first: their join is
    the end of the join of :func:`headings`, so an area named there is named in all the
    headings, and when all five are, the enumerators are not looked for (the costliest
    step, and one that could only add areas).
    """
    others = _lines(text) + _aspects(text)
    covered = _named(others)
    if len(covered) == len(OVERVIEW_AREAS):
        return covered
    return _named(_MARKED.findall("\n" + text) + others)


def part_text(facts: Facts, part_id: str) -> str:
    """Return the folded text of one part of the report (``""`` when it has none)."""
    return next((text for part, text in facts.texts if part.id == part_id), "")


def report_text(facts: Facts) -> str:
    """Return the folded text of every part of the report, one part per line."""
    return "\n".join(text for _, text in facts.texts)


_EMPTY = re.compile(
    r"(?:本年度)?(?:暂无|无|没有|无相关情况|无此类情况|无问题)?"
    r"|[(（][^()（）]{0,12}[)）]"  # a template's placeholder left in: （文字描述）, （略）
)
_LONGEST_EMPTY = 40
_PUNCTUATION = re.compile(r"[\s。.，,；;：:、!！?？…—\-_/]+")


def is_empty_statement(text: str) -> bool:
    """Tell whether a part's text is empty, says only 无 (暂无, 无。, 没有), or is a placeholder.

    A placeholder is the template's bracketed instruction left in place: （文字描述）.
    """
    if len(text) > _LONGEST_EMPTY:
        return False
    bare = _PUNCTUATION.sub("", text)
    return _EMPTY.fullmatch(bare) is not None


_SENTENCE = re.compile(f"[^{re.escape(SENTENCE_ENDS)}]+")
_IN_SENTENCE = f"[^{re.escape(SENTENCE_ENDS)}]"
_IMPROVE = r"(?:要)?(?:进一步)?(?:加强|提高|提升|完善|改进|规范|丰富)"
_PROBLEM = re.compile(
    r"问题|不足|差距|短板|弱项|薄弱|欠缺|不够|不高|不强|不到位|不及时|不全面|不规范|不完善|不深入"
    r"|不精准|不充分|不平衡|不健全|不明显|单一|有待|仍需|尚需|还需|亟需|亟待|滞后|偏少|较少|偏弱"
    rf"|较弱|困难|缺乏|未能|不足之处|存在{_IN_SENTENCE}{{0,6}}(?:情况|现象)"
    rf"|需{_IMPROVE}|待{_IMPROVE}"
)
"""Words that name a problem. Every alternative opens with a literal character (需 and 待
are spelled out rather than ``[需待]``): the regular expression engine then skips to the
places where one of those characters stands, about five times faster on text that names
no problem. No match spans the end of a sentence, nor does one of :data:`_PLAN` or
:data:`_ACTION`: a match in the whole text is a match in one of its sentences."""
_PLAN = re.compile(
    r"下一步|下步|今后|明年|新的一年|改进措施|措施|整改|将(?!来)|拟|计划|力争|要进一步|着力|努力"
)
_ACTION = re.compile(
    r"改进|加强|强化|完善|提升|提高|推进|健全|优化|规范|丰富|创新|建立|加大|深化|做好|抓好|持续|继续"
    r"|落实|开展|组织"
)


def problems_and_measures(text: str) -> tuple[bool, bool]:
    """Tell whether ``text`` (part 五) states a problem, and whether it states a measure.

    A sentence states a problem when it names one (问题, 不足, 不够 …); it states a measure
    when it plans (下一步, 今后, 将, 措施 …) or, naming no problem, says what is done
    (加强, 完善 …). The words are looked for in the whole text, each up to its first
    match (no match spans two sentences); sentence by sentence only in a text that names
    a problem and what is done but plans nothing.
    """
    problems = _PROBLEM.search(text) is not None
    if _PLAN.search(text):
        return problems, True
    if not problems:
        return False, _ACTION.search(text) is not None
    return True, any(
        _ACTION.search(sentence) and not _PROBLEM.search(sentence)
        for sentence in _SENTENCE.findall(text)
    )
