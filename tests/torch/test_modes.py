"""inference_mode, anomaly detection and grad-mode reprs against PyTorch 2.13's recorded answers."""

import re
import warnings

import pytest

import funcgrad.torch as torch


def test_inference_mode_tensors_and_errors():
    assert torch.is_inference_mode_enabled() is False
    w = torch.ones(2, requires_grad=True)
    with torch.inference_mode():
        assert (torch.is_inference_mode_enabled(), torch.is_grad_enabled()) == (True, False)
        x = torch.ones(2)
        y = w * 2
        assert (x.is_inference(), y.is_inference(), y.requires_grad, w.is_inference()) == (
            True, True, False, False)
        x.add_(1)
        assert repr(x) == "tensor([2., 2.])"
    assert (x.is_inference(), torch.ones(1).is_inference()) == (True, False)
    with pytest.raises(RuntimeError, match="^Inference tensors do not track version counter.$"):
        _ = x._version
    with pytest.raises(RuntimeError, match="^Inference tensors cannot be saved for backward. "):
        _ = w * x
    with pytest.raises(RuntimeError, match="^Inplace update to inference tensor outside "
                                           "InferenceMode is not allowed.You can make a clone"):
        x.add_(1)
    with pytest.raises(RuntimeError, match="^Setting requires_grad=True on inference tensor "
                                           "outside InferenceMode is not allowed.$"):
        x.requires_grad_()
    (w + x).sum().backward()  # add saves nothing: allowed, as in PyTorch
    assert x.clone().is_inference() is False


def test_inference_mode_false_decorators_and_reprs():
    w = torch.ones(2, requires_grad=True)
    with torch.no_grad():
        with torch.inference_mode(False):
            assert (torch.is_grad_enabled(), torch.is_inference_mode_enabled()) == (True, False)

    @torch.inference_mode()
    def f(t):
        return t * 2, torch.is_inference_mode_enabled()

    @torch.inference_mode
    def g(t):
        return t * 2

    assert repr(f(w)) == "(tensor([2., 2.]), True)"
    assert repr(g(w)) == "tensor([2., 2.])"
    assert repr(torch.set_grad_enabled(False)) == (
        "torch.autograd.grad_mode.set_grad_enabled(mode=False)")
    torch.set_grad_enabled(True)
    assert re.sub("0x[0-9a-f]+", "0x", repr(torch.no_grad())) == (
        "<torch.autograd.grad_mode.no_grad object at 0x>")


def test_detect_anomaly_names_the_node_and_the_forward_line():
    assert (torch.is_anomaly_enabled(), torch.is_anomaly_check_nan_enabled()) == (False, True)
    x = torch.tensor([0.0, 1.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with torch.autograd.detect_anomaly():
            assert torch.is_anomaly_enabled()
            y = x.sqrt() * 0  # the forward line the warning shows
            with pytest.raises(RuntimeError) as err:
                y.sum().backward()
    assert str(err.value) == "Function 'SqrtBackward0' returned nan values in its 0th output."
    messages = [str(w.message) for w in caught]
    assert messages[0] == ("Anomaly Detection has been enabled. This mode will increase the "
                           "runtime and should only be enabled for debugging.")
    assert messages[1].startswith("Error detected in SqrtBackward0. Traceback of forward call "
                                  "that caused the error:\n  File ")
    assert "    y = x.sqrt() * 0  # the forward line the warning shows\n" in messages[1]
    assert not torch.is_anomaly_enabled()
    torch.autograd.set_detect_anomaly(True)
    assert torch.is_anomaly_enabled()
    torch.autograd.set_detect_anomaly(False)
    with torch.autograd.set_detect_anomaly(True):
        assert torch.is_anomaly_enabled()
    assert not torch.is_anomaly_enabled()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with torch.autograd.detect_anomaly(check_nan=False):
            (x.sqrt() * 0).sum().backward()
    assert repr(x.grad) == "tensor([nan, 0.])"
