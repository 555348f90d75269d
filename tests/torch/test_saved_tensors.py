"""Saved tensors, their hooks, backward-node hooks, next_functions order: PyTorch 2.13's answers.

Expected texts were printed by the same code run with PyTorch 2.13.0 (CPU).
"""

import pytest

import funcgrad.torch as torch


def describe(y, named):
    fn = y.grad_fn
    out = []
    for attr in [x for x in dir(fn) if x.startswith("_saved")]:
        val = getattr(fn, attr)
        if isinstance(val, torch.Tensor):
            who = next((k for k, t in named.items() if val is t), None)
            if who is None:
                same = tuple(val.shape) == tuple(y.shape) and bool(val.equal(y))
                who = "y" if same else "T:" + repr(val).replace("\n", "")
        else:
            who = repr(val)
        out.append(f"{attr}={who}")
    return f"{fn.name()} {' '.join(out)}".strip()


A = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
B = torch.tensor([[0.5, -1.0], [2.0, 3.0]], requires_grad=True)
V = torch.tensor([1.0, 2.0], requires_grad=True)

SAVED = [
    ("a * b", "MulBackward0 _saved_other=b _saved_self=a"),
    ("a * 2", "MulBackward0 _saved_other=T:tensor(2) _saved_self=None"),
    ("2 * a", "MulBackward0 _saved_other=T:tensor(2) _saved_self=None"),
    ("a + b", "AddBackward0 _saved_alpha=1"),
    ("a / b", "DivBackward0 _saved_other=b _saved_self=a"),
    ("a ** 2", "PowBackward0 _saved_exponent=2 _saved_self=a"),
    ("a ** b", "PowBackward1 _saved_exponent=b _saved_result=y _saved_self=a"),
    ("a.pow(3)", "PowBackward0 _saved_exponent=3 _saved_self=a"),
    ("a.exp()", "ExpBackward0 _saved_result=y"),
    ("a.sin()", "SinBackward0 _saved_self=a"),
    ("a.tanh()", "TanhBackward0 _saved_result=y"),
    ("a.sum()", "SumBackward0 _saved_self_sym_sizes=(2, 2)"),
    ("a.mean()", "MeanBackward0 _saved_self_sym_numel=4 _saved_self_sym_sizes=(2, 2)"),
    ("a @ v", "MvBackward0 _saved_self=a _saved_vec=v"),
    ("v.dot(v)", "DotBackward0 _saved_self=v _saved_tensor=v"),
    ("a.max()", "MaxBackward1 _saved_result=y _saved_self=a"),
    ("torch.maximum(a, b)", "MaximumBackward0 _saved_other=b _saved_self=a"),
    ("-a", "NegBackward0"),
]


@pytest.mark.parametrize(("expression", "expected"), SAVED)
def test_saved_attributes(expression, expected):
    a, b, v = A, B, V  # noqa: F841 - used by eval
    y = eval(expression)
    assert describe(y, {"a": A, "b": B, "v": V}) == expected


def test_saved_identity_as_the_autograd_note():
    a = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.ones(2, requires_grad=True)
    y = a * b
    assert y.grad_fn._saved_self is a and y.grad_fn._saved_other is b
    y = torch.exp(a)
    assert y.grad_fn._saved_result.equal(y) and y.grad_fn._saved_result is not y
    y.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        _ = y.grad_fn._saved_result


def test_saved_tensors_hooks_pack_and_unpack(capsys):
    def pack_hook(x):
        print("Packing", x)
        return x

    def unpack_hook(x):
        print("Unpacking", x)
        return x

    a = torch.ones(5, requires_grad=True)
    b = torch.ones(5, requires_grad=True) * 2
    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = a * b
    y.sum().backward()
    assert capsys.readouterr().out == (
        "Packing tensor([2., 2., 2., 2., 2.], grad_fn=<MulBackward0>)\n"
        "Packing tensor([1., 1., 1., 1., 1.], requires_grad=True)\n"
        "Unpacking tensor([2., 2., 2., 2., 2.], grad_fn=<MulBackward0>)\n"
        "Unpacking tensor([1., 1., 1., 1., 1.], requires_grad=True)\n"
    )
    with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
        y = a * 3
        z = a.exp()
    assert repr(y.grad_fn._saved_other) == "tensor(3)"
    assert repr(z.grad_fn._saved_result) == (
        "tensor([2.7183, 2.7183, 2.7183, 2.7183, 2.7183], grad_fn=<ExpBackward0>)")
    assert capsys.readouterr().out == (
        "Packing tensor([2.7183, 2.7183, 2.7183, 2.7183, 2.7183], grad_fn=<ExpBackward0>)\n"
        "Unpacking tensor([2.7183, 2.7183, 2.7183, 2.7183, 2.7183], grad_fn=<ExpBackward0>)\n"
    )


def test_backward_computes_with_the_unpacked_values():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 4, lambda t: t):
        y = torch.pow(x, 2)
    y.sum().backward()
    assert repr(x.grad) == "tensor([ 8., 16.])"
    x.grad = None
    with torch.autograd.graph.saved_tensors_hooks(lambda t: t * 4, lambda t: t / 4):
        y = torch.pow(x, 2)
    y.sum().backward()
    assert x.grad.equal(2 * x)
    x.grad = None
    with torch.autograd.graph.save_on_cpu(pin_memory=True):
        y = x * x
    y.sum().backward()
    assert repr(x.grad) == "tensor([2., 4.])"


def test_raw_saved_tensor_hooks(capsys):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.pow(2)
    r = y.grad_fn._raw_saved_self
    assert type(r).__module__ + "." + type(r).__name__ == "torch._C._autograd.SavedTensor"
    r.register_hooks(lambda t: (print("P", t), t)[1], lambda t: (print("U", t), t)[1])
    print(y.grad_fn._saved_self)
    y.sum().backward()
    assert capsys.readouterr().out == (
        "P tensor([1., 2.])\nU tensor([1., 2.])\ntensor([1., 2.], requires_grad=True)\n"
        "U tensor([1., 2.])\n")
    with pytest.raises(RuntimeError, match="Calling register_hooks on a saved tensor after it"):
        r.register_hooks(lambda t: t, lambda t: t)
    with torch.autograd.graph.disable_saved_tensors_hooks("no hooks here"):
        with pytest.raises(RuntimeError, match="no hooks here"):
            with torch.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
                pass


def test_node_hooks(capsys):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y.sin().sum()
    h1 = y.grad_fn.register_prehook(lambda go: print("pre", go))
    y.grad_fn.register_hook(lambda gi, go: print("post", gi, go))
    h3 = z.grad_fn.register_prehook(lambda go: (go[0] * 10,))
    y.grad_fn.next_functions[0][0].register_hook(lambda gi, go: print("acc post", gi, go))
    y.grad_fn.next_functions[0][0].register_prehook(lambda go: print("acc pre", go))
    assert type(h1).__module__ == "torch.utils.hooks"
    z.backward(retain_graph=True)
    assert repr(x.grad) == "tensor([ -8.3229, -13.0729])"
    assert capsys.readouterr().out == (
        "pre (tensor([-4.1615, -6.5364]),)\n"
        "post (tensor([ -8.3229, -13.0729]), None) (tensor([-4.1615, -6.5364]),)\n"
        "acc pre (tensor([ -8.3229, -13.0729]),)\n"
        "acc post () (tensor([ -8.3229, -13.0729]),)\n"
    )
    h1.remove()
    h3.remove()
    y.grad_fn.register_hook(lambda gi, go: (gi[0] * 0,))
    with pytest.raises(RuntimeError, match=r"hook '<lambda>' has returned an incorrect number of "
                                           r"values \(got 1, but expected 2\)"):
        z.backward()
    assert isinstance(y.grad_fn, torch.autograd.graph.Node)


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("2 * b", "MulBackward0 [('MulBackward0', 0), (None, 0)]"),
        ("2 + b", "AddBackward0 [('MulBackward0', 0), (None, 0)]"),
        ("2 - b", "RsubBackward1 [('MulBackward0', 0)]"),
        ("2 / b", "MulBackward0 [('ReciprocalBackward0', 0), (None, 0)]"),
        ("2 ** b", "PowBackward2 [('MulBackward0', 0)]"),
        ("b ** 2", "PowBackward0 [('MulBackward0', 0)]"),
        ("b - 2", "SubBackward0 [('MulBackward0', 0), (None, 0)]"),
        ("torch.mul(2, b)", "MulBackward0 [(None, 0), ('MulBackward0', 0)]"),
    ],
)
def test_next_functions_with_a_number(expression, expected):
    b = torch.tensor([1.0, 2.0], requires_grad=True) * 1  # noqa: F841 - used by eval
    y = eval(expression)
    got = [(type(f).__name__ if f is not None else None, i) for f, i in y.grad_fn.next_functions]
    assert f"{y.grad_fn.name()} {got}" == expected
