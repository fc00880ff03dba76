"""PDF reading speed and memory, as ratios against baselines measured in the same run.

For every file: our PDF reader (bytes to Document, :func:`gikaireport.readers.pdf.read`),
the whole of :func:`gikaireport.read` (reader and assembler), plain pdfplumber
``extract_tables`` on every page (the baseline; target: ours at most 0.1 of it) and bare
pypdfium2 text extraction on every page (the floor: opening pages and getting their text).
Then the peak resident memory of reading a 100-page PDF, in a fresh process (target: under
300 MB).

Files: the real corpus PDF (``GIKAIREPORT_CORPUS`` or ``../shared/corpus``), PDFs rendered from
reports through DOCX and LibreOffice (the corpus PDF's own report and the seed reports, when
the corpus and LibreOffice are there), a producer matrix made from one report (the national
template DOCX through LibreOffice, upright, turned 90, 180 and 270 degrees and with
``/Rotate``; the HTML page printed by Chromium on A4 and A5; an OCR text layer), and the
100-page PDF made by repeating the corpus PDF (or a rendered one) with pypdfium2. For files
made from a known report, the ``cells`` column counts the cells ``gikaireport.read`` gives
equal to it and ``silent`` the numbers that differ with nothing naming the cell (must be 0).

With ``--baseline SRC``, the ``src`` directory of another checkout (for example made with
``git archive main src | tar -x -C /tmp/base``), ``gikaireport.read`` / floor of every file is
measured for that package and this one too, in fresh processes taking turns for ``--rounds``
rounds, so that a change is measured before and after in the same run: the table gives each
tree's median over the rounds and the median of the rounds' ratios of the two.

    python benchmarks/bench_pdf.py [--repeat N] [--baseline /tmp/base/src [--rounds N]]
"""

from __future__ import annotations

import argparse
import inspect
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

import gikaireport  # noqa: E402
from gikaireport.readers.pdf import read as read_pdf  # noqa: E402


def corpus_dir() -> Path | None:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    candidate = Path(env) if env else ROOT.parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


def rendered_pdfs(corpus: Path | None) -> dict[str, bytes]:
    """PDFs rendered from real reports (the corpus PDF and the seeds) through DOCX."""
    if corpus is None:
        return {}
    try:
        from gikaireport.readers.doc import find_soffice
        from gikaireport.testing.pdf import render_pdf
    except ImportError:
        return {}
    if find_soffice() is None:
        return {}
    reports = {"rendered-hzq2024": gikaireport.read(corpus / "pdf" / "hzq2024_working.pdf")}
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        reports[f"rendered-seed{seed.name[:3]}"] = gikaireport.parse_text(
            seed.read_text(encoding="utf-8")
        )
    return {name: render_pdf(report) for name, report in reports.items()}


def producer_pdfs(corpus: Path | None) -> dict[str, tuple[bytes, gikaireport.Report]]:
    """One report through every producer the tests use, when the tools are installed."""
    if corpus is None:
        return {}
    from gikaireport.readers.doc import find_soffice
    from gikaireport.testing.docx import fill_template
    from gikaireport.testing.html import render_html
    from gikaireport.testing.pdf import (
        docx_to_pdf,
        find_chromium,
        html_to_pdf,
        ocr_layer,
        turn_pages,
    )

    report = gikaireport.parse_text((corpus / "seeds" / "000_584dbe52e0b9f186.txt").read_text())
    files: dict[str, bytes] = {}
    if find_soffice() is not None:
        template = fill_template(corpus / "docx" / "national_template_2021.docx", report)
        files["template-lo"] = docx_to_pdf(template)
        for degrees in (90, 180, 270):
            files[f"template-turned-{degrees}"] = turn_pages(files["template-lo"], degrees)
        files["template-rotate-90"] = turn_pages(files["template-lo"], 90, content=False)
        files["template-ocr-layer"] = ocr_layer(files["template-lo"])
    if find_chromium() is not None:
        html = render_html(report)
        files["chromium-a4"] = html_to_pdf(html)
        files["chromium-a5"] = html_to_pdf(html, page_css="@page { size: A5; }")
    return {name: (data, report) for name, data in files.items()}


def repeated(data: bytes, pages: int) -> bytes:
    """A PDF of ``pages`` pages made by repeating the pages of ``data``."""
    source = pdfium.PdfDocument(data)
    target = pdfium.PdfDocument.new()
    while len(target) < pages:
        count = min(len(source), pages - len(target))
        target.import_pages(source, list(range(count)))
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def bare_pypdfium2(data: bytes) -> None:
    document = pdfium.PdfDocument(data)
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    document.close()


def pdfplumber_tables(data: bytes) -> None:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()


def measure(calls: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The least CPU time of each call over ``repeat`` rounds, the calls interleaved.

    CPU time, and rounds that run every call in turn, so that other load on the machine
    weighs on all of them alike. ``pdfplumber`` runs in the first third of the rounds only.
    """
    times: dict[str, list[float]] = {name: [] for name in calls}
    for round_ in range(repeat):
        for name, call in calls.items():
            if name == "pdfplumber" and round_ >= max(1, repeat // 3):
                continue
            start = time.process_time()
            call()
            times[name].append(time.process_time() - start)
    return {name: min(values) for name, values in times.items()}


READER = """
import sys
sys.path.insert(0, {src!r})
from gikaireport.readers.pdf import read
data = open({path!r}, "rb").read()
if {read!r}:
    document = read(data, {path!r})
"""

# Linux carries a process's peak RSS over fork and exec, so a child of this (large) process
# would report at least our own peak: a small intermediate process starts the reader and
# reports its children's peak.
PEAK = """
import resource, subprocess, sys
subprocess.run([sys.executable, "-c", sys.argv[1]], check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def peak_rss_mb(path: Path, read: bool) -> float:
    """Peak RSS in MB of a fresh process that reads ``path`` (or only imports, as a base)."""
    reader = READER.format(src=str(ROOT / "src"), path=str(path), read=read)
    out = subprocess.run(
        [sys.executable, "-c", PEAK, reader], capture_output=True, text=True, check=True
    )
    kilobytes = int(out.stdout.split()[-1])  # ru_maxrss is in KiB on Linux (bytes on macOS)
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 1024 / 1024


SIDE = """
import json, sys, time
sys.path.insert(0, {src!r})
import pypdfium2 as pdfium
import gikaireport
{floor}
ratios = {{}}
for path in {paths!r}:
    data = open(path, "rb").read()
    read = floor = float("inf")
    for _ in range({repeat}):
        start = time.process_time()
        gikaireport.read(path)
        read = min(read, time.process_time() - start)
        start = time.process_time()
        bare_pypdfium2(data)
        floor = min(floor, time.process_time() - start)
    ratios[path] = read / floor
print(json.dumps(ratios))
"""


def side_by_side(paths: list[Path], baseline: Path, repeat: int, rounds: int) -> None:
    """Print ``gikaireport.read`` / floor for this tree and ``baseline``, taking turns."""
    trees = {"this": ROOT / "src", "baseline": baseline.resolve()}
    ratios: dict[str, dict[str, list[float]]] = {tree: {} for tree in trees}
    for _ in range(rounds):
        for tree, src in trees.items():
            script = SIDE.format(
                src=str(src),
                floor=inspect.getsource(bare_pypdfium2),
                paths=[str(path) for path in paths],
                repeat=repeat,
            )
            out = subprocess.run(
                [sys.executable, "-c", script], capture_output=True, text=True, check=True
            )
            for path, ratio in json.loads(out.stdout).items():
                ratios[tree].setdefault(Path(path).stem, []).append(ratio)
    print(f"\n{'read/floor':<22}{'this':>8}{'baseline':>10}{'this/baseline':>15} ({rounds} rounds)")
    for name, these in ratios["this"].items():
        base = ratios["baseline"][name]
        change = statistics.median(t / b for t, b in zip(these, base, strict=True))
        print(
            f"{name:<22}{statistics.median(these):>8.2f}{statistics.median(base):>10.2f}"
            f"{change:>15.2f}   this {min(these):.2f}-{max(these):.2f}, "
            f"baseline {min(base):.2f}-{max(base):.2f}"
        )
    worst = max((statistics.median(v), k) for k, v in ratios["this"].items())
    print(f"worst median read/floor of this tree: {worst[0]:.2f} ({worst[1]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9, help="rounds of measurement (best kept)")
    parser.add_argument("--baseline", type=Path, help="the src directory of another checkout")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each tree (--baseline)")
    args = parser.parse_args()

    # pdfminer (under the pdfplumber baseline) warns of every Chromium font descriptor
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    corpus = corpus_dir()
    files: dict[str, bytes] = {}
    if corpus is not None:
        files["hzq2024_working.pdf"] = (corpus / "pdf" / "hzq2024_working.pdf").read_bytes()
    files.update(rendered_pdfs(corpus))
    producers = producer_pdfs(corpus)
    files.update((name, data) for name, (data, _) in producers.items())
    if not files:
        sys.exit("no PDF to measure: the corpus is missing (set GIKAIREPORT_CORPUS)")
    hundred = repeated(next(iter(files.values())), 100)
    files["100-page"] = hundred

    header = (
        f"{'file (CPU ms)':<22}{'pages':>6}{'ours':>9}{'read()':>10}{'pdfplumber':>11}"
        f"{'floor':>9}{'ours/plumber':>13}{'ours/floor':>11}{'read/floor':>11}"
        f"{'cells':>9}{'silent':>7}"
    )
    print(header)
    print("-" * len(header))
    to_plumber, to_floor, read_to_floor = [], [], []
    total_ours = total_plumber = 0.0
    with tempfile.TemporaryDirectory() as workdir:
        for name, data in files.items():
            pages = len(pdfium.PdfDocument(data))
            path = Path(workdir) / f"{name}.pdf"
            path.write_bytes(data)
            times = measure(
                {
                    "ours": lambda data=data: read_pdf(data, "bench.pdf"),
                    "read": lambda path=path: gikaireport.read(path),
                    "floor": lambda data=data: bare_pypdfium2(data),
                    "pdfplumber": lambda data=data: pdfplumber_tables(data),
                },
                args.repeat,
            )
            ours, whole, floor, plumber = (
                times["ours"],
                times["read"],
                times["floor"],
                times["pdfplumber"],
            )
            to_plumber.append(ours / plumber)
            to_floor.append(ours / floor)
            if name != "100-page":
                read_to_floor.append((whole / floor, name))
            total_ours += ours
            total_plumber += plumber
            cells = silent = ""
            if name in producers:
                from gikaireport.testing import silently_wrong

                expected = producers[name][1]
                report = gikaireport.read(path)
                want = expected.values()
                equal = sum(1 for k, v in report.values().items() if v == want[k])
                cells = f"{equal}/{len(want)}"
                silent = str(len(silently_wrong(report, expected)))
            print(
                f"{name:<22}{pages:>6}{ours * 1000:>9.1f}{whole * 1000:>10.1f}"
                f"{plumber * 1000:>11.1f}{floor * 1000:>9.1f}"
                f"{ours / plumber:>13.3f}{ours / floor:>11.2f}{whole / floor:>11.2f}"
                f"{cells:>9}{silent:>7}"
            )
        print("-" * len(header))
        print(
            f"ours / pdfplumber extract_tables: median {statistics.median(to_plumber):.3f}, "
            f"worst {max(to_plumber):.3f}, all files {total_ours / total_plumber:.3f} "
            "(target <= 0.1)"
        )
        print(
            f"ours / bare pypdfium2 text (floor): median {statistics.median(to_floor):.2f}, "
            f"worst {max(to_floor):.2f}"
        )
        worst, worst_name = max(read_to_floor)
        print(
            f"gikaireport.read / floor (every reading it takes, and assembly): median "
            f"{statistics.median(r for r, _ in read_to_floor):.2f}, "
            f"worst {worst:.2f} ({worst_name})"
        )
        if args.baseline:
            paths = [Path(workdir) / f"{name}.pdf" for name in files if name != "100-page"]
            side_by_side(paths, args.baseline, args.repeat, args.rounds)
        path = Path(workdir) / "100-page.pdf"
        base = peak_rss_mb(path, read=False)
        peak = peak_rss_mb(path, read=True)
        print(
            f"peak RSS reading the 100-page PDF: {peak:.0f} MB "
            f"(process after imports: {base:.0f} MB; target < 300 MB)"
        )


if __name__ == "__main__":
    main()
