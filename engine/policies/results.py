"""Result variables of the policy blocks, and the cost per additional member.

:func:`policy_arrays` adds to a run (names declared in :mod:`engine.results`):

- SPF programmes (RAP): ``spf_cost``, ``spf_beneficiaries``, ``spf_benefit_level`` by
  programme; ``spf_cost_pct_gdp`` and ``spf_cost_pct_government_expenditure`` (all
  programmes) and by programme ``spf_programme_cost_pct_gdp`` /
  ``..._pct_government_expenditure``;
- outreach: ``outreach_registrations`` and ``outreach_cost`` (LAK), with their shares of
  GDP and government expenditure;
- subsidies and packages: ``subsidised_members``, ``package_members``,
  ``subsidy_cost_pct_government_expenditure``;
- retention (runs with retention blocks only): ``retention_cost`` (LAK) and
  ``retention_cost_pct_gdp``;
- enforcement (runs with enforcement blocks only): ``enforcement_cost`` (LAK),
  ``enforcement_cost_pct_gdp`` and ``enforcement_added_members`` (enterprise members);
- payment frequency (runs with such blocks only): ``advance_contributions`` (LAK at 31
  December, voluntary contributions received for the following year);
- ``policy_cost``: subsidies + outreach + SPF programmes + retention + enforcement, LAK, %
  of GDP and % of government expenditure.

Shares: ``X_pct_gdp = 100 X / GDP`` and ``X_pct_government_expenditure = 100 X / G``.

:func:`cost_per_additional_member` compares a policy run with a baseline run.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.dims import SCHEMES
from engine.policies.enforcement import blocks_of as enforcement_blocks, enforcement_cost
from engine.policies.outreach import outreach_cost
from engine.policies.retention import retention_cost
from engine.policies.spf import spf_costs
from engine.results import VARIABLES, StageResults


def pct(values: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """``100 x values / whole``; ``values`` (T,) or (T, K), ``whole`` (T,)."""
    values = np.asarray(values, dtype=float)
    whole = np.asarray(whole, dtype=float).reshape((-1,) + (1,) * (values.ndim - 1))
    return 100.0 * values / whole


def policy_arrays(scenario, population, economy, membership, subsidy_cost: np.ndarray,
                  original=None) -> StageResults:
    """Result variables and coordinates of the policy blocks for one run (the policies stage).

    ``population``, ``economy`` and ``membership`` are the run's stages (the policy
    quantities are ``membership.details.policy``, :class:`engine.membership.PolicyDetails`),
    ``subsidy_cost`` (T,) LAK the funds stage's government payments towards voluntary
    contributions; ``original`` the scenario before enforcement raised its compliance
    (default ``scenario``).
    """
    details = membership.details.policy
    years = np.asarray(population.years)
    n = len(years)
    gdp = np.asarray(economy.gdp, dtype=float)
    spending = np.asarray(economy.government_expenditure, dtype=float)
    prices, earnings = economy.indices.prices, economy.indices.earnings

    spf = spf_costs(scenario, years, population.mid_year, prices=prices, earnings=earnings,
                    minimum_wage=economy.minimum_wage, gdp=gdp)
    outreach_blocks = [b for b in scenario.policies if b.type == "outreach"]
    registrations, acting = np.zeros((n, 0)), np.zeros((n, 0), dtype=bool)
    if details is not None:
        registrations, acting = details.outreach_registrations, np.asarray(details.outreach_acting, float) > 0
    if registrations.shape[1] != len(outreach_blocks):  # blocks but no enrolment detail
        registrations = np.zeros((n, len(outreach_blocks)))
        acting = np.zeros((n, len(outreach_blocks)), dtype=bool)
    outreach = outreach_cost(outreach_blocks, years, registrations, acting, prices)
    keep_blocks = [b for b in scenario.policies if b.type == "retention"]
    kept, keep_acting = np.zeros((n, 0)), np.zeros((n, 0), dtype=bool)
    if details is not None:
        kept = np.asarray(details.retention_members, dtype=float)
        keep_acting = np.asarray(details.retention_acting, dtype=float) > 0
    if kept.shape[1] != len(keep_blocks):
        kept, keep_acting = np.zeros((n, len(keep_blocks))), np.zeros((n, len(keep_blocks)), dtype=bool)
    keeping = retention_cost(keep_blocks, years, kept, keep_acting, prices)
    original = scenario if original is None else original
    enforcing = bool(enforcement_blocks(original))
    if enforcing:
        members = np.asarray(membership.active, dtype=float)[:, SCHEMES.index("enterprise")].sum(axis=(1, 2))
        enforced, added_by_enforcement = enforcement_cost(original, years, members, prices)
    else:
        enforced = np.zeros(n)
    subsidy = np.asarray(subsidy_cost, dtype=float)
    package = None if details is None else details.package_members
    spf_total = spf.cost.sum(axis=1)
    total = subsidy + outreach + spf_total + keeping + enforced
    out = {
        "spf_cost": spf.cost,
        "spf_beneficiaries": spf.beneficiaries,
        "spf_benefit_level": spf.benefit,
        "spf_cost_pct_gdp": pct(spf_total, gdp),
        "spf_cost_pct_government_expenditure": pct(spf_total, spending),
        "spf_programme_cost_pct_gdp": pct(spf.cost, gdp),
        "spf_programme_cost_pct_government_expenditure": pct(spf.cost, spending),
        "subsidy_cost_pct_government_expenditure": pct(subsidy, spending),
        "subsidised_members": np.zeros(n) if details is None else np.asarray(details.subsidised_members, float),
        "package_members": (np.zeros(n) if package is None else package.sum(axis=(1, 2, 3))),
        "outreach_registrations": registrations.sum(axis=1),
        "outreach_cost": outreach,
        "outreach_cost_pct_gdp": pct(outreach, gdp),
        "outreach_cost_pct_government_expenditure": pct(outreach, spending),
        "policy_cost": total,
        "policy_cost_pct_gdp": pct(total, gdp),
        "policy_cost_pct_government_expenditure": pct(total, spending),
    }
    if keep_blocks:  # only runs with retention blocks carry its cost
        out |= {"retention_cost": keeping, "retention_cost_pct_gdp": pct(keeping, gdp)}
    if details is not None and details.advance_per_month is not None:  # payment_frequency blocks
        out["advance_contributions"] = np.asarray(details.advance_per_month, dtype=float)  # held in advance
    if enforcing:  # only runs with enforcement blocks carry its cost
        out |= {"enforcement_cost": enforced, "enforcement_cost_pct_gdp": pct(enforced, gdp),
                "enforcement_added_members": added_by_enforcement}
    return StageResults("policies", out, {"programme": np.array(spf.names, dtype=str)})


ENROLMENT_COSTS = ("subsidy_cost", "outreach_cost")
"""Government costs that aim at enrolment, counted by :func:`cost_per_additional_member`."""


def cost_per_additional_member(policy_results: xr.Dataset, baseline_results: xr.Dataset) -> xr.DataArray:
    """Yearly government cost per additional voluntary member, LAK per member per year.

    ``(C_p[t] - C_b[t]) / (M_p[t] - M_b[t])`` with ``C`` the subsidy and outreach costs
    (:data:`ENROLMENT_COSTS`) and ``M`` the voluntary members at 31 December of the policy
    run (``p``) and the baseline run (``b``), over their common years; NaN where the policy
    adds no member. The whole subsidy counts, including what members who would have
    joined anyway receive.
    """
    years = np.intersect1d(policy_results["year"].to_numpy(), baseline_results["year"].to_numpy())

    def costs(ds: xr.Dataset) -> xr.DataArray:
        total = xr.zeros_like(ds["gdp"].sel(year=years), dtype=float)
        for name in ENROLMENT_COSTS:
            if name in ds:
                total = total + ds[name].sel(year=years)
        return total

    def members(ds: xr.Dataset) -> xr.DataArray:
        return ds["active_members"].sel(scheme="voluntary", year=years).drop_vars("scheme")

    added = members(policy_results) - members(baseline_results)
    cost = costs(policy_results) - costs(baseline_results)
    out = (cost / added.where(added > 0)).rename("cost_per_additional_member")
    out.attrs["units"] = VARIABLES["subsidy_block_cost_per_additional_member"].units
    out.attrs["long_name"] = ("Subsidy and outreach cost added by the policy per voluntary member "
                              "it adds (against the baseline)")
    return out


def additional_members(policy_results: xr.Dataset, baseline_results: xr.Dataset) -> xr.DataArray:
    """Voluntary members at 31 December of the policy run minus the baseline's, persons."""
    years = np.intersect1d(policy_results["year"].to_numpy(), baseline_results["year"].to_numpy())
    sel = {"scheme": "voluntary", "year": years}
    out = policy_results["active_members"].sel(sel) - baseline_results["active_members"].sel(sel)
    out = out.drop_vars("scheme").rename("additional_voluntary_members")
    out.attrs["units"] = VARIABLES["enrolment_block_additional_members"].units
    return out
