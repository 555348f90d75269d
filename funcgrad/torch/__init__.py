"""funcgrad.torch: a PyTorch-style autograd layer on funcgrad's kernel."""
