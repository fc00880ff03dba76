"""``read_many``: many files to reports, in parallel, in input order."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from gikaireport.api import read
from gikaireport.batch.paths import PathSource, listing
from gikaireport.batch.pool import Lost, pool_map
from gikaireport.batch.progress import progress_bar
from gikaireport.errors import ReadError
from gikaireport.model import Report

__all__ = ["read_many"]


def _read_task(path: str) -> Report | ReadError:
    try:
        return read(path)
    except ReadError as exc:  # read wraps any other exception in one
        return exc


def _as_given(name: str) -> Path | str:
    """A file as a ``Path``; a URL or an archive member (``a.zip!/b.pdf``) as its string."""
    from gikaireport.sources.load import is_url_or_member

    return name if is_url_or_member(name) else Path(name)


def read_many(
    source: PathSource, jobs: int = 1, progress: bool = False
) -> Iterator[tuple[Path | str, Report | ReadError]]:
    """Read many files, yielding ``(path, report or error)`` for each, in input order.

    ``source`` is a directory (every file below it, as
    :func:`~gikaireport.batch.expand_paths` lists them), a single path (a ``str`` is always
    one path), or an iterable of paths and directories, consumed lazily. A path listed twice
    is read once. ``progress=True`` shows a progress bar (``tqdm.auto``: a widget in a
    notebook, a text bar on a terminal).

    With ``jobs > 1`` the files are read by that many processes; at most ``2 * jobs`` files
    are in flight, so memory does not grow with the number of files. Results come in input
    order (a slow file holds back the results after it until it is done).

    Each result's first item is the file's ``Path``, or the string for a URL or an archive
    member. A file that cannot be read yields its :class:`~gikaireport.ReadError`. Any other
    exception while reading it, or the death of the process reading it, yields a
    ``ReadError`` whose reason names what happened (the signal or exit status of a dead
    process); the remaining files are read either way, each exactly once.
    """
    paths, total = listing(source)
    bar = progress_bar(progress, total)
    try:
        for name, outcome in pool_map(_read_task, (os.fspath(p) for p in paths), jobs):
            if bar is not None:
                bar.update()
            given = _as_given(name)
            if isinstance(outcome, Lost):
                yield given, ReadError(name, outcome.reason)
            else:
                yield given, outcome
    finally:
        if bar is not None:
            bar.close()
