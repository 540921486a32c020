"""Graduation of grouped (e.g. 5-year) age data to single years of age.

Method: a *monotone cubic spline of the cumulated counts*. For groups
``[a_0, a_1), [a_1, a_2), ...`` with totals ``T_0, T_1, ...`` define the cumulative
function at the group boundaries

.. math::

    C(a_0) = 0, \\qquad C(a_{k+1}) = \\sum_{j \\le k} T_j ,

interpolate it by a piecewise-cubic Hermite function :math:`\\hat C` and take first
differences at the integer ages

.. math::

    n_x = \\hat C(x + 1) - \\hat C(x), \\qquad a_0 \\le x < a_G .

The knot slopes :math:`d_k = \\hat C'(a_k)` are those of the natural cubic spline
through the knots, filtered for monotonicity (Hyman 1983), so that :math:`\\hat C` is
that C2 spline wherever the filter leaves the slopes unchanged:

.. math::

    d_k \\leftarrow \\min\\bigl(\\max(d_k, 0),\\; 3 \\min(s_{k-1}, s_k)\\bigr),
    \\qquad s_k = T_k / (a_{k+1} - a_k),

with only the one adjacent secant at the two ends. With :math:`0 \\le d \\le 3 s` at
both ends of every interval the cubic is non-decreasing (Fritsch and Carlson 1980), so
:math:`n_x \\ge 0`; a group with zero total gets zero slopes at both ends and yields
zeros. Because :math:`\\hat C` passes through every knot, the single-age values of a
group sum to its total (telescoping sum). Floating-point rounding can leave values of
order 1e-16 below zero and sums off in the last digit, so a final step clips at zero
and rescales each group by ``T_k / sum(n_x in group)``: group totals are then
preserved to machine precision and no value is negative.

Unlike Sprague or Beers multipliers this cannot produce negative values in sparse
old-age groups. An open last group (e.g. 100+) is not spread: it stays as the single
open age of the result (the model's age 100 means "100 and over").
"""

from __future__ import annotations

import numpy as np
from scipy.interpolate import CubicHermiteSpline, CubicSpline

__all__ = ["graduate", "graduate_five_year"]


def graduate(totals: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Spread group totals over single years of age (closed groups only).

    Parameters
    ----------
    totals : array_like, shape (..., G)
        Non-negative group totals (counts, or rates multiplied by the group width)
        for the age intervals ``[edges[k], edges[k+1])``.
    edges : array_like of int, shape (G + 1,)
        Strictly increasing integer group boundaries, in years of age.

    Returns
    -------
    numpy.ndarray, shape (..., edges[-1] - edges[0])
        Value for each single age ``edges[0] .. edges[-1] - 1``, float64, non-negative,
        summing within each group to that group's total.

    Raises
    ------
    ValueError
        If the edges are not increasing integers, shapes disagree, or a total is
        negative or not finite.
    """
    totals = np.asarray(totals, dtype=np.float64)
    edges = np.asarray(edges)
    if edges.ndim != 1 or edges.size < 2 or not np.all(np.diff(edges) > 0):
        raise ValueError("edges must be a strictly increasing 1-D sequence of >= 2 ages")
    if not np.all(edges == np.round(edges)):
        raise ValueError("edges must be whole years of age")
    edges = edges.astype(np.int64)
    if totals.shape[-1] != edges.size - 1:
        raise ValueError(f"totals has {totals.shape[-1]} groups, edges define {edges.size - 1}")
    if not np.all(np.isfinite(totals)) or np.any(totals < 0):
        raise ValueError("group totals must be finite and non-negative")

    widths = np.diff(edges)
    if totals.shape[-1] == 1 or np.all(widths == 1):
        return np.repeat(totals / widths, widths, axis=-1)

    cum = np.concatenate([np.zeros(totals.shape[:-1] + (1,)), np.cumsum(totals, axis=-1)], axis=-1)
    knots = edges.astype(np.float64)
    slopes = CubicSpline(knots, cum, axis=-1, bc_type="natural")(knots, 1)
    secant = totals / widths
    bound = np.concatenate(
        [secant[..., :1], np.minimum(secant[..., :-1], secant[..., 1:]), secant[..., -1:]], axis=-1
    )
    slopes = np.clip(slopes, 0.0, 3.0 * bound)
    spline = CubicHermiteSpline(knots, cum, slopes, axis=-1, extrapolate=False)
    ages = np.arange(edges[0], edges[-1] + 1, dtype=np.float64)
    single = np.diff(spline(ages), axis=-1)
    # Knots are hit exactly in exact arithmetic; enforce them at the level of floats.
    single = np.clip(single, 0.0, None)
    group_of_age = np.repeat(np.arange(widths.size), widths)
    sums = np.add.reduceat(single, np.concatenate([[0], np.cumsum(widths)[:-1]]), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        factor = np.where(sums > 0, totals / np.where(sums > 0, sums, 1.0), 0.0)
    single = single * factor[..., group_of_age]
    # A positive total whose spline mass vanished (cannot happen with the filter, kept
    # for safety): spread it evenly over its ages.
    lost = (sums <= 0) & (totals > 0)
    if np.any(lost):
        even = totals / widths
        single = np.where(lost[..., group_of_age], even[..., group_of_age], single)
    return single


def graduate_five_year(totals: np.ndarray, first_age: int = 0, open_group: bool = True) -> np.ndarray:
    """Graduate standard 5-year age groups to single ages.

    Parameters
    ----------
    totals : array_like, shape (..., G)
        Totals of the groups ``first_age`` to ``first_age + 4``, the next five ages and
        so on. If ``open_group`` is true the last entry is an open group (e.g. 100+).
    first_age : int, default 0
        Lower bound of the first group.
    open_group : bool, default True
        Whether the last entry is an open-ended group. It is returned unchanged as the
        last single age.

    Returns
    -------
    numpy.ndarray
        Shape (..., 5 * G_closed + 1) with an open group, else (..., 5 * G); for the
        21 groups 0-4, ..., 95-99, 100+ this is 101 values for ages 0..100.
    """
    totals = np.asarray(totals, dtype=np.float64)
    closed = totals[..., :-1] if open_group else totals
    edges = first_age + 5 * np.arange(closed.shape[-1] + 1)
    single = graduate(closed, edges)
    if open_group:
        if totals[..., -1:].min(initial=0.0) < 0 or not np.all(np.isfinite(totals[..., -1])):
            raise ValueError("open-group total must be finite and non-negative")
        single = np.concatenate([single, totals[..., -1:]], axis=-1)
    return single
