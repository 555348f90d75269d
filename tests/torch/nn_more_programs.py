# ruff: noqa: E501 - one program per line reads best
"""More programs run alike on PyTorch (to record nn_more_reference.py) and funcgrad.torch.

Attention and transformers, transposed convolution, upsampling, padding and
the other layers of the second round; conventions as in nn_programs.py.
"""
import numpy as np
from nn_programs import det, out, setw


def _grads(model, prefix=""):
    return {prefix + "grad." + n: out(p.grad) for n, p in model.named_parameters() if p.grad is not None}


def attention(torch, nn):
    F = nn.functional
    r = {}
    q = torch.tensor(det((2, 2, 3, 4), 1), requires_grad=True)
    k = torch.tensor(det((2, 2, 5, 4), 2), requires_grad=True)
    v = torch.tensor(det((2, 2, 5, 4), 3), requires_grad=True)
    bool_mask = torch.tensor(np.array([[1, 1, 0, 1, 0], [1, 0, 1, 1, 1], [0, 1, 1, 1, 1]], dtype=bool))
    float_mask = torch.tensor(det((3, 5), 4))
    cases = {
        "sdpa": {}, "sdpa_bool": {"attn_mask": bool_mask}, "sdpa_float": {"attn_mask": float_mask},
        "sdpa_scale": {"scale": 0.3}, "sdpa_causal": {"is_causal": True},
    }
    for name, kw in cases.items():
        for t in (q, k, v):
            t.grad = None
        kk, vv = (k, v) if name != "sdpa_causal" else (k[:, :, :3], v[:, :, :3])
        y = F.scaled_dot_product_attention(q, kk, vv, **kw)
        (y * torch.tensor(det(tuple(y.shape), 5))).sum().backward()
        r[name] = out(y)
        r[name + ".qgrad"], r[name + ".kgrad"], r[name + ".vgrad"] = out(q.grad), out(k.grad), out(v.grad)
    gq = torch.tensor(det((1, 4, 3, 2), 6))
    gk = torch.tensor(det((1, 2, 5, 2), 7))
    r["sdpa_gqa"] = out(F.scaled_dot_product_attention(gq, gk, gk, enable_gqa=True))
    return r


def mha(torch, nn):
    r = {}
    x = torch.tensor(det((4, 2, 6), 1), requires_grad=True)
    mem = torch.tensor(det((5, 2, 6), 2))
    m = nn.MultiheadAttention(6, 2)
    setw(torch, m, 3)
    r["repr"] = [repr(m)]
    r["keys"] = list(m.state_dict().keys())
    y, w = m(x, x, x)
    (y.sum() + (w * torch.tensor(det(tuple(w.shape), 4))).sum()).backward()
    r["self"], r["self.w"], r["self.xgrad"] = out(y), out(w), out(x.grad)
    r.update(_grads(m, "self."))
    kpm = torch.tensor(np.array([[False, False, True, False, True], [False, False, False, False, True]]))
    am = torch.tensor(np.triu(np.ones((4, 5), bool), 2))
    y, w = m(x, mem, mem, key_padding_mask=kpm, attn_mask=am, average_attn_weights=False)
    r["cross_masks"], r["cross_masks.w"] = out(y), out(w)
    y, w = m(x, mem, mem, key_padding_mask=kpm, need_weights=False)
    r["cross_noweights"], r["noweights_none"] = out(y), [str(w)]
    fam = torch.tensor(det((4, 4), 5))
    y, _ = m(x, x, x, attn_mask=fam)
    r["float_mask"] = out(y)
    causal = nn.Transformer.generate_square_subsequent_mask(4)
    y, _ = m(x, x, x, attn_mask=causal, is_causal=True, need_weights=False)
    r["causal"] = out(y)
    y, w = m(x[:, 0], mem[:, 0], mem[:, 0])
    r["unbatched"], r["unbatched.w"] = out(y), out(w)
    m2 = nn.MultiheadAttention(6, 3, kdim=4, vdim=5, batch_first=True, add_bias_kv=True, add_zero_attn=True, bias=True)
    setw(torch, m2, 6)
    r["kv_keys"] = list(m2.state_dict().keys())
    r["kv_shapes"] = [str(tuple(p.shape)) for p in m2.parameters()]
    xb = torch.tensor(det((2, 3, 6), 7))
    kb = torch.tensor(det((2, 5, 4), 8), requires_grad=True)
    vb = torch.tensor(det((2, 5, 5), 9))
    y, w = m2(xb, kb, vb, key_padding_mask=kpm)
    y.sum().backward()
    r["kv"], r["kv.w"], r["kv.kgrad"] = out(y), out(w), out(kb.grad)
    r.update(_grads(m2, "kv."))
    m3 = nn.MultiheadAttention(4, 2, bias=False)
    r["nobias_keys"] = list(m3.state_dict().keys())
    return r


def transformer(torch, nn):
    r = {}
    layer = nn.TransformerEncoderLayer(6, 2, dim_feedforward=8, dropout=0.0)
    setw(torch, layer, 1)
    r["enc_repr"] = [repr(layer)]
    r["enc_keys"] = list(layer.state_dict().keys())
    src = torch.tensor(det((5, 2, 6), 2), requires_grad=True)
    y = layer(src)
    (y * torch.tensor(det(tuple(y.shape), 3))).sum().backward()
    r["enc"], r["enc.srcgrad"] = out(y), out(src.grad)
    r.update(_grads(layer, "enc."))
    pre = nn.TransformerEncoderLayer(6, 3, dim_feedforward=7, dropout=0.0, activation="gelu", norm_first=True, batch_first=True)
    setw(torch, pre, 4)
    kpm = torch.tensor(np.array([[False] * 5, [False, False, False, True, True]]))
    r["pre_gelu"] = out(pre(src.detach().transpose(0, 1), src_key_padding_mask=kpm))
    enc = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(6), enable_nested_tensor=False)
    setw(torch, enc, 5)
    mask = nn.Transformer.generate_square_subsequent_mask(5)
    r["stack"] = out(enc(src.detach(), mask=mask))
    r["stack_keys"] = list(enc.state_dict().keys())
    dec_layer = nn.TransformerDecoderLayer(6, 2, dim_feedforward=8, dropout=0.0)
    setw(torch, dec_layer, 6)
    r["dec_repr"] = [repr(dec_layer)]
    tgt = torch.tensor(det((3, 2, 6), 7), requires_grad=True)
    mem = torch.tensor(det((5, 2, 6), 8))
    y = dec_layer(tgt, mem, tgt_mask=nn.Transformer.generate_square_subsequent_mask(3), memory_key_padding_mask=kpm)
    y.sum().backward()
    r["dec"], r["dec.tgtgrad"] = out(y), out(tgt.grad)
    model = nn.Transformer(d_model=6, nhead=2, num_encoder_layers=1, num_decoder_layers=2, dim_feedforward=5, dropout=0.0)
    setw(torch, model, 9)
    r["model_keys"] = list(model.state_dict().keys())
    r["model_repr"] = [repr(model)]
    y = model(src.detach(), tgt.detach(), tgt_mask=model.generate_square_subsequent_mask(3))
    y.sum().backward()
    r["model"] = out(y)
    r.update(_grads(model, "model."))
    r["causal_mask"] = [repr(nn.Transformer.generate_square_subsequent_mask(3))]
    return r


PROGRAMS = ["attention", "mha", "transformer"]
