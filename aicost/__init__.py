"""aicost: electricity, CO2e and water behind uses of generative AI.

Importing the package is cheap on purpose: the unit registry (pint) and the factor table are
built only when a command needs them.
"""

__version__ = "0.1.0"
