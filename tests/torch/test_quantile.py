"""torch.quantile and torch.nanquantile against numbers recorded from PyTorch 2.13: values,
gradients, shapes, node names and errors."""

import numpy as np
import pytest

import funcgrad.torch as torch
from funcgrad.torch.func import grad, vmap

X = [[0.0, 1.0, 2.0], [3.0, 4.0, 8.0]]

# (args, kwargs, shape, value, gradient of the sum), recorded from PyTorch.
CASES = [
    ((0.3,), {}, (), [1.5], [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]),
    ((0.3,), {"dim": 1}, (2,), [0.6, 3.6], [[0.4, 0.6, 0.0], [0.4, 0.6, 0.0]]),
    ((torch.tensor([0.25, 0.5]),), {"dim": 1}, (2, 2), [[0.5, 3.5], [1.0, 4.0]],
     [[0.5, 1.5, 0.0], [0.5, 1.5, 0.0]]),
    ((0.3,), {"dim": 1, "keepdim": True}, (2, 1), [[0.6], [3.6]],
     [[0.4, 0.6, 0.0], [0.4, 0.6, 0.0]]),
    ((0.3,), {"keepdim": True}, (1, 1), [[1.5]], [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]),
    ((0.5,), {"dim": 0, "interpolation": "lower"}, (3,), [0.0, 1.0, 2.0],
     [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]),
]


@pytest.mark.parametrize("args, kwargs, shape, value, gradient", CASES)
def test_values_gradients_and_node_name_match_pytorch(args, kwargs, shape, value, gradient):
    x = torch.tensor(X, requires_grad=True)
    y = torch.quantile(x, *args, **kwargs)
    assert tuple(y.shape) == shape
    assert y.grad_fn.name() == "SqueezeBackward4"
    np.testing.assert_allclose(y.detach().numpy().reshape(-1), np.ravel(value), rtol=1e-6)
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), gradient, rtol=1e-6)
    assert torch.allclose(x.detach().quantile(*args, **kwargs), y.detach())


def test_nanquantile_ignores_nans_and_quantile_propagates_them():
    x = torch.tensor([1.0, float("nan"), 3.0, 5.0], requires_grad=True)
    y = torch.nanquantile(x, 0.4)
    assert y.item() == pytest.approx(2.6, rel=1e-6)
    y.backward()
    np.testing.assert_allclose(x.grad.numpy(), [0.2, 0.0, 0.8, 0.0], rtol=1e-6)
    assert torch.isnan(torch.quantile(torch.tensor([1.0, float("nan")]), 0.5))


@pytest.mark.parametrize("call, message", [
    (lambda: torch.quantile(torch.tensor([1, 2]), 0.5),
     "quantile() input tensor must be either float or double dtype"),
    (lambda: torch.quantile(torch.tensor([1.0, 2.0]), 1.5),
     "quantile() q must be in the range [0, 1] but got 1.5"),
    (lambda: torch.quantile(torch.tensor([1.0, 2.0]), 0.5, interpolation="foo"),
     "quantile() interpolation must be one of linear, lower, higher, midpoint or nearest, "
     "but got foo"),
    (lambda: torch.quantile(torch.tensor([1.0, 2.0]), torch.tensor([0.5, 1.5])),
     "quantile() q values must be in the range [0, 1]"),
])
def test_errors_are_pytorchs(call, message):
    with pytest.raises(RuntimeError) as info:
        call()
    assert str(info.value) == message


def test_per_example_quantiles_and_gradients_under_vmap():
    torch.manual_seed(0)
    x = torch.randn(4, 7)
    f = lambda row: torch.quantile(row, 0.3)  # noqa: E731
    assert torch.allclose(vmap(f)(x), torch.stack([f(r) for r in x]))
    assert torch.allclose(vmap(grad(f))(x), torch.stack([grad(f)(r) for r in x]))
