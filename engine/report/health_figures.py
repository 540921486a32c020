"""The report's health-financing figures: NHI by population group, the NHI gap, CBHI in
Vientiane Capital, and the government health cost against the 4.4 % reference share."""

from __future__ import annotations

import xarray as xr

from engine.report.style import YEAR, Runs, finish_axis, new_figure, plot_series, year_total

GROUP_LABELS = {"nssf": "NSSF members and dependants", "poor": "poor (exempt)",
                "pregnant_women": "pregnant women (exempt)", "children_under_five": "children under 5 (exempt)",
                "monks": "monks (exempt)", "paying": "others (pay co-payments)"}


def _groups(runs: Runs) -> list[str]:
    ds = runs[0][1]
    return [str(g) for g in ds["health_group"].values] if "health_group" in ds.coords else []


def nhi_groups(runs: Runs, scenarios: list):
    """Covered persons and NHI spending by population group."""
    fig, axes = new_figure(2, width=10.0, height=4.2)
    for ax, (name, unit, title) in zip(axes, (("nhi_covered_by_group", "persons", "Covered persons"),
                                              ("nhi_expenditure_by_group", "LAK", "NHI spending"))):
        series = [(GROUP_LABELS.get(g, g), lambda ds, g=g, n=name: year_total(ds, n, health_group=g))
                  for g in _groups(runs)]
        label = plot_series(ax, runs, series, unit)
        finish_axis(ax, YEAR, label, title=title)
    return fig, ("NHI groups: NSSF members x persons per member; exempt groups from the projected "
                 "population (poverty headcount 18.3 %, LECS 2018-19; pregnancy and monk shares flagged assumptions)")


def nhi_gap(runs: Runs, scenarios: list):
    """The NHI gap and how it closed; the care cost NHI does not pay."""
    fig, (ax,) = new_figure()
    series = [("gap paid by the government budget", lambda ds: year_total(ds, "nhi_gap_budget_top_up")),
              ("gap closed by cutting spending (unmet cost)", lambda ds: year_total(ds, "nhi_unmet_cost")),
              ("care cost NHI does not pay (payment adequacy)", lambda ds: year_total(ds, "nhi_unpaid_care_cost")),
              ("health_quality added spending", lambda ds: year_total(ds, "nhi_health_quality_cost"))]
    unit = plot_series(ax, runs, series, "LAK")
    finish_axis(ax, YEAR, unit)
    return fig, "NHI account: gap under a fixed budget rule (none under the rule 'balance')"


def cbhi(runs: Runs, scenarios: list):
    """CBHI members and households; its account."""
    fig, axes = new_figure(2, width=10.0, height=4.2)
    members = [("members (persons)", lambda ds: year_total(ds, "cbhi_members")),
               ("households", lambda ds: year_total(ds, "cbhi_households")),
               ("also NSSF members", lambda ds: year_total(ds, "cbhi_dual_members"))]
    label = plot_series(axes[0], runs, members, "persons")
    finish_axis(axes[0], YEAR, label, title="Members at 31 December")
    flows = [("contributions", lambda ds: year_total(ds, "cbhi_contributions")),
             ("government match", lambda ds: year_total(ds, "cbhi_government_match")),
             ("treatment", lambda ds: year_total(ds, "cbhi_treatment_cost")),
             ("death benefits", lambda ds: year_total(ds, "cbhi_death_benefits")),
             ("transfer to NHI", lambda ds: year_total(ds, "cbhi_transfer_to_nhi")),
             ("reserve", lambda ds: year_total(ds, "cbhi_reserve"))]
    label = plot_series(axes[1], runs, flows, "LAK")
    finish_axis(axes[1], YEAR, label, title="Account")
    return fig, ("CBHI in Vientiane Capital: 21,000 persons (3,000 families) in late 2020, 50 % "
                 "government match (Oxfam in Laos 2021); enrolment and lapse calibrated, flagged")


def _reference(ds: xr.Dataset) -> float | None:
    value = ds.attrs.get("government_health_share_reference_pct")
    return None if value is None else float(value)


def government_health(runs: Runs, scenarios: list):
    """Government health cost in % of GDP and of government expenditure, with the reference."""
    fig, axes = new_figure(2, width=10.0)
    for ax, (name, label) in zip(axes, (("government_health_cost_pct_gdp", "% of GDP"),
                                        ("government_health_cost_pct_government_expenditure",
                                         "% of government expenditure"))):
        series = [("NHI budget + CBHI match", lambda ds, n=name: year_total(ds, n)),
                  ("of which NHI extension", lambda ds, n=name: _extension_share(ds, n))]
        plot_series(ax, runs, series, "")
        finish_axis(ax, YEAR, label, title=f"Government health cost in {label}")
    reference = _reference(runs[0][1])
    if reference is not None:
        axes[1].axhline(reference, color="black", linestyle=":", linewidth=1.0,
                        label=f"all government health spending {reference:g} % (P4H/WHO)")
        axes[1].legend(fontsize=7)
    return fig, ("government budget to NHI (gap top-up included) and CBHI match; reference: government "
                 "health spending 4.4 % of government spending (P4H, WHO GHED)")


def _extension_share(ds: xr.Dataset, name: str):
    cost = year_total(ds, "nhi_extension_cost")
    if cost is None or float(abs(cost).max()) == 0:
        return None
    base = ds["gdp"] if name.endswith("pct_gdp") else ds["government_expenditure"]
    return 100 * cost / base
