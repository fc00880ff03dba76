"""Fetching URLs: an HTTP client with timeouts, retries, a size limit, a per-host rate limit
and an on-disk cache that an offline run reads alone.

The client is `requests <https://requests.readthedocs.io>`_: it follows redirects only between
``http`` and ``https`` URLs (it has no ``file://`` adapter), streams a response so that the
size limit holds while reading, and parses ``Content-Type`` parameters. Retries and the rate
limit are written here rather than taken from urllib3's ``Retry`` so that their waiting goes
through an injectable ``sleep`` and ``clock`` (tests never wait for real time).

The cache keeps one entry per URL, named by the SHA-256 of the URL, so no URL and no server
can make the library write outside the cache directory. An entry with an ``ETag`` or a
``Last-Modified`` is revalidated (``If-None-Match`` / ``If-Modified-Since``); a ``304`` reads
the cached body. With ``offline=True`` the network is never used: a URL not in the cache is a
:class:`~gikaireport.errors.ReadError`, so a study can be re-run exactly from its cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from attrs import field, frozen

from gikaireport.errors import ReadError

__all__ = ["Fetched", "Fetcher"]

MAX_DOWNLOAD = 100 * 1024 * 1024
"""The most one download may hold (100 MiB); a larger response is refused."""

DEFAULT_CACHE = "gikaireport"
"""The cache folder's name under ``$XDG_CACHE_HOME`` (``~/.cache``)."""

_RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
_CHUNK = 64 * 1024


def is_url(text: str) -> bool:
    """Whether ``text`` is an ``http://`` or ``https://`` URL."""
    return text[:8].lower().startswith(("http://", "https://"))


def default_cache_dir() -> Path:
    """The cache directory: ``$GIKAIREPORT_CACHE``, else ``$XDG_CACHE_HOME/gikaireport``."""
    explicit = os.environ.get("GIKAIREPORT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / DEFAULT_CACHE


def _user_agent() -> str:
    from gikaireport import __version__

    return f"gikaireport/{__version__} (+https://github.com/gikaireport/gikaireport)"


@frozen
class Fetched:
    """A downloaded resource.

    Attributes:
        url: the URL asked for.
        final_url: the URL the content came from, after redirects.
        content: the body.
        content_type: the media type (``text/html``), lower case, or ``None``.
        charset: the ``charset`` parameter of ``Content-Type``, or ``None``.
        fetched_at: when the body was downloaded (UTC); an entry read from the cache keeps the
            time of its download.
        from_cache: whether the body came from the cache (offline, or revalidated by a 304).

    """

    url: str
    final_url: str
    content: bytes = field(repr=lambda data: f"<{len(data)} bytes>")
    content_type: str | None
    charset: str | None
    fetched_at: dt.datetime
    from_cache: bool = False


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    from email.message import Message

    message = Message()
    message["content-type"] = header
    charset = message.get_param("charset")
    return message.get_content_type(), charset if isinstance(charset, str) else None


class _Cache:
    """Cache entries in one directory: ``<sha256 of URL>.body`` and ``.json``."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.directory / f"{key}.body", self.directory / f"{key}.json"

    def load(self, url: str) -> tuple[dict[str, Any], bytes] | None:
        body, meta = self._paths(url)
        try:
            info = json.loads(meta.read_text(encoding="utf-8"))
            data = body.read_bytes()
        except (OSError, ValueError):
            return None
        if not isinstance(info, dict) or info.get("url") != url:
            return None
        return info, data

    def store(self, url: str, info: dict[str, Any], data: bytes) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        body, meta = self._paths(url)
        _atomic_write(body, data)
        _atomic_write(meta, json.dumps(info, ensure_ascii=False).encode("utf-8"))


def _atomic_write(path: Path, data: bytes) -> None:
    import tempfile

    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _from_entry(url: str, info: dict[str, Any], data: bytes) -> Fetched:
    return Fetched(
        url=url,
        final_url=str(info.get("final_url") or url),
        content=data,
        content_type=info.get("content_type"),
        charset=info.get("charset"),
        fetched_at=dt.datetime.fromisoformat(str(info["fetched_at"])),
        from_cache=True,
    )


class _Retry(Exception):
    """A failed attempt that may succeed later; ``wait`` is the server's Retry-After."""

    def __init__(self, reason: str, wait: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.wait = wait


class Fetcher:
    """Downloads URLs with retries, a size limit, a per-host rate limit and a cache.

    Args:
        cache_dir: the cache directory (:func:`default_cache_dir` when ``None``); ``False``
            for no cache.
        offline: read the cache only; never use the network.
        timeout: seconds to wait to connect and between bytes of the response.
        retries: further attempts after a connection error, a timeout, or a status 408, 425,
            429, 500, 502, 503 or 504.
        backoff: the first wait between attempts in seconds; it doubles each time (a
            ``Retry-After`` of the server is honoured up to ``max_wait``).
        max_wait: the longest single wait.
        max_bytes: the most one response may hold.
        min_interval: the least time between two requests to one host (the rate limit).
        sleep: the function that waits (``time.sleep``); tests pass a recorder.
        clock: the monotonic clock (``time.monotonic``).

    """

    def __init__(
        self,
        cache_dir: str | os.PathLike[str] | bool | None = None,
        *,
        offline: bool = False,
        timeout: float = 30.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 60.0,
        max_bytes: int = MAX_DOWNLOAD,
        min_interval: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._cache: _Cache | None = None
        if cache_dir is None or cache_dir is True:
            self._cache = _Cache(default_cache_dir())
        elif not isinstance(cache_dir, bool):
            self._cache = _Cache(Path(os.fspath(cache_dir)))
        if offline and self._cache is None:
            raise ValueError("offline mode needs a cache")
        self.offline = offline
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.max_bytes = max_bytes
        self.min_interval = min_interval
        self._sleep = sleep
        self._clock = clock
        self._last: dict[str, float] = {}
        self._session: Any = None

    def fetch(self, url: str) -> Fetched:
        """Download ``url`` (or read it from the cache); ``ReadError`` when it cannot be had."""
        if not is_url(url):
            raise ReadError(url, "only http:// and https:// URLs are fetched")
        cached = self._cache.load(url) if self._cache is not None else None
        if self.offline:
            if cached is None:
                raise ReadError(url, "offline, and the URL is not in the cache")
            return _from_entry(url, *cached)
        fetched = self._with_retries(url, cached)
        return fetched

    def _with_retries(self, url: str, cached: tuple[dict[str, Any], bytes] | None) -> Fetched:
        attempt = 0
        while True:
            try:
                return self._attempt(url, cached)
            except _Retry as failure:
                if attempt >= self.retries:
                    raise ReadError(
                        url, f"{failure.reason} (after {attempt + 1} attempts)"
                    ) from None
                wait = self.backoff * 2**attempt
                if failure.wait is not None:
                    wait = max(wait, failure.wait)
                self._sleep(min(wait, self.max_wait))
                attempt += 1

    def _wait_turn(self, url: str) -> None:
        host = urlsplit(url).netloc.lower()
        last = self._last.get(host)
        if last is not None:
            remaining = self.min_interval - (self._clock() - last)
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()

    def _get(self, url: str, headers: dict[str, str]) -> Any:
        import requests

        if self._session is None:
            self._session = requests.Session()
            self._session.headers["User-Agent"] = _user_agent()
            self._session.max_redirects = 10
        self._wait_turn(url)
        try:
            return self._session.get(url, headers=headers, timeout=self.timeout, stream=True)
        except requests.exceptions.TooManyRedirects as exc:
            raise ReadError(url, f"too many redirects ({exc})") from None
        except (requests.exceptions.InvalidSchema, requests.exceptions.InvalidURL) as exc:
            raise ReadError(url, f"cannot follow the URL ({exc})") from None
        except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
            raise _Retry(f"no response ({type(exc).__name__})") from None
        except requests.exceptions.RequestException as exc:
            raise ReadError(url, f"the request failed ({exc})") from None

    def _attempt(self, url: str, cached: tuple[dict[str, Any], bytes] | None) -> Fetched:
        headers: dict[str, str] = {}
        if cached is not None:
            info = cached[0]
            if info.get("etag"):
                headers["If-None-Match"] = str(info["etag"])
            if info.get("last_modified"):
                headers["If-Modified-Since"] = str(info["last_modified"])
        response = self._get(url, headers)
        with response:
            if response.status_code == 304 and cached is not None:
                return _from_entry(url, *cached)
            if response.status_code in _RETRY_STATUSES:
                raise _Retry(f"HTTP {response.status_code}", _retry_after(response))
            if response.status_code >= 400:
                raise ReadError(url, f"HTTP {response.status_code} {response.reason or ''}".strip())
            data = self._body(url, response)
        media, charset = _content_type(response.headers.get("Content-Type"))
        fetched = Fetched(url, response.url, data, media, charset, dt.datetime.now(dt.timezone.utc))
        if self._cache is not None:
            entry = {
                "url": url,
                "final_url": response.url,
                "content_type": media,
                "charset": charset,
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
                "fetched_at": fetched.fetched_at.isoformat(),
            }
            self._cache.store(url, entry, data)
        return fetched

    def _body(self, url: str, response: Any) -> bytes:
        import requests

        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise ReadError(
                url, f"the response declares {declared} bytes; the limit is {self.max_bytes}"
            )
        chunks: list[bytes] = []
        total = 0
        try:
            for chunk in response.iter_content(_CHUNK):
                total += len(chunk)
                if total > self.max_bytes:
                    raise ReadError(
                        url, f"the response is over the limit of {self.max_bytes} bytes"
                    )
                chunks.append(chunk)
        except (requests.exceptions.Timeout, requests.exceptions.ConnectionError) as exc:
            raise _Retry(f"the response broke off ({type(exc).__name__})") from None
        except requests.exceptions.RequestException as exc:
            raise _Retry(f"the response broke off ({exc})") from None
        return b"".join(chunks)

    def close(self) -> None:
        """Close the HTTP connections."""
        if self._session is not None:
            self._session.close()
            self._session = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _retry_after(response: Any) -> float | None:
    value = str(response.headers.get("Retry-After", "")).strip()
    return float(value) if value.isdigit() else None
