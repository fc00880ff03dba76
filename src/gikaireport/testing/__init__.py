"""Public test helpers: hypothesis strategies for consistent reports and text renderers.

Requires ``hypothesis`` (installed with the ``dev`` extra). Other projects can use these to
property-test code that consumes gikaireport reports.
"""

from __future__ import annotations

from gikaireport.testing.strategies import AGENCIES, counts, reports, with_cell
from gikaireport.testing.text import LAYOUTS, Noise, render_text, table_grid

__all__ = [
    "AGENCIES",
    "LAYOUTS",
    "Noise",
    "counts",
    "render_text",
    "reports",
    "table_grid",
    "with_cell",
]
