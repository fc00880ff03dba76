"""Render a :class:`~gikaireport.model.Report` as a government portal publishes it in HTML.

The page has what real portal pages have around a report: a site header with a search form,
navigation, breadcrumbs, a metadata table (索引号, 发布机构 ...), the title, an info line with
font-size and print widgets, a side column of links, share buttons and a footer. The report
itself has the title, a preamble with the 统计期限, the six headings, the three tables with
their cells merged as the national template merges them (block captions and header cells
spanning columns, group labels spanning rows, part 四 as one row of 15 numbers under its
header rows) and the 落款.

Variants real pages show are options: the encoding (UTF-8, or GBK declared as GBK or as
GB2312, or undeclared), ``<br>`` inside long labels, ``&nbsp;`` in blank cells, traditional
characters (mirror sites), a bare fragment without the page around it, and part 四's header
in two rows instead of three.

Cells print their raw text when they have one; otherwise a number prints as itself, a blank
cell as nothing, a not-applicable cell as ``/``, and an absent cell as nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from html import escape
from typing import Literal

from gikaireport.assemble.normalize import to_simplified
from gikaireport.formats import FormatSpec, Row, canonical_id
from gikaireport.model import Cell, CellStatus, Report
from gikaireport.testing.wording import chinese_date, report_title

__all__ = ["render_html"]

Encoding = Literal["utf-8", "gbk", "gb2312"]

_RESULTS_PREFIX = "results."
_LABEL_BREAK_AT = 12
"""With ``breaks``, labels longer than this get a ``<br>`` after this many characters."""


def render_html(
    report: Report,
    *,
    encoding: Encoding = "utf-8",
    declare_charset: bool = True,
    breaks: bool = False,
    nbsp: bool = False,
    traditional: bool = False,
    page: bool = True,
    review_header_rows: Literal[2, 3] = 3,
) -> bytes:
    """Render the report as the bytes of an HTML page.

    Args:
        report: the report to render.
        encoding: ``"utf-8"``; ``"gbk"``; or ``"gb2312"``, which declares GB2312 but encodes
            as GBK, as many portals do.
        declare_charset: whether the page declares its charset in a ``<meta>`` tag.
        breaks: put a ``<br>`` inside long row and column labels.
        nbsp: write blank cells as ``&nbsp;`` instead of leaving them empty.
        traditional: convert the page to traditional characters, as mirror sites do.
        page: wrap the report in a portal page; ``False`` gives a bare fragment.
        review_header_rows: part 四's header as the template's three rows, or two
            (行政复议 / 未经复议直接起诉 / 复议后起诉 over the field names).

    """
    body = "\n".join(_report(report, breaks, nbsp, review_header_rows))
    if page:
        charset = "gb2312" if encoding == "gb2312" else encoding
        text = _page(report, body, charset if declare_charset else None)
    else:
        text = body
    if traditional:
        text = to_traditional(text)
    return text.encode("utf-8" if encoding == "utf-8" else "gbk")


@lru_cache(maxsize=1)
def _simplified_to_traditional() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x4E00, 0xA000):
        character = chr(code)
        simplified = to_simplified(character)
        if simplified != character and len(simplified) == 1:
            table.setdefault(ord(simplified), character)
    return table


def to_traditional(text: str) -> str:
    """Convert the characters the library's traditional mapping knows to traditional ones.

    The inverse of :func:`gikaireport.assemble.normalize.to_simplified` for those
    characters: ``to_simplified(to_traditional(label)) == label`` for every official label.
    """
    return text.translate(_simplified_to_traditional())


# -- the report -----------------------------------------------------------------------------


def _preamble(report: Report) -> str:
    meta = report.meta
    text = (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和"
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        "要求编制。"
    )
    start = meta.period_start or (dt.date(meta.year, 1, 1) if meta.year else None)
    end = meta.period_end or (dt.date(meta.year, 12, 31) if meta.year else None)
    if start and end:
        text += f"本报告所列数据的统计期限自{chinese_date(start)}起至{chinese_date(end)}止。"
    if meta.agency:
        text += f"本报告电子版可在{escape(meta.agency)}门户网站下载。"
    return text


def _report(report: Report, breaks: bool, nbsp: bool, review_rows: int) -> Iterator[str]:
    spec = report.spec
    cells = report.cells()
    yield f'<p style="text-align:center;"><strong>{escape(report_title(report))}</strong></p>'
    yield f'<p style="text-indent:2em;">{_preamble(report)}</p>'
    for part_spec in spec.parts:
        part = report.part(part_spec.id)
        if part is not None:
            heading = part.heading or f"{part_spec.number}、{part_spec.title.text}"
            yield f'<p style="text-indent:2em;"><strong>{escape(heading)}</strong></p>'
            for line in part.text.split("\n"):
                if line.strip():
                    yield f'<p style="text-indent:2em;">{escape(line)}</p>'
        if any(table.id == part_spec.id for table in spec.tables):
            renderer = _TABLES[part_spec.id]
            rows = renderer(spec, cells, _Style(breaks, nbsp, review_rows))
            yield _table(rows)
    signer = report.meta.signed_by or report.meta.agency
    if signer:
        yield f'<p style="text-align:right;">{escape(signer)}</p>'
    if report.meta.published:
        yield f'<p style="text-align:right;">{chinese_date(report.meta.published)}</p>'


class _Style:
    """How table cells are written."""

    def __init__(self, breaks: bool, nbsp: bool, review_rows: int) -> None:
        self.breaks = breaks
        self.nbsp = nbsp
        self.review_rows = review_rows

    def label(self, text: str, colspan: int = 1, rowspan: int = 1) -> str:
        shown = escape(text)
        if self.breaks and len(text) > _LABEL_BREAK_AT:
            shown = f"{escape(text[:_LABEL_BREAK_AT])}<br/>{escape(text[_LABEL_BREAK_AT:])}"
        return _td(shown, colspan, rowspan)

    def value(self, cell: Cell, colspan: int = 1) -> str:
        if cell.raw:
            shown = escape(cell.raw)
        elif cell.status is CellStatus.NUMBER:
            shown = format(cell.value, "f") if isinstance(cell.value, Decimal) else str(cell.value)
        elif cell.status is CellStatus.NOT_APPLICABLE:
            shown = "/"
        else:
            shown = "&nbsp;" if self.nbsp else ""
        return _td(shown, colspan, 1)


def _td(content: str, colspan: int, rowspan: int) -> str:
    attributes = ""
    if colspan > 1:
        attributes += f' colspan="{colspan}"'
    if rowspan > 1:
        attributes += f' rowspan="{rowspan}"'
    return f'<td{attributes} style="border:1px solid #000;">{content}</td>'


def _table(rows: list[str]) -> str:
    body = "\n".join(f"<tr>{row}</tr>" for row in rows)
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="600">\n'
        f"<tbody>\n{body}\n</tbody>\n</table>"
    )


def _proactive(spec: FormatSpec, cells: dict[str, Cell], style: _Style) -> list[str]:
    """Part 二: per block a caption row, a header row and one row per item."""
    table = spec.table("proactive")
    width = max(len(row.columns) for row in table.rows)
    rows: list[str] = []
    block: str | None = None
    for row in table.rows:
        if row.block != block:
            block = row.block
            rows.append(style.label(block or "", colspan=width + 1))
            header = [style.label(table.captions.label_column)]
            for position, column in enumerate(row.columns):
                span = width - position if position == len(row.columns) - 1 else 1
                header.append(style.label(column.label.text, colspan=span))
            rows.append("".join(header))
        values = [style.label(row.printed)]
        for position, column in enumerate(row.columns):
            span = width - position if position == len(row.columns) - 1 else 1
            values.append(
                style.value(cells[canonical_id(table.id, row.id, column.id)], colspan=span)
            )
        rows.append("".join(values))
    return rows


def _applications(spec: FormatSpec, cells: dict[str, Cell], style: _Style) -> list[str]:
    """Part 三: three header rows, then the rows; 本年度办理结果 and its groups span rows."""
    table = spec.table("applications")
    columns = table.rows[0].columns
    applicants = len(columns) - 2  # 自然人 and 总计 stand apart from the organisations
    rows = [
        style.label(table.captions.label_column, colspan=3, rowspan=3)
        + style.label(table.captions.columns, colspan=len(columns)),
        style.label(columns[0].label.text, rowspan=2)
        + style.label(table.captions.column_group, colspan=applicants)
        + style.label(columns[-1].label.text, rowspan=2),
        "".join(style.label(column.label.text) for column in columns[1:-1]),
    ]
    results = [row for row in table.rows if row.id.startswith(_RESULTS_PREFIX)]
    labels = _result_labels(results)
    for row in table.rows:
        html = ""
        if row is results[0]:
            html += style.label(results[0].group or "", rowspan=len(results))
        if row.id in labels:
            group, size, label = labels[row.id]
            if group is not None:
                html += style.label(group, rowspan=size)
            html += style.label(label, colspan=1 if size else 2)
        else:
            html += style.label(row.printed, colspan=3)
        html += "".join(style.value(cells[cell_id]) for cell_id in table.row_cell_ids(row))
        rows.append(html)
    return rows


def _result_labels(results: list[Row]) -> dict[str, tuple[str | None, int, str]]:
    """How each result row prints its labels: ``(group, size, label)``.

    ``group`` is the sub-group label (（三）不予公开 ...) on the sub-group's first row, spanning
    ``size`` rows, else ``None``; ``size`` is 0 for a row with no sub-group, whose label then
    spans both label columns. A sub-group of one row named like the group (2019's （六）其他处理)
    prints as one merged label.
    """
    outer = results[0].group
    labels: dict[str, tuple[str | None, int, str]] = {}
    for position, row in enumerate(results):
        members = [r for r in results if r.group == row.group]
        if row.group is None or row.group == outer:
            labels[row.id] = (None, 0, row.printed)
            continue
        if len(members) == 1 and row.group.endswith(row.label.text):
            labels[row.id] = (None, 0, row.group)
            continue
        first = position == 0 or results[position - 1].group != row.group
        labels[row.id] = (row.group if first else None, len(members), row.printed)
    return labels


def _review_litigation(spec: FormatSpec, cells: dict[str, Cell], style: _Style) -> list[str]:
    """Part 四: header rows over one row of 15 numbers."""
    table = spec.table("review_litigation")
    review, *litigation = table.rows
    fields = review.columns
    if style.review_rows == 3:
        rows = [
            style.label(review.label.text, colspan=len(fields))
            + style.label(
                litigation[0].group or table.captions.row_group,
                colspan=len(fields) * len(litigation),
            ),
            "".join(style.label(column.label.text, rowspan=2) for column in fields)
            + "".join(style.label(row.label.text, colspan=len(fields)) for row in litigation),
            "".join(style.label(column.label.text) for _ in litigation for column in fields),
        ]
    else:
        rows = [
            "".join(style.label(row.label.text, colspan=len(fields)) for row in table.rows),
            "".join(style.label(column.label.text) for _ in table.rows for column in fields),
        ]
    rows.append("".join(style.value(cells[cell_id]) for cell_id in table.cell_ids))
    return rows


_TABLES = {
    "proactive": _proactive,
    "applications": _applications,
    "review_litigation": _review_litigation,
}


# -- the portal page around it ----------------------------------------------------------------


def _page(report: Report, body: str, charset: str | None) -> str:
    title = escape(report_title(report))
    lines = (
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        *_head(title, charset),
        "<body>",
        *_site_top(),
        '<div class="main">',
        *_side_column(),
        *_article(report, title, body),
        "</div>",
        *_footer(),
        '<script src="/js/common.js"></script>',
        "</body>",
        "</html>",
    )
    return "\n".join(lines) + "\n"


def _head(title: str, charset: str | None) -> tuple[str, ...]:
    declaration = (
        f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        if charset
        else ""
    )
    return (
        "<head>",
        declaration,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}_示例县人民政府门户网站</title>",
        '<link rel="stylesheet" href="/css/style.css">',
        '<style>body { font-family: "Microsoft YaHei"; } .content p { line-height: 2; }</style>',
        '<script>var _hm = _hm || []; (function() { var s = "统计代码"; })();</script>',
        "</head>",
    )


def _site_top() -> tuple[str, ...]:
    """The site's logo, links, search form and main menu."""
    menu = "".join(
        f'<li><a href="/{i}/">{name}</a></li>'
        for i, name in enumerate(("首页", "政务公开", "政务服务", "互动交流", "专题专栏"))
    )
    return (
        '<div class="top">',
        '  <div class="logo"><a href="/"><img src="/logo.png" alt="示例县人民政府"></a></div>',
        '  <div class="top-links">今天是：<span id="today"></span>',
        '    <a href="/wza/">无障碍阅读</a> <a href="/en/">English</a></div>',
        '  <form class="search" action="/search/"><input type="text" name="q">',
        '    <button type="submit">搜索</button></form>',
        "</div>",
        f'<nav class="menu"><ul>{menu}</ul></nav>',
    )


def _side_column() -> tuple[str, ...]:
    """The breadcrumbs and the column's list of years."""
    years = "".join(
        f'<li><a href="/nb/{y}/">{y}年政府信息公开年报</a></li>' for y in range(2019, 2025)
    )
    return (
        '  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>',
        '    &gt; <a href="/nb/">政府信息公开年报</a></div>',
        '  <div class="side">',
        "    <h3>政府信息公开年报</h3>",
        f"    <ul>{years}</ul>",
        '    <div class="side-note">本栏目发布示例县各级行政机关政府信息公开工作年度报告。</div>',
        "  </div>",
    )


def _article(report: Report, title: str, body: str) -> tuple[str, ...]:
    """The article: metadata table, title, info line with widgets, the report, share links."""
    meta = report.meta
    agency = escape(meta.agency or "示例县人民政府")
    published = meta.published.isoformat() if meta.published else ""
    index = f"000000000/{published[:4] or '0000'}-00001"
    size = " ".join(f'<a href="javascript:void(0)">{s}</a>' for s in "大中小")
    return (
        '  <div class="article">',
        '    <table class="xxgk-meta" width="100%">',
        f"      <tr><td>索引号：</td><td>{index}</td>",
        "        <td>主题分类：</td><td>政府信息公开年报</td></tr>",
        f"      <tr><td>发布机构：</td><td>{agency}</td>",
        f"        <td>发文日期：</td><td>{published}</td></tr>",
        f'      <tr><td>名称：</td><td colspan="3">{title}</td></tr>',
        "    </table>",
        f'    <h1 class="article-title">{title}</h1>',
        f'    <div class="article-info">发布时间：{published} 来源：{agency}',
        '      浏览次数：<span id="hits">0</span> 字号：' + size,
        '      <a href="javascript:window.print()">打印本页</a>',
        '      <a href="javascript:window.close()">关闭窗口</a></div>',
        '    <div class="content" id="zoom">',
        body,
        "    </div>",
        '    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>',
        '    <div class="related"><h4>相关链接</h4>',
        '      <ul><li><a href="/nb/2022/">示例县2022年政府信息公开工作年度报告</a></li></ul>',
        "    </div>",
        "  </div>",
    )


def _footer() -> tuple[str, ...]:
    return (
        '<div class="footer">',
        "  <p>主办单位：示例县人民政府办公室　承办单位：示例县政务服务中心</p>",
        "  <p>地址：示例县人民路1号　联系电话：0000-0000000　网站标识码：0000000000</p>",
        "  <p>备案号：示ICP备00000000号　版权所有 2005-2025</p>",
        "</div>",
    )
