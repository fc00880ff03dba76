"""The finding records of validation, defined in :mod:`gikaireport.finding` (plain data)."""

from __future__ import annotations

from gikaireport.finding import Finding, Findings, Issue, Severity, format_location

__all__ = ["Finding", "Findings", "Issue", "Severity", "format_location"]
