"""aicost: electricity, CO2e and water behind uses of generative AI.

The Python API (the command line is a thin layer over it; README, "Python API"):

    >>> import aicost
    >>> result = aicost.estimate("scenarios/marathon.yaml")
    >>> result.to_dict()["total"]["energy_wh"]
    2873.50277778

`estimate`, `check`, `list_models` and their results, and the errors they raise
(`AicostError` and its subclasses `InputError`, `UsageError`), are imported the first time
they are used: importing
the package is cheap on purpose, and the unit registry (pint) and the factor table are built
only when a function needs them.
"""

# Only syntax Python 3.6 and later read, in this file: it must be able to say which Python
# aicost needs when it is run with an older one (`python3.9 -m aicost`).
import os
import sys

if sys.version_info < (3, 11):  # noqa: UP036 - tested with an old interpreter
    _FRENCH = any(
        os.environ.get(name, "").lower().startswith("fr")
        for name in ("LC_ALL", "LC_MESSAGES", "LANG")
    )
    _WORDS = (
        "Erreur : aicost demande Python 3.11 ou plus récent, et ceci est Python %d.%d (%s) ;"
        " lancez-le avec python3.11 ou plus (python3.11 -m venv .venv)"
        if _FRENCH
        else "Error: aicost needs Python 3.11 or newer, and this is Python %d.%d (%s);"
        " run it with python3.11 or newer (python3.11 -m venv .venv)"
    )
    sys.stderr.write(_WORDS % (sys.version_info[0], sys.version_info[1], sys.executable) + "\n")
    raise SystemExit(2)

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from aicost.api import (
        CheckResult,
        ClaimResult,
        EstimateResult,
        ModelsResult,
        check,
        estimate,
        list_models,
    )
    from aicost.errors import AicostError, InputError, UsageError

__all__ = [
    "AicostError",
    "CheckResult",
    "ClaimResult",
    "EstimateResult",
    "InputError",
    "ModelsResult",
    "UsageError",
    "__version__",
    "check",
    "estimate",
    "list_models",
]

_LAZY = {
    "estimate": "aicost.api",
    "check": "aicost.api",
    "EstimateResult": "aicost.api",
    "CheckResult": "aicost.api",
    "ClaimResult": "aicost.api",
    "list_models": "aicost.api",
    "ModelsResult": "aicost.api",
    "AicostError": "aicost.errors",
    "InputError": "aicost.errors",
    "UsageError": "aicost.errors",
}


def __getattr__(name: str) -> Any:
    """The API's names, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aicost' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
