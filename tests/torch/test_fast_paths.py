"""The short cuts on the torch face's hot path answer exactly as the general path does.

Each operation of the face takes a fast path in the common case (two operands
of which Python numbers stay numbers, a cached type promotion, in-place
arithmetic straight into the storage when nothing is recorded, NumPy's error
state set without ``np.errstate``). These tests pin the cases where a short
cut could drift from PyTorch's answer: dtypes, versions, errors.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import funcgrad.torch as torch
from funcgrad.torch.optim.optimizer import write_scaled

# ---------------------------------------------------------------- promotion ---

# (tensor dtype, Python number, PyTorch's result dtype): checked against torch 2.13.
PROMOTIONS = [
    (torch.float32, 1.0001, torch.float32),
    (torch.float32, 2, torch.float32),
    (torch.float16, 1.5, torch.float16),
    (torch.float64, 2, torch.float64),
    (torch.int64, 2.5, torch.float32),
    (torch.int32, 3, torch.int32),
    (torch.int8, 3, torch.int8),
    (torch.uint8, 3, torch.uint8),
    (torch.bool, True, torch.bool),
    (torch.bool, 2, torch.int64),
    (torch.bool, 2.0, torch.float32),
    (torch.float32, 1j, torch.complex64),
    (torch.float64, 1j, torch.complex128),
    (torch.complex64, 2.0, torch.complex64),
]


@pytest.mark.parametrize("dtype, number, expected", PROMOTIONS)
@pytest.mark.parametrize("op", ["add", "mul", "sub", "rsub", "rmul"])
def test_number_operand_dtype_and_value(dtype, number, expected, op):
    if dtype is torch.bool and op in ("sub", "rsub"):
        pytest.skip("PyTorch refuses subtraction on bool tensors")
    x = torch.tensor([1, 0, 3], dtype=dtype)
    a = np.array([1, 0, 3], dtype=dtype.np)
    out = {
        "add": lambda: x + number,
        "mul": lambda: x * number,
        "sub": lambda: x - number,
        "rsub": lambda: number - x,
        "rmul": lambda: number * x,
    }[op]()
    assert out.dtype == expected
    n = np.asarray(number, expected.np)
    want = {
        "add": lambda: a.astype(expected.np) + n,
        "mul": lambda: a.astype(expected.np) * n,
        "sub": lambda: a.astype(expected.np) - n,
        "rsub": lambda: n - a.astype(expected.np),
        "rmul": lambda: n * a.astype(expected.np),
    }[op]()
    np.testing.assert_array_equal(out.numpy(), want)


def test_default_dtype_decides_python_floats_after_a_change():
    x = torch.tensor([1, 2])
    assert (x * 2.5).dtype == torch.float32
    torch.set_default_dtype(torch.float64)
    try:
        assert (x * 2.5).dtype == torch.float64
    finally:
        torch.set_default_dtype(torch.float32)
    assert (x * 2.5).dtype == torch.float32


def test_numpy_scalars_are_not_weak():
    # A NumPy scalar is a 0-d operand, not a Python number: float32 * float64 scalar stays
    # float32 by PyTorch's rules (dimensioned tensors decide), as before the short cut.
    x = torch.ones(2)
    assert (x * np.float64(2.0)).dtype == torch.float32
    assert (torch.tensor([1, 2]) * np.float64(2.5)).dtype == torch.float32


def test_broadcast_error_is_pytorchs():
    with pytest.raises(RuntimeError, match=r"size of tensor a \(2\) must match .* \(3\)"):
        torch.ones(2) + torch.ones(3)


def test_number_operands_give_the_same_gradients():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = (3.0 - x) * 2 / 4.0 + 1 - x / 2
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [-1.0, -1.0])


# --------------------------------------------------------------- error state ---


def test_inf_and_nan_are_silent_and_numpy_error_state_is_restored():
    before = np.geterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = torch.tensor([1.0, 0.0]) / 0
        z = torch.log(torch.tensor([-1.0]))
    assert np.isinf(y.numpy()[0]) and np.isnan(y.numpy()[1]) and np.isnan(z.numpy()[0])
    assert np.geterr() == before
    with pytest.raises(RuntimeError):
        torch.ones(2) * torch.ones(3)
    assert np.geterr() == before


# ------------------------------------------------------------------ in place ---


def test_in_place_update_under_no_grad_bumps_the_version_and_keeps_the_object():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    grad = w.grad
    v = w._version
    with torch.no_grad():
        w -= 0.5 * w.grad
        w.add_(1.0)
        w.mul_(torch.tensor(2.0))
    assert w._version == v + 3
    np.testing.assert_allclose(w.detach().numpy(), [2.0, 2.0])
    assert w.requires_grad and w.is_leaf
    (w * w).sum().backward()
    assert w.grad is grad  # accumulated in place, as PyTorch does
    np.testing.assert_allclose(w.grad.numpy(), [2.0 + 4.0, 4.0 + 4.0])


def test_grad_accumulation_bumps_the_grad_version():
    x = torch.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    v = x.grad._version
    (x * 3).sum().backward()
    assert x.grad._version == v + 1
    np.testing.assert_allclose(x.grad.numpy(), [5.0, 5.0])


def test_zero_d_gradient_accumulates_in_place():
    # NumPy gives a 0-d rule's result as a scalar: it still goes into the kept .grad.
    w = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
    (w * 3.0).backward()
    g, v = w.grad, w.grad._version
    (w * 2.0).backward()
    assert w.grad is g and g._version == v + 1 and g.dtype == torch.float64
    assert g.item() == 5.0 and isinstance(g.numpy(), np.ndarray)


def test_zero_grad_then_accumulate():
    x = torch.ones(2, requires_grad=True)
    (x * 2).sum().backward()
    assert x.grad.zero_() is x.grad
    (x * 3).sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [3.0, 3.0])


def test_in_place_under_no_grad_still_invalidates_saved_values():
    x = torch.ones(2, requires_grad=True)
    y = x * 1
    z = y * y  # saves y
    with torch.no_grad():
        y.add_(1.0)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        z.sum().backward()


def test_in_place_errors_are_unchanged():
    leaf = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        leaf.add_(1.0)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        leaf.zero_()
    with torch.no_grad():
        view = leaf[:1]
    with pytest.raises(RuntimeError, match="a view of a leaf Variable"):
        view.zero_()
    with pytest.raises(RuntimeError, match="a view of a leaf Variable"):
        view.mul_(2.0)
    ints = torch.tensor([1, 2])
    with pytest.raises(RuntimeError, match="result type Float can't be cast"):
        ints.add_(1.5)


def test_in_place_general_cases_still_work():
    x = torch.ones(3)
    x.add_(torch.ones(3), alpha=2)
    x.sub_(torch.tensor([1.0, 1.0, 1.0], dtype=torch.float64))  # another dtype: general path
    x.div_(2)
    np.testing.assert_allclose(x.numpy(), [1.0, 1.0, 1.0])
    ints = torch.tensor([4, 6])
    ints.add_(1)
    ints.zero_()
    assert ints.tolist() == [0, 0] and ints.dtype == torch.int64


def test_in_place_on_a_recorded_value_is_recorded():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.mul_(3.0)
    assert y.grad_fn.name() == "MulBackward0"
    y.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), [6.0, 6.0])


# ------------------------------------------------- a leaf's first gradient ---
# It becomes ``.grad`` without a copy only when nothing else holds the array.

N = 1 << 15  # large enough for the no-copy path (64 KiB and up)


def _spy_owned(monkeypatch):
    from funcgrad.torch.autograd import engine

    seen = []
    original = engine._to_face

    def spy(g, create_graph, owned=False):
        seen.append(owned)
        return original(g, create_graph, owned)

    monkeypatch.setattr(engine, "_to_face", spy)
    return seen


def test_an_unshared_gradient_is_kept_without_a_copy(monkeypatch):
    seen = _spy_owned(monkeypatch)
    x = torch.ones(N, dtype=torch.float64, requires_grad=True)
    (x * 3.0).sum().backward()
    assert seen == [True]
    np.testing.assert_array_equal(x.grad.numpy(), np.full(N, 3.0))
    (x * 2.0).sum().backward()  # accumulates in place into the kept array
    np.testing.assert_array_equal(x.grad.numpy(), np.full(N, 5.0))


def test_a_linear_weights_gradient_is_kept_without_a_copy_in_the_weights_layout(monkeypatch):
    # F.linear multiplies by the transposed view ``weight.t()``: matmul's rule gives that
    # operand's cotangent in its (column-major) layout, so the weight's gradient is a
    # row-major view of a fresh product, which nothing else holds.
    seen = _spy_owned(monkeypatch)
    layer = torch.nn.Linear(256, 128, bias=False)
    x = torch.ones(4, 256)
    layer(x).sum().backward()
    assert seen == [True]
    assert layer.weight.grad.numpy().flags.c_contiguous
    np.testing.assert_array_equal(layer.weight.grad.numpy(), np.full((128, 256), 4.0))


def _shared_cases():
    def two_leaves_one_cotangent():  # add's rule hands the same array to both operands
        a = torch.ones(N, requires_grad=True)
        b = torch.ones(N, requires_grad=True)
        (a + b).backward(torch.ones(N))
        return [a.grad, b.grad]

    def seed_is_the_gradient():  # x.backward(v) for a leaf x: the seed is v
        x = torch.ones(N, requires_grad=True)
        v = torch.full((N,), 2.0)
        x.backward(v)
        return [x.grad, v]

    def hook_keeps_the_gradient():
        x = torch.ones(N, requires_grad=True)
        kept = []
        x.register_hook(lambda g: kept.append(g))
        (x * 3.0).sum().backward()
        return [x.grad, kept[0]]

    def view_of_a_cotangent():  # reshape's rule gives a view
        x = torch.ones(64, 64, requires_grad=True)
        (x.reshape(-1) * 2.0).sum().backward()
        return [x.grad]

    def transposed_view_of_a_shared_cotangent():  # add hands g to u; w gets g's transpose
        w = torch.ones(64, 1024, requires_grad=True)
        u = torch.ones(1024, 64, requires_grad=True)
        (w.t() + u).backward(torch.ones(1024, 64))
        return [w.grad, u.grad]

    def identity_of_the_output():
        x = torch.ones(N, requires_grad=True)
        y = x * 1.0
        g = torch.full((N,), 4.0)
        y.backward(g)
        return [x.grad, g]

    return [two_leaves_one_cotangent, seed_is_the_gradient, hook_keeps_the_gradient,
            view_of_a_cotangent, transposed_view_of_a_shared_cotangent, identity_of_the_output]


@pytest.mark.parametrize("case", _shared_cases(), ids=lambda c: c.__name__)
def test_a_shared_gradient_is_copied(case):
    tensors = case()
    arrays = [t.numpy() for t in tensors]
    for i, a in enumerate(arrays):
        for b in arrays[i + 1:]:
            assert not np.shares_memory(a, b)
    before = arrays[-1].copy()
    with torch.no_grad():
        tensors[0].add_(1.0)  # changing one .grad in place changes nothing else
    np.testing.assert_array_equal(arrays[-1] if len(arrays) > 1 else before, before)


# ------------------------------------------------------- optimizer updates ---

def _update_cases():
    rng = np.random.default_rng(3)
    g32 = rng.standard_normal((64, 33)).astype(np.float32)
    return [
        ("float32, BLAS axpy", torch.float32, g32),
        ("float64, BLAS axpy", torch.float64, g32.astype(np.float64)),
        ("float16: NumPy", torch.float16, g32.astype(np.float16)),
        ("column-major update: NumPy", torch.float32, np.asfortranarray(g32)),
        ("0-d", torch.float32, np.array(1.5, np.float32)),
    ]


@pytest.mark.parametrize("label, dtype, update", _update_cases(), ids=lambda c: str(c))
def test_write_scaled_is_one_in_place_add(label, dtype, update):
    start = np.linspace(-1, 1, update.size).reshape(update.shape).astype(update.dtype)
    p = torch.nn.Parameter(torch.from_numpy(start.copy()))
    storage = p.detach().numpy()
    write_scaled(p, update, -0.1)
    assert p._vc[0] == 1  # one in-place operation, as PyTorch's param.add_(g, alpha=-lr)
    assert p.detach().numpy() is storage or np.shares_memory(p.detach().numpy(), storage)
    exact = start.astype(np.float64) - 0.1 * update.astype(np.float64)
    tol = 1e-3 if dtype == torch.float16 else 1e-6
    np.testing.assert_allclose(p.detach().numpy(), exact, rtol=tol, atol=tol)


def test_write_scaled_under_a_recording_mode_still_writes_without_recording():
    p = torch.nn.Parameter(torch.zeros(5))
    write_scaled(p, np.ones(5, np.float32), 2.0)  # grad mode on: the step never records
    assert p.grad_fn is None and p.requires_grad
    np.testing.assert_array_equal(p.detach().numpy(), np.full(5, 2.0, np.float32))
