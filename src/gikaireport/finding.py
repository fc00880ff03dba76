"""What validation returns: a :class:`Finding` with a :class:`Severity`, as plain data.

A rule yields :class:`Issue` objects (what is wrong and where); the engine turns each into a
:class:`Finding` by adding the rule's code, name and severity and the report's path.

This module depends on the model alone, so the exports (JSON records, DataFrames, the
notebook display) import it without importing the validation engine and its rules;
``gikaireport.Finding`` and ``gikaireport.validate.Finding`` are the same classes.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any

from attrs import field, frozen

from gikaireport.model import Source, Value

__all__ = ["Finding", "Issue", "Severity"]


class Severity(str, enum.Enum):
    """How serious a finding is.

    ``ERROR``: the printed report contradicts itself or the format (the numbers cannot all be
    right). ``WARNING``: something is missing, misprinted, or suspicious and needs a look.
    ``INFO``: worth knowing, not a defect.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return 2 for ERROR, 1 for WARNING, 0 for INFO (for sorting and thresholds)."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@frozen
class Issue:
    """What a rule reports, before the engine adds the rule's identity.

    A rule either writes its messages out (``message``, ``message_en``) or, when it declares
    message templates (``rule(message=..., message_en=...)``), gives only the ``params``
    the templates name: :meth:`Issue.of` builds such an issue. The rule's fix templates are
    filled from the same ``params``.

    Attributes:
        message: the finding in Chinese, naming the official labels (empty when the rule's
            template makes it).
        message_en: the same in English, naming canonical cell ids.
        cells: canonical ids of the cells involved, the most relevant first.
        location: where in the source document; when ``None`` the engine takes the source of
            the first of ``cells`` that has one.
        expected: the number the format or the other cells call for, if any.
        actual: the number printed, if any.
        path: the report the finding points into, when it is not the report being checked
            (checks across reports).
        related: other reports involved (paths, or agency and year when a report has no path).
        params: the values the rule's message and fix templates name.

    """

    message: str = ""
    message_en: str = ""
    cells: tuple[str, ...] = ()
    location: Source | None = None
    expected: Value | None = None
    actual: Value | None = None
    path: str | None = None
    related: tuple[str, ...] = ()
    params: Mapping[str, Any] = field(factory=dict, hash=False)

    @classmethod
    def of(
        cls,
        *,
        cells: tuple[str, ...] = (),
        location: Source | None = None,
        expected: Value | None = None,
        actual: Value | None = None,
        path: str | None = None,
        related: tuple[str, ...] = (),
        **params: Any,
    ) -> Issue:
        """Return an issue whose messages the rule's templates make from ``params``."""
        return cls(
            cells=cells,
            location=location,
            expected=expected,
            actual=actual,
            path=path,
            related=related,
            params=params,
        )


@frozen
class Finding:
    """One problem found in a report.

    Attributes:
        code: the rule's stable code (``GK301``); ``GK000`` when a rule itself failed.
        rule: the rule's name (``family-balance``).
        severity: ERROR, WARNING or INFO.
        message: what is wrong, in Chinese, naming the official labels of the format.
        message_en: the same in English, naming canonical cell ids.
        cells: canonical ids of the cells involved.
        location: where in the source document (the first involved cell or the deviation), or
            ``None`` when the document does not say.
        expected: the number the format or the other cells call for, if the rule has one.
        actual: the number printed, if the rule has one.
        path: the file of the report (``Report.path``), or ``None``.
        related: other reports the finding involves (checks across reports).
        fix: how to fix it, in Chinese, in the author's terms: what to print instead.
        fix_en: the same in English.

    """

    code: str
    rule: str
    severity: Severity
    message: str
    message_en: str
    cells: tuple[str, ...] = ()
    location: Source | None = None
    expected: Value | None = None
    actual: Value | None = None
    path: str | None = None
    related: tuple[str, ...] = ()
    fix: str = ""
    fix_en: str = ""

    def text(self, lang: str = "zh") -> str:
        """Return the message in ``"zh"`` (Chinese) or ``"en"`` (English)."""
        return self.message_en if lang == "en" else self.message

    def fix_text(self, lang: str = "zh") -> str:
        """Return how to fix the finding in ``"zh"`` (Chinese) or ``"en"`` (English)."""
        return self.fix_en if lang == "en" else self.fix

    def line(self, lang: str = "zh") -> str:
        """Format the finding as a linter line: ``path:location: CODE [severity] message``."""
        where = self.path or "<report>"
        location = format_location(self.location)
        if location:
            where = f"{where}:{location}"
        return f"{where}: {self.code} [{self.severity.value}] {self.text(lang)}"

    def line_with_fix(self, lang: str = "zh") -> str:
        """Format the linter line and, indented under it, how to fix the finding."""
        fix = self.fix_text(lang)
        if not fix:
            return self.line(lang)
        return f"{self.line(lang)}\n    {'修改建议' if lang == 'zh' else 'fix'}: {fix}"

    def __str__(self) -> str:
        return self.line()


class Findings(list[Finding]):
    """A list of findings that shows itself as a table in a notebook.

    :func:`~gikaireport.validate.validate` returns one; it is a plain ``list`` otherwise.
    """

    def _repr_html_(self) -> str:
        from gikaireport.export.html_repr import findings_html

        return findings_html(self)


def format_location(location: Source | None) -> str:
    """Format a location for a linter line: ``12`` for a line, else ``page 3, table 1``."""
    if location is None:
        return ""
    if location.line is not None and location.page is None:
        return str(location.line)
    return str(location)
