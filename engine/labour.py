"""The labour force and its split into civil servants, enterprise employees and informal workers.

For each year t, sex s and age x (persons at 1 July):

- labour force   ``LF = P * min(1, LFPR * k(t))``, k the scenario's participation multiplier;
- employed       ``E = LF * (1 - u(t))``;
- informal       ``I = E * i_s(t)``, ``i_s(t) = clip(i_s(2022) - sum of formalisation_rate
  over 2023..t, 0, 1)``;
- civil servants ``C = E * c(t)``, ``c(t) = c(2022) * prod(1 + civil_servant_growth)``,
  capped by the formal share;
- enterprise     ``N = E - I - C`` (the rest of formal employment);
- compulsory target group ``T = g (N + e I)``: wage employees in firms of 10 or more
  workers (Decree 207/PM, 2001), ``e`` the employees' share of informal employment (LFS
  2022), ``g`` the scenario's ``coverage.target_group_share``. Its members are
  ``M = c(t) T`` (``c`` the compliance). The non-compliant ``T - M`` are informally
  employed in the LFS sense and stay among the informal workers; where compliance
  (raised by enforcement) makes ``M`` exceed ``N``, the excess ``max(M - N, 0)`` moves
  from the informal workers to the enterprise employees, so nobody is counted twice.

The shares apply equally at every working age (no age profile of informality was found:
an assumption the report lists).

A run reads four distinct projections, each computed once by :func:`project_workforce`
and passed down (:class:`Workforce`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from engine import demographic_inputs as demo
from engine import economic_inputs as econ
from engine.dims import SEXES
from engine.scenario.schema import Labour, Scenario

SHARE_YEAR = 2022  # year of the Labour Force Survey shares


@dataclass(frozen=True)
class LabourMarket:
    """Persons by (year, sex, age) at 1 July."""

    labour_force: np.ndarray
    employed: np.ndarray
    informal: np.ndarray
    civil_servants: np.ndarray
    enterprise: np.ndarray
    compulsory_target: np.ndarray


def informal_shares(scenario: Scenario, years: np.ndarray) -> np.ndarray:
    """Informal share of the employed by year and sex, shape (T, 2)."""
    base = np.array([econ.informal_share(sex) for sex in SEXES])
    all_years = np.arange(SHARE_YEAR + 1, years[-1] + 1)
    cumulative = np.cumsum(scenario.labour.formalisation_rate.values(all_years))
    fall = cumulative[years - (SHARE_YEAR + 1)]
    return np.clip(base[None, :] - fall[:, None], 0.0, 1.0)


def civil_servant_shares(scenario: Scenario, years: np.ndarray) -> np.ndarray:
    """Civil servants' share of the employed by year, shape (T,)."""
    base = econ.employment_split()["civil_servant"]
    all_years = np.arange(SHARE_YEAR + 1, years[-1] + 1)
    growth = np.cumprod(1.0 + scenario.labour.civil_servant_growth.values(all_years))
    return base * growth[years - (SHARE_YEAR + 1)]


def informal_employee_share() -> float:
    """Employees' share of informal employment, LFS 2022 (confirmed, 0.25)."""
    return float(econ.entry("informal_employment_by_status")["value"]["employee"])


def compulsory_target(scenario: Scenario, enterprise: np.ndarray, informal: np.ndarray) -> np.ndarray:
    """The enterprise scheme's target group ``T = g (N + e I)``, persons like the inputs."""
    return scenario.coverage.target_group_share * (enterprise + informal_employee_share() * informal)


def project_labour(scenario: Scenario, years: np.ndarray, population: np.ndarray) -> LabourMarket:
    """Labour market from the mid-year population ``(T, 2, A)``; see the module docstring."""
    lab = scenario.labour
    participation = np.minimum(
        1.0, econ.participation_rates()[None] * lab.participation_multiplier.values(years)[:, None, None])
    labour_force = population * participation
    employed = labour_force * (1.0 - lab.unemployment_rate.values(years))[:, None, None]
    informal_share = informal_shares(scenario, years)
    civil_share = np.minimum(civil_servant_shares(scenario, years)[:, None], 1.0 - informal_share)
    informal = employed * informal_share[:, :, None]
    civil = employed * civil_share[:, :, None]
    enterprise = employed - informal - civil
    target = compulsory_target(scenario, enterprise, informal)
    members = target * scenario.coverage.enterprise_compliance.values(years)[:, None, None]
    formalised = np.minimum(np.maximum(members - enterprise, 0.0), informal)
    return LabourMarket(labour_force, employed, informal - formalised, civil, enterprise + formalised, target)


def default_base_labour(scenario: Scenario) -> LabourMarket:
    """Labour split of the embedded base population (31 December of the base year) under
    the default labour assumptions, in the first projected year; arrays (1, 2, A). The
    enrolment back-cast's workers and the compulsory members before the projection."""
    plain = scenario.model_copy(update={"labour": Labour()})
    return project_labour(plain, np.array([scenario.horizon.base_year + 1]), demo.base_population()[None])


@dataclass(frozen=True)
class Workforce:
    """The labour projections of one run, each computed once.

    ``mid_year``: persons at 1 July of each projected year (economy, funds, results);
    ``year_end``: at 31 December (enrolment pools, compulsory members); ``base``: the
    scenario's base population under its assumptions of the first projected year (the
    economy's base employment), arrays (1, 2, A); ``default_base``:
    :func:`default_base_labour`.
    """

    mid_year: LabourMarket
    year_end: LabourMarket
    base: LabourMarket
    default_base: LabourMarket


def project_workforce(scenario: Scenario, population) -> Workforce:
    """The :class:`Workforce` of a :class:`engine.demography.PopulationProjection`."""
    years = np.asarray(population.years)
    return Workforce(mid_year=project_labour(scenario, years, population.mid_year),
                     year_end=project_labour(scenario, years, population.year_end),
                     base=project_labour(scenario, years[:1], population.base[None]),
                     default_base=default_base_labour(scenario))
