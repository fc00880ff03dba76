"""Report metadata: title, agency, year, statistics period and the 落款 (signature and date)."""

from __future__ import annotations

import datetime as dt
import re

import attrs

from gikaireport.assemble.normalize import fold
from gikaireport.lexicon import nfkc
from gikaireport.model import Deviation, DeviationKind, Meta

__all__: list[str] = []

_HAN_DIGIT = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "Ｏ": 0,
    "O": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_DATE = re.compile(
    r"(?P<y>\d{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*"
    r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,2})\s*月\s*"
    r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_YEAR = re.compile(r"(\d{4})\s*年")
_PERIOD = re.compile(
    r"(?P<year>\d{4})\s*年\s*(\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起?\s*[至到\-—–~～]\s*"
    r"(?P<end>(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)"
)
_AGENCY_END = re.compile(
    r"(?:政府|办公室|办公厅|委员会|管委会|局|委|厅|院|署|办|中心|办事处|街道|镇|乡|处|所|站|队|馆"
    r"|会|部|社|公司|集团)$"
)
_CLUTTER = re.compile(r"[>›»]|首页|当前位置|字体|打印|关闭|浏览次数|来源[:：]|索引号|发布日期|【")
_WHITESPACE = re.compile(r"\s+")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_AGENCY_STRIP = re.compile(r"^[《“\"\s]+|[》”\"\s]+$")


def _han_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if len(text) == 4 or (
        all(char in _HAN_DIGIT and char != "十" for char in text) and len(text) > 1
    ):
        value = 0
        for char in text:
            value = value * 10 + _HAN_DIGIT[char]
        return value
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_HAN_DIGIT[tens] if tens else 1) * 10 + (_HAN_DIGIT[units] if units else 0)
    return _HAN_DIGIT[text]


def parse_date(text: str) -> dt.date | None:
    """The first date written ``2023年1月12日`` or ``二〇二三年一月十二日`` in ``text``."""
    match = _DATE.search(nfkc(text))
    if not match:
        return None
    try:
        return dt.date(_han_number(match["y"]), _han_number(match["m"]), _han_number(match["d"]))
    except (ValueError, KeyError):
        return None


_TITLE_PREFIX = re.compile(r"^(?:名称|标题|题目|文章标题)\s*[:：]\s*")
_PROSE = re.compile(r"[。，；;,]")


def _title_line(line: str) -> str | None:
    """A line that can be (the end of) the title, cleaned; ``None`` for clutter or prose."""
    text = _TITLE_PREFIX.sub("", line.strip())
    if "报告" in text and "年度报告" in text:
        text = text.strip("【】[]")
    if (
        "报告" not in text
        or len(text) > 60
        or text.startswith("本报告")
        or _PROSE.search(text)
        or _CLUTTER.search(text)
    ):
        return None
    return text


def _title(lines: list[str]) -> str | None:
    """The title: the first short line with 报告, joined with the line(s) it was split from."""
    for index, line in enumerate(lines[:30]):
        text = _title_line(line)
        if text is None:
            continue
        title = text
        back = index
        while back > 0 and (
            not _YEAR.search(title) or _YEAR.match(title) or "政府信息公开" not in title
        ):
            previous = lines[back - 1].strip()
            if (
                not previous
                or len(previous) > 40
                or _CLUTTER.search(previous)
                or _PROSE.search(previous)
                or previous in title
                or not (looks_like_agency(previous) or _YEAR.search(previous))
            ):
                break
            title = previous + title
            back -= 1
        return _WHITESPACE.sub("", title) if _HAN.search(title) else title
    return None


def looks_like_agency(text: str) -> bool:
    """Tell whether a short line names a body (ends 局, 委员会, 人民政府, 街道办事处 ...)."""
    text = _WHITESPACE.sub("", text)
    return (
        2 <= len(text) <= 30
        and not _PROSE.search(text)
        and not _DIGIT.search(text)
        and bool(_AGENCY_END.search(text))
    )


def _agency_from_title(title: str) -> str | None:
    """The agency: what precedes the year (after 关于印发 in a notice that forwards a report),
    or, in a title that starts with the year, what follows it up to 政府信息公开.
    """
    match = _YEAR.search(title)
    if not match:
        return None
    before = title[: match.start()]
    if "关于印发" in before:
        before = before.split("关于印发", 1)[1]
    agency = _AGENCY_STRIP.sub("", before).removesuffix("关于")
    if not agency:
        after = title[match.end() :].removeprefix("度").split("政府信息公开", 1)[0]
        agency = _AGENCY_STRIP.sub("", after) if looks_like_agency(after) else ""
    return agency or None


def _signature(lines: list[str]) -> tuple[dt.date | None, str | None]:
    """The 落款: the last short dated line and the body named on it or on the line before."""
    for index in range(len(lines) - 1, -1, -1):
        line = fold(lines[index]).strip()
        if len(line) > 40:
            continue
        date = parse_date(line)
        if date is None:
            continue
        match = _DATE.search(line)
        named = line[: match.start()].strip() if match else ""
        if not named and index > 0:
            named = fold(lines[index - 1]).strip()
        named = _WHITESPACE.sub("", named)
        if not named or len(named) > 25 or _PROSE.search(named) or parse_date(named):
            return date, None
        return date, named
    return None, None


def _agency_after(lines: list[str], title: str) -> str | None:
    """The agency printed on its own on the line after the title."""
    squeezed = [_WHITESPACE.sub("", line) for line in lines]
    for index, line in enumerate(squeezed[:30]):
        if line and line in title and index + 1 < len(squeezed):
            following = squeezed[index + 1]
            return following if looks_like_agency(following) else None
    return None


def _best_title(lines: list[str], page_title: str | None) -> str | None:
    """The printed title, unless it lacks the year that the page's own title states."""
    title = _title(lines)
    page = _title([fold(page_title)]) if page_title else None
    if page and _YEAR.search(page) and (title is None or not _YEAR.search(title)):
        return page
    return title


def extract_meta(
    head: list[str], tail: list[str], properties: dict[str, str] | None = None
) -> Meta:
    """Metadata from the lines before part 一 (``head``), the last lines (``tail``) and what
    the file says about itself (``properties``: a web page's ``title``).
    """
    folded_head = [fold(line) for line in head]
    title = _best_title(folded_head, (properties or {}).get("title"))
    agency = _agency_from_title(title) if title else None
    if agency is None and title:
        agency = _agency_after(folded_head, title)
    year_match = _YEAR.search(title) if title else None
    year = int(year_match.group(1)) if year_match else None

    period_start = period_end = None
    for line in folded_head:
        period = _PERIOD.search(line) if "月" in line else None  # the period prints 月 twice
        if period:
            end = period["end"] if "年" in period["end"] else f"{period['year']}年{period['end']}"
            period_start, period_end = parse_date(period.group(0)), parse_date(end)
            break

    published, signed_by = _signature([line for line in tail if line.strip()])
    if year is None and period_end is not None:
        year = period_end.year
    if agency is None and signed_by and looks_like_agency(signed_by):
        agency = signed_by
    return Meta(
        title=title,
        agency=agency,
        year=year,
        period_start=period_start,
        period_end=period_end,
        published=published,
        signed_by=signed_by,
    )


def page_date(meta: Meta, properties: dict[str, str]) -> tuple[Meta, list[Deviation]]:
    """Take the page's publication date when the 落款 prints none, and record that it did.

    Returns the metadata (``published`` set from ``properties["published"]`` when it was
    ``None``) and a ``published-from-page`` deviation saying so.
    """
    stated = properties.get("published")
    if meta.published is not None or not stated:
        return meta, []
    try:
        date = dt.date.fromisoformat(stated)
    except ValueError:
        return meta, []
    deviation = Deviation(
        DeviationKind.PUBLISHED_FROM_PAGE,
        f"落款未印日期，发布日期{date.isoformat()}取自网页标注的发布日期",
        expected="落款日期",
        found=date.isoformat(),
    )
    return attrs.evolve(meta, published=date), [deviation]
