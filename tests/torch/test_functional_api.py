"""torch.autograd.functional against PyTorch 2.13's recorded answers (values, reprs, messages).

Each case is evaluated here and its ``repr`` (or its exception's type and
message) compared with what PyTorch 2.13.0 printed for the same expression.
Not matched on purpose: PyTorch's ``hessian(..., vectorize=True,
outer_jacobian_strategy="forward-mode")`` returns a tensor with a
``grad_fn`` even without ``create_graph``; funcgrad's does not (the case
compares values).
"""

import pytest

import funcgrad.torch as torch
from funcgrad.torch.autograd.functional import (  # noqa: F401 - used by the CASES
    hessian,
    hvp,
    jacobian,
    jvp,
    vhp,
    vjp,
)


def exp_reducer(x):
    return x.exp().sum(dim=1)


def adder(x, y):
    return 2 * x + 3 * y


def pow_reducer(x):
    return x.pow(3).sum()


def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()


I44 = torch.tensor([[0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7, 0.8], [0.9, 0.1, 0.2, 0.3],
                    [0.4, 0.5, 0.6, 0.7]])
I2 = (torch.tensor([0.3, 0.4]), torch.tensor([0.5, 0.6]))
I22 = torch.tensor([[0.1, 0.2], [0.3, 0.4]])

CASES = [
    ('vjp(exp_reducer, I44, torch.ones(4))', ('ok', '(tensor([5.1683, 7.7101, 6.1360, 6.9764]), tensor([[1.1052, 1.2214, 1.3499, 1.4918],\n        [1.6487, 1.8221, 2.0138, 2.2255],\n        [2.4596, 1.1052, 1.2214, 1.3499],\n        [1.4918, 1.6487, 1.8221, 2.0138]]))')),  # noqa: E501
    ('vjp(exp_reducer, I44, torch.ones(4), create_graph=True)', ('ok', '(tensor([5.1683, 7.7101, 6.1360, 6.9764], grad_fn=<SumBackward1>), tensor([[1.1052, 1.2214, 1.3499, 1.4918],\n        [1.6487, 1.8221, 2.0138, 2.2255],\n        [2.4596, 1.1052, 1.2214, 1.3499],\n        [1.4918, 1.6487, 1.8221, 2.0138]], grad_fn=<MulBackward0>))')),  # noqa: E501
    ('vjp(adder, I2, torch.ones(2))', ('ok', '(tensor([2.1000, 2.6000]), (tensor([2., 2.]), tensor([3., 3.])))')),  # noqa: E501
    ('jvp(exp_reducer, I44, torch.ones(4, 4))', ('ok', '(tensor([5.1683, 7.7101, 6.1360, 6.9764]), tensor([5.1683, 7.7101, 6.1360, 6.9764]))')),  # noqa: E501
    ('jvp(exp_reducer, I44, torch.ones(4, 4), create_graph=True)', ('ok', '(tensor([5.1683, 7.7101, 6.1360, 6.9764], grad_fn=<SumBackward1>), tensor([5.1683, 7.7101, 6.1360, 6.9764], grad_fn=<SqueezeBackward1>))')),  # noqa: E501
    ('jvp(adder, I2, (torch.ones(2), torch.ones(2)))', ('ok', '(tensor([2.1000, 2.6000]), tensor([5., 5.]))')),  # noqa: E501
    ('vhp(pow_reducer, I22, torch.ones(2, 2))', ('ok', '(tensor(0.1000), tensor([[0.6000, 1.2000],\n        [1.8000, 2.4000]]))')),  # noqa: E501
    ('vhp(pow_reducer, I22, torch.ones(2, 2), create_graph=True)', ('ok', '(tensor(0.1000, grad_fn=<SumBackward0>), tensor([[0.6000, 1.2000],\n        [1.8000, 2.4000]], grad_fn=<MulBackward0>))')),  # noqa: E501
    ('vhp(pow_adder_reducer, I2, (torch.zeros(2), torch.ones(2)))', ('ok', '(tensor(2.3300), (tensor([0., 0.]), tensor([6., 6.])))')),  # noqa: E501
    ('hvp(pow_reducer, I22, torch.ones(2, 2))', ('ok', '(tensor(0.1000), tensor([[0.6000, 1.2000],\n        [1.8000, 2.4000]]))')),  # noqa: E501
    ('hvp(pow_reducer, I22, torch.ones(2, 2), create_graph=True)', ('ok', '(tensor(0.1000, grad_fn=<SumBackward0>), tensor([[0.6000, 1.2000],\n        [1.8000, 2.4000]], grad_fn=<MulBackward0>))')),  # noqa: E501
    ('hvp(pow_adder_reducer, I2, (torch.zeros(2), torch.ones(2)))', ('ok', '(tensor(2.3300), (tensor([0., 0.]), tensor([6., 6.])))')),  # noqa: E501
    ('hvp(pow_reducer, torch.tensor([2.0]))', ('ok', '(tensor(8.), tensor([12.]))')),
    ('jacobian(exp_reducer, I22)', ('ok', 'tensor([[[1.1052, 1.2214],\n         [0.0000, 0.0000]],\n\n        [[0.0000, 0.0000],\n         [1.3499, 1.4918]]])')),  # noqa: E501
    ('jacobian(exp_reducer, I22, create_graph=True)', ('ok', 'tensor([[[1.1052, 1.2214],\n         [0.0000, 0.0000]],\n\n        [[0.0000, 0.0000],\n         [1.3499, 1.4918]]], grad_fn=<ViewBackward0>)')),  # noqa: E501
    ('jacobian(exp_reducer, I22, vectorize=True)', ('ok', 'tensor([[[1.1052, 1.2214],\n         [0.0000, 0.0000]],\n\n        [[0.0000, 0.0000],\n         [1.3499, 1.4918]]])')),  # noqa: E501
    ('jacobian(exp_reducer, I22, vectorize=True, strategy="forward-mode")', ('ok', 'tensor([[[1.1052, 1.2214],\n         [0.0000, 0.0000]],\n\n        [[0.0000, 0.0000],\n         [1.3499, 1.4918]]])')),  # noqa: E501
    ('jacobian(lambda x, y: 2 * x.exp() + 3 * y, I2)', ('ok', '(tensor([[2.6997, 0.0000],\n        [0.0000, 2.9836]]), tensor([[3., 0.],\n        [0., 3.]]))')),  # noqa: E501
    ('jacobian(lambda x, y: (x * y, x.sum()), I2)', ('ok', '((tensor([[0.5000, 0.0000],\n        [0.0000, 0.6000]]), tensor([[0.3000, 0.0000],\n        [0.0000, 0.4000]])), (tensor([1., 1.]), tensor([0., 0.])))')),  # noqa: E501
    ('hessian(pow_reducer, I22)', ('ok', 'tensor([[[[0.6000, 0.0000],\n          [0.0000, 0.0000]],\n\n         [[0.0000, 1.2000],\n          [0.0000, 0.0000]]],\n\n\n        [[[0.0000, 0.0000],\n          [1.8000, 0.0000]],\n\n         [[0.0000, 0.0000],\n          [0.0000, 2.4000]]]])')),  # noqa: E501
    ('hessian(pow_reducer, I22, create_graph=True)', ('ok', 'tensor([[[[0.6000, 0.0000],\n          [0.0000, 0.0000]],\n\n         [[0.0000, 1.2000],\n          [0.0000, 0.0000]]],\n\n\n        [[[0.0000, 0.0000],\n          [1.8000, 0.0000]],\n\n         [[0.0000, 0.0000],\n          [0.0000, 2.4000]]]], grad_fn=<ViewBackward0>)')),  # noqa: E501
    ('hessian(pow_adder_reducer, I2)', ('ok', '((tensor([[4., 0.],\n        [0., 4.]]), tensor([[0., 0.],\n        [0., 0.]])), (tensor([[0., 0.],\n        [0., 0.]]), tensor([[6., 0.],\n        [0., 6.]])))')),  # noqa: E501
    ('hessian(pow_reducer, I22, vectorize=True, outer_jacobian_strategy="forward-mode").detach()', ('ok', 'tensor([[[[0.6000, 0.0000],\n          [0.0000, 0.0000]],\n\n         [[0.0000, 1.2000],\n          [0.0000, 0.0000]]],\n\n\n        [[[0.0000, 0.0000],\n          [1.8000, 0.0000]],\n\n         [[0.0000, 0.0000],\n          [0.0000, 2.4000]]]])')),  # noqa: E501
    ('jacobian(lambda t: torch.ones(2), torch.ones(2))', ('ok', 'tensor([[0., 0.],\n        [0., 0.]])')),  # noqa: E501
    ('vjp(lambda t: torch.ones(2), torch.ones(2), torch.ones(2))', ('ok', '(tensor([1., 1.]), tensor([0., 0.]))')),  # noqa: E501
    ('jvp(lambda t: torch.ones(2), torch.ones(2), torch.ones(2))', ('ok', '(tensor([1., 1.]), tensor([0., 0.]))')),  # noqa: E501
    ('jacobian(exp_reducer, I22, strategy="forward-mode")', ('NotImplementedError', 'Computing Jacobian using forward-AD or forward-over-reverse Hessian isonly implemented for `vectorize=True`.')),  # noqa: E501
    ('jacobian(exp_reducer, I22, strategy="bad")', ('AssertionError', 'Expected strategy to be either "forward-mode" or "reverse-mode". Hint: If your function has more outputs than inputs, "forward-mode" tends to be more performant. Otherwise, prefer to use "reverse-mode".')),  # noqa: E501
    ('jacobian(exp_reducer, I22, vectorize=True, strategy="forward-mode", create_graph=True)', ('NotImplementedError', 'torch.autograd.functional.jacobian: `create_graph=True` and `strategy="forward-mode"` are not supported together (yet). Please either set `create_graph=False` or `strategy="reverse-mode"`.')),  # noqa: E501
    ('vhp(lambda t: t ** 2, I22, torch.ones(2, 2))', ('RuntimeError', 'The Tensor returned by the function given to vhp should contain a single element')),  # noqa: E501
    ('vhp(pow_reducer, I22)', ('RuntimeError', 'The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.')),  # noqa: E501
    ('vjp(exp_reducer, I44)', ('RuntimeError', 'The vector v can only be None if the user-provided function returns a single Tensor with a single element.')),  # noqa: E501
    ('jvp(exp_reducer, I44)', ('RuntimeError', 'The vector v can only be None if the input to the user-provided function is a single Tensor with a single element.')),  # noqa: E501
    ('vjp(lambda t: t * 2, torch.ones(2), torch.ones(3))', ('RuntimeError', 'v has invalid size: should be torch.Size([2]) but got torch.Size([3]).')),  # noqa: E501
    ('vjp(adder, I2, (torch.ones(2),))', ('ok', '(tensor([2.1000, 2.6000]), (tensor([2., 2.]), tensor([3., 3.])))')),  # noqa: E501
    ('jvp(adder, I2, (torch.ones(2), torch.ones(3)))', ('RuntimeError', 'Entry 1 in v has invalid size: should be torch.Size([2]) but got torch.Size([3]).')),  # noqa: E501
    ('hessian(lambda t: t * 2, torch.ones(2))', ('RuntimeError', 'The Tensor returned by the function given to hessian should contain a single element')),  # noqa: E501
    ('jacobian(lambda t: torch.ones(2), torch.ones(2), strict=True)', ('RuntimeError', 'Output 0 of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.')),  # noqa: E501
    ('vjp(lambda t: torch.ones(2), torch.ones(2), torch.ones(2), strict=True)', ('RuntimeError', 'Output 0 of the user-provided function does not require gradients. The outputs must be computed in a differentiable manner from the input when running in strict mode.')),  # noqa: E501
    ('vjp(lambda t: t * 2, 3.0)', ('TypeError', "The inputs given to vjp must be either a Tensor or a tuple of Tensors but the given inputs has type <class 'float'>.")),  # noqa: E501
    ('jacobian(lambda t, u: t * 2, (torch.ones(2), torch.ones(2)), strict=True)', ('RuntimeError', 'Output 0 of the user-provided function is independent of input 1. This is not allowed in strict mode.')),  # noqa: E501
    ('hessian(lambda t: t.sum(), torch.ones(2), strict=True)', ('RuntimeError', 'While computing the hessian, found that the jacobian of the user-provided function with respect to input 0 is independent of the input. This is not allowed in strict mode. You should ensure that your function is twice differentiable and that the jacobian depends on the inputs (this would be violated by a linear function for example).')),  # noqa: E501
]


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0][:60] for c in CASES])
def test_functional_matches_pytorch(expression, expected):
    namespace = dict(globals())
    try:
        got = ("ok", repr(eval(expression, namespace)))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        got = (type(e).__name__, str(e))
    assert got == expected
