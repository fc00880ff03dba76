"""Reading many files: a crash-proof process pool, per-file records, and the batch command.

- :func:`read_many` reads files into reports, in parallel when ``jobs > 1``, yielding each
  file's :class:`~gikaireport.Report` or :class:`~gikaireport.ReadError` in input order.
- :func:`file_record` is the per-file function of the batch command: one file to one
  JSON-ready record (status, content hash, meta, every cell, findings). It never raises, so it
  can be mapped over any number of files with any executor (a ``dask.bag`` too).
- :func:`run_batch` writes those records to a JSON Lines or CSV file that an interruption never
  leaves corrupt, and resumes an interrupted run; ``gikaireport.batch.command`` is its
  command line (``gikaireport batch``).
- :func:`expand_paths` is the one directory walker (``gikaireport check`` uses it too).

The modules, by idea: ``paths`` (which files a directory holds), ``pool`` (the processes),
``stop`` (Ctrl-C and SIGTERM), ``records`` (one file's record), ``output`` (the resumable
output file), ``reading`` (``read_many``), ``run`` (``run_batch``), ``command`` (the command
line), ``progress`` (the bars).
"""

from __future__ import annotations

from gikaireport.batch.output import CSV_COLUMNS, OutputError, OutputFormat
from gikaireport.batch.paths import PathSource, expand_paths
from gikaireport.batch.reading import read_many
from gikaireport.batch.records import file_record
from gikaireport.batch.run import BatchSummary, run_batch

__all__ = [
    "CSV_COLUMNS",
    "BatchSummary",
    "OutputError",
    "OutputFormat",
    "PathSource",
    "expand_paths",
    "file_record",
    "read_many",
    "run_batch",
]
