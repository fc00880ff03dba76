"""Builders for the DOCX and DOC tests: generated reports, raw ZIP and OLE2 files, small DOCX."""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib

import attrs
import docx
from docx.oxml import parse_xml
from hypothesis import strategies as st

from gikaireport.model import CellStatus, Report
from gikaireport.testing import reports, with_cell
from report_factory import make_report

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

PROSE = (
    "本年度持续推进政务公开标准化规范化建设。",
    "严格落实政府信息公开保密审查制度。",
    "进一步加强政府网站和政务新媒体管理。",
    "依申请公开办理程序更加规范。",
)


@st.composite
def word_reports(draw: st.DrawFn, version: str | None = None) -> Report:
    """Draw ``gikaireport.testing.reports`` with prose, and blank and "/" cells.

    In half of the examples up to 15 cells anywhere are blank or "/", which reading must keep
    apart from 0.
    """
    report = draw(reports(version, not_applicable=True))
    if draw(st.booleans()):
        chosen = draw(st.lists(st.sampled_from(report.spec.cell_ids), max_size=15, unique=True))
        for cell_id in chosen:
            status = draw(st.sampled_from([CellStatus.BLANK, CellStatus.NOT_APPLICABLE]))
            report = with_cell(report, cell_id, None, status)
    parts = tuple(
        attrs.evolve(part, text="\n".join(draw(st.lists(st.sampled_from(PROSE), max_size=3))))
        for part in report.parts
    )
    return attrs.evolve(report, parts=parts)


def example_report(version: str = "2021", seed: int = 2022) -> Report:
    """A fixed report for fixtures and benchmarks, the same on every run.

    ``report_factory.make_report`` with prose in the parts and a dozen blank and "/" cells.
    """
    report = make_report(seed, version)
    rng = random.Random(seed)
    for cell_id in rng.sample(report.spec.cell_ids, 12):
        status = rng.choice([CellStatus.BLANK, CellStatus.NOT_APPLICABLE])
        report = with_cell(report, cell_id, None, status)
    parts = tuple(
        attrs.evolve(part, text="\n".join(rng.sample(PROSE, rng.randint(0, 3))))
        for part in report.parts
    )
    return attrs.evolve(report, parts=parts)


def docx_with_body(*fragments: str) -> bytes:
    """A DOCX (python-docx's default package) whose body holds the given XML fragments."""
    document = docx.Document()
    body = document.element.body
    section = body.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sectPr")
    for child in list(body):
        if child is not section:
            body.remove(child)
    for fragment in fragments:
        section.addprevious(parse_xml(f"<w:wrap {W_NS}>{fragment}</w:wrap>")[0])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def zip_archive(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A ZIP archive from raw deflate streams: ``(name, stream, declared size, crc)``.

    Lets a test declare sizes the data does not have, or store a stream that inflates to
    gigabytes without ever holding the inflated data.
    """
    out = io.BytesIO()
    central = []
    for name, stream, size, crc in entries:
        encoded = name.encode()
        offset = out.tell()
        header = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0
        )
        out.write(header + encoded + stream)
        central.append(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0x21,
                crc,
                len(stream),
                size,
                len(encoded),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + encoded
        )
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), start, 0
        )
    )
    return out.getvalue()


def deflate(data: bytes) -> bytes:
    """A raw deflate stream of ``data``."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def zeros_stream(gibibytes: int) -> bytes:
    """A raw deflate stream that inflates to ``gibibytes`` GiB of zero bytes (about 1 MB a GiB).

    One 16 MiB block is compressed once and repeated: each copy ends with a full flush, so it
    refers to nothing before it.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(1 << 24)) + compressor.flush(zlib.Z_FULL_FLUSH)
    return block * (64 * gibibytes) + zlib.compressobj(9, zlib.DEFLATED, -15).flush()


def docx_members(
    data: bytes, replace: dict[str, bytes] | None = None
) -> list[tuple[str, bytes, int, int]]:
    """The members of a real DOCX as ``zip_archive`` entries, some content replaced."""
    replace = replace or {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = []
        for info in archive.infolist():
            raw = replace.get(info.filename, archive.read(info))
            members.append((info.filename, deflate(raw), len(raw), zlib.crc32(raw)))
        return members


def content_of(data: bytes, member: str) -> bytes:
    """One member of a ZIP archive, inflated."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(member)


def ole_file(streams: dict[str, bytes]) -> bytes:
    """A valid OLE2 compound file (version 3, 512-byte sectors) holding the given streams.

    Streams are padded to 4096 bytes so that none lives in the mini stream.
    """
    sector = 512
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    padded = {
        name: data.ljust(max(4096, -(-len(data) // sector) * sector), b"\x00")
        for name, data in streams.items()
    }
    fat = [fat_sector, end]
    starts = []
    next_sector = 2
    for data in padded.values():
        count = len(data) // sector
        starts.append(next_sector)
        fat.extend(range(next_sector + 1, next_sector + count))
        fat.append(end)
        next_sector += count
    if len(fat) > sector // 4:
        raise ValueError("too much data for a one-sector FAT")
    fat_bytes = b"".join(struct.pack("<I", entry) for entry in fat).ljust(sector, b"\xff")

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name.encode("utf-16-le") + b"\x00\x00") if name else b""
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBBIII", len(encoded), kind, 1, free, right, child)
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<IQ", start, size)
        )

    names = list(padded)
    directory = entry("Root Entry", 5, 1 if names else free, free, end, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else free
        directory += entry(name, 2, free, right, starts[index], len(streams[name]))
    directory = directory.ljust(sector, b"\x00")
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + b"\xff" * (4 * 108)
    )
    return header + fat_bytes + directory + b"".join(padded.values())
