"""Sources beyond a local file: URLs, portal pages with attachments, bytes, archives.

:func:`gikaireport.read` loads its source with :func:`~gikaireport.sources.load.load`, then
hands archives and downloaded portal pages to :func:`dispatch`, which reads the archive's one
member, or the page's own tables or its attachment, and records where the report came from on
:attr:`gikaireport.Report.origin`.

- :mod:`~gikaireport.sources.fetch`: the HTTP client, its cache and offline mode;
- :mod:`~gikaireport.sources.portal`: a portal page's metadata and attachments;
- :mod:`~gikaireport.sources.archives`: ZIP, 7z and RAR members;
- :mod:`~gikaireport.sources.load`: paths, URLs, bytes and file objects into bytes.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import PurePosixPath

from attrs import evolve

from gikaireport.errors import ReadError
from gikaireport.model import CellStatus, Origin, Report
from gikaireport.readers.html_encoding import declared_encoding, looks_like_html
from gikaireport.sources.archives import (
    MEMBER_SEPARATOR,
    archive_kind,
    find_member,
    member_names,
)
from gikaireport.sources.fetch import Fetcher
from gikaireport.sources.load import Loaded, load
from gikaireport.sources.portal import page_info

__all__: list[str] = []

MAX_ATTACHMENTS = 5
"""The most attachments of one portal page that are fetched in search of the report."""

ReadFunction = Callable[..., Report]
""":func:`gikaireport.read`, passed in so that this package does not import the API."""


def dispatch(
    loaded: Loaded, read: ReadFunction, format: str | None, fetcher: Fetcher | None
) -> Report | None:
    """Read an archive or a downloaded portal page; ``None`` for any other document."""
    if format is None and archive_kind(loaded.data) is not None and not _document_name(loaded):
        return _read_archive(loaded, read)
    origin = loaded.origin
    if (
        origin is not None
        and origin.read == "url"
        and format in (None, "html")
        and looks_like_html(loaded.data)
    ):
        return _read_portal(loaded, read, fetcher)
    return None


def _document_name(loaded: Loaded) -> bool:
    """Whether the name says the file is a document (``a.docx``): a damaged one, not an archive."""
    from gikaireport.readers import READERS

    suffix = PurePosixPath(loaded.name.lower()).suffix
    return bool(suffix) and any(suffix in reader.extensions for reader in READERS.values())


def _read_archive(loaded: Loaded, read: ReadFunction) -> Report:
    """The report of an archive that holds one file (listed first, then inflated alone)."""
    names = list(member_names(loaded.data, loaded.name))
    if len(names) != 1:
        shown = ", ".join(names[:3]) + (" ..." if len(names) > 3 else "")
        raise ReadError(
            loaded.name,
            f"an archive of {len(names)} files ({shown}): read them all with read_many or "
            f"batch, or one as {loaded.name}{MEMBER_SEPARATOR}<member>",
        )
    path = names[0][len(loaded.name) + len(MEMBER_SEPARATOR) :]
    member = find_member(loaded.data, loaded.name, path)
    base = loaded.origin or Origin("member")
    kind = "attachment" if base.read == "attachment" else "member"
    origin = evolve(base, read=kind, archive=loaded.name, member=path)
    return read(Loaded(member.data, member.name, origin))


def _has_tables(report: Report) -> bool:
    return report.status_counts()[CellStatus.ABSENT] < len(report.cells())


_DEFAULT_CHARSETS = frozenset(
    {"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"}
)
"""Charsets servers send by default whatever the page holds: detection is trusted instead."""


def _utf8_page(loaded: Loaded) -> bytes:
    """The page in UTF-8 with a BOM when the HTTP header names a charset the page does not.

    A Latin charset in the header is a server default, not a statement about a Chinese page
    (decoding GBK as Latin-1 never fails and gives mojibake), so it is not followed; nor is a
    header contradicted by bytes that are valid UTF-8 (GB text practically never is).
    """
    data = loaded.data
    charset = (loaded.charset or "").lower()
    if not charset or charset in _DEFAULT_CHARSETS or declared_encoding(data) is not None:
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return codecs.BOM_UTF8 + data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def _read_portal(loaded: Loaded, read: ReadFunction, fetcher: Fetcher | None) -> Report:
    from gikaireport.readers.html_encoding import decode_html

    assert loaded.origin is not None
    data = _utf8_page(loaded)
    page_url = loaded.origin.url or loaded.name
    info = page_info(decode_html(data, loaded.name)[0], page_url)
    page = evolve(
        loaded.origin,
        read="page",
        page_url=page_url,
        page_title=info.title,
        page_published=info.published,
        site_name=info.site_name,
        attachments=info.attachments,
    )
    report: Report | None = None
    try:
        report = read(Loaded(data, loaded.name, page), format="html")
    except ReadError:
        report = None
    if report is not None and _has_tables(report):
        return report
    failures = []
    for url in info.attachments[:MAX_ATTACHMENTS]:
        try:
            attachment = load(url, fetcher=fetcher)
            assert attachment.origin is not None
            origin = evolve(
                page,
                read="attachment",
                url=attachment.origin.url,
                fetched_at=attachment.origin.fetched_at,
            )
            return read(Loaded(attachment.data, url, origin, attachment.charset))
        except ReadError as exc:
            failures.append(f"{url}: {exc.reason}")
    if report is not None:
        return report
    tried = "; ".join(failures) if failures else "it links to no attachment"
    raise ReadError(loaded.name, f"the page holds no report, and no attachment is one ({tried})")
