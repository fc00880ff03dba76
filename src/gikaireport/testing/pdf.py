"""Render reports as PDF files, through DOCX and LibreOffice, for tests and benchmarks.

:func:`render_pdf` lays a report out as the national template does
(:func:`gikaireport.testing.docx.render_docx`) and has LibreOffice export it to PDF, which is
how many published reports are made. :func:`convert_to_pdf` converts several DOCX files in
one LibreOffice run (starting LibreOffice costs more than converting a file) and can encrypt
the output with a password.

LibreOffice (``soffice`` or ``libreoffice``) must be on ``PATH``; with no Chinese font
installed the PDF has no usable text (install fonts-noto-cjk or another CJK font).
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from gikaireport.errors import MissingDependencyError, ReadError
from gikaireport.model import Report
from gikaireport.readers.doc import CONVERSION_TIMEOUT, find_soffice
from gikaireport.testing.docx import render_docx

__all__ = ["convert_to_pdf", "render_pdf"]


def _filter(password: str | None) -> str:
    if password is None:
        return "pdf:writer_pdf_Export"
    options = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "DocumentOpenPassword": {"type": "string", "value": password},
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options)


def convert_to_pdf(
    documents: Sequence[bytes],
    *,
    password: str | None = None,
    profile: str | Path | None = None,
    timeout: float = CONVERSION_TIMEOUT,
) -> list[bytes]:
    """Convert DOCX files (as bytes) to PDF bytes with one LibreOffice run.

    Args:
        documents: the DOCX files.
        password: encrypt each PDF with this password to open it.
        profile: a LibreOffice user profile directory to use and keep (conversions that
            reuse one start faster); a throw-away profile by default. Runs that may overlap
            must not share a profile.
        timeout: seconds the whole run may take.

    Raises:
        MissingDependencyError: LibreOffice is not on ``PATH``.
        ReadError: LibreOffice failed or did not write a PDF for every document.

    """
    program = find_soffice()
    if program is None:
        raise MissingDependencyError("<docx>", "converting DOCX to PDF needs LibreOffice (soffice)")
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="gikaireport-pdf-") as workdir:
        work = Path(workdir)
        profile_dir = Path(profile) if profile is not None else work / "profile"
        sources = []
        for index, data in enumerate(documents):
            source = work / f"report{index}.docx"
            source.write_bytes(data)
            sources.append(source)
        output = work / "out"
        command = [
            program,
            f"-env:UserInstallation={profile_dir.resolve().as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--norestore",
            "--convert-to",
            _filter(password),
            "--outdir",
            str(output),
            *(str(source) for source in sources),
        ]
        try:
            finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise ReadError("<docx>", f"LibreOffice took longer than {timeout} s") from None
        pdfs = []
        for source in sources:
            pdf = output / f"{source.stem}.pdf"
            if not pdf.is_file() or pdf.stat().st_size == 0:
                detail = finished.stderr.strip().splitlines()[-1:] or ["no output written"]
                raise ReadError(str(source.name), f"LibreOffice wrote no PDF ({detail[0]})")
            pdfs.append(pdf.read_bytes())
        return pdfs


def render_pdf(report: Report, *, password: str | None = None) -> bytes:
    """Render a report as PDF bytes: ``render_docx``, then LibreOffice."""
    return convert_to_pdf([render_docx(report)], password=password)[0]
