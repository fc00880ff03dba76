"""One error boundary: an unexpected exception while reading becomes one ReadError, in `read`.

The command line, the batch records and ``read_many`` print what ``read`` raised, so a file
that breaks a reader gives the same text everywhere.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import gikaireport
from gikaireport.batch import file_record, read_many, run_batch
from gikaireport.cli import main as cli_main
from gikaireport.document import Document
from gikaireport.errors import ReadError
from gikaireport.readers import READERS, Reader, read_document

MAGIC = b"BREAKS-THE-READER"


def breaking_reader(data: bytes, name: str) -> Document:
    """A third-party reader with a bug: it indexes past the end of what it parsed."""
    fields = data.split(b"|")
    return Document(blocks=(), path=name, format=fields[5].decode())


@pytest.fixture
def hostile(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    reader = Reader(
        "breaking", (".brk",), lambda data: data.startswith(MAGIC), f"{__name__}:breaking_reader"
    )
    monkeypatch.setitem(READERS, "breaking", reader)
    path = tmp_path / "hostile.brk"
    path.write_bytes(MAGIC + b"|only|three")
    return path


def test_read_wraps_the_exception_naming_the_file_and_the_exception(hostile: Path) -> None:
    with pytest.raises(ReadError) as caught:
        gikaireport.read(hostile)
    assert type(caught.value) is ReadError
    assert str(caught.value) == f"{hostile}: reading failed: IndexError: list index out of range"
    assert isinstance(caught.value.__cause__, IndexError)
    # bytes carry their display name through the same boundary
    with pytest.raises(ReadError, match=r"^upload\.brk: reading failed: IndexError"):
        gikaireport.read(hostile.read_bytes(), name="upload.brk")
    # the readers' own entry point says the same
    with pytest.raises(ReadError) as direct:
        read_document(hostile.read_bytes(), str(hostile))
    assert str(direct.value) == str(caught.value)


def test_read_check_and_batch_give_the_same_error_text(
    hostile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ReadError) as caught:
        gikaireport.read(hostile)
    expected = caught.value

    assert cli_main(["check", str(hostile)]) == 2
    assert capsys.readouterr().err == f"{hostile}: cannot read: {expected.reason}\n"
    assert cli_main(["check", "--format", "json", str(hostile)]) == 2
    (unreadable,) = json.loads(capsys.readouterr().out)["unreadable"]
    assert unreadable == {"path": str(hostile), "message": str(expected)}

    record = file_record(hostile)
    assert (record["status"], record["error"], record["reason"]) == (
        "unreadable",
        "ReadError",
        expected.reason,
    )
    out = tmp_path / "out.jsonl"
    run_batch([hostile], out)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["reason"] == expected.reason

    ((_, outcome),) = read_many([hostile])
    assert isinstance(outcome, ReadError) and str(outcome) == str(expected)



def test_a_failing_fallback_reader_is_passed_over(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    reader = Reader(
        "twice",
        (".twice",),
        lambda data: data.startswith(MAGIC),
        "gikaireport.readers.text:read",
        fallback=f"{__name__}:breaking_reader",
    )
    monkeypatch.setitem(READERS, "twice", reader)
    path = tmp_path / "partial.twice"
    # part 一 only: the first reading is incomplete, so the fallback is tried, and it breaks
    path.write_bytes(MAGIC + "\n一、总体情况\n本年度共主动公开信息120条。\n".encode())
    report = gikaireport.read(path)
    assert [part.id for part in report.parts] == ["overview"]
    assert report.values()["applications.new_received.total"] is None
