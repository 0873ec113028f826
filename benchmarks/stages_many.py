"""Where the time of a JSON run over many scenario files goes, inside one process.

    python benchmarks/stages_many.py [--files 1000] [--runs 3] [--samples 10000]

Generates the same varied scenario files as benchmarks/run.py, runs
`aicost scenario FILE... -f json` in this process (after one warm-up run, the collector off as
the console script runs), and prints the total and the time spent in each stage: reading and
checking the scenario files, the estimate, building each JSON document and writing it. Then
the cost of `--uncertainty`: numpy's import, a first and a second sampling run of the marathon.
For the notes of benchmarks/RESULTS.md; nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _quiet(run: Callable[[list[str]], None], args: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        run(args)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--samples", type=int, default=10000)
    options = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    from run import generate_scenarios

    import aicost.engine as engine
    import aicost.render.json as rendered
    import aicost.scenarios as scenarios
    from aicost.cli import main as aicost

    spent: dict[str, float] = {}

    def timed(module: Any, name: str, label: str) -> None:
        real = getattr(module, name)

        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return real(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

        setattr(module, name, wrapper)

    timed(scenarios, "load_scenarios", "reading and checking the scenario files")
    timed(engine, "estimate", "the estimate")
    timed(rendered, "estimate_document", "building each JSON document")
    timed(rendered, "_encode", "writing it")
    gc.disable()
    with tempfile.TemporaryDirectory() as folder:
        files = [str(p) for p in generate_scenarios(Path(folder), options.files)]
        _quiet(aicost, ["scenario", files[0], "-f", "json"])
        for _ in range(options.runs):
            spent.clear()
            start = time.perf_counter()
            _quiet(aicost, ["scenario", *files, "-f", "json"])
            total = time.perf_counter() - start
            print(f"{len(files)} files: {total * 1e3:.0f} ms ({len(files) / total:.0f}/s)")
            for label, seconds in spent.items():
                each = seconds / len(files) * 1e3
                print(f"  {label}: {seconds * 1e3:.0f} ms ({each:.2f} ms a file)")
    marathon = str(ROOT / "scenarios" / "marathon.yaml")
    sampling = ["scenario", marathon, "-f", "json", "-u", "--samples", str(options.samples)]
    start = time.perf_counter()
    import numpy  # noqa: F401

    steps = [("numpy imported", None), ("a first sampling run", sampling)]
    steps += [("a second sampling run", sampling), ("the same run without sampling", sampling[:4])]
    for label, args in steps:
        if args is not None:
            start = time.perf_counter()
            _quiet(aicost, args)
        print(f"{label}: {(time.perf_counter() - start) * 1e3:.0f} ms")


if __name__ == "__main__":
    main()
