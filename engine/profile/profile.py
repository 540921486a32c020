"""Informal workers as weighted covariate cells for the probit interest model.

The projection counts informal workers by sex and single age 0..100. For the probit of
:mod:`engine.profile.probit` each (sex, age) group is split into *cells*: the Cartesian
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
to the Lao Social Security Fund*, Tables 4 and 13 (:mod:`engine.profile.survey`), by
iterative proportional fitting (:mod:`engine.profile.ipf`) of a seed table to the survey
margins (:mod:`engine.profile.margins`). Flagged assumptions (also in
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
* the national profile weights the four survey provinces by their informal workers in the
  Labour Force Survey 2017 (enrolment.yaml ``province_weights``), since provinces outside
  the survey have no profile; ``province_weights`` changes this;
* income within each band is the conditional mean of a lognormal fitted to the band shares
  and the survey mean (:mod:`engine.profile.income_fit`); it grows with real wages.

The probit interest of the cells is in :mod:`engine.profile.interest`; a user's own
cell table is read by :mod:`engine.profile.user_cells`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping

import numpy as np

from engine.dims import N_AGES, N_SEXES, PROVINCES
from engine.profile.income_fit import fit_income_lognormal
from engine.profile.ipf import ipf
from engine.profile.margins import profile_margins
from engine.profile.probit import MINIMUM_WAGE_2020
from engine.profile.survey import FREQUENCIES, frozen, income_bands, married_share_by_age


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
        covariates={k: frozen(v) for k, v in cov.items()}, weights=frozen(w),
        income_2020=frozen(income.copy()), below_minimum_wage=frozen(income < MINIMUM_WAGE_2020),
        labels=labels, categories={k: frozen(v) for k, v in cats.items()},
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
