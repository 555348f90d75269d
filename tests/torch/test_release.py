"""Saved values are freed by ``backward()`` without ``retain_graph``, as in PyTorch.

Memory is measured with tracemalloc (NumPy's buffers are traced), in bytes. The
outcomes of the edge cases (which second walks raise, which gradients
accumulate) were recorded from PyTorch 2.13 running the same programs.
"""

from __future__ import annotations

import gc
import tracemalloc

import numpy as np
import pytest

import funcgrad.torch as torch
from funcgrad.torch._release import placeholder

FREED = "Trying to backward through the graph a second time"
MB = 1_000_000
SIZE = 500_000  # float64 elements: 4 MB an array


def _chain(x, steps=8):
    y = x
    for _ in range(steps):
        y = torch.tanh(y * 1.01) + y
    return y


def _traced(fn):
    """(bytes held after ``fn`` set things up, its result) with tracemalloc on."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    return held, result


def test_backward_frees_the_intermediate_values_while_the_output_lives():
    x = torch.ones(SIZE, dtype=torch.float64, requires_grad=True)

    def forward():
        y = _chain(x)
        return y, y.sum()

    held_before, (y, out) = _traced(forward)
    assert held_before > 20 * 4 * MB  # 3 arrays a step, 8 steps
    y = out = None

    def forward_backward():
        y = _chain(x)
        out = y.sum()
        out.backward()
        return y, out

    held_after, (y, out) = _traced(forward_backward)
    # y and x.grad (4 MB each) remain; the 24 intermediate arrays are gone.
    assert held_after < 3 * 4 * MB
    assert out.grad_fn is not None and y.shape == (SIZE,)
    np.testing.assert_allclose(y.detach().numpy()[:3], _chain(torch.ones(3, dtype=torch.float64))
                               .numpy())


def test_retain_graph_keeps_the_values_and_a_second_walk_works():
    x = torch.ones(SIZE, dtype=torch.float64, requires_grad=True)

    def forward_backward():
        y = _chain(x)
        out = y.sum()
        out.backward(retain_graph=True)
        return y, out

    held, (y, out) = _traced(forward_backward)
    assert held > 20 * 4 * MB
    first = x.grad.clone()
    out.backward()
    np.testing.assert_allclose(x.grad.numpy(), 2 * first.numpy())
    with pytest.raises(RuntimeError, match=FREED):
        out.backward()


def test_a_second_walk_and_saved_values_after_freeing_raise_pytorchs_error():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x.sin()
    y.sum().backward()
    with pytest.raises(RuntimeError, match=FREED + r".*Specify retain_graph=True"):
        _ = y.grad_fn._saved_self
    with pytest.raises(RuntimeError, match=FREED):
        y.sum().backward()
    z = x.exp()
    s = z.sum()
    s.backward(retain_graph=True)
    assert z.grad_fn._saved_result.tolist() == pytest.approx(np.exp([1.0, 2.0, 3.0]).tolist())


def _x():
    return torch.tensor([1.0, 2.0, 3.0], requires_grad=True)


def _twice_through_a_graph_that_saved_nothing():
    x = _x()
    y = (x + 1).sum()
    y.backward()
    y.backward()
    return x.grad


def _subgraph_freed_by_the_first_walk():
    x = _x()
    h = x.exp()
    a, b = h.sum(), (h * 3).sum()
    a.backward()
    b.backward()


def _subgraph_that_saved_nothing_shared():
    x = _x()
    h = x + 1
    a, b = h.sum(), (h * h).sum()
    del h
    a.backward()
    b.backward()
    return x.grad


def _side_branch_saved_by_a_mul():
    x = _x()
    h = x * 1.5
    a, b = h.sum(), (h * h).sum()
    del h
    b.backward()
    a.backward()


def _grad_twice():
    x = _x()
    y = (x**3).sum()
    torch.autograd.grad(y, x)
    torch.autograd.grad(y, x)


def _grad_create_graph_retains():
    x = _x()
    y = (x**3).sum()
    (g,) = torch.autograd.grad(y, x, create_graph=True)
    g.sum().backward()
    y.backward()
    return x.grad


def _retained_twice_then_freed():
    x = _x()
    y = (x.tanh() * 2).sum()
    y.backward(retain_graph=True)
    y.backward(retain_graph=True)
    y.backward()
    return x.grad


def _a_freed_product_shared_by_two_losses():
    x, w = _x(), torch.ones(3, requires_grad=True)
    h = x * w
    h.sum().backward()
    (h + 1).sum().backward()


def _intermediate_values_the_user_holds():
    x = _x()
    h = x * 3
    v = h[1:]
    del h
    (v.exp()).sum().backward()
    t = x.tanh()
    (t * 2).sum().backward()
    return v.detach(), t.detach()


# PyTorch 2.13's outcomes of the programs above.
EDGE_CASES = [
    (_twice_through_a_graph_that_saved_nothing, [2.0, 2.0, 2.0]),
    (_subgraph_freed_by_the_first_walk, FREED),
    (_subgraph_that_saved_nothing_shared, [5.0, 7.0, 9.0]),
    (_side_branch_saved_by_a_mul, FREED),
    (_grad_twice, FREED),
    (_grad_create_graph_retains, [9.0, 24.0, 45.0]),
    (_retained_twice_then_freed, [2.5198, 0.4239, 0.0592]),
    (_a_freed_product_shared_by_two_losses, FREED),
    (_intermediate_values_the_user_holds, ([6.0, 9.0], [0.7616, 0.9640, 0.9951])),
]


@pytest.mark.parametrize("program, outcome", EDGE_CASES, ids=lambda v: getattr(v, "__name__", ""))
def test_edge_cases_as_pytorch(program, outcome):
    if outcome == FREED:
        with pytest.raises(RuntimeError, match=FREED):
            program()
        return
    got = program()
    if isinstance(got, tuple):
        for g, want in zip(got, outcome):
            np.testing.assert_allclose(g.tolist(), want, atol=1e-4)
    else:
        np.testing.assert_allclose(got.tolist(), outcome, atol=1e-4)


def test_an_equation_recorded_on_the_side_keeps_what_it_reads():
    x = _x()
    h = x + 1  # saves nothing: the walk from a leaves its node usable
    a = h.sum()
    side = h * h  # reads h's value; not part of a's walk
    del h
    a.backward()
    assert side.grad_fn._saved_self.tolist() == [2.0, 3.0, 4.0]
    x.grad = None
    side.sum().backward()
    assert x.grad.tolist() == [4.0, 6.0, 8.0]


def test_placeholder_keeps_shape_and_dtype_in_one_element():
    p = placeholder(np.ones((3, 4), np.float32))
    assert p.shape == (3, 4) and p.dtype == np.float32 and p.base.nbytes == 4
    assert placeholder((np.ones(5), np.zeros(2)))[0].shape == (5,)
