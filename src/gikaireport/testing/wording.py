"""How the test renderers word a report's title and its dates."""

from __future__ import annotations

import datetime as dt

from gikaireport.model import Report

__all__: list[str] = []


def report_title(report: Report) -> str:
    """Return the report's title: as recorded, or built from the agency and the year."""
    meta = report.meta
    if meta.title:
        return meta.title
    year = f"{meta.year}年" if meta.year is not None else ""
    return f"{meta.agency or ''}{year}政府信息公开工作年度报告"


def chinese_date(day: dt.date) -> str:
    """A date as reports print it: ``2024年1月5日``."""
    return f"{day.year}年{day.month}月{day.day}日"
