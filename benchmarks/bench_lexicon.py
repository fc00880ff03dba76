"""The lexicon's patterns with the standard ``re`` beside the same patterns in ``regex``.

Every cell and line of the seed reports is classified by :func:`gikaireport.lexicon.read_token`
without its cache, once with the module's ``re`` patterns and once with the same patterns
compiled by the third-party ``regex`` package (the dash family as ``\\p{Pd}``, digits as
``\\p{Nd}``), in alternating rounds in one process. Prints tokens per second (CPU time) and
the ratio. Needs ``pip install regex``; it is not a dependency.

    python benchmarks/bench_lexicon.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from gikaireport import lexicon

ROOT = Path(__file__).resolve().parents[1]


def tokens() -> list[str]:
    env = os.environ.get("GIKAIREPORT_CORPUS")
    seeds = (Path(env) if env else ROOT.parent / "shared" / "corpus") / "seeds"
    cells = []
    for path in sorted(seeds.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cells.extend(cell for cell in line.split("\t") if cell.strip())
    return cells


def rate(cells: list[str]) -> float:
    classify = lexicon.read_token.__wrapped__
    start = time.process_time()
    for cell in cells:
        classify(cell)
    return len(cells) / (time.process_time() - start)


def main() -> None:
    import regex

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    cells = tokens() * 20
    patterns = {
        "_DASH": (lexicon._DASH, regex.compile(r"[\p{Pd}/\\／＼×\u2212]+|一+|无")),
        "_NUMBER": (
            lexicon._NUMBER,
            regex.compile(
                r"(?P<sign>[+\-])?(?P<int>\p{Nd}{1,3}(?:,\p{Nd}{3})+|\p{Nd}+)"
                r"(?:\.(?P<frac>\p{Nd}+))?"
            ),
        ),
        "_NUMERIC": (lexicon._NUMERIC, regex.compile(r"[+\-]?\p{Nd}[\p{Nd},]*(?:\.\p{Nd}+)?")),
    }
    ratios, best = [], {"re": 0.0, "regex": 0.0}
    for _ in range(rounds):
        measured = {}
        for name, index in (("re", 0), ("regex", 1)):
            for attribute, pair in patterns.items():
                setattr(lexicon, attribute, pair[index])
            measured[name] = rate(cells)
            best[name] = max(best[name], measured[name])
        ratios.append(measured["re"] / measured["regex"])
    for attribute, pair in patterns.items():
        setattr(lexicon, attribute, pair[0])
    print(f"{len(cells)} tokens per round")
    print(f"re:    {best['re']:,.0f} tokens/s")
    print(f"regex: {best['regex']:,.0f} tokens/s")
    print(f"re / regex speed (median of rounds): {statistics.median(ratios):.2f}")


if __name__ == "__main__":
    main()
