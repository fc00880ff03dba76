"""OCR speed, memory and number recall, beside tesseract on the same page images.

The corpus PDF (``GIKAIREPORT_CORPUS`` or ``../shared/corpus``) is rasterised at 150, 200 and
300 dpi. For every page image, on one core (both engines single-threaded; CPU seconds of
this process and its children):

- ``ours``: :func:`gikaireport.readers.ocr.ocr_page`, the whole per-page work of the reader
  (detection, recognition, ruling lines, cells read again on their own crops, layout lines);
- ``rapidocr``: the engine's page pass alone;
- ``tesseract``: ``tesseract -l chi_sim --psm 6`` (Debian's tesseract with its
  Simplified Chinese model), the baseline.

Number recall: of the numbers the text layer prints in the page's tables, the share found
as whole tokens in each engine's output (multiset). Then cells right when the whole scan
is read by :func:`gikaireport.read`, and the peak resident memory of that read in a fresh
process (goal: under 1 GB; speed goal: at most 2 s per page at 200 dpi).

    python benchmarks/bench_ocr.py [--dpi 200 ...]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

import gikaireport  # noqa: E402
from gikaireport.document import Table  # noqa: E402
from gikaireport.readers.ocr import ocr_page  # noqa: E402
from gikaireport.readers.ocr_engine import engine  # noqa: E402
from gikaireport.readers.pdf import read as read_pdf  # noqa: E402

NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def corpus_pdf() -> Path:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    corpus = Path(env) if env else ROOT.parent / "shared" / "corpus"
    path = corpus / "pdf" / "hzq2024_working.pdf"
    if not path.is_file():
        raise SystemExit(f"the corpus PDF is needed: {path}")
    return path


def page_numbers(data: bytes) -> dict[int, Counter[str]]:
    """The numbers printed in the tables of each page, from the text layer."""
    numbers: dict[int, Counter[str]] = {}
    for block in read_pdf(data, "text-layer.pdf").blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if cell.source.page and NUMBER.fullmatch(cell.text.strip()):
                        numbers.setdefault(cell.source.page, Counter())[cell.text.strip()] += 1
    return numbers


def rasterise(data: bytes, dpi: int) -> list[np.ndarray]:
    document = pdfium.PdfDocument(data)
    try:
        return [
            np.asarray(document[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L"))
            for i in range(len(document))
        ]
    finally:
        document.close()


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(call: Callable[[], str]) -> tuple[float, str]:
    start = cpu()
    text = call()
    return cpu() - start, text


def tesseract(image: np.ndarray) -> str:
    from PIL import Image

    with tempfile.NamedTemporaryFile(suffix=".png") as handle:
        Image.fromarray(image).save(handle.name)
        out = subprocess.run(
            ["tesseract", handle.name, "-", "-l", "chi_sim", "--psm", "6"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},
        )
    return out.stdout


def rapidocr(image: np.ndarray) -> str:
    import cv2

    result, _ = engine()(cv2.cvtColor(image, cv2.COLOR_GRAY2BGR), use_cls=False)
    return "\n".join(str(text) for _, text, _ in result or [])


def ours(image: np.ndarray, number: int) -> str:
    page, _ = ocr_page(image, number, "bench")
    return "\n".join(run.text for line in page.lines for run in line.runs)


def recall(expected: Counter[str], text: str) -> tuple[int, int]:
    found = Counter(NUMBER.findall(text.replace(" ", "  ")))
    return sum(min(count, found[n]) for n, count in expected.items()), sum(expected.values())


def peak_and_cells(scan: Path, reference: gikaireport.Report) -> tuple[float, int]:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the forking parent (this
    # benchmark, with its engine and page images loaded), VmHWM starts afresh
    script = (
        "import json, re, gikaireport\n"
        f"r = gikaireport.read({str(scan)!r})\n"
        "print(json.dumps({k: str(v) for k, v in r.values().items()}))\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s*(\\d+) kB', status).group(1))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    import json

    values_line, rss = out.stdout.strip().splitlines()[-2:]
    values = json.loads(values_line)
    right = sum(1 for k, v in reference.values().items() if values.get(k) == str(v))
    return int(rss) / 1024, right


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    args = parser.parse_args()
    path = corpus_pdf()
    data = path.read_bytes()
    expected = page_numbers(data)
    reference = gikaireport.read(path)
    engine()  # load the models before timing
    header = f"{'dpi':>4} {'engine':>10} {'s/page':>8} {'number recall':>14}"
    print(header)
    print("-" * len(header))
    for dpi in args.dpi:
        pages = rasterise(data, dpi)
        calls: dict[str, Callable[[np.ndarray, int], str]] = {
            "ours": ours,
            "rapidocr": lambda image, _: rapidocr(image),
            "tesseract": lambda image, _: tesseract(image),
        }
        for name, call in calls.items():
            seconds = 0.0
            hits = total = 0
            for number, image in enumerate(pages, start=1):
                spent, text = timed(lambda c=call, i=image, n=number: c(i, n))
                seconds += spent
                got, of = recall(expected.get(number, Counter()), text)
                hits, total = hits + got, total + of
            print(f"{dpi:>4} {name:>10} {seconds / len(pages):>8.2f} {hits:>7}/{total:<6}")
        from PIL import Image

        buffer = io.BytesIO()
        images = [Image.fromarray(page) for page in pages]
        images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=dpi)
        with tempfile.TemporaryDirectory() as directory:
            scan = Path(directory) / "scan.pdf"
            scan.write_bytes(buffer.getvalue())
            rss, right = peak_and_cells(scan, reference)
        print(f"{dpi:>4} gikaireport.read on the scan: {right}/200 cells right, peak {rss:.0f} MB")


if __name__ == "__main__":
    main()
