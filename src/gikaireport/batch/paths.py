"""The one directory walker: which files a directory contributes.

``gikaireport batch``, ``gikaireport check`` and :func:`~gikaireport.read_many` all list the
files of a directory here, so that they read the same files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sized
from pathlib import Path
from typing import TypeAlias

__all__ = ["expand_paths"]

PathSource: TypeAlias = "str | os.PathLike[str] | Iterable[str | os.PathLike[str]]"
"""A directory, one path, or an iterable of paths and directories (a ``str`` is one path)."""


def _given(source: PathSource) -> Iterable[str | os.PathLike[str]]:
    if isinstance(source, str | os.PathLike):
        return (source,)
    return source


def _walk(directory: Path) -> Iterator[Path]:
    for folder, subdirs, files in os.walk(directory):
        subdirs[:] = sorted(name for name in subdirs if not name.startswith("."))
        for name in sorted(files):
            candidate = Path(folder) / name
            if not name.startswith(".") and candidate.is_file():
                yield candidate


def _entries(given: str | os.PathLike[str]) -> Iterator[Path | str]:
    """The files one input stands for: a directory's files, an archive's members, a list's URLs."""
    from gikaireport.sources.listing import expand_source

    path = Path(given)
    if path.is_dir():
        candidates: Iterable[Path] = _walk(path)
    elif isinstance(given, str) and expand_source(given) == [given]:
        yield given  # a URL or an archive member: a string, since Path would collapse "//"
        return
    else:
        candidates = (path,)
    for candidate in candidates:
        expanded = expand_source(os.fspath(candidate))
        yield from (candidate,) if expanded is None else expanded


def iter_paths(
    source: PathSource, exclude: Iterable[str | os.PathLike[str]] = ()
) -> Iterator[Path | str]:
    """Yield the files to read, lazily; see :func:`expand_paths`."""
    skip = {Path(path).resolve() for path in exclude}
    seen: set[Path | str] = set()
    for given in _given(source):
        for entry in _entries(given):
            key = entry if isinstance(entry, str) else entry.resolve()
            if key not in seen and key not in skip:
                seen.add(key)
                yield entry


def expand_paths(
    paths_or_dirs: PathSource, exclude: Iterable[str | os.PathLike[str]] = ()
) -> list[Path | str]:
    """List the files to read: files as given, directories expanded recursively.

    ``paths_or_dirs`` is a directory, one path, or an iterable of paths and directories (a
    ``str`` is one path, never a sequence of characters). A directory contributes every
    regular file below it, sorted, except hidden files and directories (names starting with
    ``.``): the format is recognised from the content, so no extension is required. Paths
    given twice are listed once; ``exclude`` (the output file) is left out. A path that does
    not exist is kept: it is recorded as unreadable.

    URLs and archive members (``a.zip!/b.pdf``) are kept as strings; an archive contributes
    its members and a list of URLs (``urls.txt``, or a CSV with a ``url`` column) its URLs
    (see :func:`gikaireport.sources.listing.expand_source`).
    """
    return list(iter_paths(paths_or_dirs, exclude))


def listing(source: PathSource) -> tuple[Iterable[Path | str], int | None]:
    """The files of ``source`` and their number when it is known without consuming an iterator.

    A path, a directory or a sized collection is listed at once; any other iterable is walked
    lazily, as it is consumed.
    """
    if isinstance(source, str | os.PathLike | Sized):
        listed = expand_paths(source)
        return listed, len(listed)
    return iter_paths(source), None
