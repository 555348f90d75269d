"""torch's process-wide settings, dtype limits, sampling, the generator's state and
torch.testing.assert_close (messages as PyTorch 2.13 prints them, recorded once)."""

import numpy as np
import pytest

import funcgrad.torch as torch


def test_finfo_iinfo_as_pytorch_prints_them():
    assert repr(torch.finfo(torch.float32)) == (
        "finfo(resolution=1e-06, min=-3.40282e+38, max=3.40282e+38, eps=1.19209e-07, "
        "smallest_normal=1.17549e-38, tiny=1.17549e-38, dtype=float32)")
    assert repr(torch.iinfo(torch.int32)) == "iinfo(min=-2.14748e+09, max=2.14748e+09, dtype=int32)"
    assert torch.finfo(torch.float16).tiny == 6.103515625e-05
    assert torch.finfo(torch.float64).eps == 2.220446049250313e-16
    assert torch.finfo(torch.float32).bits == 32 and torch.iinfo(torch.uint8).max == 255
    with pytest.raises(TypeError, match="iinfo"):
        torch.finfo(torch.int64)


def test_backends_and_settings():
    assert torch.backends.cudnn.enabled and not torch.backends.cudnn.benchmark
    assert not torch.backends.mps.is_available() and not torch.backends.cudnn.is_available()
    torch.backends.cudnn.deterministic = True
    torch.use_deterministic_algorithms(True)
    assert torch.are_deterministic_algorithms_enabled()
    torch.use_deterministic_algorithms(False)
    torch.backends.cudnn.deterministic = False
    model = torch.nn.Linear(2, 2)
    assert torch.compile(model) is model and torch.compile()(model) is model
    n = torch.get_num_threads()
    torch.set_num_threads(1)
    assert torch.get_num_threads() == 1
    torch.set_num_threads(n)
    with pytest.raises(RuntimeError):
        torch.set_num_threads(0)


def test_sampling():
    torch.manual_seed(0)
    x = torch.multinomial(torch.tensor([[0.1, 0.8, 0.1], [0.2, 0.3, 0.5]]), 3)
    assert x.dtype == torch.int64 and x.shape == (2, 3)
    assert sorted(x[0].tolist()) == sorted(x[1].tolist()) == [0, 1, 2]
    assert torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), 2, replacement=True).tolist() == [1, 1]
    counts = np.bincount(torch.multinomial(torch.tensor([1.0, 3.0]), 4000, True).numpy())
    assert abs(counts[1] / 4000 - 0.75) < 0.03
    with pytest.raises(RuntimeError, match="without replacement"):
        torch.multinomial(torch.tensor([0.1, 0.9]), 5)
    b = torch.bernoulli(torch.full((1000,), 0.25))
    assert b.dtype == torch.float32 and set(b.numpy().tolist()) <= {0.0, 1.0}
    assert abs(b.mean().item() - 0.25) < 0.05
    with pytest.raises(RuntimeError, match="p_in"):
        torch.bernoulli(torch.tensor([1.5]))
    p = torch.poisson(torch.full((2000,), 3.0))
    assert p.dtype == torch.float32 and abs(p.mean().item() - 3.0) < 0.15
    r = torch.randint_like(torch.zeros(50, dtype=torch.float64), 2, 4)
    assert r.dtype == torch.float64 and set(r.tolist()) <= {2.0, 3.0}


def test_rng_state_round_trip():
    torch.manual_seed(5)
    state = torch.get_rng_state()
    assert state.dtype == torch.uint8
    a = torch.randn(3)
    torch.set_rng_state(state)
    assert torch.equal(a, torch.randn(3))
    with torch.random.fork_rng():
        torch.rand(10)
    b = torch.rand(1)
    torch.set_rng_state(state)
    torch.randn(3)
    assert torch.equal(b, torch.rand(1))
    assert torch.random.initial_seed() == 5


@pytest.mark.parametrize("actual, expected, message", [
    ([1.0, 2.0], [1.0, 2.1],
     "Tensor-likes are not close!\n\nMismatched elements: 1 / 2 (50.0%)\n"
     "Greatest absolute difference: 0.09999990463256836 at index (1,) (up to 1e-05 allowed)\n"
     "Greatest relative difference: 0.04761900380253792 at index (1,) (up to 1.3e-06 allowed)"),
])
def test_assert_close_messages(actual, expected, message):
    with pytest.raises(AssertionError) as e:
        torch.testing.assert_close(torch.tensor(actual), torch.tensor(expected))
    assert str(e.value) == message


def test_assert_close_other_failures():
    with pytest.raises(AssertionError) as e:
        torch.testing.assert_close(torch.tensor([1.0, 2.0]), torch.tensor([1, 2]))
    assert str(e.value) == ("The values for attribute 'dtype' do not match: "
                            "torch.float32 != torch.int64.")
    with pytest.raises(AssertionError) as e:
        torch.testing.assert_close(1.0, 1.1)
    assert str(e.value) == ("Scalars are not close!\n\nExpected 1.1 but got 1.0.\n"
                            "Absolute difference: 0.10000000000000009 (up to 1e-07 allowed)\n"
                            "Relative difference: 0.09090909090909098 (up to 1e-07 allowed)")
    with pytest.raises(AssertionError) as e:
        torch.testing.assert_close([torch.ones(2)], [torch.zeros(2)])
    assert str(e.value).endswith("The failure occurred for item [0]")
    torch.testing.assert_close({"a": torch.ones(2)}, {"a": torch.ones(2) + 1e-7})
    torch.testing.assert_close(torch.tensor([1, 2]), torch.tensor([1, 2]))
