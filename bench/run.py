"""Measure digest's builds against the floor and Hugo, in one run; print a Markdown table.

For each corpus size it times, in child processes: the *floor* (one process that only reads each
article, renders it with markdown-it-py and writes a page), digest's full, no-op, add-one, edit-one and
delete-one builds, and Hugo's full build of a comparable site when Debian's ``hugo`` is installed.
Every figure is the median of ``--repeat`` runs, in seconds and as a ratio to the floor of the same
size, with the peak memory of the build and the processes it starts (Pagefind included).
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
import hugo  # noqa: E402
from generate import generate  # noqa: E402

KINDS = ("full", "no-op", "add one", "edit one", "delete one")
TARGETS = {10000: {"full": 6.0, "no-op": 0.1, "add one": 0.4, "edit one": 0.4, "delete one": 0.4}}
"""Ratio to the floor that each kind of build must stay under, by corpus size."""
MEMORY_TARGET_MIB = 300
LINEAR = 11.0
"""Each kind at 10,000 articles within this many times the same kind at 1,000."""

FLOOR = """
import sys
from pathlib import Path
from markdown_it import MarkdownIt
source, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
md = MarkdownIt()
for path in sorted(source.glob("*.md")):
    body = path.read_text(encoding="utf-8").split("---\\n", 2)[-1]
    (out / (path.stem + ".html")).write_text("<!doctype html><body>" + md.render(body) + "</body>\\n", encoding="utf-8")
"""


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak memory (MiB, the child and everything it waited for) of one command."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{child.stderr.read().decode()}")
    child.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def digest_build(project: Path) -> tuple[float, float]:
    """One ``digest build`` of the project."""
    return timed([sys.executable, "-m", "digest", "build", "--project", str(project)])


def measure(count: int, work: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Runs of the floor, each kind of digest build and Hugo on a corpus of ``count`` articles."""
    project = work / f"n{count}"
    shutil.rmtree(project, ignore_errors=True)
    generate(count, project)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in ("floor", *KINDS, "hugo full")}
    articles = project / "articles"
    for attempt in range(repeat):
        shutil.rmtree(work / "floor", ignore_errors=True)
        runs["floor"].append(timed([sys.executable, "-c", FLOOR, str(articles), str(work / "floor")]))
        shutil.rmtree(project / "_site", ignore_errors=True)
        shutil.rmtree(project / ".digest-cache", ignore_errors=True)
        runs["full"].append(digest_build(project))
        runs["no-op"].append(digest_build(project))
        added = generate(1, project, first=count + attempt)[0]
        runs["add one"].append(digest_build(project))
        edited = articles / "bench-000000.md"
        edited.write_text(edited.read_text(encoding="utf-8").replace("\n\n", f"\n\nEdited in run {attempt}.\n\n", 1),
                          encoding="utf-8")
        runs["edit one"].append(digest_build(project))
        added.unlink()
        runs["delete one"].append(digest_build(project))
        if hugo.available():
            hugo.make_site(articles, work / "hugo")
            runs["hugo full"].append(timed(["hugo", "--quiet", "--destination", str(work / "hugo-public")],
                                           cwd=work / "hugo"))
    return {name: samples for name, samples in runs.items() if samples}


def table(results: dict[int, dict[str, list[tuple[float, float]]]]) -> str:
    """The medians as a Markdown table: seconds, ratio to the floor, target, peak memory."""
    lines = ["| articles | build | median wall | x floor | target | peak memory |", "|---:|---|---:|---:|---:|---:|"]
    for count, runs in results.items():
        floor = _median(runs["floor"])
        for kind, samples in runs.items():
            wall, peak = _median(samples), max(m for _, m in samples)
            target = _verdict(count, kind, wall / floor, results, runs)
            lines.append(f"| {count:,} | {kind} | {wall:.2f} s | {wall / floor:.2f} | {target} | {peak:.0f} MiB |")
    return "\n".join(lines)


def _median(samples: list[tuple[float, float]]) -> float:
    return statistics.median(s for s, _ in samples)


def _verdict(count: int, kind: str, ratio: float, results: dict, runs: dict) -> str:
    notes = []
    target = TARGETS.get(count, {}).get(kind)
    if target:
        notes.append(f"<= {target:g}x {'met' if ratio <= target else 'MISSED'}")
    if kind == "full" and "hugo full" in runs:
        hugo_wall = _median(runs["hugo full"])
        notes.append(f"vs Hugo {_median(runs['full']) / hugo_wall:.1f}x")
    smaller = results.get(count // 10, {}).get(kind)
    if smaller and count >= 10000 and kind != "floor":
        growth = _median(runs[kind]) / _median(smaller)
        notes.append(f"{growth:.1f}x the {count // 10:,} build ({'linear' if growth <= LINEAR else 'NOT linear'})")
    return "; ".join(notes) or "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/digest-bench"))
    args = parser.parse_args()
    results = {count: measure(count, args.work, args.repeat) for count in sorted(args.sizes)}
    print(table(results))
    print(f"\nPeak memory target: {MEMORY_TARGET_MIB} MiB at 10,000 articles. Machine: {os.cpu_count()} cores."
          + ("" if hugo.available() else " Hugo is not installed (apt-get install hugo): no Hugo row."))


if __name__ == "__main__":
    main()
