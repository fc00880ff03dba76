"""Text read throughput on the seed reports, beside baselines measured in the same run.

Baselines: decoding and splitting the text into lines (the floor any reader pays), and
``str.split`` on tabs of every line (a layout-unaware tokenizer). ``unseen`` reads as
``read`` does, but forgets the table layouts aligned before (see
:attr:`~gikaireport.assemble.pieces.Pieces.layout`) before each text, so that every table is
aligned as in a report of a template not seen before. The next two steps start from the
Documents the reader made (read once, before timing): the assembler alone, and the
assembler followed by ``validate``, so that their speed is seen apart from the reader's. The
next starts from the Reports the assembler made (assembled once, before timing):
``validate`` alone. The very last, ``moved``, reads 2,000 texts once each (the seeds moved
down by lines of prose, see :func:`moved_texts`), so that what the reader keeps between
texts cannot flatter it.

With ``--baseline SRC``, a second copy of the package (the ``src`` directory of another
checkout, for example made with ``git archive main src | tar -x -C /tmp/base``) is measured
too, in alternating rounds, so that a change is measured before and after in the same run.

Each contender runs in its own interpreter (``--worker``), timing CPU time of that process
(``time.process_time``: one core, not counting time spent waiting for a core on a busy
machine). The best of ``--rounds`` rounds is printed, in reports per second, and the speed-up
over the baseline as the median of the rounds' ratios (each round runs both, one after the
other, so a busy moment moves a ratio less than a rate).

    python benchmarks/bench_text.py [--seconds 1] [--rounds 5] [--baseline /tmp/base/src]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

STEPS = (
    ("floor", "decode + split lines (floor)"),
    ("naive", "decode + split cells (naive)"),
    ("document", "text -> Document"),
    ("read", "text -> Report (read)"),
    ("validate", "text -> Report -> validate"),
    ("unseen", "text -> Report, layouts unseen"),
    ("assemble", "Document -> Report (assemble)"),
    ("checks", "Document -> Report -> validate"),
    ("rules", "Report -> validate"),
    ("moved", "text -> Document, new texts"),
)
MOVES = 400
"""The ``moved`` step reads each seed moved down by 0 to ``MOVES - 1`` lines of prose."""


def corpus() -> Path:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def rate(
    function: Callable[[bytes, str], object], files: list[tuple[bytes, str]], seconds: float
) -> float:
    for data, name in files:  # warm up: imports and caches
        function(data, name)
    done = 0
    start = time.process_time()
    while time.process_time() - start < seconds:
        for data, name in files:
            function(data, name)
        done += len(files)
    return done / (time.process_time() - start)


def worker(seconds: float) -> dict[str, float]:
    """Every step's rate, for the package importable in this interpreter."""
    import gikaireport
    from gikaireport.readers.text import decode, document_from_text

    paths = sorted((corpus() / "seeds").glob("*.txt"))
    if not paths:
        raise SystemExit("no seeds found: set GIKAIREPORT_CORPUS")
    files = [(p.read_bytes(), str(p)) for p in paths]
    documents = {name: document_from_text(decode(data, name), name) for data, name in files}
    reports = {name: gikaireport.parse_document(document) for name, document in documents.items()}

    from gikaireport.assemble import tables

    laid_out: dict[object, object] = getattr(tables, "_LAIDOUT", {})  # a tree without it: {}

    def read(data: bytes, name: str) -> gikaireport.Report:
        return gikaireport.parse_document(document_from_text(decode(data, name), name))

    functions: dict[str, Callable[[bytes, str], object]] = {
        "floor": lambda d, n: decode(d, n).split("\n"),
        "naive": lambda d, n: [line.split("\t") for line in decode(d, n).split("\n")],
        "document": lambda d, n: document_from_text(decode(d, n), n),
        "read": read,
        "validate": lambda d, n: gikaireport.validate(read(d, n)),
        "unseen": lambda d, n: (laid_out.clear(), read(d, n)),
        "assemble": lambda d, n: gikaireport.parse_document(documents[n]),
        "checks": lambda d, n: gikaireport.validate(gikaireport.parse_document(documents[n])),
        "rules": lambda d, n: gikaireport.validate(reports[n]),
    }
    rates = {step: rate(functions[step], files, seconds) for step, _ in STEPS[:-1]}
    rates["moved"] = one_pass(functions["document"], moved_texts())
    return rates


def moved_texts() -> list[tuple[bytes, str]]:
    """Every seed moved down by 0 to ``MOVES - 1`` lines of its own prose, shuffled.

    The other steps read the same five seeds over and over, the best case for what the
    reader keeps between texts; here 2,000 distinct texts are read once each, their tables
    on other lines than in any text read before.
    """
    texts = []
    for index, path in enumerate(sorted((corpus() / "seeds").glob("*.txt"))):
        data = path.read_bytes()
        for move in range(MOVES):
            prose = "".join(f"第{index}份第{move}稿说明第{k}行，不是表格。\n" for k in range(move))
            texts.append((prose.encode() + data, f"{path.name}+{move}"))
    random.Random(0).shuffle(texts)
    return texts


def one_pass(function: Callable[[bytes, str], object], files: list[tuple[bytes, str]]) -> float:
    """Reports per second of CPU time for one pass over ``files``."""
    start = time.process_time()
    for data, name in files:
        function(data, name)
    return len(files) / (time.process_time() - start)


def run_worker(src: Path, seconds: float) -> dict[str, float]:
    environment = {**os.environ, "PYTHONPATH": str(src)}
    environment.setdefault("GIKAIREPORT_CORPUS", str(corpus()))
    done = subprocess.run(
        [sys.executable, __file__, "--worker", "--seconds", str(seconds)],
        env=environment,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SystemExit(f"the worker for {src} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="the src directory of another checkout")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.seconds)))
        return
    contenders = {"this": ROOT / "src"}
    if args.baseline:
        contenders["baseline"] = args.baseline.resolve()
    best: dict[str, dict[str, float]] = {name: {} for name in contenders}
    ratios: dict[str, list[float]] = {step: [] for step, _ in STEPS}
    for _ in range(args.rounds):
        measured = {name: run_worker(src, args.seconds) for name, src in contenders.items()}
        for name, rates in measured.items():
            for step, value in rates.items():
                best[name][step] = max(best[name].get(step, 0.0), value)
        if args.baseline:
            for step, _ in STEPS:
                ratios[step].append(measured["this"][step] / measured["baseline"][step])
    floor = best["this"]["floor"]
    header = f"{'step':<30}{'reports/s':>11}{'x floor':>9}"
    if args.baseline:
        header += f"{'baseline/s':>12}{'speed-up':>10}"  # median of the rounds' ratios
    print(header)
    for step, label in STEPS:
        value = best["this"][step]
        line = f"{label:<30}{value:>11.0f}{floor / value:>9.1f}"
        if args.baseline:
            line += f"{best['baseline'][step]:>12.0f}{statistics.median(ratios[step]):>9.2f}x"
        print(line)


if __name__ == "__main__":
    main()
