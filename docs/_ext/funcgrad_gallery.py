"""The order of the examples gallery (``sphinx_gallery_conf["within_subsection_order"]``).

sphinx-gallery names the sort key by its import path, ``funcgrad_gallery.GalleryOrder``,
so the configuration stays picklable. A reader meets the one-page tour first, then
the two complete training programs, then the shorter scripts; a script not listed
here comes last, by file name.
"""

from __future__ import annotations

from pathlib import Path

ORDER = (
    "quickstart.py",
    "digits_classifier.py",
    "digits_torch.py",
    "logistic_regression.py",
    "two_layer_network.py",
    "newton.py",
    "pendulum.py",
    "linear_solve_sensitivity.py",
    "torch_autograd.py",
    "ir_graph.py",
    "data_parallel_dask.py",
)


class GalleryOrder:
    """Sort key: the position of a script in ``ORDER``, then its file name."""

    def __init__(self, src_dir: str | Path) -> None:
        self.src_dir = src_dir

    def __repr__(self) -> str:
        return "GalleryOrder"

    def __call__(self, filename: str | Path) -> tuple[int, str]:
        name = Path(filename).name
        return (ORDER.index(name) if name in ORDER else len(ORDER), name)
