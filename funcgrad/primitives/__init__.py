"""Primitives: every operation the kernel knows, each with all its rules side by side."""
