"""Public test helpers: hypothesis strategies for consistent reports, part texts, renderers,
and the trust measure (:func:`silently_wrong`).

Requires ``hypothesis`` (installed with the ``dev`` extra). Other projects can use these to
property-test code that consumes gikaireport reports.
"""

from __future__ import annotations

from gikaireport.testing.content import AREA_STYLES, overview_texts, problems_texts
from gikaireport.testing.strategies import AGENCIES, counts, reports, with_cell
from gikaireport.testing.text import LAYOUTS, Noise, render_text, table_grid
from gikaireport.testing.trust import flagged_cells, silently_wrong

__all__ = [
    "AGENCIES",
    "AREA_STYLES",
    "LAYOUTS",
    "Noise",
    "counts",
    "flagged_cells",
    "overview_texts",
    "problems_texts",
    "render_text",
    "reports",
    "silently_wrong",
    "table_grid",
    "with_cell",
]
