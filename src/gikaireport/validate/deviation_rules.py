"""Rules made from a table: one :class:`DeviationRule` per rule that reports deviations.

Most rules over :attr:`Report.deviations <gikaireport.Report.deviations>` have the same
shape: for each deviation of their kinds, one finding at the deviation's place, about its
cells, with the rule's message templates filled from what the deviation records. Such a rule
is a row of data (kinds, code, name, severity, templates, fix, example, documentation) and
:func:`register` makes the rule from it.

Each deviation kind is reported by exactly one rule: :func:`register` and :func:`claim`
(for a rule written by hand, such as ``published-missing``) record which, and refuse a kind
claimed twice. :data:`RULE_OF_KIND` is that record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from attrs import frozen

from gikaireport.model import Deviation, DeviationKind, Report
from gikaireport.validate.engine import Example, rule
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Issue, Severity

__all__: list[str] = []

RULE_OF_KIND: dict[str, str] = {}
"""The code of the rule that reports each deviation kind."""


def claim(code: str, *kinds: DeviationKind) -> None:
    """Record that the rule ``code`` reports ``kinds``; a kind has one rule only."""
    for kind in kinds:
        owner = RULE_OF_KIND.setdefault(kind.value, code)
        if owner != code:
            raise ValueError(f"deviation kind {kind.value!r} is reported by {owner} already")


def deviations(report: Report, kind: str) -> Iterator[Deviation]:
    """Yield the report's deviations of one kind, in the order they were recorded."""
    return (d for d in report.deviations if d.kind == kind)


def cells_en(deviation: Deviation) -> str:
    """Name up to three of the deviation's cells, for English messages."""
    if not deviation.cells:
        return ""
    shown = ", ".join(deviation.cells[:3])
    more = f" and {len(deviation.cells) - 3} more" if len(deviation.cells) > 3 else ""
    return f" (cells {shown}{more})"


def issue(deviation: Deviation, **params: Any) -> Issue:
    """Make an issue at the deviation's place, about its cells, for the rule's templates.

    The templates can name the deviation's ``found`` (what the document prints),
    ``official`` (what the format prescribes, the deviation's ``expected``), ``note`` (its
    message), ``kind``, and ``cells_en`` (up to three of its cells, for English), besides
    ``params``.
    """
    return Issue.of(
        cells=deviation.cells,
        location=deviation.source,
        found=deviation.found,
        official=deviation.expected,
        note=deviation.message,
        kind=deviation.kind,
        cells_en=cells_en(deviation),
        **params,
    )


Params = Callable[[Report, Deviation], Mapping[str, Any]]


def _no_params(report: Report, deviation: Deviation) -> Mapping[str, Any]:
    return {}


@frozen
class DeviationRule:
    """A rule that reports every deviation of its kinds, as data.

    Attributes:
        kinds: the deviation kinds the rule reports, in the order it reports them.
        code / name / category / severity / summary: as for :func:`rule`.
        message / message_en / fix / fix_en: the templates, which can name what
            :func:`issue` gives and what ``params`` adds.
        failing: the example the rule reports (the rule's ``passing`` example is the
            ``passing`` given to :func:`register`).
        doc: what the rule checks and why (the rule's documentation).
        params: more template values from the report and the deviation.
        make: builds the issue of one deviation instead of :func:`issue`, for a rule whose
            message depends on the case (``None``: :func:`issue` with ``params``).

    """

    kinds: tuple[DeviationKind, ...]
    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    message: str
    message_en: str
    fix: str
    fix_en: str
    failing: Example
    doc: str
    params: Params = _no_params
    make: Callable[[Deviation], Issue] | None = None

    def issues(self, report: Report) -> Iterator[Issue]:
        """Yield one issue per deviation of the rule's kinds, kind by kind."""
        for kind in self.kinds:
            for deviation in deviations(report, kind):
                if self.make is not None:
                    yield self.make(deviation)
                else:
                    yield issue(deviation, **self.params(report, deviation))


def register(entries: tuple[DeviationRule, ...], passing: Example) -> None:
    """Register a rule for each entry, all accepting the report of ``passing``."""
    for entry in entries:
        check = _check_of(entry)
        rule(
            entry.code,
            entry.name,
            entry.category,
            entry.severity,
            summary=entry.summary,
            failing=entry.failing,
            passing=passing,
            message=entry.message,
            message_en=entry.message_en,
            fix=entry.fix,
            fix_en=entry.fix_en,
        )(check)
        claim(entry.code, *entry.kinds)


def _check_of(entry: DeviationRule) -> Callable[[Report, Facts], Iterable[Issue]]:
    kinds = frozenset(kind.value for kind in entry.kinds)

    def check(report: Report, facts: Facts) -> Iterable[Issue]:
        if kinds.isdisjoint(facts.deviation_kinds):
            return ()  # most reports have a deviation of few kinds, if any
        return entry.issues(report)

    check.__doc__ = entry.doc
    check.__name__ = check.__qualname__ = entry.name.replace("-", "_")
    return check
