"""PyTorch's legacy and alias spellings, and float printing, against PyTorch 2.13's answers."""

import pytest

import funcgrad.torch as torch

x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])

CASES = [
    ('x.type()', ('ok', "'torch.FloatTensor'")),
    ('x.double().type()', ('ok', "'torch.DoubleTensor'")),
    ('x.long().type()', ('ok', "'torch.LongTensor'")),
    ('x.type(torch.int32)', ('ok', 'tensor([[1, 2, 3],\n        [4, 5, 6]], dtype=torch.int32)')),
    ("x.type('torch.DoubleTensor')", ('ok', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]], dtype=torch.float64)')),  # noqa: E501
    ('torch.FloatTensor([1, 2])', ('ok', 'tensor([1., 2.])')),
    ('torch.FloatTensor(2, 3).shape', ('ok', 'torch.Size([2, 3])')),
    ('torch.LongTensor([1, 2])', ('ok', 'tensor([1, 2])')),
    ('torch.DoubleTensor([[1, 2]])', ('ok', 'tensor([[1., 2.]], dtype=torch.float64)')),
    ('torch.IntTensor([1])', ('ok', 'tensor([1], dtype=torch.int32)')),
    ('torch.BoolTensor([True])', ('ok', 'tensor([True])')),
    ('torch.ByteTensor([1])', ('ok', 'tensor([1], dtype=torch.uint8)')),
    ('isinstance(x, torch.FloatTensor)', ('ok', 'True')),
    ('isinstance(x, torch.DoubleTensor)', ('ok', 'False')),
    ('torch.autograd.Variable(torch.ones(2), requires_grad=True)', ('ok', 'tensor([1., 1.], requires_grad=True)')),  # noqa: E501
    ('torch.autograd.Variable(torch.ones(2))', ('ok', 'tensor([1., 1.])')),
    ('torch.sin_(torch.ones(2, requires_grad=True))', ('RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.')),  # noqa: E501
    ('torch.sin_(torch.zeros(2))', ('ok', 'tensor([0., 0.])')),
    ('torch.exp_(torch.zeros(2))', ('ok', 'tensor([1., 1.])')),
    ('torch.relu_(torch.tensor([-1.0, 2.0]))', ('ok', 'tensor([0., 2.])')),
    ('x[range(2)]', ('ok', 'tensor([[1., 2., 3.],\n        [4., 5., 6.]])')),
    ('x[[0, 1], [1, 2]]', ('ok', 'tensor([2., 6.])')),
    ('x[[1, 0]]', ('ok', 'tensor([[4., 5., 6.],\n        [1., 2., 3.]])')),
    ('x[:, range(1, 3)]', ('ok', 'tensor([[2., 3.],\n        [5., 6.]])')),
    ('x.sum(axis=0)', ('ok', 'tensor([5., 7., 9.])')),
    ('x.sum(0, keepdims=True)', ('ok', 'tensor([[5., 7., 9.]])')),
    ('torch.sum(x, axis=1, keepdims=True)', ('ok', 'tensor([[ 6.],\n        [15.]])')),
    ('x.mean(axis=1)', ('ok', 'tensor([2., 5.])')),
    ('x.max(axis=0)', ('ok', 'torch.return_types.max(\nvalues=tensor([4., 5., 6.]),\nindices=tensor([1, 1, 1]))')),  # noqa: E501
    ('torch.mean(x, axis=0, keepdims=True)', ('ok', 'tensor([[2.5000, 3.5000, 4.5000]])')),
    ('x.std(axis=0)', ('ok', 'tensor([2.1213, 2.1213, 2.1213])')),
    ('torch.cat([x, x], axis=1).shape', ('ok', 'torch.Size([2, 6])')),
    ('x.argmax(axis=1)', ('ok', 'tensor([2, 2])')),
    ('torch.tensor([1.0000001, 1.0])', ('ok', 'tensor([1.0000, 1.0000])')),
    ('torch.tensor([1e-5, 1.0])', ('ok', 'tensor([1.0000e-05, 1.0000e+00])')),
    ('torch.tensor([1e-10, 1.0])', ('ok', 'tensor([1.0000e-10, 1.0000e+00])')),
    ('torch.tensor([1.0, 2.0]) * (1 + 1e-7)', ('ok', 'tensor([1.0000, 2.0000])')),
    ('torch.tensor([1e-8, -1e-8])', ('ok', 'tensor([ 1.0000e-08, -1.0000e-08])')),
    ('torch.tensor([3.0000001])', ('ok', 'tensor([3.])')),
    ('torch.tensor(1.0000001)', ('ok', 'tensor(1.0000)')),
    ('torch.tensor([100000.0, 1.0])', ('ok', 'tensor([1.0000e+05, 1.0000e+00])')),
    ('torch.tensor([1e8, 1.0])', ('ok', 'tensor([1.0000e+08, 1.0000e+00])')),
    ('torch.tensor([0.0, -0.0])', ('ok', 'tensor([0., -0.])')),
    ('torch.tensor([2.0, 4.0]) / 2 + 1e-7', ('ok', 'tensor([1.0000, 2.0000])')),
]


@pytest.mark.parametrize(("expression", "expected"), CASES, ids=[c[0] for c in CASES])
def test_spelling_matches_pytorch(expression, expected):
    try:
        got = ("ok", repr(eval(expression)))
    except Exception as e:  # noqa: BLE001 - the exception is what is compared
        got = (type(e).__name__, str(e))
    assert got == expected


def test_default_dtype_and_device():
    torch.set_default_dtype(torch.float64)
    try:
        assert torch.tensor([1.5]).dtype == torch.float64 == torch.get_default_dtype()
    finally:
        torch.set_default_dtype(torch.float32)
    torch.set_default_device("cpu")
    assert repr(torch.get_default_device()) == "device(type='cpu')"
    with pytest.raises(RuntimeError, match="runs on the CPU only"):
        torch.set_default_device("cuda")
