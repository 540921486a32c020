"""The survey of Oxfam in Laos (2021) behind the informal-worker profile: its categories,
tables and the respondents' distributions.

*Promoting Informal Workers' Access to the Lao Social Security Fund*, Tables 4 and 13,
embedded as ``informal_profile_*.csv`` (read through :func:`engine.data.files.read_table`).
:func:`married_share_by_age` states the flagged age profile of marriage.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from engine.data.files import read_table
from engine.dims import AGES, N_AGES

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

TOTAL_COLUMN = "total"
"""Column of the survey tables holding the all-province figure."""


def frozen(a: np.ndarray) -> np.ndarray:
    """A read-only contiguous copy-or-view, so cached tables cannot be altered."""
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


@lru_cache(maxsize=None)
def survey_tables() -> dict[str, pd.DataFrame]:
    """The embedded survey tables (counts, shares, income, income bands, assumptions)."""
    return {
        name: read_table(f"informal_profile_{name}").frame
        for name in ("counts", "shares", "income", "income_bands", "assumptions")
    }


def survey_row(frame: pd.DataFrame, variable: str, category: str, sex: str | None = None) -> pd.Series:
    """The one row of a survey table for ``variable`` / ``category`` (and ``sex``)."""
    mask = (frame["variable"] == variable) & (frame["category"] == category)
    if sex is not None:
        mask &= frame["sex"] == sex
    rows = frame[mask]
    if len(rows) != 1:
        raise ValueError(f"informal profile: expected one row {variable}/{category}/{sex}, found {len(rows)}")
    return rows.iloc[0]


def profile_assumption(name: str) -> float:
    """A flagged assumption of the profile (``informal_profile_assumptions.csv``)."""
    frame = survey_tables()["assumptions"].set_index("parameter")
    return float(frame.loc[name, "value"])


@lru_cache(maxsize=None)
def income_bands() -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """Survey income bands: names, lower and upper bounds (LAK/month, 2020), total shares.

    Shares are the printed percentages of Table 4 normalised to sum to one (they print
    to 101 %). The last upper bound is ``inf``.
    """
    bands = survey_tables()["income_bands"]
    names = tuple(bands["band"])
    lower = bands["lower"].to_numpy(float)
    upper = bands["upper"].fillna(np.inf).to_numpy(float)
    shares = np.array([survey_row(survey_tables()["shares"], "income_band", b)[TOTAL_COLUMN] for b in names], float)
    return names, frozen(lower), frozen(upper), frozen(shares / shares.sum())


def survey_age_distribution() -> np.ndarray:
    """Age distribution of the survey respondents, shape (101,), summing to one.

    Table 4 counts 6 respondents below 20, 226 aged 20-60 and 2 above 60; with Table 13's
    minimum age 17 and maximum 66 they are spread uniformly over ages 17-19, 20-60 and
    61-66 (mean 39.6, against the published 40).
    """
    counts = survey_tables()["counts"]
    groups = {"below_20": (17, 19), "20_to_60": (20, 60), "above_60": (61, 66)}
    dist = np.zeros(N_AGES)
    for group, (lo, hi) in groups.items():
        dist[lo:hi + 1] += survey_row(counts, "age_group", group)[TOTAL_COLUMN] / (hi - lo + 1)
    return dist / dist.sum()


def married_share_by_age(married_share: float, sex: int) -> np.ndarray:
    """Married share by single age, shape (101,) (flagged assumption).

    .. math:: m(a) = \\bar m \\,/\\, (1 + e^{-(a - a_{50})/w})

    with ``a50`` = 23 (men) or 20 (women), ``w`` = 2.5 years, and the plateau
    :math:`\\bar m` chosen so that :math:`\\sum_a g(a)\\,m(a)` equals ``married_share``,
    ``g`` being :func:`survey_age_distribution`.
    """
    mid = profile_assumption("married_midpoint_age_female" if sex == 1 else "married_midpoint_age_male")
    ramp = 1.0 / (1.0 + np.exp(-(AGES - mid) / profile_assumption("married_width")))
    plateau = married_share / float(survey_age_distribution() @ ramp)
    if plateau > 1.0:
        raise ValueError(
            f"married share {married_share:.3f} cannot be reached with the assumed age profile "
            f"(plateau would be {plateau:.3f} > 1)"
        )
    return plateau * ramp
