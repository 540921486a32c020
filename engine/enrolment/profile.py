"""Informal workers as weighted covariate cells for the probit interest model.

The projection counts informal workers by sex and single age 0..100. For the probit of
:mod:`engine.enrolment.probit` each (sex, age) group is split into *cells*: the Cartesian
product of the categorical covariates

====================  =====================================================================
dimension             categories
====================  =====================================================================
province              bokeo, champasak, luang_prabang, vientiane_capital (base)
married               0, 1
income_frequency      other (daily, weekly, fortnightly, monthly), yearly, after_work
income_band           the six survey bands of monthly income (LAK, 2020)
provincial_capital    0, 1
collective_group      0, 1
====================  =====================================================================

(576 cells). Enrolment in a (sex, age) group is then
``sum over cells of weight[sex, age, cell] * probability[sex, age, cell]``.

Weights come from the survey of Oxfam in Laos (2021), *Promoting Informal Workers' Access
to the Lao Social Security Fund*, Tables 4 and 13, by iterative proportional fitting
(:func:`ipf`) of a seed table to the survey margins. Flagged assumptions (also in
``informal_profile_assumptions.csv``):

* within a province and sex, the covariates are independent of one another (the survey
  publishes only province-by-covariate tables, plus below-minimum-wage by sex and
  province); a user ``seed`` table can encode other associations;
* the province-by-covariate shares other than income apply equally to both sexes; above
  the minimum wage, the split over the five upper bands does not depend on sex;
* collective-group membership (31 %) is independent of province, sex and the rest (the
  text gives 31-32 % both in and outside the provincial capitals);
* the married share rises with age along a logistic curve (midpoint 23 years for men, 20
  for women, width 2.5 years) whose plateau reproduces the survey share at the survey's
  ages; given marital status the other covariates do not depend on age;
* the national profile weights the four survey provinces equally (25 % each), since
  provinces outside the survey have no profile; ``province_weights`` changes this;
* income within each band is the conditional mean of a lognormal fitted to the band shares
  and the survey mean (:func:`fit_income_lognormal`); it grows with real wages.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Mapping, Sequence

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from scipy.special import ndtr

from engine.data import DataFileError, read_table
from engine.dims import AGES, N_AGES, N_SEXES, PROVINCES
from engine.enrolment.probit import (
    MINIMUM_WAGE_2020,
    SPECIFICATIONS,
    interest_probability,
    interest_probability_split,
)

FREQUENCIES: tuple[str, ...] = ("other", "yearly", "after_work")
DIMENSIONS: tuple[str, ...] = (
    "province", "married", "income_frequency", "income_band",
    "provincial_capital", "collective_group",
)
CELL_COVARIATES: tuple[str, ...] = (
    "married", "yearly", "after_work", "provincial_capital", "collective_group",
    "bokeo", "champasak", "luang_prabang",
)
"""0/1 probit covariates carried by every cell (``income`` is carried separately)."""
SPLIT_CHOICES: tuple[str, ...] = ("split_a", "split_b")

_TOTAL_COL = "total"


# ----------------------------------------------------------------------------- data
def _frozen(a: np.ndarray) -> np.ndarray:
    """A read-only contiguous copy-or-view, so cached tables cannot be altered."""
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@lru_cache(maxsize=None)
def _tables() -> dict[str, pd.DataFrame]:
    return {
        name: read_table(f"informal_profile_{name}").frame
        for name in ("counts", "shares", "income", "income_bands", "assumptions")
    }


def _row(frame: pd.DataFrame, variable: str, category: str, sex: str | None = None) -> pd.Series:
    mask = (frame["variable"] == variable) & (frame["category"] == category)
    if sex is not None:
        mask &= frame["sex"] == sex
    rows = frame[mask]
    if len(rows) != 1:
        raise ValueError(f"informal profile: expected one row {variable}/{category}/{sex}, found {len(rows)}")
    return rows.iloc[0]


def _assumption(name: str) -> float:
    frame = _tables()["assumptions"].set_index("parameter")
    return float(frame.loc[name, "value"])


@lru_cache(maxsize=None)
def income_bands() -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """Survey income bands: names, lower and upper bounds (LAK/month, 2020), total shares.

    Shares are the printed percentages of Table 4 normalised to sum to one (they print
    to 101 %). The last upper bound is ``inf``.
    """
    bands = _tables()["income_bands"]
    names = tuple(bands["band"])
    lower = bands["lower"].to_numpy(float)
    upper = bands["upper"].fillna(np.inf).to_numpy(float)
    shares = np.array([_row(_tables()["shares"], "income_band", b)[_TOTAL_COL] for b in names], float)
    return names, _frozen(lower), _frozen(upper), _frozen(shares / shares.sum())


def survey_age_distribution() -> np.ndarray:
    """Age distribution of the survey respondents, shape (101,), summing to one.

    Table 4 counts 6 respondents below 20, 226 aged 20-60 and 2 above 60; with Table 13's
    minimum age 17 and maximum 66 they are spread uniformly over ages 17-19, 20-60 and
    61-66 (mean 39.6, against the published 40).
    """
    counts = _tables()["counts"]
    groups = {"below_20": (17, 19), "20_to_60": (20, 60), "above_60": (61, 66)}
    dist = np.zeros(N_AGES)
    for group, (lo, hi) in groups.items():
        dist[lo:hi + 1] += _row(counts, "age_group", group)[_TOTAL_COL] / (hi - lo + 1)
    return dist / dist.sum()


def married_share_by_age(married_share: float, sex: int) -> np.ndarray:
    """Married share by single age, shape (101,) (flagged assumption).

    .. math:: m(a) = \\bar m \\,/\\, (1 + e^{-(a - a_{50})/w})

    with ``a50`` = 23 (men) or 20 (women), ``w`` = 2.5 years, and the plateau
    :math:`\\bar m` chosen so that :math:`\\sum_a g(a)\\,m(a)` equals ``married_share``,
    ``g`` being :func:`survey_age_distribution`.
    """
    mid = _assumption("married_midpoint_age_female" if sex == 1 else "married_midpoint_age_male")
    ramp = 1.0 / (1.0 + np.exp(-(AGES - mid) / _assumption("married_width")))
    plateau = married_share / float(survey_age_distribution() @ ramp)
    if plateau > 1.0:
        raise ValueError(
            f"married share {married_share:.3f} cannot be reached with the assumed age profile "
            f"(plateau would be {plateau:.3f} > 1)"
        )
    return plateau * ramp


# ----------------------------------------------------------------------- income fit
@dataclass(frozen=True)
class LognormalFit:
    """Lognormal income distribution fitted to the survey bands and mean.

    ``ln(income) ~ N(mu, sigma**2)``, income in LAK per month at 2020 prices, with
    ``mu = ln(mean) - sigma**2 / 2`` so that the mean is reproduced exactly and ``sigma``
    minimising the sum of squared differences between fitted and survey band shares.
    """

    mu: float
    sigma: float
    mean: float
    band_names: tuple[str, ...]
    target_shares: np.ndarray
    fitted_shares: np.ndarray
    band_means: np.ndarray
    max_abs_error: float
    implied_cell_mean: float  # sum over bands of survey share x band mean

    @property
    def median(self) -> float:
        return float(np.exp(self.mu))


@lru_cache(maxsize=None)
def fit_income_lognormal() -> LognormalFit:
    """Fit a lognormal to the survey income bands and mean; return its parameters.

    Band probabilities :math:`P_k = \\Phi((\\ln u_k - \\mu)/\\sigma) - \\Phi((\\ln l_k - \\mu)/\\sigma)`;
    band means

    .. math::

        E[X \\mid l_k \\le X < u_k] = e^{\\mu + \\sigma^2/2}
        \\frac{\\Phi((\\ln u_k - \\mu - \\sigma^2)/\\sigma) - \\Phi((\\ln l_k - \\mu - \\sigma^2)/\\sigma)}{P_k}.
    """
    names, lower, upper, target = income_bands()
    mean = float(_tables()["income"].set_index("statistic").loc["mean", _TOTAL_COL])
    with np.errstate(divide="ignore"):
        log_l, log_u = np.log(lower), np.log(upper)

    def probs(sigma: float) -> np.ndarray:
        mu = np.log(mean) - sigma**2 / 2
        return ndtr((log_u - mu) / sigma) - ndtr((log_l - mu) / sigma)

    res = minimize_scalar(lambda s: float(np.sum((probs(s) - target) ** 2)),
                          bounds=(0.05, 3.0), method="bounded", options={"xatol": 1e-10})
    sigma = float(res.x)
    mu = float(np.log(mean) - sigma**2 / 2)
    fitted = probs(sigma)
    part = ndtr((log_u - mu - sigma**2) / sigma) - ndtr((log_l - mu - sigma**2) / sigma)
    band_means = mean * part / fitted
    return LognormalFit(
        mu=mu, sigma=sigma, mean=mean, band_names=names, target_shares=target,
        fitted_shares=_frozen(fitted), band_means=_frozen(band_means),
        max_abs_error=float(np.max(np.abs(fitted - target))),
        implied_cell_mean=float(target @ band_means),
    )


# ------------------------------------------------------------------------------ IPF
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


# ----------------------------------------------------------------------- margins
def _province_weights(province_weights: Mapping[str, float] | str | None) -> np.ndarray:
    """Province weights per sex, shape (2, 4), rows summing to one."""
    if province_weights is None:
        w = np.array([_assumption(f"national_weight_{p}") for p in PROVINCES])
        return np.tile(w / w.sum(), (N_SEXES, 1))
    if isinstance(province_weights, str):
        if province_weights != "survey":
            raise ValueError(f"province_weights {province_weights!r}: expected 'survey', None or a mapping")
        counts = _tables()["counts"]
        w = np.array([[_row(counts, "sex", s)[p] for p in PROVINCES] for s in ("male", "female")], float)
        return w / w.sum(axis=1, keepdims=True)
    unknown = [k for k in province_weights if k not in PROVINCES]
    if unknown:
        raise ValueError(f"province_weights: unknown province(s) {', '.join(unknown)}; "
                         f"expected {', '.join(PROVINCES)}")
    w = np.array([float(province_weights.get(p, 0.0)) for p in PROVINCES])
    if np.any(w < 0) or not np.all(np.isfinite(w)) or w.sum() <= 0:
        raise ValueError("province_weights must be non-negative with a positive sum")
    return np.tile(w / w.sum(), (N_SEXES, 1))


def profile_margins(
    province_weights: Mapping[str, float] | str | None = None,
) -> list[tuple[tuple[int, ...], np.ndarray]]:
    """Survey margins per sex over the cell dimensions, for :func:`ipf`.

    Axis 0 is sex; axes 1..6 follow :data:`DIMENSIONS`. With :math:`\\pi_s(p)` the
    province weights of sex ``s``:

    * (sex, province): :math:`\\pi_s(p)`;
    * (sex, province, married), (sex, province, income_frequency), (sex, province,
      provincial_capital): :math:`\\pi_s(p)\\,P(x \\mid p)` from Table 4;
    * (sex, province, income_band): :math:`\\pi_s(p)\\,P(band \\mid p, s)` where the lowest
      band takes the below-minimum-wage share of sex ``s`` in province ``p`` and the
      other bands share the rest in the province's proportions (Table 4);
    * (sex, collective_group): 31 % members (Table 13).

    Parameters
    ----------
    province_weights : None, "survey" or mapping
        None: the national default (equal weights, flagged assumption); "survey": the
        survey's own province shares by sex; or a mapping province -> weight.
    """
    pw = _province_weights(province_weights)
    counts, shares = _tables()["counts"], _tables()["shares"]
    cols = list(PROVINCES)

    def count(variable: str, category: str) -> np.ndarray:
        return _row(counts, variable, category)[cols].to_numpy(float)

    resp = count("respondents", "all")
    married = count("marital_status", "married") / resp
    capital = count("location", "provincial_capital") / resp
    freq_rows = shares[shares["variable"] == "income_frequency"].set_index("category")[cols].astype(float)
    freq_share = freq_rows / freq_rows.sum()
    freq = np.stack([1.0 - freq_share.loc["yearly"] - freq_share.loc["after_work"],
                     freq_share.loc["yearly"], freq_share.loc["after_work"]], axis=-1)
    names, *_ = income_bands()
    band_rows = np.array([_row(shares, "income_band", b)[cols].to_numpy(float) for b in names]).T
    above_split = band_rows[:, 1:] / band_rows[:, 1:].sum(axis=1, keepdims=True)
    band = np.empty((N_SEXES, len(PROVINCES), len(names)))
    for s, sex in enumerate(("male", "female")):
        below = _row(shares, "below_minimum_wage", "yes", sex)[cols].to_numpy(float) / 100.0
        band[s, :, 0] = below
        band[s, :, 1:] = (1.0 - below)[:, None] * above_split
    coll = float(_row(shares, "collective_group", "member")[_TOTAL_COL]) / 100.0

    two = lambda p: np.stack([1.0 - p, p], axis=-1)  # noqa: E731
    return [
        ((0, 1), pw),
        ((0, 1, 2), pw[:, :, None] * two(married)[None]),
        ((0, 1, 3), pw[:, :, None] * freq[None]),
        ((0, 1, 4), pw[:, :, None] * band),
        ((0, 1, 5), pw[:, :, None] * two(capital)[None]),
        ((0, 6), np.tile([1.0 - coll, coll], (N_SEXES, 1))),
    ]


# ---------------------------------------------------------------------- cell table
@dataclass(frozen=True)
class CellTable:
    """Informal workers as weighted covariate cells.

    Attributes
    ----------
    covariates : dict of str to ndarray
        Probit covariates per cell, each shape (n_cells,): the 0/1 indicators of
        :data:`CELL_COVARIATES` and ``income`` (LAK/month, 2020 prices).
    weights : ndarray
        Shape (2, n_cells) or (2, 101, n_cells): share of the informal workers of each
        sex (and single age) in each cell; sums to one over cells.
    income_2020 : ndarray
        Representative monthly income per cell, LAK at 2020 prices, shape (n_cells,).
    below_minimum_wage : ndarray of bool
        Income below the 2020 minimum wage (1,100,000 LAK/month), shape (n_cells,).
    labels : tuple of str
        One readable label per cell.
    categories : dict of str to ndarray
        Category names per cell (``province``, ``income_frequency``, ``income_band``).
    """

    covariates: dict[str, np.ndarray]
    weights: np.ndarray
    income_2020: np.ndarray
    below_minimum_wage: np.ndarray
    labels: tuple[str, ...]
    categories: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n_cells(self) -> int:
        return len(self.labels)

    @property
    def age_dependent(self) -> bool:
        return self.weights.ndim == 3


def _grid_cells() -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], tuple[str, ...]]:
    """Covariates, categories and labels of the 576 cells (C order over DIMENSIONS)."""
    names, *_ = income_bands()
    fit = fit_income_lognormal()
    shape = (len(PROVINCES), 2, len(FREQUENCIES), len(names), 2, 2)
    idx = [g.ravel() for g in np.indices(shape)]
    prov, married, freq, band, capital, coll = idx
    cov = {
        "married": married.astype(float), "yearly": (freq == 1).astype(float),
        "after_work": (freq == 2).astype(float), "provincial_capital": capital.astype(float),
        "collective_group": coll.astype(float),
        **{p: (prov == i).astype(float) for i, p in enumerate(PROVINCES[:3])},
        "income": fit.band_means[band],
    }
    cats = {"province": np.array(PROVINCES)[prov], "income_frequency": np.array(FREQUENCIES)[freq],
            "income_band": np.array(names)[band]}
    labels = tuple(
        f"{PROVINCES[p]}|married={m}|{FREQUENCIES[f]}|{names[b]}|capital={c}|group={g}"
        for p, m, f, b, c, g in zip(*idx)
    )
    return cov, cats, labels


def _build_cells(province_weights, married_by_age: bool, seed) -> CellTable:
    margins = profile_margins(province_weights)
    cov, cats, labels = _grid_cells()
    shape = (N_SEXES, len(PROVINCES), 2, len(FREQUENCIES), len(income_bands()[0]), 2, 2)
    if seed is None:
        start = np.ones(shape)
    else:
        start = np.asarray(seed, dtype=float)
        start = start.reshape(shape) if start.size == np.prod(shape) else np.broadcast_to(start, shape)
    fitted = ipf(start, margins)
    w = fitted.reshape(N_SEXES, -1)
    w = w / w.sum(axis=1, keepdims=True)
    if married_by_age:
        by_married = fitted.reshape(N_SEXES, len(PROVINCES), 2, -1)
        share = by_married[:, :, 1].sum(axis=(1, 2))
        cond1 = by_married[:, :, 1] / share[:, None, None]
        cond0 = by_married[:, :, 0] / (1.0 - share)[:, None, None]
        full = np.empty((N_SEXES, N_AGES) + by_married.shape[1:])
        for s in range(N_SEXES):
            m = married_share_by_age(float(share[s]), s)
            full[s, :, :, 1] = m[:, None, None] * cond1[s]
            full[s, :, :, 0] = (1.0 - m)[:, None, None] * cond0[s]
        w = full.reshape(N_SEXES, N_AGES, -1)
        w = w / w.sum(axis=-1, keepdims=True)
    income = cov["income"]
    return CellTable(
        covariates={k: _frozen(v) for k, v in cov.items()}, weights=_frozen(w),
        income_2020=_frozen(income.copy()), below_minimum_wage=_frozen(income < MINIMUM_WAGE_2020),
        labels=labels, categories={k: _frozen(v) for k, v in cats.items()},
    )


@lru_cache(maxsize=16)
def _cached_cells(key, married_by_age: bool) -> CellTable:
    weights = key if key in (None, "survey") else dict(key)
    return _build_cells(weights, married_by_age, None)


def informal_cells(
    province_weights: Mapping[str, float] | str | None = None,
    *,
    married_by_age: bool = True,
    seed: np.ndarray | None = None,
) -> CellTable:
    """Informal workers as weighted covariate cells built from the survey margins.

    Parameters
    ----------
    province_weights : None, "survey" or mapping, optional
        Weights of the four survey province profiles. None (default): the national
        profile, equal weights (flagged assumption, ``informal_profile_assumptions.csv``);
        "survey": the survey's own province shares by sex; a mapping province -> weight.
    married_by_age : bool, default True
        If True the weights have shape (2, 101, n_cells), the married share following
        :func:`married_share_by_age`; if False shape (2, n_cells).
    seed : ndarray, optional
        IPF seed, shape (2, n_cells) or broadcastable to (2, 4, 2, 3, 6, 2, 2) (sex, then
        :data:`DIMENSIONS`); default uniform, i.e. independence given province.

    Returns
    -------
    CellTable
        576 cells; weights sum to one over cells per sex (and age). Cached and read-only
        when ``seed`` is None.
    """
    if seed is not None:
        return _build_cells(province_weights, married_by_age, seed)
    key = province_weights if province_weights is None or isinstance(province_weights, str) \
        else tuple(sorted((k, float(v)) for k, v in province_weights.items()))
    return _cached_cells(key, married_by_age)


def cell_income_2020(cells: CellTable | None = None) -> np.ndarray:
    """Monthly income per cell, LAK at 2020 prices, shape (n_cells,)."""
    return (informal_cells() if cells is None else cells).income_2020


def cell_income_real(real_wage_index, cells: CellTable | None = None) -> np.ndarray:
    """Cell income in 2020 prices once real wages have grown by ``real_wage_index``.

    ``income_2020_prices = income_2020 * real_wage_index``; the index is 1 in 2020 and
    equals nominal wage growth deflated by prices since 2020. The probit takes this
    income. Shape ``index.shape + (n_cells,)``.
    """
    index = np.asarray(real_wage_index, dtype=float)
    return index[..., None] * cell_income_2020(cells)


def cell_interest(
    spec: str,
    cells: CellTable | None = None,
    age=None,
    *,
    real_wage_index: float = 1.0,
    minimum_wage_2020: float = MINIMUM_WAGE_2020,
    age_range: tuple[float, float] | None = None,
    overrides: Mapping[str, Mapping[str, float]] | None = None,
) -> np.ndarray:
    """Probit interest probability per sex, single age and cell.

    Parameters
    ----------
    spec : str
        One of :data:`~engine.enrolment.probit.SPECIFICATIONS`, or ``"split_a"`` /
        ``"split_b"`` (below/above pair chosen by each cell's 2020-price income).
    cells : CellTable, optional
        Default :func:`informal_cells`.
    age : array_like, optional
        Ages in years, default 0..100.
    real_wage_index : float
        Real wage index relative to 2020; the cell income at 2020 prices is
        ``income_2020 * real_wage_index`` (so cells may cross the 1.1 m threshold).
    minimum_wage_2020 : float
        Split threshold, LAK per month at 2020 prices.
    age_range : (float, float), optional
        If given, ages are clipped to it before evaluation (e.g. the survey's 17-66) to
        avoid extrapolating the quadratic in age; default no clipping.
    overrides : mapping of spec name to coefficient mapping, optional
        Coefficient replacements per specification (scalars), e.g.
        ``{"above_a": peak_consistent_coefficients("above_a")}``.

    Returns
    -------
    ndarray
        Shape (2, n_ages, n_cells); sex index 0 male (female = 0), 1 female (female = 1).
    """
    cells = informal_cells() if cells is None else cells
    ages = AGES if age is None else np.asarray(age, dtype=float).ravel()
    if age_range is not None:
        ages = np.clip(ages, *age_range)
    cov = {k: v[None, None, :] for k, v in cells.covariates.items()}
    cov["income"] = cells.income_2020[None, None, :] * float(real_wage_index)
    cov["female"] = np.arange(N_SEXES, dtype=float)[:, None, None]
    cov["age"] = np.asarray(ages, dtype=float)[None, :, None]
    if spec in SPLIT_CHOICES:
        p = interest_probability_split(spec[-1], cov, minimum_wage_2020, overrides)
    elif spec in SPECIFICATIONS:
        p = interest_probability(spec, cov, (overrides or {}).get(spec))
    else:
        raise ValueError(f"unknown interest specification {spec!r}; expected one of "
                         f"{', '.join(SPECIFICATIONS + SPLIT_CHOICES)}")
    return np.broadcast_to(p, (N_SEXES, len(ages), cells.n_cells)).copy()


def average_interest(spec: str, cells: CellTable | None = None, **kwargs) -> np.ndarray:
    """Weighted mean interest over cells, shape (2, 101).

    .. math:: \\bar P_{s,a} = \\sum_c w_{s,a,c}\\,P_{s,a,c}

    Keyword arguments go to :func:`cell_interest` (``real_wage_index``, ...).
    """
    cells = informal_cells() if cells is None else cells
    p = cell_interest(spec, cells, **kwargs)
    w = cells.weights if cells.age_dependent else cells.weights[:, None, :]
    return np.sum(w * p, axis=-1)


def survey_average_interest(spec: str, by_sex: bool = False, **kwargs):
    """Mean interest over the survey profile: a check of the cells against the survey.

    Uses the survey's province shares by sex, its age distribution
    (:func:`survey_age_distribution`) and its sex shares (Table 4: 104 men, 130 women).
    Returns a float, or an array (2,) by sex when ``by_sex``. Keyword arguments go to
    :func:`cell_interest` (``overrides``, ...).
    """
    cells = informal_cells("survey")
    per_age = average_interest(spec, cells, **kwargs)
    per_sex = per_age @ survey_age_distribution()
    if by_sex:
        return per_sex
    counts = _tables()["counts"]
    n = np.array([_row(counts, "sex", s)[_TOTAL_COL] for s in ("male", "female")], float)
    return float(per_sex @ (n / n.sum()))


# ---------------------------------------------------------------- user cell tables
_USER_COLUMNS = CELL_COVARIATES + ("income", "weight_male", "weight_female")


def load_cell_table(path: str | Path) -> CellTable:
    """Read a user-supplied cell table (for example from Labour Force Survey microdata).

    The CSV has one row per cell and the columns ``married``, ``yearly``, ``after_work``,
    ``provincial_capital``, ``collective_group``, ``bokeo``, ``champasak``,
    ``luang_prabang`` (0/1), ``income`` (LAK/month, 2020 prices, > 0), ``weight_male``
    and ``weight_female`` (>= 0; normalised here to sum to one per sex) and optionally
    ``label``. Leading ``#`` lines are comments. ``yearly`` and ``after_work`` are
    exclusive, and so are the province indicators (all zero = Vientiane Capital).

    Returns
    -------
    CellTable
        Weights of shape (2, n_cells).

    Raises
    ------
    engine.data.DataFileError
        (a ValueError; exit status 2 on the command line) naming the file, the column and
        the row (1-based data row and file line).
    """
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read cell table ({exc.strerror})") from None
    skip = 0
    while skip < len(lines) and lines[skip].lstrip().startswith("#"):
        skip += 1
    if skip == len(lines) or not "".join(lines[skip:]).strip():
        raise DataFileError(f"{path}: cell table is empty; expected a header row with {', '.join(_USER_COLUMNS)}")
    frame = pd.read_csv(io.StringIO("".join(lines[skip:])), dtype=str, skipinitialspace=True,
                        keep_default_na=False, na_values=[""])  # "n/a" is reported as written
    frame.columns = [c.strip() for c in frame.columns]
    missing = [c for c in _USER_COLUMNS if c not in frame.columns]
    if missing:
        extra = [c for c in frame.columns if c not in _USER_COLUMNS and c != "label"]
        hints = []
        for m in missing:
            close = difflib.get_close_matches(m, extra, n=1)
            hints.append(f"'{m}'" + (f" (found '{close[0]}'; did you mean '{m}'?)" if close else ""))
        raise DataFileError(f"{path}: missing column(s) {', '.join(hints)}; expected {', '.join(_USER_COLUMNS)}")
    if len(frame) == 0:
        raise DataFileError(f"{path}: cell table has no rows")

    def where(col: str, i: int) -> str:
        return f"{path}: column '{col}', row {i + 1} (line {skip + i + 2})"

    values: dict[str, np.ndarray] = {}
    for col in _USER_COLUMNS:
        num = pd.to_numeric(frame[col], errors="coerce").to_numpy(float)
        for i in np.flatnonzero(~np.isfinite(num)):
            raise DataFileError(f"{where(col, i)}: found {frame[col].iloc[i]!r}, expected a finite number")
        if col in CELL_COVARIATES:
            bad = np.flatnonzero(~np.isin(num, (0.0, 1.0)))
            expected = "0 or 1"
        elif col == "income":
            bad, expected = np.flatnonzero(num <= 0), "a positive income in LAK per month"
        else:
            bad, expected = np.flatnonzero(num < 0), "a non-negative weight"
        if bad.size:
            i = int(bad[0])
            raise DataFileError(f"{where(col, i)}: found {frame[col].iloc[i]!r}, expected {expected}")
        values[col] = num
    for cols in (("yearly", "after_work"), ("bokeo", "champasak", "luang_prabang")):
        both = np.flatnonzero(sum(values[c] for c in cols) > 1)
        if both.size:
            raise DataFileError(f"{where('+'.join(cols), int(both[0]))}: more than one of "
                             f"{', '.join(cols)} is 1, expected at most one")
    weights = np.stack([values["weight_male"], values["weight_female"]])
    for s, col in enumerate(("weight_male", "weight_female")):
        if weights[s].sum() <= 0:
            raise DataFileError(f"{path}: column '{col}': weights sum to zero, expected a positive total")
    weights = weights / weights.sum(axis=1, keepdims=True)
    income = values["income"]
    labels = tuple(frame["label"].astype(str)) if "label" in frame.columns else tuple(
        f"cell {i + 1}" for i in range(len(frame)))
    names, lower, *_ = income_bands()
    prov_idx = np.where(values["bokeo"] == 1, 0, np.where(values["champasak"] == 1, 1,
                        np.where(values["luang_prabang"] == 1, 2, 3)))
    freq_idx = np.where(values["yearly"] == 1, 1, np.where(values["after_work"] == 1, 2, 0))
    band_idx = np.searchsorted(lower, income, side="right") - 1
    return CellTable(
        covariates={c: _frozen(values[c]) for c in CELL_COVARIATES} | {"income": _frozen(income.copy())},
        weights=_frozen(weights), income_2020=_frozen(income),
        below_minimum_wage=_frozen(income < MINIMUM_WAGE_2020), labels=labels,
        categories={"province": _frozen(np.array(PROVINCES)[prov_idx]),
                    "income_frequency": _frozen(np.array(FREQUENCIES)[freq_idx]),
                    "income_band": _frozen(np.array(names)[band_idx])},
    )
