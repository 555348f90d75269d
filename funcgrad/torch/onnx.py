"""``torch.onnx``: importable (programs import it at the top), but funcgrad has no ONNX
exporter: :func:`export` says so and what to do instead.

>>> import funcgrad.torch.onnx
>>> funcgrad.torch.onnx.is_in_onnx_export()
False
"""

from __future__ import annotations

from typing import Any

__all__ = ["export", "is_in_onnx_export"]

NO_EXPORTER = (
    "torch.onnx.export is not available in funcgrad.torch: funcgrad runs models on NumPy and "
    "has no ONNX exporter. Save the weights with torch.save(model.state_dict(), path) and "
    "export from PyTorch itself, loading them there with model.load_state_dict(...)."
)


def export(*args: Any, **kwargs: Any) -> None:
    """Raise: funcgrad cannot write ONNX files (the message says what to do instead).

    Parameters
    ----------
    *args, **kwargs
        PyTorch's arguments (model, example inputs, file, options); none is used.

    Returns
    -------
    None
        It always raises ``RuntimeError``.

    See Also
    --------
    funcgrad.torch.save : save the weights instead.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> import funcgrad.torch.onnx
    >>> torch.onnx.export(torch.nn.Linear(1, 1), (torch.ones(1),), "m.onnx")
    Traceback (most recent call last):
    ...
    RuntimeError: torch.onnx.export is not available in funcgrad.torch: ...
    """
    raise RuntimeError(NO_EXPORTER)


def is_in_onnx_export() -> bool:
    """Whether an ONNX export is running: never, in funcgrad.

    Returns
    -------
    bool
        Always False.

    See Also
    --------
    export : the exporter funcgrad does not have.

    Examples
    --------
    >>> import funcgrad.torch.onnx
    >>> funcgrad.torch.onnx.is_in_onnx_export()
    False
    """
    return False
