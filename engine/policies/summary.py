"""Summary columns of the policy blocks (added by :func:`engine.summary.summary_table`).

Every year, whether or not the scenario has policy blocks (zeros without them):

==============================================  =====================================
column                                          units
==============================================  =====================================
subsidy_cost                                    LAK
subsidy_cost_pct_government_expenditure         percent of government expenditure
subsidised_members                              persons at 31 December
package_members                                 persons at 31 December
outreach_registrations                          persons
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
``additional_voluntary_members`` (persons) and ``cost_per_additional_member`` (LAK per
additional member per year, :func:`engine.policies.cost_per_additional_member`).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.results import year_total

FIXED: tuple[tuple[str, str], ...] = (
    ("subsidy_cost", "LAK"),
    ("subsidy_cost_pct_government_expenditure", "percent of government expenditure"),
    ("subsidised_members", "persons at 31 December"),
    ("package_members", "persons at 31 December"),
    ("outreach_registrations", "persons"),
    ("outreach_cost", "LAK"),
    ("outreach_cost_pct_gdp", "percent of GDP"),
    ("outreach_cost_pct_government_expenditure", "percent of government expenditure"),
    ("retention_cost", "LAK"),
    ("retention_cost_pct_gdp", "percent of GDP"),
    ("enforcement_cost", "LAK"),
    ("enforcement_cost_pct_gdp", "percent of GDP"),
    ("enforcement_added_members", "persons at 31 December"),
    ("advance_contributions", "LAK at 31 December"),
    ("spf_cost", "LAK"),
    ("spf_cost_pct_government_expenditure", "percent of government expenditure"),
    ("policy_cost", "LAK"),
    ("policy_cost_pct_gdp", "percent of GDP"),
    ("policy_cost_pct_government_expenditure", "percent of government expenditure"),
)
PER_PROGRAMME: tuple[tuple[str, str, str], ...] = (
    ("spf_cost_", "", "LAK"),
    ("spf_cost_", "_pct_gdp", "percent of GDP"),
    ("spf_cost_", "_pct_government_expenditure", "percent of government expenditure"),
    ("spf_beneficiaries_", "", "persons"),
)
SPF_SOURCES = {"spf_cost_": {"": "spf_cost", "_pct_gdp": "spf_programme_cost_pct_gdp",
                             "_pct_government_expenditure": "spf_programme_cost_pct_government_expenditure"},
               "spf_beneficiaries_": {"": "spf_beneficiaries"}}  # result variable of each per-programme column
PER_SUBSIDY_BLOCK: tuple[tuple[str, str, str], ...] = (
    ("subsidised_members_", "subsidy_block_subsidised_members", "persons at 31 December"),
    ("additional_members_", "subsidy_block_additional_members", "persons at 31 December"),
    ("deadweight_share_", "subsidy_block_deadweight_share", "share of the block's subsidised members"),
    ("subsidy_block_cost_", "subsidy_block_cost", "LAK"),
    ("cost_per_additional_member_", "subsidy_block_cost_per_additional_member",
     "LAK per additional member per year"),
)  # column prefix, result variable, unit
PER_ENROLMENT_BLOCK: tuple[tuple[str, str, str], ...] = (
    ("additional_members_", "enrolment_block_additional_members", "persons at 31 December"),
    ("block_cost_", "enrolment_block_cost", "LAK"),
    ("cost_per_additional_member_", "enrolment_block_cost_per_additional_member",
     "LAK per additional member per year"),
)  # column prefix, result variable, unit (packages, outreach, retention, health, payment blocks)
POLICY_VARIABLES = frozenset({name for name, _ in FIXED}
                             | {v for sources in SPF_SOURCES.values() for v in sources.values()}
                             | {v for _, v, _ in PER_SUBSIDY_BLOCK} | {v for _, v, _ in PER_ENROLMENT_BLOCK})
COMPARED: tuple[tuple[str, str], ...] = (
    ("additional_voluntary_members", "persons at 31 December"),
    ("cost_per_additional_member", "LAK per additional member per year"),
)


def policy_columns(ds: xr.Dataset, baseline: xr.Dataset | None = None) -> dict[str, np.ndarray]:
    """The policy columns available in ``ds`` (see the module docstring), by year (or
    (variant, year))."""
    from engine.policies.results import additional_members, cost_per_additional_member

    out = {name: year_total(ds, name) for name, _ in FIXED if name in ds}
    if "spf_cost" in ds and "programme" in ds.dims:
        for programme in ds["programme"].to_numpy():
            for prefix, suffix, _ in PER_PROGRAMME:
                var = SPF_SOURCES[prefix][suffix]
                if var in ds:
                    out[f"{prefix}{programme}{suffix}"] = ds[var].sel(programme=programme).to_numpy()
    if "subsidy_block" in ds.dims:
        for block in ds["subsidy_block"].to_numpy():
            for prefix, var, _ in PER_SUBSIDY_BLOCK:
                if var in ds:
                    out[f"{prefix}{block}"] = ds[var].sel(subsidy_block=block).to_numpy()
    if "enrolment_block" in ds.dims:
        for block in ds["enrolment_block"].to_numpy():
            for prefix, var, _ in PER_ENROLMENT_BLOCK:
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
    """Units of a policy column ("" when ``name`` is not one)."""
    units = dict(FIXED) | dict(COMPARED)
    if name in units:
        return units[name]
    for prefix, _, unit in PER_SUBSIDY_BLOCK + PER_ENROLMENT_BLOCK:
        if name.startswith(prefix):
            return unit
    if name.startswith("spf_beneficiaries_"):
        return "persons"
    if name.startswith("spf_cost_"):
        for suffix in ("_pct_government_expenditure", "_pct_gdp"):
            if name.endswith(suffix):
                return dict((s, u) for _, s, u in PER_PROGRAMME)[suffix]
        return "LAK"
    return ""
