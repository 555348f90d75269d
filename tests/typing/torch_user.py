"""A typical program of the torch face, as a user writes it: mypy finds no error.

tests/typing/test_mypy.py type checks it (and runs it).
"""

from __future__ import annotations

import funcgrad.torch as torch
from funcgrad.torch import nn


class MLP(nn.Module):
    def __init__(self, n_in: int, n_hidden: int) -> None:
        super().__init__()
        self.hidden = nn.Linear(n_in, n_hidden)
        self.out = nn.Linear(n_hidden, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(torch.tanh(self.hidden(x)))


def train(steps: int = 50) -> float:
    torch.manual_seed(0)
    x = torch.randn(64, 3)
    y = (x[:, :1] * 2.0 - x[:, 1:2]).sin()
    model = MLP(3, 16)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    loss_fn = nn.MSELoss()
    loss = torch.zeros(())
    for _ in range(steps):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(1.0)
    return loss.item()


def arithmetic() -> None:
    a = torch.ones(2, 3, requires_grad=True)
    b = torch.arange(6.0).reshape(2, 3)
    c = (a * b + 1.0 - b / 2) ** 2 @ b.T
    d = c.sum(dim=0, keepdim=True).exp().mean()
    d.backward(retain_graph=True)
    assert a.grad is not None
    g: torch.Tensor = a.grad
    print(g.shape, c.max(dim=1).values, (a > 0.5).float().sum().item(), -a[0, 1:].abs())
    a.data.add_(b, alpha=-0.1)
    print(c.detach().numpy().sum(), b.unbind(0)[0], a.t().contiguous().view(-1).tolist())


if __name__ == "__main__":
    print(f"final loss {train():.4f}")
    arithmetic()
