"""What a report's title and agency say about the body that publishes it.

Its level, and whether the report is a government's regional summary: heuristics,
documented with the rules that use them.

The *subject* of a report is its title without the year and the words 政府信息公开工作(年度)
报告: ``交口县2022年政府信息公开工作年度报告`` → ``交口县``, ``汾西县人民政府办公室2023年…`` →
``汾西县人民政府办公室``. Without a title, the agency (or the body of the 落款) stands in.
"""

from __future__ import annotations

import re
import unicodedata

from gikaireport.model import Report

__all__ = ["is_government", "level"]

_YEAR = re.compile(r"\d{4}\s*年度?")
_REPORT_WORDS = re.compile(r"(?:关于)?(?:的)?政府信息(?:与政务)?公开.*$")

_WHOLE_REGION = re.compile(r"本地区|本级政府|全(?:省|区|市|州|盟|县|旗)(?=政府信息|$)")
_REGION_GOVERNMENT = re.compile(
    r"(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|自治旗|区|特区|林区)(?:人民政府|政府)?$"
)
_TOWNSHIP = re.compile(
    r"(?:乡|镇)(?=$|人民政府|政府|党委|人大|办公室|办事处|便民服务中心)|街道|苏木|社区"
)
_COUNTY = re.compile(r"县(?![域级])|(?<![红国党])旗|(?<!自治)(?<![地军片])区(?![划域块间别分位])")


_WHITESPACE = re.compile(r"\s+")


def _folded(title: str) -> str:
    """Return the title in NFKC form without spaces."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", title))


def subject(report: Report) -> str | None:
    """Return the body a report is about, from its title (see the module documentation)."""
    title = report.meta.title
    if title:
        text = _REPORT_WORDS.sub("", _YEAR.sub("", _folded(title)))
        text = text.removeprefix("关于")
        if text:
            return text
    return report.meta.agency or report.meta.signed_by


def is_regional_summary(report: Report) -> bool:
    """Tell whether the report is a government's report on its whole region.

    Such a report (本级政府年度报告) is due by 31 March instead of 31 January.

    True when the title speaks of the whole region (本地区, 全市, 全县 …) or when the subject
    is a region or its government (``交口县``, ``XX市人民政府``), not one of its departments
    or its office (``XX县人民政府办公室``, ``XX县教育局``). A township (乡, 镇, 街道) is not a
    region here: the 31 March date applies to governments at county level and above.
    A misreading errs towards the later date, so it can only hide a late report, never
    report a timely one as late.
    """
    return regional_summary_of(report, subject(report))


def regional_summary_of(report: Report, name: str | None) -> bool:
    """:func:`is_regional_summary` for a report whose :func:`subject` is ``name``."""
    if _WHOLE_REGION.search(_YEAR.sub("", _folded(report.meta.title or ""))):
        return True
    if not name or not _REGION_GOVERNMENT.search(name):
        return False
    return not _TOWNSHIP.search(name)


_GOVERNMENT = re.compile(
    r"(?:省|自治区|市|自治州|州|盟|地区|县|自治县|旗|自治旗|区|特区|林区|乡|民族乡|镇|苏木)"
    r"(?:人民政府|政府)?$"
)
_NOT_GOVERNMENT = re.compile(
    r"街道|社区|开发区|高新区|园区|工业区|示范区|管理区|试验区|合作区|保税区|景区|名胜区|管委会"
    r"|办公室|办公厅"
)


def is_government(report: Report) -> bool:
    """Tell whether the report is a people's government's (各级人民政府), not a department's.

    True when the subject (the title's body) is a region or its government, at any level
    down to the township: ``交口县`` (also when its office signs the report),
    ``XX市人民政府``, ``XX乡``. False for a department (``XX县教育局``), for a report whose
    title names the government's office itself (``XX县人民政府办公室``: the office's own
    report), for a sub-district (街道: an agency of the district government), and for
    development zones and parks (开发区, 园区 …: run by 管委会, not governments).
    """
    return government_of(subject(report))


def government_of(name: str | None) -> bool:
    """:func:`is_government` for a report whose :func:`subject` is ``name``."""
    if not name:
        return False
    return _GOVERNMENT.search(name) is not None and _NOT_GOVERNMENT.search(name) is None


def level(report: Report) -> str | None:
    """Return the level of the body: ``"township"``, ``"county"`` or ``None``.

    ``"township"``: the name has a 乡 or 镇 that ends it or is followed by the name of a
    township organ (人民政府, 党委, 办事处 ...), or 街道, 苏木, 社区. A 乡 or 镇 inside a place
    name (平乡县, 镇江市) or a word (城乡, 乡镇企业) is not one. ``"county"``: 县 (not 县域,
    县级), 旗 (not 红旗), or 区 (not 自治区, 地区, 区划, 区域 …): counties, banners and city
    districts, and the development zones and parks named 区 in a city. ``None``: the name
    shows neither (a province, a city, a ministry, a county-level city, or no name at all).
    """
    return level_of(report, subject(report))


def level_of(report: Report, name: str | None) -> str | None:
    """:func:`level` for a report whose :func:`subject` is ``name``."""
    names = [n for n in (name, report.meta.agency, report.meta.signed_by) if n]
    if not names:
        return None
    name = names[0]
    if _TOWNSHIP.search(name):
        return "township"
    if _COUNTY.search(name):
        return "county"
    return None
