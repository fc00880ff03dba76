"""The OFD reader against the PDF reader's fast path on the same documents.

Run from the repository root (LibreOffice renders the PDFs):

    PYTHONPATH=src python benchmarks/bench_ofd.py [--reports 4] [--repeat 5]

Each generated report is rendered to PDF (``gikaireport.testing.pdf.render_pdf``) and that
PDF's text layer is written as an OFD (``gikaireport.testing.ofd.pdf_to_ofd``), so both readers
see the same characters at the same places and both lay them out with
``gikaireport.readers.pdf_layout``. Each document is read by both in turn, ``repeat`` times,
and the best time of each is kept; the ratio is OFD / PDF, so it does not depend on the
machine. The OFD side parses XML where the PDF side calls pdfium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import report_factory
from gikaireport.readers import ofd, pdf
from gikaireport.testing.ofd import pdf_to_ofd
from gikaireport.testing.pdf import render_pdf


def timed(function: Callable[[bytes, str], object], data: bytes, name: str) -> float:
    start = time.perf_counter()
    function(data, name)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ratios = []
    for seed in range(args.reports):
        rendered = render_pdf(report_factory.make_report(seed))
        package = pdf_to_ofd(rendered)
        pdf_time = ofd_time = float("inf")
        for _ in range(args.repeat):  # interleaved, so that load changes hit both alike
            pdf_time = min(pdf_time, timed(pdf.read, rendered, "x.pdf"))
            ofd_time = min(ofd_time, timed(ofd.read, package, "x.ofd"))
        ratios.append(ofd_time / pdf_time)
        print(
            f"report {seed}: PDF {pdf_time * 1000:.1f} ms, OFD {ofd_time * 1000:.1f} ms, "
            f"OFD/PDF {ofd_time / pdf_time:.2f} ({len(rendered)} / {len(package)} bytes)"
        )
    print(f"median OFD/PDF time ratio over {len(ratios)} reports: {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
