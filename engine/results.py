"""The single table of result variables (name, dims, unit, description) and Dataset assembly.

Every variable a run returns is declared here once; :func:`build_dataset` refuses an
undeclared name or a shape that does not match the declared dimensions, so the NetCDF
file, the summary table and the report all speak of the same things in the same units.

Each stage of a run returns its own variables as a :class:`StageResults`;
:func:`merge_stages` (and :func:`build_dataset`, given stages) refuses a name that two
stages both return, so no stage's value silently replaces another's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import xarray as xr

from engine.dims import AGES, FUNDS, SCHEMES, SEXES

VARIANT = "variant"  # leading dimension of a Dataset holding many variants of one scenario


@dataclass(frozen=True)
class Variable:
    name: str
    dims: tuple[str, ...]
    units: str
    description: str


def _v(name, dims, units, description):
    return Variable(name, tuple(dims.split()) if dims else (), units, description)


VARIABLES: dict[str, Variable] = {v.name: v for v in [
    _v("population", "year sex age", "persons", "Population at 1 July"),
    _v("population_year_end", "year sex age", "persons", "Population at 31 December"),
    _v("population_base", "sex age", "persons", "Population at 31 December of the base year"),
    _v("births", "year sex", "persons per year", "Live births in the year"),
    _v("labour_force", "year sex age", "persons", "Labour force (employed and unemployed) at 1 July"),
    _v("employed", "year sex age", "persons", "Employed persons at 1 July"),
    _v("civil_servants", "year sex age", "persons", "Civil servants (employed by the state)"),
    _v("enterprise_employees", "year sex age", "persons",
       "Formal private-sector employees (compulsory enterprise scheme)"),
    _v("informal_employed", "year sex age", "persons", "Informally employed persons"),
    _v("price_index", "year", "index, 2020 = 1", "Consumer price index"),
    _v("gdp", "year", "LAK", "Nominal gross domestic product"),
    _v("real_gdp_growth", "year", "per year", "Real GDP growth rate"),
    _v("inflation", "year", "per year", "Consumer price inflation"),
    _v("government_expenditure", "year", "LAK", "Nominal general government expenditure"),
    _v("earnings_index", "year", "index, base year = 1",
       "Nominal average earnings: nominal GDP per employed person, times the scenario's gap"),
    _v("minimum_wage", "year", "LAK per month", "Statutory minimum wage, average over the year"),
    # enrolment (engine.enrolment.dynamics)
    _v("active_members", "year scheme", "persons", "Contributing members at 31 December"),
    _v("new_members", "year scheme", "persons per year",
       "Persons joining in the year (voluntary: new registrations incl. continuations from "
       "enterprise jobs, not returns; compulsory: positive net inflows by cohort)"),
    _v("active_members_by_age", "year scheme sex age", "persons", "Contributing members at 31 December"),
    _v("voluntary_members_detail", "year sex age_band income_group", "persons",
       "Voluntary members at 31 December by income group (survey income band of the cell, 2020 prices)"),
    _v("voluntary_new_members_detail", "year sex age_band income_group", "persons per year",
       "New voluntary members in the year by income group"),
    _v("voluntary_flows", "year flow", "persons per year",
       "Voluntary scheme flows: joins, transfers from enterprise jobs, returns, lapses, retirements"),
    _v("voluntary_lapsed", "year", "persons", "Former voluntary members not paying at 31 December"),
    _v("voluntary_members_history", "history_year", "persons",
       "Voluntary members at 31 December in the 2018-2023 back-cast (calibrated)"),
    _v("voluntary_new_members_history", "history_year", "persons per year",
       "New voluntary members in the 2018-2023 back-cast"),
    _v("target_value", "target", "persons, or share for coverage targets (per year for growth rates)",
       "Enrolment target stated by the scenario"),
    _v("target_projected", "target year", "persons, or share for coverage targets (per year for growth rates)",
       "Projected value to date: cumulative new members since the target's first year "
       "(back-cast years included), or the level up to the target year"),
    _v("target_gap", "target year", "persons, or share for coverage targets (per year for growth rates)",
       "Projected minus target (negative: short of the target)"),
    _v("target_year_met", "target", "calendar year",
       "First year the target is met, back-cast years included (NaN: not met by its last year)"),
    # schemes, benefits, sub-funds, NHI (engine.funds)
    _v("contributions", "year scheme fund", "LAK",
       "Contributions credited to each sub-fund, including any part paid by a government subsidy"),
    _v("insurable_earnings", "year scheme", "LAK",
       "Insurable earnings of the year (the contribution base): members x monthly insurable earnings x months paid"),
    _v("average_insurable_earnings", "year scheme", "LAK per month",
       "Average monthly insurable earnings of contributing members"),
    _v("insured_persons", "year scheme", "persons",
       "Insured persons with a service record at 31 December (contributing or not), not yet retired"),
    _v("pensions_in_payment", "year scheme pension", "persons",
       "Pensions in payment at 31 December: old-age pensioners, disability pensioners, survivors' pensions "
       "(spouses and orphans; the base year's per deceased)"),
    _v("average_old_age_pension", "year scheme", "LAK per month", "Average old-age pension at 31 December"),
    _v("inactive_insured", "year scheme", "persons",
       "Inactive insured persons at 31 December: former contributors below the pension age who "
       "keep their service and revalued earnings and may return"),
    _v("pensioners", "year scheme benefit", "persons",
       "Pensions in payment at 31 December by benefit (old age, disability, survivors: spouses and orphans)"),
    _v("new_pensioners", "year scheme benefit", "persons per year",
       "Pensions awarded in the year by benefit (old age, disability, survivors: spouses and orphans)"),
    _v("lump_sums", "year scheme", "persons per year",
       "Insured persons reaching the pension age without the minimum service, paid a lump sum"),
    _v("average_pension", "year scheme", "LAK per month", "Average old-age pension at 31 December"),
    _v("legacy_pensions", "year scheme", "LAK",
       "Part of the long-term benefits earned before the NSSF took over a scheme (civil "
       "servants' service before the legacy start year), whoever pays it"),
    _v("benefit_expenditure", "year scheme branch", "LAK", "Benefit expenditure by scheme and branch"),
    _v("investment_income", "year fund", "LAK",
       "Investment income of the sub-fund (negative on a debt: the borrowing rate's charge)"),
    _v("benefits", "year fund", "LAK",
       "Benefits paid by the sub-fund (the long-term branches less the legacy pensions the state budget pays)"),
    _v("admin_costs", "year fund", "LAK", "Administration costs charged to the sub-fund"),
    _v("transfers_out", "year fund", "LAK",
       "Transfers out of the sub-fund (the health sub-fund's payment to the National Health Insurance Fund)"),
    _v("reserve", "year fund", "LAK",
       "Reserve of the sub-fund at 31 December (negative: a debt, where the sub-fund borrows)"),
    _v("investment_return", "year", "per year",
       "Nominal return on the reserves (also the discount rate of the valuation)"),
    _v("real_investment_return", "year", "per year", "Return on the reserves net of consumer-price inflation"),
    _v("real_wage_growth", "year", "per year",
       "Growth of average earnings net of consumer-price inflation (the revaluation of the compulsory schemes)"),
    _v("deficit_financing", "year fund", "LAK",
       "The state's transfer that keeps a guaranteed sub-fund's reserve at zero (0 where the sub-fund borrows)"),
    _v("deficit_financing_by_scheme", "year scheme fund", "LAK", "Deficit financing of each scheme's account"),
    _v("investment_income_by_scheme", "year scheme fund", "LAK", "Investment income of each scheme's account"),
    _v("benefits_by_scheme", "year scheme fund", "LAK", "Benefits paid from each scheme's account"),
    _v("admin_costs_by_scheme", "year scheme fund", "LAK", "Administration costs charged to each scheme's account"),
    _v("transfers_out_by_scheme", "year scheme fund", "LAK", "Transfers out of each scheme's account"),
    _v("reserve_by_scheme", "year scheme fund", "LAK",
       "Reserve of each scheme's account at 31 December (pooled accounts: the scheme's share)"),
    _v("reserve_ratio", "year fund", "years of expenditure",
       "Reserve at 31 December / the year's benefits, administration and transfers out"),
    _v("payg_cost_rate", "year fund", "share of insurable earnings",
       "Pay-as-you-go cost rate: the sub-fund's benefits, administration and transfers out / insurable earnings of all schemes"),
    _v("nhi_income", "year source", "LAK",
       "Income of the National Health Insurance Fund: government budget, NSSF transfer, co-payments, CBHI transfer"),
    _v("nhi_expenditure", "year", "LAK", "Spending of the National Health Insurance Fund"),
    _v("nhi_covered_persons", "year", "persons",
       "Persons covered by NHI: population coverage plus NSSF members and dependants"),
    _v("nhi_balance", "year", "LAK", "NHI income minus expenditure"),
    # health financing by group, CBHI, government health cost (engine.funds.health)
    _v("nhi_covered_by_group", "year health_group", "persons",
       "Persons covered by NHI by group: NSSF members and dependants, the exempt groups (poor, "
       "pregnant women, children under 5, monks) and the rest who pay co-payments"),
    _v("nhi_eligible_by_group", "year health_group", "persons",
       "Persons of each NHI group in the NHI area (entitled), at 1 July"),
    _v("nhi_expenditure_by_group", "year health_group", "LAK", "NHI spending by population group"),
    _v("nhi_spending_per_person", "year", "LAK per covered person per year",
       "NHI spending per covered person of average cost (payment adequacy and health_quality included)"),
    _v("nhi_copayment_per_paying_person", "year", "LAK per paying covered person per year",
       "Co-payments per covered person who pays them: fees by facility level x paid visits"),
    _v("nhi_planned_expenditure", "year", "LAK", "NHI spending before any cut to income"),
    _v("nhi_gap", "year", "LAK",
       "Shortfall of NHI income (fixed budget rule) below planned spending, before it is closed"),
    _v("nhi_gap_budget_top_up", "year", "LAK", "Part of the NHI gap closed by the government budget"),
    _v("nhi_unmet_cost", "year", "LAK", "Part of the NHI gap closed by cutting spending (care not paid)"),
    _v("nhi_unpaid_care_cost", "year", "LAK",
       "Cost of care of covered persons that NHI does not pay facilities (1 - payment adequacy)"),
    _v("nhi_health_quality_cost", "year", "LAK",
       "Added NHI spending of health_quality policy blocks (in the NHI account)"),
    _v("health_coverage_share", "year", "share of the population",
       "Population covered by public health insurance: NHI (NSSF included) and CBHI, dual members once"),
    _v("capital_population", "year", "persons", "Population of Vientiane Capital at 1 July"),
    _v("capital_nhi_covered", "year", "persons",
       "Persons in Vientiane Capital covered by NHI (NSSF members and dependants, and the extension)"),
    _v("cbhi_members", "year", "persons", "Community-based health insurance members (Vientiane Capital) at 31 December"),
    _v("cbhi_households", "year", "households", "CBHI member households at 31 December"),
    _v("cbhi_dual_members", "year", "persons", "CBHI members also covered by the NSSF"),
    _v("cbhi_contributions", "year", "LAK", "CBHI members' quarterly contributions in the year"),
    _v("cbhi_government_match", "year", "LAK", "Government match of CBHI contributions"),
    _v("cbhi_treatment_cost", "year", "LAK", "CBHI benefits: treatment of members"),
    _v("cbhi_death_benefits", "year", "LAK", "CBHI benefits: death benefits"),
    _v("cbhi_admin_costs", "year", "LAK", "CBHI administration"),
    _v("cbhi_transfer_to_nhi", "year", "LAK", "CBHI reserve passed to NHI with absorbed members"),
    _v("cbhi_reserve", "year", "LAK", "CBHI reserve at 31 December"),
    _v("government_health_cost", "year", "LAK",
       "Government health financing cost: budget to NHI (top-up included) + CBHI match"),
    _v("government_health_cost_pct_gdp", "year", "percent of GDP", "Government health financing cost"),
    _v("government_health_cost_pct_government_expenditure", "year", "percent of government expenditure",
       "Government health financing cost"),
    _v("nhi_extension_cost", "year", "LAK",
       "Added government health cost of nhi_extension blocks (with minus without the blocks)"),
    _v("health_coverage_history", "health_history_year", "share of the population",
       "Back-cast public health insurance coverage (NHI, NSSF and CBHI), 2019 to the base year"),
    _v("nhi_budget_history", "health_history_year", "LAK",
       "Back-cast government budget to NHI for persons outside the NSSF, 2019 to the base year"),
    _v("cbhi_members_history", "health_history_year", "persons",
       "Back-cast CBHI members at 31 December, 2019 to the base year (2020 calibrated)"),
    _v("subsidy_cost", "year", "LAK", "Government payments towards members' contributions"),
    _v("spf_cost", "year programme", "LAK", "Cost of non-contributory (RAP-style) social protection programmes"),
    _v("contributions_pct_gdp", "year", "percent of GDP", "Contributions, all schemes and sub-funds"),
    _v("benefits_pct_gdp", "year", "percent of GDP", "Benefits, all sub-funds"),
    _v("reserve_pct_gdp", "year", "percent of GDP", "Reserves at 31 December, all sub-funds"),
    _v("subsidy_cost_pct_gdp", "year", "percent of GDP", "Government contribution subsidies"),
    _v("nhi_expenditure_pct_gdp", "year", "percent of GDP", "NHI spending"),
    _v("nhi_government_cost_pct_gdp", "year", "percent of GDP", "Government budget to NHI"),
    _v("spf_cost_pct_gdp", "year", "percent of GDP", "Non-contributory social protection programmes"),
    # the state's share (engine.funds.state_share)
    *[v for name, description in (
        ("government_employer_contributions",
         "The state's employer contribution for civil servants (employer rate x their insurable earnings)"),
        ("legacy_pension_cost",
         "Legacy pensions of civil servants paid by the state budget (0 when the fund pays them)"),
        ("retiree_allowances",
         "Budget-paid top-ups of civil-service pensions to the floor and living allowances to pensioners"),
        ("deficit_financing_total", "The state's deficit financing of all sub-funds"),
        ("government_social_security_cost",
         "The state's social security cost: employer contributions, legacy pensions, retiree "
         "allowances and deficit financing"),
    ) for v in (_v(name, "year", "LAK", description),
                _v(f"{name}_pct_gdp", "year", "percent of GDP", description),
                _v(f"{name}_pct_government_expenditure", "year", "percent of government expenditure",
                   description))],
    # policy blocks (engine.policies)
    _v("spf_beneficiaries", "year programme", "persons",
       "Beneficiaries of each SPF programme: target group x take-up (population at 1 July)"),
    _v("spf_benefit_level", "year programme", "LAK per month", "Benefit per beneficiary of each SPF programme"),
    _v("spf_cost_pct_government_expenditure", "year", "percent of government expenditure",
       "Non-contributory social protection programmes"),
    _v("spf_programme_cost_pct_gdp", "year programme", "percent of GDP", "Cost of each SPF programme"),
    _v("spf_programme_cost_pct_government_expenditure", "year programme", "percent of government expenditure",
       "Cost of each SPF programme"),
    _v("subsidy_cost_pct_government_expenditure", "year", "percent of government expenditure",
       "Government contribution subsidies"),
    _v("subsidised_members", "year", "persons at 31 December",
       "Voluntary members at 31 December whose contribution the government subsidises"),
    _v("package_members", "year", "persons at 31 December", "Voluntary members at 31 December on a reduced package"),
    _v("outreach_registrations", "year", "persons per year", "New voluntary members brought by outreach programmes"),
    _v("outreach_cost", "year", "LAK",
       "Cost of outreach programmes: incentives per registration and fixed running costs"),
    _v("outreach_cost_pct_gdp", "year", "percent of GDP", "Outreach programmes"),
    _v("outreach_cost_pct_government_expenditure", "year", "percent of government expenditure",
       "Outreach programmes"),
    _v("retention_cost", "year", "LAK",
       "Cost of retention blocks: per member in their reach and fixed running costs"),
    _v("retention_cost_pct_gdp", "year", "percent of GDP", "Retention blocks"),
    _v("enforcement_cost", "year", "LAK",
       "Cost of enforcement blocks: per enterprise member added and fixed running costs"),
    _v("enforcement_cost_pct_gdp", "year", "percent of GDP", "Enforcement blocks"),
    _v("enforcement_added_members", "year", "persons at 31 December",
       "Enterprise-scheme members at 31 December added by enforcement blocks"),
    _v("advance_contributions", "year", "LAK at 31 December",
       "Voluntary contributions held at 31 December for the following year (payment in advance)"),
    _v("policy_cost", "year", "LAK",
       "Government cost of the policy blocks: subsidies, outreach, SPF programmes, retention and enforcement"),
    _v("policy_cost_pct_gdp", "year", "percent of GDP", "Government cost of the policy blocks"),
    _v("policy_cost_pct_government_expenditure", "year", "percent of government expenditure",
       "Government cost of the policy blocks"),
    # deadweight of each contribution_subsidy block (engine.policies.deadweight)
    _v("subsidy_block_subsidised_members", "year subsidy_block", "persons at 31 December",
       "Voluntary members at 31 December to whose contribution the block adds a share"),
    _v("subsidy_block_additional_members", "year subsidy_block", "persons at 31 December",
       "Voluntary members at 31 December with the block minus without it (same run)"),
    _v("subsidy_block_deadweight_share", "year subsidy_block", "share of the block's subsidised members",
       "Subsidised members who would have been members without the block: clip((S - A) / S, 0, 1)"),
    _v("subsidy_block_cost", "year subsidy_block", "LAK", "What the block pays towards members' contributions"),
    _v("subsidy_block_cost_per_additional_member", "year subsidy_block", "LAK per additional member per year",
       "The block's cost over its additional members"),
    # other enrolment blocks (engine.policies.block_effects)
    _v("enrolment_block_additional_members", "year enrolment_block", "persons at 31 December",
       "Voluntary members at 31 December with the block minus without it (same run)"),
    _v("enrolment_block_cost", "year enrolment_block", "LAK",
       "Government cost of the block (outreach, retention; 0 for packages, health quality, payment)"),
    _v("enrolment_block_cost_per_additional_member", "year enrolment_block", "LAK per additional member per year",
       "The block's government cost over its additional members"),
]}


class OverlappingResults(RuntimeError):
    """Internal error: two stages of a run return a variable (or coordinate, attribute) of
    the same name."""


def _frozen(mapping) -> Mapping:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True)
class StageResults:
    """The result variables one stage of a run returns (names declared in
    :data:`VARIABLES`, arrays over the projected years), the coordinates beyond the
    standard ones they use, Dataset attributes, and values of the base year keyed by
    variable name (:func:`engine.base_year.with_base_year`). All read-only."""

    stage: str
    variables: Mapping[str, np.ndarray]
    coords: Mapping[str, object] = field(default_factory=dict)
    attrs: Mapping[str, object] = field(default_factory=dict)
    base: Mapping[str, object] = field(default_factory=dict)

    def __post_init__(self):
        for name in ("variables", "coords", "attrs", "base"):
            object.__setattr__(self, name, _frozen(getattr(self, name)))


def _merge(stages: Sequence[StageResults], part: str) -> dict:
    out: dict = {}
    source: dict[str, str] = {}
    what = {"variables": "result variable", "coords": "coordinate", "attrs": "attribute",
            "base": "base-year value"}[part]
    for stage in stages:
        for name, value in getattr(stage, part).items():
            if name in out:
                raise OverlappingResults(
                    f"internal error: {what} '{name}' is returned by both "
                    f"the {source[name]} stage and the {stage.stage} stage; each name must have one stage")
            out[name] = value
            source[name] = stage.stage
    return out


def merge_stages(stages: Sequence[StageResults]) -> StageResults:
    """The variables, coordinates, attributes and base-year values of all ``stages`` in one
    :class:`StageResults`; raises :class:`OverlappingResults` on a name two stages return."""
    return StageResults("run", *(_merge(stages, part) for part in ("variables", "coords", "attrs", "base")))


def coords(years) -> dict[str, object]:
    """The CONTRACT coordinates for a run over ``years``."""
    return {"year": np.asarray(years, dtype=np.int64), "sex": list(SEXES), "age": AGES,
            "scheme": list(SCHEMES), "fund": list(FUNDS)}


def build_dataset(arrays: Mapping[str, np.ndarray] | Sequence[StageResults], years, extra_coords: dict | None = None,
                  attrs: dict | None = None, variants: int | None = None) -> xr.Dataset:
    """Assemble declared variables into an :class:`xarray.Dataset` with units.

    ``arrays`` maps names to arrays, or is a sequence of :class:`StageResults` whose
    variables, coordinates and attributes are merged (:func:`merge_stages`: a name two
    stages return is an :class:`OverlappingResults` error). With ``variants``, every array
    carries a leading axis of that many variants of one scenario (dimension
    :data:`VARIANT`, numbered from 0) ahead of its declared dimensions.
    """
    if not isinstance(arrays, Mapping):
        merged = merge_stages(arrays)
        arrays = merged.variables
        extra_coords = dict(merged.coords) | (extra_coords or {})
        attrs = dict(merged.attrs) | (attrs or {})
    all_coords = coords(years) | (extra_coords or {})
    lead = () if variants is None else (VARIANT,)
    if variants is not None:
        all_coords[VARIANT] = np.arange(variants)
    data_vars = {}
    for name, values in arrays.items():
        if name not in VARIABLES:
            raise KeyError(f"result variable '{name}' is not declared in engine.results.VARIABLES")
        var = VARIABLES[name]
        values = np.asarray(values)
        dims = lead + var.dims
        expected = tuple(len(all_coords[d]) for d in dims)
        if values.shape != expected:
            raise ValueError(f"result '{name}' has shape {values.shape}; dims {dims} need {expected}")
        data_vars[name] = xr.Variable(dims, values,
                                      attrs={"units": var.units, "long_name": var.description})
    used = {d for v in data_vars.values() for d in v.dims}
    ds = xr.Dataset(data_vars, coords={k: v for k, v in all_coords.items() if k in used or k in
                                       ("year", "sex", "age", "scheme", "fund")})
    ds.attrs.update(attrs or {})
    return ds


def year_total(ds: xr.Dataset, name: str) -> np.ndarray:
    """``ds[name]`` summed over every dimension but year (and :data:`VARIANT`, which leads
    when present), as a plain array."""
    variable = ds.variables[name]
    axes = tuple(i for i, d in enumerate(variable.dims) if d not in ("year", VARIANT))
    return variable.values.sum(axis=axes) if axes else variable.values
