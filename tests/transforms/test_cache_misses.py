"""config explain_cache_misses: each jit cache miss is logged with what changed."""

import logging

import numpy as np
import pytest

import funcgrad as fg


@pytest.fixture
def explained(caplog):
    fg.config.update("explain_cache_misses", True)
    caplog.set_level(logging.WARNING, logger="funcgrad.jit")
    yield caplog
    fg.config.update("explain_cache_misses", False)


def messages(caplog):
    return [r.getMessage().split(": ", 1)[1] for r in caplog.records]


def test_reasons(explained):
    f = fg.jit(lambda x, n: x * n, static_argnums=1)
    f(np.ones(2), 2)
    f(np.ones(2), 2)
    f(np.ones(3, np.float32), 2)
    f(np.ones(3, np.float32), 5)
    f((np.ones(3),), 5)
    assert messages(explained) == [
        "never seen function",
        "x: float64[2] -> float32[3]",
        "static argument 1: 2 -> 5",
        "the arguments' structure: PyTreeDef(((*,), {})) -> PyTreeDef((((*,),), {}))",
    ]
    assert all("test_cache_misses.py" in r.getMessage().split(" calling")[0]
               for r in explained.records)


def test_silent_when_off(caplog):
    caplog.set_level(logging.WARNING, logger="funcgrad.jit")
    fg.jit(lambda x: x)(np.ones(2))
    assert not caplog.records
