"""funcgrad: automatic differentiation for NumPy code."""

__version__ = "0.1.0"
