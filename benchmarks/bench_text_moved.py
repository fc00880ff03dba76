"""The plain-text reader on texts new to it, beside a baseline tree measured in the same run.

``bench_text.py`` reads the same five seed reports over and over, the best case for what the
reader keeps between texts (line kinds, cell sources). Here every text is read once: each
seed moved down by 0 to 399 lines of prose of its own (2,000 distinct texts, in a fixed
shuffled order), so that its tables sit on other lines than in any text read before.

Each round runs one pass in a fresh interpreter per tree (``--worker``), timing CPU time
(``time.process_time``); the best round's rate and the median of the rounds' ratios are
printed.

    python benchmarks/bench_text_moved.py [--rounds 5] [--baseline /tmp/base/src]
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
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_text import ROOT, corpus

MOVES = 400


def moved_texts() -> list[tuple[bytes, str]]:
    """Every seed moved down by 0 to ``MOVES - 1`` lines of its own prose, shuffled."""
    paths = sorted((corpus() / "seeds").glob("*.txt"))
    if not paths:
        raise SystemExit("no seeds found: set GIKAIREPORT_CORPUS")
    texts = []
    for index, path in enumerate(paths):
        data = path.read_bytes()
        for move in range(MOVES):
            prose = "".join(f"第{index}份第{move}稿说明第{k}行，不是表格。\n" for k in range(move))
            texts.append((prose.encode() + data, f"{path.name}+{move}"))
    random.Random(0).shuffle(texts)
    return texts


def worker() -> float:
    """Reports per second of CPU time for one pass over the moved texts."""
    from gikaireport.readers.text import decode, document_from_text

    texts = moved_texts()
    document_from_text(decode(*texts[0]), texts[0][1])  # imports; one text read twice
    start = time.process_time()
    for data, name in texts:
        document_from_text(decode(data, name), name)
    return len(texts) / (time.process_time() - start)


def run_worker(src: Path) -> float:
    environment = {**os.environ, "PYTHONPATH": str(src)}
    environment.setdefault("GIKAIREPORT_CORPUS", str(corpus()))
    done = subprocess.run(
        [sys.executable, __file__, "--worker"], env=environment, capture_output=True, text=True
    )
    if done.returncode:
        raise SystemExit(f"the worker for {src} failed:\n{done.stderr}")
    return float(json.loads(done.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--baseline", type=Path, help="the src directory of another checkout")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker()))
        return
    rates: list[float] = []
    ratios: list[float] = []
    best_baseline = 0.0
    for _ in range(args.rounds):
        rates.append(run_worker(ROOT / "src"))
        if args.baseline:
            baseline = run_worker(args.baseline.resolve())
            best_baseline = max(best_baseline, baseline)
            ratios.append(rates[-1] / baseline)
    line = f"text -> Document, moved texts: {max(rates):.0f} reports/s"
    if args.baseline:
        line += f"; baseline {best_baseline:.0f}/s; speed-up {statistics.median(ratios):.2f}x"
    print(line)


if __name__ == "__main__":
    main()
