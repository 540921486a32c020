"""Comparisons of the engine with independent figures (see validation/README.md)."""
