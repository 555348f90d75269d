"""autograd.Function under torch.func transforms: PyTorch's "Extending torch.func with
autograd.Function" examples, with the outputs PyTorch 2.13 printed for them."""

import numpy as np
import pytest

import funcgrad.torch as torch


def to_numpy(tensor):
    return tensor.cpu().numpy()


class NumpySort(torch.autograd.Function):
    @staticmethod
    def forward(x, dim):
        x = to_numpy(x)
        ind = np.argsort(x, axis=dim)
        ind_inv = np.argsort(ind, axis=dim)
        result = np.take_along_axis(x, ind, axis=dim)
        return torch.tensor(result), torch.tensor(ind), torch.tensor(ind_inv)

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, dim = inputs
        _, ind, ind_inv = output
        ctx.mark_non_differentiable(ind, ind_inv)
        ctx.save_for_backward(ind, ind_inv)
        ctx.dim = dim

    @staticmethod
    def backward(ctx, grad_output, _0, _1):
        ind, ind_inv = ctx.saved_tensors
        return NumpyTake.apply(grad_output, ind_inv, ind, ctx.dim), None

    @staticmethod
    def vmap(info, in_dims, x, dim):
        x_bdim, _ = in_dims
        x = x.movedim(x_bdim, 0)
        dim = dim if dim >= 0 else dim + x.dim() - 1
        return NumpySort.apply(x, dim + 1), (0, 0, 0)


class NumpyTake(torch.autograd.Function):
    @staticmethod
    def forward(x, ind, ind_inv, dim):
        return torch.tensor(np.take_along_axis(to_numpy(x), to_numpy(ind), dim))

    @staticmethod
    def setup_context(ctx, inputs, output):
        _, ind, ind_inv, dim = inputs
        ctx.save_for_backward(ind, ind_inv)
        ctx.dim = dim

    @staticmethod
    def backward(ctx, grad_output):
        ind, ind_inv = ctx.saved_tensors
        return NumpyTake.apply(grad_output, ind_inv, ind, ctx.dim), None, None, None

    @staticmethod
    def vmap(info, in_dims, x, ind, ind_inv, dim):
        x_bdim, ind_bdim, ind_inv_bdim, _ = in_dims
        logical_dim = x.dim() if x_bdim is None else x_bdim - 1
        dim = dim if dim >= 0 else dim + logical_dim

        def front(t, bdim):
            return t.expand(info.batch_size, *t.shape) if bdim is None else t.movedim(bdim, 0)

        return NumpyTake.apply(front(x, x_bdim), front(ind, ind_bdim),
                               front(ind_inv, ind_inv_bdim), dim + 1), 0


def numpy_sort(x, dim=-1):
    result, _, _ = NumpySort.apply(x, dim)
    return result


class Cube(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return x ** 3, 3 * x ** 2

    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0], output[1])

    @staticmethod
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        return grad_output * dx + grad_dx * 6 * x


class GeneratedCube(Cube):
    generate_vmap_rule = True


def cube(x, cls=Cube):
    return cls.apply(x)[0]


X = torch.tensor([[3.0, 1.0, 2.0], [0.5, -1.0, 4.0]])
W = torch.tensor([1.0, 2.0, 3.0])

CASES = [
    (lambda: torch.func.grad(lambda x: numpy_sort(x).sum())(X), [[1, 1, 1], [1, 1, 1]]),
    (lambda: torch.vmap(numpy_sort)(X), [[1, 2, 3], [-1, 0.5, 4]]),
    (lambda: torch.vmap(numpy_sort, in_dims=1)(X), [[0.5, 3], [-1, 1], [2, 4]]),
    (lambda: torch.func.grad(lambda x: (numpy_sort(x) * W).sum())(X), [[3, 1, 2], [2, 1, 3]]),
    (lambda: torch.vmap(lambda a, i, j: NumpyTake.apply(a, i, j, 0), in_dims=(0, None, None))(
        X, torch.tensor([2, 0, 1]), torch.tensor([1, 2, 0])), [[2, 3, 1], [4, 0.5, -1]]),
    (lambda: torch.func.grad(torch.func.grad(cube))(torch.tensor(0.7)), 4.2),
    (lambda: torch.vmap(lambda x: cube(x, GeneratedCube))(torch.tensor([0.5, -1.0, 2.0])),
     [0.125, -1, 8]),
    (lambda: torch.func.jacrev(lambda x: cube(x, GeneratedCube))(torch.tensor([0.5, 2.0])),
     [[0.75, 0], [0, 12]]),
    (lambda: torch.vmap(torch.func.grad(lambda x: cube(x, GeneratedCube)))(
        torch.tensor([0.5, -1.0, 2.0])), [0.75, 3, 12]),
]


@pytest.mark.parametrize("case,want", CASES, ids=range(len(CASES)))
def test_extending_torch_func_examples(case, want):
    np.testing.assert_allclose(case().numpy(), np.asarray(want, dtype=np.float32), rtol=1e-6)


def test_vmap_needs_a_rule_or_generate_vmap_rule():
    with pytest.raises(RuntimeError, match="You tried to vmap over Cube, but it does not have "
                                           "vmap support"):
        torch.vmap(cube)(torch.tensor([1.0, 2.0]))


def test_vmap_needs_setup_context():
    class Old(torch.autograd.Function):
        generate_vmap_rule = True

        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    with pytest.raises(RuntimeError, match="it must override the setup_context staticmethod"):
        torch.vmap(Old.apply)(torch.ones(2, 3))


def test_raw_saved_tensors_and_ctx_metadata():
    class Square(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    x = torch.tensor([3.0], requires_grad=True)
    y = Square.apply(x)
    (raw,) = y.grad_fn._raw_saved_tensors
    raw.register_hooks(lambda t: t * 10, lambda t: t / 10)
    assert repr(y.grad_fn.saved_tensors) == "(tensor([3.], requires_grad=True),)"
    fn = y.grad_fn
    assert (fn.dirty_tensors, fn.non_differentiable, fn.saved_for_forward) == (None, None, None)
    assert fn._materialize_non_diff_grads is True
    y.backward()
    assert x.grad.tolist() == [6.0]


@pytest.mark.parametrize("src,dst,shape", [
    (0, -1, (3, 4, 2)), ((0, 1), (2, 0), (3, 4, 2)), (-1, 0, (4, 2, 3)), ([1], [1], (2, 3, 4)),
])
def test_movedim(src, dst, shape):
    x = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
    y = torch.movedim(x, src, dst)
    assert tuple(y.shape) == shape and y.grad_fn.name() == "PermuteBackward0"
    np.testing.assert_array_equal(y.detach().numpy(), np.moveaxis(x.detach().numpy(), src, dst))
    assert x.moveaxis(src, dst).shape == y.shape
