"""The command line: parse options, call the library, print, map errors to exit codes.

Exit codes: 0 done; 1 a check found claims that no longer hold; 2 bad input or usage.
stdout carries the result only; messages and errors go to stderr.

Nothing heavy is imported at module level: `aicost --help` must not build the unit registry
or read the factor table.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.console import Console

    from aicost.engine import Estimate
    from aicost.factors import FactorTable

app = typer.Typer(
    name="aicost",
    help=(
        "Electricity, CO2e and water behind uses of generative AI, compared across "
        "electricity grids. Every figure is traced to a cited source."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    table = "table"
    json = "json"


class Section(StrEnum):
    tasks = "tasks"
    sites = "sites"
    grids = "grids"
    sources = "sources"


class _State:
    debug = False


def _version(value: bool) -> None:
    if value:
        from aicost import __version__

        typer.echo(f"aicost {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an error, show the full traceback (for maintainers)."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    _State.debug = debug


def _stderr(message: str) -> None:
    sys.stderr.write(message + "\n")
    sys.stderr.flush()


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn a user mistake into one line on stderr and exit code 2 (traceback with --debug)."""
    from aicost.errors import AicostError

    try:
        yield
    except AicostError as exc:
        if _State.debug:
            raise
        _stderr(f"Error: {exc}")
        raise typer.Exit(2) from None
    except BrokenPipeError:
        # `aicost ... | head -1`: the reader left. End quietly (click would exit 1).
        _quiet_stdout()
        raise typer.Exit(0) from None


def _console() -> Console:
    """A Rich console on stdout that, when the reader has gone, raises BrokenPipeError for
    `_user_errors` to end quietly (Rich itself would exit 1, which means "claims failed")."""
    from rich.console import Console

    console = Console()

    def on_broken_pipe() -> None:
        raise BrokenPipeError

    console.on_broken_pipe = on_broken_pipe  # type: ignore[method-assign]
    return console


def _factors(path: Path | None) -> FactorTable:
    from aicost.factors import load_factors

    return load_factors(path)


FactorsOption = Annotated[
    Path | None,
    typer.Option(
        "--factors",
        help="A factor table to use instead of the packaged factors.yaml.",
        dir_okay=True,
        show_default=False,
    ),
]


@app.command()
def scenario(
    files: Annotated[list[Path], typer.Argument(help="Scenario files (YAML).", show_default=False)],
    grid: Annotated[
        list[str] | None,
        typer.Option(
            "--grid",
            "-g",
            help=(
                "A grid to compare (ISO code or name: FR, USA, Germany). "
                "Repeat it; replaces the scenario's grids."
            ),
            show_default=False,
        ),
    ] = None,
    site: Annotated[
        str | None,
        typer.Option(
            "--site",
            "-s",
            help="Run every scenario at this site instead of its own.",
            show_default=False,
        ),
    ] = None,
    factors: FactorsOption = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Estimate scenario files: energy per item, then CO2e and water per grid."""
    with _user_errors():
        from aicost.engine import estimate
        from aicost.scenarios import load_scenario

        table = _factors(factors)
        site_override = table.site(site) if site is not None else None
        grids_override = tuple(table.grid(g) for g in grid) if grid else None
        estimates = [
            estimate(load_scenario(f, table).with_overrides(site_override, grids_override))
            for f in files
        ]
        _print_estimates(estimates, table, format)


def _print_estimates(estimates: list[Estimate], table: FactorTable, format: Format) -> None:
    if format is Format.json:
        from aicost.render.json import document, dumps

        sys.stdout.write(dumps(document(estimates, table)))
        return
    from aicost.render.table import scenario_renderables

    console = _console()
    for i, est in enumerate(estimates):
        if i:
            console.print()
        for renderable in scenario_renderables(est):
            console.print(renderable)


@app.command("factors")
def factors_command(
    section: Annotated[
        Section | None,
        typer.Argument(help="tasks, sites, grids or sources.", show_default=False),
    ] = None,
    entry: Annotated[
        str | None, typer.Argument(help="One entry's id, alias or name.", show_default=False)
    ] = None,
    factors: FactorsOption = None,
) -> None:
    """List the factor table, or show one entry with its full source."""
    with _user_errors():
        from aicost.render.factors import entry_renderable, section_table, summary

        table = _factors(factors)
        console = _console()
        if section is None:
            console.print(summary(table))
        elif entry is None:
            console.print(section_table(table, section.value))
        else:
            console.print(entry_renderable(table, section.value, entry))


@app.command()
def grids(
    search: Annotated[
        str | None,
        typer.Argument(help="Part of a code or name: fr, germ, états.", show_default=False),
    ] = None,
    factors: FactorsOption = None,
) -> None:
    """Find electricity grids (zones) by code or name."""
    with _user_errors():
        from aicost.errors import UsageError
        from aicost.render.factors import grids_table

        table = _factors(factors)
        found = table.search_grids(search) if search else list(table.grids.values())
        if not found:
            raise UsageError(f"no grid matches '{search}'; try part of a name or an ISO code")
        _console().print(grids_table(found))


INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped by Ctrl-C


def _quiet_stdout() -> None:
    """The reader of stdout has gone (`| head -1`): send what is left to /dev/null, so the
    final flush at exit neither fails nor prints "Exception ignored"."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        os.close(devnull)


def main(args: list[str] | None = None) -> None:
    """Console-script entry point: exit 0, 1 (claims no longer hold), 2 (bad input or
    usage), or 130 (interrupted by Ctrl-C, with one line on stderr and no traceback).

    Click normally turns Ctrl-C into "Aborted!" (exit 1) or a silent exit 130: the app runs
    outside click's standalone mode so that the exit codes and messages are ours.
    """
    try:
        try:
            code = app(args=args, standalone_mode=False)
        except typer.Abort as exc:  # Ctrl-C in older click versions, or EOF at a prompt
            if not isinstance(exc.__context__, KeyboardInterrupt):
                _stderr("Aborted.")
                sys.exit(1)
            raise KeyboardInterrupt from None
        except Exception as exc:
            # A usage error (click's ClickException, whichever click Typer uses): click's
            # own message and exit code (2).
            show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
            if show is None or not isinstance(exit_code, int):
                raise
            show()
            code = exit_code
        sys.stdout.flush()  # a closed pipe shows here, not in the final flush at exit
        if code == INTERRUPTED:  # recent Typer turns KeyboardInterrupt into Exit(130), silently
            raise KeyboardInterrupt
    except KeyboardInterrupt:
        _stderr("Interrupted.")
        sys.exit(INTERRUPTED)
    except BrokenPipeError:
        _quiet_stdout()
        code = 0
    sys.exit(code if isinstance(code, int) else 0)
