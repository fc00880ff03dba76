"""Archives: ZIP with GBK names as Windows tools write them, nested folders, 7z, bombs, batch."""

from __future__ import annotations

import functools
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
import report_factory
from gikaireport.batch import expand_paths, file_record
from gikaireport.batch.command import batch_main
from gikaireport.errors import ReadError
from gikaireport.sources.archives import archive_members, zip_member_name
from gikaireport.testing import render_text
from http_server import LocalServer, serving

REPORTS = {seed: report_factory.make_report(seed) for seed in (4, 5, 6)}


def text(seed: int) -> bytes:
    return render_text(REPORTS[seed]).encode("utf-8")


def windows_zip(members: dict[str, bytes]) -> bytes:
    """A ZIP whose member names are GBK bytes without the UTF-8 flag, as Windows writes them.

    zipfile writes non-ASCII names in UTF-8 with the flag; each name is written as an ASCII
    placeholder of the same byte length, then replaced by its GBK bytes in the local header
    and the central directory.
    """
    buffer = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members.items()):
            encoded = name.encode("gbk")
            placeholder = f"{index:04d}".encode().ljust(len(encoded), b"~")
            placeholders[placeholder] = encoded
            archive.writestr(placeholder.decode(), data)
    raw = buffer.getvalue()
    for placeholder, encoded in placeholders.items():
        assert raw.count(placeholder) == 2
        raw = raw.replace(placeholder, encoded)
    return raw


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as local:
        yield local


def test_gbk_names_are_decoded(tmp_path: Path) -> None:
    data = windows_zip({"财政局/2023年报告.txt": text(4), "教育局/年报 2023.txt": text(5)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        assert not any(info.flag_bits & 0x800 for info in infos)
        assert [zip_member_name(info) for info in infos] == [
            "财政局/2023年报告.txt",
            "教育局/年报 2023.txt",
        ]
    path = tmp_path / "各部门年报.zip"
    path.write_bytes(data)
    names = [member.name for member in archive_members(data, str(path))]
    assert names == [f"{path}!/财政局/2023年报告.txt", f"{path}!/教育局/年报 2023.txt"]
    report = gikaireport.read(f"{path}!/教育局/年报 2023.txt")
    assert report.values() == REPORTS[5].values()
    assert report.path == f"{path}!/教育局/年报 2023.txt"
    assert report.origin is not None and report.origin.read == "member"
    assert report.origin.archive == str(path) and report.origin.member == "教育局/年报 2023.txt"


def test_utf8_flagged_names_and_nested_archives(tmp_path: Path) -> None:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("县/乡镇/a.txt", text(6))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
        archive.writestr("__MACOSX/._inner.zip", b"junk")
        archive.writestr("dir/", b"")
    path = tmp_path / "outer.zip"
    path.write_bytes(outer.getvalue())
    names = [m.name for m in archive_members(outer.getvalue(), "outer.zip")]
    assert names == ["outer.zip!/inner.zip!/县/乡镇/a.txt"]
    report = gikaireport.read(f"{path}!/inner.zip!/县/乡镇/a.txt")
    assert report.values() == REPORTS[6].values()
    # an archive of one report reads as that report
    assert gikaireport.read(path).values() == REPORTS[6].values()


def test_archive_of_several_reports_says_how_to_read_them(tmp_path: Path) -> None:
    path = tmp_path / "all.zip"
    path.write_bytes(windows_zip({"a.txt": text(4), "b.txt": text(5)}))
    with pytest.raises(ReadError, match=r"an archive of 2 files .*read_many"):
        gikaireport.read(path)
    with pytest.raises(ReadError, match="no such member"):
        gikaireport.read(f"{path}!/c.txt")


def test_member_names_cannot_escape(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../../../tmp/evil.txt", text(4))
        archive.writestr("/etc/abs.txt", text(5))
    names = [m.name for m in archive_members(buffer.getvalue(), "x.zip")]
    assert names == ["x.zip!/tmp/evil.txt", "x.zip!/etc/abs.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_zip_bomb_is_refused_before_inflating() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("bomb.txt", b"\0" * (8 * 1024 * 1024))
    assert len(buffer.getvalue()) < 100_000
    with pytest.raises(ReadError, match="archive bomb"):
        gikaireport.read(buffer.getvalue(), name="bomb.zip")


def test_damaged_archives_raise_read_errors() -> None:
    data = windows_zip({"a.txt": text(4), "b.txt": text(5)})
    with pytest.raises(ReadError):
        list(archive_members(data[: len(data) // 2] + b"\0" * 100, "cut.zip"))
    with pytest.raises(ReadError, match=r"fake\.rar"):
        gikaireport.read(b"Rar!\x1a\x07\x01\x00" + b"\x00" * 200, name="fake.rar")
    with pytest.raises(ReadError, match=r"fake\.7z"):
        gikaireport.read(b"7z\xbc\xaf\x27\x1c" + b"\x00" * 200, name="fake.7z")


def test_seven_zip(tmp_path: Path) -> None:
    py7zr = pytest.importorskip("py7zr")
    path = tmp_path / "reports.7z"
    with py7zr.SevenZipFile(path, "w") as archive:
        archive.writestr(text(4), "一/财政局.txt")
        archive.writestr(text(5), "二/教育局.txt")
    report = gikaireport.read(f"{path}!/二/教育局.txt")
    assert report.values() == REPORTS[5].values()
    assert [p.name for p in tmp_path.iterdir()] == ["reports.7z"]  # nothing extracted to disk


def test_batch_records_each_member(tmp_path: Path) -> None:
    path = tmp_path / "in" / "各部门.zip"
    path.parent.mkdir()
    path.write_bytes(windows_zip({"财政局.txt": text(4), "坏.txt": b"\xff\xfe junk"}))
    listed = expand_paths([path.parent])
    assert listed == [f"{path}!/财政局.txt", f"{path}!/坏.txt"]
    out = tmp_path / "out.jsonl"
    assert batch_main([str(path.parent), "--out", str(out), "--no-progress"]) == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == listed
    assert records[0]["status"] == "ok" and records[1]["status"] == "unreadable"
    assert records[0]["values"]["applications.new_received.total"] == (
        REPORTS[4].values()["applications.new_received.total"]
    )


def test_batch_of_a_url_list_with_resume_and_offline(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIKAIREPORT_CACHE", str(tmp_path / "cache"))
    urls = [server.add(f"/r{seed}.txt", text(seed)) for seed in (4, 5)]
    listing = tmp_path / "urls.txt"
    listing.write_text("# reports\n" + "\n".join(urls) + "\n\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert batch_main([str(listing), "--out", str(out), "--no-progress"]) == 0
    assert server.hits["/r4.txt"] == server.hits["/r5.txt"] == 1
    first = out.read_text(encoding="utf-8")
    assert urls[0] in first and urls[1] in first
    server.routes.clear()  # the site is gone: an offline re-run reads the cache
    again = tmp_path / "again.csv"
    args = [str(listing), "--out", str(again), "--no-progress", "--offline"]
    assert batch_main(args) == 0
    assert again.read_text(encoding="utf-8") == first
    # resume offline: every URL's content is already recorded
    assert batch_main([*args, "--resume"]) == 0
    assert again.read_text(encoding="utf-8") == first


def test_csv_url_list(
    server: LocalServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIKAIREPORT_CACHE", str(tmp_path / "cache"))
    url = server.add("/r4.txt", text(4))
    listing = tmp_path / "links.csv"
    listing.write_text(f"agency,url\n财政局,{url}\n", encoding="utf-8")
    assert expand_paths([listing]) == [url]
    record = file_record(url)
    assert record["status"] == "ok"


@functools.lru_cache(maxsize=1)
def _seven_zip_bytes() -> bytes:
    """One 7z archive per run: its header holds a time, so a second one could differ."""
    py7zr = pytest.importorskip("py7zr")
    buffer = io.BytesIO()
    with py7zr.SevenZipFile(buffer, "w") as archive:
        archive.writestr(text(4), "a.txt")
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["zip", "7z"])
@settings(max_examples=40, deadline=None, derandomize=True)
@given(data=st.data())
def test_damaged_archives_raise_only_read_errors(kind: str, data: st.DataObject) -> None:
    original = windows_zip({"目录/a.txt": text(4)}) if kind == "zip" else _seven_zip_bytes()
    cut = data.draw(st.integers(8, len(original)))
    flips = data.draw(
        st.lists(st.tuples(st.integers(8, len(original) - 1), st.integers(0, 255)), max_size=6)
    )
    damaged = bytearray(original)
    for position, value in flips:
        damaged[position] = value
    try:
        gikaireport.read(bytes(damaged[:cut]), name=f"damaged.{kind}")
    except ReadError as exc:
        assert exc.source.startswith(f"damaged.{kind}")


def test_check_command_reads_each_member(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gikaireport.cli import main

    path = tmp_path / "各部门.zip"
    path.write_bytes(windows_zip({"财政局.txt": text(4), "教育局.txt": text(5)}))
    status = main(["check", str(path), "--format", "json"])
    document = json.loads(capsys.readouterr().out)
    assert status in (0, 1) and document["unreadable"] == []
    assert [checked["path"] for checked in document["files"]] == [
        f"{path}!/财政局.txt",
        f"{path}!/教育局.txt",
    ]


def test_archives_nested_too_deep_are_refused() -> None:
    data = text(4)
    for level in range(4):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"level{level}.zip" if level else "a.txt", data)
        data = buffer.getvalue()
    with pytest.raises(ReadError, match="nested more than 3 deep"):
        gikaireport.read(data, name="deep.zip")


def test_listing_inflates_only_archives_inside(tmp_path: Path) -> None:
    from gikaireport.sources.archives import member_names

    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("b.txt", text(5))
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("a.txt", text(4))
        archive.writestr("sub/inner.zip", inner.getvalue())
        # a member whose data is damaged: listing does not inflate it, reading it fails
        archive.writestr("c.txt", text(6))
    data = bytearray(outer.getvalue())
    position = data.find(b"c.txt") + len("c.txt")  # the local header's name, then the data
    data[position + 10 : position + 20] = b"\xff" * 10
    names = list(member_names(bytes(data), "o.zip"))
    assert names == ["o.zip!/a.txt", "o.zip!/sub/inner.zip!/b.txt", "o.zip!/c.txt"]
    path = tmp_path / "o.zip"
    path.write_bytes(bytes(data))
    assert gikaireport.read(f"{path}!/sub/inner.zip!/b.txt").values() == REPORTS[5].values()
    with pytest.raises(ReadError, match=r"c\.txt"):
        gikaireport.read(f"{path}!/c.txt")
