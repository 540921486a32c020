"""Who a policy block reaches: masks over covariate cells, sexes and ages.

A block's eligible group (:class:`engine.scenario.schema_policies.Eligibility`) is the
product of a condition on the informal workers' covariate cell (income, provincial
capital, province, income frequency, marital status, collective-group membership), which may depend on the year (the means test at
the minimum wage), and a condition on sex and age. Cells keep the order of
:func:`engine.profile.profile.informal_cells`, the order the enrolment kernel uses.

The sex-age conditions of all blocks are combined into *patterns*: ``pattern[s, a]``
numbers the distinct combinations of the blocks' sex-age conditions (a single pattern 0
without policies), so that the enrolment kernel reads per-pattern inputs ``x[t, c, p]``
instead of arrays over every (cell, sex, age).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from engine.dims import AGES, N_AGES, N_SEXES, SEXES
from engine.profile.profile import informal_cells
from engine.profile.survey import income_bands


@dataclass(frozen=True)
class CellAttributes:
    """What eligibility rules read of the embedded profile's covariate cells
    (:class:`engine.profile.profile.CellTable`, in its order), each (C,): ``band`` (index of the survey income
    band), ``band_names``, ``provincial_capital``, ``seasonal`` (yearly or after-work
    earners), ``yearly``, ``after_work``, ``married`` and ``collective_group`` as booleans,
    ``province`` names and ``income_2020`` (LAK per month, 2020 prices)."""

    band: np.ndarray
    band_names: tuple[str, ...]
    provincial_capital: np.ndarray
    seasonal: np.ndarray
    province: np.ndarray
    income_2020: np.ndarray
    yearly: np.ndarray | None = None
    after_work: np.ndarray | None = None
    married: np.ndarray | None = None
    collective_group: np.ndarray | None = None

    @property
    def n_cells(self) -> int:
        return len(self.band)


@lru_cache(maxsize=1)
def cell_attributes() -> CellAttributes:
    """The :class:`CellAttributes` of the embedded informal-worker profile."""
    cells = informal_cells()
    names = tuple(income_bands()[0])
    cov = {k: np.asarray(v, dtype=float) for k, v in cells.covariates.items()}
    band = np.array([names.index(b) for b in cells.categories["income_band"]], dtype=np.int64)
    return CellAttributes(band=band, band_names=names,
                          provincial_capital=cov["provincial_capital"] > 0.5,
                          seasonal=(cov["yearly"] > 0.5) | (cov["after_work"] > 0.5),
                          province=np.asarray(cells.categories["province"]),
                          income_2020=np.asarray(cells.income_2020, dtype=float),
                          yearly=cov["yearly"] > 0.5, after_work=cov["after_work"] > 0.5,
                          married=cov["married"] > 0.5, collective_group=cov["collective_group"] > 0.5)


def cell_mask(eligible, cells: CellAttributes, income: np.ndarray, minimum_wage: np.ndarray) -> np.ndarray:
    """Eligible cells by year, (T, C) bool.

    ``income`` (T, C) nominal LAK per month of each cell, ``minimum_wage`` (T,) LAK per
    month (used by the means test ``income < minimum wage``).
    """
    n_years = len(minimum_wage)
    static = np.ones(cells.n_cells, dtype=bool)
    if eligible.income == "bands":
        wanted = [cells.band_names.index(b) for b in eligible.income_bands]
        static &= np.isin(cells.band, wanted)
    if eligible.location == "provincial_capital":
        static &= cells.provincial_capital
    elif eligible.location == "outside_provincial_capital":
        static &= ~cells.provincial_capital
    if eligible.provinces:
        static &= np.isin(cells.province, list(eligible.provinces))
    if eligible.income_frequency == "seasonal":
        static &= cells.seasonal
    elif eligible.income_frequency == "regular":
        static &= ~cells.seasonal
    elif eligible.income_frequency in ("yearly", "after_work"):
        static &= getattr(cells, eligible.income_frequency)
    if eligible.marital_status != "all":
        static &= cells.married == (eligible.marital_status == "married")
    if eligible.collective_group != "all":
        static &= cells.collective_group == (eligible.collective_group == "member")
    mask = np.broadcast_to(static, (n_years, cells.n_cells)).copy()
    if eligible.income == "below_minimum_wage":
        mask &= np.asarray(income) < np.asarray(minimum_wage)[:, None]
    return mask


def sex_age_mask(sex: str, age: tuple[int, int]) -> np.ndarray:
    """(2, A) bool: the sex (``all``, ``male``, ``female``) and inclusive age band."""
    sexes = np.ones(N_SEXES, dtype=bool) if sex == "all" else np.array([s == sex for s in SEXES])
    ages = (AGES >= age[0]) & (AGES <= age[1])
    return sexes[:, None] & ages[None, :]


def patterns(masks: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Combine the blocks' sex-age masks (each (2, A) bool) into patterns.

    Returns ``pattern`` (2, A) int64, the pattern of each sex and age, and ``keys``
    (P, K) bool, whether block ``k`` applies in pattern ``p``. Without masks: one pattern.
    """
    if not masks:
        return np.zeros((N_SEXES, N_AGES), dtype=np.int64), np.ones((1, 0), dtype=bool)
    stacked = np.stack(masks, axis=-1).reshape(N_SEXES * N_AGES, len(masks))
    keys, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return inverse.reshape(N_SEXES, N_AGES).astype(np.int64), keys.astype(bool)
