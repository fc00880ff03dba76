"""Agencies as printed, resolved to one identity with its region, level and kind.

``淮安市洪泽区人民政府`` and ``洪泽区人民政府`` are one agency: the printed name is normalised
(NFKC, whitespace removed, traditional characters made simplified), the division names at its
start are matched against the division table (:mod:`gikaireport.regions.divisions`), and
what follows them says the kind of body. When the name alone does not place the agency (a
bare ``城关镇人民政府``, a county name that several provinces have), the document's title,
its 落款 or a region given by the user place it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable

from attrs import frozen

from gikaireport.regions.divisions import Division, Level, by_name, division, longest_name
from gikaireport.regions.names import normalize_name

__all__ = ["Agency", "AgencyKind", "resolve_agency"]


class AgencyKind(str, enum.Enum):
    """What kind of body an agency is."""

    GOVERNMENT = "government"
    """A people's government (人民政府) of a province, city or county."""
    GENERAL_OFFICE = "general_office"
    """A government's general office (办公厅, 办公室)."""
    DEPARTMENT = "department"
    """A department or other body of a government (教育局, 生态环境厅 ...)."""
    TOWNSHIP = "township"
    """A township or street government (乡、镇人民政府, 街道办事处)."""


@frozen
class Agency:
    """An agency's identity.

    Attributes:
        printed: the name as given.
        name: the canonical name: the full region path and the canonical body
            (``江苏省淮安市洪泽区人民政府``).
        code: the 6-digit 行政区划 code of the region the agency belongs to (a township's
            county), ``None`` when the region cannot be placed.
        level: the level of that region's government, or ``township``; ``None`` when unplaced.
        kind: the kind of body.
        body: the part of the name after the region (``人民政府``, ``教育局``,
            ``松木塘镇人民政府``).
        candidates: the codes a name could belong to when it stays ambiguous (``code`` is
            then ``None``).

    """

    printed: str
    name: str
    code: str | None
    level: Level | None
    kind: AgencyKind
    body: str
    candidates: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """The identity: one key for the same agency however it is printed."""
        return f"{self.code or '?'}/{self.body}" if self.code else self.name

    def region(self) -> dict[str, str | None]:
        """The names of the province, city and county the agency belongs to."""
        found: dict[str, str | None] = {"province": None, "city": None, "county": None}
        if self.code is None:
            return found
        for code in _path(self.code):
            item = division(code)
            if item is not None:
                found[item.level] = item.name
        return found


_TOWNSHIP = re.compile(
    r"^(?P<unit>[^和与及、]{1,10}?(?:镇|乡|街道))(?:人民政府|政府|办事处|街道办事处)?$"
)
_OFFICE = re.compile(r"^(?:人民)?政府办(?:公厅|公室)?$|^办公(?:厅|室)$")
_GOVERNMENT = ("", "人民政府", "政府")


def _path(code: str) -> tuple[str, ...]:
    item = division(code)
    if item is None:
        return ()
    return (*item.parent_codes, code)


def _under(item: Division, above: Iterable[Division]) -> bool:
    codes = set(item.parent_codes)
    return any(parent.code in codes for parent in above)


def _related(item: Division, other: Division) -> bool:
    return item.code == other.code or _under(item, [other]) or _under(other, [item])


def _match_at(
    text: str, start: int, above: tuple[Division, ...]
) -> tuple[int, tuple[Division, ...]]:
    """The longest division name at ``start`` that fits under ``above`` (any when empty)."""
    names = by_name()
    for end in range(min(len(text), start + longest_name()), start + 1, -1):
        found = names.get(text[start:end])
        if found is None:
            continue
        fitting = tuple(item for item in found if not above or _under(item, above))
        if fitting:
            return end, fitting
    return start, ()


def leading_regions(text: str) -> tuple[tuple[Division, ...], str]:
    """The deepest division named at the start of ``text`` (all candidates), and the rest."""
    position = 0
    deepest: tuple[Division, ...] = ()
    while True:
        end, found = _match_at(text, position, deepest)
        if not found:
            return deepest, text[position:]
        position, deepest = end, found


def _context_division(context: Iterable[str | None]) -> Division | None:
    """The deepest unambiguous division that starts one of the context strings."""
    best: Division | None = None
    for item in context:
        if not item:
            continue
        found, _ = leading_regions(normalize_name(item))
        if len(found) == 1 and (best is None or _under(found[0], [best])):
            best = found[0]
    return best


def _body(rest: str, level: Level | None) -> tuple[AgencyKind, str]:
    if rest in _GOVERNMENT:
        return AgencyKind.GOVERNMENT, "人民政府"
    if _OFFICE.match(rest):
        return (
            AgencyKind.GENERAL_OFFICE,
            "人民政府办公厅" if level == "province" else "人民政府办公室",
        )
    township = _TOWNSHIP.match(rest)
    if township:
        unit = township["unit"]
        return AgencyKind.TOWNSHIP, unit + ("办事处" if unit.endswith("街道") else "人民政府")
    # a name the table does not know (示例县人民政府) still says what kind of body it is
    if rest.endswith(("政府办公室", "政府办公厅")):
        return AgencyKind.GENERAL_OFFICE, rest
    if rest.endswith("人民政府"):
        return AgencyKind.GOVERNMENT, rest
    return AgencyKind.DEPARTMENT, rest


def _canonical(code: str | None, body: str) -> str:
    if code is None:
        return body
    names: list[str] = []
    for step in _path(code):
        item = division(step)
        if item is not None and item.name not in names:
            names.append(item.name)
    return "".join(names) + body


def resolve_agency(name: str, context: Iterable[str | None] = ()) -> Agency:
    """Resolve an agency as printed to its identity, region, level and kind.

    Args:
        name: the agency as printed (``淮安市洪泽区人民政府``, ``清遠市教育局``).
        context: other text that places the agency when its name alone does not: the
            document's title, its 落款, a region given by the user (``湖南省益阳市桃江县``).
            The deepest division that one of them starts with is used.

    Raises:
        MissingDependencyError: the ``regions`` extra (the division table) is not installed.

    """
    text = normalize_name(name)
    found, rest = leading_regions(text)
    place = _context_division(context)
    if place is not None and len(found) > 1:
        narrowed = tuple(item for item in found if _related(item, place))
        found = narrowed or found
    if not found and place is not None:
        found = (place,)
    placed = found[0] if len(found) == 1 else None
    level: Level | None = placed.level if placed is not None else None
    kind, body = _body(rest, level)
    if kind is AgencyKind.TOWNSHIP and placed is not None:
        level = "township"
    code = placed.code if placed is not None else None
    return Agency(
        printed=name,
        name=_canonical(code, body) if code else text,
        code=code,
        level=level,
        kind=kind,
        body=body,
        candidates=tuple(item.code for item in found) if len(found) > 1 else (),
    )
