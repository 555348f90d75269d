"""NumPy-style docstring sections for the faces' public functions.

Every public function has a one-line summary, ``Parameters`` (when it takes
any), ``Returns``, ``See Also`` and ``Examples`` (tests/test_docstrings.py
checks it). The faces mirror hundreds of names of NumPy, SciPy and PyTorch;
their docstrings keep their own summary, notes and example, and the sections
that repeat the anchor's contract are filled in here, at import:

* :func:`complete` adds the sections a docstring lacks, in NumPy's order
  (before ``Notes``, ``References`` and ``Examples``), and leaves the ones it
  has as they are;
* :func:`anchor_sections` reads the ``Parameters`` and ``Returns`` of the
  anchor's own function (``numpy.sin`` for ``funcgrad.numpy.sin``), as
  ``jax.numpy`` does, keeping the entries of the parameters our signature has;
* :func:`signature_parameters` describes a signature from a table of the
  face's common parameter names (``input``, ``dim``, ``keepdim``, ...).

>>> from funcgrad.core.docstrings import complete, section_titles
>>> def double(x):
...     '''Twice ``x``.
...
...     Examples
...     --------
...     >>> double(2)
...     4
...     '''
...     return 2 * x
>>> complete(double, parameters=[("x", "number", "What to double.")],
...          returns=[("number", "``2 * x``.")], see_also=[("operator.mul", "")])
>>> section_titles(double.__doc__)
['Parameters', 'Returns', 'See Also', 'Examples']
"""

from __future__ import annotations

import functools
import inspect
import re
import types
from collections.abc import Callable, Iterable, Sequence
from typing import Any

#: NumPy's order of docstring sections.
ORDER = ["Parameters", "Returns", "Yields", "Raises", "Warns", "See Also", "Notes",
         "References", "Examples"]
_AFTER_SEE_ALSO = ("Notes", "References", "Examples")

# (name, type, description) of a parameter; (type, description) of a result.
Parameter = tuple[str, str, str]
Result = tuple[str, str]


_INDENTS = re.compile(r"\n([ ]*)(?=\S)")


def _dedent(doc: str) -> str:
    """``inspect.cleandoc``, faster (regular expressions rather than a loop over the
    lines): docstrings are dedented by the thousand at import."""
    doc = doc.expandtabs()
    indents = _INDENTS.findall(doc)
    margin = min(map(len, indents)) if indents else 0
    if margin:
        doc = re.sub(f"\n[ ]{{0,{margin}}}", "\n", doc)
    return doc.strip()


_HEADING = re.compile(r"\n([^\s-][^\n]*)\n[ \t]*---+[ \t]*(?=\n|$)")


@functools.lru_cache(maxsize=4096)
def _split(doc: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``((title, lines), ...)``: the text before any heading has the title ``""``."""
    text = _dedent(doc)
    parts: list[tuple[str, tuple[str, ...]]] = []
    title, start = "", 0
    for match in _HEADING.finditer(text):
        parts.append((title, tuple(text[start:match.start() + 1].split("\n"))))
        title = match.group(1).strip()
        title = "See Also" if title.lower() == "see also" else title
        start = match.end() + 1
    parts.append((title, tuple(text[start:].split("\n"))))
    return tuple(parts)


def section_titles(doc: str | None) -> list[str]:
    """The titles of the NumPy-style sections of ``doc``, in order."""
    return [title for title, _ in _split(doc or "")[1:]]


def section(doc: str | None, title: str) -> list[str]:
    """The lines of section ``title`` of ``doc`` (empty when it has none)."""
    for t, lines in _split(doc or "")[1:]:
        if t == title:
            return list(lines)
    return []


def _entries(lines: list[str]) -> list[tuple[str, list[str]]]:
    """``name : type`` headers of a Parameters/Returns section with their indented text."""
    out: list[tuple[str, list[str]]] = []
    for line in lines:
        if line.strip() and not line.startswith(" "):
            out.append((line.rstrip(), []))
        elif out:
            out[-1][1].append(line.rstrip())
    return [(head, list(_trim(body))) for head, body in out]


def _trim(lines: Sequence[str]) -> Sequence[str]:
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


_ROLE_WITH_TARGET = re.compile(r":(?:ref|doc|term|label):`([^`<]*?)\s*<[^>]*>`")
_ROLE = re.compile(r":(?:ref|doc|term|label):`([^`]*)`")
_CITATION = re.compile(r"\s*\[[\w.-]+\]_")


def plain_text(text: str) -> str:
    """The anchor's text without cross-references to pages only its own docs have
    (its glossary, its guides, the citations of its References section)."""
    if "`" in text:
        text = _ROLE.sub(r"\1", _ROLE_WITH_TARGET.sub(r"\1", text))
    return _CITATION.sub("", text) if "]_" in text else text


_NOTES = re.compile(r"\n[ \t]*(?:Notes|References|Examples)[ \t]*\n[ \t]*---")


@functools.lru_cache(maxsize=1024)
def contract(doc: str) -> str:
    """``doc`` up to its Notes, References or Examples: the summary, Parameters, Returns
    and See Also of an anchor's docstring (the rest is long and not read here)."""
    match = _NOTES.search(doc)
    return doc[:match.start()] if match else doc


def anchor_sections(fn: Callable[..., Any], anchor: Any,
                    table: dict[str, tuple[str, str]] | None = None,
                    default: str = "") -> tuple[list[str], list[str]]:
    """The Parameters and Returns lines for ``fn`` from ``anchor``'s docstring.

    Parameters
    ----------
    fn : callable
        Our function: its parameters are described in its signature's order.
    anchor : callable
        The function of NumPy or SciPy that ``fn`` follows.
    table : dict, optional
        ``{name: (type, description)}`` of parameters the anchor does not
        describe; a type starting with ``!`` wins over the anchor's entry (a
        parameter that means something else here, such as ``out``).
    default : str, optional
        The description of a parameter found in neither, formatted with
        ``name``; such a parameter is left out when it is empty.

    Returns
    -------
    tuple of (list of str, list of str)
        The lines of the two sections; the anchor's Returns is empty when it
        has none (or Python runs with ``-OO`` and keeps no docstrings).

    See Also
    --------
    complete : adds the sections to a docstring.

    Examples
    --------
    >>> import numpy as np
    >>> from funcgrad.core.docstrings import anchor_sections
    >>> def sin(x, /): ...
    >>> params, returns = anchor_sections(sin, np.sin)
    >>> params[0]
    'x : array_like'
    """
    table = table or {}
    doc = contract(getattr(anchor, "__doc__", None) or "")
    entries: dict[str, tuple[int, str, list[str]]] = {}
    for k, (head, body) in enumerate(_entries(section(doc, "Parameters"))):
        kind = head.split(":", 1)[1].strip() if ":" in head else ""
        for n in head.split(":")[0].split(","):
            entries[n.strip().lstrip("*")] = (k, kind, body)
    names = _signature_names(fn)
    params: list[str] = []
    done: set[int] = set()
    for name in names:
        if name in entries and not table.get(name, ("",))[0].startswith("!"):
            k, kind, body = entries[name]
            if k in done:
                continue
            done.add(k)
            together = [n for n in names if entries.get(n, (None,))[0] == k]
            params.append(", ".join(together) + (f" : {kind}" if kind else ""))
            params.extend(plain_text(line) for line in body)
        elif name in table or default:
            kind, text = table.get(name, ("", default.format(name=name)))
            kind = kind.lstrip("!")
            params.append(f"{name} : {kind}" if kind else name)
            params.extend("    " + t for t in text.splitlines())
    returns = [plain_text(line) for line in _trim(section(doc, "Returns"))]
    return params, returns


_EMPTY = inspect.Parameter.empty
_STAR: dict[Any, str] = {inspect.Parameter.VAR_POSITIONAL: "*",
                         inspect.Parameter.VAR_KEYWORD: "**"}


@functools.lru_cache(maxsize=8192)
def _parameters(fn: Callable[..., Any]) -> tuple[tuple[str, str, bool], ...]:
    """``(name, star, has_default)`` of ``fn``'s parameters, ``self`` and private ones left
    out. A plain function's code object says it (``inspect.signature`` is slow by the
    thousand); other callables go through ``inspect.signature``."""
    inner = fn
    init = getattr(fn, "__init__", None) if type(fn) is type else None
    if isinstance(init, types.FunctionType) and getattr(fn, "__new__", None) is object.__new__ \
            and "__signature__" not in vars(fn):
        inner = init  # a plain class: its __init__ says it (``self`` is left out below)
    while hasattr(inner, "__wrapped__") and not hasattr(inner, "__signature__"):
        inner = inner.__wrapped__
    code = getattr(inner, "__code__", None)
    if code is not None and not hasattr(inner, "__signature__") and \
            isinstance(inner, types.FunctionType):
        n, k = code.co_argcount, code.co_kwonlyargcount
        names = list(code.co_varnames[:n + k])
        stars = [""] * (n + k)
        defaults = [False] * (n - len(inner.__defaults__ or ())) + \
            [True] * len(inner.__defaults__ or ())
        defaults += [name in (inner.__kwdefaults__ or {}) for name in names[n:]]
        extra = n + k
        if code.co_flags & inspect.CO_VARARGS:
            names.insert(n, code.co_varnames[extra])
            stars.insert(n, "*")
            defaults.insert(n, False)
            extra += 1
        if code.co_flags & inspect.CO_VARKEYWORDS:
            names.append(code.co_varnames[extra])
            stars.append("**")
            defaults.append(False)
        out: Iterable[tuple[str, str, bool]] = zip(names, stars, defaults)
    else:
        try:
            sig = inspect.signature(fn)
        except (TypeError, ValueError):
            return ()
        out = ((p.name, _STAR.get(p.kind, ""), p.default is not _EMPTY)
               for p in sig.parameters.values())
    return tuple(p for p in out if p[0] not in ("self", "cls") and not p[0].startswith("_"))


def _signature_names(fn: Callable[..., Any]) -> list[str]:
    try:
        return [p[0] for p in _parameters(fn)]
    except TypeError:  # unhashable
        return []


def signature_parameters(fn: Callable[..., Any], table: dict[str, tuple[str, str]],
                         default: str = "") -> list[Parameter]:
    """``(name, type, description)`` of each parameter of ``fn`` from ``table``.

    A name missing from the table gets ``default`` (formatted with ``name``) or,
    when that is empty, is left out.
    """
    out: list[Parameter] = []
    try:
        params = _parameters(fn)
    except TypeError:  # unhashable
        return out
    for name, star, has_default in params:
        if name in table:
            kind, text = table[name]
        elif default:
            kind, text = "", default.format(name=name)
        else:
            continue
        if has_default and kind and "optional" not in kind:
            kind += ", optional"
        elif not has_default and not star:
            kind = kind.replace(", optional", "")  # the table's usual case, not this one's
        out.append((star + name, kind, text))
    return out


def takes_parameters(fn: Callable[..., Any]) -> bool:
    """Whether ``fn``'s signature names any parameter (``self`` aside)."""
    return bool(_signature_names(fn))


def _render(title: str, lines: Iterable[str]) -> list[str]:
    return [title, "-" * len(title), *lines, ""]


def _parameter_lines(parameters: Sequence[Parameter] | Sequence[str]) -> list[str]:
    out: list[str] = []
    for item in parameters:
        if isinstance(item, str):
            out.append(item)
            continue
        name, kind, text = item
        out.append(f"{name} : {kind}" if kind else name)
        out.extend("    " + line if line else "" for line in text.splitlines())
    return out


def _result_lines(returns: Sequence[Result] | Sequence[str]) -> list[str]:
    out: list[str] = []
    for item in returns:
        if isinstance(item, str):
            out.append(item)
            continue
        kind, text = item
        out.append(kind)
        out.extend("    " + line if line else "" for line in text.splitlines())
    return out


def _see_also_lines(see_also: Sequence[tuple[str, str]]) -> list[str]:
    out, seen = [], set()
    for name, text in see_also:
        if name in seen:
            continue
        seen.add(name)
        out.append(f"{name} : {text}" if text else name)
    return out


def _fill_empty(lines: Sequence[str], generated: list[str]) -> list[str] | None:
    """``lines`` (a Parameters section) with the descriptions of ``generated`` given to
    its entries that have none; None when there is nothing to fill."""
    texts: dict[str, list[str]] = {}
    for head, body in _entries(generated):
        for name in head.split(":")[0].split(","):
            texts[name.strip().lstrip("*")] = [line for line in body if line.strip()]
    out: list[str] = []
    changed = False
    lines = list(_trim(lines))
    for i, line in enumerate(lines):
        out.append(line)
        if not line.strip() or line.startswith(" "):
            continue
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if following.startswith(" ") and following.strip():
            continue
        names = [n.strip().lstrip("*") for n in line.split(":")[0].split(",")]
        body = [t for n in names for t in texts.get(n, [])]
        if body:
            out.extend(body)
            changed = True
    return out if changed else None


_LATE = re.compile(r"\n([ \t]*)(?:Notes|References|Examples)[ \t]*\n[ \t]*---")
_EARLY = re.compile(r"\n[ \t]*(?:Parameters|Other Parameters|Returns|Yields|Raises|Warns|"
                    r"See Also|Attributes|Methods)[ \t]*\n[ \t]*---")


def _insert_sections(doc: str, parameters: Sequence[Parameter] | Sequence[str],
                     returns: Sequence[Result] | Sequence[str],
                     see_also: Sequence[tuple[str, str]]) -> str | None:
    """:func:`with_sections` for the usual docstring, fast: one that has none of the
    sections before Notes and has Notes, References or Examples, before which the new
    sections go, in the docstring's own indentation (None for any other docstring)."""
    late = _LATE.search(doc)
    if late is None or _EARLY.search(doc, 0, late.start() + 1) is not None:
        return None
    lines: list[str] = []
    if parameters:
        lines += _render("Parameters", _parameter_lines(parameters))
    if returns:
        lines += _render("Returns", _result_lines(returns))
    if see_also:
        lines += _render("See Also", _see_also_lines(see_also))
    if not lines:
        return doc
    indent = late.group(1)
    text = "\n".join(indent + line if line else "" for line in lines)
    return doc[:late.start()].rstrip() + "\n\n" + text + doc[late.start():]


def with_sections(doc: str | None, *, parameters: Sequence[Parameter] | Sequence[str] = (),
                  returns: Sequence[Result] | Sequence[str] = (),
                  see_also: Sequence[tuple[str, str]] = ()) -> str:
    """``doc`` with the given sections added where it has none of that title.

    An entry of the docstring's own Parameters section that has a type and no
    description (``fun : callable``) gets the description ``parameters`` has for it.
    """
    fast = _insert_sections(doc or "", parameters, returns, see_also)
    if fast is not None:
        return fast
    parts = _split(doc or "")
    have = {title for title, _ in parts}
    new: dict[str, list[str]] = {}
    if parameters and "Parameters" not in have and "Other Parameters" not in have:
        new["Parameters"] = _render("Parameters", _parameter_lines(parameters))
    elif parameters and "Parameters" in have:
        filled = _fill_empty(section(doc, "Parameters"), _parameter_lines(parameters))
        if filled is not None:
            parts = tuple((t, tuple(filled) if t == "Parameters" else lines)
                          for t, lines in parts)
            new["Parameters"] = []  # rebuild the docstring below
    if returns and "Returns" not in have and "Yields" not in have:
        new["Returns"] = _render("Returns", _result_lines(returns))
    if see_also and "See Also" not in have:
        new["See Also"] = _render("See Also", _see_also_lines(see_also))
    if not new:
        return doc or ""
    head = _trim(parts[0][1])
    body: list[str] = [*head, ""]
    pending = [t for t in ORDER if t in new]
    for title, lines in parts[1:]:
        if title in ORDER:
            while pending and ORDER.index(pending[0]) < ORDER.index(title):
                body += new[pending.pop(0)]
        if title in pending:
            pending.remove(title)
        body += _render(title, _trim(lines))
    for title in pending:
        body += new[title]
    return "\n".join(body).rstrip() + "\n"


def complete(fn: Any, *, parameters: Sequence[Parameter] | Sequence[str] = (),
             returns: Sequence[Result] | Sequence[str] = (),
             see_also: Sequence[tuple[str, str]] = ()) -> None:
    """Add to ``fn.__doc__`` the sections it lacks (no-op when docstrings are stripped)."""
    if not getattr(fn, "__doc__", None):
        return
    try:
        fn.__doc__ = with_sections(fn.__doc__, parameters=parameters, returns=returns,
                                   see_also=see_also)
    except (AttributeError, TypeError):  # a builtin's or a C type's fixed docstring
        pass


# ---------------------------------------------------------------------------
# A whole module of a face: the anchor's sections, or a table of parameter names
# ---------------------------------------------------------------------------

#: JAX's meaning of its common argument names, for the JAX-style faces
#: (``funcgrad``, ``lax``, ``random``, ``nn``, ``optimizers``, ``stax``, ``tree``).
JAX_PARAMETERS: dict[str, tuple[str, str]] = {
    "x": ("array_like", "The input array (or a traced value)."),
    "y": ("array_like", "The second input array."),
    "a": ("array_like", "The input array."),
    "b": ("array_like", "The second input array."),
    "operand": ("array_like", "The input array."),
    "operands": ("sequence of array_like", "The input arrays."),
    "lhs": ("array_like", "The left operand (for a convolution, the input: batch, "
            "feature and spatial dimensions, laid out as ``dimension_numbers`` says)."),
    "rhs": ("array_like", "The right operand (for a convolution, the kernel: output "
            "features, input features and spatial dimensions)."),
    "dtype": ("dtype, optional", "The dtype of the result."),
    "shape": ("tuple of ints, optional", "The shape of the result."),
    "key": ("array of uint32, shape (2,)", "A random key (:func:`funcgrad.random.key`)."),
    "axis": ("int or tuple of ints, optional", "The axis (or axes) to work along."),
    "axes": ("tuple of ints", "The axes to work along."),
    "dimension": ("int", "The axis to work along."),
    "dimensions": ("tuple of ints", "The axes."),
    "keepdims": ("bool, optional", "Keep the reduced axes with length one."),
    "where": ("array_like of bool, optional", "Elements to include."),
    "fun": ("callable", "The function to transform: arrays (or pytrees of arrays) in, "
            "arrays out."),
    "f": ("callable", "The function called (see the summary above for its arguments)."),
    "function": ("callable", "The function called (see the summary above for its "
                 "arguments)."),
    "argnum": ("int, optional", "HIPS autograd's name: the position of the argument to "
               "differentiate."),
    "callback": ("callable", "The Python function to call."),
    "tree": ("pytree", "Nested tuples, lists, dicts, None and registered nodes; the "
             "leaves are everything else."),
    "trees": ("pytrees", "Further pytrees of the same structure."),
    "rest": ("pytrees", "Further pytrees with the structure of ``tree``."),
    "is_leaf": ("callable, optional", "Treat a node for which it returns True as a leaf."),
    "treedef": ("PyTreeDef", "The structure (from ``tree_flatten`` or ``tree_structure``)."),
    "leaves": ("sequence", "The leaves, in the order of the flattening."),
    "argnums": ("int or tuple of ints, optional", "The positional arguments to "
                "differentiate (the first by default)."),
    "has_aux": ("bool, optional", "``fun`` returns ``(output, aux)``; ``aux`` is passed "
                "through undifferentiated."),
    "static_argnums": ("int or tuple of ints, optional", "Arguments that are Python "
                       "values, not traced."),
    "primals": ("tuple", "The point to differentiate at, one entry per argument."),
    "tangents": ("tuple", "The tangents, shaped like ``primals``."),
    "in_axes": ("int, None or pytree, optional", "The batch axis of each argument "
                "(None: not batched)."),
    "out_axes": ("int or pytree, optional", "Where the batch axis goes in the results."),
    "axis_name": ("hashable, optional", "The name of the mapped axis, for collectives."),
    "axis_index_groups": ("sequence, optional", "Groups of axis indices reduced "
                          "separately (None: one group)."),
    "reverse": ("bool, optional", "Go from the last element to the first."),
    "precision": ("optional", "Accepted for JAX's signature (NumPy computes in the dtype "
                  "of the inputs)."),
    "preferred_element_type": ("dtype, optional", "The dtype of the result."),
    "padding": ("str or sequence of pairs", "``'SAME'``, ``'VALID'`` or explicit "
                "``(low, high)`` pairs per spatial dimension."),
    "strides": ("tuple of ints, optional", "The step of the window per spatial dimension."),
    "window_strides": ("tuple of ints", "The step of the window per dimension."),
    "dimension_numbers": ("optional", "The layout of the operands (JAX's spec)."),
    "loc": ("array_like, optional", "The location parameter."),
    "scale": ("array_like, optional", "The scale parameter."),
    "df": ("array_like", "The degrees of freedom."),
    "mean": ("array_like", "The mean."),
    "cov": ("array_like", "The covariance matrix."),
    "p": ("array_like", "The probability (or probabilities)."),
    "n": ("int or array_like", "The number of trials, or a size."),
    "k": ("array_like", "The count (or counts)."),
    "q": ("array_like", "The probability of the quantile."),
    "mu": ("array_like", "The mean."),
    "alpha": ("array_like", "The shape parameter (or the slope, for an activation)."),
    "step_size": ("float or callable", "The step size, or a schedule: a function of the "
                  "step number."),
    "in_axis": ("int or tuple of ints, optional", "The input axes of the fan-in."),
    "out_axis": ("int or tuple of ints, optional", "The output axes of the fan-out."),
    "batch_axis": ("tuple of ints, optional", "Axes that are neither fan-in nor fan-out."),
    "mode": ("str, optional", "The variant, one of the strings JAX's function accepts "
             "(see the summary above)."),
    "eps": ("float, optional", "A small number for numerical stability."),
    "rtol": ("float, optional", "The relative tolerance."),
    "atol": ("float, optional", "The absolute tolerance."),
    "policy": ("callable, optional", "Which intermediates to save (a "
               "``checkpoint_policies`` policy); all are recomputed when None."),
    "prevent_cse": ("bool, optional", "Accepted for JAX's signature."),
    "args": ("", "Positional arguments, as JAX's function takes them."),
    "kwargs": ("", "Keyword arguments, as JAX's function takes them."),
    "check_finite": ("bool, optional", "Check that the input has only finite numbers."),
    "overwrite_a": ("bool, optional", "Accepted for SciPy's signature (inputs are never "
                    "overwritten)."),
    "overwrite_b": ("bool, optional", "Accepted for SciPy's signature (inputs are never "
                    "overwritten)."),
    "index": ("int or array_like", "The index."),
    "init": ("pytree", "The initial carry."),
    "xs": ("pytree, optional", "The values looped over, along their leading axis (None: "
           "``length`` iterations with no input)."),
    "length": ("int, optional", "The number of iterations when ``xs`` is None."),
    "unroll": ("int or bool, optional", "Accepted for JAX's signature (NumPy gains nothing "
               "from unrolling)."),
    "init_val": ("pytree", "The initial loop value."),
    "body_fun": ("callable", "One iteration: the new loop value from the old (and the "
                 "counter, for ``fori_loop``)."),
    "cond_fun": ("callable", "Whether to go on, from the loop value."),
    "lower": ("int", "The first counter value."),
    "upper": ("int", "The counter value to stop before."),
    "pred": ("bool or array_like", "The condition."),
    "true_fun": ("callable", "The branch taken when ``pred`` holds."),
    "false_fun": ("callable", "The branch taken otherwise."),
    "branches": ("sequence of callables", "The branches, chosen by ``index``."),
    "value": ("array_like", "The value."),
    "name": ("str", "The name."),
}


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def first_paragraph(doc: str) -> str:
    """The summary of a docstring: its first paragraph, on one line."""
    doc = doc.strip()
    blank = _BLANK_LINE.search(doc)
    return " ".join(line.strip() for line in (doc[:blank.start()] if blank else doc)
                    .splitlines())


def _first_line(fn: Any) -> str:
    return first_paragraph(fn.__doc__ or "")


def complete_module(module: Any, names: Iterable[str], *, anchor: str,
                    table: dict[str, tuple[str, str]],
                    anchor_module: Any = None, anchor_text: str = "",
                    related: dict[str, list[tuple[str, str]]] | None = None,
                    result: str = "Array",
                    specific: dict[str, dict[str, tuple[str, str]]] | None = None) -> None:
    """Add the missing sections to the docstrings of ``module``'s public ``names``.

    Parameters
    ----------
    module : module
        The face's module.
    names : iterable of str
        Its public names; those that are not funcgrad's own functions and
        classes are skipped.
    anchor : str
        The anchor's module (``"jax.lax"``): See Also names ``anchor.<name>``.
    table : dict
        ``{name: (type, description)}`` of parameters (:data:`JAX_PARAMETERS`).
    anchor_module : module, optional
        The anchor's module itself when it is at hand (SciPy's): its docstrings
        give the Parameters and Returns, as :func:`anchor_sections`.
    anchor_text : str, optional
        The description of the anchor's name in See Also.
    related : dict, optional
        ``{name: [(other name, description), ...]}``: more See Also entries.
    result : str, optional
        The type of a function's result when nothing else says it.
    specific : dict, optional
        ``{full name: {argument: (type, description)}}``: the arguments whose
        meaning is one function's own, read before ``table``.

    Returns
    -------
    None
        The docstrings are changed in place.

    See Also
    --------
    complete : one function.

    Examples
    --------
    >>> import types
    >>> from funcgrad.core.docstrings import JAX_PARAMETERS, complete_module, section_titles
    >>> m = types.ModuleType("funcgrad.demo")
    >>> def twice(x):
    ...     '''Twice ``x``.
    ...
    ...     Examples
    ...     --------
    ...     >>> twice(1)
    ...     2
    ...     '''
    ...     return 2 * x
    >>> twice.__module__ = m.__name__
    >>> m.twice = twice
    >>> complete_module(m, ["twice"], anchor="demo", table=JAX_PARAMETERS)
    >>> section_titles(twice.__doc__)
    ['Parameters', 'Returns', 'See Also', 'Examples']
    """
    text = anchor_text or f"The anchor's ``{anchor}`` function, which this one follows."
    for name in names:
        fn = getattr(module, name, None)
        if fn is None or not callable(fn) or not getattr(fn, "__doc__", None):
            continue
        if not (getattr(fn, "__module__", "") or "").startswith("funcgrad"):
            continue
        theirs = getattr(anchor_module, name, None) if anchor_module is not None else None
        own = (specific or {}).get(f"{module.__name__}.{name}")
        names_table = {**table, **own} if own else table
        see = [(f"{anchor}.{name}", text), *(related or {}).get(name, [])]
        if isinstance(fn, type):
            if "Attributes" in section_titles(fn.__doc__):
                complete(fn, see_also=see)
            else:
                complete(fn, parameters=_as_lines(signature_parameters(fn, names_table)),
                         see_also=see)
            continue
        if theirs is not None:
            params, returns = anchor_sections(fn, theirs, names_table)
        else:
            params = _as_lines(signature_parameters(fn, names_table))
            returns = []
        if not returns:
            returns = [result, "    " + (_first_line(fn) or "The result.")]
        complete(fn, parameters=params, returns=returns, see_also=see)


def _as_lines(parameters: Sequence[Parameter]) -> list[str]:
    return _parameter_lines(parameters)
