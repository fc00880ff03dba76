"""Shared fixtures: the real-document corpus (GIKAIREPORT_CORPUS or ../shared/corpus)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
# helpers whose asserts pytest explains like a test's own
pytest.register_assert_rewrite("report_checks")


def corpus_dir() -> Path | None:
    """The corpus directory, or None when it is not available."""
    env = os.environ.get("GIKAIREPORT_CORPUS")
    candidate = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def corpus() -> Path:
    found = corpus_dir()
    if found is None:
        pytest.skip(
            "real-document corpus not found: set GIKAIREPORT_CORPUS or place ../shared/corpus"
        )
    return found


def load_labels(directory: Path) -> dict[str, Any]:
    labels: dict[str, Any] = json.loads((directory / "labels.json").read_text(encoding="utf-8"))
    return labels


from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "default",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    max_examples=40,
)
settings.register_profile("thorough", parent=settings.get_profile("default"), max_examples=400)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
