"""The finding records of validation, defined in :mod:`gikaireport.finding` (plain data).

Kept so that rules written against ``gikaireport.validate.finding`` keep importing ``Issue``
from here.
"""

from __future__ import annotations

from gikaireport.finding import Finding, Severity
from gikaireport.finding import Findings as Findings
from gikaireport.finding import Issue as Issue
from gikaireport.finding import format_location as format_location

__all__ = ["Finding", "Severity"]
