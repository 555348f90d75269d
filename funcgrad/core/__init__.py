"""The kernel: primitives, the IR, traces, pytrees."""
