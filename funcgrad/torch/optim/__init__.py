"""``torch.optim``: optimisers and learning-rate schedules, PyTorch's update formulas.

>>> import funcgrad.torch as torch
>>> model = torch.nn.Linear(1, 1)
>>> opt = torch.optim.SGD(model.parameters(), lr=0.1)
>>> loss = ((model(torch.ones(4, 1)) - 3.0) ** 2).mean()
>>> opt.zero_grad(); loss.backward(); opt.step()
>>> ((model(torch.ones(4, 1)) - 3.0) ** 2).mean().item() < loss.item()
True
"""

from . import lr_scheduler
from .adadelta import Adadelta
from .adagrad import Adagrad
from .adam import Adam, AdamW
from .lbfgs import LBFGS
from .optimizer import Optimizer
from .rmsprop import RMSprop
from .sgd import SGD

__all__ = [
    "Optimizer", "SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Adadelta", "LBFGS",
    "lr_scheduler",
]
