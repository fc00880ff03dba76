"""``gikaireport check --series`` and ``--summary`` on real text files."""

import datetime as dt

import attrs

from gikaireport import CellStatus
from gikaireport.cli import main
from gikaireport.testing import render_text, with_cell
from report_factory import make_report


def _year(report, year):
    meta = attrs.evolve(
        report.meta,
        title=f"{report.meta.agency}{year}年政府信息公开工作年度报告",
        year=year,
        period_start=dt.date(year, 1, 1),
        period_end=dt.date(year, 12, 31),
        published=dt.date(year + 1, 1, 20),
    )
    return attrs.evolve(report, meta=meta)


def _write(tmp_path, name, report):
    path = tmp_path / name
    path.write_text(render_text(report, "tab_rows"), encoding="utf-8")
    return str(path)


def _consecutive(tmp_path, carried_over_shift=0):
    first = _year(make_report(3), 2022)
    second = _year(make_report(4), 2023)
    for column in first.spec.table("applications").rows[0].columns:
        forward = first.values()[f"applications.carried_forward.{column.id}"]
        shift = carried_over_shift if column.id == "natural_person" else 0
        second = with_cell(second, f"applications.carried_over.{column.id}", int(forward) + shift)
    return _write(tmp_path, "2022.txt", first), _write(tmp_path, "2023.txt", second)


def test_series_reports_a_broken_carry_over(tmp_path, capsys):
    paths = _consecutive(tmp_path, carried_over_shift=1)
    status = main(["check", "--series", "--select", "GK901", *paths])
    out = capsys.readouterr().out
    assert status == 1
    assert "GK901" in out and "2023.txt" in out


def test_series_is_silent_when_the_years_agree(tmp_path, capsys):
    paths = _consecutive(tmp_path)
    assert main(["check", "--series", "--select", "GK901", *paths]) == 0
    assert "GK901" not in capsys.readouterr().out


def test_summary_against_its_units(tmp_path, capsys):
    unit = _year(make_report(5), 2022)
    doubled = unit
    for cell_id, cell in unit.cells().items():
        if cell.status is CellStatus.NUMBER:
            doubled = with_cell(doubled, cell_id, cell.value * 2)
    summary = with_cell(doubled, "proactive.licensing.decisions", 1)
    units = [_write(tmp_path, f"unit{i}.txt", unit) for i in (1, 2)]
    summary_path = _write(tmp_path, "summary.txt", summary)
    status = main(["check", "--select", "GK903", "--summary", summary_path, *units])
    out = capsys.readouterr().out
    assert status == 1
    assert "GK903" in out and "summary.txt" in out
    assert out.count("GK903") == 1
