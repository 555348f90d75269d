"""W2: MLP 784-512-10, batch 256, tanh, softmax cross-entropy, float64 and float32.

Reports value-and-grad time, the forward alone, their ratio, and the ratio to the
hand-written NumPy value-and-grad. Compute-bound: the bar is a small overhead.
"""

from harness import fmt_ratio, fmt_time, ratio_bar, run_cases, table
from mlp import Problem, forward_cases, hand_value_and_grad, vg_cases

TITLE = "W2 MLP 784-512-10, batch 256 (value_and_grad)"
SIZES, BATCH = (784, 512, 10), 256
HAND = "numpy (hand)"


def vg_and_forward_table(prob, settings):
    """Run forward and value-and-grad cases for one Problem; return (markdown, vg_rows)."""
    import numpy as np

    ref = hand_value_and_grad(np, tuple(p.astype(np.float64) for p in prob.params),
                              prob.X.astype(np.float64), prob.Y.astype(np.float64), prob.kind)
    rtol, atol = prob.tolerance()
    where = f"{prob.dtype.name} {prob.X.shape}"
    vg_rows = run_cases(vg_cases(prob), settings, reference=ref, rtol=rtol, atol=atol,
                        context=f"{where} value_and_grad")
    fwd_rows = run_cases(forward_cases(prob), settings, context=f"{where} forward")
    hand = vg_rows[0] if vg_rows[0].ok else None
    body = []
    for vg, fwd in zip(vg_rows, fwd_rows):
        if not vg.ok:
            body.append([vg.label, vg.status, "-", "-", "-", "-", "-"])
            continue
        fwd_time = fwd.time if fwd.ok else None
        body.append([
            vg.label,
            fmt_time(vg.time),
            fmt_time(fwd_time) if fwd.ok else fwd.status,
            fmt_ratio(vg.time / fwd_time) if fwd_time else "-",
            fmt_ratio(vg.time / hand.time) if hand else "-",
            fmt_time(vg.first),
            vg.check,
        ])
    headers = ["implementation", "value+grad", "forward alone", "vg / forward",
               "vg / hand vg", "first call (compile)", "gradient check"]
    return table(headers, body), vg_rows


def run(settings, args):
    texts, bars, all_rows = [], [], []
    for dtype in ("float64", "float32"):
        prob = Problem(SIZES, BATCH, "ce", dtype)
        text, rows = vg_and_forward_table(prob, settings)
        texts.append(f"**{dtype}**\n\n{text}")
        all_rows.extend(rows)
        bars.append(ratio_bar(f"W2 {dtype} funcgrad value_and_grad / hand NumPy", rows,
                              "funcgrad value_and_grad", HAND, 1.10))
        bars.append(ratio_bar(f"W2 {dtype} funcgrad jit(value_and_grad) / hand NumPy", rows,
                              "funcgrad jit(value_and_grad)", HAND, 1.15))
        bars.append(ratio_bar(f"W2 {dtype} funcgrad.torch backward / torch backward", rows,
                              "funcgrad.torch backward", "torch backward", 1.15))
    return "\n\n".join(texts), bars, all_rows
