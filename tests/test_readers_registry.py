"""The reader registry: a reader is replaced only on purpose."""

from __future__ import annotations

import pytest

from gikaireport import readers
from gikaireport.readers import Reader, register_reader


def test_register_reader_refuses_to_replace_a_reader_silently(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(readers, "READERS", dict(readers.READERS))

    html = readers.READERS["html"]
    impostor = Reader("html", (".htm",), lambda data: False, "gikaireport.readers.text:read")
    with pytest.raises(ValueError, match=r"'html' is already registered .*replace=True"):
        register_reader(impostor)
    assert readers.READERS["html"] is html
    register_reader(html)  # the same reader again: nothing changes
    assert readers.READERS["html"] is html
    register_reader(impostor, replace=True)
    assert readers.READERS["html"] is impostor
    assert list(readers.READERS)[-1] == "text"  # the catch-all stays last
