"""torch.func on funcgrad's transforms, against PyTorch 2.13's recorded answers."""

import pytest

import funcgrad.torch as torch
from funcgrad.torch.func import (
    functional_call,
    grad,
    grad_and_value,
    hessian,
    jacfwd,
    jacrev,
    jvp,
    stack_module_state,
    vjp,
    vmap,
)

X = torch.tensor([1.0, 2.0, 3.0])

CASES = [
    (lambda: grad(lambda t: (t.sin() ** 2).sum())(X), "tensor([ 0.9093, -0.7568, -0.2794])"),
    (lambda: grad(grad(lambda t: t.sin()))(torch.tensor(1.0)), "tensor(-0.8415)"),
    (lambda: grad_and_value(lambda t: (t**2).sum())(X), "(tensor([2., 4., 6.]), tensor(14.))"),
    (lambda: grad(lambda t, u: (t * u).sum(), argnums=(0, 1))(X, X * 2),
     "(tensor([2., 4., 6.]), tensor([1., 2., 3.]))"),
    (lambda: grad(lambda t: ((t**2).sum(), t.mean()), has_aux=True)(X),
     "(tensor([2., 4., 6.]), tensor(2.))"),
    (lambda: grad_and_value(lambda t: ((t**2).sum(), t.mean()), has_aux=True)(X),
     "(tensor([2., 4., 6.]), (tensor(14.), tensor(2.)))"),
    (lambda: vjp(torch.sin, X)[1](torch.ones(3)), "(tensor([ 0.5403, -0.4161, -0.9900]),)"),
    (lambda: vjp(lambda a, b: (a * b, a + b), X, X)[1]((torch.ones(3), torch.ones(3))),
     "(tensor([2., 3., 4.]), tensor([2., 3., 4.]))"),
    (lambda: jvp(torch.sin, (X,), (torch.ones(3),)),
     "(tensor([0.8415, 0.9093, 0.1411]), tensor([ 0.5403, -0.4161, -0.9900]))"),
    (lambda: jacrev(torch.sin)(X),
     "tensor([[ 0.5403, -0.0000, -0.0000],\n        [ 0.0000, -0.4161, -0.0000],\n"
     "        [ 0.0000, -0.0000, -0.9900]])"),
    (lambda: jacfwd(lambda t: t**2)(X),
     "tensor([[2., 0., 0.],\n        [0., 4., 0.],\n        [0., 0., 6.]])"),
    (lambda: hessian(lambda t: (t**3).sum())(X),
     "tensor([[ 6.,  0.,  0.],\n        [ 0., 12.,  0.],\n        [ 0.,  0., 18.]])"),
    (lambda: vmap(torch.dot)(torch.ones(2, 3), torch.ones(2, 3)), "tensor([3., 3.])"),
    (lambda: vmap(lambda t: t.sum(), in_dims=1)(torch.arange(6.0).reshape(2, 3)),
     "tensor([3., 5., 7.])"),
    (lambda: vmap(lambda a, b: a * b, in_dims=(0, None))(torch.ones(2, 3), X),
     "tensor([[1., 2., 3.],\n        [1., 2., 3.]])"),
    (lambda: vmap(grad(lambda t: (t**2).sum()))(torch.ones(2, 3)),
     "tensor([[2., 2., 2.],\n        [2., 2., 2.]])"),
]


@pytest.mark.parametrize(("compute", "expected"), CASES)
def test_transforms_match_pytorch(compute, expected):
    assert repr(compute()) == expected


def test_errors_and_aliases():
    with pytest.raises(RuntimeError) as err:
        grad(lambda t: t**2)(X)
    assert str(err.value) == (
        "grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got tensor with "
        "1 dims. Maybe you wanted to use the vjp or jacrev APIs instead?")
    with pytest.raises(RuntimeError, match=r"Expected primals to be a tuple. E.g. it should be"):
        jvp(torch.sin, X, torch.ones(3))
    assert torch.vmap is vmap


class Tiny:
    """The Module contract in miniature (torch.nn.Module has the same dicts and iterators)."""

    def __init__(self, w, b, scale):
        self._parameters = {"w": torch.tensor(w, requires_grad=True),
                            "b": torch.tensor(b, requires_grad=True)}
        self._buffers = {"scale": torch.tensor(scale)}
        self._modules = {}
        self.training = True

    def named_parameters(self):
        return iter(self._parameters.items())

    def named_buffers(self):
        return iter(self._buffers.items())

    def __call__(self, x):
        return (self._parameters["w"] @ x + self._parameters["b"]) * self._buffers["scale"]


class Outer:
    def __init__(self):
        self._parameters, self._buffers = {}, {}
        self._modules = {"lin": Tiny([[1.0, 0.0, 0.0], [0.0, 1.0, 1.0]], [0.0, 0.0], 2.0)}
        self.training = True

    def named_parameters(self):
        return ((f"lin.{k}", v) for k, v in self._modules["lin"].named_parameters())

    def named_buffers(self):
        return ((f"lin.{k}", v) for k, v in self._modules["lin"].named_buffers())

    def __call__(self, x):
        return self._modules["lin"](x)


def test_functional_call_and_stack_module_state():
    m = Outer()
    params = {k: v.detach() for k, v in m.named_parameters()}
    assert repr(functional_call(m, params, (X,))) == "tensor([ 2., 10.])"
    assert repr(functional_call(m, (params, {"lin.scale": torch.tensor(3.0)}), X)) == \
        "tensor([ 3., 15.])"
    g = grad(lambda p, x: functional_call(m, p, (x,)).sum())(params, X)
    assert repr(g) == ("{'lin.w': tensor([[2., 4., 6.],\n        [2., 4., 6.]]), "
                       "'lin.b': tensor([2., 2.])}")
    assert repr(m._modules["lin"]._parameters["w"]) == (
        "tensor([[1., 0., 0.],\n        [0., 1., 1.]], requires_grad=True)")
    assert repr(functional_call(m, {"lin.b": torch.ones(2)}, (X,))) == \
        "tensor([ 4., 12.], grad_fn=<MulBackward0>)"
    with pytest.raises(RuntimeError) as err:
        functional_call(m, {"foo": X}, (X,), strict=True)
    assert str(err.value) == ("Error(s) in reparametrizing for Outer:\n\tUnexpected key(s): "
                              "'foo'.\n\tMissing key(s): 'lin.b', 'lin.scale', 'lin.w'.")
    ps, bs = stack_module_state([Outer() for _ in range(3)])
    assert {k: (tuple(v.shape), v.requires_grad, v.is_leaf) for k, v in ps.items()} == {
        "lin.w": ((3, 2, 3), True, True), "lin.b": ((3, 2), True, True)}
    assert {k: tuple(v.shape) for k, v in bs.items()} == {"lin.scale": (3,)}
    out = vmap(lambda p, b, x: functional_call(m, (p, b), (x,)), in_dims=(0, 0, None))(ps, bs, X)
    assert tuple(out.shape) == (3, 2)
