"""CPU timing shared by the benchmarks that compare a function with its baseline in one run."""

from __future__ import annotations

import time
from collections.abc import Callable


def cpu(function: Callable[[], object]) -> float:
    """The CPU time of one call."""
    start = time.process_time()
    function()
    return time.process_time() - start


def best_pair(
    function: Callable[[], object], baseline: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """The least CPU time of each, measured in alternation after one warm-up call of each."""
    function(), baseline()
    times = [(cpu(function), cpu(baseline)) for _ in range(repeat)]
    return min(t for t, _ in times), min(b for _, b in times)
