"""gikaireport: China's government information disclosure annual reports as checked, typed data."""

from __future__ import annotations

__version__ = "0.1.0.dev0"
