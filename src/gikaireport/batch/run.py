"""``run_batch``: many files to one record each, in an output file that resumes."""

from __future__ import annotations

import os
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any, TextIO

from attrs import field, frozen

from gikaireport.batch.output import (
    Appender,
    Entry,
    OutputFormat,
    Recorded,
    header,
    line_writer,
    path_key,
    recover,
    rewrite,
)
from gikaireport.batch.paths import expand_paths
from gikaireport.batch.pool import Lost, pool_map
from gikaireport.batch.progress import progress_bar
from gikaireport.batch.records import failed_record, file_record, sha256_of
from gikaireport.batch.stop import StopSignals

__all__ = ["BatchSummary", "run_batch"]

EXIT_INTERRUPTED = 130
"""The exit status of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT, as shells do)."""


@frozen
class BatchSummary:
    """What a batch run did.

    Attributes:
        total: input files.
        written: records written by this run.
        skipped: input files whose record from an earlier run was kept by ``resume``.
        failed: input files whose record (new or kept) says ``unreadable`` or ``failed``.
        changed: of ``written``, files read again because they changed since their record
            (or their reading process had died).
        interrupted: whether Ctrl-C or SIGTERM stopped the run before every file had a record.

    """

    total: int
    written: int
    skipped: int
    failed: int
    changed: int = field(default=0, kw_only=True)
    interrupted: bool = field(default=False, kw_only=True)

    @property
    def exit_status(self) -> int:
        """0 when every file has an ``ok`` record, 1 when some do not, 130 when interrupted."""
        if self.interrupted:
            return EXIT_INTERRUPTED
        return 1 if self.failed else 0


@frozen
class _Plan:
    """What a (resumed) run has to do."""

    todo: list[str]
    kept: list[Entry]
    skipped: int = 0
    failed: int = 0
    changed: int = 0
    rewrite: bool = False


def _plan(files: list[str], recorded: Recorded) -> _Plan:
    """Keep the record of each unchanged path; read the others (again)."""
    todo: list[str] = []
    entries = dict(recorded.entries)
    skipped = failed = changed = 0
    for name in files:
        entry = entries.get(path_key(name))
        if entry is None:
            todo.append(name)
        elif entry.status != "failed" and entry.sha256 == sha256_of(name):
            skipped += 1
            failed += entry.status != "ok"
        else:
            todo.append(name)
            changed += 1
            del entries[path_key(name)]
    stale = changed + recorded.duplicates > 0
    return _Plan(todo, list(entries.values()), skipped, failed, changed, stale)


def _record(name: str, outcome: dict[str, Any] | Lost) -> dict[str, Any]:
    return failed_record(name, outcome.reason) if isinstance(outcome, Lost) else outcome


def run_batch(
    paths_or_dirs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    jobs: int = 1,
    resume: bool = False,
    format: OutputFormat = "jsonl",
    progress: bool | TextIO = False,
) -> BatchSummary:
    """Read files and directories into one record per file (see :func:`file_record`).

    Records are written in input order to ``out``, JSON Lines (``format="jsonl"``) or CSV
    (``format="csv"``, columns :data:`CSV_COLUMNS`). Each record is appended as one complete
    line and flushed to disk (``fsync``) before the next, so an interruption leaves every
    record already written intact; at worst the last line is cut short, and ``resume``
    removes it. Without ``resume``, ``out`` is started afresh.

    With ``resume``, the records in ``out`` are kept for the paths they record, as long as
    the file's content (SHA-256) is unchanged; every other path is read and its record
    appended. A path whose file changed, or whose reading process had died (status
    ``failed``), is read again and its old record removed, so that every path has one record.

    With ``jobs > 1`` the files are read by that many processes; a process that dies costs
    only the file it was reading (a record with status ``failed`` naming the signal or exit
    status). Ctrl-C or SIGTERM (in the main thread) stops the run after the records already
    read are written: the summary says ``interrupted``. ``progress`` is ``True`` for a
    progress bar (``tqdm.auto``) or a stream to draw one on.

    Raises:
        OutputError: ``resume`` meets a file that is not a batch output of this format.

    """
    out_path = Path(out)
    files = [os.fspath(path) for path in expand_paths(paths_or_dirs, exclude=[out_path])]
    plan = _plan(files, recover(out_path, format)) if resume else _Plan(files, [])
    if plan.rewrite:
        rewrite(out_path, format, plan.kept)
    fresh = not (resume and out_path.exists() and out_path.stat().st_size > 0)
    appender = Appender(out_path, fresh=fresh)
    bar = progress_bar(progress, len(plan.todo)) if plan.todo else None
    line = line_writer(format)
    written = failed = 0
    try:
        if fresh:
            appender.write(header(format))
        with StopSignals() as stop, closing(pool_map(file_record, plan.todo, jobs, stop)) as got:
            for name, outcome in got:
                record = _record(name, outcome)
                appender.write(line(record))
                written += 1
                failed += record["status"] != "ok"
                if bar is not None:
                    bar.set_postfix(failed=failed, refresh=False)
                    bar.update()
    except KeyboardInterrupt:  # a second Ctrl-C: the records written so far stand
        pass
    finally:
        appender.close()
        if bar is not None:
            bar.close()
    return BatchSummary(
        total=len(files),
        written=written,
        skipped=plan.skipped,
        failed=plan.failed + failed,
        changed=plan.changed,
        interrupted=written < len(plan.todo),
    )
