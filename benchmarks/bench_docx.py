"""DOCX reading speed against python-docx itself, side by side in one run.

For each file, the best per-call time of:

- ``baseline: docx.Document()``: python-docx opening the package (unzip, parse every XML part),
  which any python-docx based reading pays;
- ``python-docx cell walk``: the baseline plus reading every table the usual way
  (``table.rows`` / ``row.cells`` / ``cell.text``; merged cells repeated), for context;
- ``read_document (docx)``: our reader to a ``Document`` (ZIP guard with every member inflated
  once in chunks, python-docx open, body walk with merged cells resolved);
- ``read_document + assemble``: the same to a ``Report`` (``gikaireport.parse_document``).

Files: rendered reports (2021 and 2019 formats, and one with 40 pages of prose), and when the
corpus is present the blank national template and the template filled with a report's values.
Ratios are against the baseline measured in the same run; timings are interleaved so that a
busy moment hits every contender.

Usage: ``python benchmarks/bench_docx.py [--repeat 7]``
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import docx  # noqa: E402
from attrs import evolve  # noqa: E402

import gikaireport  # noqa: E402
from docx_helpers import example_report  # noqa: E402
from gikaireport.readers import read_document  # noqa: E402
from gikaireport.testing.docx import fill_template, render_docx  # noqa: E402


def files() -> dict[str, bytes]:
    report = example_report("2021")
    long_text = "\n".join(
        ["本年度持续推进政务公开标准化规范化建设，严格落实保密审查制度。" * 4] * 600
    )
    long_report = evolve(report, parts=tuple(evolve(p, text=long_text) for p in report.parts))
    out = {
        "rendered 2021": render_docx(report),
        "rendered 2019": render_docx(example_report("2019")),
        "rendered 2021, long prose": render_docx(long_report),
    }
    corpus = Path(os.environ.get("GIKAIREPORT_CORPUS", ROOT.parent / "shared" / "corpus"))
    template = corpus / "docx" / "national_template_2021.docx"
    if template.is_file():
        out["real template, blank"] = template.read_bytes()
        out["real template, filled"] = fill_template(template, report)
    else:
        print(f"(corpus not found at {corpus}: the real template is left out)")
    return out


def baseline(data: bytes) -> object:
    return docx.Document(io.BytesIO(data))


def cell_walk(data: bytes) -> object:
    document = docx.Document(io.BytesIO(data))
    return [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]


def ours(data: bytes) -> object:
    return read_document(data, "bench.docx", "docx")


def ours_report(data: bytes) -> object:
    return gikaireport.parse_document(read_document(data, "bench.docx", "docx"))


CONTENDERS: dict[str, Callable[[bytes], object]] = {
    "baseline: docx.Document()": baseline,
    "python-docx cell walk": cell_walk,
    "read_document (docx)": ours,
    "read_document + assemble": ours_report,
}


def best_time(function: Callable[[bytes], object], data: bytes, budget: float = 0.2) -> float:
    """Best per-call time over enough calls to fill ``budget`` seconds."""
    start = time.perf_counter()
    function(data)
    once = time.perf_counter() - start
    number = max(1, int(budget / max(once, 1e-6)))
    start = time.perf_counter()
    for _ in range(number):
        function(data)
    return min(once, (time.perf_counter() - start) / number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    inputs = files()
    best = {(f, c): float("inf") for f in inputs for c in CONTENDERS}
    for _ in range(args.repeat):
        for file, data in inputs.items():
            for name, function in CONTENDERS.items():
                best[file, name] = min(best[file, name], best_time(function, data))
    print(f"best per-call time of {args.repeat} interleaved rounds; ratio = time / baseline")
    print(f"python {sys.version.split()[0]}, python-docx {docx.__version__}, {os.cpu_count()} CPUs")
    for file, data in inputs.items():
        base = best[file, "baseline: docx.Document()"]
        print(f"\n{file} ({len(data) / 1024:.0f} KiB)")
        for name in CONTENDERS:
            seconds = best[file, name]
            print(f"  {name:28} {seconds * 1000:8.2f} ms   {seconds / base:5.2f}x")


if __name__ == "__main__":
    main()
