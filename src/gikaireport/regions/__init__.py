"""Region datasets: agencies under one identity, coverage, series checks and 内容雷同.

Built on the public API (:func:`gikaireport.read_many`, :func:`gikaireport.validate`,
:func:`gikaireport.validate_series`); needs the ``regions`` extra
(``pip install gikaireport[regions]``: the division table, pyarrow, datasketch, opencc).
"""

from __future__ import annotations

from gikaireport.regions.agency import Agency, AgencyKind, resolve_agency
from gikaireport.regions.dataset import DatasetSummary, build_dataset
from gikaireport.regions.similarity import SimilarityIndex, SimilarPair

__all__ = [
    "Agency",
    "AgencyKind",
    "DatasetSummary",
    "SimilarPair",
    "SimilarityIndex",
    "build_dataset",
    "resolve_agency",
]
