"""How long the bundled briefing pack takes to build: `python -m export --out DIR`, run by hand.

Runs the command ``--repeats`` times in a fresh process (as a user would), and prints for each run
the wall time, the CPU time of the process and all its workers (user + system, from the children's
resource usage: robust on a busy machine) and the 1-minute load average before it, then the
medians. With ``--baseline-root`` it does the same, alternating run by run, for another checkout
(for example the tree before a change: ``git archive cb35103 | tar -x -C /tmp/pack-baseline``),
with this checkout's Python, so both see the same load.

    .venv/bin/python benchmarks/pack_time.py [--repeats 3] [--baseline-root /tmp/pack-baseline]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Run:
    """One build: wall seconds, CPU seconds (process and workers), the load average before it."""

    wall: float
    cpu: float
    load: float


def build_once(root: Path) -> Run:
    """Build the pack of the checkout at ``root`` into a temporary folder; time it."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pack-time-") as out:
        subprocess.run([sys.executable, "-m", "export", "--out", out], cwd=root, check=True, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, load)


def table(runs: dict[str, list[Run]]) -> str:
    """A Markdown table: every run, then the median of each tree."""
    lines = ["| tree | run | wall s | CPU s | load (1 min) |", "|---|---|---|---|---|"]
    for name, done in runs.items():
        lines += [f"| {name} | {i} | {r.wall:.1f} | {r.cpu:.1f} | {r.load:.2f} |" for i, r in enumerate(done, 1)]
    for name, done in runs.items():
        wall = statistics.median(r.wall for r in done)
        cpu = statistics.median(r.cpu for r in done)
        lines.append(
            f"| **{name}** | median | **{wall:.1f}** | **{cpu:.1f}** | {statistics.median(r.load for r in done):.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Print the runs and medians as a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--baseline-root", type=Path, help="another checkout to time the same way, alternately")
    args = parser.parse_args()
    trees = {"this tree": ROOT, **({"baseline": args.baseline_root.resolve()} if args.baseline_root else {})}
    runs: dict[str, list[Run]] = {name: [] for name in trees}
    for _ in range(args.repeats):
        for name, root in trees.items():
            runs[name].append(build_once(root))
            print(f"{name}: {runs[name][-1]}", file=sys.stderr, flush=True)
    print(f"`python -m export --out DIR`, {os.cpu_count()} cores, load after: {os.getloadavg()[0]:.2f}\n")
    print(table(runs))


if __name__ == "__main__":
    main()
