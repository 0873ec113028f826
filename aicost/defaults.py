"""Defaults that the command line needs when it is imported (its options show them), kept in a
module that costs nothing to import: `aicost --help` must stay as quick as `import typer`."""

# Monte Carlo (aicost.uncertainty): samples drawn, and the seed that makes a run repeatable.
DEFAULT_SAMPLES = 10_000
DEFAULT_SEED = 20251120

# Set by the console script (aicost.cli.main) before anything imports pint: pint is then
# imported with numpy hidden (aicost.registry), so that a run that does not sample never pays
# numpy's import. A library user's process is left as it is: there pint keeps its numpy support.
PINT_WITHOUT_NUMPY = False
