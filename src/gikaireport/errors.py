"""Exceptions raised for input that cannot be read at all.

Every exception the library raises for bad input derives from :class:`ReadError`, and its
message names the file (or ``<text>`` for a string) and what is wrong with it. Messy but
readable reports never raise: they produce a :class:`~gikaireport.Report` whose
``deviations`` say what was repaired or missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = [
    "EncryptedDocumentError",
    "MissingDependencyError",
    "NoTextLayerError",
    "ReadError",
    "UnsupportedFormatError",
    "reading",
]


class ReadError(Exception):
    """A document could not be read.

    Attributes:
        source: the path of the file, or ``"<text>"`` when reading a string.
        reason: what is wrong, in one sentence.

    """

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle by class, message and attributes, whatever the class's ``__init__`` takes.

        The default pickling of exceptions calls the class with ``self.args`` (the one
        message), which ``ReadError(source, reason)`` cannot accept; errors cross process
        boundaries in :func:`gikaireport.read_many`, so they must survive the trip.
        """
        return (_restore, (type(self), self.args, dict(self.__dict__)))


class UnsupportedFormatError(ReadError):
    """The file is not in a format any registered reader understands."""


class EncryptedDocumentError(ReadError):
    """The file is encrypted or password-protected."""


class NoTextLayerError(ReadError):
    """The PDF has no text layer (a scan); it would need OCR."""


class MissingDependencyError(ReadError):
    """A program or package needed to read this format is not installed."""


@contextmanager
def reading(name: str) -> Iterator[None]:
    """The one error boundary: inside it, any exception that is not a :class:`ReadError`
    becomes one that names the file and the exception.

    :func:`gikaireport.read` reads inside it, so the command line, the batch records and
    :func:`gikaireport.read_many` all see the same message for the same file (and
    :func:`gikaireport.readers.read_document`, the readers' own entry point, uses it too).
    ``KeyboardInterrupt`` and ``SystemExit`` pass through.
    """
    try:
        yield
    except ReadError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise ReadError(name, f"reading ran out of resources ({type(exc).__name__})") from exc
    except Exception as exc:
        raise ReadError(name, f"reading failed: {type(exc).__name__}: {exc}") from exc


def _restore(kind: type[ReadError], args: tuple[Any, ...], state: dict[str, Any]) -> ReadError:
    """Rebuild a pickled :class:`ReadError` (or subclass) without calling its ``__init__``."""
    error = kind.__new__(kind, *args)
    error.args = args
    error.__dict__.update(state)
    return error
