"""PyTorch's ``out=`` and its keyword rules: nothing accepted and ignored.

Every function that takes ``out=`` in PyTorch 2.13 takes it here (one table,
funcgrad/torch/out_args.py); the cases, the dtypes and shapes PyTorch wrote and
its messages were recorded with PyTorch and are frozen as literals.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from out_cases import CASES, RECORDED_GROUPS, REJECTED, call, fixtures

import funcgrad.torch as torch
import funcgrad.torch.nn.functional as F
from funcgrad.torch.out_args import OUT_FUNCTIONS

RECORDED = {name: outs for outs, names in RECORDED_GROUPS.items() for name in names.split()}


def _get(name: str):
    fn = torch
    for part in name.split("."):
        fn = getattr(fn, part)
    return fn


def _empty_like_recorded(outs):
    made = tuple(torch.empty(0, dtype=getattr(torch, dtype)) for dtype, _ in outs)
    return made if len(made) > 1 else made[0]


# ---------------------------------------------------------------------------
# The table
# ---------------------------------------------------------------------------

def test_the_table_is_pytorchs():
    table = {f"{ns}.{n}" if ns else n for ns, names in OUT_FUNCTIONS.items() for n in names}
    assert table == set(RECORDED)
    assert not table & set(REJECTED)


@pytest.mark.filterwarnings("ignore::UserWarning")  # deprecated spellings (ger, chain_matmul)
@pytest.mark.parametrize("name", sorted(RECORDED))
def test_out_is_written_and_returned(name):
    fn, want = _get(name), RECORDED[name]
    torch.manual_seed(0)
    plain = call(fn, CASES[name], fixtures(torch))
    out = _empty_like_recorded(want)
    outs = out if isinstance(out, tuple) else (out,)
    versions = [o._version for o in outs]
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # an empty out is resized silently
        got = call(fn, CASES[name], fixtures(torch), out=out)
    if isinstance(out, tuple):
        assert all(g is o for g, o in zip(got, out, strict=True))
    else:
        assert got is out
    plains = plain if isinstance(plain, tuple) else (plain,)
    for o, p, (dtype, shape), v in zip(outs, plains, want, versions, strict=True):
        assert (str(o.dtype), tuple(o.shape)) == (f"torch.{dtype}", shape)
        np.testing.assert_allclose(o.numpy(), p.numpy().astype(o.numpy().dtype), rtol=1e-6)
        assert o._version > v and not o.requires_grad


@pytest.mark.parametrize("name", REJECTED)
def test_no_out_where_pytorch_has_none(name):
    with pytest.raises(TypeError, match="out"):
        call(_get(name), CASES[name], fixtures(torch), out=torch.empty(0))


# ---------------------------------------------------------------------------
# PyTorch's rules and messages
# ---------------------------------------------------------------------------

X = [1.0, 2.0, 3.0]
NO_AUTOGRAD = ("{}(): functions with out=... arguments don't support automatic "
               "differentiation, but one of the arguments requires grad.")


@pytest.mark.parametrize("run, name", [
    (lambda x, y: torch.add(x, y, out=torch.empty(3)), "add"),
    (lambda x, y: torch.exp(x, out=torch.empty(3)), "exp"),
    (lambda x, y: torch.matmul(x, y, out=torch.empty(())), "matmul"),
    (lambda x, y: torch.max(x.view(1, 3), 1, out=(torch.empty(1),
                                                  torch.empty(1, dtype=torch.long))), "max"),
    (lambda x, y: torch.add(y, y, out=torch.zeros(3, requires_grad=True)), "add"),
])
def test_out_refuses_autograd(run, name):
    x, y = torch.tensor(X, requires_grad=True), torch.tensor(X)
    with pytest.raises(RuntimeError) as e:
        run(x, y)
    assert str(e.value) == NO_AUTOGRAD.format(name)
    with torch.no_grad():
        run(x, y)  # allowed without grad mode, as PyTorch


def test_out_of_a_nondifferentiable_function_takes_inputs_that_require_grad():
    x = torch.tensor(X, requires_grad=True)
    r = torch.empty(3, dtype=torch.bool)
    assert torch.eq(x, torch.tensor(X), out=r) is r and r.tolist() == [True] * 3


def test_dtype_rules():
    y = torch.tensor(X)
    with pytest.raises(RuntimeError) as e:
        torch.add(y, y, out=torch.zeros(3, dtype=torch.long))
    assert str(e.value) == "result type Float can't be cast to the desired output type Long"
    long = torch.zeros(3, dtype=torch.long)
    assert repr(torch.add(long, long, out=torch.empty(3))) == "tensor([0., 0., 0.])"
    assert repr(torch.eq(y, y, out=torch.empty(3))) == "tensor([1., 1., 1.])"
    assert repr(torch.mean(y, out=torch.empty((), dtype=torch.float64))) == (
        "tensor(2., dtype=torch.float64)")


def test_resizing_warns_as_pytorch_when_out_had_elements():
    y = torch.tensor(X)
    with pytest.warns(UserWarning) as record:
        r = torch.add(y, y, out=torch.empty(2))
    assert str(record[0].message) == (
        "An output with one or more elements was resized since it had shape [2], which does "
        "not match the required output shape [3]. This behavior is deprecated, and in a future "
        "PyTorch release outputs will not be resized unless they have zero elements. You can "
        "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
        "t.resize_(0).")
    assert repr(r) == "tensor([2., 4., 6.])"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert repr(torch.add(y, y, out=torch.empty(0))) == "tensor([2., 4., 6.])"


def test_out_must_be_a_tensor_or_a_tuple_of_them():
    y = torch.tensor(X)
    with pytest.raises(TypeError, match=r"^add\(\): argument 'out' must be Tensor, not list$"):
        torch.add(y, y, out=[1])
    with pytest.raises(TypeError, match="max.*tuple of Tensors"):
        torch.max(y.view(1, 3), 1, out=torch.empty(1))


def test_version_counter_and_views():
    y = torch.tensor(X)
    r = torch.empty(3)
    torch.add(y, y, out=r)
    assert r._version == 1
    base = torch.zeros(2, 2)
    torch.add(y[:2], y[:2], out=base[0])
    assert base.tolist() == [[2.0, 4.0], [0.0, 0.0]]
    with pytest.raises(RuntimeError, match="view"):
        torch.add(y, y, out=base[1])  # a view that would need resizing


def test_tuple_out_returns_pytorchs_result_type():
    v, i = torch.empty(1), torch.empty(1, dtype=torch.long)
    got = torch.sort(torch.tensor([[3.0, 1.0, 2.0]]), 1, out=(torch.empty(0),
                                                               torch.empty(0, dtype=torch.long)))
    assert got.values.tolist() == [[1.0, 2.0, 3.0]] and got.indices.tolist() == [[1, 2, 0]]
    got = torch.max(torch.tensor([[1.0, 3.0, 2.0]]), 1, out=(v, i))
    assert got.values is v and got.indices is i and (v.tolist(), i.tolist()) == ([3.0], [1])


def test_factories_take_outs_dtype():
    assert repr(torch.zeros(3, out=torch.zeros(3, dtype=torch.long))) == "tensor([0, 0, 0])"
    assert repr(torch.arange(3, out=torch.empty(0))) == "tensor([0., 1., 2.])"
    with pytest.raises(RuntimeError) as e:
        torch.zeros(3, dtype=torch.float64, out=torch.empty(3))
    assert str(e.value) == "dtype Double does not match dtype of out parameter (Float)"
    r = torch.zeros(3, out=torch.empty(3), requires_grad=True)
    assert repr(r) == "tensor([0., 0., 0.], requires_grad=True)"


def test_normalize_takes_out():
    r = torch.empty(0)
    assert F.normalize(torch.tensor([[3.0, 4.0]]), out=r) is r
    assert repr(r) == "tensor([[0.6000, 0.8000]])"


# ---------------------------------------------------------------------------
# Keyword arguments: a misspelt one is an error, as in PyTorch
# ---------------------------------------------------------------------------

ONES = torch.ones(2)


@pytest.mark.parametrize("run, message", [
    (lambda: torch.zeros(3, dtpye=torch.float64),
     "zeros() got an unexpected keyword argument 'dtpye'"),
    (lambda: torch.ones(2, devcie="cpu"), "ones() got an unexpected keyword argument 'devcie'"),
    (lambda: torch.empty(2, foo=1), "empty() got an unexpected keyword argument 'foo'"),
    (lambda: torch.rand(2, foo=1), "rand() got an unexpected keyword argument 'foo'"),
    (lambda: torch.randn(2, foo=1), "randn() got an unexpected keyword argument 'foo'"),
    (lambda: torch.zeros_like(ONES, foo=1),
     "zeros_like() got an unexpected keyword argument 'foo'"),
    (lambda: torch.rand_like(ONES, foo=1), "rand_like() got an unexpected keyword argument 'foo'"),
    (lambda: torch.full_like(ONES, 1, foo=1),
     "full_like() got an unexpected keyword argument 'foo'"),
    (lambda: torch.randint_like(ONES, 3, foo=1),
     "randint_like() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.new_zeros(2, foo=1), "new_zeros() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.new_full((2,), 1, foo=1),
     "new_full() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.new_tensor([1], foo=1),
     "new_tensor() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.clone().uniform_(0, 1, foo=1),
     "uniform_() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.clone().random_(0, 1, foo=1),
     "random_() got an unexpected keyword argument 'foo'"),
    (lambda: ONES.to(torch.float64, foo=1), "to() got an unexpected keyword argument 'foo'"),
    (lambda: torch.exp(ONES, foo=1), "exp() got an unexpected keyword argument 'foo'"),
])
def test_unknown_keywords_raise(run, message):
    with pytest.raises(TypeError) as e:
        run()
    assert str(e.value) == message


@pytest.mark.parametrize("run", [
    lambda: torch.zeros(2, device="cuda"), lambda: torch.ones(2, device=torch.device("mps")),
    lambda: torch.tensor([1.0], device="cuda:0"), lambda: torch.arange(3, device="meta"),
    lambda: torch.zeros_like(ONES, device="cuda"), lambda: ONES.to("cuda"),
    lambda: ONES.to(device="cuda"), lambda: ONES.new_zeros(2, device="cuda"),
    lambda: torch.nn.Linear(1, 1).to("cuda"), lambda: torch.as_tensor([1.0], device="cuda"),
    lambda: torch.tril_indices(3, 3, device="cuda"), lambda: torch.nn.Linear(2, 2, device="cuda"),
    lambda: torch.nn.Linear(2, 2, True, "cuda"), lambda: torch.nn.LSTM(2, 3, device="cuda"),
    lambda: torch.nn.Conv2d(1, 1, 3, device="cuda"), lambda: torch.nn.LayerNorm(3, device="cuda"),
])
def test_a_device_other_than_the_cpu_raises(run):
    with pytest.raises(RuntimeError, match="runs on the CPU only"):
        run()


def test_cpu_options_are_accepted():
    cpu = torch.device("cpu")
    for t in (torch.zeros(2, device="cpu", layout=torch.strided, pin_memory=False),
              torch.empty(2, memory_format=torch.contiguous_format, device=cpu),
              torch.zeros_like(ONES, memory_format=torch.preserve_format, device="cpu:0"),
              torch.rand_like(ONES, generator=torch.Generator()), torch.zeros(size=(2,)),
              ONES.to("cpu", torch.float32), ONES.to(device=cpu),
              torch.nn.Linear(3, 2, device="cpu").bias):
        assert tuple(t.shape) == (2,)
    with pytest.raises(RuntimeError, match="^pin_memory=True requires a CUDA or other"):
        torch.zeros(2, pin_memory=True)
