"""``funcgrad.debug``: look at values while a transformed function runs (anchor: ``jax.debug``).

:func:`print` and :func:`callback` run when the program runs — on every call
of a ``jit``-compiled function, once per example under ``vmap``, with the
primal values under ``grad`` — not while it is traced. NaN debugging
(``debug_nans``) is switched on with ``funcgrad.config.update("debug_nans",
True)`` or ``with funcgrad.debug_nans():``; :func:`check_nans` is the check
the kernel runs on every primitive then.

Examples
--------
>>> import funcgrad as fg, funcgrad.numpy as fnp
>>> @fg.jit
... def f(x):
...     fg.debug.print("x = {}", x)
...     return x * 2
>>> _ = f(fnp.asarray([1.0, 2.0]))
x = [1. 2.]
"""

from __future__ import annotations

import builtins
import cmd
import inspect
import linecache
import numbers
import pprint
from collections.abc import Callable
from typing import Any

import numpy as np

from .core.nans import NaNError, check_nans
from .core.trace import Tracer
from .core.tree_util import tree_flatten
from .primitives.debug import debug_callback

__all__ = ["NaNError", "breakpoint", "callback", "check_nans", "print"]


def _is_array(x: Any) -> bool:
    return isinstance(x, (Tracer, np.ndarray, np.generic, numbers.Number)) and not isinstance(
        x, bool
    )


def callback(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Call ``callback(*args, **kwargs)`` with concrete values when the program runs.

    Array leaves of ``args``/``kwargs`` (pytrees) reach ``callback`` as NumPy
    arrays; other leaves are passed as they are. The result is discarded.

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> seen = []
    >>> _ = fg.vmap(lambda x: fg.debug.callback(seen.append, x) or x)(fnp.arange(3.0))
    >>> seen
    [array(0.), array(1.), array(2.)]
    """
    leaves, tree = tree_flatten((args, kwargs))
    dynamic = [i for i, x in enumerate(leaves) if _is_array(x)]

    def run(*values):
        full = list(leaves)
        for i, v in zip(dynamic, values):
            full[i] = np.asarray(v)
        a, kw = tree.unflatten(full)
        callback(*a, **kw)

    debug_callback(run, *[leaves[i] for i in dynamic])


def print(fmt: str, *args: Any, **kwargs: Any) -> None:  # noqa: A001 - JAX's name
    """Print ``fmt.format(*args, **kwargs)`` with the values the program computes.

    Unlike Python's ``print``, which shows a placeholder for a value traced by
    ``jit``, this prints the numbers, on every call of the compiled function
    (anchor: ``jax.debug.print``; the format string is Python's, as JAX's).

    Examples
    --------
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> def loss(w):
    ...     y = fnp.sin(w)
    ...     fg.debug.print("w={w:.2f}, y={y:.3f}", w=w, y=y)
    ...     return y
    >>> _ = fg.grad(loss)(1.0)
    w=1.00, y=0.841
    """
    callback(lambda *a, **kw: builtins.print(fmt.format(*a, **kw)), *args, **kwargs)


class _Debugger(cmd.Cmd):
    """The prompt :func:`breakpoint` opens: JAX's ``(jdb)`` commands on the values of the
    frame that called it."""

    prompt = "(jdb) "

    def __init__(self, env: dict[str, Any], where: tuple[str, int, str]) -> None:
        super().__init__()
        self.env = env
        self.where = where

    def _eval(self, expr: str) -> Any:
        return eval(expr, {}, self.env)  # noqa: S307 - the user's own debugger input

    def default(self, line: str) -> None:
        try:
            code = compile(line, "<jdb>", "single")
            exec(code, {}, self.env)  # noqa: S102 - the user's own debugger input
        except Exception as error:  # noqa: BLE001 - a debugger reports and goes on
            builtins.print(f"*** {type(error).__name__}: {error}", file=self.stdout)

    def _show(self, expr: str, render: Callable[[Any], str]) -> None:
        try:
            builtins.print(render(self._eval(expr)), file=self.stdout)
        except Exception as error:  # noqa: BLE001 - a debugger reports and goes on
            builtins.print(f"*** {type(error).__name__}: {error}", file=self.stdout)

    def do_p(self, arg: str) -> None:
        """p expression: print the value of the expression."""
        self._show(arg, repr)

    def do_pp(self, arg: str) -> None:
        """pp expression: pretty-print the value of the expression."""
        self._show(arg, pprint.pformat)

    def do_l(self, arg: str) -> None:
        """l(ist): the source around the breakpoint."""
        filename, line, _ = self.where
        for n in range(max(1, line - 5), line + 6):
            text = linecache.getline(filename, n)
            if text:
                builtins.print(f"{n:4d} {'->' if n == line else '  '} {text.rstrip()}",
                               file=self.stdout)

    do_list = do_l

    def do_w(self, arg: str) -> None:
        """w(here): the file, line and function of the breakpoint."""
        filename, line, function = self.where
        builtins.print(f"  {filename}({line}) {function}()", file=self.stdout)

    do_where = do_w

    def do_c(self, arg: str) -> bool:
        """c(ontinue): leave the debugger and go on running."""
        return True

    do_continue = do_c
    do_EOF = do_c

    def do_q(self, arg: str) -> None:
        """q(uit): stop the program (raises SystemExit)."""
        raise SystemExit("funcgrad.debug.breakpoint: quit")

    do_quit = do_q


def breakpoint(*, backend: Any = None, filter_frames: bool = True,  # noqa: A001 - JAX's name
               num_frames: int | None = None, ordered: bool = False, token: Any = None,
               **kwargs: Any) -> None:
    r"""Pause the running program at this line in a debugger (``jax.debug.breakpoint``).

    The prompt ``(jdb)`` shows the caller's variables with their values — the
    numbers computed at run time, also inside ``jit``, ``vmap`` (once per
    example) and ``grad``: ``p expr`` and ``pp expr`` print, any other line runs
    as Python, ``l`` lists the source, ``w`` tells where, ``c`` (or the end of
    input) goes on running and ``q`` stops the program.

    Parameters
    ----------
    backend, filter_frames, num_frames, ordered, token
        Accepted as JAX does; there is one frame and one backend.

    Returns
    -------
    None

    See Also
    --------
    print, callback

    Examples
    --------
    >>> import io, sys
    >>> import funcgrad as fg, funcgrad.numpy as fnp
    >>> @fg.jit
    ... def f(x):
    ...     y = fnp.sin(x) * 2.0
    ...     fg.debug.breakpoint()
    ...     return y
    >>> sys.stdin = io.StringIO("p y\nc\n")    # what a user would type
    >>> _ = f(fnp.asarray(0.5)); _ = sys.stdout.write("\n")  # doctest: +NORMALIZE_WHITESPACE
    (jdb) array(0.95885108)
    (jdb)
    >>> sys.stdin = sys.__stdin__
    """
    frame = inspect.currentframe()
    caller = frame.f_back if frame is not None else None
    if caller is None:  # pragma: no cover - CPython always has the caller's frame
        raise RuntimeError("funcgrad.debug.breakpoint: no caller frame to show")
    env = dict(caller.f_locals)
    where = (caller.f_code.co_filename, caller.f_lineno, caller.f_code.co_name)
    del frame, caller

    def stop(env: dict[str, Any]) -> None:
        _Debugger(dict(env), where).cmdloop()

    callback(stop, env)
