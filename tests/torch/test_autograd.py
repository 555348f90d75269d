"""funcgrad.torch's autograd against PyTorch 2.13's answers and against funcgrad's own transforms.

Expected texts and numbers come from running the same code with PyTorch 2.13.0
(CPU); the tests do not need PyTorch. Gradients are also checked against
``funcgrad.grad`` of the same function written with funcgrad.numpy: one set of
rules serves both faces.
"""

import re
import warnings

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.torch as torch


def text(obj) -> str:
    """``repr`` with object addresses blanked."""
    return re.sub(r"0x[0-9a-f]+", "0x", repr(obj))


# ---------------------------------------------------------------------------
# Double backward
# ---------------------------------------------------------------------------


def test_grad_of_grad():
    x = torch.tensor(3.0, requires_grad=True)
    (g,) = torch.autograd.grad(x**3, x, create_graph=True)
    assert repr(g) == "tensor(27., grad_fn=<MulBackward0>)"
    (h,) = torch.autograd.grad(g, x)
    assert repr(h) == "tensor(18.)"


def test_backward_create_graph_then_backward_of_grad():
    x = torch.tensor(3.0, requires_grad=True)
    y = x**3
    with pytest.warns(UserWarning, match="reference cycle"):
        y.backward(create_graph=True)
    assert repr(x.grad) == "tensor(27., grad_fn=<CopyBackwards>)"
    gx = x.grad
    x.grad = None
    gx.backward()
    assert repr(x.grad) == "tensor(18.)"


def test_newtons_method_on_a_scalar_function():
    def f(x):
        return x**3 - 2 * x - 5

    x = torch.tensor([1.0], requires_grad=True)
    for _ in range(6):
        y = f(x)
        (g,) = torch.autograd.grad(y, x, create_graph=True)
        with torch.no_grad():
            x -= y / g
    # Six steps from 1.0, in float32, exactly as PyTorch prints them.
    assert repr(x) == "tensor([2.0979], requires_grad=True)"
    assert repr(f(x)) == "tensor([0.0373], grad_fn=<SubBackward0>)"
    # Run to convergence: the real root of x^3 - 2x - 5.
    for _ in range(20):
        y = f(x)
        (g,) = torch.autograd.grad(y, x)
        with torch.no_grad():
            x -= y / g
    assert abs(x.item() - 2.0945514815423265) < 1e-5


def test_second_derivative_matches_functional_hessian():
    def f(v):
        return (v.sin() * v**2).sum()

    x = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64, requires_grad=True)
    (g,) = torch.autograd.grad(f(x), x, create_graph=True)
    rows = [torch.autograd.grad(g[i], x, retain_graph=True)[0].numpy() for i in range(3)]
    expected = fg.hessian(lambda v: fnp.sum(fnp.sin(v) * v**2))(x.detach().numpy())
    np.testing.assert_allclose(np.stack(rows), expected, rtol=1e-12)


# ---------------------------------------------------------------------------
# Hooks and retain_grad
# ---------------------------------------------------------------------------


def test_hook_on_non_leaf_replaces_gradient():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    h = y.register_hook(lambda g: g * 10)
    (y * y).sum().backward()
    assert repr(x.grad) == "tensor([80., 80.])"
    h.remove()
    x.grad = None
    y = x * 2
    (y * y).sum().backward()
    assert repr(x.grad) == "tensor([8., 8.])"


def test_hook_on_leaf_sees_gradient():
    seen = []
    x = torch.ones(2, requires_grad=True)
    x.register_hook(lambda g: seen.append(repr(g)))
    (x * 3).sum().backward()
    assert seen == ["tensor([3., 3.])"]
    assert repr(x.grad) == "tensor([3., 3.])"


def test_retain_grad_accumulates():
    x = torch.ones(2, requires_grad=True)
    y = x * 2
    y.retain_grad()
    z = (y * y).sum()
    z.backward(retain_graph=True)
    z.backward()
    assert repr(y.grad) == "tensor([8., 8.])"
    assert repr(x.grad) == "tensor([16., 16.])"
    assert y.retains_grad


def test_non_leaf_grad_warns_and_is_none():
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    b.sum().backward()
    with pytest.warns(UserWarning) as record:
        assert b.grad is None
    assert str(record[0].message).startswith(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
        "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor."
    )


# ---------------------------------------------------------------------------
# Errors, with PyTorch's wording
# ---------------------------------------------------------------------------

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)
HINT = (
    "Hint: enable anomaly detection to find the operation that failed to compute its "
    "gradient, with torch.autograd.set_detect_anomaly(True, check_nan=False)."
)


def _second_backward():
    x = torch.ones(2, requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()


def _saved_output_modified():
    a = torch.ones(3, requires_grad=True)
    b = a.exp()
    b.add_(1)
    b.sum().backward()


def _saved_input_modified():
    a = torch.ones(3, requires_grad=True)
    b = a * 2
    c = b * b
    b.add_(1)
    c.sum().backward()


def _saved_leaf_modified():
    a = torch.ones(3, requires_grad=True)
    w = torch.ones(3)
    c = a * w
    w.add_(1)
    c.sum().backward()


def _saved_after_other_inplace():
    x = torch.ones(2, requires_grad=True)
    y = x.exp()
    y2 = y * 2
    y.mul_(3)
    y2.sum().backward()


ERRORS = [
    (_second_backward, RuntimeError, FREED),
    (
        lambda: torch.ones(2).sum().backward(),
        RuntimeError,
        "element 0 of tensors does not require grad and does not have a grad_fn",
    ),
    (
        lambda: torch.ones(2, 2, requires_grad=True).add(2).backward(),
        RuntimeError,
        "grad can be implicitly created only for scalar outputs",
    ),
    (
        lambda: torch.ones(2, requires_grad=True).add_(1),
        RuntimeError,
        "a leaf Variable that requires grad is being used in an in-place operation.",
    ),
    (
        lambda: torch.ones(2, requires_grad=True)[0].add_(1),
        RuntimeError,
        "a view of a leaf Variable that requires grad is being used in an in-place operation.",
    ),
    (
        lambda: torch.ones(2, requires_grad=True).numpy(),
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
    ),
    (
        lambda: np.asarray(torch.ones(2, requires_grad=True)),
        RuntimeError,
        "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.",
    ),
    (
        _saved_output_modified,
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [torch.FloatTensor [3]], which is output 0 of Exp, is at version 1; expected "
        "version 0 instead. " + HINT,
    ),
    (
        _saved_input_modified,
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [torch.FloatTensor [3]], which is output 0 of Add, is at version 1; expected "
        "version 0 instead. " + HINT,
    ),
    (
        _saved_leaf_modified,
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [torch.FloatTensor [3]] is at version 1; expected version 0 instead. " + HINT,
    ),
    (
        _saved_after_other_inplace,
        RuntimeError,
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [torch.FloatTensor [2]], which is output 0 of Exp, is at version 1; expected "
        "version 0 instead. " + HINT,
    ),
    (
        lambda: torch.tensor([1, 2], requires_grad=True),
        RuntimeError,
        "Only Tensors of floating point and complex dtype can require gradients",
    ),
    (
        lambda: torch.tensor([1, 2]).requires_grad_(),
        RuntimeError,
        "only Tensors of floating point dtype can require gradients",
    ),
    (
        lambda: (torch.ones(2, requires_grad=True) * 2).requires_grad_(False),
        RuntimeError,
        "you can only change requires_grad flags of leaf variables. If you want to use a computed "
        "variable in a subgraph that doesn't require differentiation use var_no_grad = "
        "var.detach().",
    ),
    (
        lambda: torch.ones(2).register_hook(lambda g: g),
        RuntimeError,
        "cannot register a hook on a tensor that doesn't require gradient",
    ),
    (
        lambda: torch.ones(2).retain_grad(),
        RuntimeError,
        "can't retain_grad on Tensor that has requires_grad=False",
    ),
    (
        lambda: torch.ones(3).expand(2, 3).add_(1),
        RuntimeError,
        "unsupported operation: more than one element of the written-to tensor refers to a single "
        "memory location. Please clone() the tensor before performing the operation.",
    ),
    (
        lambda: torch.dot(torch.ones(2, 2), torch.ones(2)),
        RuntimeError,
        "1D tensors expected, but got 2D and 1D tensors",
    ),
    (
        lambda: torch.mm(torch.ones(2, 3), torch.ones(2, 3)),
        RuntimeError,
        "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)",
    ),
    (
        lambda: torch.ones(2) + torch.ones(3),
        RuntimeError,
        "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0",
    ),
    (
        lambda: torch.ones(2, 3).sum(2),
        IndexError,
        "Dimension out of range (expected to be in range of [-2, 1], but got 2)",
    ),
    (lambda: torch.ones(2)[5], IndexError, "index 5 is out of bounds for dimension 0 with size 2"),
    (
        lambda: torch.tensor([1, 2]).add_(1.5),
        RuntimeError,
        "result type Float can't be cast to the desired output type Long",
    ),
    (
        lambda: torch.autograd.grad(torch.ones(2, requires_grad=True).sum(), torch.ones(2)),
        RuntimeError,
        "One of the differentiated Tensors does not require grad",
    ),
    (
        lambda: (torch.ones(2, requires_grad=True) * 2).sum().backward(torch.ones(3)),
        RuntimeError,
        "Mismatch in shape: grad_output[0] has a shape of torch.Size([3]) and output[0] has a "
        "shape of torch.Size([]).",
    ),
    (
        lambda: torch.tensor([1.0, 2.0]).item(),
        RuntimeError,
        "a Tensor with 2 elements cannot be converted to Scalar",
    ),
    (
        lambda: float(torch.tensor([1.0, 2.0])),
        ValueError,
        "only one element tensors can be converted to Python scalars",
    ),
    (
        lambda: bool(torch.tensor([1.0, 2.0])),
        RuntimeError,
        "Boolean value of Tensor with more than one value is ambiguous",
    ),
    (
        lambda: torch.ones(2, requires_grad=True).view(3),
        RuntimeError,
        "shape '[3]' is invalid for input of size 2",
    ),
    (
        lambda: torch.ones(2, 3).T.view(6),
        RuntimeError,
        "view size is not compatible with input tensor's size and stride (at least one dimension "
        "spans across two contiguous subspaces). Use .reshape(...) instead.",
    ),
    (
        lambda: torch.tensor([1, 2]).mean(),
        RuntimeError,
        "mean(): could not infer output dtype. Input dtype must be either a floating point or "
        "complex dtype. Got: Long",
    ),
    (
        lambda: torch.ones(2, requires_grad=True).sum().backward(inputs=[]),
        RuntimeError,
        "`inputs` argument to `backward()` cannot be empty.",
    ),
]


@pytest.mark.parametrize("fn, exc, message", ERRORS, ids=[str(i) for i in range(len(ERRORS))])
def test_error_matches_pytorch(fn, exc, message):
    with pytest.raises(exc) as info:
        fn()
    assert str(info.value) == message


def test_unused_input():
    p = torch.ones(2, requires_grad=True)
    q = torch.ones(2, requires_grad=True)
    with pytest.raises(RuntimeError) as info:
        torch.autograd.grad((p * 2).sum(), [p, q])
    assert str(info.value) == (
        "The differentiated Tensor at index 1 appears to not have been used in the graph. "
        "Set allow_unused=True if this is the desired behavior."
    )
    assert text(torch.autograd.grad((p * 2).sum(), [p, q], allow_unused=True)) == (
        "(tensor([2., 2.]), None)"
    )


def test_graph_without_saved_values_can_be_walked_twice():
    x = torch.ones(2, requires_grad=True)
    w = (x + 1).sum()
    w.backward()
    w.backward()
    assert repr(x.grad) == "tensor([2., 2.])"


def test_retain_graph():
    x = torch.tensor([3.0], requires_grad=True)
    y = x * 2
    y.backward(retain_graph=True)
    y.backward()
    assert repr(x.grad) == "tensor([4.])"


# ---------------------------------------------------------------------------
# One rule set: the torch face against funcgrad.grad
# ---------------------------------------------------------------------------

CASES = [
    (lambda t: (t.sin() * t.exp()).sum(), lambda v: fnp.sum(fnp.sin(v) * fnp.exp(v))),
    (lambda t: (t**3 / (1 + t * t)).sum(), lambda v: fnp.sum(v**3 / (1 + v * v))),
    (lambda t: t.tanh().mean(), lambda v: fnp.mean(fnp.tanh(v))),
    (
        lambda t: (t.view(2, 2) @ t.view(2, 2).T).sum(),
        lambda v: fnp.sum(fnp.reshape(v, (2, 2)) @ fnp.reshape(v, (2, 2)).T),
    ),
    (lambda t: torch.dot(t, t.cos()), lambda v: fnp.dot(v, fnp.cos(v))),
    (lambda t: (t[1:] * t[:-1]).sum() + t[0] ** 2, lambda v: fnp.sum(v[1:] * v[:-1]) + v[0] ** 2),
    (
        lambda t: torch.cat([t, t * 2]).pow(2).sum(),
        lambda v: fnp.sum(fnp.concatenate([v, v * 2]) ** 2),
    ),
    (lambda t: (t.abs() + 1).log().sum(), lambda v: fnp.sum(fnp.log(fnp.abs(v) + 1))),
    (lambda t: t.sigmoid().sum(), lambda v: fnp.sum(1 / (1 + fnp.exp(-v)))),
    (lambda t: torch.where(t > 0, t * t, -t).sum(), lambda v: fnp.sum(fnp.where(v > 0, v * v, -v))),
]


@pytest.mark.parametrize("i", range(len(CASES)))
def test_gradient_matches_functional_grad(i):
    torch_fn, numpy_fn = CASES[i]
    values = np.array([0.3, -1.2, 2.0, 0.7])
    x = torch.tensor(values, requires_grad=True)
    torch_fn(x).backward()
    np.testing.assert_allclose(x.grad.numpy(), fg.grad(numpy_fn)(values), rtol=1e-12)


# ---------------------------------------------------------------------------
# Where JAX and PyTorch disagree, this face gives PyTorch's answers
# ---------------------------------------------------------------------------


def _grad(f, values, **kw):
    x = torch.tensor(values, requires_grad=True, **kw)
    f(x).backward()
    return repr(x.grad)


def test_pytorch_answers_at_kinks_and_degenerate_points():
    assert _grad(lambda x: x.abs().sum(), [0.0, -1.0, 2.0]) == "tensor([ 0., -1.,  1.])"
    assert _grad(lambda x: x.relu().sum(), [0.0, -1.0, 2.0]) == "tensor([0., 0., 1.])"
    assert _grad(lambda x: x.clamp(0, 2).sum(), [0.0, 1.0, 2.0]) == "tensor([1., 1., 1.])"
    assert _grad(lambda x: x.max(), [1.0, 3.0, 3.0]) == "tensor([0.0000, 0.5000, 0.5000])"
    assert _grad(lambda x: x.amax(), [1.0, 3.0, 3.0]) == "tensor([0.0000, 0.5000, 0.5000])"
    assert _grad(lambda x: x.max(1)[0].sum(), [[1.0, 3.0, 3.0]]) == "tensor([[0., 1., 0.]])"
    assert _grad(lambda x: x.std(), [1.0, 1.0, 1.0]) == "tensor([0., 0., 0.])"
    assert _grad(lambda x: x.norm(), [0.0, 0.0, 0.0]) == "tensor([0., 0., 0.])"
    assert _grad(lambda x: (x**0.0).sum(), [0.0, 1.0]) == "tensor([0., 0.])"
    assert _grad(lambda x: (x**0.5).sum(), [0.0, 1.0]) == "tensor([   inf, 0.5000])"
    assert (
        _grad(lambda x: torch.maximum(x, torch.zeros(3)).sum(), [0.0, -1.0, 2.0])
        == "tensor([0.5000, 0.0000, 1.0000])"
    )
    # Shape-(1,) outputs count as scalars.
    assert _grad(lambda x: x * 3, [1.0]) == "tensor([3.])"


def test_complex_grad_is_pytorchs_convention():
    assert _grad(lambda x: (x * x.conj()).real.sum(), [1 + 2j]) == "tensor([2.+4.j])"
    assert _grad(lambda x: (x * x).abs().sum(), [1 + 2j]) == "tensor([2.+4.j])"
    # funcgrad (JAX's convention) gives the conjugate.
    assert fg.grad(lambda v: fnp.real(v * fnp.conj(v)))(1 + 2j) == 2 - 4j


# ---------------------------------------------------------------------------
# dtypes, factories, printing
# ---------------------------------------------------------------------------


def test_pytorch_dtype_rules():
    assert torch.arange(4.0).dtype == torch.float32
    assert torch.arange(4).dtype == torch.int64
    assert torch.tensor([1.0]).dtype is torch.float32
    assert repr(torch.arange(4) * 1.5) == "tensor([0.0000, 1.5000, 3.0000, 4.5000])"
    assert repr(torch.arange(4) / 2) == "tensor([0.0000, 0.5000, 1.0000, 1.5000])"
    assert repr(torch.ones(2) * torch.tensor(2.0, dtype=torch.float64)) == "tensor([2., 2.])"
    assert repr(torch.tensor([1, 2]) + torch.tensor(2.5, dtype=torch.float64)) == (
        "tensor([3.5000, 4.5000], dtype=torch.float64)"
    )
    assert repr(torch.tensor([1, 2], dtype=torch.int32) * 2.5) == "tensor([2.5000, 5.0000])"
    assert repr(torch.tensor([True]) * 1.5) == "tensor([1.5000])"
    assert repr(torch.ones(2) + (1 + 1j)) == "tensor([2.+1.j, 2.+1.j])"
    assert torch.tensor([1, 2]).sum().dtype == torch.int64
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    (x.float() * 2).sum().backward()
    assert repr(x.grad) == "tensor([2., 2.], dtype=torch.float64)"
    assert repr(torch.float32) == "torch.float32" and torch.float is torch.float32


def test_factories_print_as_pytorch():
    assert repr(torch.zeros(2, 3)) == "tensor([[0., 0., 0.],\n        [0., 0., 0.]])"
    assert repr(torch.full((2,), 7)) == "tensor([7, 7])"
    assert repr(torch.full((2,), 7.0)) == "tensor([7., 7.])"
    assert repr(torch.eye(2)) == "tensor([[1., 0.],\n        [0., 1.]])"
    assert repr(torch.linspace(0, 1, 5)) == "tensor([0.0000, 0.2500, 0.5000, 0.7500, 1.0000])"
    assert repr(torch.zeros_like(torch.ones(2, dtype=torch.float64))) == (
        "tensor([0., 0.], dtype=torch.float64)"
    )
    assert repr(torch.from_numpy(np.array([1.0, 2.0]))) == "tensor([1., 2.], dtype=torch.float64)"
    assert repr(torch.as_tensor([1, 2])) == "tensor([1, 2])"
    assert repr(torch.arange(0, 1, 0.25)) == "tensor([0.0000, 0.2500, 0.5000, 0.7500])"
    assert repr(torch.tensor(1, dtype=torch.float16)) == "tensor(1., dtype=torch.float16)"
    assert repr(torch.ones(2, 3).shape) == "torch.Size([2, 3])"
    assert torch.randn(5, 5).dtype == torch.float32
    torch.manual_seed(3)
    a = torch.rand(3)
    torch.manual_seed(3)
    assert torch.equal(a, torch.rand(3))


def test_as_tensor_and_from_numpy_share_memory():
    a = np.array([1.0, 2.0])
    t = torch.from_numpy(a)
    a[0] = 5.0
    assert t[0].item() == 5.0
    assert np.asarray(torch.ones(2)).tolist() == [1.0, 1.0]


def test_grad_fn_names_and_next_functions():
    x = torch.ones(2, requires_grad=True)
    fn = (x * 2).grad_fn
    assert fn.name() == "MulBackward0"
    assert text(fn.next_functions) == "((<AccumulateGrad object at 0x>, 0), (None, 0))"
    assert fn.next_functions[0][0].name() == "torch::autograd::AccumulateGrad"
    assert fn.next_functions[0][0].variable is x
    assert text(type(fn)) == "<class 'MulBackward0'>"
    t = torch.ones(2, 3, requires_grad=True)
    names = {
        "view": t.view(3, 2),
        "t": t.t(),
        "T": t.T,
        "transpose": t.transpose(0, 1),
        "select": t[0],
        "slice": t[:, 1:],
        "index": t[[0, 1]],
        "unsqueeze": t.unsqueeze(0),
        "squeeze1": t.unsqueeze(0).squeeze(0),
        "expand": t[0:1].expand(3, 3),
        "cat": torch.cat([t, t]),
        "stack": torch.stack([t, t]),
        "sum1": t.sum(0),
        "mean": t.mean(),
        "max": t.max(),
        "max_dim": t.max(1)[0],
        "mm": t @ t.T,
        "mv": t @ torch.ones(3),
        "pow_t": t**t,
        "rpow": 2**t,
        "rsub": 1 - t,
        "rdiv": 2 / t,
        "clamp": t.clamp(0, 1),
        "where": torch.where(t > 0, t, 0.0),
        "std": t.std(),
        "norm": t.norm(),
        "softmax": torch.softmax(t, 1),
        "to": t.double(),
        "clone": t.clone(),
        "sign": t.sign(),
        "addmm": torch.addmm(torch.ones(2, 2), t, t.T),
    }
    got = {k: v.grad_fn.name() for k, v in names.items()}
    assert got == {
        "view": "ViewBackward0",
        "t": "TBackward0",
        "T": "PermuteBackward0",
        "transpose": "TransposeBackward0",
        "select": "SelectBackward0",
        "slice": "SliceBackward0",
        "index": "IndexBackward0",
        "unsqueeze": "UnsqueezeBackward0",
        "squeeze1": "SqueezeBackward1",
        "expand": "ExpandBackward0",
        "cat": "CatBackward0",
        "stack": "StackBackward0",
        "sum1": "SumBackward1",
        "mean": "MeanBackward0",
        "max": "MaxBackward1",
        "max_dim": "MaxBackward0",
        "mm": "MmBackward0",
        "mv": "MvBackward0",
        "pow_t": "PowBackward1",
        "rpow": "PowBackward2",
        "rsub": "RsubBackward1",
        "rdiv": "MulBackward0",
        "clamp": "ClampBackward1",
        "where": "WhereBackward0",
        "std": "StdBackward0",
        "norm": "LinalgVectorNormBackward0",
        "softmax": "SoftmaxBackward0",
        "to": "ToCopyBackward0",
        "clone": "CloneBackward0",
        "sign": "SignBackward0",
        "addmm": "AddmmBackward0",
    }


def test_max_along_dim_prints_return_type():
    x = torch.tensor([[1.0, 5.0], [7.0, 2.0]], requires_grad=True)
    assert repr(x.max(0)) == (
        "torch.return_types.max(\nvalues=tensor([7., 5.], grad_fn=<MaxBackward0>),\n"
        "indices=tensor([1, 0]))"
    )


# ---------------------------------------------------------------------------
# In-place operations, views, storage
# ---------------------------------------------------------------------------


def test_inplace_on_a_view_rewires_the_base():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    b = x * 1
    v = b[0]
    v.mul_(2)
    assert text((b, v)) == (
        "(tensor([2., 2., 3.], grad_fn=<CopySlices>), tensor(2., grad_fn=<AsStridedBackward0>))"
    )
    assert (b._version, v._version) == (1, 1)
    (b * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
    assert repr(x.grad) == "tensor([  2.,  10., 100.])"


def test_inplace_on_reshaped_and_transposed_views():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = x * 1
    v = b.view(4)
    v.mul_(torch.tensor([1.0, 2.0, 3.0, 4.0]))
    (b * b).sum().backward()
    assert repr(x.grad) == "tensor([[  2.,  16.],\n        [ 54., 128.]])"
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    b = x * 1
    b.t()[0] = 0
    assert repr(b) == "tensor([[0., 2.],\n        [0., 4.]], grad_fn=<CopySlices>)"
    b.sum().backward()
    assert repr(x.grad) == "tensor([[0., 1.],\n        [0., 1.]])"


def test_inplace_that_needs_its_old_value():
    x = torch.ones(2, requires_grad=True)
    y = x * 1
    y.mul_(x)
    y.sum().backward()
    assert repr(x.grad) == "tensor([2., 2.])"


def test_index_assignment_joins_the_graph():
    x = torch.ones(3, requires_grad=True)
    y = x * 1
    y[1:] = 0
    y.sum().backward()
    assert repr(x.grad) == "tensor([1., 0., 0.])"
    x = torch.zeros(3, requires_grad=True)
    v = torch.ones(2, requires_grad=True)
    y = x * 1
    y[torch.tensor([0, 0])] = v * 3
    y.sum().backward()
    assert text((x.grad, v.grad)) == "(tensor([0., 1., 1.]), tensor([3., 3.]))"
    t = torch.tensor([1.0, 2.0, 3.0])
    t[t > 1] = 0
    assert repr(t) == "tensor([1., 0., 0.])"


def test_detach_shares_storage_and_data_does_not_track():
    x = torch.ones(2, requires_grad=True)
    d = x.detach()
    assert not d.requires_grad and d.is_leaf
    d.zero_()
    assert repr(x) == "tensor([0., 0.], requires_grad=True)"
    y = x * 1
    y.detach().add_(5)
    assert repr(y) == "tensor([5., 5.], grad_fn=<MulBackward0>)" and y._version == 1


def test_sgd_step_under_no_grad():
    x = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        x -= 0.1 * torch.ones(2)
    assert repr(x) == "tensor([0.9000, 0.9000], requires_grad=True)" and x.is_leaf


# ---------------------------------------------------------------------------
# Grad mode, autograd.grad, autograd.functional
# ---------------------------------------------------------------------------


def test_grad_modes():
    x = torch.ones(2, requires_grad=True)

    @torch.no_grad()
    def f(t):
        return t * 2

    assert repr(f(x)) == "tensor([2., 2.])" and torch.is_grad_enabled()
    torch.set_grad_enabled(False)
    try:
        assert not (x * 2).requires_grad
    finally:
        torch.set_grad_enabled(True)
    with torch.no_grad():
        with torch.enable_grad():
            assert (x * 2).requires_grad
    with torch.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert torch.is_grad_enabled()


def test_backward_inputs_and_autograd_backward():
    x = torch.ones(2, requires_grad=True)
    y = torch.ones(2, requires_grad=True)
    (x * y).sum().backward(inputs=[x])
    assert text((x.grad, y.grad)) == "(tensor([1., 1.]), None)"
    x = torch.ones(2, requires_grad=True)
    torch.autograd.backward([(x * 2).sum(), (x * 3).sum()])
    assert repr(x.grad) == "tensor([5., 5.])"


def test_autograd_grad_outputs():
    x = torch.tensor([2.0], requires_grad=True)
    assert repr(torch.autograd.grad([x * 2, x * 3], [x])) == "(tensor([5.]),)"
    assert repr(torch.autograd.grad(x * 2, x, grad_outputs=torch.tensor([3.0]))) == (
        "(tensor([6.]),)"
    )
    assert x.grad is None


def test_autograd_functional():
    F = torch.autograd.functional
    x = torch.ones(3, requires_grad=True)
    assert repr(F.jacobian(lambda t: t**2, x)) == (
        "tensor([[2., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 2.]])"
    )
    assert repr(F.hessian(lambda t: (t**3).sum(), x)) == (
        "tensor([[6., 0., 0.],\n        [0., 6., 0.],\n        [0., 0., 6.]])"
    )
    assert repr(F.vjp(lambda t: t**2, x, torch.ones(3))) == (
        "(tensor([1., 1., 1.]), tensor([2., 2., 2.]))"
    )
    assert repr(F.jvp(lambda t: t**2, x, torch.ones(3))) == (
        "(tensor([1., 1., 1.]), tensor([2., 2., 2.]))"
    )


def test_jacobian_matches_functional_jacobian():
    def f_torch(t):
        return torch.stack([t[0] * t[1], t[0].sin(), (t**2).sum()])

    def f_numpy(v):
        return fnp.stack([v[0] * v[1], fnp.sin(v[0]), fnp.sum(v**2)])

    values = np.array([0.5, -1.5])
    jac = torch.autograd.functional.jacobian(f_torch, torch.tensor(values))
    np.testing.assert_allclose(jac.numpy(), fg.jacrev(f_numpy)(values), rtol=1e-12)


def test_no_warning_for_leaf_grad():
    x = torch.ones(2, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert x.grad is None


def test_tensors_inside_functional_transforms():
    # A tensor's value may be an outer transform's traced value: torch code then
    # differentiates under funcgrad.grad / jacfwd with the same rules.
    def f(v):
        return (torch.as_tensor(v).sin() * 2).sum().primal

    values = np.array([0.0, 1.0])
    np.testing.assert_allclose(fg.grad(f)(values), 2 * np.cos(values))
    jac = fg.jacfwd(lambda v: (torch.as_tensor(v) ** 2).primal)(np.array([1.0, 2.0]))
    np.testing.assert_allclose(jac, [[2.0, 0.0], [0.0, 4.0]])


def test_released_graph_still_shows_grad_fn():
    x = torch.ones(2, requires_grad=True)
    y = (x.exp() * 2).sum()
    y.backward()
    assert y.grad_fn.name() == "SumBackward0"
    assert y.grad_fn.next_functions[0][0].name() == "MulBackward0"


def test_overwriting_inplace_ops_cut_the_old_graph():
    x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
    y = x * 2
    y.clamp_(-1, 4)
    assert text((y, y._version)) == "(tensor([ 2., -1.,  4.], grad_fn=<ClampBackward1>), 1)"
    y.sum().backward()
    assert repr(x.grad) == "tensor([2., 0., 0.])"
    x.grad = None
    y = x * 1
    y.fill_(2.0)
    z = x * 1
    z.copy_(torch.tensor([5.0, 6.0, 7.0]))
    w = x * 1
    w.zero_()
    assert [t.grad_fn.name() for t in (y, z, w)] == [
        "FillBackward2", "torch::autograd::CopyBackwards", "ZeroBackward0"
    ]
    (y.sum() + z.sum() + w.sum()).backward()
    assert repr(x.grad) == "tensor([0., 0., 0.])"
    x.grad = None
    y = x * 1
    y.copy_(x * x)
    y.sum().backward()
    assert repr(x.grad) == "tensor([ 2., -4.,  6.])"


def test_set_grad_enabled_as_decorator_and_integer_results():
    x = torch.ones(2, requires_grad=True)

    @torch.set_grad_enabled(False)
    def h(t):
        return t * 2

    assert torch.is_grad_enabled()
    assert not h(x).requires_grad and torch.is_grad_enabled()
    assert not x.long().requires_grad and x.long().grad_fn is None
    assert not (x > 0).float().requires_grad
    a = torch.ones(2, requires_grad=True)
    b = a * 2
    b.detach_()
    assert not b.requires_grad and b.is_leaf


def test_tensor_with_a_dtype_is_built_in_that_dtype():
    # 0.3 must not be rounded to float32 on its way to float64.
    assert torch.tensor(0.3, dtype=torch.float64).item() == 0.3
    assert torch.tensor([0.1, 0.7], dtype=torch.float64).tolist() == [0.1, 0.7]
