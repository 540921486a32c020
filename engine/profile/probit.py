"""Published probit models of informal workers' interest in the voluntary scheme (VSS).

The seven specifications of Oxfam in Laos (2021), *Promoting Informal Workers' Access to
the Lao Social Security Fund*, Table 14, estimated on 234 non-members surveyed in
November-December 2020. The probability that an informal worker is interested in joining
once informed is

.. math::

    P = \\Phi(x'\\beta)
      = \\Phi\\big(\\beta_0 + \\beta_{female}\\,female + \\beta_{age}\\,age
        + \\beta_{age^2}\\,age^2 + \\beta_{married}\\,married + \\dots\\big)

with :math:`\\Phi` the standard normal distribution function. Coefficients and p-values
are read from ``engine/data/lao_pdr/probit_table14.csv`` exactly as printed.

Specifications: ``all_a``, ``all_b``, ``all_c`` (whole sample), ``below_a``, ``below_b``
(monthly income below the 2020 minimum wage of 1,100,000 LAK) and ``above_a``,
``above_b`` (income at or above it). Income enters in LAK per month at 2020 prices.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import numpy as np
from scipy.special import ndtr, ndtri

from engine.data.files import read_table

SPECIFICATIONS: tuple[str, ...] = (
    "all_a", "all_b", "all_c", "below_a", "below_b", "above_a", "above_b",
)
"""Names of the published specifications, in the column order of Table 14."""

COVARIATES: tuple[str, ...] = (
    "female", "age", "married", "yearly", "after_work", "income",
    "provincial_capital", "collective_group", "bokeo", "champasak", "luang_prabang",
)
"""Covariates a caller supplies (``age_squared`` is formed inside from ``age``)."""

MINIMUM_WAGE_2020 = 1_100_000.0
"""Minimum wage in force in 2020, LAK per month; it splits the below/above samples."""

P_VALUE_FLOOR = 0.0005
"""A p-value printed as 0.000 is taken as this rounding bound (p < 0.0005)."""

_TABLE = "probit_table14"


@lru_cache(maxsize=None)
def _load() -> dict[str, tuple[dict[str, float], dict[str, float]]]:
    """Read Table 14: spec -> (coefficients, p-values), blanks dropped."""
    frame = read_table(_TABLE).frame.set_index("variable")
    out: dict[str, tuple[dict[str, float], dict[str, float]]] = {}
    for spec in SPECIFICATIONS:
        coef = frame[f"{spec}_coef"].dropna()
        pval = frame[f"{spec}_p"].reindex(coef.index)
        if pval.isna().any():
            missing = ", ".join(pval.index[pval.isna()])
            raise ValueError(f"{_TABLE}.csv: specification '{spec}' lacks p-values for {missing}")
        out[spec] = (
            {k: float(v) for k, v in coef.items()},
            {k: float(v) for k, v in pval.items()},
        )
    return out


def _check_spec(spec: str) -> None:
    if spec not in SPECIFICATIONS:
        raise ValueError(
            f"unknown probit specification {spec!r}; expected one of {', '.join(SPECIFICATIONS)}"
        )


def coefficients(spec: str) -> dict[str, float]:
    """Coefficients of one specification as printed in Table 14.

    Parameters
    ----------
    spec : str
        One of :data:`SPECIFICATIONS`.

    Returns
    -------
    dict of str to float
        Variable name to coefficient, including ``"constant"`` and ``"age_squared"``;
        variables not in the specification are absent. Units: probit index per unit of
        the covariate (per LAK/month for ``income``, per year for ``age``, per year
        squared for ``age_squared``).
    """
    _check_spec(spec)
    return dict(_load()[spec][0])


def p_values(spec: str) -> dict[str, float]:
    """Two-sided p-values of one specification as printed in Table 14 (robust SEs)."""
    _check_spec(spec)
    return dict(_load()[spec][1])


def standard_errors(spec: str) -> dict[str, float]:
    """Standard errors implied by the printed coefficients and p-values.

    Under asymptotic normality the Wald statistic :math:`z = \\beta / se` gives the
    two-sided p-value :math:`p = 2\\,(1 - \\Phi(|z|))`, hence

    .. math:: se = |\\beta| \\,/\\, \\Phi^{-1}(1 - p/2).

    Rounding rule. p-values are printed to three decimals, so a printed ``p`` stands for
    a true value in ``[p - 0.0005, p + 0.0005)``; the printed value (the midpoint) is
    used. A printed ``0.000`` only says ``p < 0.0005``; it is replaced by the bound
    :data:`P_VALUE_FLOOR` = 0.0005. Because a smaller p means a larger ``z``, this gives
    the *largest* standard error compatible with the print, i.e. an upper bound on the
    standard error: the conservative choice for drawing coefficients, which does not
    overstate the precision of the two near-separated coefficients of ``below_a``
    (``yearly`` and ``provincial_capital``).

    Parameters
    ----------
    spec : str
        One of :data:`SPECIFICATIONS`.

    Returns
    -------
    dict of str to float
        Variable name to standard error, in the units of the coefficient.
    """
    coef = coefficients(spec)
    pval = p_values(spec)
    out = {}
    for name, beta in coef.items():
        p = max(pval[name], P_VALUE_FLOOR)
        z = float(ndtri(1.0 - p / 2.0))
        out[name] = abs(beta) / z
    return out


def peak_interest_age(spec: str) -> float:
    """Age at which the probit index, hence the interest probability, is highest.

    .. math:: a^* = -\\beta_{age} \\,/\\, (2\\,\\beta_{age^2})

    Since :math:`\\Phi` is increasing, the peak does not depend on the other covariates.

    Returns
    -------
    float
        Age in years.
    """
    coef = coefficients(spec)
    return -coef["age"] / (2.0 * coef["age_squared"])


PUBLISHED_PEAK_AGES: dict[str, float] = {"below": 40.0, "above": 42.0}
"""Ages of highest interest stated in the text of the report (section 5.6, Figure 19):
40 for workers below the minimum wage, 42 for those above it."""


def peak_consistent_coefficients(spec: str) -> dict[str, float]:
    r"""Coefficients with ``age_squared`` restated from the published peak age.

    Table 14 prints the age-squared coefficients to one significant digit (e.g.
    -0.004 for anything in [-0.0045, -0.0035]), which moves the index by up to
    0.0005 x age^2, i.e. 0.8 at age 40. The text states the peaks the authors computed
    (40 below and 42 above the minimum wage), so for the ``below_*`` and ``above_*``
    specifications

    .. math:: \beta_{age^2} = -\beta_{age} \,/\, (2\,a^*_{published})

    and every other coefficient is as printed. No peak is published for the ``all_*``
    specifications: they are returned unchanged.
    """
    coef = coefficients(spec)
    group = spec.split("_")[0]
    if group in PUBLISHED_PEAK_AGES:
        coef["age_squared"] = -coef["age"] / (2.0 * PUBLISHED_PEAK_AGES[group])
    return coef


def required_covariates(spec: str) -> tuple[str, ...]:
    """Covariates (from :data:`COVARIATES`) that specification ``spec`` uses."""
    coef = coefficients(spec)
    used = {"age" if k == "age_squared" else k for k in coef if k != "constant"}
    return tuple(c for c in COVARIATES if c in used)


def _merged(spec: str, overrides: Mapping[str, object] | None) -> dict[str, object]:
    """Published coefficients of ``spec`` with ``overrides`` substituted."""
    coef: dict[str, object] = dict(coefficients(spec))
    if overrides:
        unknown = [k for k in overrides if k not in coef]
        if unknown:
            raise ValueError(
                f"coefficient override(s) {', '.join(unknown)} not in probit specification "
                f"{spec!r}; it has {', '.join(coef)}"
            )
        coef.update(overrides)
    return coef


def probit_index(
    spec: str, covariates: Mapping[str, object], overrides: Mapping[str, object] | None = None
) -> np.ndarray:
    """Linear index x'beta of one specification, broadcast over the covariates used."""
    needed = required_covariates(spec)
    missing = [c for c in needed if c not in covariates]
    if missing:
        raise ValueError(
            f"probit specification {spec!r} needs covariate(s) {', '.join(missing)}; "
            f"it uses {', '.join(needed)}"
        )
    coef = {k: np.asarray(v, dtype=float) for k, v in _merged(spec, overrides).items()}
    values = {c: np.asarray(covariates[c], dtype=float) for c in needed}
    try:
        shape = np.broadcast_shapes(*(v.shape for v in values.values()))
    except ValueError:
        shapes = ", ".join(f"{c}{values[c].shape}" for c in needed)
        raise ValueError(
            f"covariates of probit specification {spec!r} do not broadcast together: {shapes}"
        ) from None
    x = coef["constant"] + np.zeros(shape)
    for name, beta in coef.items():
        if name == "constant":
            continue
        if name == "age_squared":
            x = x + beta * values["age"] ** 2
        else:
            x = x + beta * values[name]
    return x


def interest_probability(
    spec: str,
    covariates: Mapping[str, object],
    coefficients: Mapping[str, object] | None = None,
) -> np.ndarray:
    """Probability of interest in joining the VSS once informed, :math:`\\Phi(x'\\beta)`.

    Parameters
    ----------
    spec : str
        One of :data:`SPECIFICATIONS`.
    covariates : mapping of str to array_like
        Arrays that broadcast together: ``female``, ``age`` (years; its square is formed
        here), ``married``, ``yearly``, ``after_work``, ``income`` (LAK per month, 2020
        prices), ``provincial_capital``, ``collective_group``, ``bokeo``, ``champasak``,
        ``luang_prabang`` (0/1 indicators; Vientiane Capital is the base province).
        Covariates the specification does not use are ignored.
    coefficients : mapping of str to array_like, optional
        Replacements for some of the published coefficients (same names as
        :func:`coefficients`), e.g. a draw from their sampling distribution or
        :func:`peak_consistent_coefficients`. Values may be arrays that broadcast with
        the covariates (one draw per leading index).

    Returns
    -------
    numpy.ndarray
        Probabilities in [0, 1], of the broadcast shape of the covariates the
        specification uses (and of any array-valued coefficients).

    Raises
    ------
    ValueError
        For an unknown specification, a missing covariate the specification uses (the
        message names both), or covariates that do not broadcast.
    """
    _check_spec(spec)
    return np.asarray(ndtr(probit_index(spec, covariates, coefficients)))


def interest_probability_split(
    pair: str,
    covariates: Mapping[str, object],
    minimum_wage_2020: float = MINIMUM_WAGE_2020,
    overrides: Mapping[str, Mapping[str, object]] | None = None,
) -> np.ndarray:
    """Interest probability applying the below/above-minimum-wage pair by income.

    .. math::

        P = \\Phi(x'\\beta_{below\\_pair}) \\text{ if } income < w_{min},
        \\quad \\Phi(x'\\beta_{above\\_pair}) \\text{ otherwise}

    Parameters
    ----------
    pair : {"a", "b"}
        Which pair of specifications: ``below_a``/``above_a`` or ``below_b``/``above_b``.
    covariates : mapping of str to array_like
        As for :func:`interest_probability`; ``income`` (LAK per month, 2020 prices) is
        required, plus every covariate either specification of the pair uses.
    minimum_wage_2020 : float, default 1,100,000
        Threshold in LAK per month at 2020 prices.
    overrides : mapping of spec name to coefficient mapping, optional
        Coefficient replacements per specification, as ``coefficients`` of
        :func:`interest_probability`.

    Returns
    -------
    numpy.ndarray
        Probabilities, broadcast over income and the covariates both specifications use.
    """
    if pair not in ("a", "b"):
        raise ValueError(f"unknown split pair {pair!r}; expected 'a' or 'b'")
    below, above = f"below_{pair}", f"above_{pair}"
    needed = tuple(dict.fromkeys(("income",) + required_covariates(below) + required_covariates(above)))
    missing = [c for c in needed if c not in covariates]
    if missing:
        raise ValueError(
            f"split pair {pair!r} ({below}/{above}) needs covariate(s) {', '.join(missing)}; "
            f"it uses {', '.join(needed)}"
        )
    income = np.asarray(covariates["income"], dtype=float)
    overrides = overrides or {}
    p_below = interest_probability(below, covariates, overrides.get(below))
    p_above = interest_probability(above, covariates, overrides.get(above))
    return np.where(income < minimum_wage_2020, p_below, p_above)
