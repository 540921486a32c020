"""Iterative proportional fitting of a table to given margins."""

from __future__ import annotations

from typing import Sequence

import numpy as np


def ipf(
    seed: np.ndarray,
    margins: Sequence[tuple[tuple[int, ...], np.ndarray]],
    tol: float = 1e-12,
    max_iter: int = 2000,
) -> np.ndarray:
    """Iterative proportional fitting of a non-negative table to given margins.

    Each sweep rescales the table so that, for each margin in turn,
    ``table.sum(other axes) == target``: :math:`t \\leftarrow t \\cdot target / current`.
    Sweeps repeat until every margin is within ``tol`` (absolute) of its target.

    Parameters
    ----------
    seed : ndarray
        Non-negative starting table; zeros stay zero (structural zeros).
    margins : sequence of (axes, target)
        ``axes`` a sorted tuple of axis numbers, ``target`` of shape
        ``seed.shape[axes]``. All targets must have the same total.
    tol, max_iter
        Convergence tolerance and the maximum number of sweeps.

    Returns
    -------
    ndarray
        Fitted table, same shape as ``seed``.

    Raises
    ------
    ValueError
        Negative seed or targets, unequal totals, a positive target over a zero seed
        margin, or no convergence.
    """
    table = np.array(seed, dtype=float)
    if np.any(table < 0) or not np.all(np.isfinite(table)):
        raise ValueError("IPF seed must be finite and non-negative")
    totals = [float(np.sum(t)) for _, t in margins]
    if any(np.any(np.asarray(t) < 0) for _, t in margins):
        raise ValueError("IPF targets must be non-negative")
    if totals and max(totals) - min(totals) > 1e-9 * max(1.0, max(totals)):
        raise ValueError(f"IPF margins have different totals: {totals}")
    all_axes = tuple(range(table.ndim))
    for _ in range(max_iter):
        for axes, target in margins:
            other = tuple(a for a in all_axes if a not in axes)
            current = table.sum(axis=other)
            if np.any((current == 0) & (np.asarray(target) > 0)):
                raise ValueError(f"IPF margin on axes {axes}: positive target over a zero seed margin")
            factor = np.divide(target, current, out=np.zeros_like(current), where=current > 0)
            table *= np.expand_dims(factor, other)
        error = max(float(np.max(np.abs(table.sum(axis=tuple(a for a in all_axes if a not in axes)) - t)))
                    for axes, t in margins)
        if error < tol:
            return table
    raise ValueError(f"IPF did not converge within {max_iter} sweeps (largest margin error {error:.3g})")
