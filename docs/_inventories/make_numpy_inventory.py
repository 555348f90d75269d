"""Write ``numpy.inv``, the intersphinx inventory the docs use for NumPy's names.

The docs build has no network, so intersphinx reads inventories kept in this
folder. Python's and SciPy's come from their own documentation builds (Debian's
``python3.11-doc`` and ``python-scipy-doc`` packages ship them). No package
ships NumPy's, so this script writes one from the installed NumPy's public
names, with the page layout numpy.org uses: one generated page per function,
class and method (``reference/generated/numpy.<name>.html``). Run it again
after a NumPy upgrade::

    python docs/_inventories/make_numpy_inventory.py
"""

from __future__ import annotations

import inspect
import pathlib
import types
import zlib

import numpy as np

HERE = pathlib.Path(__file__).parent
SUBMODULES = ("linalg", "fft", "random", "testing")


def _role(obj: object) -> str | None:
    if isinstance(obj, np.ufunc):
        return "py:data"
    if inspect.isclass(obj):
        return "py:class"
    if callable(obj):
        return "py:function"
    return None


def entries() -> list[tuple[str, str]]:
    """(qualified name, role) for NumPy's public functions, classes and array methods."""
    found: list[tuple[str, str]] = []
    namespaces: list[tuple[str, types.ModuleType]] = [("numpy", np)]
    namespaces += [(f"numpy.{m}", getattr(np, m)) for m in SUBMODULES]
    for prefix, module in namespaces:
        for name in sorted(dir(module)):
            if name.startswith("_"):
                continue
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType):
                continue
            role = _role(obj)
            if role is not None:
                found.append((f"{prefix}.{name}", role))
    for name in sorted(dir(np.ndarray)):
        if not name.startswith("_"):
            attr = getattr(np.ndarray, name)
            role = "py:method" if callable(attr) else "py:attribute"
            found.append((f"numpy.ndarray.{name}", role))
    return found


def main() -> None:
    lines = [
        f"{name} {role} 1 reference/generated/{name}.html#$ -"
        for name, role in entries()
    ]
    header = (
        "# Sphinx inventory version 2\n"
        "# Project: NumPy\n"
        f"# Version: {np.__version__}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    body = zlib.compress(("\n".join(lines) + "\n").encode())
    (HERE / "numpy.inv").write_bytes(header.encode() + body)
    print(f"wrote {len(lines)} entries to {HERE / 'numpy.inv'}")


if __name__ == "__main__":
    main()
