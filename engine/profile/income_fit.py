"""Income within the survey's bands: a lognormal fitted to the band shares and the mean."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import ndtr

from engine.profile.survey import TOTAL_COLUMN, frozen, income_bands, survey_tables


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
    mean = float(survey_tables()["income"].set_index("statistic").loc["mean", TOTAL_COLUMN])
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
        fitted_shares=frozen(fitted), band_means=frozen(band_means),
        max_abs_error=float(np.max(np.abs(fitted - target))),
        implied_cell_mean=float(target @ band_means),
    )
