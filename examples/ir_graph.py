"""Print and draw the IR of a function and of its gradient
==========================================================

``fg.make_ir(f)(x)`` traces ``f`` on the shape and dtype of ``x`` and returns
its intermediate representation (IR): one equation per primitive. ``str(ir)``
prints it, ``ir.to_dot()`` gives Graphviz DOT text (no Graphviz needed), and
``ir.to_svg()`` lays it out as an SVG picture when a ``dot`` program is
available (``pip install 'funcgrad[graph]'``; ``make test`` installs it).

Run: python examples/ir_graph.py [OUTPUT_FOLDER]   (the SVGs go to a temporary folder by default)
"""

import sys
import tempfile
from pathlib import Path

import numpy as np

import funcgrad as fg
import funcgrad.numpy as fnp


def layer(x, w):
    """One neuron: tanh of a weighted sum, squared."""
    return fnp.tanh(fnp.dot(w, x)) ** 2


def main():
    x = np.array([0.5, -1.0, 2.0])
    w = np.array([0.1, 0.2, 0.3])

    ir = fg.make_ir(layer)(x, w)
    print("The IR of layer(x, w):")
    print(ir)
    grad_ir = fg.make_ir(fg.grad(layer, argnums=1))(x, w)
    print("\nThe IR of its gradient with respect to w (the forward pass, then the reverse):")
    print(grad_ir)

    print("\nThe IR replays: ir(x, w) =", ir(x, w)[0], " layer(x, w) =", layer(x, w))

    dot = ir.to_dot(name="layer")
    print(f"\nDOT text of the first IR ({len(dot.splitlines())} lines); its edges:")
    for line in dot.splitlines():
        if "->" in line:
            print("  " + line.strip())

    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp(prefix="funcgrad-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for name, this in [("layer", ir), ("grad_layer", grad_ir)]:
            path = folder / f"{name}.svg"
            path.write_text(this.to_svg(name=name), encoding="utf-8")
            print(f"drew {path} ({path.stat().st_size} bytes): open it in a browser")
    except RuntimeError as error:  # no Graphviz dot program
        print(f"\nNo picture: {error}")


if __name__ == "__main__":
    main()
