"""``torch.autograd.Function``: user-defined operations with their own backward."""

from __future__ import annotations

from typing import Any


class Function:
    """Custom differentiable operations: not supported yet in funcgrad.torch.

    Use :func:`funcgrad.custom_vjp` on the functional side instead.
    """

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any):
        raise NotImplementedError(
            "torch.autograd.Function is not supported by funcgrad.torch yet; compose the "
            "operation from torch functions (its derivative then comes from the kernel's rules)."
        )
