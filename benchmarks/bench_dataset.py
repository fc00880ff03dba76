"""``build_dataset`` on generated region folders: time, memory and the similarity step's share.

The folder: agencies (real county names, three bodies each) over five years, one report per
agency-year, in HTML (four in five) and DOCX, with prose in parts 一五六; one agency in seven
copies last year's part 一, one agency-year in eleven shares its part 五 with another agency.

1. Time: ``build_dataset`` against the ``batch`` command (``run_batch``: read, validate, one
   record per file) on the same folder, side by side in one run; the ratio is what coverage,
   series, similarity, Parquet and the page add to reading.
2. The similarity step alone (shingling, candidate pairs, scores) on the same texts, and its
   share of ``build_dataset``'s time.
3. Memory: peak RSS of a fresh interpreter running ``build_dataset`` (and of its largest
   reading process).
4. ``--dask``: the Dask recipe of docs/regions.md (``file_rows`` mapped by ``dask.bag`` with
   the multiprocessing scheduler, one Parquet file per partition) on the same folder.

Usage: ``python benchmarks/bench_dataset.py [--reports 2000] [--jobs 2] [--repeat 1] [--dask]``
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from gikaireport.batch import run_batch  # noqa: E402
from gikaireport.regions import SimilarityIndex, build_dataset  # noqa: E402
from gikaireport.regions.divisions import by_name  # noqa: E402
from gikaireport.regions.similarity import PROSE_PARTS  # noqa: E402
from region_folder import make_region_report, prose, write_report  # noqa: E402

YEARS = (2021, 2022, 2023, 2024, 2025)
BODIES = ("人民政府", "财政局", "教育局")


def agencies(count: int) -> list[str]:
    """``count`` agencies: unambiguous county names with three bodies each."""
    counties = sorted(
        items[0].name
        for items in by_name().values()
        if len(items) == 1 and items[0].level == "county"
    )
    return [f"{county}{body}" for county in counties for body in BODIES][:count]


def write_folder(directory: Path, reports: int) -> list[tuple[str, str, int, dict[str, str]]]:
    """Write the folder; return (path, agency, year, prose by part) for each report."""
    names = agencies(max(1, reports // len(YEARS)))
    written = []
    for i, agency in enumerate(names):
        previous: dict[str, str] = {}
        for year in YEARS:
            seed = i * 100 + year
            texts = {}
            if i % 7 == 0 and previous:
                texts["overview"] = previous["overview"]
            if seed % 11 == 0:
                texts["problems"] = prose(year)  # the year's shared template
            report = make_region_report(seed, agency, year, texts)
            form = "docx" if seed % 5 == 0 else "html"
            path = write_report(report, directory / f"{i:05d}-{year}", form)
            parts = {p: report.part(p).text for p in PROSE_PARTS if report.part(p)}  # type: ignore[union-attr]
            written.append((str(path), agency, year, parts))
            previous = parts
    return written


def similarity_alone(texts: list[tuple[str, str, int, dict[str, str]]]) -> tuple[float, int]:
    start = time.perf_counter()
    index = SimilarityIndex()
    for path, agency, year, parts in texts:
        for part, text in parts.items():
            index.add(path, agency, year, part, text)
    pairs = sum(1 for _ in index.pairs())
    return time.perf_counter() - start, pairs


_PROBE = """
import json, resource, sys
sys.path[:0] = {paths!r}
from gikaireport.regions import build_dataset
summary = build_dataset({folder!r}, {out!r}, jobs={jobs})
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps([me, children, summary.files]))
"""


def peak_memory(folder: Path, out: Path, jobs: int) -> tuple[float, float]:
    code = _PROBE.format(paths=sys.path[:2], folder=str(folder), out=str(out), jobs=jobs)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    me, children, _ = json.loads(done.stdout.strip().splitlines()[-1])
    return me / 1024, children / 1024


def dask_run(folder: Path, out: Path, jobs: int) -> tuple[float, int]:
    """The Dask recipe of docs/regions.md: ``file_rows`` by ``dask.bag``, one Parquet per part."""
    import dask
    import dask.bag as db
    import pyarrow as pa
    import pyarrow.parquet as pq

    from gikaireport.batch import expand_paths
    from gikaireport.regions.dataset import file_rows
    from gikaireport.regions.schema import arrow_schema

    (out / "reports").mkdir(parents=True)

    @dask.delayed
    def write_partition(records: list, number: int) -> int:  # type: ignore[type-arg]
        table = pa.Table.from_pylist(
            [row for row, _ in records], schema=arrow_schema("reports.parquet")
        )
        pq.write_table(table, out / "reports" / f"part-{number:05d}.parquet")
        return len(records)

    start = time.perf_counter()
    paths = [str(path) for path in expand_paths([folder])]
    parts = db.from_sequence(paths, npartitions=jobs * 8).map(file_rows).to_delayed()
    with dask.config.set(scheduler="processes", num_workers=jobs):
        written = dask.compute(*[write_partition(p, i) for i, p in enumerate(parts)])
    return time.perf_counter() - start, sum(written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--dask", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        folder = base / "reports"
        folder.mkdir()
        start = time.perf_counter()
        texts = write_folder(folder, args.reports)
        print(f"{len(texts)} reports generated in {time.perf_counter() - start:.1f} s")
        runs = {
            "baseline: run_batch": lambda: run_batch(
                [folder], base / "batch.jsonl", jobs=args.jobs
            ),
            "build_dataset": lambda: build_dataset(folder, base / "dataset", jobs=args.jobs),
        }
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(args.repeat):  # interleaved, so that a busy moment hits both
            for name, function in runs.items():
                began = time.perf_counter()
                function()
                best[name] = min(best[name], time.perf_counter() - began)
        for name, seconds in best.items():
            print(f"{name:24s} {seconds:8.1f} s  {len(texts) / seconds:7.1f} reports/s")
        ratio = best["build_dataset"] / best["baseline: run_batch"]
        print(f"build_dataset / run_batch: {ratio:.2f}")
        seconds, pairs = similarity_alone(texts)
        share = seconds / best["build_dataset"]
        print(f"similarity alone: {seconds:.1f} s, {pairs} pairs, {share:.0%} of build_dataset")
        with (base / "dataset" / "coverage.csv").open(encoding="utf-8") as stream:
            statuses = [row["status"] for row in csv.DictReader(stream)]
        print(f"coverage rows: {len(statuses)}, present: {statuses.count('present')}")
        me, child = peak_memory(folder, base / "probe", args.jobs)
        print(
            f"peak RSS: build_dataset process {me:.0f} MiB, largest reading process {child:.0f} MiB"
        )
        if args.dask:
            seconds, rows = dask_run(folder, base / "dask", args.jobs)
            print(
                f"dask recipe ({args.jobs} processes): {seconds:.1f} s for {rows} rows, "
                f"{len(texts) / seconds:.1f} reports/s"
            )


if __name__ == "__main__":
    main()
