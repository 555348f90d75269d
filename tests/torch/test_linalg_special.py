"""torch.linalg, the top-level matrix functions and torch.special against PyTorch 2.13.

As tests/torch/test_index_ops.py: each expression runs on ``t`` (2x3) and ``u`` (3x3), float32
leaves that require grad; the printed result and the printed gradients of a weighted sum were
recorded from PyTorch 2.13. (Gradients of SVD factors depend on their signs, which LAPACK
chooses: the SVD expressions use sign-free functions of them.) Then float64 finite
differences and ``torch.func.vmap`` against a loop.
"""

import os
import sys

import pytest

import funcgrad.torch as torch

sys.path.insert(0, os.path.dirname(__file__))
from anchor_cases import evaluate  # noqa: E402

X0 = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]]
U0 = [[2.0, 0.5, -0.3], [0.2, 1.6, 0.7], [0.4, 0.9, 1.8]]  # well conditioned

pytest.importorskip("scipy")  # torch.special and matrix_exp compute their values with SciPy

# (expression, printed result or "!!Error: message", t.grad, u.grad)
CASES = [
    ('torch.linalg.norm(u)', 'tensor(3.4117, grad_fn=<LinalgVectorNormBackward0>)', 'None', 'tensor([[ 0.5862,  0.1466, -0.0879],\n        [ 0.0586,  0.4690,  0.2052],\n        [ 0.1172,  0.2638,  0.5276]])'),  # noqa: E501
    ("torch.linalg.norm(u, 'nuc')", 'tensor(5.4943, grad_fn=<SumBackward1>)', 'None', 'tensor([[ 0.9714,  0.1213, -0.2043],\n        [-0.1285,  0.9915, -0.0220],\n        [ 0.1999,  0.0476,  0.9787]])'),  # noqa: E501
    ('torch.linalg.norm(u, 2)', 'tensor(2.6472, grad_fn=<AmaxBackward0>)', 'None', 'tensor([[0.1850, 0.2725, 0.2365],\n        [0.2714, 0.3998, 0.3470],\n        [0.3166, 0.4665, 0.4048]])'),  # noqa: E501
    ('torch.linalg.norm(u, -2)', 'tensor(0.8854, grad_fn=<AminBackward0>)', 'None', 'tensor([[ 0.0300, -0.0698,  0.0570],\n        [-0.2471,  0.5752, -0.4695],\n        [ 0.1943, -0.4523,  0.3692]])'),  # noqa: E501
    ('torch.linalg.norm(u, 1)', 'tensor(3., grad_fn=<AmaxBackward0>)', 'None', 'tensor([[0., 1., -0.],\n        [0., 1., 0.],\n        [0., 1., 0.]])'),  # noqa: E501
    ("torch.linalg.norm(u, float('inf'))", 'tensor(3.1000, grad_fn=<AmaxBackward0>)', 'None', 'tensor([[0., 0., -0.],\n        [0., 0., 0.],\n        [1., 1., 1.]])'),  # noqa: E501
    ('torch.linalg.norm(u, ord=1, dim=1)', 'tensor([2.8000, 2.5000, 3.1000], grad_fn=<LinalgVectorNormBackward0>)', 'None', 'tensor([[ 1.,  1., -1.],\n        [ 2.,  2.,  2.],\n        [ 3.,  3.,  3.]])'),  # noqa: E501
    ('torch.linalg.norm(t[0])', 'tensor(0.6164, grad_fn=<LinalgVectorNormBackward0>)', 'tensor([[ 0.4867, -0.3244,  0.8111],\n        [ 0.0000,  0.0000,  0.0000]])', 'None'),  # noqa: E501
    ('torch.linalg.norm(t, dim=(0, 1), keepdim=True)', 'tensor([[0.9539]], grad_fn=<LinalgVectorNormBackward0>)', 'tensor([[ 0.3145, -0.2097,  0.5241],\n        [ 0.1048,  0.4193, -0.6290]])', 'None'),  # noqa: E501
    ('torch.linalg.vector_norm(t, 3)', 'tensor(0.7612, grad_fn=<LinalgVectorNormBackward0>)', 'tensor([[ 0.1553, -0.0690,  0.4315],\n        [ 0.0173,  0.2762, -0.6214]])', 'None'),  # noqa: E501
    ("torch.linalg.vector_norm(t, float('inf'), dim=0)", 'tensor([0.3000, 0.4000, 0.6000], grad_fn=<LinalgVectorNormBackward0>)', 'tensor([[ 1., -0.,  0.],\n        [ 0.,  2., -3.]])', 'None'),  # noqa: E501
    ('torch.linalg.vector_norm(t - t)', 'tensor(0., grad_fn=<LinalgVectorNormBackward0>)', 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])', 'None'),  # noqa: E501
    ('torch.linalg.matrix_norm(u)', 'tensor(3.4117, grad_fn=<LinalgVectorNormBackward0>)', 'None', 'tensor([[ 0.5862,  0.1466, -0.0879],\n        [ 0.0586,  0.4690,  0.2052],\n        [ 0.1172,  0.2638,  0.5276]])'),  # noqa: E501
    ('torch.linalg.matrix_norm(u, -1)', 'tensor(2.6000, grad_fn=<AminBackward0>)', 'None', 'tensor([[1., 0., -0.],\n        [1., 0., 0.],\n        [1., 0., 0.]])'),  # noqa: E501
    ('torch.linalg.inv(u)', 'tensor([[ 0.4893, -0.2545,  0.1805],\n        [-0.0174,  0.8090, -0.3175],\n        [-0.1000, -0.3480,  0.6742]], grad_fn=<LinalgInvExBackward0>)', 'None', 'tensor([[ 0.0769,  0.0683, -0.3086],\n        [-0.2488, -0.2948, -0.3302],\n        [-1.5651, -1.8144, -1.3584]])'),  # noqa: E501
    ('torch.linalg.inv_ex(u)', 'torch.return_types.linalg_inv_ex(\ninverse=tensor([[ 0.4893, -0.2545,  0.1805],\n        [-0.0174,  0.8090, -0.3175],\n        [-0.1000, -0.3480,  0.6742]], grad_fn=<LinalgInvExBackward0>),\ninfo=tensor(0, dtype=torch.int32))', 'None', 'tensor([[ 0.0769,  0.0683, -0.3086],\n        [-0.2488, -0.2948, -0.3302],\n        [-1.5651, -1.8144, -1.3584]])'),  # noqa: E501
    ('torch.inverse(u)', 'tensor([[ 0.4893, -0.2545,  0.1805],\n        [-0.0174,  0.8090, -0.3175],\n        [-0.1000, -0.3480,  0.6742]], grad_fn=<LinalgInvExBackward0>)', 'None', 'tensor([[ 0.0769,  0.0683, -0.3086],\n        [-0.2488, -0.2948, -0.3302],\n        [-1.5651, -1.8144, -1.3584]])'),  # noqa: E501
    ('u.inverse()', 'tensor([[ 0.4893, -0.2545,  0.1805],\n        [-0.0174,  0.8090, -0.3175],\n        [-0.1000, -0.3480,  0.6742]], grad_fn=<LinalgInvExBackward0>)', 'None', 'tensor([[ 0.0769,  0.0683, -0.3086],\n        [-0.2488, -0.2948, -0.3302],\n        [-1.5651, -1.8144, -1.3584]])'),  # noqa: E501
    ('torch.linalg.det(u)', 'tensor(4.5980, grad_fn=<LinalgDetBackward0>)', 'None', 'tensor([[ 2.2500, -0.0800, -0.4600],\n        [-1.1700,  3.7200, -1.6000],\n        [ 0.8300, -1.4600,  3.1000]])'),  # noqa: E501
    ('torch.det(u @ u)', 'tensor(21.1416, grad_fn=<LinalgDetBackward0>)', 'None', 'tensor([[ 20.6910,  -0.7357,  -4.2302],\n        [-10.7593,  34.2091, -14.7136],\n        [  7.6327, -13.4262,  28.5076]])'),  # noqa: E501
    ('u.det()', 'tensor(4.5980, grad_fn=<LinalgDetBackward0>)', 'None', 'tensor([[ 2.2500, -0.0800, -0.4600],\n        [-1.1700,  3.7200, -1.6000],\n        [ 0.8300, -1.4600,  3.1000]])'),  # noqa: E501
    ('torch.linalg.slogdet(u)', 'torch.return_types.linalg_slogdet(\nsign=tensor(1., grad_fn=<LinalgSlogdetBackward0>),\nlogabsdet=tensor(1.5256, grad_fn=<LinalgSlogdetBackward0>))', 'None', 'tensor([[ 0.4893, -0.0174, -0.1000],\n        [-0.2545,  0.8090, -0.3480],\n        [ 0.1805, -0.3175,  0.6742]])'),  # noqa: E501
    ('torch.slogdet(-u)', 'torch.return_types.slogdet(\nsign=tensor(-1., grad_fn=<LinalgSlogdetBackward0>),\nlogabsdet=tensor(1.5256, grad_fn=<LinalgSlogdetBackward0>))', 'None', 'tensor([[ 0.4893, -0.0174, -0.1000],\n        [-0.2545,  0.8090, -0.3480],\n        [ 0.1805, -0.3175,  0.6742]])'),  # noqa: E501
    ('torch.logdet(u)', 'tensor(1.5256, grad_fn=<WhereBackward0>)', 'None', 'tensor([[ 0.4893, -0.0174, -0.1000],\n        [-0.2545,  0.8090, -0.3480],\n        [ 0.1805, -0.3175,  0.6742]])'),  # noqa: E501
    ('torch.logdet(-u.detach())', 'tensor(nan)', '', ''),  # noqa: E501
    ('torch.linalg.solve(u, t.T)', 'tensor([[ 0.2880, -0.1612],\n        [-0.3258,  0.5124],\n        [ 0.3767, -0.5537]], grad_fn=<LinalgSolveExBackward0>)', 'tensor([[-0.0631,  0.4328,  2.5990],\n        [ 0.3088,  0.6394,  3.1361]])', 'tensor([[ 0.0679, -0.1788,  0.1948],\n        [-0.0216, -0.1866,  0.1910],\n        [-0.2430, -0.7602,  0.7576]])'),  # noqa: E501
    ('torch.linalg.solve(u, t[0])', 'tensor([ 0.2880, -0.3258,  0.3767], grad_fn=<LinalgSolveExBackward0>)', 'tensor([[0.1544, 0.3197, 1.5681],\n        [0.0000, 0.0000, 0.0000]])', 'tensor([[-0.0445,  0.0503, -0.0582],\n        [-0.0921,  0.1042, -0.1204],\n        [-0.4515,  0.5109, -0.5907]])'),  # noqa: E501
    ('torch.linalg.solve(u, t, left=False)', 'tensor([[ 0.1003, -0.4121,  0.4548],\n        [ 0.1020,  0.5070, -0.5135]], grad_fn=<LinalgSolveExBackward0>)', 'tensor([[0.5220, 0.6481, 1.2266],\n        [1.7682, 2.0705, 1.9052]])', 'tensor([[-0.2327, -0.2762, -0.3173],\n        [-0.6813, -0.7825, -0.4603],\n        [ 0.6706,  0.7684,  0.4205]])'),  # noqa: E501
    ('torch.linalg.cholesky(u @ u.T)', 'tensor([[2.0833, 0.0000, 0.0000],\n        [0.4752, 1.6924, 0.0000],\n        [0.3408, 1.5470, 1.3041]], grad_fn=<LinalgCholeskyExBackward0>)', 'None', 'tensor([[ 0.8476,  4.1068,  5.5514],\n        [ 2.5978,  6.2039, -0.1187],\n        [ 7.6278,  4.9773, 10.5377]])'),  # noqa: E501
    ('torch.linalg.cholesky(u @ u.T, upper=True)', 'tensor([[2.0833, 0.4752, 0.3408],\n        [0.0000, 1.6924, 1.5470],\n        [0.0000, 0.0000, 1.3041]], grad_fn=<LinalgCholeskyExBackward0>)', 'None', 'tensor([[ 0.9871,  1.2509,  1.7210],\n        [ 0.3149,  6.3621, -1.1857],\n        [ 4.0904,  2.2612, 10.2056]])'),  # noqa: E501
    ('torch.linalg.cholesky_ex(u @ u.T)', 'torch.return_types.linalg_cholesky_ex(\nL=tensor([[2.0833, 0.0000, 0.0000],\n        [0.4752, 1.6924, 0.0000],\n        [0.3408, 1.5470, 1.3041]], grad_fn=<LinalgCholeskyExBackward0>),\ninfo=tensor(0, dtype=torch.int32))', 'None', 'tensor([[ 0.8476,  4.1068,  5.5514],\n        [ 2.5978,  6.2039, -0.1187],\n        [ 7.6278,  4.9773, 10.5377]])'),  # noqa: E501
    ('torch.cholesky(u @ u.T)', 'tensor([[2.0833, 0.0000, 0.0000],\n        [0.4752, 1.6924, 0.0000],\n        [0.3408, 1.5470, 1.3041]], grad_fn=<CholeskyBackward0>)', 'None', 'tensor([[ 0.8476,  4.1068,  5.5514],\n        [ 2.5978,  6.2039, -0.1187],\n        [ 7.6278,  4.9773, 10.5377]])'),  # noqa: E501
    ('torch.linalg.qr(t.T)', 'torch.return_types.linalg_qr(\nQ=tensor([[-0.4867, -0.8259],\n        [ 0.3244, -0.4736],\n        [-0.8111,  0.3061]], grad_fn=<LinalgQrBackward0>),\nR=tensor([[-0.6164,  0.5678],\n        [ 0.0000, -0.4557]], grad_fn=<LinalgQrBackward0>))', 'tensor([[  5.8096, -14.8037, -10.6401],\n        [ -0.7165, -11.4812,  -6.6284]])', 'None'),  # noqa: E501
    ('torch.linalg.qr(u)', 'torch.return_types.linalg_qr(\nQ=tensor([[-0.9759,  0.1747, -0.1307],\n        [-0.0976, -0.8853, -0.4547],\n        [-0.1952, -0.4310,  0.8810]], grad_fn=<LinalgQrBackward0>),\nR=tensor([[-2.0494, -0.8198, -0.1269],\n        [ 0.0000, -1.7170, -1.4479],\n        [ 0.0000,  0.0000,  1.3067]], grad_fn=<LinalgQrBackward0>))', 'None', 'tensor([[ -0.6330,   1.5144,  -3.0559],\n        [ -2.7659,   4.3961,  -9.6968],\n        [ -0.5755, -20.0170,   4.7575]])'),  # noqa: E501
    ('torch.linalg.eigvalsh(u @ u.T)', 'tensor([0.7840, 3.8482, 7.0078], grad_fn=<LinalgEighBackward0>)', 'None', 'tensor([[ 8.9261,  3.5665, -0.0488],\n        [ 2.6744,  7.4984,  5.4686],\n        [ 2.9320,  6.8705,  8.6894]])'),  # noqa: E501
    ('torch.linalg.eigh(u @ u.T)', 'torch.return_types.linalg_eigh(\neigenvalues=tensor([0.7840, 3.8482, 7.0078], grad_fn=<LinalgEighBackward0>),\neigenvectors=tensor([[ 0.0950, -0.9092, -0.4055],\n        [-0.7825,  0.1835, -0.5949],\n        [ 0.6153,  0.3738, -0.6940]], grad_fn=<LinalgEighBackward0>))', 'None', 'tensor([[14.9387,  8.8744,  2.9895],\n        [ 5.8598,  8.5994,  3.7937],\n        [ 4.3644,  3.2606,  1.8462]])'),  # noqa: E501
    ('torch.linalg.svdvals(t)', 'tensor([0.9016, 0.3115], grad_fn=<LinalgSvdBackward0>)', 'tensor([[ 1.5559,  0.1744,  0.6026],\n        [ 1.0997,  0.7639, -0.6266]])', 'None'),  # noqa: E501
    ('(lambda r: (r.U * r.U, r.S, r.Vh.abs()))(torch.linalg.svd(t, full_matrices=False))', '(tensor([[0.3952, 0.6048],\n        [0.6048, 0.3952]], grad_fn=<MulBackward0>), tensor([0.9016, 0.3115], grad_fn=<LinalgSvdBackward0>), tensor([[0.1229, 0.4845, 0.8661],\n        [0.9507, 0.3080, 0.0373]], grad_fn=<AbsBackward0>))', 'tensor([[-4.8257, 11.8574,  6.9413],\n        [ 0.1083, 12.1138,  4.9718]])', 'None'),  # noqa: E501
    ('torch.linalg.svd(u)', 'torch.return_types.linalg_svd(\nU=tensor([[-0.4055,  0.9092,  0.0950],\n        [-0.5949, -0.1835, -0.7825],\n        [-0.6940, -0.3738,  0.6153]], grad_fn=<LinalgSvdBackward0>),\nS=tensor([2.6472, 1.9617, 0.8854], grad_fn=<LinalgSvdBackward0>),\nVh=tensor([[-0.4561, -0.6721, -0.5833],\n        [ 0.8320, -0.0895, -0.5475],\n        [ 0.3158, -0.7350,  0.6000]], grad_fn=<LinalgSvdBackward0>))', 'None', 'tensor([[-6.9360, -5.2875, -5.4280],\n        [-5.5849, 11.6758,  5.0373],\n        [-6.9605,  3.8020,  1.3257]])'),  # noqa: E501
    ('torch.svd(t.T)', 'torch.return_types.svd(\nU=tensor([[-0.1229, -0.9507],\n        [ 0.4845, -0.3080],\n        [-0.8661, -0.0373]], grad_fn=<LinalgSvdBackward0>),\nS=tensor([0.9016, 0.3115], grad_fn=<LinalgSvdBackward0>),\nV=tensor([[-0.6287, -0.7777],\n        [ 0.7777, -0.6287]], grad_fn=<TransposeBackward0>))', 'tensor([[  5.9598, -12.2530, -11.5173],\n        [  2.9457,  -3.7779,  -7.1023]])', 'None'),  # noqa: E501
    ('torch.linalg.pinv(t)', 'tensor([[ 2.4588,  1.8124],\n        [ 0.4309,  1.0393],\n        [ 0.6971, -0.6717]], grad_fn=<LinalgPinvBackward0>)', 'tensor([[-53.5307,  31.9743,  30.4342],\n        [-24.3693,  34.8273,  25.4093]])', 'None'),  # noqa: E501
    ('torch.pinverse(t.T)', 'tensor([[ 2.4588,  0.4309,  0.6971],\n        [ 1.8124,  1.0393, -0.6717]], grad_fn=<LinalgPinvBackward0>)', 'tensor([[-55.5782,  18.1207,  29.7714],\n        [-31.6185,  24.2366,  24.9142]])', 'None'),  # noqa: E501
    ('torch.linalg.matrix_rank(t)', 'tensor(2)', '', ''),  # noqa: E501
    ('torch.linalg.matrix_rank(torch.ones(3, 3))', 'tensor(1)', '', ''),  # noqa: E501
    ('torch.linalg.lstsq(u, t.T)', 'torch.return_types.linalg_lstsq(\nsolution=tensor([[ 0.2880, -0.1612],\n        [-0.3258,  0.5124],\n        [ 0.3767, -0.5537]], grad_fn=<LinalgLstsqBackward0>),\nresiduals=tensor([], grad_fn=<LinalgLstsqBackward0>),\nrank=tensor(3),\nsingular_values=tensor([]))', 'tensor([[-0.0631,  0.4328,  2.5990],\n        [ 0.3088,  0.6394,  3.1361]])', 'tensor([[ 0.0679, -0.1788,  0.1948],\n        [-0.0216, -0.1866,  0.1910],\n        [-0.2430, -0.7602,  0.7576]])'),  # noqa: E501
    ('torch.linalg.lstsq(t.T, u[:, :2])', 'torch.return_types.linalg_lstsq(\nsolution=tensor([[5.2826, 2.5463],\n        [3.5640, 1.9645]], grad_fn=<LinalgLstsqBackward0>),\nresiduals=tensor([], grad_fn=<LinalgLstsqBackward0>),\nrank=tensor(2),\nsingular_values=tensor([]))', 'tensor([[-85.8680,   6.3509,  33.3108],\n        [-63.8861,  11.5369,  27.9604]])', 'tensor([[ 7.8961, 12.1673,  0.0000],\n        [ 3.5488,  5.0190,  0.0000],\n        [-1.3181, -1.2928,  0.0000]])'),  # noqa: E501
    ('torch.linalg.multi_dot([t, u, t.T])', 'tensor([[ 0.5070, -0.2140],\n        [-0.4330,  0.5620]], grad_fn=<ViewBackward0>)', 'tensor([[ 2.3900,  1.3000, -2.3400],\n        [ 5.0500,  2.3900, -2.1800]])', 'tensor([[ 0.2800,  0.2800, -0.3000],\n        [ 0.4200,  0.2800, -0.2200],\n        [-0.5300, -0.3000,  0.1900]])'),  # noqa: E501
    ('torch.linalg.matrix_power(u, 3)', 'tensor([[ 7.9500,  3.7270, -1.5450],\n        [ 3.5860,  7.8520,  6.1790],\n        [ 5.5520,  9.4410,  8.5220]], grad_fn=<MmBackward0>)', 'None', 'tensor([[ 36.6100,  62.9000,  81.7700],\n        [ 85.0800, 121.9600, 153.6900],\n        [100.7300, 138.5700, 173.7400]])'),  # noqa: E501
    ('torch.linalg.matrix_power(u, -2)', 'tensor([[ 0.2258, -0.3932,  0.2908],\n        [ 0.0092,  0.7695, -0.4741],\n        [-0.1104, -0.4907,  0.5470]], grad_fn=<MmBackward0>)', 'None', 'tensor([[ 0.1631,  0.3720, -0.2489],\n        [ 0.2174,  0.2462,  0.1890],\n        [-1.5117, -2.1268, -0.9946]])'),  # noqa: E501
    ('torch.matrix_exp(t[:, :2])', 'tensor([[ 1.3359, -0.2830],\n        [ 0.1415,  1.4774]], grad_fn=<LinalgMatrixExpBackward0>)', 'tensor([[1.2522, 3.1848, 0.0000],\n        [3.5350, 5.8519, 0.0000]])', 'None'),  # noqa: E501
    ('torch.linalg.vecdot(t, t)', 'tensor([0.3800, 0.5300], grad_fn=<SumBackward1>)', 'tensor([[ 0.6000, -0.4000,  1.0000],\n        [ 0.4000,  1.6000, -2.4000]])', 'None'),  # noqa: E501
    ('torch.linalg.solve_triangular(torch.tril(u), t.T, upper=False)', 'tensor([[ 0.1500,  0.0500],\n        [-0.1437,  0.2438],\n        [ 0.3163, -0.4663]], grad_fn=<LinalgSolveTriangularBackward0>)', 'tensor([[-0.0868,  0.3125,  2.7778],\n        [ 0.2708,  0.6250,  3.3333]])', 'tensor([[-5.2083e-04,  0.0000e+00,  0.0000e+00],\n        [-7.8125e-02, -1.0742e-01,  0.0000e+00],\n        [-5.8333e-01, -4.1319e-01,  6.7573e-01]])'),  # noqa: E501
    ('torch.linalg.solve_triangular(torch.triu(u), t, upper=True, left=False)', 'tensor([[ 0.1500, -0.1719,  0.3696],\n        [ 0.0500,  0.2344, -0.4161]], grad_fn=<LinalgSolveTriangularBackward0>)', 'tensor([[0.6198, 0.5208, 1.6667],\n        [2.0833, 1.6667, 3.3333]])', 'tensor([[-0.1971, -0.1615, -0.4167],\n        [ 0.0000, -0.3011, -0.4948],\n        [ 0.0000,  0.0000,  0.7711]])'),  # noqa: E501
    ('torch.cholesky_solve(t.T, torch.linalg.cholesky(u @ u.T))', 'tensor([[ 0.1089, -0.0324],\n        [-0.4679,  0.6482],\n        [ 0.4094, -0.5651]], grad_fn=<CholeskySolveBackward0>)', 'tensor([[ 0.0705, -0.2698,  1.3539],\n        [ 0.2429, -0.0706,  1.4308]])', 'tensor([[-0.0158, -0.1490, -0.0551],\n        [-0.3163, -0.5073, -0.4857],\n        [ 0.1734,  0.1039,  0.7569]])'),  # noqa: E501
    ('torch.cholesky_inverse(torch.linalg.cholesky(u @ u.T))', 'tensor([[ 0.2498, -0.1038,  0.0264],\n        [-0.1038,  0.8404, -0.5374],\n        [ 0.0264, -0.5374,  0.5880]], grad_fn=<CholeskyInverseBackward0>)', 'None', 'tensor([[-0.1320, -0.1868, -0.7218],\n        [ 0.1392,  0.1172, -0.6750],\n        [-1.1576, -1.3374, -0.9203]])'),  # noqa: E501
    ('torch.linalg.cond(u)', 'tensor(2.9898, grad_fn=<SqueezeBackward1>)', 'None', 'tensor([[ 0.1076,  0.5436,  0.0746],\n        [ 1.1410, -1.4907,  1.9774],\n        [-0.2986,  2.0540, -0.7894]])'),  # noqa: E501
    ('torch.linalg.cross(t, u[:2])', 'tensor([[-0.1900,  1.0900,  0.5500],\n        [ 1.2400, -0.1900,  0.0800]], grad_fn=<LinalgCrossBackward0>)', 'tensor([[ 2.1000, -6.3000,  3.5000],\n        [ 6.1000,  1.6000, -5.4000]])', 'tensor([[ 1.6000,  0.4000, -0.8000],\n        [-5.4000,  3.0000,  1.1000],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.linalg.diagonal(u)', 'tensor([2.0000, 1.6000, 1.8000], grad_fn=<DiagonalBackward0>)', 'None', 'tensor([[1., 0., 0.],\n        [0., 2., 0.],\n        [0., 0., 3.]])'),  # noqa: E501
    ('torch.linalg.cholesky(-u @ u.T)', '!!_LinAlgError: linalg.cholesky: The factorization could not be completed because the input is not positive-definite (the leading minor of order 1 is not positive-definite).', '', ''),  # noqa: E501
    ('torch.linalg.inv(torch.zeros(2, 2))', '!!_LinAlgError: linalg.inv: The diagonal element 1 is zero, the inversion could not be completed because the input matrix is singular.', '', ''),  # noqa: E501
    ('torch.linalg.solve(u, torch.ones(2))', '!!RuntimeError: linalg.solve: Incompatible shapes of A and B for the equation AX = B (3x3 and 2x1)', '', ''),  # noqa: E501
    ("torch.linalg.norm(u, 'fro', dim=0)", '!!RuntimeError: linalg.matrix_norm: dim must be a 2-tuple. Got 0', '', ''),  # noqa: E501
    ('torch.linalg.inv(t)', '!!RuntimeError: linalg.inv: A must be batches of square matrices, but they are 2 by 3 matrices', '', ''),  # noqa: E501
    ('torch.linalg.det(torch.ones(3, dtype=torch.int64).diag())', '!!RuntimeError: linalg.det: Expected a floating point or complex tensor as input. Got Long', '', ''),  # noqa: E501
    ('torch.special.expit(t)', 'tensor([[0.5744, 0.4502, 0.6225],\n        [0.5250, 0.5987, 0.3543]], grad_fn=<SigmoidBackward0>)', 'tensor([[0.2445, 0.4950, 0.7050],\n        [0.9975, 1.2013, 1.3727]])', 'None'),  # noqa: E501
    ('torch.special.logit(u.sigmoid())', 'tensor([[ 2.0000,  0.5000, -0.3000],\n        [ 0.2000,  1.6000,  0.7000],\n        [ 0.4000,  0.9000,  1.8000]], grad_fn=<LogitBackward0>)', 'None', 'tensor([[1.0000, 2.0000, 3.0000],\n        [4.0000, 5.0000, 6.0000],\n        [7.0000, 8.0000, 9.0000]])'),  # noqa: E501
    ('torch.special.logit(u.sigmoid(), eps=0.3)', 'tensor([[ 0.8473,  0.5000, -0.3000],\n        [ 0.2000,  0.8473,  0.7000],\n        [ 0.4000,  0.8473,  0.8473]], grad_fn=<LogitBackward0>)', 'None', 'tensor([[0.0000, 2.0000, 3.0000],\n        [4.0000, 0.0000, 6.0000],\n        [7.0000, 0.0000, 0.0000]])'),  # noqa: E501
    ('torch.special.erf(t)', 'tensor([[ 0.3286, -0.2227,  0.5205],\n        [ 0.1125,  0.4284, -0.6039]], grad_fn=<ErfBackward0>)', 'tensor([[1.0313, 2.1683, 2.6363],\n        [4.4686, 4.8077, 4.7235]])', 'None'),  # noqa: E501
    ('torch.special.erfc(t)', 'tensor([[0.6714, 1.2227, 0.4795],\n        [0.8875, 0.5716, 1.6039]], grad_fn=<ErfcBackward0>)', 'tensor([[-1.0313, -2.1683, -2.6363],\n        [-4.4686, -4.8077, -4.7235]])', 'None'),  # noqa: E501
    ('torch.special.erfcx(t)', 'tensor([[0.7346, 1.2726, 0.6157],\n        [0.8965, 0.6708, 2.2989]], grad_fn=<SpecialErfcxBackward0>)', 'tensor([[ -0.6876,  -3.2748,  -1.5381],\n        [ -3.7964,  -2.9587, -23.3220]])', 'None'),  # noqa: E501
    ('torch.special.erfinv(t)', 'tensor([[ 0.2725, -0.1791,  0.4769],\n        [ 0.0889,  0.3708, -0.5951]], grad_fn=<ErfinvBackward0>)', 'tensor([[0.9545, 1.8303, 3.3378],\n        [3.5730, 5.0843, 7.5772]])', 'None'),  # noqa: E501
    ('torch.special.gammaln(u.abs())', 'tensor([[ 0.0000,  0.5724,  1.0958],\n        [ 1.5241, -0.1126,  0.2609],\n        [ 0.7967,  0.0664, -0.0711]], grad_fn=<LgammaBackward0>)', 'None', 'tensor([[  0.4228,  -3.9270,  10.5076],\n        [-21.1562,   0.6302,  -7.3201],\n        [-17.9297,  -6.0394,   2.5649]])'),  # noqa: E501
    ('torch.special.digamma(u.abs())', 'tensor([[ 0.4228, -1.9635, -3.5025],\n        [-5.2890,  0.1260, -1.2200],\n        [-2.5614, -0.7549,  0.2850]], grad_fn=<DigammaBackward0>)', 'None', 'tensor([[  0.6449,   9.8696, -36.7361],\n        [105.0695,   4.2922,  17.0043],\n        [ 50.9275,  15.3803,   6.6328]])'),  # noqa: E501
    ('torch.special.psi(u.abs())', 'tensor([[ 0.4228, -1.9635, -3.5025],\n        [-5.2890,  0.1260, -1.2200],\n        [-2.5614, -0.7549,  0.2850]], grad_fn=<DigammaBackward0>)', 'None', 'tensor([[  0.6449,   9.8696, -36.7361],\n        [105.0695,   4.2922,  17.0043],\n        [ 50.9275,  15.3803,   6.6328]])'),  # noqa: E501
    ('torch.special.polygamma(1, u.abs())', 'tensor([[ 0.6449,  4.9348, 12.2454],\n        [26.2674,  0.8584,  2.8340],\n        [ 7.2754,  1.9225,  0.7370]], grad_fn=<PolygammaBackward0>)', 'None', 'tensor([[-4.0411e-01, -3.3658e+01,  2.2582e+02],\n        [-1.0059e+03, -3.5179e+00, -3.8610e+01],\n        [-2.2567e+02, -2.5614e+01, -4.7148e+00]])'),  # noqa: E501
    ('torch.special.polygamma(2, u.abs())', 'tensor([[  -0.4041,  -16.8288,  -75.2725],\n        [-251.4780,   -0.7036,   -6.4350],\n        [ -32.2391,   -3.2018,   -0.5239]], grad_fn=<PolygammaBackward0>)', 'None', 'tensor([[ 4.9394e-01,  1.9482e+02, -2.2294e+03],\n        [ 1.5013e+04,  5.5537e+00,  1.5527e+02],\n        [ 1.6534e+03,  7.7912e+01,  6.5021e+00]])'),  # noqa: E501
    ('torch.polygamma(1, u.abs())', 'tensor([[ 0.6449,  4.9348, 12.2454],\n        [26.2674,  0.8584,  2.8340],\n        [ 7.2754,  1.9225,  0.7370]], grad_fn=<PolygammaBackward0>)', 'None', 'tensor([[-4.0411e-01, -3.3658e+01,  2.2582e+02],\n        [-1.0059e+03, -3.5179e+00, -3.8610e+01],\n        [-2.2567e+02, -2.5614e+01, -4.7148e+00]])'),  # noqa: E501
    ('u.abs().polygamma(3)', 'tensor([[4.9394e-01, 9.7409e+01, 7.4314e+02],\n        [3.7532e+03, 1.1107e+00, 2.5879e+01],\n        [2.3620e+02, 9.7390e+00, 7.2245e-01]], grad_fn=<PolygammaBackward0>)', 'None', 'tensor([[-8.8627e-01, -1.5429e+03,  2.9650e+04],\n        [-3.0004e+05, -1.2754e+01, -8.6825e+02],\n        [-1.6440e+04, -3.3418e+02, -1.3110e+01]])'),  # noqa: E501
    ('torch.special.multigammaln(u.abs() + 2, 2)', 'tensor([[3.5651, 0.8570, 0.6555],\n        [0.5735, 2.6727, 1.1041],\n        [0.7502, 1.3921, 3.1058]], grad_fn=<MvlgammaBackward0>)', 'None', 'tensor([[ 2.3593,  2.2519, -2.6551],\n        [ 3.0114, 10.4859,  8.0465],\n        [ 7.0636, 12.2832, 20.0926]])'),  # noqa: E501
    ('torch.mvlgamma(u.abs() + 2, 3)', 'tensor([[5.4030, 1.8810, 1.6920],\n        [1.6329, 4.1748, 2.1531],\n        [1.7754, 2.4978, 4.7672]], grad_fn=<MvlgammaBackward0>)', 'None', 'tensor([[ 3.2821,  2.3249, -2.1475],\n        [ 1.8552, 14.2412,  9.2977],\n        [ 6.6339, 15.1327, 27.6575]])'),  # noqa: E501
    ('torch.special.xlogy(t, u[:2].abs())', 'tensor([[ 0.2079,  0.1386, -0.6020],\n        [-0.1609,  0.1880,  0.2140]], grad_fn=<XlogyBackward0>)', 'tensor([[ 0.6931, -1.3863, -3.6119],\n        [-6.4378,  2.3500, -2.1400]])', 'tensor([[ 0.1500, -0.8000, -5.0000],\n        [ 2.0000,  1.2500, -5.1429],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.special.xlog1py(t, u[:2].abs())', 'tensor([[ 0.3296, -0.0811,  0.1312],\n        [ 0.0182,  0.3822, -0.3184]], grad_fn=<SpecialXlog1PyBackward0>)', 'tensor([[1.0986, 0.8109, 0.7871],\n        [0.7293, 4.7776, 3.1838]])', 'tensor([[ 0.1000, -0.2667, -1.1538],\n        [ 0.3333,  0.7692, -2.1176],\n        [ 0.0000,  0.0000,  0.0000]])'),  # noqa: E501
    ('torch.special.xlog1py(2.0, u.abs())', 'tensor([[2.1972, 0.8109, 0.5247],\n        [0.3646, 1.9110, 1.0613],\n        [0.6729, 1.2837, 2.0592]], grad_fn=<SpecialXlog1PyBackward1>)', 'None', 'tensor([[ 0.6667,  2.6667, -4.6154],\n        [ 6.6667,  3.8462,  7.0588],\n        [10.0000,  8.4211,  6.4286]])'),  # noqa: E501
    ('torch.special.i0(t)', 'tensor([[1.0226, 1.0100, 1.0635],\n        [1.0025, 1.0404, 1.0920]], grad_fn=<I0Backward0>)', 'tensor([[ 0.1517, -0.2010,  0.7737],\n        [ 0.2003,  1.0201, -1.8822]])', 'None'),  # noqa: E501
    ('torch.special.i0e(t)', 'tensor([[0.7576, 0.8269, 0.6450],\n        [0.9071, 0.6974, 0.5993]], grad_fn=<SpecialI0EBackward0>)', 'tensor([[-0.6452,  1.4893, -1.4658],\n        [-3.4472, -2.8032,  2.5630]])', 'None'),  # noqa: E501
    ('torch.special.i1(t)', 'tensor([[ 0.1517, -0.1005,  0.2579],\n        [ 0.0501,  0.2040, -0.3137]], grad_fn=<SpecialI1Backward0>)', 'tensor([[0.5170, 1.0150, 1.6431],\n        [2.0075, 2.6517, 3.4152]])', 'None'),  # noqa: E501
    ('torch.special.i1e(t)', 'tensor([[ 0.1124, -0.0823,  0.1564],\n        [ 0.0453,  0.1368, -0.1722]], grad_fn=<SpecialI1EBackward0>)', 'tensor([[0.2706, 0.6665, 0.5273],\n        [1.6353, 1.0937, 0.8413]])', 'None'),  # noqa: E501
    ('torch.special.logsumexp(t, 1)', 'tensor([1.3395, 1.1461], grad_fn=<LogsumexpBackward0>)', 'tensor([[0.3536, 0.2145, 0.4319],\n        [0.7026, 0.9485, 0.3489]])', 'None'),  # noqa: E501
    ('torch.special.softmax(t, 0)', 'tensor([[0.5498, 0.3543, 0.7503],\n        [0.4502, 0.6457, 0.2497]], grad_fn=<SoftmaxBackward0>)', 'tensor([[-0.7425, -0.6864, -0.5621],\n        [ 0.7425,  0.6864,  0.5621]])', 'None'),  # noqa: E501
    ('torch.special.log_softmax(t, 1)', 'tensor([[-1.0395, -1.5395, -0.8395],\n        [-1.0461, -0.7461, -1.7461]], grad_fn=<LogSoftmaxBackward0>)', 'tensor([[-1.1217,  0.7131,  0.4086],\n        [-1.2697, -2.1134,  3.3831]])', 'None'),  # noqa: E501
    ('torch.special.ndtr(t)', 'tensor([[0.6179, 0.4207, 0.6915],\n        [0.5398, 0.6554, 0.2743]], grad_fn=<MulBackward1>)', 'tensor([[0.3814, 0.7821, 1.0562],\n        [1.5878, 1.8414, 1.9993]])', 'None'),  # noqa: E501
    ('torch.special.ndtri(u.sigmoid())', 'tensor([[ 1.1790,  0.3119, -0.1877],\n        [ 0.1252,  0.9622,  0.4349],\n        [ 0.2500,  0.5562,  1.0720]], grad_fn=<SpecialNdtriBackward0>)', 'None', 'tensor([[0.5273, 1.2369, 1.8710],\n        [2.5013, 2.7828, 3.6653],\n        [4.3495, 4.8102, 4.8785]])'),  # noqa: E501
    ('torch.special.log_ndtr(t)', 'tensor([[-0.4814, -0.8657, -0.3689],\n        [-0.6165, -0.4225, -1.2937]], grad_fn=<SpecialLogNdtrBackward0>)', 'tensor([[0.6172, 1.8588, 1.5275],\n        [2.9413, 2.8094, 7.2902]])', 'None'),  # noqa: E501
    ('torch.special.sinc(t)', 'tensor([[0.8584, 0.9355, 0.6366],\n        [0.9836, 0.7568, 0.5046]], grad_fn=<SincBackward0>)', 'tensor([[-0.9020,  1.2647, -3.8197],\n        [-1.3030, -5.5976,  8.1357]])', 'None'),  # noqa: E501
    ('torch.special.entr(u.sigmoid())', 'tensor([[0.1118, 0.2951, 0.3636],\n        [0.3289, 0.1530, 0.2694],\n        [0.3071, 0.2425, 0.1313]], grad_fn=<SpecialEntrBackward0>)', 'None', 'tensor([[-0.0917, -0.2472, -0.1068],\n        [-0.3979, -0.5703, -0.7939],\n        [-0.8190, -1.0831, -0.9280]])'),  # noqa: E501
    ('torch.special.entr(torch.tensor([-1.0, 0.0, 0.5]))', 'tensor([  -inf, 0.0000, 0.3466])', '', ''),  # noqa: E501
    ('torch.special.zeta(u.abs().detach() + 1, 1.5)', 'tensor([[0.4144, 1.9481, 3.2874],\n        [4.9571, 0.5466, 1.3711],\n        [2.4510, 1.0484, 0.4734]])', '', ''),  # noqa: E501
    ('torch.special.xlog1py(t, 2.0)', 'tensor([[ 0.3296, -0.2197,  0.5493],\n        [ 0.1099,  0.4394, -0.6592]], grad_fn=<SpecialXlog1PyBackward2>)', 'tensor([[1.0986, 2.1972, 3.2958],\n        [4.3944, 5.4931, 6.5917]])', 'None'),  # noqa: E501
    ('torch.special.gammaincc(torch.tensor([1.0, 2.0]), t[0, :2].abs())', 'tensor([0.7408, 0.9825], grad_fn=<IgammacBackward0>)', 'tensor([[-0.7408,  0.3275,  0.0000],\n        [ 0.0000,  0.0000,  0.0000]])', 'None'),  # noqa: E501
    ('torch.special.exp2(t)', 'tensor([[1.2311, 0.8706, 1.4142],\n        [1.0718, 1.3195, 0.6598]], grad_fn=<Exp2Backward0>)', 'tensor([[0.8534, 1.2068, 2.9408],\n        [2.9716, 4.5731, 2.7438]])', 'None'),  # noqa: E501
    ('torch.special.expm1(t)', 'tensor([[ 0.3499, -0.1813,  0.6487],\n        [ 0.1052,  0.4918, -0.4512]], grad_fn=<Expm1Backward0>)', 'tensor([[1.3499, 1.6375, 4.9462],\n        [4.4207, 7.4591, 3.2929]])', 'None'),  # noqa: E501
    ('torch.special.log1p(t)', 'tensor([[ 0.2624, -0.2231,  0.4055],\n        [ 0.0953,  0.3365, -0.9163]], grad_fn=<Log1PBackward0>)', 'tensor([[ 0.7692,  2.5000,  2.0000],\n        [ 3.6364,  3.5714, 15.0000]])', 'None'),  # noqa: E501
    ('torch.special.round(t * 5)', 'tensor([[ 2., -1.,  2.],\n        [ 0.,  2., -3.]], grad_fn=<RoundBackward1>)', 'tensor([[0., 0., 0.],\n        [0., 0., 0.]])', 'None'),  # noqa: E501
]


@pytest.mark.parametrize(("expression", "out", "grad_t", "grad_u"), CASES,
                         ids=[c[0] for c in CASES])
def test_against_pytorch(expression, out, grad_t, grad_u):
    assert evaluate(expression, X0, U0) == (out, grad_t, grad_u)


# ---------------------------------------------------------------------------
# Finite differences in float64
# ---------------------------------------------------------------------------

GRADCHECK = {
    "vector_norm": lambda x, u: torch.linalg.vector_norm(x, 3, dim=1),
    "matrix_norm_nuc": lambda x, u: torch.linalg.matrix_norm(u, "nuc"),
    "matrix_norm_2": lambda x, u: torch.linalg.matrix_norm(u, 2),
    "inv": lambda x, u: torch.linalg.inv(u),
    "det": lambda x, u: torch.linalg.det(u),
    "slogdet": lambda x, u: torch.linalg.slogdet(u).logabsdet,
    "logdet": lambda x, u: torch.logdet(u),
    "solve": lambda x, u: torch.linalg.solve(u, x.T),
    "solve_left_false": lambda x, u: torch.linalg.solve(u, x, left=False),
    "solve_triangular": lambda x, u: torch.linalg.solve_triangular(torch.triu(u), x.T,
                                                                   upper=True),
    "cholesky": lambda x, u: torch.linalg.cholesky(u @ u.T),
    "qr": lambda x, u: torch.linalg.qr(u),
    "eigh_values": lambda x, u: torch.linalg.eigvalsh(u @ u.T),
    "eigh_vectors": lambda x, u: torch.linalg.eigh(u @ u.T).eigenvectors.abs(),
    "svdvals": lambda x, u: torch.linalg.svdvals(x),
    "svd_product": lambda x, u: (lambda r: r.U[:, :1] * r.Vh[:1])(torch.linalg.svd(u)),
    "pinv": lambda x, u: torch.linalg.pinv(x),
    "lstsq": lambda x, u: torch.linalg.lstsq(x.T, u[:, :2]).solution,
    "matrix_power": lambda x, u: torch.linalg.matrix_power(u, -2),
    "matrix_exp": lambda x, u: torch.linalg.matrix_exp(u * 0.5),
    "multi_dot": lambda x, u: torch.linalg.multi_dot([x, u, x.T]),
    "cholesky_solve": lambda x, u: torch.cholesky_solve(x.T, torch.linalg.cholesky(u @ u.T)),
    "erfcx": lambda x, u: torch.special.erfcx(x),
    "polygamma": lambda x, u: torch.special.polygamma(2, u.abs() + 0.5),
    "multigammaln": lambda x, u: torch.special.multigammaln(u.abs() + 2, 3),
    "xlog1py": lambda x, u: torch.special.xlog1py(x, u[:2].abs()),
    "ndtri": lambda x, u: torch.special.ndtri(u.sigmoid()),
    "log_ndtr": lambda x, u: torch.special.log_ndtr(x),
    "i1e": lambda x, u: torch.special.i1e(x),
    "entr": lambda x, u: torch.special.entr(u.sigmoid()),
}


@pytest.mark.parametrize("name", list(GRADCHECK))
def test_gradients_match_finite_differences(name):
    x = torch.tensor(X0, dtype=torch.float64, requires_grad=True)
    u = torch.tensor(U0, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(GRADCHECK[name], (x, u))


VMAPPED = {
    "inv": lambda u: torch.linalg.inv(u),
    "det": lambda u: torch.linalg.det(u),
    "slogdet": lambda u: torch.linalg.slogdet(u).logabsdet,
    "solve": lambda u: torch.linalg.solve(u, u[0]),
    "cholesky": lambda u: torch.linalg.cholesky(u @ u.T),
    "eigvalsh": lambda u: torch.linalg.eigvalsh(u + u.T),
    "svdvals": lambda u: torch.linalg.svdvals(u),
    "norm": lambda u: torch.linalg.norm(u, "nuc"),
    "vector_norm": lambda u: torch.linalg.vector_norm(u, 1.5, dim=0),
    "ndtri": lambda u: torch.special.ndtri(u.sigmoid()),
}


@pytest.mark.parametrize("name", list(VMAPPED))
def test_vmap_matches_a_loop(name):
    f = VMAPPED[name]
    base = torch.tensor(U0, dtype=torch.float64)
    u = torch.stack([base, base * 1.5 + torch.eye(3, dtype=torch.float64), base.T])
    out = torch.func.vmap(f)(u)
    assert torch.allclose(out, torch.stack([f(u[k]) for k in range(3)]))
    g = torch.func.grad(lambda a: torch.func.vmap(f)(a).sum())(u)
    expected = []
    for k in range(3):
        a = u[k].clone().requires_grad_()
        f(a).sum().backward()
        expected.append(a.grad)
    assert torch.allclose(g, torch.stack(expected))


def test_eigvals_are_complex_and_errors_are_linalg_errors():
    w = torch.linalg.eigvals(torch.tensor([[0.0, 1.0], [-1.0, 0.0]]))
    assert w.dtype == torch.complex64
    assert sorted(w.imag.tolist()) == [-1.0, 1.0]
    with pytest.raises(torch.linalg.LinAlgError, match="not positive-definite"):
        torch.linalg.cholesky(-torch.eye(2))
    assert issubclass(torch.linalg.LinAlgError, RuntimeError)
    info = torch.linalg.cholesky_ex(torch.tensor([[1.0, 0.0], [0.0, -1.0]])).info
    assert info.item() == 2
