"""Extra time of --uncertainty (10,000 samples) for the marathon under two grids.

    python benchmarks/uncertainty.py [RUNS]

Cold process runs, interleaved, median of RUNS (default 11). Prints the two medians and
their difference. Needs only the project's own dependencies.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = [sys.executable, "-m", "aicost", "scenario", "scenarios/marathon.yaml", "-f", "json"]
WITH = [*BASE, "--uncertainty", "--samples", "10000"]


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    base, with_u = [], []
    for _ in range(runs):
        base.append(_time(BASE))
        with_u.append(_time(WITH))
    b, w = statistics.median(base), statistics.median(with_u)
    print(f"without --uncertainty: {b:.3f} s (median of {runs})")
    print(f"with --uncertainty (10,000 samples): {w:.3f} s")
    print(f"extra: {w - b:.3f} s")


if __name__ == "__main__":
    main()
