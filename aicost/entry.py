"""The console script's entry point. Importing the command line (Typer, Rich) takes a good part
of a run's first 100 ms: Ctrl-C or SIGTERM in that time ends quietly with 130 or 143, with
nothing half-done to clean up, instead of a traceback from the middle of an import.
`aicost.cli.main` then installs the handlers a running command needs."""

import os
import signal


def _quiet(signum: int, frame: object) -> None:
    os._exit(128 + signum)


def main() -> None:
    signal.signal(signal.SIGINT, _quiet)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _quiet)
    from aicost.cli import main as run

    run()
