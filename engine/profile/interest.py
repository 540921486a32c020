"""Probit interest of the covariate cells, and its averages over the profile and the survey."""

from __future__ import annotations

from typing import Mapping

import numpy as np

from engine.dims import AGES, N_SEXES
from engine.profile.probit import (
    MINIMUM_WAGE_2020, SPECIFICATIONS, interest_probability, interest_probability_split
)
from engine.profile.profile import CellTable, informal_cells
from engine.profile.survey import (
    SPLIT_CHOICES, TOTAL_COLUMN, survey_age_distribution, survey_row, survey_tables
)


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
        One of :data:`~engine.profile.probit.SPECIFICATIONS`, or ``"split_a"`` /
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
    counts = survey_tables()["counts"]
    n = np.array([survey_row(counts, "sex", s)[TOTAL_COLUMN] for s in ("male", "female")], float)
    return float(per_sex @ (n / n.sum()))
