"""The rule registry, rule selection, and running rules into findings.

A rule is a plain function registered with :func:`rule`, which records its stable code, its
name, category and default severity, its documentation (the function's docstring) and two
examples: one the rule reports and one it accepts. Rules see a report (or, for checks across
reports, a pair of reports or a summary and its units) and yield :class:`Issue` objects; the
engine adds the rule's identity, the location and the path, and orders the findings.

A rule over one report may declare a second parameter named ``facts``: the engine then
passes it the :class:`~gikaireport.validate.facts.Facts` it made for this validation (the
cells, the relations that do not hold, the folded text of the parts, computed once and
shared by the rules). A rule with the one parameter ``report`` is as good; users' rules
(:func:`extra_rule`) usually are.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from itertools import repeat
from typing import Any, TypeVar

from attrs import frozen

from gikaireport.formats import get_format
from gikaireport.model import Report, Source
from gikaireport.validate.facts import Facts
from gikaireport.validate.finding import Finding, Findings, Issue, Severity

__all__ = [
    "CATEGORIES",
    "CRASH_CODE",
    "RULES",
    "Example",
    "Rule",
    "extra_rule",
    "list_rules",
    "select_rules",
    "validate",
]

CATEGORIES = {
    "structure": "parts, headings, tables and rows as the format prescribes them",
    "labels": "row and column labels, and the format version they belong to",
    "arithmetic": "the sum relations of the format declaration",
    "blanks": "what a cell holds: a number of the right kind, blank, dash or unreadable text",
    "prose": "numbers quoted in the text against the tables",
    "metadata": "title, statistics period and the date of the 落款",
    "fees": "信息处理费 and 行政事业性收费",
    "plausibility": "numbers that are possible but unlikely for the body that reports them",
    "across": "one agency's consecutive years, and a regional summary against its units",
    "content": "what the notice requires parts 一 and 五 to say, and tables printed as text",
}
"""The rule categories and what each covers."""

SCOPES = ("report", "series", "summary")

CRASH_CODE = "GK000"
CRASH_NAME = "rule-crashed"

_CODE = re.compile(r"^GK\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@frozen
class Example:
    """A report (or reports) that shows a rule at work, for tests and the rule's page.

    ``build`` returns the reports the rule is run on: one report for a rule over a report,
    the reports in year order for a rule over a series, the summary followed by its units
    for a rule over a regional summary.
    """

    description: str
    build: Callable[[], tuple[Report, ...]]


CheckFunction = Callable[..., Iterable[Issue]]


@frozen
class Rule:
    """A registered rule.

    Attributes:
        code: stable code, ``GK`` and three digits; a code never changes meaning.
        name: stable kebab-case name, usable instead of the code.
        category: one of :data:`CATEGORIES`.
        severity: the severity of every finding of the rule.
        summary: one line: what a finding of the rule means.
        doc: what the rule checks and why (the function's docstring).
        check: the function.
        scope: ``"report"`` (one report), ``"series"`` (two consecutive years of one agency,
            called as ``check(previous, current)``) or ``"summary"`` (``check(summary, units)``).
        failing: an example the rule reports.
        passing: an example the rule accepts.
        message: the template of a finding's Chinese message, filled from the issue's
            ``params`` (``str.format`` fields); empty when the rule writes its messages.
        message_en: the same in English.
        fix: how to fix a finding, in Chinese, in the author's terms (what to print
            instead); a template filled from the issue's ``params`` like ``message``.
        fix_en: the same in English.
        takes_facts: the check declares a ``facts`` parameter, which the engine fills with
            the :class:`~gikaireport.validate.facts.Facts` of the report it validates.

    """

    code: str
    name: str
    category: str
    severity: Severity
    summary: str
    doc: str
    check: CheckFunction
    scope: str
    failing: Example
    passing: Example
    message: str = ""
    message_en: str = ""
    fix: str = ""
    fix_en: str = ""
    takes_facts: bool = False


RULES: dict[str, Rule] = {}
"""Every registered rule by code (:func:`list_rules` gives them in code order)."""

F = TypeVar("F", bound=CheckFunction)


def _takes_facts(code: str, function: CheckFunction, scope: str) -> bool:
    takes = "facts" in inspect.signature(function).parameters
    if takes and scope != "report":
        raise ValueError(f"rule {code}: only a rule over one report can take facts")
    return takes


_DECLARED = ("summary", "scope", "failing", "passing", "message", "message_en", "fix", "fix_en")
"""The keyword arguments of :func:`rule` and :func:`extra_rule` that the rule keeps as given."""


def _declared(arguments: dict[str, Any]) -> dict[str, Any]:
    """The :data:`_DECLARED` fields among a declaring function's ``locals()``."""
    return {key: arguments[key] for key in _DECLARED}


def _make_rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    function: CheckFunction,
    **fields: Any,
) -> Rule:
    """Check what every rule needs (a kebab-case name, a scope, a summary, a docstring,
    templates in both languages) and make the rule; the code is the caller's to check.
    """
    scope, summary = fields["scope"], fields["summary"]
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if scope not in SCOPES:
        raise ValueError(f"rule {code}: unknown scope {scope!r}")
    doc = inspect.cleandoc(function.__doc__ or "")
    if not doc or not summary:
        raise ValueError(f"rule {code}: a rule needs a summary and a docstring")
    if bool(fields["message"]) != bool(fields["message_en"]) or bool(fields["fix"]) != bool(
        fields["fix_en"]
    ):
        raise ValueError(f"rule {code}: give templates in both Chinese and English")
    takes_facts = _takes_facts(code, function, scope)
    return Rule(
        code, name, category, severity, doc=doc, check=function, **fields, takes_facts=takes_facts
    )


def rule(
    code: str,
    name: str,
    category: str,
    severity: Severity,
    *,
    summary: str,
    failing: Example,
    passing: Example,
    scope: str = "report",
    message: str = "",
    message_en: str = "",
    fix: str = "",
    fix_en: str = "",
) -> Callable[[F], F]:
    """Register the decorated function as a rule.

    ``summary`` says in one line what a finding of the rule means; the function's docstring
    is the rule's documentation (what it checks and why). ``message`` and ``message_en``
    are the templates of its findings' messages and ``fix`` and ``fix_en`` say how to fix
    one (``str.format`` fields filled from :attr:`Issue.params`). Codes and names must be
    unique. For a rule of your own, outside the ``GK`` codes, see :func:`extra_rule`.
    """
    fields = _declared(locals())

    def register(function: F) -> F:
        if not _CODE.match(code) or code == CRASH_CODE:
            raise ValueError(f"rule code {code!r} must be GK and three digits, not {CRASH_CODE}")
        if category not in CATEGORIES:
            raise ValueError(f"rule {code}: unknown category {category!r}")
        if code in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {code} {name}: code or name already registered")
        RULES[code] = _make_rule(code, name, category, severity, function, **fields)
        return function

    return register


EXTRA_CATEGORY = "extra"
"""The category of a rule made by :func:`extra_rule` unless it names one."""

_EXTRA_CODE = re.compile(r"^[A-Z]{1,4}\d{1,4}$")
_NO_EXAMPLE = Example("No example was given.", tuple)


def extra_rule(
    code: str,
    name: str,
    severity: Severity = Severity.WARNING,
    *,
    summary: str = "",
    category: str = EXTRA_CATEGORY,
    scope: str = "report",
    message: str = "",
    message_en: str = "",
    fix: str = "",
    fix_en: str = "",
    failing: Example = _NO_EXAMPLE,
    passing: Example = _NO_EXAMPLE,
) -> Callable[[CheckFunction], Rule]:
    """Make the decorated function a rule of your own, for ``validate(..., extra_rules=)``.

    The rule is not registered: pass it to :func:`validate` (or ``validate_series`` and
    ``validate_summary`` for ``scope="series"`` or ``"summary"``) with ``extra_rules``,
    where it runs beside the built-in rules and is selected and ignored like them (by its
    code, a prefix of it, its name or its category). ``code`` is one to four capital
    letters and digits (``XY001``), never ``GK``, which is the project's; ``summary``
    defaults to the docstring's first line. The function takes a report (and may take
    ``facts``, see the module documentation) and yields :class:`Issue` objects.
    """
    fields = _declared(locals())

    def make(function: CheckFunction) -> Rule:
        if not _EXTRA_CODE.match(code) or code.startswith("GK"):
            raise ValueError(
                f"extra rule code {code!r} must be capital letters and digits (XY001), "
                "outside the GK codes of the built-in rules"
            )
        doc = inspect.cleandoc(function.__doc__ or "")
        first_line = {"summary": summary or doc.partition("\n")[0]}
        return _make_rule(code, name, category, severity, function, **(fields | first_line))

    return make


def list_rules(scope: str | None = None) -> list[Rule]:
    """Return every registered rule in code order, or only those of one scope."""
    registered = tuple(RULES.values())
    if _LISTED.get(scope, ((), []))[0] != registered:  # the rules themselves: a cheap compare
        chosen = (RULES[code] for code in sorted(RULES))
        _LISTED[scope] = (registered, [r for r in chosen if scope is None or r.scope == scope])
    return list(_LISTED[scope][1])


_LISTED: dict[str | None, tuple[tuple[Rule, ...], list[Rule]]] = {}
"""The last answer of :func:`list_rules` for each scope, with the registry it was read from
(the rules in registration order): validating a report asks it every time."""


_CODE_PREFIX = re.compile(r"^[A-Z]{1,4}\d{0,4}$")


def _matches(selector: str, candidate: Rule) -> bool:
    return (
        selector == "ALL"
        or candidate.code == selector
        or candidate.name == selector
        or candidate.category == selector
        or (_CODE_PREFIX.match(selector) is not None and candidate.code.startswith(selector))
    )


def _crash_selected(selector: str) -> bool:
    return selector in ("ALL", CRASH_CODE, CRASH_NAME) or (
        selector.startswith("GK") and CRASH_CODE.startswith(selector)
    )


def _check_selectors(selectors: Iterable[str], known: Sequence[Rule]) -> list[str]:
    out = []
    for selector in selectors:
        selector = selector.strip()
        if not selector:
            continue
        if not (_crash_selected(selector) or any(_matches(selector, r) for r in known)):
            raise ValueError(
                f"unknown rule selector {selector!r}: give a code (GK301), a code prefix (GK3), "
                f"a rule name (family-balance), a category ({', '.join(CATEGORIES)}) or ALL"
            )
        out.append(selector)
    return out


def check_extra_rules(extra_rules: Iterable[Rule]) -> list[Rule]:
    """Return users' rules in code order, refusing a ``GK`` code and a code or name that
    another rule (built-in or extra) has, with ``ValueError``.
    """
    extras = sorted(extra_rules, key=lambda item: item.code)
    if not extras:
        return extras
    taken = {r.code for r in RULES.values()} | {r.name for r in RULES.values()} | {CRASH_CODE}
    for item in extras:
        if not isinstance(item, Rule):
            raise TypeError(f"extra_rules takes rules made with extra_rule, not {item!r}")
        if item.code.startswith("GK"):
            raise ValueError(f"extra rule {item.code}: GK codes are the built-in rules'")
        if item.code in taken or item.name in taken:
            raise ValueError(f"extra rule {item.code} {item.name}: code or name already used")
        taken |= {item.code, item.name}
    return extras


def select_rules(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    scope: str | None = "report",
    extra_rules: Iterable[Rule] = (),
) -> list[Rule]:
    """Return the rules chosen by ``select`` (all when ``None``) minus those ``ignore`` matches.

    A selector is a code (``GK301``), a code prefix (``GK3``), a rule name
    (``family-balance``), a category (``arithmetic``) or ``ALL``. An unknown selector raises
    ``ValueError`` so that a typo does not silently switch a check off. ``extra_rules``
    (made with :func:`extra_rule`) are chosen from beside the registered rules, after them.
    The registry is read on every call: a rule registered later is seen.
    """
    extras = check_extra_rules(extra_rules)
    chosen = list_rules(scope)
    chosen += (r for r in extras if scope is None or r.scope == scope)
    known = [*RULES.values(), *extras]
    if select is not None:
        selectors = _check_selectors(select, known)
        chosen = [r for r in chosen if any(_matches(s, r) for s in selectors)]
    if ignore is not None:
        ignored = _check_selectors(ignore, known)
        chosen = [r for r in chosen if not any(_matches(s, r) for s in ignored)]
    return chosen


def crash_reported(select: Iterable[str] | None, ignore: Iterable[str] | None) -> bool:
    """Tell whether a crashing rule is reported (``GK000``) under this selection."""
    # selecting some rules still reports their crashes; only ignoring GK000 silences them
    return ignore is None or not any(_crash_selected(s.strip()) for s in ignore)


@lru_cache(maxsize=8)
def _cell_order(version: str) -> dict[str, int]:
    return {cell_id: index for index, cell_id in enumerate(get_format(version).cell_ids)}


def _location_of(cells: Sequence[str], report: Report | None) -> Source | None:
    if report is None:
        return None
    for cell_id in cells:
        try:
            source = report.cell(cell_id).source
        except KeyError:
            continue
        if source is not None:
            return source
    return None


def _fill(template: str, issue: Issue) -> str:
    if "{" in template or "}" in template:
        return template.format_map(issue.params)
    return template  # no field to fill: what format_map would return, without copying it


def to_finding(item: Rule, issue: Issue, report: Report | None) -> Finding:
    """Make the finding for one issue of ``item``, located in ``report``.

    The messages are the issue's own or, when it has none, the rule's templates filled
    from the issue's ``params``; the fix texts are the rule's, filled the same way.
    """
    message = issue.message or _fill(item.message, issue)
    message_en = issue.message_en or _fill(item.message_en, issue)
    if not message or not message_en:
        raise ValueError(f"rule {item.code}: an issue without a message and no template")
    location = issue.location or _location_of(issue.cells, report)
    path = issue.path if issue.path is not None else (report.path if report else None)
    return Finding(
        item.code,
        item.name,
        item.severity,
        message,
        message_en,
        issue.cells,
        location,
        issue.expected,
        issue.actual,
        path,
        issue.related,
        _fill(item.fix, issue),
        _fill(item.fix_en, issue),
    )


def crash_finding(item: Rule, exc: BaseException, path: str | None) -> Finding:
    """Make the ``GK000`` finding for a rule that raised instead of returning its findings."""
    what = f"{type(exc).__name__}: {exc}"
    return Finding(
        CRASH_CODE,
        CRASH_NAME,
        Severity.ERROR,
        f"规则 {item.code} {item.name} 运行出错，未能完成检查（{what}）",
        f"rule {item.code} {item.name} failed and did not complete its check ({what})",
        path=path,
        fix=f"这不是报告本身的问题：可用 --ignore {item.code} 跳过该规则，"
        "并将此错误报告给 gikaireport 项目。",
        fix_en=f"Not a problem of the report: skip the rule with --ignore {item.code} and report "
        "the error to the gikaireport project.",
    )


_NO_SOURCE = (1 << 30,) * 5


def _source_key(source: Source | None) -> tuple[int, ...]:
    if source is None:
        return _NO_SOURCE
    page, line, table, row, column = (
        source.page,
        source.line,
        source.table,
        source.row,
        source.column,
    )
    return (
        -1 if page is None else page,
        -1 if line is None else line,
        -1 if table is None else table,
        -1 if row is None else row,
        -1 if column is None else column,
    )


def sort_findings(findings: list[Finding], version: str | None) -> list[Finding]:
    """Order findings by code, then by first cell (printed order), then by source position.

    The rules' own order breaks the remaining ties. Findings whose codes already rise one
    by one (one finding per rule, in code order, as the engine runs them) are in that order.
    """
    codes = [finding.code for finding in findings]
    if all(map(str.__lt__, codes, codes[1:])):
        return list(findings)
    order = _cell_order(version) if version else {}
    last = len(order) + 1

    def key(pair: tuple[int, Finding]) -> tuple[Any, ...]:
        seq, finding = pair
        first = min(map(order.get, finding.cells, repeat(last)), default=last)
        return (finding.code, first, _source_key(finding.location), seq)

    return [finding for _, finding in sorted(enumerate(findings), key=key)]


def run_rules(
    rules: Sequence[Rule],
    arguments: tuple[Any, ...],
    report: Report | None,
    *,
    report_crashes: bool = True,
    crash_path: str | None = None,
) -> list[Finding]:
    """Run ``rule.check(*arguments)`` for each rule, turning issues and crashes into findings.

    A rule that raises gives a ``GK000`` finding; the result is in the order of
    :func:`sort_findings`. ``report`` is where findings are located (the report checked,
    the later report of a pair, the summary). The :class:`Facts` of ``arguments[0]`` are
    made once, when the first rule that takes them runs.
    """
    findings: list[Finding] = []
    facts: Facts | None = None
    first = arguments[0]
    for item in rules:
        try:
            if item.takes_facts:  # a rule over one report: arguments is (report,)
                if facts is None:
                    facts = Facts(first)
                issues = list(item.check(first, facts=facts))
            else:
                issues = list(item.check(*arguments))
            if issues:
                findings.extend([to_finding(item, issue, report) for issue in issues])
        except Exception as exc:  # a rule must never take the caller down
            if report_crashes:
                findings.append(crash_finding(item, exc, crash_path))
    if len(findings) > 1:
        findings = sort_findings(findings, report.format_version if report else None)
    return findings


def minimum_severity(severity: Severity | str | None) -> Severity | None:
    """Return the severity named by ``severity`` (``"error"``, ``Severity.WARNING`` ...).

    ``None`` stays ``None`` (no minimum); an unknown name is a ``ValueError`` listing the
    known ones.
    """
    if severity is None or isinstance(severity, Severity):
        return severity
    try:
        return Severity(str(severity).lower())
    except ValueError:
        known = ", ".join(s.value for s in Severity)
        raise ValueError(f"unknown severity {severity!r}: give one of {known}") from None


def at_least(rules: Sequence[Rule], severity: Severity | None) -> list[Rule]:
    """Return the rules whose findings are at least as severe as ``severity``."""
    if severity is None:
        return list(rules)
    return [r for r in rules if r.severity.rank >= severity.rank]


def _check_report(report: object) -> None:
    if isinstance(report, Report):
        return
    if isinstance(report, str | bytes) or hasattr(report, "__fspath__"):
        raise TypeError("validate takes a Report, not a path: validate(gikaireport.read(path))")
    if isinstance(report, Iterable):
        raise TypeError(
            "validate takes one Report, not a collection: [validate(r) for r in reports], "
            "or gikaireport.findings_dataframe(reports) for a table of all findings"
        )
    raise TypeError(f"validate takes a Report, not {type(report).__name__}")


def validate(
    report: Report,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] | None = None,
    *,
    severity: Severity | str | None = None,
    extra_rules: Iterable[Rule] = (),
) -> list[Finding]:
    """Check one report against every selected rule.

    Args:
        report: the report.
        select: codes, code prefixes, names or categories of the rules to run (all when
            ``None``).
        ignore: codes, code prefixes, names or categories of rules not to run.
        severity: the minimum severity to report (``"error"``, ``"warning"`` or ``"info"``,
            or a :class:`Severity`): ``"error"`` runs only the rules whose findings are
            errors. All when ``None``.
        extra_rules: rules of your own (made with :func:`extra_rule`, codes outside
            ``GK``), run beside the built-in ones and selected and ignored like them.

    Returns:
        The findings ordered by code, then by cell order and source position. A rule that
        fails is reported as a ``GK000`` finding (an error), never raised.

    Raises:
        TypeError: ``report`` is not a report (a path, a list of reports), with what to
            pass instead.
        ValueError: an unknown selector or severity; an extra rule with a ``GK`` code or a
            code or name another rule has.

    """
    _check_report(report)
    chosen = select_rules(select, ignore, "report", extra_rules)
    rules = at_least(chosen, minimum_severity(severity))
    findings = run_rules(
        rules,
        (report,),
        report,
        report_crashes=crash_reported(select, ignore),
        crash_path=report.path,
    )
    return Findings(findings)
