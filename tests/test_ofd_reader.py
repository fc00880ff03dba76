"""The OFD reader: generated reports written as OFD read back equal; scans and damage."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gikaireport
import report_factory
from conftest import load_labels
from gikaireport.assemble import assemble
from gikaireport.errors import ReadError
from gikaireport.model import CellStatus, Report
from gikaireport.readers import detect_format
from gikaireport.readers.ofd import read
from gikaireport.testing import reports
from gikaireport.testing.ofd import ofd_package, pdf_to_ofd, scanned_ofd
from report_checks import assert_same_report

needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is needed to render the PDF the OFD is made from",
)


def text_object(x: float, y: float, text: str, deltas: str = "", size: float = 3.5) -> str:
    delta = f' DeltaX="{deltas}"' if deltas else ""
    return (
        f'<ofd:TextObject ID="1" Boundary="{x} {y} 150 6" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size * 0.88}"{delta}>{text}</ofd:TextCode></ofd:TextObject>'
    )


@needs_soffice
def test_generated_report_reads_back_from_ofd() -> None:
    from gikaireport.readers import pdf
    from gikaireport.testing.pdf import render_pdf

    report = report_factory.make_report(7)
    rendered = render_pdf(report)
    ofd = pdf_to_ofd(rendered)
    assert detect_format(ofd, "report") == "ofd"
    got = gikaireport.read(io.BytesIO(ofd), name="report.ofd")
    assert got.source_format == "ofd" and got.path == "report.ofd"
    assert_same_report(report, got, absent=False)
    # the same layout as the PDF path: the same metadata and parts
    from_pdf = assemble(pdf.read(rendered, "report.pdf"))
    assert got.meta == from_pdf.meta and got.meta.year == report.meta.year
    assert [part.id for part in got.parts] == [part.id for part in from_pdf.parts]


@pytest.mark.slow
@needs_soffice
# each example costs a LibreOffice conversion: a fixed sample of 5
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(report=reports(version=None))
def test_generated_reports_read_back_from_ofd(report: Report) -> None:
    from gikaireport.testing.pdf import render_pdf

    got = assemble(read(pdf_to_ofd(render_pdf(report)), "generated.ofd"))
    assert got.format_version == report.format_version
    assert_same_report(report, got, absent=False)


def test_delta_x_shorthand_and_positions() -> None:
    # one TextObject whose DeltaX jumps from the label to two number columns
    line = text_object(20, 30, "标题行", "g 2 3.5") + text_object(
        20, 40, "收到申请12", "3.5 3.5 3.5 3.5 40 2"
    )
    document = read(ofd_package([(210.0, 297.0, line)]), "x.ofd")
    texts = [getattr(block, "text", None) for block in document.blocks]
    assert "标题行" in texts[0]
    assert document.format == "ofd"


def test_scanned_ofd_without_the_ocr_extra_names_it(tmp_path: Path) -> None:
    path = tmp_path / "scan.ofd"
    path.write_bytes(scanned_ofd())
    script = textwrap.dedent(
        f"""
        import sys
        sys.modules["rapidocr_onnxruntime"] = None
        import gikaireport
        from gikaireport.errors import NoTextLayerError
        try:
            gikaireport.read({str(path)!r})
        except NoTextLayerError as exc:
            assert "page images: a scan" in str(exc) and "gikaireport[ocr]" in str(exc), exc
            print("ok")
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, check=False
    )
    assert out.stdout.strip() == "ok", out.stderr


def test_scanned_ofd_with_broken_images_is_a_read_error() -> None:
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    with pytest.raises(ReadError, match="cannot be decoded"):
        gikaireport.read(scanned_ofd(), name="scan.ofd")


def test_scanned_ofd_is_read_by_ocr(corpus: Path) -> None:
    """The corpus PDF rasterised at 150 dpi, one page image per OFD page: every cell."""
    pytest.importorskip("rapidocr_onnxruntime", reason="the ocr extra is not installed")
    from scan_helpers import rasterise

    original = (corpus / "pdf" / "hzq2024_working.pdf").read_bytes()
    pictures = []
    for page in rasterise(original, 150):
        buffer = io.BytesIO()
        page.save(buffer, format="PNG")
        pictures.append(buffer.getvalue())
    report = gikaireport.read(scanned_ofd(images=pictures), name="scan.ofd")
    expected = gikaireport.read(corpus / "pdf" / "hzq2024_working.pdf")
    doubtful = {c for d in report.deviations if d.kind == "ocr-doubtful" for c in d.cells}
    silent = [
        cell_id
        for cell_id, cell in expected.cells().items()
        if report.cell(cell_id).value != cell.value
        and report.cell(cell_id).status is CellStatus.NUMBER
        and cell_id not in doubtful
    ]
    right = sum(
        (report.cell(i).status, report.cell(i).value) == (c.status, c.value)
        for i, c in expected.cells().items()
    )
    assert silent == [] and right >= 198
    assert report.source_format == "ofd"


def test_damaged_packages_raise_read_errors() -> None:
    good = ofd_package([(210.0, 297.0, text_object(20, 30, "一、总体情况"))])
    with pytest.raises(ReadError, match=r"cut\.ofd"):
        read(good[: len(good) // 2], "cut.ofd")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("OFD.xml", "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>")
    with pytest.raises(ReadError, match="DocRoot"):
        read(buffer.getvalue(), "empty.ofd")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr(
            "OFD.xml",
            "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>"
            "<ofd:DocRoot>../../../etc/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
    with pytest.raises(ReadError, match="has no part"):
        read(buffer.getvalue(), "escape.ofd")


def test_entities_are_not_expanded() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>"
        "<ofd:DocRoot>&lol2;</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("OFD.xml", lol)
    with pytest.raises(ReadError):
        read(buffer.getvalue(), "lol.ofd")


SMALL = ofd_package(
    [
        (
            210.0,
            297.0,
            text_object(20, 30, "一、总体情况") + text_object(20, 40, "收到申请数", "g 4 3.5"),
        )
    ]
)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    cut=st.integers(0, len(SMALL)),
    flips=st.lists(st.tuples(st.integers(0, len(SMALL) - 1), st.integers(0, 255)), max_size=8),
)
def test_damaged_ofd_raises_only_read_errors(cut: int, flips: list[tuple[int, int]]) -> None:
    data = bytearray(SMALL)
    for position, value in flips:
        data[position] = value
    damaged = bytes(data[:cut] if cut else data)
    try:
        gikaireport.read(damaged, name="damaged.ofd", format="ofd")
    except ReadError as exc:
        assert exc.source == "damaged.ofd"


def test_ctm_scales_the_text_object() -> None:
    from lxml import etree

    from gikaireport.readers.ofd import char_boxes

    plain = text_object(20, 30, "收到12", "3.5 3.5 3.5 2")
    scaled = (
        '<ofd:TextObject ID="1" Boundary="20 30 150 6" Size="7" CTM="0.5 0 0 0.5 0 0">'
        '<ofd:TextCode X="0" Y="6.16" DeltaX="7 7 7 4">收到12</ofd:TextCode></ofd:TextObject>'
    )

    def boxes(layer: str) -> list[tuple[str, float, float, float, float]]:
        page = f"<ofd:Page xmlns:ofd='http://www.ofdspec.org/2016'>{layer}</ofd:Page>"
        found = char_boxes(etree.fromstring(page), 297.0)
        return [(c, round(a, 3), round(b, 3), round(d, 3), round(e, 3)) for c, a, b, d, e in found]

    assert boxes(scaled) == boxes(plain)
    assert [box[0] for box in boxes(plain)] == ["收", "到", "1", "2"]
    assert boxes(plain)[1][1] == 23.5  # x of the second character: 20 + 3.5


def test_real_pdf_as_ofd_reads_every_labelled_cell(corpus: Path) -> None:
    """The corpus's published PDF, its text layer written as OFD, reads every labelled cell."""
    from decimal import Decimal

    name = "hzq2024_working.pdf"
    labels = load_labels(corpus / "pdf")[name]
    report = gikaireport.read(pdf_to_ofd((corpus / "pdf" / name).read_bytes()), name="hzq.ofd")
    values = report.values()
    wrong = [
        (cell_id, label, values.get(cell_id))
        for cell_id, label in labels["cells"].items()
        if values.get(cell_id)
        != (Decimal(label) if isinstance(label, str) and label != "NA" else label)
    ]
    assert len(labels["cells"]) == 200 and wrong == []
    assert report.meta.year == labels["year"]


def test_scanned_ofd_gives_its_page_images_for_ocr() -> None:
    from gikaireport.readers.ofd import page_images

    png = b"\x89PNG\r\n\x1a\n"
    assert page_images(scanned_ofd(3), "scan.ofd") == [[png], [png], [png]]
    text_only = ofd_package([(210.0, 297.0, text_object(20, 30, "一、总体情况"))])
    assert page_images(text_only, "text.ofd") == [[]]
