"""``index.html``: one self-contained page of a region's dataset for the office that checks it.

The page has no external resources: the coverage matrix (agency × year), findings per agency
and per table (which table, which cells), and the near-identical prose pairs, with a search
box for the agency name and city and county filters. The filters are also read from the
address's fragment (``index.html#q=洪泽&city=淮安市&county=洪泽区``), so a filtered view can be
linked to.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from html import escape
from pathlib import Path
from typing import Any

from attrs import define, field

from gikaireport.formats import FORMAT_2021

__all__: list[str] = []

PAGE_FINDINGS = 5000
"""At most this many findings are listed one by one (errors first); the counts cover all."""

_ORDER = {"error": 0, "warning": 1, "info": 2}


@define
class PageData:
    """What the page shows, gathered row by row: counts for all, details up to a limit."""

    files: int = 0
    unreadable: int = 0
    findings_total: int = 0
    places: dict[str, tuple[str, str]] = field(factory=dict)
    cities: set[str] = field(factory=set)
    counties: set[str] = field(factory=set)
    per_table: Counter[tuple[str, str]] = field(factory=Counter)
    findings: list[dict[str, Any]] = field(factory=list)

    def add_report(self, row: dict[str, Any]) -> None:
        """Count one row of ``reports.parquet``."""
        self.files += 1
        self.unreadable += row["status"] != "ok"
        if row.get("agency"):
            self.places[row["agency"]] = (row["city"] or "", row["county"] or "")
        self.cities.update(v for v in [row.get("city")] if v)
        self.counties.update(v for v in [row.get("county")] if v)

    def add_finding(self, row: dict[str, Any]) -> None:
        """Count one row of ``findings.parquet``; keep it while under the limit (errors first)."""
        self.findings_total += 1
        self.per_table[row["agency"] or row["path"], row["table"] or "—"] += 1
        self.findings.append(row)
        if len(self.findings) >= 2 * PAGE_FINDINGS:
            self._trim()

    def _trim(self) -> None:
        self.findings.sort(key=lambda row: _ORDER.get(row["severity"], 3))
        del self.findings[PAGE_FINDINGS:]

    def shown(self) -> list[dict[str, Any]]:
        """The findings listed one by one, in the order they came."""
        if len(self.findings) > PAGE_FINDINGS:
            self._trim()
        return self.findings


_SYMBOLS = {"present": "✓", "duplicate": "2×", "unreadable": "✗", "missing": "—"}

_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:2px 6px}
th{background:#f0f0f0}.present{background:#e3f5e1}.duplicate{background:#fff3c4}
.unreadable{background:#f8d0d0}.missing{background:#eee;color:#999}.hidden{display:none}
td{max-width:36em;overflow-wrap:anywhere}td:first-child,td:nth-child(2){white-space:nowrap}
.error{color:#b00}.filters{position:sticky;top:0;background:#fff;padding:.5em 0}
"""

_SCRIPT = """
function keep(tr, q, city, county) {
  return (!q || tr.dataset.agency.includes(q)) &&
    (!city || tr.dataset.city.split("|").includes(city)) &&
    (!county || tr.dataset.county.split("|").includes(county));
}
function apply() {
  const q = document.getElementById("q").value.trim();
  const city = document.getElementById("city").value;
  const county = document.getElementById("county").value;
  let shown = 0;
  document.querySelectorAll("tr[data-agency]").forEach(function (tr) {
    const ok = keep(tr, q, city, county);
    tr.classList.toggle("hidden", !ok);
    shown += ok;
  });
  document.getElementById("shown").textContent = String(shown);
}
function fromHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  for (const id of ["q", "city", "county"]) {
    if (params.has(id)) document.getElementById(id).value = params.get(id);
  }
  apply();
}
document.addEventListener("DOMContentLoaded", function () {
  for (const id of ["q", "city", "county"]) {
    document.getElementById(id).addEventListener("input", apply);
  }
  fromHash();
});
window.addEventListener("hashchange", fromHash);
"""


def _attrs(agency: str | None, cities: Iterable[str | None], counties: Iterable[str | None]) -> str:
    def joined(values: Iterable[str | None]) -> str:
        return escape("|".join(v for v in values if v))

    return (
        f' data-agency="{escape(agency or "")}" data-city="{joined(cities)}"'
        f' data-county="{joined(counties)}"'
    )


def _options(element_id: str, label: str, values: Iterable[str | None]) -> str:
    options = "".join(f"<option>{escape(v)}</option>" for v in sorted({v for v in values if v}))
    return (
        f'<label>{label} <select id="{element_id}"><option value="">全部</option>'
        f"{options}</select></label>"
    )


def _coverage(coverage: list[dict[str, Any]]) -> Iterator[str]:
    years = sorted({row["year"] for row in coverage if row["year"] is not None})
    by_agency: defaultdict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    first: dict[str, dict[str, Any]] = {}
    for row in coverage:
        if row["agency_key"]:
            by_agency[row["agency_key"]][row["year"]] = row
            first.setdefault(row["agency_key"], row)
    yield "<h2>覆盖情况 Coverage</h2><table id='coverage'><tr><th>机关</th>"
    yield "".join(f"<th>{year}</th>" for year in years) + "</tr>"
    for key, row in first.items():
        attributes = _attrs(row["agency"], [row["city"]], [row["county"]])
        yield f"<tr{attributes}><td>{escape(row['agency'])}</td>"
        for year in years:
            cell = by_agency[key].get(year, {"status": "missing", "paths": ""})
            status = cell["status"]
            yield (
                f'<td class="{status}" title="{escape(cell["paths"] or status)}">'
                f"{_SYMBOLS[status]}</td>"
            )
        yield "</tr>"
    yield "</table>"


def _table_name(table: str) -> str:
    """``三 applications``: the part's number before the table id."""
    numbers = {part.id: part.number for part in FORMAT_2021.parts}
    return f"{numbers[table]} {table}" if table in numbers else table


def _per_table(
    counts: Counter[tuple[str, str]], places: dict[str, tuple[str, str]]
) -> Iterator[str]:
    tables = sorted({table for _, table in counts})
    yield "<h2>问题分布 Findings per agency and table</h2><table id='per-table'><tr><th>机关</th>"
    yield "".join(f"<th>{escape(_table_name(t))}</th>" for t in tables) + "</tr>"
    for agency in sorted({agency for agency, _ in counts}):
        city, county = places.get(agency, ("", ""))
        yield f"<tr{_attrs(agency, [city], [county])}><td>{escape(agency)}</td>"
        yield "".join(f"<td>{counts.get((agency, t), '')}</td>" for t in tables) + "</tr>"
    yield "</table>"


def _findings(findings: list[dict[str, Any]], places: dict[str, tuple[str, str]]) -> Iterator[str]:
    yield "<h2>问题明细 Findings</h2><table id='findings'><tr><th>机关</th><th>年度</th>"
    yield "<th>表</th><th>单元格</th><th>规则</th><th>说明</th><th>文件</th></tr>"
    for row in findings:
        agency = row["agency"] or row["path"]
        city, county = places.get(agency, ("", ""))
        yield (
            f"<tr{_attrs(agency, [city], [county])} class='{escape(row['severity'])}'>"
            f"<td>{escape(agency)}</td><td>{row['year'] or ''}</td>"
            f"<td>{escape(_table_name(row['table'] or ''))}</td>"
            f"<td>{escape(' '.join(row['cells']))}</td>"
            f"<td>{escape(row['code'])} {escape(row['severity'])}</td>"
            f"<td>{escape(row['message'])}</td><td>{escape(row['path'])}</td></tr>"
        )
    yield "</table>"


def _pairs(pairs: list[dict[str, Any]], places: dict[str, tuple[str, str]]) -> Iterator[str]:
    yield "<h2>内容雷同 Near-identical prose</h2><table id='similarity'><tr><th>机关 A</th>"
    yield "<th>机关 B</th><th>部分</th><th>相似度</th><th>关系</th><th>相同段落</th></tr>"
    for row in pairs:
        a, b = row["agency_a"] or row["path_a"], row["agency_b"] or row["path_b"]
        where = [places.get(a, ("", "")), places.get(b, ("", ""))]
        yield (
            f"<tr{_attrs(a + ' ' + b, [w[0] for w in where], [w[1] for w in where])}>"
            f"<td title='{escape(row['path_a'])}'>{escape(a)}</td>"
            f"<td title='{escape(row['path_b'])}'>{escape(b)}</td><td>{escape(row['part'])}</td>"
            f"<td>{row['score']:.2f}</td><td>{escape(row['relation'])}</td>"
            f"<td>{escape(row['passages'])}</td></tr>"
        )
    yield "</table>"


def render_page(data: PageData, coverage: list[dict[str, Any]], pairs: list[dict[str, Any]]) -> str:
    """The page's HTML from what was gathered and the coverage and similarity rows."""
    shown = data.shown()
    more = data.findings_total - len(shown)
    body = [
        "<h1>政府信息公开工作年度报告 检查结果</h1>",
        f"<p>{data.files} 个文件，{data.unreadable} 个无法读取，{data.findings_total} 个问题，"
        f"{len(pairs)} 对内容雷同。显示 <span id='shown'></span> 行。</p>",
        "<div class='filters'><label>机关 <input id='q' type='search' placeholder='机关名称'>"
        "</label> ",
        _options("city", "市", data.cities),
        _options("county", "县（区）", data.counties),
        "</div>",
        *_coverage(coverage),
        *_per_table(data.per_table, data.places),
        *_findings(shown, data.places),
        f"<p>另有 {more} 个问题见 findings.parquet。</p>" if more else "",
        *_pairs(pairs, data.places),
    ]
    return (
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>"
        f"<title>年度报告检查结果</title><style>{_STYLE}</style><script>{_SCRIPT}</script>"
        f"</head><body>{''.join(body)}</body></html>\n"
    )


def write_page(
    path: Path, data: PageData, coverage: list[dict[str, Any]], pairs: list[dict[str, Any]]
) -> None:
    """Write :func:`render_page` to ``path``."""
    path.write_text(render_page(data, coverage, pairs), encoding="utf-8")
