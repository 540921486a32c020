"""Cohort-component projection of the population by sex and single year of age.

Rates come from the embedded WPP2024 medium variant (:mod:`engine.demographic_inputs`),
scaled by the scenario's levers; the projection itself runs in
:func:`engine.kernels.cohort.project_cohorts`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import demographic_inputs as inputs
from engine.kernels.cohort import mid_year, project_cohorts
from engine.scenario.schema import Scenario


def one_year_survival(mx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Survival ratios from single-age central death rates, under a constant force per age.

    With ``p_x = exp(-m_x)``, ``l_{x+1} = l_x p_x`` (``l_0 = 1``) and person-years
    ``L_x = l_x (1 - p_x) / m_x`` (``= l_x`` when ``m_x = 0``):

    - ``S_x = L_{x+1} / L_x`` for x = 0..A-2: share of those aged x at the start of a year
      who are alive, aged x+1, at its end (the last one, A-2 -> A-1, uses the first year
      lived in the open group);
    - ``S_{A-1} = p_{A-1}``: survival within the open group;
    - ``S_b = L_0 / l_0``: share of a year's births alive at its end (births spread evenly).

    Parameters
    ----------
    mx : (..., A) central death rates per person-year.

    Returns
    -------
    survival : (..., A) unitless; survival_birth : (...) unitless.
    """
    mx = np.asarray(mx, dtype=np.float64)
    p = np.exp(-mx)
    safe = np.where(mx > 0, mx, 1.0)
    lived = np.where(mx > 0, -np.expm1(-mx) / safe, 1.0)           # L_x / l_x
    l = np.concatenate([np.ones(mx.shape[:-1] + (1,)), np.cumprod(p[..., :-1], axis=-1)], axis=-1)
    big_l = l * lived
    survival = np.empty_like(mx)
    survival[..., :-1] = big_l[..., 1:] / big_l[..., :-1]
    survival[..., -1] = p[..., -1]
    return survival, lived[..., 0]


@dataclass(frozen=True)
class DemographicRates:
    """Rates for each projected year: survival (T, 2, A), survival_birth (T, 2),
    asfr (T, A) births per woman, migration (T, 2, A) persons, male_birth_share (T,)."""

    survival: np.ndarray
    survival_birth: np.ndarray
    asfr: np.ndarray
    migration: np.ndarray
    male_birth_share: np.ndarray


def demographic_rates(scenario: Scenario, years: np.ndarray) -> DemographicRates:
    """WPP2024 medium-variant rates scaled by the scenario's demographic levers.

    ``m_x(t) = m_x^WPP(t) * mortality_multiplier(t)``,
    ``f_x(t) = f_x^WPP(t) * fertility_multiplier(t)``,
    ``M_x(t) = M_x^WPP(t) * migration_multiplier(t)``,
    male share of births ``= SRB / (1 + SRB)``.
    """
    d = scenario.demography
    mx = inputs.mortality_rates(years) * d.mortality_multiplier.values(years)[:, None, None]
    survival, survival_birth = one_year_survival(mx)
    asfr = inputs.fertility_rates(years) * d.fertility_multiplier.values(years)[:, None]
    migration = inputs.net_migration(years) * d.migration_multiplier.values(years)[:, None, None]
    srb = d.sex_ratio_at_birth
    male_share = np.full(len(years), srb / (1.0 + srb))
    return DemographicRates(survival, survival_birth, asfr, migration, male_share)


@dataclass(frozen=True)
class PopulationProjection:
    """Projected population: ``year_end`` and ``mid_year`` (T, 2, A) persons at 31 December
    and 1 July, ``births`` (T, 2) per year, ``base`` (2, A) at 31 December of the base year,
    and the ``rates`` it was projected with (later stages age their own stocks by them)."""

    years: np.ndarray
    base: np.ndarray
    year_end: np.ndarray
    mid_year: np.ndarray
    births: np.ndarray
    rates: DemographicRates


def project_population(scenario: Scenario) -> PopulationProjection:
    """Project the embedded base population over the scenario's horizon."""
    years = np.arange(scenario.horizon.base_year + 1, scenario.horizon.end_year + 1)
    rates = demographic_rates(scenario, years)
    base = inputs.base_population()
    end, births = project_cohorts(
        base[None], rates.survival[None], rates.survival_birth[None], rates.asfr[None],
        rates.migration[None], rates.male_birth_share[None],
    )
    return PopulationProjection(years, base, end[0], mid_year(base[None], end)[0], births[0], rates)
