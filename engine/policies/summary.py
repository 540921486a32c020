"""Summary columns of the policy blocks (added by :func:`engine.summary.summary_table`).

A column's units are those of the result variable it shows, declared once in
:data:`engine.results.VARIABLES` (:func:`policy_unit`); the table below repeats them.

Every year, whether or not the scenario has policy blocks (zeros without them):

==============================================  =====================================
column                                          units
==============================================  =====================================
subsidy_cost                                    LAK
subsidy_cost_pct_government_expenditure         percent of government expenditure
subsidised_members                              persons at 31 December
package_members                                 persons at 31 December
outreach_registrations                          persons per year
outreach_cost                                   LAK
outreach_cost_pct_gdp                           percent of GDP
outreach_cost_pct_government_expenditure        percent of government expenditure
retention_cost                                  LAK
retention_cost_pct_gdp                          percent of GDP
enforcement_cost, enforcement_cost_pct_gdp      LAK, percent of GDP
enforcement_added_members                       persons at 31 December (enterprise scheme)
advance_contributions                           LAK at 31 December (paid for the next year)
spf_cost                                        LAK (all programmes)
spf_cost_pct_government_expenditure             percent of government expenditure
policy_cost                                     LAK (subsidies + outreach + SPF + retention + enforcement)
policy_cost_pct_gdp                             percent of GDP
policy_cost_pct_government_expenditure          percent of government expenditure
==============================================  =====================================

Per SPF programme ``<name>``: ``spf_cost_<name>`` (LAK), ``spf_cost_<name>_pct_gdp``,
``spf_cost_<name>_pct_government_expenditure`` and ``spf_beneficiaries_<name>`` (persons).

Per contribution_subsidy block ``<name>`` (:mod:`engine.policies.deadweight`, against the
same scenario without the block, computed in the same run): ``subsidised_members_<name>``
(persons at 31 December), ``additional_members_<name>`` (persons at 31 December),
``deadweight_share_<name>`` (share of the block's subsidised members),
``subsidy_block_cost_<name>`` (LAK) and ``cost_per_additional_member_<name>`` (LAK per
additional member per year).

Per other enrolment block ``<name>`` (reduced_package, outreach, retention, health_quality,
payment_frequency; :mod:`engine.policies.block_effects`): ``additional_members_<name>``,
``block_cost_<name>`` (LAK, government) and ``cost_per_additional_member_<name>``.

Against a baseline run (``summary_table(ds, baseline=baseline_ds)``):
``additional_voluntary_members`` (persons at 31 December) and ``cost_per_additional_member`` (LAK per
additional member per year, :func:`engine.policies.results.cost_per_additional_member`).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.results import VARIABLES, year_total

FIXED: tuple[str, ...] = (
    "subsidy_cost", "subsidy_cost_pct_government_expenditure", "subsidised_members",
    "package_members", "outreach_registrations", "outreach_cost", "outreach_cost_pct_gdp",
    "outreach_cost_pct_government_expenditure", "retention_cost", "retention_cost_pct_gdp",
    "enforcement_cost", "enforcement_cost_pct_gdp", "enforcement_added_members",
    "advance_contributions", "spf_cost", "spf_cost_pct_government_expenditure", "policy_cost",
    "policy_cost_pct_gdp", "policy_cost_pct_government_expenditure",
)  # result variables shown as they are, summed by year
PER_PROGRAMME: tuple[tuple[str, str], ...] = (
    ("spf_cost_", ""), ("spf_cost_", "_pct_gdp"), ("spf_cost_", "_pct_government_expenditure"),
    ("spf_beneficiaries_", ""),
)  # column prefix and suffix around the programme's name
SPF_SOURCES = {"spf_cost_": {"": "spf_cost", "_pct_gdp": "spf_programme_cost_pct_gdp",
                             "_pct_government_expenditure": "spf_programme_cost_pct_government_expenditure"},
               "spf_beneficiaries_": {"": "spf_beneficiaries"}}  # result variable of each per-programme column
PER_SUBSIDY_BLOCK: tuple[tuple[str, str], ...] = (
    ("subsidised_members_", "subsidy_block_subsidised_members"),
    ("additional_members_", "subsidy_block_additional_members"),
    ("deadweight_share_", "subsidy_block_deadweight_share"),
    ("subsidy_block_cost_", "subsidy_block_cost"),
    ("cost_per_additional_member_", "subsidy_block_cost_per_additional_member"),
)  # column prefix, result variable
PER_ENROLMENT_BLOCK: tuple[tuple[str, str], ...] = (
    ("additional_members_", "enrolment_block_additional_members"),
    ("block_cost_", "enrolment_block_cost"),
    ("cost_per_additional_member_", "enrolment_block_cost_per_additional_member"),
)  # column prefix, result variable (packages, outreach, retention, health, payment blocks)
POLICY_VARIABLES = frozenset(set(FIXED)
                             | {v for sources in SPF_SOURCES.values() for v in sources.values()}
                             | {v for _, v in PER_SUBSIDY_BLOCK} | {v for _, v in PER_ENROLMENT_BLOCK})
COMPARED: tuple[tuple[str, str], ...] = (
    ("additional_voluntary_members", "enrolment_block_additional_members"),
    ("cost_per_additional_member", "subsidy_block_cost_per_additional_member"),
)  # column against a baseline, the result variable whose unit it shares


def policy_columns(ds: xr.Dataset, baseline: xr.Dataset | None = None) -> dict[str, np.ndarray]:
    """The policy columns available in ``ds`` (see the module docstring), by year (or
    (variant, year))."""
    from engine.policies.results import additional_members, cost_per_additional_member

    out = {name: year_total(ds, name) for name in FIXED if name in ds}
    if "spf_cost" in ds and "programme" in ds.dims:
        for programme in ds["programme"].to_numpy():
            for prefix, suffix in PER_PROGRAMME:
                var = SPF_SOURCES[prefix][suffix]
                if var in ds:
                    out[f"{prefix}{programme}{suffix}"] = ds[var].sel(programme=programme).to_numpy()
    if "subsidy_block" in ds.dims:
        for block in ds["subsidy_block"].to_numpy():
            for prefix, var in PER_SUBSIDY_BLOCK:
                if var in ds:
                    out[f"{prefix}{block}"] = ds[var].sel(subsidy_block=block).to_numpy()
    if "enrolment_block" in ds.dims:
        for block in ds["enrolment_block"].to_numpy():
            for prefix, var in PER_ENROLMENT_BLOCK:
                if var in ds:
                    out[f"{prefix}{block}"] = ds[var].sel(enrolment_block=block).to_numpy()
    if baseline is not None and "active_members" in ds and "active_members" in baseline:
        years = ds["year"].to_numpy()
        added = additional_members(ds, baseline).reindex(year=years)
        cost = cost_per_additional_member(ds, baseline).reindex(year=years)
        out["additional_voluntary_members"] = added.to_numpy()
        out["cost_per_additional_member"] = cost.to_numpy()
    return out


def policy_unit(name: str) -> str:
    """Units of a policy column ("" when ``name`` is not one): those of the result variable
    it shows, as :data:`engine.results.VARIABLES` declares them."""
    return VARIABLES[_variable_of(name)].units if _variable_of(name) else ""


def _variable_of(name: str) -> str:
    """The result variable a policy column shows (or shares its unit with), "" if none."""
    if name in FIXED:
        return name
    compared = dict(COMPARED)
    if name in compared:
        return compared[name]
    for prefix, var in PER_SUBSIDY_BLOCK + PER_ENROLMENT_BLOCK:
        if name.startswith(prefix):
            return var
    for prefix, suffixes in SPF_SOURCES.items():
        if name.startswith(prefix):
            ends = [s for s in suffixes if s and name.endswith(s)]
            return suffixes[max(ends, key=len)] if ends else suffixes[""]
    return ""
