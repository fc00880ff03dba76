"""What a web page says about itself: its title and its publication date.

Portal pages carry the article's title and date outside the report text: in ``<meta>`` tags
(``ArticleTitle``, ``PubDate``, Open Graph), in the ``<title>`` element (followed by the
site's name) and in the metadata line above the article (``发布日期：2020-01-31``,
``发布时间:2025-01-14``). :func:`page_properties` collects them as the document's
``properties``; the assembler decides what to use (the printed text comes first).
:func:`page_published` is also the date of a portal page that links to its report (see
:mod:`gikaireport.sources.portal`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__: list[str] = []

_TITLE_META = ("articletitle", "og:title", "dc.title", "title")
_DATE_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date")
_DATE_LABEL = re.compile(
    r"(?:发布|發布|发文|發文|成文)(?:日期|时间|時間)\s*[:：]?\s*"
    r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_ISO = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})")
_SITE_SEPARATOR = re.compile(r"\s*(?:[_|｜]|\s[-—–]\s)\s*")
_TEXT_LIMIT = 200_000
"""How much of the page's text is searched for a dated metadata line (bounded time)."""


def _date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:  # no such day (2月30日) or year 0
        return None


def _meta_content(root: _Element, names: tuple[str, ...]) -> str | None:
    found: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("name") or element.get("property") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key in names and content and key not in found:
            found[key] = content
    return next((found[name] for name in names if name in found), None)


def _title_element(root: _Element) -> str | None:
    for element in root.iter("title"):
        text = " ".join("".join(t for t in element.itertext() if isinstance(t, str)).split())
        # the site's name follows a separator: keep the part that names a report
        pieces = [piece for piece in _SITE_SEPARATOR.split(text) if "报告" in piece]
        return pieces[0] if pieces else None
    return None


def _page_text(root: _Element) -> str:
    pieces: list[str] = []
    size = 0
    for text in root.itertext():
        if isinstance(text, str):
            pieces.append(text)
            size += len(text)
            if size > _TEXT_LIMIT:
                break
    return unicodedata.normalize("NFKC", "".join(pieces))


def page_properties(root: _Element) -> tuple[tuple[str, str], ...]:
    """Return the page's own ``title`` and ``published`` date (ISO), those it states.

    The title is the ``ArticleTitle`` (or Open Graph) meta tag, else the part of the
    ``<title>`` element that names a report; the date the ``PubDate`` meta tag, else the
    first ``发布日期``/``发布时间``/``发文日期``/``成文日期`` on the page.
    """
    properties: list[tuple[str, str]] = []
    title = _meta_content(root, _TITLE_META[:3]) or _title_element(root)
    if title and "报告" in title:
        properties.append(("title", " ".join(title.split())))
    date = page_published(root)
    if date:
        properties.append(("published", date.isoformat()))
    return tuple(properties)


def page_published(root: _Element) -> dt.date | None:
    """Return the date the page says it was published, if it says one.

    The ``PubDate`` meta tag (or ``publishdate``, ``article:published_time`` ...), else the
    first ``发布日期``/``发布时间``/``发文日期``/``成文日期`` printed on the page; never a day
    that does not exist.
    """
    return _date(_ISO.search(_meta_content(root, _DATE_META) or "")) or _date(
        _DATE_LABEL.search(_page_text(root))
    )
