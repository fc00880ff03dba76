"""Hostile input: a Report or a ReadError, nothing else, in bounded time."""

import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
from gikaireport.testing import render_text, reports


def read_bytes(tmp_path, data: bytes, name: str = "x.txt"):
    path = tmp_path / name
    path.write_bytes(data)
    return gikaireport.read(path)


@settings(max_examples=60)
@given(st.binary(max_size=20_000))
def test_random_bytes_give_a_report_or_a_read_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "random.txt"
    path.write_bytes(data)
    try:
        gikaireport.read(path)
    except gikaireport.ReadError as error:
        assert str(path) in str(error)


@settings(max_examples=60)
@given(st.text(max_size=5_000))
def test_random_text_gives_a_report_or_a_read_error(text):
    try:
        gikaireport.parse_text(text)
    except gikaireport.ReadError as error:
        assert "<text>" in str(error)


def test_empty_file_names_the_file(tmp_path):
    with pytest.raises(gikaireport.ReadError, match=r"empty\.txt: the file is empty"):
        read_bytes(tmp_path, b"", "empty.txt")


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(gikaireport.ReadError, match=r"nothere\.txt"):
        gikaireport.read(tmp_path / "nothere.txt")


def test_binary_data_is_refused(tmp_path):
    with pytest.raises(gikaireport.ReadError, match="not text"):
        read_bytes(tmp_path, bytes(range(256)) * 40, "binary.txt")


def test_a_two_megabyte_line_is_read_in_bounded_time(tmp_path):
    report_text = render_text(reports().example(), "tab_rows")
    data = ("报" * 2_000_000 + "\n" + report_text).encode()
    start = time.perf_counter()
    report = read_bytes(tmp_path, data, "long.txt")
    assert time.perf_counter() - start < 30
    assert report.values()["applications.new_received.total"] is not None


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"]
)
def test_encodings_are_detected(corpus, tmp_path, encoding):
    source = next((corpus / "seeds").glob("000_*.txt"))
    expected = gikaireport.read(source).values()
    data = source.read_text(encoding="utf-8").encode(encoding)
    assert read_bytes(tmp_path, data, f"seed.{encoding}.txt").values() == expected


def test_import_is_light():
    code = (
        "import sys, gikaireport; "
        "heavy = [m for m in ('pdfplumber', 'pypdfium2', 'docx', 'lxml', 'hypothesis') "
        "if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
