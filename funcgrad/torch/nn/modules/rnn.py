"""Recurrent layers: ``RNN``, ``LSTM``, ``GRU`` and their one-step cells.

The input-to-hidden products of a whole sequence are one matrix product; the
recurrence then loops over time with PyTorch's gate equations and parameter
layout (``weight_ih_l0``, ``bias_hh_l1_reverse``, gates ``i, f, g, o`` for
LSTM and ``r, z, n`` for GRU).

>>> import funcgrad.torch as torch
>>> lstm = torch.nn.LSTM(3, 4, batch_first=True)
>>> out, (h, c) = lstm(torch.zeros(2, 5, 3))
>>> out.shape, h.shape, c.shape
(torch.Size([2, 5, 4]), torch.Size([1, 2, 4]), torch.Size([1, 2, 4]))
"""

from __future__ import annotations

import math
from typing import Any

from ...factories import empty, zeros
from ...functions import cat, matmul, stack
from ...tensor import Tensor
from .. import functional as F
from .. import init
from ..parameter import Parameter
from .module import Module

__all__ = ["RNNBase", "RNN", "LSTM", "GRU", "RNNCell", "LSTMCell", "GRUCell"]

_MOD = "torch.nn.modules.rnn"
_GATES = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}


def _rnn_step(x_proj: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None, relu: bool):
    pre = x_proj + F.linear(h, w_hh, b_hh)
    return pre.relu() if relu else pre.tanh()


def _lstm_step(x_proj: Tensor, h: Tensor, c: Tensor, w_hh: Tensor, b_hh: Tensor | None,
               w_hr: Tensor | None = None):
    gates = x_proj + F.linear(h, w_hh, b_hh)
    i, f, g, o = gates.chunk(4, -1)
    c = f.sigmoid() * c + i.sigmoid() * g.tanh()
    h = o.sigmoid() * c.tanh()
    if w_hr is not None:  # proj_size: the hidden state is projected down
        h = matmul(h, w_hr.t())
    return h, c


def _gru_step(x_proj: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None):
    hh = F.linear(h, w_hh, b_hh)
    xr, xz, xn = x_proj.chunk(3, -1)
    hr, hz, hn = hh.chunk(3, -1)
    r = (xr + hr).sigmoid()
    z = (xz + hz).sigmoid()
    n = (xn + r * hn).tanh()
    return (1 - z) * n + z * h


class RNNBase(Module):
    """The shared machinery of ``RNN``, ``LSTM`` and ``GRU`` (layers, directions, parameters).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> gru = torch.nn.GRU(2, 3, num_layers=2, bidirectional=True)
    >>> [n for n, _ in gru.named_parameters()][:4]
    ['weight_ih_l0', 'weight_hh_l0', 'bias_ih_l0', 'bias_hh_l0']
    >>> gru.weight_ih_l1_reverse.shape
    torch.Size([9, 6])
    """

    __module__ = _MOD

    def __init__(
        self,
        mode: str,
        input_size: int,
        hidden_size: int,
        num_layers: int = 1,
        bias: bool = True,
        batch_first: bool = False,
        dropout: float = 0.0,
        bidirectional: bool = False,
        proj_size: int = 0,
        device: Any = None,
        dtype: Any = None,
    ) -> None:
        super().__init__()
        if proj_size < 0:
            raise ValueError(
                "proj_size should be a positive integer or zero to disable projections"
            )
        if proj_size >= hidden_size:
            raise ValueError("proj_size has to be smaller than hidden_size")
        if proj_size and mode != "LSTM":
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if not 0 <= dropout <= 1:
            raise ValueError(
                "dropout should be a number in range [0, 1] representing the probability of an "
                "element being zeroed"
            )
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        directions = 2 if bidirectional else 1
        gate_size = _GATES[mode] * hidden_size
        real_hidden = proj_size if proj_size > 0 else hidden_size
        self._flat_weights_names: list[str] = []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input = input_size if layer == 0 else real_hidden * directions
                suffix = "_reverse" if direction == 1 else ""
                names = [f"weight_ih_l{layer}{suffix}", f"weight_hh_l{layer}{suffix}"]
                shapes = [(gate_size, layer_input), (gate_size, real_hidden)]
                if bias:
                    names += [f"bias_ih_l{layer}{suffix}", f"bias_hh_l{layer}{suffix}"]
                    shapes += [(gate_size,), (gate_size,)]
                if proj_size > 0:
                    names.append(f"weight_hr_l{layer}{suffix}")
                    shapes.append((proj_size, hidden_size))
                for name, shape in zip(names, shapes):
                    setattr(self, name, Parameter(empty(*shape, dtype=dtype)))
                self._flat_weights_names.extend(names)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    @property
    def all_weights(self) -> list[list[Parameter]]:
        per = (4 if self.bias else 2) + (self.proj_size > 0)
        names = self._flat_weights_names
        return [
            [getattr(self, n) for n in names[i:i + per]] for i in range(0, len(names), per)
        ]

    def flatten_parameters(self) -> None:
        """Nothing to do: PyTorch packs the weights into one buffer for cuDNN only; on the CPU
        (and in funcgrad) the call returns at once, as there.

        Examples
        --------
        >>> import funcgrad.torch as torch
        >>> lstm = torch.nn.LSTM(2, 3)
        >>> lstm.flatten_parameters()
        """
        return None

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    def _weights(self, layer: int, direction: int) -> tuple:
        suffix = "_reverse" if direction == 1 else ""
        w_ih = getattr(self, f"weight_ih_l{layer}{suffix}")
        w_hh = getattr(self, f"weight_hh_l{layer}{suffix}")
        b_ih = getattr(self, f"bias_ih_l{layer}{suffix}") if self.bias else None
        b_hh = getattr(self, f"bias_hh_l{layer}{suffix}") if self.bias else None
        w_hr = getattr(self, f"weight_hr_l{layer}{suffix}") if self.proj_size else None
        return w_ih, w_hh, b_ih, b_hh, w_hr

    def _run(self, input: Tensor, hx: Any) -> tuple[Tensor, Any]:
        is_lstm = self.mode == "LSTM"
        unbatched = input.ndim == 2
        if input.ndim not in (2, 3):
            raise ValueError(
                f"{type(self).__name__}: Expected input to be 2D or 3D, got {input.ndim}D instead"
            )
        x = input.unsqueeze(1) if unbatched else (
            input.transpose(0, 1) if self.batch_first else input
        )
        seq_len, batch = x.shape[0], x.shape[1]
        directions = 2 if self.bidirectional else 1
        n_states = self.num_layers * directions
        real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
        if hx is None:
            h0 = zeros(n_states, batch, real_hidden, dtype=input.dtype)
            states = (h0, zeros(n_states, batch, self.hidden_size, dtype=input.dtype)) \
                if is_lstm else h0
        else:
            if unbatched:
                states = tuple(s.unsqueeze(1) for s in hx) if is_lstm else hx.unsqueeze(1)
            else:
                states = tuple(hx) if is_lstm else hx
            checks = [("hidden[0]", states[0], real_hidden), ("hidden[1]", states[1],
                                                               self.hidden_size)] \
                if is_lstm else [("hidden", states, self.hidden_size)]
            for what, state, size in checks:
                expected = (n_states, batch, size)
                if tuple(state.shape) != expected:
                    raise RuntimeError(
                        f"Expected {what} size {expected}, got {list(state.shape)}"
                    )
        h_n: list[Tensor] = []
        c_n: list[Tensor] = []
        layer_input = x
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                k = layer * directions + direction
                w_ih, w_hh, b_ih, b_hh, w_hr = self._weights(layer, direction)
                proj = matmul(layer_input, w_ih.t())
                if b_ih is not None:
                    proj = proj + b_ih
                steps = range(seq_len - 1, -1, -1) if direction == 1 else range(seq_len)
                h = states[0][k] if is_lstm else states[k]
                c = states[1][k] if is_lstm else None
                outs: list[Tensor | None] = [None] * seq_len
                for t in steps:
                    if is_lstm:
                        h, c = _lstm_step(proj[t], h, c, w_hh, b_hh, w_hr)
                    elif self.mode == "GRU":
                        h = _gru_step(proj[t], h, w_hh, b_hh)
                    else:
                        h = _rnn_step(proj[t], h, w_hh, b_hh, self.mode == "RNN_RELU")
                    outs[t] = h
                outputs.append(stack(outs, 0))
                h_n.append(h)
                if is_lstm:
                    c_n.append(c)
            layer_input = outputs[0] if directions == 1 else cat(outputs, 2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        output = layer_input
        h_stack = stack(h_n, 0)
        c_stack = stack(c_n, 0) if is_lstm else None
        if unbatched:
            output = output.squeeze(1)
            h_stack = h_stack.squeeze(1)
            c_stack = c_stack.squeeze(1) if is_lstm else None
        elif self.batch_first:
            output = output.transpose(0, 1)
        return output, ((h_stack, c_stack) if is_lstm else h_stack)

    def forward(self, input: Tensor, hx: Any = None) -> tuple[Tensor, Any]:
        return self._run(input, hx)


class RNN(RNNBase):
    """An Elman RNN: ``h_t = tanh(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)`` (or ``relu``).

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> rnn = torch.nn.RNN(3, 4, nonlinearity="relu", bidirectional=True)
    >>> rnn
    RNN(3, 4, bidirectional=True)
    >>> out, h = rnn(torch.zeros(5, 2, 3))
    >>> out.shape, h.shape
    (torch.Size([5, 2, 8]), torch.Size([2, 2, 4]))
    """

    __module__ = _MOD

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 nonlinearity: str = "tanh", bias: bool = True, batch_first: bool = False,
                 dropout: float = 0.0, bidirectional: bool = False, device: Any = None,
                 dtype: Any = None, proj_size: int = 0) -> None:
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(
                f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' or 'relu'."
            )
        self.nonlinearity = nonlinearity
        mode = "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU"
        super().__init__(mode, input_size, hidden_size, num_layers, bias, batch_first, dropout,
                         bidirectional, proj_size, device=device, dtype=dtype)


class LSTM(RNNBase):
    """Long short-term memory: gates ``i, f, g, o``; returns ``output, (h_n, c_n)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> lstm = torch.nn.LSTM(3, 4, 2, batch_first=True)
    >>> lstm
    LSTM(3, 4, num_layers=2, batch_first=True)
    >>> out, (h, c) = lstm(torch.zeros(2, 5, 3))
    >>> out.shape, h.shape
    (torch.Size([2, 5, 4]), torch.Size([2, 2, 4]))
    """

    __module__ = _MOD

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__("LSTM", input_size, hidden_size, num_layers, bias, batch_first,
                         dropout, bidirectional, proj_size, device=device, dtype=dtype)


class GRU(RNNBase):
    """Gated recurrent unit: gates ``r, z, n``; returns ``output, h_n``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> gru = torch.nn.GRU(3, 4)
    >>> gru
    GRU(3, 4)
    >>> out, h = gru(torch.zeros(5, 3))
    >>> out.shape, h.shape
    (torch.Size([5, 4]), torch.Size([1, 4]))
    """

    __module__ = _MOD

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, device: Any = None, dtype: Any = None,
                 proj_size: int = 0) -> None:
        super().__init__("GRU", input_size, hidden_size, num_layers, bias, batch_first,
                         dropout, bidirectional, proj_size, device=device, dtype=dtype)


class _CellBase(Module):
    __module__ = _MOD
    _gates = 1

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        gates = self._gates * hidden_size
        self.weight_ih = Parameter(empty(gates, input_size, dtype=dtype))
        self.weight_hh = Parameter(empty(gates, hidden_size, dtype=dtype))
        if bias:
            self.bias_ih = Parameter(empty(gates, dtype=dtype))
            self.bias_hh = Parameter(empty(gates, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        stdv = 1.0 / math.sqrt(hidden_size) if hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        nl = getattr(self, "nonlinearity", "tanh")
        if nl != "tanh":
            s += f", nonlinearity={nl}"
        return s

    def _prepare(self, input: Tensor, hx: Any) -> tuple[Tensor, bool]:
        unbatched = input.ndim == 1
        x = input.unsqueeze(0) if unbatched else input
        return x, unbatched


class RNNCell(_CellBase):
    """One step of an Elman RNN: ``h' = tanh(W_ih x + b_ih + W_hh h + b_hh)``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> cell = torch.nn.RNNCell(3, 2)
    >>> cell(torch.zeros(4, 3)).shape
    torch.Size([4, 2])
    """

    __module__ = _MOD

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", device: Any = None, dtype: Any = None) -> None:
        self.nonlinearity = nonlinearity
        super().__init__(input_size, hidden_size, bias, device, dtype)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        x, unbatched = self._prepare(input, hx)
        h = zeros(x.shape[0], self.hidden_size, dtype=x.dtype) if hx is None else (
            hx.unsqueeze(0) if unbatched else hx
        )
        out = _rnn_step(F.linear(x, self.weight_ih, self.bias_ih), h, self.weight_hh,
                        self.bias_hh, self.nonlinearity == "relu")
        return out.squeeze(0) if unbatched else out


class LSTMCell(_CellBase):
    """One LSTM step; returns ``(h', c')``.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> h, c = torch.nn.LSTMCell(3, 2)(torch.zeros(4, 3))
    >>> h.shape, c.shape
    (torch.Size([4, 2]), torch.Size([4, 2]))
    """

    __module__ = _MOD
    _gates = 4

    def forward(self, input: Tensor, hx: Any = None) -> tuple[Tensor, Tensor]:
        x, unbatched = self._prepare(input, hx)
        if hx is None:
            h = zeros(x.shape[0], self.hidden_size, dtype=x.dtype)
            c = zeros(x.shape[0], self.hidden_size, dtype=x.dtype)
        else:
            h, c = (s.unsqueeze(0) for s in hx) if unbatched else hx
        h, c = _lstm_step(F.linear(x, self.weight_ih, self.bias_ih), h, c, self.weight_hh,
                          self.bias_hh)
        return (h.squeeze(0), c.squeeze(0)) if unbatched else (h, c)


class GRUCell(_CellBase):
    """One GRU step.

    Examples
    --------
    >>> import funcgrad.torch as torch
    >>> torch.nn.GRUCell(3, 2)(torch.zeros(3)).shape
    torch.Size([2])
    """

    __module__ = _MOD
    _gates = 3

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:
        x, unbatched = self._prepare(input, hx)
        h = zeros(x.shape[0], self.hidden_size, dtype=x.dtype) if hx is None else (
            hx.unsqueeze(0) if unbatched else hx
        )
        out = _gru_step(F.linear(x, self.weight_ih, self.bias_ih), h, self.weight_hh,
                        self.bias_hh)
        return out.squeeze(0) if unbatched else out
