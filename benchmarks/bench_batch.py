"""Batch throughput and memory.

1. Throughput: the same few hundred plain-text reports read by ``run_batch`` with 1 and with 2
   processes, side by side in one run, against a plain ``for path: gikaireport.read(path)``
   loop as the baseline. Prints files per second and the ratios.
2. Memory: peak RSS of the parent process (and the largest worker) for a batch over 50 files
   and over 500 files, each batch in a fresh interpreter, for ``run_batch`` (records written
   to a file) and ``read_many`` (reports handed to the caller and dropped). The in-flight work
   is bounded, so these peaks should not grow with the number of files. ``kept`` (a caller
   holding every report in a list) is the control that shows the probe sees growth.

Usage: ``python benchmarks/bench_batch.py [--files 300] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

import gikaireport  # noqa: E402
from gikaireport.batch import file_record, run_batch  # noqa: E402
from gikaireport.batch.pool import Pool, start_method  # noqa: E402
from report_factory import write_reports as write_reports_by_name  # noqa: E402


def write_reports(directory: Path, count: int) -> list[Path]:
    """Generated reports rendered as text in every layout of ``gikaireport.testing``."""
    return [directory / name for name in write_reports_by_name(directory, count)]


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended."""
    usages = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return sum(usage.ru_utime + usage.ru_stime for usage in usages)


def throughput(directory: Path, paths: list[Path], repeat: int) -> None:
    out = directory.parent / "out.jsonl"

    def plain() -> None:
        for path in paths:
            gikaireport.read(path)

    def batch(jobs: int) -> None:
        summary = run_batch([directory], out, jobs=jobs)
        assert summary.written == len(paths) and summary.failed == 0

    # the start method the library's pool picks here; an executor leaves threads behind,
    # after which the pool would pick another, so both are given this one
    method = start_method()

    def executor() -> None:  # the standard library's pool: the baseline
        context = multiprocessing.get_context(method)
        with ProcessPoolExecutor(2, mp_context=context) as pool:
            for _record in pool.map(file_record, names, chunksize=1):
                pass

    def ours() -> None:
        pool: Pool[str, object] = Pool(file_record, 2, method=method)
        try:
            for _name, _record in pool.map(names):
                pass
        finally:
            pool.close()

    names = [str(path) for path in paths]
    runs = {
        "baseline: read() loop": plain,
        "run_batch --jobs 1": lambda: batch(1),
        "run_batch --jobs 2": lambda: batch(2),
        "ProcessPoolExecutor, 2": executor,
        "gikaireport Pool, 2": ours,
    }
    best = dict.fromkeys(runs, float("inf"))
    cpu = dict.fromkeys(runs, float("inf"))
    for _ in range(repeat):  # interleaved, so that a busy moment hits every contender
        for name, function in runs.items():
            start, used = time.perf_counter(), cpu_seconds()
            function()
            best[name] = min(best[name], time.perf_counter() - start)
            cpu[name] = min(cpu[name], cpu_seconds() - used)
    count = len(paths)
    load = os.getloadavg()[0]
    print(f"throughput over {count} reports (best of {repeat} interleaved runs)")
    print(f"  {os.cpu_count()} CPUs, load average {load:.2f} at the end")
    print("  CPU ms/file counts this process and its ended children (not a forkserver's)")
    for name, seconds in best.items():
        per_file = cpu[name] / count * 1000
        print(f"  {name:28} {count / seconds:8.1f} files/s {per_file:6.2f} CPU ms/file")
    one, two = best["run_batch --jobs 1"], best["run_batch --jobs 2"]
    print(
        "  jobs 1 / baseline (cost of hashing, records, fsync): "
        f"{best['baseline: read() loop'] / one:.2f}"
    )
    print(f"  scaling, jobs 2 / jobs 1: {one / two:.2f}x")
    print(
        f"  Pool / ProcessPoolExecutor, both {method} (higher is faster): "
        f"{best['ProcessPoolExecutor, 2'] / best['gikaireport Pool, 2']:.2f}"
    )


MEMORY_PROBE = """
import json, os, resource, sys, threading
sys.path.insert(0, {src!r})
from gikaireport.batch import read_many, run_batch, expand_paths
mode, directory, out = sys.argv[1:4]
workers = {{}}
done = threading.Event()
def field(pid, name):
    with open(f"/proc/{{pid}}/status") as status:
        for line in status:
            if line.startswith(name + ":"):
                return int(line.split()[1])
def watch():
    # the workers are children of the forkserver, a child of this process: record their
    # high-water marks while they live (Linux)
    while not done.wait(0.05):
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                parent = field(pid, "PPid")
                if parent != os.getpid() and field(parent, "PPid") == os.getpid():
                    workers[pid] = max(workers.get(pid, 0), field(pid, "VmHWM"))
            except (OSError, TypeError):
                pass
watcher = threading.Thread(target=watch, daemon=True)
if os.path.isdir("/proc"):
    watcher.start()
if mode == "run_batch":
    run_batch([directory], out, jobs=2)
elif mode == "read_many":
    for _path, _outcome in read_many(expand_paths([directory]), jobs=2):
        pass
else:  # holding every report: the probe must see this grow
    kept = list(read_many(expand_paths([directory]), jobs=2))
def high_water():
    # VmHWM belongs to this program's memory map; ru_maxrss would include the peak of the
    # process that started it (Linux keeps it across exec)
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
done.set()
print(json.dumps({{
    "parent": high_water(),
    "children": max(workers.values(), default=0),
}}))
"""


def memory(base: Path) -> None:
    sizes = (50, 500)
    for size in sizes:
        write_reports(base / f"m{size}", size)
    probe = MEMORY_PROBE.format(src=str(ROOT / "src"))
    print("peak RSS with --jobs 2 (KiB; 'largest worker' is the largest worker process)")
    print(f"  {'':10} {'files':>6} {'parent':>10} {'largest worker':>15}")
    for mode in ("run_batch", "read_many", "kept"):
        peaks = []
        for size in sizes:
            result = subprocess.run(
                [sys.executable, "-c", probe, mode, str(base / f"m{size}"), str(base / "m.jsonl")],
                capture_output=True,
                text=True,
                check=True,
            )
            peak = json.loads(result.stdout)
            peaks.append(peak)
            print(f"  {mode:10} {size:6d} {peak['parent']:10d} {peak['children']:15d}")
        growth = peaks[1]["parent"] / peaks[0]["parent"]
        print(f"  {mode}: parent peak 500 files / 50 files = {growth:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        paths = write_reports(base / "reports", args.files)
        throughput(base / "reports", paths, args.repeat)
        print()
        memory(base)


if __name__ == "__main__":
    main()
