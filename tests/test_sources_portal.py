"""Portal pages on a local server: the page's tables, or its attachment; UTF-8 and GBK."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gikaireport
import report_factory
from gikaireport.errors import ReadError
from gikaireport.model import Report
from gikaireport.readers.html import read as read_html
from gikaireport.sources.fetch import Fetcher
from gikaireport.sources.portal import page_info
from gikaireport.testing import render_text, reports
from gikaireport.testing.docx import render_docx
from gikaireport.testing.html import render_html
from http_server import LocalServer, serving

REPORT = report_factory.make_report(3)


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with serving() as local:
        yield local


@pytest.fixture
def client(tmp_path: Path) -> Fetcher:
    return Fetcher(tmp_path / "cache", min_interval=0.0, retries=0)


def attachment_page(link: str, encoding: str = "utf-8", charset: str | None = "utf-8") -> bytes:
    declaration = f'<meta charset="{charset}">' if charset else ""
    return (
        f"<!DOCTYPE html><html><head>{declaration}"
        '<meta name="SiteName" content="示例县人民政府网">'
        '<meta name="ArticleTitle" content="示例县2023年政府信息公开工作年度报告">'
        '<meta name="PubDate" content="2024-01-20 09:30">'
        "<title>示例县2023年政府信息公开工作年度报告_示例县人民政府网</title></head><body>"
        "<h1>示例县2023年政府信息公开工作年度报告</h1><p>发布日期：2024-01-20　来源：县政府办</p>"
        '<p>附件：<a href="/images/logo.png">logo</a> '
        f'<a href="{link}">示例县2023年政府信息公开工作年度报告</a></p>'
        "</body></html>"
    ).encode(encoding)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_page_with_a_docx_attachment(
    server: LocalServer, client: Fetcher, encoding: str
) -> None:
    # the page links the name in Chinese; the request carries it percent-encoded
    attachment = server.add(quote("/files/2023年报.docx"), render_docx(REPORT))
    link = "../../../files/2023年报.docx"
    page = server.add("/art/2024/1/20.html", attachment_page(link, encoding, encoding))
    report = gikaireport.read(page, fetcher=client)
    assert report.values() == REPORT.values()
    assert report.source_format == "docx"
    origin = report.origin
    assert origin is not None and origin.read == "attachment"
    assert origin.page_url == page
    assert origin.page_title == "示例县2023年政府信息公开工作年度报告"
    assert origin.page_published == dt.date(2024, 1, 20)
    assert origin.site_name == "示例县人民政府网"
    assert origin.url == attachment
    assert origin.attachments == (server.url("/files/2023年报.docx"),)


@pytest.mark.parametrize(
    ("encoding", "declared", "header"),
    [
        ("utf-8", True, "utf-8"),
        ("gbk", True, "gbk"),
        ("gbk", False, "gbk"),  # the header alone says GBK
        ("gbk", False, "iso-8859-1"),  # a server default: detection decides
        ("utf-8", False, "gbk"),  # a wrong header: the bytes are UTF-8
    ],
)
def test_page_with_the_tables_is_read_and_notes_its_attachment(
    server: LocalServer, client: Fetcher, encoding: str, declared: bool, header: str
) -> None:
    html = render_html(REPORT, encoding=encoding, declare_charset=declared)  # type: ignore[arg-type]
    html = html.replace(b"</body>", b'<a href="/files/nb.pdf">\xe9\x99\x84\xe4\xbb\xb6</a></body>')
    headers = {"Content-Type": f"text/html; charset={header}"}
    page = server.add("/nb/2023.html", html, headers=headers)
    report = gikaireport.read(page, fetcher=client)
    assert report.values() == REPORT.values()
    assert report.source_format == "html"
    assert report.origin is not None and report.origin.read == "page"
    assert report.origin.attachments == (server.url("/files/nb.pdf"),)
    assert server.hits["/files/nb.pdf"] == 0  # noted, not fetched


def test_viewer_iframe_names_the_attachment(server: LocalServer, client: Fetcher) -> None:
    server.add("/upload/nb.txt", render_text(REPORT).encode())
    html = (
        '<html><head><meta charset="utf-8"><title>年报</title></head><body>'
        '<iframe src="/pdfjs/web/viewer.html?file=/upload/nb.pdf"></iframe></body></html>'
    ).encode()
    page = server.add("/view.html", html)
    info = page_info(html.decode(), page)
    assert info.attachments == (server.url("/upload/nb.pdf"),)


def test_a_page_cannot_name_a_local_file(
    server: LocalServer, client: Fetcher, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(render_text(REPORT), encoding="utf-8")
    html = (
        '<html><head><meta charset="utf-8"></head><body>'
        f'<a href="{secret.as_uri()}.pdf">附件</a><a href="file:///etc/passwd.pdf">附件</a>'
        "</body></html>"
    ).encode()
    page = server.add("/evil.html", html)
    assert page_info(html.decode(), page).attachments == ()
    with pytest.raises(ReadError, match="links to no attachment"):
        gikaireport.read(page, fetcher=client)


def test_broken_attachment_is_named_in_the_error(server: LocalServer, client: Fetcher) -> None:
    page = server.add("/p.html", attachment_page("/gone.pdf"))
    with pytest.raises(ReadError, match=r"gone\.pdf: HTTP 404") as caught:
        gikaireport.read(page, fetcher=client)
    assert caught.value.source == page


def test_a_page_date_is_read_alike_by_page_info_and_the_html_reader() -> None:
    # no such day in the meta tag: both fall back on the printed 成文日期
    html = (
        "<html><head><meta name='PubDate' content='2024-02-30'></head>"
        "<body><div>成文日期：2024年1月5日</div><p>正文</p></body></html>"
    )
    info = page_info(html, "https://www.example.gov.cn/col/1.html")
    document = read_html(html.encode(), "page.html")
    assert info.published == dt.date(2024, 1, 5)
    assert dict(document.properties)["published"] == "2024-01-05"


def test_page_title_and_date_from_the_text_when_no_meta() -> None:
    html = (
        "<html><head><title>某局2023年报</title></head><body>"
        "<div>发布时间：2024年1月5日</div><a href='a.doc'>附件1</a><a href='b.pdf'>年度报告</a>"
        "</body></html>"
    )
    info = page_info(html, "https://www.example.gov.cn/col/1.html")
    assert info.title == "某局2023年报"
    assert info.published == dt.date(2024, 1, 5)
    # the link that mentions 报告 first
    assert info.attachments == (
        "https://www.example.gov.cn/col/b.pdf",
        "https://www.example.gov.cn/col/a.doc",
    )


@pytest.fixture(scope="module")
def rendered_pdf() -> bytes:
    if shutil.which("soffice") is None and shutil.which("libreoffice") is None:
        pytest.skip("LibreOffice is needed to render the PDF")
    from gikaireport.testing.pdf import render_pdf

    return render_pdf(REPORT)


@pytest.mark.parametrize("kind", ["pdf", "ofd", "zip"])
def test_attachment_in_each_format(
    server: LocalServer, client: Fetcher, rendered_pdf: bytes, kind: str
) -> None:
    from gikaireport.testing.ofd import pdf_to_ofd

    if kind == "zip":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("年报/2023.pdf", rendered_pdf)
        body = buffer.getvalue()
    else:
        body = rendered_pdf if kind == "pdf" else pdf_to_ofd(rendered_pdf)
    # a download link whose text names the file; the format comes from the content
    url = server.add("/download.jsp?id=7", body)
    html = attachment_page("/download.jsp?id=7").replace(
        "示例县2023年政府信息公开工作年度报告</a>".encode(), f"2023年报.{kind}</a>".encode()
    )
    page = server.add("/p.html", html)
    report = gikaireport.read(page, fetcher=client)
    assert report.values() == REPORT.values()
    assert report.source_format == ("pdf" if kind == "zip" else kind)
    assert report.origin is not None and report.origin.read == "attachment"
    if kind == "zip":
        assert report.origin.member == "年报/2023.pdf"
        assert report.path == f"{url}!/年报/2023.pdf" and report.origin.archive == url


@settings(max_examples=10, deadline=None, derandomize=True)
@given(report=reports(version=None), attached=st.booleans(), gbk=st.booleans())
def test_generated_reports_read_back_through_a_portal(
    report: Report, attached: bool, gbk: bool
) -> None:
    """Render, serve, read through the page (its tables, or its DOCX attachment), compare."""
    encoding = "gbk" if gbk else "utf-8"
    with serving() as local, tempfile.TemporaryDirectory() as cache:
        client = Fetcher(cache, min_interval=0.0, retries=0)
        if attached:
            local.add("/files/nb.docx", render_docx(report))
            page = local.add("/art/1.html", attachment_page("/files/nb.docx", encoding, encoding))
        else:
            page = local.add("/art/1.html", render_html(report, encoding=encoding))
        got = gikaireport.read(page, fetcher=client)
    assert got.format_version == report.format_version
    assert got.values() == report.values()
    assert got.origin is not None
    assert got.origin.read == ("attachment" if attached else "page")
