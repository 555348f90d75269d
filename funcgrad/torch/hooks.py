"""Hook handles: what ``register_hook`` returns (PyTorch's ``torch.utils.hooks``)."""

from __future__ import annotations

import weakref


class RemovableHandle:
    """The handle ``register_hook`` returns; ``remove()`` unregisters the hook."""

    __module__ = "torch.utils.hooks"  # where PyTorch's lives (scripts print its type)

    _next_id = 0

    def __init__(self, hooks: dict) -> None:
        self.hooks_dict_ref = weakref.ref(hooks) if _weakrefable(hooks) else (lambda: hooks)
        self.id = RemovableHandle._next_id
        RemovableHandle._next_id += 1

    def remove(self) -> None:
        hooks = self.hooks_dict_ref()
        if hooks is not None:
            hooks.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def _weakrefable(obj) -> bool:
    try:
        weakref.ref(obj)
        return True
    except TypeError:
        return False
