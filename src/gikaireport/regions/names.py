"""Names in one form, so that two printings of one name compare equal."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from gikaireport.errors import MissingDependencyError

__all__: list[str] = []

_SPACE = re.compile(r"[\s\u3000]+")


@cache
def _converter() -> Any:
    try:
        import opencc  # type: ignore[import-untyped]
    except ImportError as exc:
        raise MissingDependencyError(
            "<agency name>",
            "names need opencc-python-reimplemented: pip install 'gikaireport[regions]'",
        ) from exc
    return opencc.OpenCC("t2s")


@cache
def normalize_name(name: str) -> str:
    """A printed name in one form: NFKC, no whitespace, simplified characters.

    Division names go through the same conversion, so a name the converter changes even in
    simplified print (乾安县) still matches.
    """
    text = _SPACE.sub("", unicodedata.normalize("NFKC", name))
    if text.isascii():
        return text
    return str(_converter().convert(text))
