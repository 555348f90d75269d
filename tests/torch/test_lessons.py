"""The five classic autograd lessons run unchanged and print exactly what PyTorch 2.13 prints.

Each lesson is the PyTorch script with ``import funcgrad.torch as torch`` in place of
``import torch``. The expected text was produced by running the same script with
PyTorch 2.13.0 (CPU); the tests do not need PyTorch.
"""

import contextlib
import io

import pytest

import funcgrad.torch as torch

LESSONS = {}
LESSONS["lesson1_autograd_basics"] = '''
x = torch.arange(4.0)
print(x)
x.requires_grad_(True)
print(x.grad)
y = 2 * torch.dot(x, x)
print(y)
y.backward()
print(x.grad)
print(x.grad == 4 * x)
x.grad.zero_()
y = x.sum()
y.backward()
print(x.grad)
x.grad.zero_()
y = x * x
y.sum().backward()
print(x.grad)
x.grad.zero_()
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)
x = torch.arange(4.0, requires_grad=True)
print(x)
def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c
a = torch.tensor(0.7, requires_grad=True)
d = f(a)
d.backward()
print(a.grad == d / a)
print(d, a.grad)
'''
LESSONS["lesson2_linear_regression"] = '''
x_data = [1.0, 2.0, 3.0]
y_data = [2.0, 4.0, 6.0]
w = torch.tensor([1.0])
w.requires_grad = True
def forward(x):
    return x * w
def loss(x, y):
    y_pred = forward(x)
    return (y_pred - y) ** 2
print("predict (before training)", 4, forward(4).item())
for epoch in range(10):
    for x_val, y_val in zip(x_data, y_data):
        l = loss(x_val, y_val)
        l.backward()
        print("\\tgrad: ", x_val, y_val, w.grad.item())
        print(w.grad.data, type(w.grad.data))
        w.data = w.data - 0.01 * w.grad.data
        w.grad.data.zero_()
    print("progress:", epoch, l.item(), w)
print("predict (after training)", 4, forward(4).item())
print(forward(4))
print(l)
'''
LESSONS["lesson3_accumulation"] = '''
x = torch.ones(1, requires_grad=True)
print(x)
y = x ** 2
z = x ** 3
print(y, z)
y.backward()
z.backward()
print(x.grad)
x = torch.ones(1, requires_grad=True)
y = x ** 2
z = x ** 3
y.backward()
print(x.grad)
x.grad.zero_()
z.backward()
print(x.grad)
'''
LESSONS["lesson4_vector_jacobian"] = '''
x = torch.tensor([[-1.5], [2.7]], requires_grad=True)
print(x)
y = torch.empty([3, 1])
y[0] = x[0] ** 2
y[1] = x[1] ** 3
y[2] = x[1] ** 4
print(y)
y.backward(gradient=torch.ones(y.size()))
print(x.grad)
x = torch.tensor([[-1.5], [2.7]], requires_grad=True)
y = torch.empty([3, 1])
y[0] = x[0] ** 2
y[1] = x[1] ** 3
y[2] = x[1] ** 4
weights = torch.tensor([[0.5], [-2.], [1.5]])
y.backward(gradient=weights)
print(x.grad)
print(y.grad_fn.name(), y.is_leaf, y.requires_grad)
'''
LESSONS["lesson5_leaves_and_errors"] = '''
x = torch.tensor(1.0, requires_grad=True)
w = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(3.0, requires_grad=True)
y = w * x + b
print(y)
y.backward()
print(x.grad)
print(w.grad)
print(b.grad)
print(x.requires_grad, y.requires_grad)
print(x.is_leaf, y.is_leaf)
a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a * a).sum()
print(b.grad_fn.name())
torch.manual_seed(0)
x = torch.randn(5, 5)
print(x.shape, x.dtype)
y = torch.randn(5, 5)
z = torch.randn((5, 5), requires_grad=True)
a = x + y
print(f"Does `a` require gradients? : {a.requires_grad}")
b = x + z
print(f"Does `b` require gradients?: {b.requires_grad}")
x = torch.ones(2, 2, requires_grad=True)
y = x + 2
print(y)
print(y.grad_fn.name())
try:
    y.backward()
except RuntimeError as e:
    print("RuntimeError:", e)
with torch.no_grad():
    print((x ** 2).requires_grad)
'''

EXPECTED = {}
EXPECTED['lesson1_autograd_basics'] = (
    'tensor([0., 1., 2., 3.])\n'
    'None\n'
    'tensor(28., grad_fn=<MulBackward0>)\n'
    'tensor([ 0.,  4.,  8., 12.])\n'
    'tensor([True, True, True, True])\n'
    'tensor([1., 1., 1., 1.])\n'
    'tensor([0., 2., 4., 6.])\n'
    'tensor([True, True, True, True])\n'
    'tensor([True, True, True, True])\n'
    'tensor([0., 1., 2., 3.], requires_grad=True)\n'
    'tensor(True)\n'
    'tensor(1433.6000, grad_fn=<MulBackward0>) tensor(2048.)\n'
)
EXPECTED['lesson2_linear_regression'] = (
    'predict (before training) 4 4.0\n'
    '\tgrad:  1.0 2.0 -2.0\n'
    "tensor([-2.]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -7.840000152587891\n'
    "tensor([-7.8400]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -16.228801727294922\n'
    "tensor([-16.2288]) <class 'torch.Tensor'>\n"
    'progress: 0 7.315943717956543 tensor([1.2607], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -1.478623867034912\n'
    "tensor([-1.4786]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -5.796205520629883\n'
    "tensor([-5.7962]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -11.998146057128906\n'
    "tensor([-11.9981]) <class 'torch.Tensor'>\n"
    'progress: 1 3.9987640380859375 tensor([1.4534], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -1.0931644439697266\n'
    "tensor([-1.0932]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -4.285204887390137\n'
    "tensor([-4.2852]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -8.870372772216797\n'
    "tensor([-8.8704]) <class 'torch.Tensor'>\n"
    'progress: 2 2.1856532096862793 tensor([1.5959], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.8081896305084229\n'
    "tensor([-0.8082]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -3.1681032180786133\n'
    "tensor([-3.1681]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -6.557973861694336\n'
    "tensor([-6.5580]) <class 'torch.Tensor'>\n"
    'progress: 3 1.1946394443511963 tensor([1.7012], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.5975041389465332\n'
    "tensor([-0.5975]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -2.3422164916992188\n'
    "tensor([-2.3422]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -4.848389625549316\n'
    "tensor([-4.8484]) <class 'torch.Tensor'>\n"
    'progress: 4 0.6529689431190491 tensor([1.7791], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.4417421817779541\n'
    "tensor([-0.4417]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -1.7316293716430664\n'
    "tensor([-1.7316]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -3.58447265625\n'
    "tensor([-3.5845]) <class 'torch.Tensor'>\n"
    'progress: 5 0.35690122842788696 tensor([1.8367], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.3265852928161621\n'
    "tensor([-0.3266]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -1.2802143096923828\n'
    "tensor([-1.2802]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -2.650045394897461\n'
    "tensor([-2.6500]) <class 'torch.Tensor'>\n"
    'progress: 6 0.195076122879982 tensor([1.8793], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.24144840240478516\n'
    "tensor([-0.2414]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -0.9464778900146484\n'
    "tensor([-0.9465]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -1.9592113494873047\n'
    "tensor([-1.9592]) <class 'torch.Tensor'>\n"
    'progress: 7 0.10662525147199631 tensor([1.9107], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.17850565910339355\n'
    "tensor([-0.1785]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -0.699742317199707\n'
    "tensor([-0.6997]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -1.4484672546386719\n'
    "tensor([-1.4485]) <class 'torch.Tensor'>\n"
    'progress: 8 0.0582793727517128 tensor([1.9340], requires_grad=True)\n'
    '\tgrad:  1.0 2.0 -0.1319713592529297\n'
    "tensor([-0.1320]) <class 'torch.Tensor'>\n"
    '\tgrad:  2.0 4.0 -0.5173273086547852\n'
    "tensor([-0.5173]) <class 'torch.Tensor'>\n"
    '\tgrad:  3.0 6.0 -1.070866584777832\n'
    "tensor([-1.0709]) <class 'torch.Tensor'>\n"
    'progress: 9 0.03185431286692619 tensor([1.9512], requires_grad=True)\n'
    'predict (after training) 4 7.804864406585693\n'
    'tensor([7.8049], grad_fn=<MulBackward0>)\n'
    'tensor([0.0319], grad_fn=<PowBackward0>)\n'
)
EXPECTED['lesson3_accumulation'] = (
    'tensor([1.], requires_grad=True)\n'
    'tensor([1.], grad_fn=<PowBackward0>) tensor([1.], grad_fn=<PowBackward0>)\n'
    'tensor([5.])\n'
    'tensor([2.])\n'
    'tensor([3.])\n'
)
EXPECTED['lesson4_vector_jacobian'] = (
    'tensor([[-1.5000],\n'
    '        [ 2.7000]], requires_grad=True)\n'
    'tensor([[ 2.2500],\n'
    '        [19.6830],\n'
    '        [53.1441]], grad_fn=<CopySlices>)\n'
    'tensor([[ -3.0000],\n'
    '        [100.6020]])\n'
    'tensor([[-1.5000],\n'
    '        [74.3580]])\n'
    'torch::autograd::CopySlices False True\n'
)
EXPECTED['lesson5_leaves_and_errors'] = (
    'tensor(5., grad_fn=<AddBackward0>)\n'
    'tensor(2.)\n'
    'tensor(1.)\n'
    'tensor(1.)\n'
    'True True\n'
    'True False\n'
    'False\n'
    'True\n'
    'SumBackward0\n'
    'torch.Size([5, 5]) torch.float32\n'
    'Does `a` require gradients? : False\n'
    'Does `b` require gradients?: True\n'
    'tensor([[3., 3.],\n'
    '        [3., 3.]], grad_fn=<AddBackward0>)\n'
    'AddBackward0\n'
    'RuntimeError: grad can be implicitly created only for scalar outputs\n'
    'False\n'
)


def run(source: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(source, {"torch": torch})
    return buf.getvalue()


@pytest.mark.parametrize("name", sorted(LESSONS))
def test_lesson_prints_what_pytorch_prints(name):
    assert run(LESSONS[name]) == EXPECTED[name]


def test_lesson1_with_requires_grad_argument():
    x = torch.arange(4.0, requires_grad=True)
    y = 2 * torch.dot(x, x)
    assert repr(y) == "tensor(28., grad_fn=<MulBackward0>)"
    y.backward()
    assert repr(x.grad) == "tensor([ 0.,  4.,  8., 12.])"

