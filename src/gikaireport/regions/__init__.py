"""Region datasets: agencies under one identity, coverage, series checks and 内容雷同.

Built on the public API (:func:`gikaireport.read_many`, :func:`gikaireport.validate`,
:func:`gikaireport.validate_series`); needs the ``regions`` extra
(``pip install gikaireport[regions]``: the division table, pyarrow, datasketch, opencc).
"""

from __future__ import annotations

from gikaireport.regions.agency import Agency, AgencyKind, resolve_agency
from gikaireport.regions.dataset import OUTPUTS, DatasetSummary, build_dataset
from gikaireport.regions.divisions import DATA_PACKAGE, DATA_VINTAGE, Division, division
from gikaireport.regions.names import normalize_name
from gikaireport.regions.similarity import PROSE_PARTS, SimilarityIndex, SimilarPair

__all__ = [
    "DATA_PACKAGE",
    "DATA_VINTAGE",
    "OUTPUTS",
    "PROSE_PARTS",
    "Agency",
    "AgencyKind",
    "DatasetSummary",
    "Division",
    "SimilarPair",
    "SimilarityIndex",
    "build_dataset",
    "division",
    "normalize_name",
    "resolve_agency",
]
