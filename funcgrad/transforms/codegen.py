"""Straight-line NumPy source from an IR: what ``jit`` executes and ``make_source`` shows.

Every equation becomes one line (``t3 = np.sin(t2)``). Common primitives are
written as the NumPy a person would write; any other primitive calls its
implementation through a module-level name (``_name = registry["name"].impl``).
A primitive's spelling is declared beside it with
:func:`~funcgrad.core.primitive.defsource`; a primitive whose ``impl`` is a
NumPy ufunc is spelled ``np.<ufunc>(...)`` without asking.

A spelling that is more than one expression (``scatter_add``, a loop) is an ``emit``
function given the generator, which offers: ``src(atom)`` (an input's source),
``function(ir, name)`` (a sub-IR compiled to a module-level function: a loop body),
``index_src(index)``, ``fresh_name()``, ``assign(eqn, expr)``, ``lines`` (append
statements), ``names`` (output id -> name), ``owned`` (ids of buffers the code
allocated) and ``reusable(atom, k, out)`` (whether a dead input's buffer may be
overwritten by equation ``k``).

Buffers are reused where it is safe: an elementwise ufunc whose input's buffer
is dead afterwards writes into it (``np.multiply(t1, t2, out=t1)``). Only
buffers the generated code allocated itself, that no view refers to and that
are not returned, are reused — never an argument or a constant.
"""

from __future__ import annotations

import base64
import importlib
import keyword
import math
import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..core.ir import IR, Eqn, Literal
from ..core.primitive import Primitive, Source, defsource  # noqa: F401 - defsource: the public name here too
from ..core.primitive import dtype_source as _dtype_src
from .optimize import is_elementwise, optimize

# ---------------------------------------------------------------------------
# Literals and constants
# ---------------------------------------------------------------------------

_INLINE_LIMIT = 8  # arrays with at most this many elements are written into the source


def _number_src(v: Any) -> str | None:
    """Source for a Python or NumPy scalar that evaluates to the same type and value."""
    src = _bare_number_src(v)
    if src is not None and src.startswith("-"):
        return f"({src})"
    return src


def _bare_number_src(v: Any) -> str | None:
    if isinstance(v, (bool, np.bool_)):
        return repr(bool(v)) if isinstance(v, bool) else f"np.{bool(v)}_"
    if isinstance(v, np.generic):
        inner = _bare_number_src(v.item())
        return None if inner is None else f"{_dtype_src(v.dtype)}({inner})"
    if isinstance(v, int):
        return repr(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "np.nan"
        if math.isinf(v):
            return "np.inf" if v > 0 else "-np.inf"
        return repr(v)
    if isinstance(v, complex):
        if not (math.isfinite(v.real) and math.isfinite(v.imag)):
            return None
        return f"complex({v.real!r}, {v.imag!r})"
    return None


def _array_src(a: np.ndarray) -> str:
    """``a`` as source: a literal when its values print exactly, else its bytes."""
    if a.dtype.kind in "biuf" or (a.dtype.kind == "c" and np.all(np.isfinite(a))):
        if a.dtype.kind not in "fc" or np.all(np.isfinite(a)):
            return f"np.array({a.tolist()!r}, dtype={_dtype_src(a.dtype)})"
    data = base64.b64encode(np.ascontiguousarray(a).tobytes()).decode()
    return (f"np.frombuffer(base64.b64decode({data!r}), dtype={a.dtype.str!r})"
            f".reshape({a.shape!r})")


def _small_index_array(a: np.ndarray) -> bool:
    return a.ndim >= 1 and a.size <= _INLINE_LIMIT and a.dtype.kind in "iub"


# ---------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------

class Generated:
    """Generated source: the function text, the module header it needs, and its globals."""

    def __init__(self, name: str, function: str, header: list[str], namespace: dict) -> None:
        self.name = name
        self.function = function
        self.header = header
        self.namespace = namespace

    def module_source(self) -> str:
        """Standalone source: imports, constants, then the function."""
        parts = ["import numpy as np"]
        if any("base64." in line for line in self.header):
            parts.insert(0, "import base64")
        if any("registry[" in line for line in self.header):
            parts.append("from funcgrad.core.primitive import registry")
        parts += [f"import {m}" for m in _modules_named("\n".join(self.header + [self.function]))]
        text = "\n".join(parts) + "\n\n"
        if self.header:
            text += "\n".join(self.header) + "\n\n\n"
        else:
            text += "\n"
        return text + self.function

    def compile(self) -> Callable:
        """``exec`` the function once; constants and helpers come from the namespace."""
        namespace = dict(self.namespace)
        namespace["np"] = np
        for m in _modules_named(self.function):
            importlib.import_module(m)
            namespace[m.split(".")[0]] = importlib.import_module(m.split(".")[0])
        code = compile(self.function, f"<funcgrad.jit {self.name}>", "exec")
        exec(code, namespace)  # noqa: S102 - our own generated source
        fn = namespace[self.name]
        fn.__funcgrad_source__ = self.function
        return fn


def _modules_named(text: str) -> list[str]:
    """The modules beyond NumPy that spellings in ``text`` call (``scipy.special.erf(t1)``)."""
    return sorted(set(re.findall(r"\b(scipy(?:\.\w+)+)\.\w+\(", text)))


def identifier(name: str, taken: set[str]) -> str:
    """``name`` made a valid, unused Python identifier (and marked used)."""
    out = "".join(c if c.isalnum() or c == "_" else "_" for c in name).strip("_") or "x"
    if out[0].isdigit():
        out = "_" + out
    if keyword.iskeyword(out) or out in {"np", "base64", "registry", "scipy"}:
        out += "_"
    base, k = out, 1
    while out in taken:
        k += 1
        out = f"{base}{k}"
    taken.add(out)
    return out


def generate(ir: IR, name: str = "f", arg_names: Sequence[str] | None = None,
             returns: str | None = None, chunk: int | None = None) -> Generated:
    """Source for ``ir`` as a function ``name(args...)``.

    ``returns`` is a format string over the outputs' source (``"{0}, {1}"``);
    by default the function returns a tuple of the outputs. With ``chunk``, the
    body is split into functions of about that many statements each (see
    :func:`split_into_chunks`): CPython compiles one huge function in superlinear
    time and memory, and many small ones in linear time.
    """
    generated = _Generator(ir, name, arg_names, returns).run()
    if chunk is not None:
        generated = split_into_chunks(generated, chunk)
    return generated


_TOKEN = re.compile(r"[A-Za-z_]\w*")
_DEFINES = re.compile(r"^([A-Za-z_]\w*(?:, *[A-Za-z_]\w*)*),? = ")


def split_into_chunks(generated: Generated, size: int) -> Generated:
    """``generated``'s function with its body split into functions of ``size`` statements.

    Values crossing from one part to a later one travel in a dict: a part reads what it
    uses from earlier parts at its start (removing it at its last use, so memory is
    freed as in one function), and stores what later parts (or the return) use at its end.
    """
    text = generated.function
    header, *body = text.rstrip("\n").split("\n")
    ret = body.pop()
    args = [a.strip() for a in header[header.index("(") + 1:header.rindex(")")].split(",")
            if a.strip()]
    statements: list[list[str]] = []
    for line in body:
        line = line[4:]
        if line[:1] in (" ", "\t") and statements:
            statements[-1].append(line)  # the continuation of a compound statement
        else:
            statements.append([line])
    if len(statements) <= size:
        return generated
    chunks = [statements[i:i + size] for i in range(0, len(statements), size)]
    # Every name a part assigns (a loop's body reassigns its carry: not only at the start).
    defined = [{n for stmt in c for line in stmt for n in _defined(line.lstrip())}
               for c in chunks]
    local = set(args).union(*defined)
    used = [{t for stmt in c for line in stmt for t in _TOKEN.findall(line)} & local
            for c in chunks]
    returned = {t for t in _TOKEN.findall(ret)} & local
    # needed_after[i]: names used by parts after i or by the return
    needed_after = [set() for _ in chunks]
    later = set(returned)
    for i in range(len(chunks) - 1, -1, -1):
        needed_after[i] = set(later)
        later |= used[i]
    name = generated.name
    parts = []
    calls = []
    available = set(args)  # names R holds when a part starts
    for i, c in enumerate(chunks):
        part = f"{name}_part{i + 1}"
        lines = []
        for n in sorted(used[i] & available):
            how = "R[{!r}]" if n in needed_after[i] else "R.pop({!r})"
            lines.append(f"{n} = {how.format(n)}")
        available |= defined[i]
        lines += [line for stmt in c for line in stmt]
        exports = defined[i] & needed_after[i]
        lines += [f"R[{n!r}] = {n}" for n in sorted(exports)]
        parts.append(f"def {part}(R):\n" + "".join(f"    {line}\n" for line in lines))
        calls.append(f"{part}(R)")
    main = [f"R = {{{', '.join(f'{a!r}: {a}' for a in args)}}}"] + calls
    main += [f"{n} = R[{n!r}]" for n in sorted(returned - set(args))]
    main.append(ret.strip())
    function = "\n\n".join(parts) + "\n\n" + header + "\n" + "".join(
        f"    {line}\n" for line in main)
    return Generated(name, function, generated.header, generated.namespace)


_LOOP_DEFINES = re.compile(r"^for ([A-Za-z_]\w*(?:, *[A-Za-z_]\w*)*) in ")


def _defined(line: str) -> list[str]:
    m = _DEFINES.match(line) or _LOOP_DEFINES.match(line)  # (a rerolled loop's variables)
    if m is None:
        return []
    return [n.strip() for n in m.group(1).split(",") if n.strip() and n.strip() != "_"]


class _Generator:
    def __init__(self, ir, name, arg_names, returns, parent=None):
        self.ir = ir
        # A loop body's generator shares its parent's module-level names.
        self.taken: set[str] = set() if parent is None else parent.taken
        self.name = identifier(name, self.taken)
        self.names: dict[int, str] = {}
        self.header: list[str] = [] if parent is None else parent.header
        self.namespace: dict[str, Any] = {} if parent is None else parent.namespace
        self.helpers: dict[Primitive, str] = {} if parent is None else parent.helpers
        self.lines: list[str] = []
        self.returns = returns
        self.counter = 0
        # Values a rerolled loop collected: id -> (list name, index, length).
        self.list_items: dict[int, tuple[str, int, int]] = {}
        arg_names = list(arg_names or [])
        self.args = []
        for k, v in enumerate(ir.invars):
            n = identifier(arg_names[k] if k < len(arg_names) else f"x{k}", self.taken)
            self.args.append(n)
            self.names[id(v)] = n
        for v, c in zip(ir.constvars, ir.consts):
            self.names[id(v)] = self.constant(c)

    # -- names ---------------------------------------------------------------
    def fresh_name(self) -> str:
        while True:
            self.counter += 1
            n = f"t{self.counter}"
            if n not in self.taken:
                self.taken.add(n)
                return n

    def fresh_list(self) -> str:
        """A new name for a list a loop collects values in (``L1``)."""
        k = 0
        while True:
            k += 1
            if f"L{k}" not in self.taken:
                self.taken.add(f"L{k}")
                return f"L{k}"

    def loop_body(self, ir: IR) -> _Generator:
        """A generator for ``ir`` written inline as a loop's body (see :meth:`body_lines`):
        it shares this one's names, constants and helpers."""
        return _Generator(optimize(ir), "loop", None, None, parent=self)

    def body_lines(self) -> tuple[list[str], list[str]]:
        """The statements of this generator's IR and its outputs' source, unindented."""
        self.plan_buffers()
        for k, eqn in enumerate(self.ir.eqns):
            self.emit(k, eqn)
        return self.lines, [self.src(v) for v in self.ir.outvars]

    def constant(self, value: Any) -> str:
        if isinstance(value, (np.generic, int, float, complex, bool)) or (
            isinstance(value, np.ndarray) and value.ndim == 0
        ):
            v = value[()] if isinstance(value, np.ndarray) else value
            src = _number_src(v)
            if src is not None:
                return src
        value = np.asarray(value)
        n = identifier(f"c{len(self.namespace)}", self.taken)
        self.namespace[n] = value
        self.header.append(f"{n} = {_array_src(value)}")
        return n

    def helper(self, prim: Primitive) -> str:
        n = self.helpers.get(prim)
        if n is not None:
            return n
        n = self.helpers[prim] = identifier(prim.name, self.taken)
        self.namespace[n] = prim.impl
        self.header.append(f"{n} = registry[{prim.name!r}].impl")
        return n

    def src(self, atom: Any) -> str:
        if isinstance(atom, Literal):
            s = _number_src(atom.value)
            return s if s is not None else self.constant(atom.value)
        return self.names[id(atom)]

    def param_src(self, value: Any) -> str:
        if isinstance(value, np.ndarray):
            return self.constant(value) if value.size > _INLINE_LIMIT else _array_src(value)
        if isinstance(value, np.dtype) or (isinstance(value, type)
                                           and issubclass(value, np.generic)):
            return _dtype_src(value)
        if isinstance(value, tuple):
            inner = ", ".join(self.param_src(v) for v in value)
            return f"({inner},)" if len(value) == 1 else f"({inner})"
        if isinstance(value, list):
            return "[" + ", ".join(self.param_src(v) for v in value) + "]"
        if value is None or isinstance(value, (str, slice)) or value is Ellipsis:
            return repr(value)
        s = _number_src(value)
        if s is not None:
            return s
        n = identifier("p", self.taken)
        self.namespace[n] = value
        self.header.append(f"# {n}: {value!r} (a parameter with no source form)")
        return n

    def index_src(self, index: tuple) -> str:
        parts = []
        for i in index:
            if i is None:
                parts.append("None")
            elif i is Ellipsis:
                parts.append("...")
            elif isinstance(i, slice):
                s = "" if i.start is None else str(i.start)
                s += ":" + ("" if i.stop is None else str(i.stop))
                if i.step is not None:
                    s += f":{i.step}"
                parts.append(s)
            elif isinstance(i, np.ndarray):
                parts.append(repr(i.tolist()) if _small_index_array(i) else self.constant(i))
            else:
                parts.append(str(i))
        if not parts:
            return "()"
        if len(parts) == 1 and isinstance(index[0], np.ndarray) and index[0].ndim == 0:
            return parts[0] + ","
        return ", ".join(parts)

    def function(self, ir: IR, name: str) -> str:
        """Compile ``ir`` (a loop body, a branch) into a module-level function; its name."""
        sub = _Generator(optimize(ir), name, None, None, parent=self)
        generated = sub.run()
        self.namespace[sub.name] = generated.compile()
        self.header.extend(generated.function.rstrip("\n").split("\n"))
        return sub.name

    # -- buffers -------------------------------------------------------------
    def plan_buffers(self) -> None:
        """Which variables own a buffer the code may overwrite once they are dead."""
        ir = self.ir
        self.last_use: dict[int, int] = {}
        self.escaped: set[int] = {id(v) for v in ir.outvars if not isinstance(v, Literal)}
        for k, eqn in enumerate(ir.eqns):
            spec = _spec(eqn)
            # Consumers that never alias their inputs (scatter_add copies its operand).
            safe = spec is not None and spec.fresh
            for a in eqn.inputs:
                if isinstance(a, Literal):
                    continue
                self.last_use[id(a)] = k
                if not safe:
                    self.escaped.add(id(a))
        self.owned: set[int] = set()

    def reusable(self, atom: Any, k: int, out) -> bool:
        return (
            not isinstance(atom, Literal)
            and id(atom) in self.owned
            and id(atom) not in self.escaped
            and self.last_use.get(id(atom)) == k
            and atom.aval == out.aval
            and out.aval.ndim >= 1
        )

    # -- emission ------------------------------------------------------------
    def run(self) -> Generated:
        self.plan_buffers()
        for k, eqn in enumerate(self.ir.eqns):
            self.emit(k, eqn)
        outs = [self.src(v) for v in self.ir.outvars]
        if self.returns is not None:
            ret = self.returns.format(*outs)
        else:
            ret = "(" + ", ".join(outs) + ("," if len(outs) == 1 else "") + ")"
        body = self.lines + [f"return {ret}"]
        text = f"def {self.name}({', '.join(self.args)}):\n"
        text += "".join(f"    {line}\n" for line in body)
        return Generated(self.name, text, self.header, self.namespace)

    def emit(self, k: int, eqn: Eqn) -> None:
        prim = eqn.prim
        args = [self.src(a) for a in eqn.inputs]
        spec = _spec(eqn)
        if spec is not None and spec.emit is not None:
            return spec.emit(self, k, eqn, args)
        if spec is None or prim.multiple_results:
            helper = self.helper(prim)
            params = "".join(f", {key}={self.param_src(v)}" for key, v in eqn.params.items())
            call = f"{helper}({', '.join(args)}{params})"
            if prim.multiple_results:
                names = [self.fresh_name() for _ in eqn.outputs]
                for o, n in zip(eqn.outputs, names):
                    self.names[id(o)] = n
                self.lines.append(f"{', '.join(names) or '_'}{',' if len(names) == 1 else ''}"
                                  f" = {call}")
                return None
            return self.assign(eqn, call)
        template, ufunc = spec.template, spec.ufunc
        out = eqn.outputs[0]
        args = self.weaken_literals(eqn, args)
        if ufunc is not None:
            for a, s in zip(eqn.inputs, args):
                if self.reusable(a, k, out):
                    extra = [self.param_src(eqn.params[p]) for p in spec.ufunc_params]
                    self.lines.append(f"np.{ufunc}({', '.join(args + extra)}, out={s})")
                    self.names[id(out)] = s
                    self.owned.add(id(out))
                    return None
        if template is None:
            expr = f"np.{ufunc}({', '.join(args)})"
        elif callable(template):
            params = dict(eqn.params)
            if eqn.inputs:
                params["_ndim"] = eqn.inputs[0].aval.ndim
            expr = template(args, params)
        else:
            expr = template.format(*args, **{k2: self.param_src(v)
                                             for k2, v in eqn.params.items()})
        self.assign(eqn, expr)
        if spec.fresh:
            self.owned.add(id(out))
        return None

    def weaken_literals(self, eqn: Eqn, args: list) -> list:
        """Write a NumPy-scalar literal as a Python number (``2.0``, not
        ``np.float64(2.0)``) where NumPy's promotion gives the same result dtype:
        when every other operand is an array of the output's dtype."""
        if eqn.prim.multiple_results or not is_elementwise(eqn.prim):
            return args
        out_dtype = eqn.outputs[0].aval.dtype
        arrays = [a for a in eqn.inputs if not isinstance(a, Literal)]
        if not arrays or any(a.aval.dtype != out_dtype for a in arrays):
            return args
        out = list(args)
        for k, a in enumerate(eqn.inputs):
            if isinstance(a, Literal) and isinstance(a.value, np.generic) \
                    and a.value.dtype == out_dtype:
                src = _number_src(a.value.item())
                if src is not None:
                    out[k] = src
        return out

    def assign(self, eqn: Eqn, expr: str) -> None:
        n = self.fresh_name()
        self.names[id(eqn.outputs[0])] = n
        self.lines.append(f"{n} = {expr}")


def _spec(eqn: Eqn) -> Source | None:
    spec = eqn.prim.source
    if spec is None and not eqn.params:
        spec = _auto_source(eqn.prim)
    return spec


def _auto_source(prim: Primitive):
    """A plain-ufunc primitive reads as ``np.<ufunc>(...)``."""
    impl = prim.impl
    if isinstance(impl, np.ufunc) and impl.signature is None and impl.nout == 1:
        name = impl.__name__
        if getattr(np, name, None) is impl:
            return Source(lambda args, params: f"np.{name}({', '.join(args)})", name, True,
                          (), None)
    return None
