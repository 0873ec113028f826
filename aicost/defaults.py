"""Defaults that the command line needs when it is imported (its options show them), kept in a
module that costs nothing to import: `aicost --help` must stay as quick as `import typer`."""

# Monte Carlo (aicost.uncertainty): samples drawn, and the seed that makes a run repeatable.
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20251120
