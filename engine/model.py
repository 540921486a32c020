"""One run of a scenario: the projection stages in order, assembled into a Dataset.

Each stage is a pure function of the scenario and the arrays before it:
demography -> labour market -> economy -> membership -> funds -> results.
:func:`project` returns the stages' result arrays; :func:`run` assembles them into a
Dataset (a sweep stacks the arrays of many variants into one Dataset instead).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from engine import __version__
from engine.base_year import NOT_KNOWN, membership_stocks, with_base_year
from engine.demography import project_population
from engine.enrolment.dynamics import project_membership
from engine.enrolment.results import membership_results
from engine.enrolment.solver import solve_target_blocks
from engine.enrolment.targets import target_statements
from engine.funds import run_funds
from engine.labour import project_workforce
from engine.macro import project_economy
from engine.policies import apply_targets, policy_arrays, target_attributes
from engine.policies.deadweight import deadweight_arrays
from engine.policies.enforcement import with_enforcement
from engine.results import build_dataset
from engine.scenario.schema import Scenario


@dataclass(frozen=True)
class Projection:
    """The result arrays of one run (declared in :data:`engine.results.VARIABLES`), their
    years, the coordinates beyond the standard ones and the run's attributes."""

    arrays: dict[str, np.ndarray]
    years: np.ndarray
    coords: dict[str, object]
    attrs: dict[str, object]

    def dataset(self) -> xr.Dataset:
        return build_dataset(self.arrays, self.years, extra_coords=self.coords, attrs=self.attrs)


def run(scenario: Scenario) -> xr.Dataset:
    """Project a validated scenario; returns the results as an :class:`xarray.Dataset`."""
    return project(scenario).dataset()


def project(scenario: Scenario, valuation: bool = True) -> Projection:
    """Project a validated scenario through every stage; the result arrays, not yet a Dataset.
    ``valuation=False`` leaves out the valuation attributes (:mod:`engine.funds.valuation`)."""
    original = scenario
    scenario = with_enforcement(scenario)  # enforcement blocks raise enterprise compliance
    solutions = solve_target_blocks(scenario)  # enrolment_target policy blocks
    scenario = apply_targets(scenario, solutions)
    population = project_population(scenario)
    years = population.years
    workforce = project_workforce(scenario, population)  # each labour projection once
    labour = workforce.mid_year
    economy = project_economy(scenario, years, labour.employed.sum(axis=(1, 2)),
                              float(workforce.base.employed.sum()))
    membership = project_membership(scenario, population, economy, workforce)
    arrays = {
        "population": population.mid_year,
        "population_year_end": population.year_end,
        "population_base": population.base,
        "births": population.births,
        "labour_force": labour.labour_force,
        "employed": labour.employed,
        "civil_servants": labour.civil_servants,
        "enterprise_employees": labour.enterprise,
        "informal_employed": labour.informal,
        "price_index": economy.price_index,
        "gdp": economy.gdp,
        "real_gdp_growth": economy.real_growth,
        "inflation": economy.inflation,
        "government_expenditure": economy.government_expenditure,
        "earnings_index": economy.earnings_index,
        "minimum_wage": economy.minimum_wage,
    }
    member_arrays, member_coords = membership_results(scenario, membership)
    arrays.update(member_arrays)
    funds = run_funds(scenario, population, labour, economy, membership, valuation=valuation)
    arrays.update(funds.arrays)
    policy, policy_coords = policy_arrays(scenario, population, economy, membership.details, arrays,
                                          original=original)
    arrays.update(policy)
    deadweight, deadweight_coords = deadweight_arrays(scenario, population, economy, membership)
    arrays.update(deadweight)
    attrs = {
        "scenario": scenario.name,
        "description": scenario.description,
        "base_year": scenario.horizon.base_year,
        "end_year": scenario.horizon.end_year,
        "engine_version": __version__,
    }
    attrs.update(funds.attrs)
    attrs.update(target_attributes(solutions))
    attrs.update(target_statements(scenario, membership))
    attrs["base_year_row"] = f"stocks at 31 December {scenario.horizon.base_year}; {NOT_KNOWN}"
    base = {"population_year_end": population.base, **economy.base, **membership_stocks(membership), **funds.base}
    arrays, all_years = with_base_year(arrays, years, scenario.horizon.base_year, base)
    coords = member_coords | funds.coords | policy_coords | deadweight_coords
    return Projection(arrays, all_years, coords, attrs)
