"""Exports at the edges of the pipeline: flat rows, CSV, pandas DataFrames and notebook HTML.

Nothing here changes a :class:`~gikaireport.Report`; each module turns reports into one
outside form. :mod:`gikaireport.export.pandas` imports pandas only when it is called.
"""

from __future__ import annotations
