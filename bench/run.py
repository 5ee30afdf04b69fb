"""Measure full, no-op and add-one builds at several corpus sizes; print a Markdown table.

Each build runs ``python -m digest build`` in a child process; wall time is measured around it and
peak memory is the child's peak resident set (including the Pagefind process it starts).
Usage: ``python bench/run.py [--sizes 1000 10000] [--repeat 3] [--work /tmp/digest-bench]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate  # noqa: E402

TARGETS = {1000: {"full": 1.0}, 10000: {"full": 10.0, "no-op": 1.0, "add one": 2.0}}
MEMORY_TARGET_MIB = 500


def timed_build(project: Path) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB) of one build."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "digest", "build", "--project", str(project)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build failed in {project}:\n{child.stderr.read().decode()}")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def measure(count: int, work: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Runs of each kind of build on a corpus of ``count`` articles."""
    project = work / f"n{count}"
    shutil.rmtree(project, ignore_errors=True)
    generate(count, project)
    runs: dict[str, list[tuple[float, float]]] = {"full": [], "no-op": [], "add one": []}
    for attempt in range(repeat):
        shutil.rmtree(project / "_site", ignore_errors=True)
        shutil.rmtree(project / ".digest-cache", ignore_errors=True)
        runs["full"].append(timed_build(project))
        runs["no-op"].append(timed_build(project))
        generate(1, project, first=count + attempt)
        runs["add one"].append(timed_build(project))
    return runs


def table(results: dict[int, dict[str, list[tuple[float, float]]]]) -> str:
    """The medians as a Markdown table, each with its target."""
    lines = ["| articles | build | median wall | target | peak memory |", "|---:|---|---:|---:|---:|"]
    for count, runs in results.items():
        for kind, samples in runs.items():
            wall = statistics.median(s for s, _ in samples)
            peak = max(m for _, m in samples)
            target = TARGETS.get(count, {}).get(kind)
            verdict = f"<= {target:g} s {'met' if wall <= target else 'MISSED'}" if target else "-"
            lines.append(f"| {count:,} | {kind} | {wall:.2f} s | {verdict} | {peak:.0f} MiB |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-bench"))
    args = parser.parse_args()
    results = {count: measure(count, args.work, args.repeat) for count in args.sizes}
    print(table(results))
    print(f"\nPeak memory target: {MEMORY_TARGET_MIB} MiB at 10,000 articles. Machine: {os.cpu_count()} cores.")


if __name__ == "__main__":
    main()
