"""torch.utils.benchmark: Timer runs the statement as timeit does, and a Measurement prints
what PyTorch 2.13 prints for the same times (recorded from PyTorch, frozen here)."""

import re

import pytest

from funcgrad.torch.utils.benchmark import Measurement, Timer, select_unit


def body(m):
    return repr(m).split("\n", 1)[1]


def test_repr_as_pytorch_prints_it():
    m = Measurement(10, [2e-5, 3e-5, 4e-5, 5e-5], "f(x)")
    assert body(m) == (
        "f(x)\n"
        "  Median: 3.50 us\n"
        "  IQR:    1.50 us (2.75 to 4.25)\n"
        "  4 measurements, 10 runs per measurement, 1 thread\n"
        "  WARNING: Interquartile range is 42.9% of the median measurement.\n"
        "           This suggests significant environmental influence."
    )
    assert re.fullmatch(r"<torch\.utils\.benchmark\.utils\.common\.Measurement object at "
                        r"0x[0-9a-f]+>", repr(m).split("\n")[0])


def test_one_measurement_and_titles():
    m = Timer("x=1", label="L", sub_label="S", description="D").timeit(1000)
    lines = body(m).split("\n")
    assert lines[:2] == ["L: S", "D"]
    assert re.fullmatch(r"  [0-9.]+ (ns|us|ms|s)", lines[2])
    assert lines[3] == "  1 measurement, 1000 runs , 1 thread"
    m = Timer("x=1\ny=2", setup="import math").timeit(10)
    assert body(m).split("\n")[:5] == ["stmt:", "  x=1", "  y=2", "", "setup: import math"]


def test_timer_runs_the_statement_in_its_globals():
    calls = []
    m = Timer("f()", globals={"f": lambda: calls.append(1)}).timeit(5)
    assert len(calls) == 6  # one warm-up run, then five timed
    assert m.number_per_run == 5 and len(m.times) == 1 and m.times[0] > 0


def test_blocked_autorange_fills_the_minimum_run_time():
    m = Timer("sum(range(100))").blocked_autorange(min_run_time=0.02)
    assert sum(m.raw_times) >= 0.02
    assert m.times == [t / m.number_per_run for t in m.raw_times]
    assert m.median > 0 and m.iqr >= 0


@pytest.mark.parametrize("t, unit", [(3e-8, "ns"), (4.2e-6, "us"), (0.0042, "ms"), (12.0, "s")])
def test_units(t, unit):
    assert select_unit(t)[0] == unit


def test_other_languages_are_refused():
    with pytest.raises(ValueError, match="only Python"):
        Timer("x", language="cpp")
