"""Validation: rules with stable codes over a report, a series of reports, or a summary.

>>> from gikaireport.validate import validate
>>> findings = validate(report)  # doctest: +SKIP
>>> [f.code for f in findings if f.severity is Severity.ERROR]  # doctest: +SKIP

Rules are registered in :data:`RULES` (see :func:`list_rules`); select and ignore them by
code (``GK301``), code prefix (``GK3``), name (``family-balance``) or category
(``arithmetic``). Each rule's page under ``docs/rules/`` is generated from its metadata.
"""

from __future__ import annotations

from gikaireport.validate import rules as _rules
from gikaireport.validate.across import validate_series, validate_summary
from gikaireport.validate.engine import (
    CATEGORIES,
    CRASH_CODE,
    RULES,
    Example,
    Rule,
    extra_rule,
    list_rules,
    select_rules,
    validate,
)
from gikaireport.validate.finding import Finding, Issue, Severity

del _rules

__all__ = [
    "CATEGORIES",
    "CRASH_CODE",
    "RULES",
    "Example",
    "Finding",
    "Issue",
    "Rule",
    "Severity",
    "extra_rule",
    "list_rules",
    "select_rules",
    "validate",
    "validate_series",
    "validate_summary",
]
