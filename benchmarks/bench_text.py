"""Text read throughput on the seed reports, beside two baselines measured in the same run.

Baselines: decoding and splitting the text into lines (the floor any reader pays), and
``str.split`` on tabs of every line (a layout-unaware tokenizer). Prints reports/second on
one core and the ratios.

    python benchmarks/bench_text.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import gikaireport
from gikaireport.readers.text import decode, document_from_text

ROOT = Path(__file__).resolve().parents[1]


def corpus() -> Path:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def rate(
    function: Callable[[bytes, str], object], files: list[tuple[bytes, str]], seconds: float
) -> float:
    done = 0
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        for data, name in files:
            function(data, name)
        done += len(files)
    return done / (time.perf_counter() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    paths = sorted((corpus() / "seeds").glob("*.txt"))
    if not paths:
        raise SystemExit("no seeds found: set GIKAIREPORT_CORPUS")
    files = [(p.read_bytes(), str(p)) for p in paths]
    floor = rate(lambda d, n: decode(d, n).split("\n"), files, args.seconds)
    naive = rate(
        lambda d, n: [line.split("\t") for line in decode(d, n).split("\n")], files, args.seconds
    )
    document = rate(lambda d, n: document_from_text(decode(d, n), n), files, args.seconds)
    full = rate(
        lambda d, n: gikaireport.parse_document(document_from_text(decode(d, n), n)),
        files,
        args.seconds,
    )
    print(f"{'step':<34}{'reports/s':>12}{'x floor':>10}")
    for label, value in (
        ("decode + split lines (floor)", floor),
        ("decode + split cells (naive)", naive),
        ("text -> Document", document),
        ("text -> Report (read)", full),
    ):
        print(f"{label:<34}{value:>12.0f}{floor / value:>10.1f}")


if __name__ == "__main__":
    main()
