"""``torch.utils.benchmark``: time a statement, and print the measurement as PyTorch does.

PyTorch's tutorials compare implementations with ``Timer(stmt, globals=...)``
and print the :class:`Measurement` it returns; the same code runs here, timing
funcgrad instead (with :func:`time.perf_counter`, as :mod:`timeit` does).

>>> from funcgrad.torch.utils.benchmark import Timer
>>> m = Timer("sum(range(10))").timeit(100)
>>> m.number_per_run, len(m.times)
(100, 1)
"""

from __future__ import annotations

import statistics
import textwrap
import timeit
from collections.abc import Callable
from typing import Any

__all__ = ["Measurement", "Timer", "select_unit"]

_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}


def select_unit(t: float) -> tuple[str, float]:
    """The unit PyTorch prints ``t`` seconds in, and its size in seconds.

    Examples
    --------
    >>> select_unit(0.0042), select_unit(3e-8), select_unit(12.0)
    (('ms', 0.001), ('ns', 1e-09), ('s', 1.0))
    """
    unit = "s"
    for name, scale in (("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3)):
        if t < scale * 1000:
            unit = name
            break
    return unit, _UNITS[unit]


class Measurement:
    """The times of one :class:`Timer`'s blocks of runs: ``raw_times[i]`` is the time of
    block ``i``, ``times[i]`` that of one run in it (over ``number_per_run``).

    Examples
    --------
    >>> m = Measurement(10, [2e-5, 3e-5, 4e-5, 5e-5], "f(x)")
    >>> m.median, m.mean
    (3.5e-06, 3.5e-06)
    >>> print(repr(m).split("\\n", 1)[1])
    f(x)
      Median: 3.50 us
      IQR:    1.50 us (2.75 to 4.25)
      4 measurements, 10 runs per measurement, 1 thread
      WARNING: Interquartile range is 42.9% of the median measurement.
               This suggests significant environmental influence.
    """

    def __init__(self, number_per_run: int, raw_times: list[float], title: str, *,
                 num_threads: int = 1, label: str | None = None,
                 sub_label: str | None = None, description: str | None = None,
                 env: str | None = None) -> None:
        self.number_per_run = number_per_run
        self.raw_times = list(raw_times)
        self.times = [t / number_per_run for t in self.raw_times]
        self.title = title
        self.num_threads = num_threads
        self.label, self.sub_label, self.description, self.env = label, sub_label, description, env

    @property
    def mean(self) -> float:
        """The mean time of one run."""
        return statistics.fmean(self.times)

    @property
    def median(self) -> float:
        """The median time of one run."""
        return statistics.median(self.times)

    def _quartiles(self) -> tuple[float, float]:
        if len(self.times) < 2:
            return self.times[0], self.times[0]
        q = statistics.quantiles(self.times, n=4, method="inclusive")
        return q[0], q[2]

    @property
    def iqr(self) -> float:
        """The spread between the first and third quartiles of the times."""
        p25, p75 = self._quartiles()
        return p75 - p25

    def __repr__(self) -> str:
        n = len(self.times)
        unit, scale = select_unit(self.median)
        lines = [object.__repr__(self), self.title]
        lines.append(f"  {'Median: ' if n > 1 else ''}{self.median / scale:.2f} {unit}")
        if n >= 4:
            p25, p75 = self._quartiles()
            lines.append(f"  IQR:    {self.iqr / scale:.2f} {unit} "
                         f"({p25 / scale:.2f} to {p75 / scale:.2f})")
        per = "per measurement," if n > 1 else ","
        threads = f"{self.num_threads} thread{'s' if self.num_threads > 1 else ''}"
        lines.append(f"  {n} measurement{'s' if n > 1 else ''}, {self.number_per_run} runs "
                     f"{per} {threads}")
        if n >= 4 and self.median and self.iqr / self.median > 0.1:
            lines.append(f"  WARNING: Interquartile range is {self.iqr / self.median:.1%} "
                         f"of the median measurement.\n"
                         f"           This suggests significant environmental influence.")
        return "\n".join(lines)


# Printed with PyTorch's class path, as PyTorch's tutorials show it.
Measurement.__module__ = "torch.utils.benchmark.utils.common"


class Timer:
    """Time ``stmt`` (run after ``setup``, with ``globals`` as its namespace).

    Parameters
    ----------
    stmt, setup : str
        Python source of the statement to time and of what runs once before it.
    globals : dict, optional
        The names ``stmt`` and ``setup`` see (``globals()`` to time the caller's).
    label, sub_label, description, env : str, optional
        Shown in the measurement's title, as in PyTorch.
    num_threads : int
        Recorded in the measurement; NumPy's threads are not changed.

    Examples
    --------
    >>> t = Timer("x * 2", setup="x = 21")
    >>> t.timeit(1000).number_per_run
    1000
    >>> m = t.blocked_autorange(min_run_time=0.01)
    >>> sum(m.times) * m.number_per_run >= 0.01
    True
    """

    def __init__(self, stmt: str = "pass", setup: str = "pass", global_setup: str = "",
                 timer: Callable[[], float] = timeit.default_timer,
                 globals: dict[str, Any] | None = None, label: str | None = None,
                 sub_label: str | None = None, description: str | None = None,
                 env: str | None = None, num_threads: int = 1, language: Any = "python"
                 ) -> None:
        if str(language).lower().split(".")[-1] not in ("python", "py"):
            raise ValueError(f"Timer: only Python statements can be timed here, not {language}")
        namespace = dict(globals or {})
        if global_setup:
            exec(global_setup, namespace)
        self._timer = timeit.Timer(stmt, setup, timer=timer, globals=namespace)
        self._stmt, self._setup = textwrap.dedent(stmt).strip(), textwrap.dedent(setup).strip()
        self._labels = {"label": label, "sub_label": sub_label, "description": description,
                        "env": env}
        self._num_threads = num_threads

    def _title(self) -> str:
        label, sub, desc = (self._labels[k] for k in ("label", "sub_label", "description"))
        head = ": ".join(s for s in (label, sub) if s)
        if head or desc:
            return "\n".join(s for s in (head, desc) if s)
        if "\n" not in self._stmt and self._setup == "pass":
            return self._stmt
        parts = ["stmt:", textwrap.indent(self._stmt, "  ")]
        if self._setup != "pass":
            setup = self._setup
            parts += ["", f"setup: {setup}" if "\n" not in setup
                      else "setup:\n" + textwrap.indent(setup, "  ")]
        return "\n".join(parts)

    def _measurement(self, number: int, totals: list[float]) -> Measurement:
        return Measurement(number, totals, self._title(),
                           num_threads=self._num_threads, **self._labels)

    def timeit(self, number: int = 1000000) -> Measurement:
        """Run the statement ``number`` times (after one untimed warm-up run): one measurement."""
        self._timer.timeit(1)
        return self._measurement(number, [self._timer.timeit(number)])

    def blocked_autorange(self, callback: Callable[[int, float], Any] | None = None,
                          min_run_time: float = 0.2) -> Measurement:
        """Blocks of runs, each long enough to time well (at least 0.1 ms, as PyTorch's),
        until ``min_run_time`` seconds have been spent."""
        number = 1
        while True:
            elapsed = self._timer.timeit(number)
            if elapsed >= 1e-4 or number >= 10**9:
                break
            number *= 10
        totals: list[float] = []
        while sum(totals) < min_run_time:
            elapsed = self._timer.timeit(number)
            totals.append(elapsed)
            if callback is not None:
                callback(number, elapsed)
        return self._measurement(number, totals)

    def adaptive_autorange(self, threshold: float = 0.1, *, min_run_time: float = 0.01,
                           max_run_time: float = 10.0, callback: Any = None) -> Measurement:
        """:meth:`blocked_autorange` repeated until the spread of the times is below
        ``threshold`` of their median, or ``max_run_time`` seconds have been spent."""
        m = self.blocked_autorange(callback, min_run_time)
        spent = sum(m.times) * m.number_per_run
        while spent < max_run_time and len(m.times) >= 4 and m.iqr > threshold * m.median:
            more = self.blocked_autorange(callback, min_run_time)
            m = Measurement(m.number_per_run, m.raw_times + more.raw_times, m.title,
                            num_threads=m.num_threads, **self._labels)
            spent += sum(more.times) * more.number_per_run
        return m
