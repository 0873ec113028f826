"""The command line: parse options, call the library, print, map errors to exit codes.

Exit codes: 0 done; 1 a check found claims that no longer hold; 2 bad input or usage.
stdout carries the result only; messages and errors go to stderr.

Nothing heavy is imported at module level: `aicost --help` must not build the unit registry
or read the factor table.
"""

# No `from __future__ import annotations` here: Typer reads every command's annotations when
# it starts, and evaluating them from strings cost `aicost --help` about 2 ms (of the 10 ms it
# adds to `import typer`).
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from aicost.defaults import DEFAULT_SAMPLES, DEFAULT_SEED

if TYPE_CHECKING:
    from rich.console import Console

    from aicost.api import EstimateResult
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
    csv = "csv"
    markdown = "markdown"


class Section(StrEnum):
    tasks = "tasks"
    sites = "sites"
    grids = "grids"
    equivalences = "equivalences"
    sources = "sources"
    diff = "diff"


class DiffFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class Kind(StrEnum):
    text = "text"
    image = "image"
    video = "video"


class ListFormat(StrEnum):
    table = "table"
    json = "json"


class Lang(StrEnum):
    en = "en"
    fr = "fr"


LangOption = Annotated[
    Lang | None,
    typer.Option(
        "--lang",
        help="Language of labels and numbers (default: from the locale, else English).",
        case_sensitive=False,
        show_default=False,
    ),
]


def _lang(lang: Lang | None) -> str:
    from aicost.i18n import default_lang

    return lang.value if lang is not None else default_lang()


class _State:
    debug = False
    reader_gone = False  # stdout's reader left (`| head -1`): later output goes nowhere
    exit_code = 0  # what `check` ends with, even when the reader of its output has gone
    terminated = False  # SIGTERM arrived: end like Ctrl-C, with 128 + 15


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
    """One line on stderr; nothing (and no traceback) when stderr is closed or cannot take it."""
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(message + "\n")
        stream.flush()
    except UnicodeEncodeError:
        try:
            stream.write(message.encode("ascii", "backslashreplace").decode("ascii") + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass
    except (OSError, ValueError):
        pass


def _output_error(exc: BaseException) -> str:
    """The one line for a result that could not be printed (full disk, closed stdout, a
    terminal whose encoding cannot show the result)."""
    from aicost.i18n import tr

    if isinstance(exc, UnicodeEncodeError):
        encoding = getattr(sys.stdout, "encoding", None) or "?"
        return tr(
            "Error: the output's encoding ({encoding}) cannot show {char}; use a UTF-8"
            " locale (LANG=C.UTF-8) or set PYTHONIOENCODING=utf-8",
            encoding=encoding,
            char=f"U+{ord(exc.object[exc.start]):04X}",
        )
    reason = getattr(exc, "strerror", None) or tr("it is closed")
    return tr("Error: cannot write the result to stdout ({reason})", reason=reason)


@contextmanager
def _user_errors(language: str) -> Iterator[None]:
    """Run a command with its messages in `language`; turn a user mistake into one line on
    stderr and exit code 2 (traceback with --debug)."""
    from aicost.errors import AicostError
    from aicost.i18n import speaking, tr

    with speaking(language):
        try:
            yield
        except AicostError as exc:
            if _State.debug:
                raise
            from aicost.text import visible

            # Whatever a message quotes back, no terminal code reaches the terminal.
            _stderr(tr("Error: {message}", message=visible(str(exc)).replace("\n", " ")))
            raise typer.Exit(2) from None
        except BrokenPipeError:
            # `aicost ... | head -1`: the reader left. End quietly (click would exit 1).
            _quiet_stdout()
            _State.reader_gone = True
            raise typer.Exit(_State.exit_code) from None
        except (OSError, UnicodeEncodeError, AttributeError) as exc:
            if not _stdout_failed(exc):
                raise
            _stderr(_output_error(exc))
            raise typer.Exit(2) from None


def _stdout_failed(exc: BaseException) -> bool:
    """Whether an exception comes from writing the result to stdout (not from a bug)."""
    if isinstance(exc, UnicodeEncodeError):
        return True
    if isinstance(exc, AttributeError):  # stdout closed before start: sys.stdout is None
        return sys.stdout is None
    import traceback

    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and any(
        f.name in ("write", "flush", "_check_buffer", "_write_buffer") for f in frames[-3:]
    )


class _Sink:
    """Where a result goes: stdout, or (with --output FILE) a buffer written atomically at the
    end, so that a failed run never leaves a half-written file. Files get no colour codes."""

    def __init__(self, output: Path | None, inputs: tuple[Path, ...] = ()) -> None:
        import io

        self.output = output
        self.inputs = inputs
        self.buffer = None if output is None else io.StringIO()
        self._console: Console | None = None

    @property
    def console(self) -> "Console":
        """A Rich console, made on first use: JSON, CSV and Markdown never build one (Rich's
        console costs a run about 18 ms: benchmarks/RESULTS.md)."""
        if self._console is None:
            if self.buffer is None:
                self._console = _console()
            else:
                from aicost.render.console import SafeConsole

                self._console = SafeConsole(file=self.buffer, width=100, color_system=None)
        return self._console

    def write(self, text: str) -> None:
        if self.buffer is not None:
            self.buffer.write(text)
        else:
            sys.stdout.write(text)

    def close(self) -> None:
        if self.buffer is not None and self.output is not None:
            from aicost.output import write_atomic

            write_atomic(self.output, self.buffer.getvalue(), inputs=self.inputs)


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write the result to this file (atomically) instead of stdout.",
        dir_okay=False,
        show_default=False,
    ),
]


def _console() -> "Console":
    """A Rich console on stdout that, when the reader has gone, raises BrokenPipeError for
    `_user_errors` to end quietly (Rich itself would exit 1, which means "claims failed")."""
    from aicost.render.console import SafeConsole

    # Labels from files are text, never Rich markup or emoji codes (`[red]`, `:smile:`).
    console = SafeConsole()
    if sys.stdout is None:
        raise AttributeError("stdout is closed")

    def on_broken_pipe() -> None:
        raise BrokenPipeError

    console.on_broken_pipe = on_broken_pipe  # type: ignore[method-assign]
    return console


def _factors(path: Path | None) -> "FactorTable":
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


GridOption = Annotated[
    list[str] | None,
    typer.Option(
        "--grid",
        "-g",
        help=(
            "A grid to compare (ISO code or name: FR, USA, Germany). "
            "Repeat it or separate with commas (FR,US); replaces the scenario's grids."
        ),
        show_default=False,
    ),
]
HereOption = Annotated[
    str | None,
    typer.Option(
        "--here",
        help=(
            "Your own grid (ISO code or name): where items on the site 'local', and items "
            "with no grid of their own, run (default: the scenario's 'here', else its first "
            "grid)."
        ),
        show_default=False,
    ),
]
SiteOption = Annotated[
    str | None,
    typer.Option(
        "--site", "-s", help="Run at this site instead of the scenario's own.", show_default=False
    ),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
UncertaintyOption = Annotated[
    bool,
    typer.Option(
        "--uncertainty",
        "-u",
        help="Add 90 % intervals (Monte Carlo) and the factors that drive them.",
    ),
]
SamplesOption = Annotated[
    int, typer.Option("--samples", min=100, max=1_000_000, help="Monte Carlo samples.")
]
SeedOption = Annotated[
    int, typer.Option("--seed", min=0, help="Random seed (same seed, same output).")
]
EquivalentOption = Annotated[
    list[str] | None,
    typer.Option(
        "--equivalent",
        "-e",
        help=(
            "An equivalence to show (id from `aicost factors equivalences`). Repeat it; "
            "replaces the ones picked because their numbers read naturally."
        ),
        show_default=False,
    ),
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help="Show how every number was derived, with its sources.")
]


_TOKENS_HELP = "tokens per answer of every model item (default: the catalogue's answer)."
OutputTokensOption = Annotated[
    float | None,
    typer.Option("--output-tokens", min=0, help="Output " + _TOKENS_HELP, show_default=False),
]
InputTokensOption = Annotated[
    float | None,
    typer.Option("--input-tokens", min=0, help="Input " + _TOKENS_HELP, show_default=False),
]
SizeOption = Annotated[
    str | None,
    typer.Option(
        "--size",
        help="Image or video size WIDTHxHEIGHT in pixels (e.g. 512x512), for every image and"
        " video model (one model: MODEL:512x512=COUNT).",
        show_default=False,
    ),
]
StepsOption = Annotated[
    int | None,
    typer.Option(
        "--steps", min=1, help="Denoising steps of image and video models.", show_default=False
    ),
]
SecondsOption = Annotated[
    float | None,
    typer.Option(
        "--seconds",
        min=0,
        help="Length of video clips in seconds (one model: MODEL:30s=COUNT).",
        show_default=False,
    ),
]
ReasoningTokensOption = Annotated[
    float | None,
    typer.Option(
        "--reasoning-tokens", min=0, help="Hidden reasoning " + _TOKENS_HELP, show_default=False
    ),
]
DeviceOption = Annotated[
    str | None,
    typer.Option(
        "--device",
        help=(
            "Run every text model item on your own computer (with --site local): "
            "apple-silicon, laptop or desktop-gpu (profiles: factors.yaml, devices)."
        ),
        show_default=False,
    ),
]
ChartOption = Annotated[
    Path | None,
    typer.Option(
        "--chart",
        help=(
            "Also write a chart for a report: FILE.svg or FILE.png "
            "(needs the chart extra: pip install -e '.[chart]')."
        ),
        dir_okay=False,
        show_default=False,
    ),
]
ChartSizeOption = Annotated[
    str,
    typer.Option(
        "--chart-size",
        help="a4 (17 cm wide, for print), slide (16:9), or WIDTHxHEIGHT in cm (16x9).",
    ),
]
ChartPanelsOption = Annotated[
    str | None,
    typer.Option(
        "--chart-panels",
        help="Panels to draw, of co2e,water,share (default: all that have something to show).",
        show_default=False,
    ),
]


def _wanted(table: "FactorTable", equivalent: list[str] | None) -> tuple[str, ...] | None:
    """The ids of the equivalences asked for with --equivalent (None: pick by readability)."""
    return tuple(table.equivalence(e).id for e in equivalent) if equivalent else None


def _options(
    grid: list[str] | None,
    site: str | None,
    factors: Path | None,
    uncertainty: bool,
    samples: int,
    seed: int,
    lang: str,
    here: str | None = None,
) -> dict[str, Any]:
    """The keywords of `aicost.estimate` from the command's options: --grid (the what-if
    grids only), --site (the site of items that name none), --here (the user's grid)."""
    return {
        "grids": grid,
        "site": site,
        "here": here,
        "factors": factors,
        "uncertainty": uncertainty,
        "samples": samples,
        "seed": seed,
        "lang": lang,
    }


@app.command()
def scenario(
    files: Annotated[list[Path], typer.Argument(help="Scenario files (YAML).", show_default=False)],
    grid: GridOption = None,
    site: SiteOption = None,
    here: HereOption = None,
    factors: FactorsOption = None,
    format: FormatOption = Format.table,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    explain: ExplainOption = False,
    equivalent: EquivalentOption = None,
    chart: ChartOption = None,
    chart_size: ChartSizeOption = "a4",
    chart_panels: ChartPanelsOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
) -> None:
    """Estimate scenario files: energy per item, then CO2e and water per grid."""
    language = _lang(lang)
    with _user_errors(language):
        from aicost.api import estimate_choices

        chart_options = _chart_options(chart, chart_size, chart_panels)
        table = _factors(factors)
        wanted = _wanted(table, equivalent)
        options = _options(grid, site, factors, uncertainty, samples, seed, language, here)
        # A file with `options:` (a set of choices, see aicost compare): one scenario each.
        each = (r for f in files for r in estimate_choices(f, **options))
        inputs = _inputs(factors, *files)
        if format is Format.json and chart is None:  # each scenario written as it is done
            sink = _Sink(output, inputs)
            _stream_json(sink, each, table, language, explain)
            sink.close()
            return
        results = list(each)
        _print_estimates(results, format, language, wanted, explain, output, inputs)
        if chart is not None:  # last, only when everything else succeeded
            _write_chart(results, chart, language, chart_options, inputs)


def _inputs(*paths: Path | None) -> tuple[Path, ...]:
    """The files a result is computed from: an output never goes over one of them."""
    return tuple(p for p in paths if p is not None)


def _stream_json(
    sink: _Sink,
    results: Iterator["EstimateResult"],
    table: "FactorTable",
    lang: str,
    explain: bool,
) -> None:
    """The JSON document of `_render_estimates`, byte for byte, written one scenario at a time
    and keeping none: the memory of a run over many files stays flat. The text goes through a
    spool (a temporary file past 1 MB) and to `sink` once every scenario is done, so that a
    bad file among many still leaves stdout empty."""
    from aicost.render.json import estimate_document, write_document

    def documents() -> Iterator[tuple[Any, dict[str, Any]]]:
        for result in results:
            doc = estimate_document(result.estimate, table, result.uncertainty)
            if explain:
                from aicost.render.explain import steps

                doc["derivation"] = steps(result.estimate, table, lang)
            yield result.estimate, doc

    spool = _Spool()
    write_document(documents(), table, spool.write)
    spool.drain(sink.write)


class _Spool:
    """Text kept in memory up to `limit` characters, then in a temporary file (tempfile is
    only imported then)."""

    def __init__(self, limit: int = 1 << 20) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.limit = limit
        self.file: Any = None

    def write(self, text: str) -> None:
        if self.file is not None:
            self.file.write(text)
            return
        self.parts.append(text)
        self.size += len(text)
        if self.size > self.limit:
            import tempfile

            self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")  # noqa: SIM115  # closed by drain; unlinked already
            self.file.writelines(self.parts)
            self.parts = []

    def drain(self, write: Any) -> None:
        if self.file is None:
            write("".join(self.parts))
            return
        with self.file:
            self.file.seek(0)
            while chunk := self.file.read(1 << 16):
                write(chunk)


def _chart_options(chart: Path | None, size: str, panels: str | None) -> tuple[Any, Any]:
    """The chart's size and panels, and that matplotlib is there, checked before any work."""
    from aicost.errors import UsageError
    from aicost.i18n import tr

    if chart is None:
        return None, None
    if chart.suffix.lower() not in (".svg", ".png"):
        raise UsageError(tr("--chart writes .svg or .png files, got '{name}'", name=chart.name))
    from aicost.render.chart import _matplotlib, parse_panels, parse_size

    options = parse_size(size), parse_panels(panels)
    _matplotlib()  # missing: said before anything is printed (the chart is written last)
    return options


def _write_chart(
    results: list["EstimateResult"],
    chart: Path,
    language: str,
    options: tuple[Any, Any],
    inputs: tuple[Path, ...] = (),
) -> None:
    """One scenario's chart, or a comparison of several (error bars with --uncertainty)."""
    from aicost.render.chart import _INPUTS, write_chart, write_comparison

    _INPUTS[str(chart)] = inputs
    table = results[0].factors
    size, panels = options
    spreads = [r.uncertainty for r in results]
    if len(results) > 1:
        write_comparison(
            [r.estimate for r in results], table, chart, language, size=size, panels=panels,
            uncertainties=spreads if all(u is not None for u in spreads) else None,  # type: ignore[arg-type]
        )  # fmt: skip
        return
    write_chart(
        results[0].estimate, table, chart, language, size=size, panels=panels,
        uncertainty=spreads[0],
    )  # fmt: skip


def _print_estimates(
    results: list["EstimateResult"],
    format: Format,
    lang: str = "en",
    wanted: tuple[str, ...] | None = None,
    explain: bool = False,
    output: Path | None = None,
    inputs: tuple[Path, ...] = (),
) -> None:
    sink = _Sink(output, inputs)
    _render_estimates(sink, results, format, lang, wanted, explain)
    sink.close()


def _render_estimates(
    sink: _Sink,
    results: list["EstimateResult"],
    format: Format,
    lang: str,
    wanted: tuple[str, ...] | None,
    explain: bool,
) -> None:
    estimates = [r.estimate for r in results]
    table = results[0].factors
    spreads = [r.uncertainty for r in results]
    uncertainties = spreads if all(u is not None for u in spreads) else None
    if format is Format.json:
        from aicost.render.json import document, dumps

        doc = document(estimates, table, uncertainties)  # type: ignore[arg-type]
        if explain:
            from aicost.render.explain import steps

            for scenario_doc, est in zip(doc["scenarios"], estimates, strict=True):
                scenario_doc["derivation"] = steps(est, table, lang)
        sink.write(dumps(doc))
        return
    if format is Format.csv:
        from aicost.render import csv

        sink.write(csv.render(estimates))
        return
    if format is Format.markdown:
        from aicost.render import markdown

        sink.write(markdown.render(estimates, lang, table, wanted, uncertainties))  # type: ignore[arg-type]
        if explain:
            from aicost.render.explain import steps

            for est in estimates:
                sink.write("\n```\n" + "\n".join(steps(est, table, lang)) + "\n```\n")
        return
    from aicost.render.table import scenario_renderables, uncertainty_renderables

    console = sink.console
    for i, est in enumerate(estimates):
        if i:
            console.print()
        for renderable in scenario_renderables(est, lang, table, wanted):
            console.print(renderable)
        spread = results[i].uncertainty
        if spread is not None:
            for renderable in uncertainty_renderables(est, spread, lang):
                console.print(renderable)
        if explain:
            from rich.text import Text

            from aicost.render.explain import steps

            console.print(Text("\n".join(steps(est, table, lang))))


@app.command()
def compare(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Scenario files, each one choice (or one file whose options: are the choices).",
            show_default=False,
        ),
    ],
    site: SiteOption = None,
    here: HereOption = None,
    factors: FactorsOption = None,
    format: FormatOption = Format.table,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    equivalent: EquivalentOption = None,
    chart: ChartOption = None,
    chart_size: ChartSizeOption = "a4",
    lang: LangOption = None,
    output: OutputOption = None,
) -> None:
    """Choices side by side: energy, CO2e and water of each, as run (each item at its own
    site, on its own grid), and which is cheapest."""
    language = _lang(lang)
    with _user_errors(language):
        from aicost.api import estimate_choices
        from aicost.compare import Alternative
        from aicost.errors import UsageError
        from aicost.i18n import tr
        from aicost.render import compare as render

        chart_options = _chart_options(chart, chart_size, None)
        table = _factors(factors)
        wanted = _wanted(table, equivalent)
        options = _options(None, site, factors, uncertainty, samples, seed, language, here)
        results = [r for f in files for r in estimate_choices(f, **options)]
        if len(results) < 2:
            raise UsageError(
                tr("compare needs at least two choices: give two files, or a file with options:")
            )
        alternatives = [Alternative(r.estimate, r.uncertainty) for r in results]
        if chart is not None:
            from aicost.render.chart import write_choices

            write_choices(alternatives, table, chart, language, size=chart_options[0])
        sink = _Sink(output)
        if format is Format.json:
            from aicost.render.json import dumps

            sink.write(dumps(render.document(alternatives, table, wanted)))
        elif format is Format.csv:
            sink.write(render.csv_text(alternatives))
        elif format is Format.markdown:
            sink.write(render.markdown(alternatives, table, language, wanted))
        else:
            for renderable in render.table(alternatives, table, language, wanted):
                sink.console.print(renderable)
        sink.close()


@app.command("estimate")
def estimate_command(
    items: Annotated[
        list[str],
        typer.Argument(
            help=(
                "What was generated, as WHAT=COUNT: a task id or alias (text.large=15, "
                "image.hq=10, video=3), a model of `aicost models` (gpt-4o=10; "
                "gpt-4o:1000=10 for answers of 1,000 output tokens) or an energy per "
                'generation in quotes ("0.3 Wh=100"). COUNT defaults to 1.'
            ),
            show_default=False,
        ),
    ],
    grid: GridOption = None,
    site: SiteOption = None,
    here: HereOption = None,
    factors: FactorsOption = None,
    format: FormatOption = Format.table,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    explain: ExplainOption = False,
    equivalent: EquivalentOption = None,
    chart: ChartOption = None,
    chart_size: ChartSizeOption = "a4",
    chart_panels: ChartPanelsOption = None,
    lang: LangOption = None,
    output: OutputOption = None,
    output_tokens: OutputTokensOption = None,
    input_tokens: InputTokensOption = None,
    reasoning_tokens: ReasoningTokensOption = None,
    device: DeviceOption = None,
    size: SizeOption = None,
    steps: StepsOption = None,
    seconds: SecondsOption = None,
) -> None:
    """A quick one-off estimate from the command line, with the same output as `scenario`.

    A model's energy is computed by its method from its size and the tokens of an answer
    (default: the catalogue's answer; --output-tokens etc. or MODEL:TOKENS change them).
    An image or video model's from its settings (default: the catalogue's): MODEL:512x512,
    MODEL:30s, MODEL:1280x720,121f,24fps,50steps, or --size, --steps, --seconds for all.
    """
    language = _lang(lang)
    with _user_errors(language):
        from aicost.api import estimate
        from aicost.scenarios import items_from_arguments

        table = _factors(factors)
        tokens: dict[str, object] = {
            f"{name}_tokens": value
            for name, value in (
                ("output", output_tokens),
                ("input", input_tokens),
                ("reasoning", reasoning_tokens),
            )
            if value is not None
        }
        if device is not None:
            tokens["device"] = device
        settings = _media_settings(size, steps, seconds)
        data = items_from_arguments(list(items), table, tokens, settings)
        chart_options = _chart_options(chart, chart_size, chart_panels)
        options = _options(grid, site, factors, uncertainty, samples, seed, language, here)
        name = "aicost estimate " + " ".join(items)
        result = estimate(data, where="command line", name=name, **options)
        _unused_options(data, tokens, settings)
        wanted = _wanted(result.factors, equivalent)
        inputs = _inputs(factors)
        _print_estimates([result], format, language, wanted, explain, output, inputs)
        if chart is not None:  # last, only when everything else succeeded
            _write_chart([result], chart, language, chart_options, inputs)


def _unused_options(
    data: list[dict[str, object]], tokens: dict[str, object], settings: dict[str, object]
) -> None:
    """One warning line on stderr per option no item takes (tokens and --device go to text
    models, --size, --steps and --seconds to image and video models); the estimate goes on."""
    from aicost.i18n import tr

    flags = {"width": "--size", "height": "--size", "steps": "--steps", "seconds": "--seconds"}
    given = [
        *(f"--{key.replace('_', '-')}" for key in tokens if not any(key in i for i in data)),
        *(flags[key] for key in settings if not any(key in i for i in data)),
    ]
    for flag in dict.fromkeys(given):
        models = tr("text models") if flag in _TEXT_FLAGS else tr("image and video models")
        _stderr(
            tr(
                "Warning: {option} applies to no item (only {models} take it); ignored",
                option=flag,
                models=models,
            )
        )


_TEXT_FLAGS = ("--output-tokens", "--input-tokens", "--reasoning-tokens", "--device")


def _media_settings(
    size: str | None, steps: int | None, seconds: float | None
) -> dict[str, object]:
    """--size, --steps and --seconds as settings of every image and video model."""
    from aicost.mediaitem import parse_spec

    spec = [f"{size}" if size else "", f"{steps}steps" if steps else ""]
    spec.append(f"{seconds:g}s" if seconds is not None else "")
    given = ",".join(p for p in spec if p)
    return parse_spec(given, given) if given else {}


@app.command()
def check(
    claims_files: Annotated[
        list[Path],
        typer.Argument(
            help=(
                "Claims files (YAML), or Markdown reports with marked figures. With several "
                "files, a Markdown file without marked figures is skipped."
            ),
            show_default=False,
        ),
    ],
    factors: FactorsOption = None,
    format: FormatOption = Format.table,
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail on claims marked known_error too.")
    ] = False,
    uncertainty: UncertaintyOption = False,
    samples: SamplesOption = DEFAULT_SAMPLES,
    seed: SeedOption = DEFAULT_SEED,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Check that the figures a report quotes still follow from the factor table.

    Exit 0 when every claim holds (known errors are reported, not failed); 1 when a claim is
    off (or, with --strict, a known error is confirmed); 2 on bad input.
    """
    language = _lang(lang)
    results: list[Any] = []
    with _user_errors(language):
        from aicost.api import check as run_check
        from aicost.render import claims as render

        several = len(claims_files) > 1
        if several and format in (Format.json, Format.csv):
            from aicost.errors import UsageError
            from aicost.i18n import tr

            raise UsageError(tr("--format {format} checks one file at a time", format=format.value))
        for claims_file in claims_files:
            if several and _is_markdown(claims_file):
                from aicost.document import markers, read_text

                if not markers(read_text(claims_file)):
                    continue
            results.append(
                run_check(
                    claims_file,
                    factors=factors,
                    uncertainty=uncertainty,
                    samples=samples,
                    seed=seed,
                    lang=language,
                )
            )
        _State.exit_code = 1 if any(c.failed(strict=strict) for c in results) else 0
        scenario_files: set[Path] = set()
        for checked in results:
            for v in checked.verdicts:
                scenario_files.add(Path(v.claim.run.scenario.path))
                if v.claim.versus is not None:
                    scenario_files.add(Path(v.claim.versus.scenario.path))
        sink = _Sink(output, _inputs(factors, *claims_files, *sorted(scenario_files)))
        for n, checked in enumerate(results):
            verdicts = checked.verdicts
            if format is Format.json:
                from aicost.render.json import dumps

                sink.write(dumps(checked.to_dict()))
            elif format is Format.csv:
                sink.write(render.csv_text(verdicts))
            elif format is Format.markdown:
                heading = f"#### {checked.path}\n\n" if several else ""
                sink.write(("\n" if n else "") + heading + render.markdown_text(verdicts, language))
            else:
                from aicost.render.fit import Fitting

                if several:
                    sink.console.print(("\n" if n else "") + checked.path, markup=False)
                sink.console.print(Fitting(render.table(verdicts, language)))
                text = render.notes(verdicts, language)
                if text:
                    from rich.text import Text

                    from aicost.text import visible

                    sink.console.print(Text(visible(text), style="dim"))
        sink.close()
    for checked in results:
        if _is_markdown(Path(checked.path)):
            _name_failing(
                checked.path, [c.verdict for c in checked.failed(strict=strict)], language
            )
    if any(checked.failed(strict=strict) for checked in results):
        raise typer.Exit(1)


def _is_markdown(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def _name_failing(path: str | Path, verdicts: list[Any], language: str) -> None:
    """One line on stderr per marked figure that does not hold: file:line, text, computed."""
    from aicost.i18n import speaking, tr
    from aicost.render.claims import expected_text, shown

    with speaking(language):
        for v in verdicts:
            _stderr(
                tr(
                    "{path}:{line}: the figure '{quote}' is {verdict}: computed {computed}, "
                    "read as {expected}",
                    path=str(path),
                    line=str(v.claim.line),
                    quote=v.claim.quote,
                    verdict=_verdict(v.status, language),
                    computed=shown(v, v.computed, language),
                    expected=expected_text(v, language),
                )
            )


def _verdict(status: str, language: str) -> str:
    from aicost.render.claims import verdict_word

    return verdict_word(status, language)


@app.command("render")
def render_command(
    document: Annotated[
        Path, typer.Argument(help="A Markdown report with marked figures.", show_default=False)
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write the rendered report here (atomically) instead of rewriting it in place.",
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    factors: FactorsOption = None,
    lang: LangOption = None,
) -> None:
    """Rewrite every marked figure of a Markdown report from the computed values.

    Only the text between the markers changes; a figure with a bound ("over an hour") or
    marked known_error is left as written. Exit 1 when such a figure no longer holds.
    """
    language = _lang(lang)
    with _user_errors(language):
        from aicost.claims import check as run_check
        from aicost.document import load_document, render, rewritable
        from aicost.i18n import tr
        from aicost.output import write_atomic

        table = _factors(factors)
        text, doc_lang, figures = load_document(document, table, language)
        verdicts = run_check([f.claim for f in figures], table)
        rendered = render(text, figures, verdicts, doc_lang)
        if output is not None or rendered != text:
            write_atomic(output if output is not None else document, rendered)
        changed = sum(a.text != b.text for a, b in zip(figures, markers_of(rendered), strict=True))
        _stderr(
            tr(
                "{path}: {changed} of {count} figures rewritten",
                path=str(output if output is not None else document),
                changed=changed,
                count=len(figures),
            )
        )
    kept = [v for f, v in zip(figures, verdicts, strict=True) if not rewritable(f)]
    off = [v for v in kept if v.status == "off"]
    _name_failing(document, off, language)
    if off:
        raise typer.Exit(1)


def markers_of(text: str) -> list[Any]:
    from aicost.document import markers

    return markers(text)


@app.command("factors")
def factors_command(
    section: Annotated[
        Section | None,
        typer.Argument(
            help="tasks, sites, grids, equivalences or sources; or diff OLD NEW.",
            show_default=False,
        ),
    ] = None,
    entry: Annotated[
        str | None,
        typer.Argument(
            help="One entry's id, alias or name (diff: the old table).", show_default=False
        ),
    ] = None,
    other: Annotated[
        Path | None, typer.Argument(help="diff: the new table.", show_default=False)
    ] = None,
    factors: FactorsOption = None,
    scenario: Annotated[
        list[Path] | None,
        typer.Option(
            "--scenario",
            metavar="FILE",
            help="diff: a scenario whose totals to compute with both tables. Repeat it.",
            show_default=False,
        ),
    ] = None,
    claims: Annotated[
        list[Path] | None,
        typer.Option(
            "--claims",
            metavar="FILE",
            help="diff: a claims file or marked Markdown report to check. Repeat it.",
            show_default=False,
        ),
    ] = None,
    dates: Annotated[
        bool, typer.Option("--dates", help="diff: compare as_of/checked dates too.")
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="diff: show the figures that do not move too.")
    ] = False,
    format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="diff: output format.")
    ] = DiffFormat.table,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """List the factor table, or show one entry with its full source.

    `aicost factors diff OLD NEW` lists the factors added, removed and changed between two
    tables and, with --scenario or --claims, the totals and claims that move.
    """
    language = _lang(lang)
    with _user_errors(language):
        if section is Section.diff:
            if factors is not None:
                from aicost.errors import UsageError
                from aicost.i18n import tr

                raise UsageError(tr("`aicost factors diff` compares OLD and NEW: drop --factors"))
            _factors_diff(
                entry, other, scenario, claims, dates, everything, format, output, language
            )
            return
        from aicost.errors import UsageError
        from aicost.i18n import tr
        from aicost.render.factors import entry_renderable, section_table, summary
        from aicost.render.fit import Fitting

        given = [other, scenario, claims, dates or None, everything or None, output]
        if any(g for g in given) or format is not DiffFormat.table:
            raise UsageError(
                tr("only `aicost factors diff OLD NEW` takes a third argument or diff options")
            )
        table = _factors(factors)
        console = _console()
        if section is None:
            console.print(summary(table, language))
        elif entry is None:
            optional = (2, 3) if section is Section.grids else ()  # the other name, the aliases
            console.print(Fitting(section_table(table, section.value, language), optional))
        else:
            console.print(entry_renderable(table, section.value, entry, language))


def _factors_diff(
    old_path: str | None,
    new_path: Path | None,
    scenarios: list[Path] | None,
    claims: list[Path] | None,
    dates: bool,
    everything: bool,
    format: DiffFormat,
    output: Path | None,
    language: str,
) -> None:
    from aicost.errors import UsageError
    from aicost.factordiff import claim_moves, compare, scenario_moves
    from aicost.i18n import tr
    from aicost.render import factordiff as render

    if old_path is None or new_path is None:
        raise UsageError(tr("`aicost factors diff` needs two factor tables: OLD NEW"))
    old, new = _factors(Path(old_path)), _factors(new_path)
    changes = compare(old, new, dates=dates)
    moved = [(str(p), scenario_moves(p, old, new, everything=everything)) for p in scenarios or []]
    checked = [(str(p), claim_moves(p, old, new, everything=everything)) for p in claims or []]
    sink = _Sink(output)
    names = (str(old_path), str(new_path))
    if format is DiffFormat.json:
        from aicost.render.json import dumps

        doc = render.document(
            changes, moved, checked, (names[0], old.sha256), (names[1], new.sha256)
        )
        sink.write(dumps(doc))
    elif format is DiffFormat.markdown:
        sink.write(render.markdown_text(changes, moved, checked, *names, language))
    else:
        for part in render.tables(changes, moved, checked, *names, language):
            sink.console.print(part)
    sink.close()


@app.command()
def grids(
    search: Annotated[
        str | None,
        typer.Argument(help="Part of a code or name: fr, germ, états.", show_default=False),
    ] = None,
    factors: FactorsOption = None,
    lang: LangOption = None,
) -> None:
    """Find electricity grids (zones) by code or name."""
    language = _lang(lang)
    with _user_errors(language):
        from aicost.errors import UsageError
        from aicost.i18n import tr
        from aicost.render.factors import grids_table
        from aicost.render.fit import Fitting

        table = _factors(factors)
        found = table.search_grids(search) if search else list(table.grids.values())
        if not found:
            raise UsageError(
                tr("no grid matches '{search}'; try part of a name or an ISO code", search=search)
            )
        _console().print(Fitting(grids_table(found, language), optional=(2, 3)))


@app.command()
def models(
    search: Annotated[
        str | None,
        typer.Argument(
            help="Part of an id, alias, name, family or provider: claude, llama-3.1, mistral.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        Kind | None,
        typer.Option("--kind", "-k", help="Only models of this kind.", show_default=False),
    ] = None,
    format: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.table,
    lang: LangOption = None,
) -> None:
    """List the models aicost knows: size, where they run, default answer.

    Exit 2, with the nearest names on stderr, when nothing matches SEARCH."""
    language = _lang(lang)
    with _user_errors(language):
        from aicost.api import list_models

        result = list_models(search or "", kind.value if kind is not None else None)
        found = list(result.models)
        if format is ListFormat.json:
            from aicost.render.json import dumps

            sys.stdout.write(dumps(result.to_dict()))  # type: ignore[arg-type]
        else:
            from aicost.render.models import models_table

            _console().print(models_table(found, language))


INTERRUPTED = 130  # 128 + SIGINT, as shells report a program stopped by Ctrl-C


def _quiet_stdout() -> None:
    """The reader of stdout has gone (`| head -1`): send what is left to /dev/null, so the
    final flush at exit neither fails nor prints "Exception ignored"."""
    import os

    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)


def main(args: list[str] | None = None) -> None:
    """Console-script entry point (`_main`), run with Python's cyclic garbage collector paused.

    A command is short and leaves next to no cyclic garbage (under 600 objects for 1,000
    scenario files), but while it imports typer (and numpy, pint when they are needed) and builds
    its tables the
    collector walks their objects again and again for nothing: 20-25 ms of a scenario run.
    """
    import signal

    from aicost.gcpause import gc_paused

    def terminated(signum: int, frame: object) -> None:
        _State.terminated = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, signal.default_int_handler)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, terminated)  # ends like Ctrl-C: temporary files removed
    if args is None:  # the console script: pint, if a unit needs it, without numpy (registry)
        from aicost import defaults

        defaults.PINT_WITHOUT_NUMPY = True
    with gc_paused():
        try:
            _main(args)
        finally:
            if args is None:  # the console script: the process ends here
                _freeze()


def _freeze() -> None:
    """Move every object to the collector's permanent generation before the process ends.

    The collector comes back on as `main` ends, and Python's exit then walks every object of
    typer, the tables (and pint, numpy when loaded) again for the little cyclic garbage a
    command leaves
    (benchmarks/RESULTS.md: tens of ms of a scenario run). Frozen objects are never walked;
    the memory is the operating system's again a moment later. Only on the console-script path
    (`args is None`): a caller that runs `main([...])` in its own process keeps its collector."""
    import gc

    gc.freeze()


def _main(args: list[str] | None = None) -> None:
    """Console-script entry point: exit 0, 1 (claims no longer hold), 2 (bad input or
    usage), or 130 (interrupted by Ctrl-C, with one line on stderr and no traceback).

    Click normally turns Ctrl-C into "Aborted!" (exit 1) or a silent exit 130: the app runs
    outside click's standalone mode so that the exit codes and messages are ours.
    """
    import os

    from aicost.i18n import speaking, tr

    def language() -> str:  # worked out only when there is something to say
        from aicost.i18n import LANGS, default_lang
        from aicost.render.usage import lang_of

        given = lang_of(sys.argv[1:] if args is None else args)
        return given if given in LANGS else default_lang()

    if "_AICOST_COMPLETE" in os.environ:  # shell completion (README): Typer's shells, on demand
        from typer._completion_classes import completion_init

        completion_init()

    try:
        try:
            given = sys.argv[1:] if args is None else args
            click_app = typer.main.get_command(_app_for(given))
            if not given or "--help" in given:
                from aicost.render.help import translated

                click_app = translated(click_app, language())  # --help in the language asked
            code = click_app.main(args=args, prog_name="aicost", standalone_mode=False)
        except typer.Abort as exc:  # Ctrl-C in older click versions, or EOF at a prompt
            if not isinstance(exc.__context__, KeyboardInterrupt):
                with speaking(language()):
                    _stderr(tr("Aborted."))
                sys.exit(1)
            raise KeyboardInterrupt from None
        except Exception as exc:
            # A usage error (click's ClickException, whichever click Typer uses): click's
            # detection and exit code (2), written as aicost's one line in the language asked.
            show, exit_code = getattr(exc, "show", None), getattr(exc, "exit_code", None)
            if show is None or not isinstance(exit_code, int):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # bare `aicost`: the help, on stderr
                show()
            else:
                from aicost.render.usage import one_line

                ctx = getattr(exc, "ctx", None)
                command = ctx.command_path if ctx is not None else "aicost"
                _stderr(one_line(exc.format_message(), command, language()))  # type: ignore[attr-defined]
            code = exit_code
        if _State.reader_gone and code == 0:
            code = _State.exit_code
        if code == INTERRUPTED:  # recent Typer turns KeyboardInterrupt into Exit(130), silently
            raise KeyboardInterrupt
        code = _flush_stdout(code if isinstance(code, int) else 0, language)
    except KeyboardInterrupt:
        with speaking(language()):
            if _State.terminated:
                _stderr(tr("Terminated."))
                sys.exit(TERMINATED)
            _stderr(tr("Interrupted."))
        sys.exit(INTERRUPTED)
    sys.exit(code)


TERMINATED = 143  # 128 + SIGTERM


def _app_for(given: list[str]) -> typer.Typer:
    """The app, with only the command that `given` runs when it names one.

    Typer turns every command into click's objects on each run (reading each function's
    signature and type hints: 5-10 ms for aicost's eight commands, benchmarks/RESULTS.md);
    a run needs only its own. The app's global options are flags, so the command is the first
    argument that is not an option. Help (which lists every command), shell completion and
    anything that is not a command's exact name get the whole app, and click's own messages.
    """
    import copy
    import os

    if "--help" in given or "_AICOST_COMPLETE" in os.environ:
        return app
    name = next((a for a in given if not a.startswith("-")), None)
    if name is None:
        return app
    chosen = [
        info
        for info in app.registered_commands
        if (info.name or typer.main.get_command_name(getattr(info.callback, "__name__", "")))
        == name
    ]
    if len(chosen) != 1:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _flush_stdout(code: int, language: Any) -> int:
    """Flush the result: a reader that has gone keeps the exit code (a failed check stays 1);
    a full disk or a closed stdout is one line and exit 2 (not a silent 0)."""
    from aicost.i18n import speaking

    if sys.stdout is None:
        return code
    try:
        sys.stdout.flush()  # a closed pipe shows here, not in the final flush at exit
    except BrokenPipeError:
        _quiet_stdout()
    except (OSError, ValueError, UnicodeEncodeError) as exc:
        with speaking(language()):
            _stderr(_output_error(exc))
        _quiet_stdout()
        return 2
    return code
