"""Read Word 97-2003 (.doc) and WPS (.wps) files by converting them to DOCX with LibreOffice.

Both are OLE2 compound files that no Python package reads reliably (and a ``.doc`` is sometimes
RTF under another name, which is read the same way); LibreOffice (``soffice``,
or ``libreoffice``, on ``PATH``) converts them headless in a private temporary directory with
its own throw-away user profile, so conversions running in parallel do not collide. The DOCX
it writes is then read by :mod:`gikaireport.readers.docx`, so tables, merged cells and
sources are as for DOCX files; ``Document.format`` is ``"doc"`` or ``"wps"``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from gikaireport.document import Document
from gikaireport.errors import (
    EncryptedDocumentError,
    MissingDependencyError,
    ReadError,
    UnsupportedFormatError,
)
from gikaireport.readers.containers import is_ole, ole_has_stream
from gikaireport.readers.docx import read_docx

__all__ = ["CONVERSION_TIMEOUT", "convert"]

CONVERSION_TIMEOUT = 120.0
"""Seconds LibreOffice may take to convert one file before it is stopped."""

PROGRAMS = ("soffice", "libreoffice")
"""The LibreOffice programs looked for on ``PATH``, in order."""

INSTALL_HINT = (
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer; "
    "Fedora: dnf install libreoffice-writer; macOS: brew install --cask libreoffice; "
    "Windows: https://www.libreoffice.org/download/ and add its program folder to PATH), "
    "or save the file as DOCX"
)

_RTF = b"{\\rtf"

# OLE2 streams of other Office files, which LibreOffice would not turn into a text document
_NOT_WORD = {
    "Workbook": "an Excel workbook",
    "Book": "an Excel workbook",
    "PowerPoint Document": "a PowerPoint presentation",
    "__substg1.0_0037001F": "an Outlook message",
}


def read(data: bytes, name: str) -> Document:
    """Read a .doc or .wps file's bytes (``Document.format`` from the extension of ``name``).

    Raises :class:`~gikaireport.errors.MissingDependencyError` when LibreOffice is not
    installed and :class:`~gikaireport.errors.ReadError` when the conversion fails or times out.
    """
    kind = "wps" if Path(name).suffix.lower() == ".wps" else "doc"
    return _read(data, name, kind)


def read_wps(data: bytes, name: str) -> Document:
    """Read a WPS file's bytes (``Document.format`` ``"wps"``)."""
    return _read(data, name, "wps")


def _read(data: bytes, name: str, kind: str) -> Document:
    _check(data, name, kind)
    converted = to_docx(data, name, kind)
    return read_docx(
        converted, name, format=kind, notes=(f"converted from .{kind} to DOCX with LibreOffice",)
    )


def _check(data: bytes, name: str, kind: str) -> None:
    if not data:
        raise ReadError(name, "the file is empty")
    if data[:64].lstrip()[:5] == _RTF:
        return  # Word documents saved as RTF under a .doc name are common; LibreOffice reads RTF
    if not is_ole(data):
        raise ReadError(
            name,
            f"not a .{kind} file: it is neither an OLE2 compound file (Word 97-2003, WPS) nor RTF",
        )
    if ole_has_stream(data, "EncryptedPackage"):
        raise EncryptedDocumentError(
            name, "the file is password-protected; remove the password and save again"
        )
    for stream, what in _NOT_WORD.items():
        if ole_has_stream(data, stream):
            raise UnsupportedFormatError(name, f"this is {what}, not a Word or WPS document")


def find_soffice() -> str | None:
    """Return the path of LibreOffice (``soffice`` or ``libreoffice`` on ``PATH``) or ``None``."""
    for program in PROGRAMS:
        found = shutil.which(program)
        if found:
            return found
    return None


def to_docx(
    data: bytes, name: str, kind: str = "doc", timeout: float = CONVERSION_TIMEOUT
) -> bytes:
    """Convert a .doc or .wps file's bytes to DOCX bytes with LibreOffice.

    Raises :class:`~gikaireport.errors.MissingDependencyError` when LibreOffice is not on
    ``PATH`` and :class:`~gikaireport.errors.ReadError` naming ``name`` when the conversion
    fails or takes longer than ``timeout`` seconds.
    """
    return convert(data, name, kind, "docx:MS Word 2007 XML", timeout)


def convert(
    data: bytes, name: str, suffix: str, target: str, timeout: float = CONVERSION_TIMEOUT
) -> bytes:
    """Convert a document's bytes with LibreOffice, headless, in a private directory.

    Args:
        data: the document.
        name: the file it came from, for error messages.
        suffix: its extension without the dot (``"doc"``, ``"docx"``).
        target: LibreOffice's ``--convert-to`` argument: an extension, optionally followed
            by ``:`` and a filter name (``"docx:MS Word 2007 XML"``, ``"doc:MS Word 97"``,
            ``"pdf"``).
        timeout: seconds before LibreOffice and everything it started are stopped.

    Raises:
        MissingDependencyError: LibreOffice is not on ``PATH``.
        ReadError: the conversion failed or timed out (the message names ``name``).

    """
    program = find_soffice()
    if program is None:
        raise MissingDependencyError(
            name,
            f"a .{suffix} file is read by converting it with LibreOffice, but neither "
            f"{' nor '.join(PROGRAMS)} is on PATH; {INSTALL_HINT}",
        )
    extension = target.partition(":")[0]
    with tempfile.TemporaryDirectory(prefix="gikaireport-soffice-") as workdir:
        work = Path(workdir)
        source = work / f"input.{suffix}"
        source.write_bytes(data)
        output = work / "out"
        command = [
            program,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(output),
            str(source),
        ]
        stderr = _run(command, name, timeout)
        converted = output / f"input.{extension}"
        if not converted.is_file() or converted.stat().st_size == 0:
            detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no output written"
            raise ReadError(
                name,
                f"LibreOffice could not convert the .{suffix} file to .{extension} ({detail})",
            )
        return converted.read_bytes()


def _run(command: list[str], name: str, timeout: float) -> str:
    """Run LibreOffice; stop it and everything it started when it exceeds ``timeout``."""
    own_group = sys.platform != "win32"
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=own_group,
        )
    except OSError as exc:
        raise ReadError(name, f"LibreOffice could not be started: {exc}") from exc
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        if own_group:
            os.killpg(process.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            process.kill()
        process.communicate()
        raise ReadError(
            name, f"LibreOffice did not finish converting the file within {timeout:g} seconds"
        ) from None
    text = stderr.decode("utf-8", "replace")
    if process.returncode != 0:
        last = text.strip().splitlines()[-1] if text.strip() else "no message"
        raise ReadError(
            name,
            f"LibreOffice failed to convert the file (exit status {process.returncode}: {last})",
        )
    return text
