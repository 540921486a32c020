"""The covariate cells of the informal-worker profile as the enrolment kernel reads them.

For probit specification ``spec`` (or a below/above-minimum-wage pair ``split_a`` /
``split_b``) each cell ``c``, sex ``s`` and age ``a`` gets the probit index without its
income term, ``eta[k, c, s, a] = x'beta - beta_income x income`` (``k`` = 0 below the 2020
minimum wage, 1 at or above), and the share ``weight[c, s, a]`` of the informal workers of
that sex and age in the cell (:mod:`engine.profile.profile`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.special import ndtr

from engine.dims import AGES, N_AGES, N_SEXES
from engine.profile.probit import MINIMUM_WAGE_2020, coefficients, probit_index
from engine.profile.profile import informal_cells
from engine.profile.survey import income_bands
from engine.scenario.schema import Scenario


@dataclass(frozen=True)
class CellSetup:
    """The covariate cells as the kernel needs them.

    ``eta`` (2, C, 2, A): probit index without the income term, row 0 for incomes below
    ``threshold`` and row 1 at or above (equal rows for a single specification);
    ``beta`` (2,) income coefficients per LAK/month; ``weight`` (C, 2, A) share of the
    informal workers of each sex and age in each cell; ``group`` (C,) income-group index;
    ``groups`` the group names; ``income_2020`` (C,) LAK/month at 2020 prices.
    """

    eta: np.ndarray
    beta: np.ndarray
    threshold: float
    weight: np.ndarray
    group: np.ndarray
    groups: tuple[str, ...]
    income_2020: np.ndarray

    def interest(self, real_wage: float) -> np.ndarray:
        """Interest probability (C, 2, A) at a real wage index (2020 = 1)."""
        income = self.income_2020 * real_wage
        below = income < self.threshold
        index = np.where(below[:, None, None], self.eta[0], self.eta[1]) \
            + np.where(below, self.beta[0], self.beta[1])[:, None, None] * income[:, None, None]
        return ndtr(index)


def cell_setup(spec: str, age_range: tuple[float, float] | None, overrides=None,
               province_weights: dict[str, float] | None = None) -> CellSetup:
    """Cells of the national informal-worker profile for probit specification ``spec``,
    ages clipped to ``age_range``, with coefficient ``overrides`` ({spec: {variable: value}})
    and the survey provinces weighted by ``province_weights`` (None: the profile's default,
    equal weights)."""
    frozen = tuple(sorted((k, tuple(sorted(v.items()))) for k, v in (overrides or {}).items()))
    weights = None if province_weights is None else tuple(sorted(province_weights.items()))
    return _cell_setup(spec, None if age_range is None else tuple(age_range), frozen, weights)


def setup_for(scenario: Scenario) -> CellSetup:
    """:func:`cell_setup` for a scenario's enrolment section."""
    e = scenario.enrolment
    weights = None if e.province_weights.is_default() else e.province_weights.as_mapping()
    return cell_setup(e.probit_spec, e.probit_age_range, e.probit_coefficients, weights)


@lru_cache(maxsize=32)
def _cell_setup(spec: str, age_range, frozen_overrides, province_weights=None) -> CellSetup:
    overrides = {k: dict(v) for k, v in frozen_overrides}
    cells = informal_cells(None if province_weights is None else dict(province_weights))
    ages = AGES.astype(float) if age_range is None else np.clip(AGES.astype(float), *age_range)
    cov = {k: np.asarray(v, float)[:, None, None] for k, v in cells.covariates.items()}
    cov["income"] = np.zeros((cells.n_cells, 1, 1))
    cov["female"] = np.arange(N_SEXES, dtype=float)[None, :, None]
    cov["age"] = ages[None, None, :]
    if spec.startswith("split_"):
        pair = (f"below_{spec[-1]}", f"above_{spec[-1]}")
        threshold = MINIMUM_WAGE_2020
    else:
        pair, threshold = (spec, spec), -np.inf
    shape = (cells.n_cells, N_SEXES, N_AGES)
    first = np.broadcast_to(probit_index(pair[0], cov, overrides.get(pair[0])), shape)
    second = first if pair[1] == pair[0] else np.broadcast_to(probit_index(pair[1], cov, overrides.get(pair[1])), shape)
    eta = np.stack([first, second])
    beta = np.array([float((coefficients(p) | overrides.get(p, {})).get("income", 0.0)) for p in pair])
    weights = cells.weights if cells.age_dependent else np.broadcast_to(
        cells.weights[:, None, :], (N_SEXES, N_AGES, cells.n_cells))
    names = income_bands()[0]
    group = np.array([names.index(b) for b in cells.categories["income_band"]], dtype=np.int64)
    return CellSetup(np.ascontiguousarray(eta), beta, float(threshold),
                     np.ascontiguousarray(np.moveaxis(weights, -1, 0)), group, tuple(names),
                     np.asarray(cells.income_2020, float))


__all__ = ["CellSetup", "cell_setup", "setup_for"]
