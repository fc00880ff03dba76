"""Where a report came from when it was not a local file: a URL, a portal page, an archive."""

from __future__ import annotations

import datetime as dt

from attrs import frozen

__all__ = ["Origin"]


@frozen
class Origin:
    """Where a report was read from, beyond its path.

    Attributes:
        read: what was read: ``"url"`` (a document downloaded from ``url``), ``"page"`` (a portal
            page whose own tables are the report), ``"attachment"`` (a file attached to the
            portal page ``page_url``), ``"member"`` (a file inside the archive ``archive``,
            local or downloaded from ``url``). An archive attached to a portal page stays
            ``"attachment"``, with ``archive`` and ``member`` set. Bytes, file objects and
            local files have no origin.
        url: the URL the report's file was downloaded from (the attachment's, for
            ``"attachment"``), or ``None``.
        fetched_at: when that file was downloaded (UTC); a re-run from the cache keeps the
            time of the original download.
        page_url: the portal page the report was found on, or ``None``.
        page_title: the page's title (its ``ArticleTitle`` or ``<title>``).
        page_published: the page's 发布日期, if it prints or declares one.
        site_name: the site's name (its ``SiteName`` or ``og:site_name``).
        attachments: the attachment URLs the page links to (noted when the page was read).
        archive: the archive the report is a member of, or ``None``.
        member: the member's path inside that archive.

    """

    read: str
    url: str | None = None
    fetched_at: dt.datetime | None = None
    page_url: str | None = None
    page_title: str | None = None
    page_published: dt.date | None = None
    site_name: str | None = None
    attachments: tuple[str, ...] = ()
    archive: str | None = None
    member: str | None = None
