"""Methods: a model's energy per generation computed from its settings (pure arithmetic).

Each method works on Python floats and on numpy arrays alike, so one function serves the central
value and every Monte Carlo sample. No pint, no I/O, no numpy import at module level.
"""
