"""The HTTP client against a local server on 127.0.0.1: retries, limits, cache, offline."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import gikaireport
import report_factory
from gikaireport.errors import ReadError
from gikaireport.sources.fetch import Fetcher
from gikaireport.testing import render_text
from http_server import LocalServer, serving

TEXT = render_text(report_factory.make_report(1)).encode("utf-8")
EXPECTED = report_factory.make_report(1).values()


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as local:
        yield local


class Waits:
    """An injected sleep and clock: records the waits, advances the clock by them."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def fetcher(tmp_path: Path, waits: Waits | None = None, **options: object) -> Fetcher:
    waits = waits or Waits()
    options.setdefault("min_interval", 0.0)
    return Fetcher(tmp_path / "cache", sleep=waits.sleep, clock=waits.clock, **options)  # type: ignore[arg-type]


def test_read_a_url_records_the_url_and_the_time(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/r/2023.txt", TEXT, headers={"Content-Type": "text/plain; charset=utf-8"})
    before = dt.datetime.now(dt.timezone.utc)
    report = gikaireport.read(url, fetcher=fetcher(tmp_path))
    assert report.values() == EXPECTED
    assert report.path == url
    assert report.origin is not None and report.origin.read == "url"
    assert report.origin.url == url
    assert report.origin.fetched_at is not None and report.origin.fetched_at >= before
    agent = server.requests[0][1]["User-Agent"]
    assert agent.startswith("gikaireport/")


def test_404_is_a_read_error_without_retries(server: LocalServer, tmp_path: Path) -> None:
    waits = Waits()
    with pytest.raises(ReadError, match="HTTP 404") as caught:
        gikaireport.read(server.url("/missing.pdf"), fetcher=fetcher(tmp_path, waits))
    assert caught.value.source == server.url("/missing.pdf")
    assert server.hits["/missing.pdf"] == 1
    assert waits.waits == []


def test_500_then_success_retries_with_backoff(server: LocalServer, tmp_path: Path) -> None:
    server.add("/flaky.txt", b"busy", status=500)
    server.add("/flaky.txt", b"busy", status=503, headers={"Retry-After": "7"})
    url = server.add("/flaky.txt", TEXT)
    waits = Waits()
    report = gikaireport.read(url, fetcher=fetcher(tmp_path, waits, backoff=0.5))
    assert report.values() == EXPECTED
    assert server.hits["/flaky.txt"] == 3
    # 0.5 s, then the server's Retry-After of 7 s (more than the 1 s backoff)
    assert waits.waits == [0.5, 7.0]


def test_persistent_500_gives_up_after_the_retries(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/down.txt", b"", status=502)
    waits = Waits()
    with pytest.raises(ReadError, match=r"HTTP 502 \(after 3 attempts\)"):
        gikaireport.read(url, fetcher=fetcher(tmp_path, waits, retries=2, backoff=1.0))
    assert waits.waits == [1.0, 2.0]


def test_slow_response_times_out(server: LocalServer, tmp_path: Path) -> None:
    url = server.block("/slow.txt")
    with pytest.raises(ReadError, match="no response"):
        gikaireport.read(url, fetcher=fetcher(tmp_path, timeout=0.2, retries=0))


def test_redirects_are_followed_and_the_final_url_recorded(
    server: LocalServer, tmp_path: Path
) -> None:
    final = server.add("/new/2023.txt", TEXT)
    url = server.add("/old", b"", status=301, headers={"Location": "/new/2023.txt"})
    report = gikaireport.read(url, fetcher=fetcher(tmp_path))
    assert report.values() == EXPECTED
    assert report.path == url
    assert report.origin is not None and report.origin.url == final


def test_redirect_to_a_file_url_is_refused(server: LocalServer, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_bytes(TEXT)
    url = server.add("/evil", b"", status=302, headers={"Location": secret.as_uri()})
    with pytest.raises(ReadError, match="cannot follow"):
        gikaireport.read(url, fetcher=fetcher(tmp_path))


def test_a_response_over_the_size_limit_is_refused(server: LocalServer, tmp_path: Path) -> None:
    page = b"<html><body>" + b"<p>" * 2000 + b"</body></html>"
    declared = server.add("/big.html", page, headers={"Content-Type": "text/html"})
    with pytest.raises(ReadError, match="declares 6026 bytes; the limit is 1000"):
        gikaireport.read(declared, fetcher=fetcher(tmp_path, max_bytes=1000))
    assert not list((tmp_path / "cache").glob("*"))  # nothing cached

    def undeclared(handler: object) -> None:  # no Content-Length: the limit holds while reading
        from http.server import BaseHTTPRequestHandler

        assert isinstance(handler, BaseHTTPRequestHandler)
        handler.send_response(200)
        handler.send_header("Connection", "close")
        handler.end_headers()
        handler.wfile.write(b"x" * 5000)

    url = server.add_handler("/stream.txt", undeclared)
    with pytest.raises(ReadError, match="over the limit of 1000"):
        gikaireport.read(url, fetcher=fetcher(tmp_path, max_bytes=1000))


def test_offline_rerun_reads_the_cache_exactly(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/r.txt", TEXT)
    first = gikaireport.read(url, fetcher=fetcher(tmp_path))
    server.routes.clear()  # the site is gone
    offline = Fetcher(tmp_path / "cache", offline=True)
    again = gikaireport.read(url, fetcher=offline)
    assert again.values() == first.values()
    assert again.origin == first.origin  # the same URL and fetch time
    assert server.hits["/r.txt"] == 1
    with pytest.raises(ReadError, match="not in the cache"):
        gikaireport.read(server.url("/other.txt"), fetcher=offline)


def test_etag_revalidation_reads_the_cached_body(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/e.txt", TEXT, headers={"ETag": '"v1"'})
    server.add("/e.txt", b"", status=304, headers={"ETag": '"v1"'})
    client = fetcher(tmp_path)
    first = client.fetch(url)
    second = client.fetch(url)
    assert second.content == first.content == TEXT
    assert second.from_cache and second.fetched_at == first.fetched_at
    assert server.requests[1][1].get("If-None-Match") == '"v1"'


def test_rate_limit_per_host(server: LocalServer, tmp_path: Path) -> None:
    server.add("/a.txt", TEXT)
    server.add("/b.txt", TEXT)
    waits = Waits()
    client = fetcher(tmp_path, waits, min_interval=2.0)
    client.fetch(server.url("/a.txt"))
    waits.now += 0.5  # half a second passes
    client.fetch(server.url("/b.txt"))
    assert waits.waits == [pytest.approx(1.5)]
    waits.now += 10
    client.fetch(server.url("/a.txt"))
    assert len(waits.waits) == 1


def test_cache_files_stay_inside_the_cache(server: LocalServer, tmp_path: Path) -> None:
    server.add("/escape.txt", TEXT)
    gikaireport.read(server.url("/../../escape.txt"), fetcher=fetcher(tmp_path))
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(p.parent == tmp_path / "cache" for p in written)


def test_bytes_and_file_objects_with_a_name_hint() -> None:
    assert gikaireport.read(TEXT).values() == EXPECTED
    report = gikaireport.read(io.BytesIO(TEXT), name="county.txt")
    assert report.values() == EXPECTED and report.path == "county.txt"
    with pytest.raises(ReadError, match="the file is empty") as caught:
        gikaireport.read(io.BytesIO(b""), name="empty.pdf")
    assert caught.value.source == "empty.pdf"


def test_text_file_object_is_refused_clearly() -> None:
    with pytest.raises(ReadError, match="not binary"):
        gikaireport.read(io.StringIO("text"))  # type: ignore[arg-type]


def test_origin_goes_to_json_and_back(server: LocalServer, tmp_path: Path) -> None:
    import json

    import jsonschema

    url = server.add("/j.txt", TEXT)
    report = gikaireport.read(url, fetcher=fetcher(tmp_path))
    data = json.loads(gikaireport.to_json(report))
    jsonschema.validate(data, gikaireport.json_schema())
    assert data["origin"]["url"] == url and data["origin"]["read"] == "url"
    assert gikaireport.from_json(gikaireport.to_json(report)) == report
    local = gikaireport.read(TEXT)
    assert "origin" not in json.loads(gikaireport.to_json(local))


def test_redirect_loop_is_a_read_error(server: LocalServer, tmp_path: Path) -> None:
    url = server.add("/loop", b"", status=302, headers={"Location": "/loop"})
    with pytest.raises(ReadError, match="too many redirects"):
        gikaireport.read(url, fetcher=fetcher(tmp_path))
    assert server.hits["/loop"] == 11


def test_a_wrong_argument_type_is_a_type_error() -> None:
    with pytest.raises(TypeError, match="not int"):
        gikaireport.read(42)  # type: ignore[arg-type]


def test_a_downloaded_archive_of_one_report(server: LocalServer, tmp_path: Path) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("年报/2023.txt", TEXT)
    url = server.add("/all.zip", buffer.getvalue())
    report = gikaireport.read(url, fetcher=fetcher(tmp_path))
    assert report.values() == EXPECTED
    assert report.path == f"{url}!/年报/2023.txt"
    origin = report.origin
    assert origin is not None and origin.read == "member"
    assert (origin.url, origin.archive, origin.member) == (url, url, "年报/2023.txt")
    assert origin.fetched_at is not None
