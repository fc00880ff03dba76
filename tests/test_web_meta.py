"""Web pages' metadata: the page's own title, headline and metadata line come first.

The pages are written here with the shapes seen on real portals (a breadcrumb that ends in
政府信息公开工作年度报告, navigation links, the agency on the line after the title, a title that
starts with the year, the date only in 发布日期/发布时间 or a PubDate meta tag); no real page
is copied.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest

import gikaireport
from gikaireport.model import Meta
from gikaireport.testing.html import render_html
from gikaireport.validate.examples import example_report

TITLE = "示例县教育和体育局2024年政府信息公开工作年度报告"


def body(year: int, signed: dt.date | None = None) -> str:
    """A report's text and tables without its title; a dated 落款 only when ``signed``."""
    report = example_report(year=year)
    meta = Meta(
        year=year, title="@@", published=signed, signed_by="示例县教育和体育局" if signed else None
    )
    html = render_html(attrs.evolve(report, meta=meta), page=False).decode()
    return html.replace('<p style="text-align:center;"><strong>@@</strong></p>', "")


def page(
    head: str, above: str, year: int = 2024, inside: str = "", signed: dt.date | None = None
) -> str:
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8">{head}</head><body>
<div class="nav"><a href="/">首页</a> <a href="/search">全文检索</a>
<a href="/gk">信息公开</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk">政府信息公开</a> &gt;
<a href="/nb">政府信息公开工作年度报告</a></div>
<div class="main">{above}<div class="content">{inside}{body(year, signed)}</div></div>
<div class="footer">主办：示例县人民政府办公室 版权所有</div></body></html>"""


def read(tmp_path: Path, html: str) -> gikaireport.Report:
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    return gikaireport.read(path)


def codes(report: gikaireport.Report) -> list[str]:
    return [finding.code for finding in gikaireport.validate(report)]


def test_breadcrumb_and_navigation_are_not_the_title(tmp_path: Path) -> None:
    html = page(
        f"<title>{TITLE}_示例县人民政府</title>",
        f'<div><span>全文检索</span></div><div style="font-size:20px">{TITLE}</div>',
        inside="<p>全文检索</p><p>政府信息公开工作年度报告</p>",
    )
    report = read(tmp_path, html)
    assert report.meta.title == TITLE
    assert report.meta.agency == "示例县教育和体育局"
    assert report.meta.year == 2024


def test_agency_on_the_line_after_the_title(tmp_path: Path) -> None:
    html = page(
        "<title>年报</title>", "<h2>2024年政府信息公开工作年度报告</h2><p>示例市交通运输局</p>"
    )
    report = read(tmp_path, html)
    assert report.meta.title == "2024年政府信息公开工作年度报告"
    assert report.meta.agency == "示例市交通运输局"


def test_title_that_starts_with_the_year(tmp_path: Path) -> None:
    title = "2019年示例市人民政府办公厅政府信息公开工作年度报告"
    report = read(tmp_path, page(f"<title>{title}</title>", f"<h1>{title}</h1>", year=2019))
    assert report.meta.agency == "示例市人民政府办公厅"
    assert report.meta.year == 2019


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("发布日期：2020-01-31", dt.date(2020, 1, 31)),
        ("发布时间:2025-01-14 来源：本站", dt.date(2025, 1, 14)),
        ("发文日期： 2024年2月3日", dt.date(2024, 2, 3)),
    ],
)
def test_the_page_date_is_published_when_no_signature_date(
    tmp_path: Path, line: str, expected: dt.date
) -> None:
    report = read(tmp_path, page("", f'<h1>{TITLE}</h1><div class="info">{line}</div>'))
    assert report.meta.published == expected
    (deviation,) = [d for d in report.deviations if d.kind == "published-from-page"]
    assert deviation.found == expected.isoformat()
    findings = [f for f in gikaireport.validate(report) if f.code == "GK605"]
    assert len(findings) == 1 and expected.isoformat() in findings[0].message
    assert "网页" in findings[0].message


def test_a_pubdate_meta_tag_and_an_article_title(tmp_path: Path) -> None:
    title = "示例镇人民政府2024年度政府信息公开工作年度报告"
    head = (
        '<meta name="PubDate" content="2025-01-14 09:30">'
        f'<meta name="ArticleTitle" content="{title}">'
    )
    report = read(tmp_path, page(head, f'<div class="title">{title}</div>'))
    assert report.meta.title == title and report.meta.agency == "示例镇人民政府"
    assert report.meta.published == dt.date(2025, 1, 14)


def test_the_signature_date_wins_over_the_page_date(tmp_path: Path) -> None:
    html = page("", f"<h1>{TITLE}</h1><div>发布日期：2025-02-01</div>", signed=dt.date(2025, 1, 20))
    report = read(tmp_path, html)
    assert report.meta.published == dt.date(2025, 1, 20)
    assert not [d for d in report.deviations if d.kind == "published-from-page"]
    assert "GK605" not in codes(report)


def test_no_date_anywhere_still_says_so(tmp_path: Path) -> None:
    report = read(tmp_path, page("", f"<h1>{TITLE}</h1>"))
    assert report.meta.published is None
    findings = [f for f in gikaireport.validate(report) if f.code == "GK605"]
    assert findings and "未找到落款日期" in findings[0].message
