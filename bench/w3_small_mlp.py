"""W3: MLP 32-32-1, batch 8, tanh, squared error (float64): overhead-bound."""

from harness import ratio_bar
from mlp import Problem
from w2_mlp import HAND, vg_and_forward_table

TITLE = "W3 MLP 32-32-1, batch 8 (value_and_grad, overhead-bound)"


def run(settings, args):
    text, rows = vg_and_forward_table(Problem((32, 32, 1), 8, "mse", "float64"), settings)
    bars = [
        ratio_bar("W3 funcgrad value_and_grad / torch backward", rows,
                  "funcgrad value_and_grad", "torch backward", 1.0),
        ratio_bar("W3 funcgrad.torch backward / torch backward", rows,
                  "funcgrad.torch backward", "torch backward", 1.2),
        ratio_bar("W3 funcgrad jit(value_and_grad) / hand NumPy", rows,
                  "funcgrad jit(value_and_grad)", HAND, 1.3),
    ]
    return text, bars, rows
