"""``torch.autograd.graph.to_dot`` / ``to_svg``: the backward graph behind tensors, drawn.

The expected node names and edges were read from real PyTorch 2.13 (a
breadth-first walk of ``grad_fn.next_functions`` from the outputs, which is
the order ``to_dot`` numbers its nodes in) and frozen here.
"""

from __future__ import annotations

import re

import pytest

import funcgrad.torch as torch
from funcgrad.torch.autograd import graph

NODE = re.compile(r'^\s*(fn\d+|out\d+) \[label="((?:[^"\\]|\\.)*)" ')
EDGE = re.compile(r"^\s*(fn\d+) -> (fn\d+|out\d+)(?: \[(.*)\])?;$")


def parse(dot: str):
    """``({node: label}, [(src, dst, attributes)])`` from the DOT text."""
    nodes, edges = {}, []
    for line in dot.splitlines():
        m = NODE.match(line)
        if m:
            nodes[m.group(1)] = m.group(2).replace("\\n", "\n")
            continue
        m = EDGE.match(line)
        if m:
            edges.append((m.group(1), m.group(2), m.group(3) or ""))
    return nodes, edges


def names(nodes: dict) -> list[str]:
    """The PyTorch name of each backward node, in node order."""
    fns = sorted((k for k in nodes if k.startswith("fn")), key=lambda k: int(k[2:]))
    labels = [nodes[k].split("\n") for k in fns]
    return ["AccumulateGrad" if "AccumulateGrad" in lines else lines[0] for lines in labels]


def fn_edges(edges) -> list[tuple[int, int]]:
    return [(int(s[2:]), int(d[2:])) for s, d, _ in edges if d.startswith("fn")]


# PyTorch 2.13: (node names in breadth-first order, (input node, consumer node) pairs).
LOGISTIC = (
    [
        "MeanBackward0", "PowBackward0", "SubBackward0", "SigmoidBackward0", "AddBackward0",
        "MvBackward0", "AccumulateGrad", "AccumulateGrad",
    ],
    [(1, 0), (2, 1), (3, 2), (4, 3), (5, 4), (6, 4), (7, 5)],
)


def test_logistic_loss_graph_matches_pytorch():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    x = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
    y = torch.tensor([1.0, 0.0])
    loss = ((torch.sigmoid(x @ w + b) - y) ** 2).mean()
    dot = graph.to_dot(loss, params={"w": w, "b": b})
    nodes, edges = parse(dot)
    assert names(nodes) == LOGISTIC[0]
    assert fn_edges(edges) == LOGISTIC[1]
    # Leaves: their AccumulateGrad node, named by params, with their type.
    assert nodes["fn6"] == "b\nAccumulateGrad\nf32[]"
    assert nodes["fn7"] == "w\nAccumulateGrad\nf32[2]"
    assert 'shape=ellipse' in next(line for line in dot.splitlines() if "fn7 [" in line)
    # The output, and the edge into it.
    assert nodes["out0"] == "output 0\nf32[]"
    assert ("fn0", "out0", "") in edges
    # AddBackward0 has two inputs that require grad: the edges say which operand is which.
    into_add = {s: a for s, d, a in edges if d == "fn4"}
    assert 'headlabel="0"' in into_add["fn5"] and 'headlabel="1"' in into_add["fn6"]
    # MvBackward0 has one input that requires grad (w): its edge carries w's type.
    assert [a for s, d, a in edges if d == "fn5"] == ['label="f32[2]"']


def test_unbind_is_one_node_with_numbered_outputs():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    a, b, c = x.unbind()
    nodes, edges = parse(graph.to_dot(a * b + c))
    assert names(nodes) == ["AddBackward0", "MulBackward0", "UnbindBackward0", "AccumulateGrad"]
    assert fn_edges(edges) == [(1, 0), (2, 0), (2, 1), (2, 1), (3, 2)]
    labels = [a for s, d, a in edges if s == "fn2"]
    assert [re.search(r"output (\d)", a).group(1) for a in labels] == ["2", "0", "1"]


def test_operands_of_sub_are_numbered():
    u = torch.tensor([1.0, 2.0], requires_grad=True)
    v = torch.tensor([3.0, 4.0], requires_grad=True)
    nodes, edges = parse(graph.to_dot((u - v).exp().sum(), params={"u": u, "v": v}))
    assert names(nodes) == [
        "SumBackward0", "ExpBackward0", "SubBackward0", "AccumulateGrad", "AccumulateGrad",
    ]
    into_sub = {nodes[s].split("\n")[0]: a for s, d, a in edges if d == "fn2"}
    assert 'headlabel="0"' in into_sub["u"] and 'headlabel="1"' in into_sub["v"]


def test_indexed_assignment_draws_copyslices():
    x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
    z = x * 1
    z[0] = x[1] ** 2
    nodes, edges = parse(graph.to_dot(z))
    assert names(nodes) == [
        "CopySlices", "MulBackward0", "PowBackward0", "AccumulateGrad", "SelectBackward0",
    ]
    assert fn_edges(edges) == [(1, 0), (2, 0), (3, 1), (4, 2), (3, 4)]


def test_several_outputs_share_their_graph():
    u = torch.tensor([1.0, 2.0], requires_grad=True)
    v = torch.tensor([3.0, 4.0], requires_grad=True)
    h = torch.tanh(u)
    nodes, edges = parse(graph.to_dot(h.sum(), (h * v).sum()))
    assert names(nodes) == [
        "SumBackward0", "SumBackward0", "TanhBackward0", "MulBackward0",
        "AccumulateGrad", "AccumulateGrad",
    ]
    assert fn_edges(edges) == [(2, 0), (3, 1), (4, 2), (2, 3), (5, 3)]
    into_outputs = [(s, d) for s, d, _ in edges if d.startswith("out")]
    assert into_outputs == [("fn0", "out0"), ("fn1", "out1")]
    # A list of tensors is the same as several arguments.
    assert graph.to_dot([h.sum(), (h * v).sum()]) == graph.to_dot(h.sum(), (h * v).sum())


def test_leaves_and_constants_as_outputs():
    x = torch.ones(3, requires_grad=True)
    nodes, edges = parse(graph.to_dot(x, torch.zeros(2)))
    assert nodes == {
        "fn0": "AccumulateGrad\nf32[3]",
        "out0": "output 0\nf32[3]",
        "out1": "output 1\nf32[2]",
    }
    assert edges == [("fn0", "out0", "")]


def test_graph_can_be_drawn_after_backward():
    x = torch.ones(2, requires_grad=True)
    y = (x * x).sum()
    before = graph.to_dot(y)
    y.backward()
    assert graph.to_dot(y) == before


def test_dot_text_is_deterministic_and_named():
    x = torch.ones(2, requires_grad=True)
    y = torch.sin(x).sum()
    assert graph.to_dot(y) == graph.to_dot(y)
    assert graph.to_dot(y, name='my "net"').startswith('digraph "my \\"net\\"" {')


def test_bad_arguments():
    with pytest.raises(TypeError, match="at least one tensor"):
        graph.to_dot()
    with pytest.raises(TypeError, match="output 0 is a float"):
        graph.to_dot(1.0)
    with pytest.raises(TypeError, match=r"params\['w'\] is a list"):
        graph.to_dot(torch.ones(1), params={"w": [1.0]})


def test_svg_is_laid_out_by_graphviz():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    svg = graph.to_svg((w * w).sum(), params={"w": w})
    assert "<svg" in svg and "MulBackward0" in svg and "AccumulateGrad" in svg


def test_svg_without_a_dot_program_says_what_to_install(monkeypatch):
    monkeypatch.setattr(graph, "find_dot_program", lambda: None)
    with pytest.raises(RuntimeError, match=r"funcgrad\[graph\]"):
        graph.to_svg(torch.ones(1, requires_grad=True))
