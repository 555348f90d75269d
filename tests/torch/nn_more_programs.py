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


def conv_transpose(torch, nn):
    r = {}
    configs = {
        "t2_basic": (nn.ConvTranspose2d, dict(in_channels=2, out_channels=3, kernel_size=3), (2, 2, 4, 5)),
        "t2_stride": (nn.ConvTranspose2d, dict(in_channels=2, out_channels=2, kernel_size=(3, 2), stride=(2, 3), padding=(1, 0), output_padding=(1, 2)), (1, 2, 3, 4)),
        "t2_dil_groups": (nn.ConvTranspose2d, dict(in_channels=4, out_channels=6, kernel_size=2, stride=2, dilation=2, groups=2, bias=False), (2, 4, 3, 3)),
        "t2_bigpad": (nn.ConvTranspose2d, dict(in_channels=1, out_channels=1, kernel_size=2, stride=3, padding=2), (1, 1, 4, 4)),
        "t1_basic": (nn.ConvTranspose1d, dict(in_channels=3, out_channels=2, kernel_size=4, stride=2, padding=1), (2, 3, 6)),
        "t1_groups": (nn.ConvTranspose1d, dict(in_channels=4, out_channels=2, kernel_size=3, stride=3, output_padding=2, groups=2, dilation=1), (1, 4, 5)),
    }
    for name, (cls, kw, shape) in configs.items():
        m = cls(**kw)
        setw(torch, m, len(name))
        r[name + ".repr"] = [repr(m)]
        r[name + ".shapes"] = [str(tuple(p.shape)) for p in m.parameters()]
        x = torch.tensor(det(shape, 3), requires_grad=True)
        y = m(x)
        (y * torch.tensor(det(tuple(y.shape), 4))).sum().backward()
        r[name], r[name + ".xgrad"] = out(y), out(x.grad)
        r.update(_grads(m, name + "."))
    m = nn.ConvTranspose2d(2, 2, 3, stride=2, padding=1)
    setw(torch, m, 1)
    x = torch.tensor(det((1, 2, 4, 4), 2))
    r["output_size"] = [str(tuple(m(x, output_size=[8, 8]).shape)), str(tuple(m(x, output_size=(1, 2, 7, 7)).shape))]
    r["unbatched"] = out(m(x[0]))
    return r


def dcgan(torch, nn):
    nz, ngf, ndf, nc = 8, 4, 4, 3

    class Generator(nn.Module):
        def __init__(self):
            super().__init__()
            self.main = nn.Sequential(
                nn.ConvTranspose2d(nz, ngf * 8, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 8), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 8, ngf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
                nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False), nn.Tanh())

        def forward(self, input):
            return self.main(input)

    class Discriminator(nn.Module):
        def __init__(self):
            super().__init__()
            self.main = nn.Sequential(
                nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf * 2, ndf * 4, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 4), nn.LeakyReLU(0.2, inplace=True),
                nn.Conv2d(ndf * 4, 1, 4, 1, 0, bias=False), nn.Sigmoid())

        def forward(self, input):
            return self.main(input)

    netG, netD = Generator(), Discriminator()
    setw(torch, netG, 1)
    setw(torch, netD, 2)
    r = {"G": [repr(netG)], "D": [repr(netD)]}
    noise = torch.tensor(det((2, nz, 1, 1), 3))
    criterion = nn.BCELoss()
    optD = torch.optim.Adam(netD.parameters(), lr=0.01, betas=(0.5, 0.999))
    optG = torch.optim.Adam(netG.parameters(), lr=0.01, betas=(0.5, 0.999))
    real = torch.tensor(det((2, nc, 32, 32), 4))
    for step in range(2):
        netD.zero_grad()
        out_real = netD(real).view(-1)
        errD_real = criterion(out_real, torch.full((2,), 1.0))
        errD_real.backward()
        fake = netG(noise)
        out_fake = netD(fake.detach()).view(-1)
        errD_fake = criterion(out_fake, torch.full((2,), 0.0))
        errD_fake.backward()
        optD.step()
        netG.zero_grad()
        errG = criterion(netD(fake).view(-1), torch.full((2,), 1.0))
        errG.backward()
        optG.step()
        r[f"step{step}"] = [errD_real.item(), errD_fake.item(), errG.item()]
    r["fake"] = out(fake[0, 0, :4, :4])
    r["G.grad"] = out(netG.main[0].weight.grad[0, 0])
    return r


PROGRAMS.extend(["conv_transpose", "dcgan"])


def resampling(torch, nn):
    F = nn.functional
    r = {}
    x1 = torch.tensor(det((1, 2, 5), 1), requires_grad=True)
    x2 = torch.tensor(det((2, 1, 3, 4), 2), requires_grad=True)
    x3 = torch.tensor(det((1, 1, 2, 3, 2), 3), requires_grad=True)
    cases = {
        "n1": (x1, dict(scale_factor=2)), "n1_size": (x1, dict(size=7)), "n1_down": (x1, dict(size=3)),
        "ne1": (x1, dict(size=8, mode="nearest-exact")), "l1": (x1, dict(scale_factor=1.7, mode="linear")),
        "l1_ac": (x1, dict(size=9, mode="linear", align_corners=True)),
        "l1_recompute": (x1, dict(scale_factor=1.7, mode="linear", recompute_scale_factor=True)),
        "a1": (x1, dict(size=3, mode="area")),
        "n2": (x2, dict(scale_factor=(2, 1.5))), "ne2": (x2, dict(size=(5, 7), mode="nearest-exact")),
        "b2": (x2, dict(scale_factor=2, mode="bilinear")), "b2_ac": (x2, dict(size=(4, 6), mode="bilinear", align_corners=True)),
        "b2_down": (x2, dict(size=(2, 3), mode="bilinear")), "c2": (x2, dict(scale_factor=2, mode="bicubic")),
        "c2_ac": (x2, dict(size=(5, 3), mode="bicubic", align_corners=True)), "a2": (x2, dict(size=(2, 3), mode="area")),
        "n3": (x3, dict(scale_factor=2)), "t3": (x3, dict(size=(3, 4, 3), mode="trilinear")),
    }
    for name, (x, kw) in cases.items():
        x.grad = None
        y = F.interpolate(x, **kw)
        (y * torch.tensor(det(tuple(y.shape), 4))).sum().backward()
        r[name], r[name + ".grad"] = out(y), out(x.grad)
        r[name + ".fn"] = [y.grad_fn.name()]
    mods = [nn.Upsample(scale_factor=2), nn.Upsample(size=(3, 4), mode="bilinear"), nn.UpsamplingNearest2d(scale_factor=2),
            nn.UpsamplingBilinear2d(size=5), nn.Upsample(scale_factor=(2, 3.0)), nn.PixelShuffle(2), nn.PixelUnshuffle(2)]
    r["reprs"] = [repr(m) for m in mods]
    r["up_bilinear2d"] = out(nn.UpsamplingBilinear2d(scale_factor=2)(x2))
    ps = torch.tensor(det((2, 8, 2, 3), 5), requires_grad=True)
    y = F.pixel_shuffle(ps, 2)
    (y * torch.tensor(det(tuple(y.shape), 6))).sum().backward()
    r["pixel_shuffle"], r["pixel_shuffle.grad"] = out(y), out(ps.grad)
    r["pixel_unshuffle"] = out(F.pixel_unshuffle(y, 2))
    pads = [nn.ZeroPad2d(2), nn.ZeroPad1d((1, 2)), nn.ConstantPad1d(2, 3.5), nn.ConstantPad2d((1, 0, 2, 3), 1), nn.ReflectionPad1d(2),
            nn.ReflectionPad2d((1, 2, 0, 1)), nn.ReplicationPad1d((0, 3)), nn.ReplicationPad2d(1), nn.CircularPad1d(1), nn.CircularPad2d((1, 0, 1, 2)), nn.ZeroPad3d(1)]
    r["pad_reprs"] = [repr(m) for m in pads]
    for m in pads:
        x = x3 if "3d" in type(m).__name__ else (x1 if "1d" in type(m).__name__ else x2)
        x.grad = None
        y = m(x)
        (y * torch.tensor(det(tuple(y.shape), 7))).sum().backward()
        r["pad." + repr(m)], r["pad." + repr(m) + ".grad"] = out(y), out(x.grad)
    return r


PROGRAMS.append("resampling")


def layers_more(torch, nn):
    F = nn.functional
    r = {}
    mods = [nn.InstanceNorm1d(3), nn.InstanceNorm2d(3, affine=True, track_running_stats=True), nn.LocalResponseNorm(2),
            nn.Dropout1d(), nn.Dropout2d(0.2), nn.Dropout3d(), nn.AlphaDropout(0.1), nn.FeatureAlphaDropout(),
            nn.AdaptiveMaxPool2d((5, None)), nn.AdaptiveMaxPool1d(3), nn.AdaptiveMaxPool2d(3, return_indices=True),
            nn.Fold((4, 5), 2), nn.Unfold(kernel_size=(2, 3), stride=2), nn.CosineSimilarity(), nn.PairwiseDistance()]
    r["reprs"] = [repr(m) for m in mods]
    x = torch.tensor(det((2, 3, 5, 6), 1), requires_grad=True)
    w = torch.tensor(det((2, 3, 2, 3), 2))
    y, idx = F.adaptive_max_pool2d(x, (2, 3), return_indices=True)
    (y * w).sum().backward()
    r["amax2d"], r["amax2d.idx"], r["amax2d.grad"] = out(y), out(idx), out(x.grad)
    x.grad = None
    y = nn.AdaptiveMaxPool2d((4, None))(x)
    y.sum().backward()
    r["amax2d_none"], r["amax2d_none.grad"] = out(y), out(x.grad)
    x1 = torch.tensor(det((2, 3, 7), 3))
    y, idx = F.adaptive_max_pool1d(x1, 3, return_indices=True)
    r["amax1d"], r["amax1d.idx"] = out(y), out(idx)
    inorm = nn.InstanceNorm2d(3, affine=True, track_running_stats=True, momentum=0.3)
    setw(torch, inorm, 4)
    x.grad = None
    y = inorm(x)
    (y * torch.tensor(det(tuple(y.shape), 5))).sum().backward()
    r["inorm"], r["inorm.grad"] = out(y), out(x.grad)
    r.update(_grads(inorm, "inorm."))
    y = inorm(x.detach() * 2 + 1)
    r["inorm.running"] = [out(inorm.running_mean), out(inorm.running_var)]
    inorm.eval()
    r["inorm.eval"] = out(inorm(x.detach()))
    r["inorm1d_unbatched"] = out(nn.InstanceNorm1d(3)(x1[0]))
    lrn = nn.LocalResponseNorm(3, alpha=0.5, beta=0.8, k=1.5)
    x.grad = None
    y = lrn(x)
    (y * torch.tensor(det(tuple(y.shape), 6))).sum().backward()
    r["lrn4d"], r["lrn4d.grad"] = out(y), out(x.grad)
    r["lrn3d"] = out(F.local_response_norm(x1, 2))
    r["lrn5d"] = out(F.local_response_norm(x.detach().reshape(1, 2, 3, 5, 6), 4))
    x.grad = None
    u = F.unfold(x, (2, 3), dilation=(2, 1), padding=1, stride=(2, 1))
    (u * torch.tensor(det(tuple(u.shape), 7))).sum().backward()
    r["unfold"], r["unfold.grad"] = out(u), out(x.grad)
    cols = torch.tensor(det((2, 12, 12), 8), requires_grad=True)
    f = nn.Fold((4, 5), 2)(cols)
    (f * torch.tensor(det(tuple(f.shape), 9))).sum().backward()
    r["fold"], r["fold.grad"] = out(f), out(cols.grad)
    r["fold_strided"] = out(F.fold(torch.tensor(det((1, 8, 9), 10)), (5, 7), (2, 2), dilation=1, padding=1, stride=(2, 3)))
    a, b = torch.tensor(det((3, 4), 11)), torch.tensor(det((3, 4), 12))
    r["cos"], r["pdist"] = out(nn.CosineSimilarity(dim=0)(a, b)), out(nn.PairwiseDistance(p=1.5, keepdim=True)(a, b))
    r["fn"] = [F.adaptive_max_pool2d(x, 2).grad_fn.name(), F.unfold(x, 2).grad_fn.name(), F.fold(cols, (4, 5), 2).grad_fn.name(),
               F.instance_norm(x).grad_fn.name(), F.local_response_norm(x, 2).grad_fn.name()]
    ones = torch.ones(2, 3, 4)
    r["dropout_p0"] = [out(F.dropout1d(ones, 0.0)), out(F.alpha_dropout(ones, 0.0, True))]
    r["dropout_p1"] = [out(F.dropout2d(torch.ones(2, 3, 4, 4), 1.0))]
    r["alpha_p1"] = out(F.alpha_dropout(ones, 1.0, True))
    return r


PROGRAMS.append("layers_more")


def losses_more(torch, nn):
    r = {}
    x1 = torch.tensor(det((4, 5), 1), requires_grad=True)
    x2 = torch.tensor(det((4, 5), 2), requires_grad=True)
    x3 = torch.tensor(det((4, 5), 3), requires_grad=True)
    sign = torch.tensor(np.array([1.0, -1.0, -1.0, 1.0], dtype=np.float32))
    sign20 = torch.tensor(np.where(det((4, 5), 4) > 0, 1.0, -1.0).astype(np.float32))
    labels01 = torch.tensor((det((4, 5), 5) > 0).astype(np.float32))
    counts = torch.tensor(np.abs(det((4, 5), 6) * 6).round().astype(np.float32))
    var = torch.tensor(np.abs(det((4, 5), 7)) + 0.1, requires_grad=True)
    cls = torch.tensor(np.array([0, 4, 2, 1]))
    w5 = torch.tensor(np.abs(det((5,), 8)) + 0.5)
    cases = {
        "margin_ranking": (nn.MarginRankingLoss(margin=0.2), lambda m: m(x1[:, 0], x2[:, 0], sign)),
        "margin_ranking_none": (nn.MarginRankingLoss(reduction="none"), lambda m: m(x1, x2, sign20)),
        "hinge": (nn.HingeEmbeddingLoss(margin=0.3), lambda m: m(x1, sign20)),
        "soft_margin": (nn.SoftMarginLoss(), lambda m: m(x1, sign20)),
        "multilabel_soft": (nn.MultiLabelSoftMarginLoss(weight=w5), lambda m: m(x1, labels01)),
        "multilabel_soft_none": (nn.MultiLabelSoftMarginLoss(reduction="none"), lambda m: m(x1, labels01)),
        "cosine_emb": (nn.CosineEmbeddingLoss(margin=0.1), lambda m: m(x1, x2, sign)),
        "cosine_emb_1d": (nn.CosineEmbeddingLoss(), lambda m: m(x1[0], x2[0], torch.tensor(-1.0))),
        "triplet": (nn.TripletMarginLoss(margin=0.5), lambda m: m(x1, x2, x3)),
        "triplet_swap_p1": (nn.TripletMarginLoss(p=1, swap=True, reduction="sum"), lambda m: m(x1, x2, x3)),
        "triplet_dist": (nn.TripletMarginWithDistanceLoss(distance_function=lambda a, b: (a - b).abs().sum(-1), margin=2.0), lambda m: m(x1, x2, x3)),
        "poisson": (nn.PoissonNLLLoss(), lambda m: m(x1, counts)),
        "poisson_full": (nn.PoissonNLLLoss(log_input=False, full=True), lambda m: m(x1.abs() + 0.1, counts)),
        "gaussian": (nn.GaussianNLLLoss(), lambda m: m(x1, x2, var)),
        "gaussian_full_homo": (nn.GaussianNLLLoss(full=True, reduction="sum"), lambda m: m(x1, x2, var[:, 0])),
        "gaussian_last1": (nn.GaussianNLLLoss(eps=0.3), lambda m: m(x1, x2, var[:, :1])),
        "multi_margin": (nn.MultiMarginLoss(), lambda m: m(x1, cls)),
        "multi_margin_p2_w": (nn.MultiMarginLoss(p=2, margin=0.7, weight=w5, reduction="none"), lambda m: m(x1, cls)),
    }
    for name, (m, call) in cases.items():
        for t in (x1, x2, x3, var):
            t.grad = None
        y = call(m)
        (y * torch.tensor(det(tuple(y.shape), 9))).sum().backward()
        r[name] = out(y)
        for tn, t in (("x1", x1), ("x2", x2), ("x3", x3), ("var", var)):
            if t.grad is not None:
                r[name + "." + tn] = out(t.grad)
        r[name + ".repr"] = [repr(m)]
    return r


PROGRAMS.append("losses_more")
