from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import gikaireport
from docx_helpers import example_report, ole_file
from gikaireport.errors import (
    EncryptedDocumentError,
    MissingDependencyError,
    ReadError,
    UnsupportedFormatError,
)
from gikaireport.model import Report
from gikaireport.readers import read_document
from gikaireport.readers.doc import find_soffice, to_docx
from gikaireport.testing.docx import convert_docx, fill_template, render_docx
from report_checks import assert_same_report

SOFFICE = find_soffice()
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH: DOC conversion cannot run"
)


def assert_same(got: Report, expected: Report) -> None:
    assert_same_report(expected, got)
    assert (got.meta.year, got.meta.agency) == (expected.meta.year, expected.meta.agency)


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory, corpus_or_none: Path | None) -> Path:
    """Rendered reports (and the filled real template) saved as .doc by LibreOffice, once."""
    work = tmp_path_factory.mktemp("doc")
    # a rendered report read back as DOC: tests/test_reader_contract.py
    sources = {"r2021": render_docx(example_report("2021"))}
    if corpus_or_none is not None:
        template = corpus_or_none / "docx" / "national_template_2021.docx"
        if template.is_file():
            sources["template"] = fill_template(template, example_report("2021", seed=7))
    for stem, data in sources.items():
        (work / f"{stem}.doc").write_bytes(convert_docx(data, "doc:MS Word 97"))
    return work


@pytest.fixture(scope="module")
def corpus_or_none() -> Path | None:
    from conftest import corpus_dir

    return corpus_dir()


@pytest.mark.slow
@needs_soffice
def test_filled_template_as_doc_reads_back_every_cell(converted: Path) -> None:
    path = converted / "template.doc"
    if not path.exists():
        pytest.skip("real-document corpus not found: the template is not available")
    assert_same(gikaireport.read(path), example_report("2021", seed=7))


@pytest.mark.slow
@needs_soffice
def test_wps_by_extension(converted: Path, tmp_path: Path) -> None:
    path = tmp_path / "report.wps"
    path.write_bytes((converted / "r2021.doc").read_bytes())
    report = gikaireport.read(path)
    assert report.source_format == "wps"
    assert_same(report, example_report("2021"))


@pytest.mark.slow
@needs_soffice
def test_rendered_report_as_pdf() -> None:
    pdf = convert_docx(render_docx(example_report("2021")))
    assert pdf.startswith(b"%PDF-")


@pytest.mark.slow
@needs_soffice
def test_parallel_conversions_do_not_collide(converted: Path) -> None:
    data = (converted / "r2021.doc").read_bytes()
    with ThreadPoolExecutor(3) as pool:
        documents = list(pool.map(lambda i: read_document(data, f"copy{i}.doc"), range(3)))
    assert len({document.blocks for document in documents}) == 1


@pytest.mark.slow
@needs_soffice
def test_conversion_timeout_is_a_read_error(converted: Path) -> None:
    with pytest.raises(ReadError, match="did not finish"):
        to_docx((converted / "r2021.doc").read_bytes(), "slow.doc", timeout=0.2)


@pytest.mark.slow
@needs_soffice
def test_unconvertible_doc(tmp_path: Path) -> None:
    garbage = ole_file({"WordDocument": os.urandom(6000), "1Table": os.urandom(5000)})
    path = tmp_path / "garbage.doc"
    path.write_bytes(garbage)
    with pytest.raises(ReadError, match=r"garbage\.doc") as caught:
        gikaireport.read(path)
    assert "LibreOffice" in caught.value.reason


@pytest.mark.slow
@needs_soffice
def test_rtf_named_doc_is_converted(tmp_path: Path) -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg936\deff0{\fonttbl{\f0\fnil SimSun;}}"
        r"\f0 \u25919?\u24220?\u20449?\u24687?\u20844?\u24320?\par"
        r"\trowd\cellx2000\cellx4000 a\cell 12\cell\row}"
    )
    document = read_document(rtf.encode("ascii"), str(tmp_path / "saved-as-rtf.doc"))
    assert document.format == "doc"
    assert [block.text for block in document.blocks if hasattr(block, "text")] == ["政府信息公开"]
    table = next(block for block in document.blocks if hasattr(block, "rows"))
    assert [cell.text for cell in table.rows[0]] == ["a", "12"]


def test_missing_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert find_soffice() is None
    path = tmp_path / "report.doc"
    path.write_bytes(ole_file({"WordDocument": b"\xec\xa5" + bytes(600), "1Table": bytes(100)}))
    with pytest.raises(MissingDependencyError) as caught:
        gikaireport.read(path)
    message = str(caught.value)
    assert str(path) in message
    assert "soffice" in message and "apt-get install libreoffice-writer" in message


def test_other_ole_files_are_not_sent_to_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # would fail with MissingDependencyError
    workbook = tmp_path / "table.doc"
    workbook.write_bytes(ole_file({"Workbook": bytes(5000)}))
    with pytest.raises(UnsupportedFormatError, match="Excel"):
        gikaireport.read(workbook)
    secret = tmp_path / "secret.doc"
    secret.write_bytes(ole_file({"EncryptionInfo": bytes(100), "EncryptedPackage": bytes(100)}))
    with pytest.raises(EncryptedDocumentError):
        gikaireport.read(secret)


@pytest.mark.parametrize("data", [b"", b"plain text, not OLE", bytes.fromhex("d0cf11e0")])
def test_not_ole_with_doc_format(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"x\.doc"):
        read_document(data, "x.doc", "doc")
