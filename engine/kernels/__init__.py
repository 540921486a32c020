"""Numba kernels: pure functions of arrays and scalars, and the switch that turns JIT off."""
