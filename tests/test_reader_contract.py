"""The reader contract: a generated report rendered by each renderer reads back the same.

Each row of ``RENDERINGS`` is one renderer from ``gikaireport.testing`` and the file name its
output is read under; ``gikaireport.read`` picks the reader. To add a reader, add the renderer
that writes its format here: the contract is that the format is detected, the report says it
came from that format, and every cell reads back with the status and value it was rendered
with (``assert_same_report``).
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable

import attrs
import pytest

import gikaireport
from docx_helpers import example_report
from gikaireport.model import Report
from gikaireport.readers import detect_format
from gikaireport.testing import LAYOUTS, render_text
from gikaireport.testing.docx import convert_docx, render_docx
from gikaireport.testing.html import render_html
from gikaireport.testing.ofd import render_ofd
from gikaireport.testing.pdf import find_chromium, html_to_pdf, render_pdf
from report_checks import assert_same_report
from report_factory import make_report

HAS_SOFFICE = shutil.which("soffice") is not None or shutil.which("libreoffice") is not None
needs_soffice = [
    pytest.mark.slow,
    pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not on PATH"),
]
needs_chromium = [
    pytest.mark.slow,
    pytest.mark.skipif(find_chromium() is None, reason="Chromium is not on PATH"),
]


@attrs.frozen
class Rendering:
    """A renderer, the file name its output is read under and the format it must be read as."""

    render: Callable[[Report], bytes]
    name: str
    format: str
    magic: bytes = b""
    blanks: bool = True
    """The report has blank and "/" cells; the paragraphs layout prints numbers only."""
    meta: bool = True
    """Compare the metadata too."""


def _text(layout: str) -> Rendering:
    return Rendering(
        lambda report: render_text(report, layout).encode(),
        "report.txt",
        "text",
        blanks=layout != "paragraphs",
    )


RENDERINGS = [
    *(pytest.param(_text(layout), "2021", id=f"text-{layout}") for layout in LAYOUTS),
    pytest.param(_text("tab_rows"), "2019", id="text-tab_rows-2019"),
    pytest.param(Rendering(render_html, "report.html", "html"), "2021", id="html"),
    pytest.param(Rendering(render_html, "report.html", "html"), "2019", id="html-2019"),
    pytest.param(Rendering(render_docx, "report.docx", "docx", b"PK"), "2021", id="docx"),
    pytest.param(Rendering(render_docx, "report.docx", "docx", b"PK"), "2019", id="docx-2019"),
    *(
        pytest.param(
            Rendering(
                lambda report: convert_docx(render_docx(report), "doc:MS Word 97"),
                "report.doc",
                "doc",
                bytes.fromhex("d0cf11e0a1b11ae1"),
            ),
            version,
            id=f"doc-{version}",
            marks=needs_soffice,
        )
        for version in ("2021", "2019")
    ),
    pytest.param(
        Rendering(render_pdf, "report.pdf", "pdf", b"%PDF-"),
        "2021",
        id="pdf",
        marks=needs_soffice,
    ),
    pytest.param(
        Rendering(lambda report: html_to_pdf(render_html(report)), "report.pdf", "pdf", b"%PDF-"),
        "2019",
        id="pdf-chromium-2019",
        marks=needs_chromium,
    ),
    pytest.param(
        Rendering(render_ofd, "report.ofd", "ofd", b"PK"),
        "2019",
        id="ofd-2019",
        marks=needs_soffice,
    ),
]


@pytest.mark.parametrize(("rendering", "version"), RENDERINGS)
def test_rendered_report_reads_back_the_same(rendering: Rendering, version: str) -> None:
    expected = example_report(version) if rendering.blanks else make_report(2022, version)
    data = rendering.render(expected)
    assert data.startswith(rendering.magic)
    assert detect_format(data, rendering.name) == rendering.format
    got = gikaireport.read(io.BytesIO(data), name=rendering.name)
    assert got.source_format == rendering.format
    assert_same_report(expected, got, meta=rendering.meta)
