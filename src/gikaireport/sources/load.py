"""Turning what :func:`gikaireport.read` is given into bytes: a path, a URL, bytes, a file object.

:func:`load` accepts

- a local path (``str`` or ``os.PathLike``);
- an ``http://`` or ``https://`` URL, fetched by a :class:`~gikaireport.sources.fetch.Fetcher`
  (the shared one of :func:`default_fetcher` unless one is given);
- a member of an archive, ``reports.zip!/folder/a.pdf`` (the archive a path or a URL);
- ``bytes`` (``bytearray``, ``memoryview``) or a binary file object, with an optional
  ``name`` that serves as the display name and the format hint (its extension).

A :class:`Loaded` keeps the bytes, the display name and the :class:`~gikaireport.model.Origin`
(the URL and the time it was fetched). It can be passed to ``read`` again as a source.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Union

from attrs import field, frozen

from gikaireport.errors import ReadError
from gikaireport.model import Origin
from gikaireport.sources.archives import archive_kind, find_member, split_member_path
from gikaireport.sources.fetch import Fetcher, default_cache_dir, is_url

__all__ = ["MAX_FILE_SIZE", "Loaded"]

MAX_FILE_SIZE = 200 * 1024 * 1024
"""Files larger than this (200 MiB) are refused rather than read into memory."""

_FETCHERS: dict[tuple[Path, bool], Fetcher] = {}


def is_url_or_member(name: str) -> bool:
    """Whether ``name`` is a URL or an archive member (``a.zip!/b.pdf``), not a plain path."""
    return is_url(name) or split_member_path(name) is not None


@contextmanager
def fetch_settings(settings: dict[str, str | None]) -> Iterator[None]:
    """Set environment variables such as ``GIKAIREPORT_OFFLINE`` for a run, then restore them.

    The environment, not an argument, carries them so that the processes of a batch run
    (which inherit it) use the same cache and mode. ``None`` leaves a variable as it is.
    """
    saved = {key: os.environ.get(key) for key in settings}
    try:
        for key, value in settings.items():
            if value is not None:
                os.environ[key] = value
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def default_fetcher() -> Fetcher:
    """The process's shared fetcher (so that the per-host rate limit holds across calls).

    It caches in :func:`~gikaireport.sources.fetch.default_cache_dir` (``$GIKAIREPORT_CACHE``
    when set); the environment variable ``GIKAIREPORT_OFFLINE=1`` makes it read the cache
    only.
    """
    key = (default_cache_dir(), os.environ.get("GIKAIREPORT_OFFLINE", "") not in ("", "0"))
    if key not in _FETCHERS:
        _FETCHERS[key] = Fetcher(key[0], offline=key[1])
    return _FETCHERS[key]


@frozen
class Loaded:
    """A source read into memory.

    Attributes:
        data: the bytes.
        name: the display name: the path, the URL, ``archive.zip!/member`` or the ``name``
            given with bytes (``"<bytes>"`` without one).
        origin: where the bytes came from when not from a local file, or ``None``.
        charset: the ``charset`` of the HTTP ``Content-Type``, for a download.

    """

    data: bytes = field(repr=lambda data: f"<{len(data)} bytes>")
    name: str
    origin: Origin | None = None
    charset: str | None = None

    @property
    def url(self) -> str | None:
        """The URL the bytes were downloaded from, if they were."""
        return self.origin.url if self.origin is not None else None


SourceLike = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes], Loaded]
"""What :func:`gikaireport.read` accepts as its source."""


def _read_path(name: str) -> bytes:
    try:
        size = Path(name).stat().st_size
        if size > MAX_FILE_SIZE:
            raise ReadError(name, f"file too large ({size} bytes; the limit is {MAX_FILE_SIZE})")
        return Path(name).read_bytes()
    except OSError as exc:
        raise ReadError(name, f"cannot open the file: {exc.strerror or exc}") from exc


def _read_stream(stream: IO[bytes], name: str) -> bytes:
    try:
        data = stream.read(MAX_FILE_SIZE + 1)
    except (OSError, ValueError) as exc:
        raise ReadError(name, f"cannot read the file object: {exc}") from exc
    if not isinstance(data, (bytes, bytearray)):
        raise ReadError(name, "the file object is not binary (open it with 'rb')")
    if len(data) > MAX_FILE_SIZE:
        raise ReadError(name, f"the file object holds more than {MAX_FILE_SIZE} bytes")
    return bytes(data)


def _download(url: str, fetcher: Fetcher | None) -> Loaded:
    fetched = (fetcher or default_fetcher()).fetch(url)
    origin = Origin("url", url=fetched.final_url, fetched_at=fetched.fetched_at)
    return Loaded(fetched.content, url, origin, fetched.charset)


def _member(name: str, fetcher: Fetcher | None) -> Loaded | None:
    split = split_member_path(name)
    if split is None:
        return None
    archive, path = split
    if not is_url(archive) and not Path(archive).is_file():
        return None
    outer = _download(archive, fetcher) if is_url(archive) else Loaded(_read_path(archive), archive)
    if archive_kind(outer.data) is None:
        return None  # "!/" is part of the name, not a member path
    member = find_member(outer.data, archive, path)
    origin = Origin(
        "member",
        url=outer.url,
        fetched_at=outer.origin.fetched_at if outer.origin else None,
        archive=archive,
        member=member.name.split("!/", 1)[1],
    )
    return Loaded(member.data, member.name, origin)


def load(source: SourceLike, *, name: str | None = None, fetcher: Fetcher | None = None) -> Loaded:
    """Read a source into memory; ``ReadError`` when it cannot be had.

    Args:
        source: a path, a URL, ``archive!/member``, bytes or a binary file object.
        name: the display name and format hint for bytes and file objects (a path's or URL's
            own name is used otherwise).
        fetcher: the fetcher for URLs (:func:`default_fetcher` when ``None``).

    """
    if isinstance(source, Loaded):
        return source
    if isinstance(source, (bytes, bytearray, memoryview)):
        label = name or "<bytes>"
        if len(source) > MAX_FILE_SIZE:
            raise ReadError(label, f"more than {MAX_FILE_SIZE} bytes; refused")
        return Loaded(bytes(source), label)
    if not isinstance(source, (str, os.PathLike)):
        if not hasattr(source, "read"):
            raise TypeError(
                "read() takes a path, a URL, bytes or a binary file object, "
                f"not {type(source).__name__}"
            )
        label = name or str(getattr(source, "name", "") or "<stream>")
        return Loaded(_read_stream(source, label), label)
    text = os.fspath(source)
    if is_url(text) and "!/" not in text:
        return _download(text, fetcher)
    member = _member(text, fetcher)
    if member is not None:
        return member
    if is_url(text):
        return _download(text, fetcher)
    return Loaded(_read_path(text), text)
