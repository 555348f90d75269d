"""Pickling, copying, torch.save/load and hook results, against PyTorch 2.13's answers."""

import copy
import io
import pickle

import pytest

import funcgrad.torch as torch


def test_pickle_copy_deepcopy_keep_dtype_values_and_grad_state():
    x = torch.tensor([1e300, 2.0], dtype=torch.float64, requires_grad=True)
    (x * 2).sum().backward()
    shown = "tensor([1.0000e+300,  2.0000e+00], dtype=torch.float64, requires_grad=True)"
    for f, grad in [(lambda t: pickle.loads(pickle.dumps(t)), "None"), (copy.copy, "None"),
                    (copy.deepcopy, "tensor([2., 2.], dtype=torch.float64)")]:
        y = f(x)
        assert (repr(y), y.dtype, y.requires_grad, repr(y.grad), y.is_leaf) == (
            shown, torch.float64, True, grad, True)
    h = torch.tensor([1.5, 2.5], dtype=torch.float16)
    assert repr(pickle.loads(pickle.dumps(h))) == "tensor([1.5000, 2.5000], dtype=torch.float16)"
    assert repr(copy.deepcopy(torch.tensor([1, 2]))) == "tensor([1, 2])"
    with pytest.raises(RuntimeError, match="^Only Tensors created explicitly by the user"):
        copy.deepcopy(x * 3)


def test_save_and_load(tmp_path):
    x = torch.tensor([1e300, 2.0], dtype=torch.float64, requires_grad=True)
    buffer = io.BytesIO()
    torch.save({"a": x, "b": [torch.ones(2), 3], "c": torch.tensor([1, 2])}, buffer)
    buffer.seek(0)
    assert repr(torch.load(buffer)) == (
        "{'a': tensor([1.0000e+300,  2.0000e+00], dtype=torch.float64, requires_grad=True), "
        "'b': [tensor([1., 1.]), 3], 'c': tensor([1, 2])}")
    path = tmp_path / "t.pt"
    torch.save(torch.arange(3.0), str(path))
    assert repr(torch.load(path, map_location="cpu", weights_only=True)) == "tensor([0., 1., 2.])"


def test_hook_that_changes_shape_or_dtype_raises():
    a = torch.ones(2, requires_grad=True)
    a.register_hook(lambda g: torch.ones(5))
    with pytest.raises(RuntimeError, match=r"^hook '<lambda>' has changed the size of value$"):
        (a * 2).sum().backward()
    b = torch.ones(2, requires_grad=True)
    c = b * 2
    c.register_hook(lambda g: g.double())
    with pytest.raises(RuntimeError) as err:
        (c * 1).sum().backward()
    assert str(err.value) == ("hook '<lambda>' has changed the type of value (was "
                              "torch.FloatTensor got torch.DoubleTensor)")
