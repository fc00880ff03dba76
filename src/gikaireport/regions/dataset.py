"""A region's folder of reports as one dataset: who published what, with findings, coverage,
series checks and near-identical prose.

:func:`build_dataset` reads every file of a folder with :func:`gikaireport.read_many`,
resolves each report's agency (:func:`~gikaireport.regions.resolve_agency`), validates each
report and each agency's consecutive years (:func:`gikaireport.validate_series`), and writes
``reports.parquet``, ``findings.parquet``, ``coverage.csv``, ``similarity.csv``,
``dictionary.csv`` and ``index.html`` (see :mod:`gikaireport.regions.schema`).
"""

from __future__ import annotations

import csv
import json
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from attrs import define, field, frozen

from gikaireport.api import read
from gikaireport.batch import expand_paths, read_many
from gikaireport.batch.records import sha256_of
from gikaireport.errors import ReadError, reading
from gikaireport.export.json import from_json, to_json
from gikaireport.export.rows import jsonable
from gikaireport.formats import split_canonical_id
from gikaireport.model import CellStatus, Report
from gikaireport.regions.agency import Agency, resolve_agency
from gikaireport.regions.coverage import coverage_rows
from gikaireport.regions.page import PageData, write_page
from gikaireport.regions.schema import COVERAGE, SIMILARITY, arrow_schema, dictionary_rows
from gikaireport.regions.similarity import PROSE_PARTS, SimilarityIndex, SimilarPair
from gikaireport.validate import Finding, Severity, validate, validate_series

__all__ = ["DatasetSummary", "build_dataset", "file_rows"]

OUTPUTS = (
    "reports.parquet",
    "findings.parquet",
    "coverage.csv",
    "similarity.csv",
    "dictionary.csv",
    "index.html",
)
"""The files :func:`build_dataset` writes."""


@frozen
class DatasetSummary:
    """What :func:`build_dataset` found.

    Attributes:
        files: files read.
        unreadable: files that could not be read.
        agencies: distinct agencies among the readable reports.
        findings: findings written (report and series).
        missing: agency-years missing inside the span of years.
        duplicates: agency-years with more than one report.
        similar_pairs: near-identical prose pairs written.

    """

    files: int
    unreadable: int
    agencies: int
    findings: int
    missing: int
    duplicates: int
    similar_pairs: int


@frozen
class Entry:
    """One file as the dataset sees it: where, whose, which year, read or not."""

    path: str
    agency: Agency | None
    year: int | None
    ok: bool


_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?!\d)")
_TITLE_WORDS = re.compile(r"(?:政府信息公开)?(?:工作)?(?:年度)?报告|年度|年|[_\-\s.]+")


def agency_in_title(title: str) -> str:
    """The agency a title or file name names: without the year and the words for the report."""
    return _TITLE_WORDS.sub("", _YEAR.sub("", title))


def guess_from_name(path: str, region: str | None) -> tuple[Agency | None, int | None]:
    """An unreadable file's agency and year from its name, when the name places both."""
    stem = Path(path).stem
    years = _YEAR.findall(stem)
    year = int(years[-1]) if years else None
    name = agency_in_title(stem)
    agency = resolve_agency(name, context=(region,)) if name else None
    if agency is None or agency.code is None:
        return None, year
    return agency, year


def _text(value: Any) -> str | None:
    return None if value is None else str(jsonable(value))


def finding_row(finding: Finding, entry: Entry, scope: str) -> dict[str, Any]:
    """One row of ``findings.parquet``."""
    location = jsonable(finding.location)
    if isinstance(location, dict):
        location = {k: v for k, v in location.items() if v is not None}
    return {
        "path": finding.path or entry.path,
        "agency_key": entry.agency.key if entry.agency else None,
        "agency": entry.agency.name if entry.agency else None,
        "year": entry.year,
        "scope": scope,
        "code": finding.code,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "message_en": finding.message_en,
        "table": split_canonical_id(finding.cells[0])[0] if finding.cells else None,
        "cells": list(finding.cells),
        "location": json.dumps(location, ensure_ascii=False) if location else None,
        "expected": _text(finding.expected),
        "actual": _text(finding.actual),
        "related": list(finding.related),
    }


def _agency_columns(agency: Agency | None) -> dict[str, Any]:
    region = agency.region() if agency else {}
    return {
        "agency_key": agency.key if agency else None,
        "agency": agency.name if agency else None,
        "agency_kind": agency.kind.value if agency else None,
        "agency_level": agency.level if agency else None,
        "region_code": agency.code if agency else None,
        "province": region.get("province"),
        "city": region.get("city"),
        "county": region.get("county"),
    }


def report_row(report: Report, agency: Agency, sha256: str | None) -> dict[str, Any]:
    """One row of ``reports.parquet`` for a readable report (findings counted later)."""
    meta = report.meta
    row: dict[str, Any] = {
        "path": report.path,
        "sha256": sha256,
        "status": "ok",
        "error": None,
        "reason": None,
        "title": meta.title,
        "agency_printed": meta.agency or meta.signed_by,
        "year": meta.year,
        "published": meta.published,
        "format_version": report.format_version,
        "source_format": report.source_format,
        **_agency_columns(agency),
        "findings": None,
        "errors": None,
        "cell_status": [
            (cell_id, cell.status.value)
            for cell_id, cell in report.cells().items()
            if cell.status is not CellStatus.NUMBER
        ],
    }
    row.update(report.values())
    return row


def unreadable_row(error: ReadError, entry: Entry, sha256: str | None) -> dict[str, Any]:
    """One row of ``reports.parquet`` for a file that could not be read."""
    return {
        "path": entry.path,
        "sha256": sha256,
        "status": "unreadable",
        "error": type(error).__name__,
        "reason": error.reason,
        "year": entry.year,
        **_agency_columns(entry.agency),
        "cell_status": [],
    }


class _RowWriter:
    """Rows appended to a Parquet file in row groups, so that they are not all kept."""

    def __init__(self, path: Path, file: str, group: int = 1000) -> None:
        import pyarrow.parquet as pq  # type: ignore[import-untyped]

        self._schema = arrow_schema(file)
        self._writer = pq.ParquetWriter(path, self._schema)
        self._rows: list[dict[str, Any]] = []
        self._group = group

    def write(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self._group:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if self._rows:
            self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self.flush()
        self._writer.close()


def rows_of(
    report: Report, region: str | None = None
) -> tuple[Entry, dict[str, Any], list[dict[str, Any]]]:
    """A readable report's entry, its row of ``reports.parquet`` and its findings' rows."""
    meta = report.meta
    printed = meta.agency or meta.signed_by or agency_in_title(meta.title or "")
    agency = resolve_agency(printed, context=(meta.title, meta.signed_by, region))
    entry = Entry(report.path or "", agency, meta.year, True)
    findings = [finding_row(f, entry, "report") for f in validate(report)]
    row = report_row(report, agency, sha256_of(entry.path))
    row["findings"] = len(findings)
    row["errors"] = sum(f["severity"] == Severity.ERROR.value for f in findings)
    return entry, row, findings


def file_rows(
    path: str | os.PathLike[str], region: str | None = None
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One file's row of ``reports.parquet`` and its rows of ``findings.parquet``; never raises.

    The per-file work of :func:`build_dataset` without what needs every file together
    (coverage, series, similarity, the page): map it over paths with any executor (a
    ``dask.bag``) and write the rows with the schemas of
    :func:`gikaireport.regions.schema.arrow_schema`.
    """
    name = os.fspath(path)
    try:  # every file's error is that file's row, as in read_many, with read's message
        with reading(name):
            report = read(name)
            _, row, findings = rows_of(report, region)
    except ReadError as failure:
        agency, year = guess_from_name(name, region)
        return unreadable_row(failure, Entry(name, agency, year, False), sha256_of(name)), []
    return row, findings


@define
class _Collector:
    """Everything gathered while the files are read; rows go to their files as they come."""

    region: str | None
    similarity: SimilarityIndex
    reports: _RowWriter
    findings: _RowWriter
    page: PageData = field(factory=PageData)
    entries: list[Entry] = field(factory=list)
    series: defaultdict[str, list[tuple[str, bytes]]] = field(factory=lambda: defaultdict(list))

    def add_report(self, report: Report) -> None:
        entry, row, findings = rows_of(report, self.region)
        agency, meta = entry.agency, report.meta
        assert agency is not None
        self.entries.append(entry)
        self.reports.write(row)
        self.page.add_report(row)
        self._add_findings(findings)
        if meta.year is not None:
            # the series rules need the whole report: kept compressed until they run
            packed = zlib.compress(to_json(report).encode("utf-8"))
            self.series[agency.key].append((entry.path, packed))
            for part_id in PROSE_PARTS:
                part = report.part(part_id)
                if part is not None:
                    self.similarity.add(entry.path, agency.key, meta.year, part_id, part.text)

    def _add_findings(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.findings.write(row)
            self.page.add_finding(row)

    def add_error(self, path: str, error: ReadError) -> None:
        agency, year = guess_from_name(path, self.region)
        entry = Entry(path, agency, year, False)
        self.entries.append(entry)
        row = unreadable_row(error, entry, sha256_of(path))
        self.reports.write(row)
        self.page.add_report(row)

    def check_series(self) -> None:
        """Run the series rules over each agency's consecutive years (one report a year)."""
        by_path = {entry.path: entry for entry in self.entries}
        for packed in self.series.values():
            if len({by_path[path].year for path, _ in packed}) < 2:
                continue
            reports = [
                from_json(zlib.decompress(data).decode("utf-8")) for _, data in sorted(packed)
            ]
            one_a_year = {report.meta.year: report for report in reversed(reports)}
            for finding in validate_series(one_a_year.values()):
                entry = by_path[finding.path or ""]
                self._add_findings([finding_row(finding, entry, "series")])


def _write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(columns))
        writer.writeheader()
        writer.writerows(rows)


def pair_row(pair: SimilarPair, agencies: dict[str, str]) -> dict[str, Any]:
    """One row of ``similarity.csv``."""
    return {
        "path_a": pair.path_a,
        "path_b": pair.path_b,
        "part": pair.part,
        "score": pair.score,
        "relation": pair.relation,
        "agency_a": agencies.get(pair.path_a),
        "agency_b": agencies.get(pair.path_b),
        "passages": " | ".join(pair.passages),
    }


Source = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]
"""What :func:`build_dataset` reads: a folder, a file, or a list of them."""


def _files(source: Source, out: Path) -> list[str]:
    given = [source] if isinstance(source, str | os.PathLike) else list(source)
    inside = out.resolve()
    return [
        os.fspath(path)
        for path in expand_paths(given)
        if not (isinstance(path, Path) and inside in path.resolve().parents)  # URLs are str
    ]


def build_dataset(
    source: Source,
    out: str | os.PathLike[str],
    *,
    jobs: int = 1,
    region: str | None = None,
    threshold: float = 0.8,
    exact_limit: int = 500,
    progress: bool = False,
) -> DatasetSummary:
    """Read a folder (or files and folders) of reports and write the region's dataset to ``out``.

    Args:
        source: a folder, a file, or a list of them; folders are walked by
            :func:`gikaireport.batch.expand_paths` (files of any format and year).
        out: the output folder (created); the files of :data:`OUTPUTS` are written there.
        jobs: processes reading files.
        region: the region the folder belongs to (``湖南省益阳市桃江县``): places agencies
            whose names and documents do not (a bare ``城关镇人民政府``).
        threshold: the smallest prose similarity written to ``similarity.csv``.
        exact_limit: up to this many texts of one part every pair is compared; beyond, the
            candidates come from MinHash LSH.
        progress: show a progress bar while the files are read (as :func:`read_many` does).

    Raises:
        MissingDependencyError: the ``regions`` extra is not installed.

    """
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    index = SimilarityIndex(threshold=threshold, exact_limit=exact_limit)
    reports = _RowWriter(target / "reports.parquet", "reports.parquet")
    findings = _RowWriter(target / "findings.parquet", "findings.parquet")
    collected = _Collector(region, index, reports, findings)
    try:
        for path, outcome in read_many(_files(source, target), jobs=jobs, progress=progress):
            if isinstance(outcome, Report):
                collected.add_report(outcome)
            else:
                collected.add_error(os.fspath(path), outcome)
        collected.check_series()
    finally:
        reports.close()
        findings.close()
    agencies = {e.path: e.agency.name for e in collected.entries if e.agency is not None}
    pairs = [pair_row(pair, agencies) for pair in index.pairs()]
    coverage = list(coverage_rows(collected.entries))
    _write_csv(coverage, [c.name for c in COVERAGE], target / "coverage.csv")
    _write_csv(pairs, [c.name for c in SIMILARITY], target / "similarity.csv")
    columns = ["file", "column", "type", "description"]
    _write_csv(dictionary_rows(), columns, target / "dictionary.csv")
    write_page(target / "index.html", collected.page, coverage, pairs)
    return _summary(collected, coverage, pairs)


def _summary(
    collected: _Collector, coverage: list[dict[str, Any]], pairs: list[dict[str, Any]]
) -> DatasetSummary:
    statuses = [row["status"] for row in coverage]
    return DatasetSummary(
        files=len(collected.entries),
        unreadable=sum(not entry.ok for entry in collected.entries),
        agencies=len({e.agency.key for e in collected.entries if e.ok and e.agency}),
        findings=collected.page.findings_total,
        missing=statuses.count("missing"),
        duplicates=statuses.count("duplicate"),
        similar_pairs=len(pairs),
    )
