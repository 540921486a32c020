"""One run of a scenario: the projection stages in order, assembled into a Dataset.

Each stage is a pure function of the scenario and the stages before it:
demography -> labour market -> economy -> membership -> funds -> policy costs -> results;
each returns its own result variables, and no stage overwrites another's.
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
from engine.funds.run import run_funds
from engine.labour import project_workforce
from engine.macro import project_economy
from engine.policies.block_effects import enrolment_block_arrays
from engine.policies.deadweight import deadweight_arrays
from engine.policies.enforcement import with_enforcement
from engine.policies.results import policy_arrays
from engine.policies.targets import apply_targets, target_attributes
from engine.results import StageResults, build_dataset, merge_stages
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
    ``valuation=False`` leaves out the valuation attributes (:mod:`engine.funds.valuation`).

    Each stage returns its own variables (:class:`engine.results.StageResults`);
    :func:`engine.results.merge_stages` refuses a name two stages return.
    """
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
    funds = run_funds(scenario, population, labour, economy, membership, valuation=valuation)
    stages = [
        StageResults("run", {}, attrs={
            "scenario": scenario.name,
            "description": scenario.description,
            "base_year": scenario.horizon.base_year,
            "end_year": scenario.horizon.end_year,
            "engine_version": __version__,
        }),
        StageResults("demography", {
            "population": population.mid_year,
            "population_year_end": population.year_end,
            "population_base": population.base,
            "births": population.births,
        }, base={"population_year_end": population.base}),
        StageResults("labour market", {
            "labour_force": labour.labour_force,
            "employed": labour.employed,
            "civil_servants": labour.civil_servants,
            "enterprise_employees": labour.enterprise,
            "informal_employed": labour.informal,
        }),
        StageResults("economy", {
            "price_index": economy.price_index,
            "gdp": economy.gdp,
            "real_gdp_growth": economy.real_growth,
            "inflation": economy.inflation,
            "government_expenditure": economy.government_expenditure,
            "earnings_index": economy.earnings_index,
            "minimum_wage": economy.minimum_wage,
        }, base=economy.base),
        StageResults("membership", *membership_results(scenario, membership), base=membership_stocks(membership)),
        funds.results,
        policy_arrays(scenario, population, economy, membership, funds.arrays["subsidy_cost"], original=original),
        deadweight_arrays(scenario, population, economy, membership),
        enrolment_block_arrays(scenario, population, economy, membership),
        StageResults("policy targets", {}, attrs=target_attributes(solutions)),
        StageResults("enrolment targets", {}, attrs=target_statements(scenario, membership)),
        StageResults("base year", {}, attrs={
            "base_year_row": f"stocks at 31 December {scenario.horizon.base_year}; {NOT_KNOWN}"}),
    ]
    run = merge_stages(stages)
    arrays, all_years = with_base_year(dict(run.variables), years, scenario.horizon.base_year, run.base)
    return Projection(arrays, all_years, dict(run.coords), dict(run.attrs))
