"""Government portal pages: the page's metadata and the attachments it links to.

Many portals publish an annual report as a page with a title, a date and 附件: a link to a
``.pdf``, ``.docx``, ``.doc``, ``.wps``, ``.ofd`` or archive, a download link whose text is
such a file name (``download.jsp?id=7`` showing ``2023年报.pdf``), or an embedded viewer
whose ``file=`` parameter names the document. :func:`page_info` finds the page's title
(``<meta name="ArticleTitle">``, else ``<title>``), its 发布日期 (``<meta name="PubDate">``, else
a printed 发布日期/发布时间), the site's name (``<meta name="SiteName">`` or
``og:site_name``) and the attachment URLs, resolved against the page's URL.

Only ``http`` and ``https`` attachments are kept: a page can never make the library open a
``file://`` URL or a local path.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qsl, urljoin, urlsplit

from attrs import frozen

from gikaireport.readers.html_meta import page_published

__all__: list[str] = []

ATTACHMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".wps", ".ofd", ".zip", ".7z", ".rar")
"""The extensions of links taken for attachments."""

_VIEWER_PARAMS = ("file", "url", "src", "path", "filepath")


@frozen
class PageInfo:
    """What a portal page says about itself and what it links to.

    Attributes:
        title: the article's title.
        published: the 发布日期.
        site_name: the site's name.
        attachments: attachment URLs in page order, the ones whose link mentions 报告 first.

    """

    title: str | None
    published: dt.date | None
    site_name: str | None
    attachments: tuple[str, ...]


def _meta(tree: object, *names: str) -> str | None:
    for name in names:
        for element in tree.xpath(  # type: ignore[attr-defined]
            "//meta[translate(@name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
            "=$n or @property=$n]",
            n=name.lower(),
        ):
            content = (element.get("content") or "").strip()
            if content:
                return str(content)
    return None


def _web_url(base: str, link: str) -> str | None:
    url = urljoin(base, link.strip())
    return url if urlsplit(url).scheme in ("http", "https") else None


def _attachment(base: str, link: str) -> str | None:
    """The attachment a link or a viewer's ``src`` names, or ``None``."""
    url = _web_url(base, link)
    if url is None:
        return None
    parts = urlsplit(url)
    if parts.path.lower().endswith(ATTACHMENT_EXTENSIONS):
        return url
    for key, value in parse_qsl(parts.query):
        if key.lower() in _VIEWER_PARAMS and urlsplit(value).path.lower().endswith(
            ATTACHMENT_EXTENSIONS
        ):
            return _web_url(url, value)
    return None


def _names_a_file(label: str) -> bool:
    """Whether a link's text (or title) is a file name with an attachment extension."""
    return any(part.lower().endswith(ATTACHMENT_EXTENSIONS) for part in label.split())


def _attachments(tree: object, base: str) -> tuple[str, ...]:
    found: list[tuple[bool, str]] = []
    for element in tree.iter("a", "iframe", "embed", "object"):  # type: ignore[attr-defined]
        link = element.get("href") or element.get("src") or element.get("data")
        if not link:
            continue
        label = " ".join(element.itertext()) + " " + (element.get("title") or "")
        url = _attachment(base, link)
        if url is None and _names_a_file(label):
            url = _web_url(base, link)  # download.jsp?id=7 showing 2023年报.pdf
        if url is not None and url not in (seen for _, seen in found):
            found.append(("报告" not in label and "报告" not in url, url))
    return tuple(url for _, url in sorted(found, key=lambda pair: pair[0]))


def page_info(html: str, url: str) -> PageInfo:
    """Read a portal page's title, 发布日期, site name and attachments."""
    import lxml.html

    try:
        tree = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return PageInfo(None, None, None, ())
    title = _meta(tree, "ArticleTitle", "og:title")
    if title is None:
        found = tree.findtext(".//title")
        title = found.strip() if found and found.strip() else None
    published = page_published(tree)
    site = _meta(tree, "SiteName", "og:site_name")
    return PageInfo(title, published, site, _attachments(tree, url))
