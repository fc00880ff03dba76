"""Coverage: which agency published which year, over the span of years of a folder.

Each agency seen in the folder gets one row per year of the span (the first to the last year
of any report in it): ``present`` (one readable report), ``duplicate`` (two or more),
``unreadable`` (no readable report, but a file whose name places it there) or ``missing``
(nothing). Files that are not placed (an unreadable file whose name does not name a known agency
and year, a report without a year) get one row each.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from gikaireport.regions.agency import Agency
    from gikaireport.regions.dataset import Entry

__all__: list[str] = []


def status_of(readable: int, unreadable: int) -> str:
    """The coverage status of one agency-year from its counts of files."""
    if readable > 1:
        return "duplicate"
    if readable == 1:
        return "present"
    return "unreadable" if unreadable else "missing"


def _unplaced(entry: Entry) -> dict[str, Any]:
    return {
        "agency_key": None,
        "agency": None,
        "year": entry.year,
        "status": "present" if entry.ok else "unreadable",
        "files": 1,
        "paths": entry.path,
    }


def coverage_rows(entries: Iterable[Entry]) -> Iterator[dict[str, Any]]:
    """The rows of ``coverage.csv``, agencies by canonical name, years in order."""
    cells: defaultdict[tuple[str, int], list[Entry]] = defaultdict(list)
    agencies: dict[str, Agency] = {}
    unplaced: list[Entry] = []
    for entry in entries:
        if entry.agency is None or entry.year is None:
            unplaced.append(entry)
            continue
        cells[entry.agency.key, entry.year].append(entry)
        agencies.setdefault(entry.agency.key, entry.agency)
    years = [year for _, year in cells]
    span = range(min(years), max(years) + 1) if years else range(0)
    for key, agency in sorted(agencies.items(), key=lambda item: item[1].name):
        region = agency.region()
        for year in span:
            found = cells.get((key, year), [])
            readable = sum(entry.ok for entry in found)
            yield {
                "agency_key": key,
                "agency": agency.name,
                "region_code": agency.code,
                **region,
                "year": year,
                "status": status_of(readable, len(found) - readable),
                "files": len(found),
                "paths": ";".join(entry.path for entry in found),
            }
    yield from (_unplaced(entry) for entry in unplaced)
