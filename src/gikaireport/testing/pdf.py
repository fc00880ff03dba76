"""Render reports as PDF files, through DOCX and LibreOffice, for tests and benchmarks.

:func:`render_pdf` lays a report out as the national template does
(:func:`gikaireport.testing.docx.render_docx`) and has LibreOffice export it to PDF, which is
how many published reports are made; with ``password`` the PDF is encrypted.
:func:`docx_to_pdf` does the second step for any DOCX (the blank national template, say).

LibreOffice (``soffice`` or ``libreoffice``) must be on ``PATH``
(:class:`~gikaireport.errors.MissingDependencyError` otherwise), with a Chinese font installed
(fonts-noto-cjk or another), or the PDF has no usable text.
"""

from __future__ import annotations

import json

from gikaireport.model import Report
from gikaireport.readers.doc import convert
from gikaireport.testing.docx import render_docx

__all__ = ["docx_to_pdf", "pdf_export_filter", "render_pdf"]


def pdf_export_filter(password: str | None = None) -> str:
    """Return LibreOffice's ``--convert-to`` argument for PDF, encrypting with ``password``."""
    if password is None:
        return "pdf:writer_pdf_Export"
    options = {
        "EncryptFile": {"type": "boolean", "value": "true"},
        "DocumentOpenPassword": {"type": "string", "value": password},
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options)


def docx_to_pdf(data: bytes, *, password: str | None = None) -> bytes:
    """Convert DOCX bytes to PDF bytes with LibreOffice (encrypted when ``password`` is set)."""
    return convert(data, "<DOCX>", "docx", pdf_export_filter(password))


def render_pdf(report: Report, *, password: str | None = None) -> bytes:
    """Render a report as PDF bytes: ``render_docx``, then LibreOffice."""
    return docx_to_pdf(render_docx(report), password=password)
