"""Progress bars (tqdm, imported when a bar is first shown)."""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

__all__: list[str] = []


def progress_bar(progress: bool | TextIO, total: int | None) -> tqdm[Any] | None:
    """A bar counting files: ``None`` when ``progress`` is false.

    ``True`` picks the bar for the place the code runs in (``tqdm.auto``: a widget in a
    notebook where ipywidgets is installed, text on stderr elsewhere); a stream gets a text
    bar written to it.
    """
    if progress is False:
        return None
    if progress is True:
        # tqdm.auto draws a notebook widget only where ipywidgets is installed
        module = "tqdm.auto" if importlib.util.find_spec("ipywidgets") is not None else "tqdm"
        auto_bar: type[tqdm[Any]] = importlib.import_module(module).tqdm
        return _quiet(auto_bar)(total=total, unit="file", dynamic_ncols=True)
    from tqdm import tqdm as text_bar

    return _quiet(text_bar)(total=total, unit="file", file=progress, dynamic_ncols=True)


def _quiet(kind: type[tqdm[Any]]) -> type[tqdm[Any]]:
    """``kind`` without its monitor thread.

    The pool forks its workers only while this process runs a single thread (see
    :func:`gikaireport.batch.pool.start_method`).
    """
    return type(kind.__name__, (kind,), {"monitor_interval": 0})
