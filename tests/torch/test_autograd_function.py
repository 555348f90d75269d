"""torch.autograd.Function, gradcheck and forward_ad against PyTorch 2.13's recorded answers.

Every expected text was printed by the same code run with PyTorch 2.13.0 (CPU);
the tests do not import PyTorch.
"""

import re
import warnings

import numpy as np
import pytest

import funcgrad as fg
import funcgrad.numpy as fnp
import funcgrad.torch as torch
import funcgrad.torch.autograd.forward_ad as fwAD
from funcgrad.torch.autograd import Function
from funcgrad.torch.autograd.function import once_differentiable


def text(obj) -> str:
    return re.sub(r"0x[0-9a-f]+", "0x", repr(obj))


class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        ctx.k = 3
        return result

    @staticmethod
    def backward(ctx, grad_output):
        (result,) = ctx.saved_tensors
        return grad_output * result


class LinearFunction(Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


class LinearSetup(Function):
    @staticmethod
    def forward(input, weight, bias):
        return input.mm(weight.t()) + bias

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(*inputs)

    backward = LinearFunction.backward


# ---------------------------------------------------------------------------
# Function
# ---------------------------------------------------------------------------


def test_exp_function_grad_fn_is_the_ctx():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Exp.apply(x)
    assert repr(y) == "tensor([2.7183, 7.3891], grad_fn=<ExpBackward>)"
    fn = y.grad_fn
    assert text(fn) == "<torch.autograd.function.ExpBackward object at 0x>"
    assert type(fn).__name__ == "ExpBackward" and fn.name() == "ExpBackward"
    assert text(fn.next_functions) == "((<AccumulateGrad object at 0x>, 0),)"
    assert fn.k == 3 and fn.needs_input_grad == (True,)
    assert repr(fn.saved_tensors) == "(tensor([2.7183, 7.3891], grad_fn=<ExpBackward>),)"
    assert fn.saved_tensors[0] is y


def test_double_backward_through_a_saved_output():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = Exp.apply(x)
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    assert repr(g) == "tensor([2.7183, 7.3891], grad_fn=<MulBackward0>)"
    g.sum().backward()
    assert repr(x.grad) == "tensor([2.7183, 7.3891])"
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        _ = y.grad_fn.saved_tensors


def test_non_tensor_arguments_and_outputs():
    seen = []

    class F(Function):
        @staticmethod
        def forward(ctx, x, k, y):
            seen.append((torch.is_grad_enabled(), x.requires_grad, ctx.needs_input_grad))
            return x * k + y, (x > 0)

        @staticmethod
        def backward(ctx, g, g2):
            seen.append((repr(g), repr(g2)))
            return g * 2, None, g

    a = torch.ones(2, requires_grad=True)
    b = torch.ones(2)
    o, m = F.apply(a, 2, b)
    assert seen[0] == (False, True, (True, False, False))
    assert repr(o) == "tensor([3., 3.], grad_fn=<FBackward>)"
    assert repr(m) == "tensor([True, True])" and m.grad_fn is None
    assert text(o.grad_fn.next_functions) == "((<AccumulateGrad object at 0x>, 0), (None, 0))"
    o.sum().backward()
    assert seen[1] == ("tensor([1., 1.])", "tensor([False, False])")
    assert repr(a.grad) == "tensor([2., 2.])"
    assert repr(F.apply(b, 2, b)) == "(tensor([3., 3.]), tensor([True, True]))"
    with torch.no_grad():
        assert repr(F.apply(a, 2, b)) == "(tensor([3., 3.]), tensor([True, True]))"


def test_setup_context_form_and_linear_function():
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    w = torch.tensor([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], requires_grad=True)
    b = torch.tensor([0.5, -0.5, 0.0], requires_grad=True)
    for fn in (LinearFunction.apply, LinearSetup.apply):
        x.grad = w.grad = b.grad = None
        y = fn(x, w, b)
        assert repr(y).startswith(
            "tensor([[1.5000, 1.5000, 3.0000],\n        [3.5000, 3.5000, 7.0000]]")
        y.sum().backward()
        assert repr(x.grad) == "tensor([[2., 2.],\n        [2., 2.]])"
        assert repr(w.grad) == "tensor([[4., 6.],\n        [4., 6.],\n        [4., 6.]])"
        assert repr(b.grad) == "tensor([2., 2., 2.])"


def test_materialize_grads_false_passes_none():
    seen = []

    class H(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.set_materialize_grads(False)
            return x.clone(), x.clone()

        @staticmethod
        def backward(ctx, g1, g2):
            seen.append((repr(g1), g2))
            return g1

    a = torch.ones(2, requires_grad=True)
    p, _ = H.apply(a)
    p.sum().backward()
    assert seen == [("tensor([1., 1.])", None)]


def test_mark_dirty_returns_the_input_with_the_new_grad_fn():
    class AddOne_(Function):
        @staticmethod
        def forward(ctx, x):
            x.add_(1)
            ctx.mark_dirty(x)
            return x

        @staticmethod
        def backward(ctx, g):
            return g * 1

    a = torch.ones(2, requires_grad=True)
    b = a * 2
    v0 = b._version
    c = AddOne_.apply(b)
    assert c is b and b._version - v0 == 2
    assert repr(b) == "tensor([3., 3.], grad_fn=<AddOne_Backward>)"
    c.sum().backward()
    assert repr(a.grad) == "tensor([2., 2.])"
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad has been used"):
        AddOne_.apply(a)


def test_mark_non_differentiable():
    seen = []

    class ND(Function):
        @staticmethod
        def forward(ctx, x):
            m = x.clone()
            idx = x.argmax()
            ctx.mark_non_differentiable(m, idx)
            return x * 2, m, idx

        @staticmethod
        def backward(ctx, g1, g2, g3):
            seen.append((repr(g1), repr(g2)))
            return g1

    s, m, i = ND.apply(torch.tensor([2.0, 1.0], requires_grad=True))
    assert (repr(s), repr(m), m.requires_grad, repr(i)) == (
        "tensor([4., 2.], grad_fn=<NDBackward>)", "tensor([2., 1.])", False, "tensor(0)")
    s.sum().backward()
    assert seen == [("tensor([1., 1.])", "tensor([0., 0.])")]


class Sq(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x

    @staticmethod
    @once_differentiable
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return 2 * x * g


def test_once_differentiable_and_saved_version_check():
    x = torch.tensor([3.0], requires_grad=True)
    (g,) = torch.autograd.grad(Sq.apply(x).sum(), x, create_graph=True)
    assert (repr(g), g.requires_grad, g.grad_fn) == ("tensor([6.])", False, None)
    x2 = x * 1
    y2 = Sq.apply(x2)
    x2.mul_(2)
    with pytest.raises(RuntimeError) as err:
        y2.sum().backward()
    assert str(err.value).startswith(
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [torch.FloatTensor [1]], which is output 0 of Mul, is at version 1; "
        "expected version 0 instead."
    )


@pytest.mark.parametrize(
    ("backward", "message"),
    [
        (lambda ctx, g: g, "function BadBackward returned an incorrect number of gradients "
                           "(expected 2, got 1)"),
        (lambda ctx, g: (torch.ones(3), None), "Function BadBackward returned an invalid "
         "gradient at index 0 - got [3] but expected shape compatible with [2]"),
        (lambda ctx, g: (g, g), "function BadBackward returned a gradient different than None "
                                "at position 2, but the corresponding forward input was not a "
                                "Variable"),
    ],
)
def test_backward_result_errors(backward, message):
    class Bad(Function):
        @staticmethod
        def forward(ctx, x, k):
            return x * k

    Bad.backward = staticmethod(backward)
    with pytest.raises(RuntimeError) as err:
        Bad.apply(torch.ones(2, requires_grad=True), 2).sum().backward()
    assert str(err.value) == message


def test_function_under_the_functional_transforms():
    # The same custom_vjp_call primitive: funcgrad.grad applies backward, jacfwd the jvp.
    def f(t):
        return Exp.apply(t * 2).sum()

    g = fg.grad(f)(torch.tensor([0.0, 1.0]))
    np.testing.assert_allclose(g.numpy(), 2 * np.exp([0.0, 2.0]), rtol=1e-6)


def test_jvp_staticmethod_in_forward_mode():
    class MyExp(Function):
        @staticmethod
        def forward(ctx, x):
            r = x.exp()
            ctx.save_for_forward(r)
            return r

        @staticmethod
        def backward(ctx, g):
            raise AssertionError("not called")

        @staticmethod
        def jvp(ctx, t):
            (r,) = ctx.saved_tensors
            return t * r

    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
        out = fwAD.unpack_dual(MyExp.apply(d))
        assert repr(out) == ("UnpackedDualTensor(primal=tensor([1.0000, 2.7183]), "
                             "tangent=tensor([1.0000, 5.4366]))")
        d = fwAD.make_dual(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
        with pytest.raises(NotImplementedError, match="You must implement the jvp function"):
            Sq.apply(d)


def test_backward_cfunction_apply_and_legacy_call():
    y = Exp.apply(torch.tensor([0.0], requires_grad=True))
    assert repr(y.grad_fn.apply(torch.tensor([2.0]))) == "tensor([2.], grad_fn=<MulBackward0>)"
    with pytest.raises(RuntimeError, match="Legacy autograd function with non-static forward"):
        Exp()(torch.ones(1))


# ---------------------------------------------------------------------------
# gradcheck, gradgradcheck
# ---------------------------------------------------------------------------


class BadSquare(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x**2

    @staticmethod
    def backward(ctx, g):
        (x,) = ctx.saved_tensors
        return g * 3 * x


def test_gradcheck_passes_and_fails_as_pytorch():
    rng = np.random.default_rng(0)
    inputs = (torch.tensor(rng.standard_normal((4, 3)), requires_grad=True),
              torch.tensor(rng.standard_normal((5, 3)), requires_grad=True),
              torch.tensor(rng.standard_normal(5), requires_grad=True))
    assert torch.autograd.gradcheck(LinearFunction.apply, inputs, eps=1e-6, atol=1e-4)
    assert torch.autograd.gradcheck(LinearSetup.apply, inputs, fast_mode=True)
    assert torch.autograd.gradgradcheck(LinearFunction.apply, inputs[:2], eps=1e-6, atol=1e-4)
    x = torch.tensor([1.0, 2.0], dtype=torch.double, requires_grad=True)
    with pytest.raises(torch.autograd.GradcheckError) as err:
        torch.autograd.gradcheck(BadSquare.apply, (x,))
    assert str(err.value) == (
        "Jacobian mismatch for output 0 with respect to input 0,\n"
        "numerical:tensor([[2.0000, 0.0000],\n        [0.0000, 4.0000]], dtype=torch.float64)\n"
        "analytical:tensor([[3., 0.],\n        [0., 6.]], dtype=torch.float64)\n"
    )
    assert isinstance(err.value, RuntimeError)
    assert torch.autograd.gradcheck(BadSquare.apply, (x,), raise_exception=False) is False
    with pytest.raises(torch.autograd.GradcheckError) as err:
        torch.autograd.gradcheck(BadSquare.apply, (x,), fast_mode=True)
    assert "computed \nin fast mode." in str(err.value)
    assert str(err.value).endswith("The max per-element difference (slow mode) is: "
                                   "1.9999999998849773.\n")


def test_gradcheck_warnings_and_errors():
    xf = torch.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        assert torch.autograd.gradcheck(lambda t: t * 2, (xf,), eps=1e-3, atol=1e-2)
    assert [str(i.message) for i in w] == [
        "Input #0 requires gradient and is not a double precision floating point or complex. "
        "This check will likely fail if all the inputs are not of double precision floating "
        "point or complex. "
    ]
    with pytest.raises(ValueError, match="gradcheck expects at least one input tensor"):
        torch.autograd.gradcheck(lambda t: t * 2, (torch.ones(2, dtype=torch.double),))
    a = torch.ones(2, dtype=torch.double, requires_grad=True)
    b = torch.ones(2, dtype=torch.double, requires_grad=True)
    assert torch.autograd.gradcheck(lambda a, b: (a * b, a.sum()), (a, b))
    assert torch.autograd.gradcheck(lambda a: a.sin(), a, check_forward_ad=True)
    assert torch.autograd.gradgradcheck(lambda a: a**3, (a,))


# ---------------------------------------------------------------------------
# forward_ad
# ---------------------------------------------------------------------------


def test_forward_ad_dual_tensors():
    with pytest.raises(RuntimeError, match="Trying to create a dual Tensor for forward AD but"):
        fwAD.make_dual(torch.ones(2), torch.ones(2))
    with fwAD.dual_level() as level:
        assert level == 0
        d = fwAD.make_dual(torch.tensor([1.0, 2.0]), torch.tensor([1.0, 0.0]))
        assert repr(d) == "tensor([1., 2.], tangent=tensor([1., 0.]))"
        assert (d.requires_grad, d.is_leaf, d.grad_fn) == (False, True, None)
        y = d.sin() * 2
        assert repr(y) == "tensor([1.6829, 1.8186], tangent=tensor([1.0806, -0.0000]))"
        u = fwAD.unpack_dual(y)
        assert repr(u) == ("UnpackedDualTensor(primal=tensor([1.6829, 1.8186]), "
                           "tangent=tensor([1.0806, -0.0000]))")
        assert repr(fwAD.unpack_dual(torch.ones(2))) == (
            "UnpackedDualTensor(primal=tensor([1., 1.]), tangent=None)")
        with pytest.raises(RuntimeError) as err:
            fwAD.make_dual(torch.ones(2), torch.ones(3))
        assert str(err.value) == (
            "Trying to set a forward gradient that has a different size than that of the "
            "original Tensor, this is not supported. Tensor is of size [2] while the given "
            "forward gradient is of size [3].")
        w = torch.ones(2, requires_grad=True)
        dw = fwAD.make_dual(w, torch.ones(2))
        assert text(dw) == "tensor([1., 1.], grad_fn=<ViewBackward0>, tangent=tensor([1., 1.]))"
        z = (dw * d).sum()
        assert repr(z) == "tensor(3., grad_fn=<SumBackward0>, tangent=4.0)"
        z.backward()
        assert repr(w.grad) == "tensor([1., 2.])"
    assert repr(fwAD.unpack_dual(y)) == (
        "UnpackedDualTensor(primal=tensor([1.6829, 1.8186]), tangent=None)")
    assert (repr(y), repr(y * 2)) == ("tensor([1.6829, 1.8186])", "tensor([3.3659, 3.6372])")


def test_forward_ad_matches_funcgrad_jvp():
    x = np.array([0.3, -1.2, 2.0])
    t = np.array([1.0, 0.5, -2.0])

    def f(v, lib):
        return lib.tanh(v) * lib.exp(v) + v**3

    _, expected = fg.jvp(lambda v: f(v, fnp), (x,), (t,))
    with fwAD.dual_level():
        d = fwAD.make_dual(torch.tensor(x), torch.tensor(t))
        tangent = fwAD.unpack_dual(f(d, torch)).tangent
    np.testing.assert_allclose(tangent.numpy(), expected, rtol=1e-12)
