"""The report's figures, each drawn only when the Dataset holds what it needs.

:data:`FIGURES` lists them in page order. Every figure takes a list of runs (one for a
single scenario, several for a comparison, overlaid) and returns a base64 PNG with its
title, axis labels with units and a source line drawn into the image.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import xarray as xr

from engine import __version__
from engine.citations import OXFAM
from engine.report import fund_figures as funds
from engine.report.difference_figures import differences
from engine.report import health_figures as health
from engine.report.observations import describe_target, targets_for, voluntary_observations
from engine.report.style import (
    HATCHES, LINESTYLES, YEAR, Runs, finish_axis, new_figure, plot_series, scale_for, style, to_png_base64,
    year_total
)

OXFAM_T14 = f"{OXFAM}, Table 14 (probit) and Tables 4, 13 (covariate profile)"


@dataclass(frozen=True)
class FigureSpec:
    key: str
    section: str
    title: str
    needs: tuple[str, ...]                 # all of these variables
    any_of: tuple[str, ...]                # and at least one of these (when given)
    draw: Callable[[Runs, list], tuple[object, str]]  # (runs, scenarios) -> (figure, extra source text)
    note: str = ""
    several_runs: bool = False  # drawn only in a comparison

    def available(self, ds: xr.Dataset) -> bool:
        return all(n in ds for n in self.needs) and (not self.any_of or any(n in ds for n in self.any_of))

    def missing(self, ds: xr.Dataset) -> list[str]:
        out = [n for n in self.needs if n not in ds]
        if self.any_of and not any(n in ds for n in self.any_of):
            out.append(" or ".join(self.any_of))
        return out


@dataclass
class RenderedFigure:
    key: str
    section: str
    title: str
    png_base64: str
    source: str
    note: str = ""
    runs: list[str] = field(default_factory=list)


def later_year(ds: xr.Dataset) -> int:
    """The later pyramid year: 2050 when projected, else the last year."""
    years = ds["year"].values
    return 2050 if 2050 in years and years[0] < 2050 else int(years[-1])


# ----------------------------------------------------------------------- figures
def _pyramid_panels(ds: xr.Dataset) -> list[tuple[str, object]]:
    """(title, selector) of the two pyramids: the base year's 31 December population when
    the run carries it (else 1 July of the first projected year), and a later year."""
    first = ("population_base", None) if "population_base" in ds else ("population", int(ds["year"].values[0]))
    base_title = (f"31 December {ds.attrs.get('base_year', int(ds['year'].values[0]) - 1)} (base year)"
                  if first[0] == "population_base" else f"1 July {first[1]}")
    later = later_year(ds)
    return [(base_title, first), (f"1 July {later}", ("population", later))]


def _panel(ds: xr.Dataset, selector) -> xr.DataArray | None:
    name, year = selector
    if name not in ds or (year is not None and year not in ds["year"]):
        return None
    return ds[name] if year is None else ds[name].sel(year=year)


def _pyramid(runs: Runs, scenarios: list):
    panels = _pyramid_panels(runs[0][1])
    fig, axes = new_figure(2, height=4.6, sharey=True)
    values = [p.values for _, ds in runs for _, sel in panels if (p := _panel(ds, sel)) is not None]
    div, unit = scale_for(values, "persons")
    div, unit = (1e3, "thousand persons") if div == 1e6 else (div, unit)
    for ax, (title, selector) in zip(axes, panels):
        for j, (name, ds) in enumerate(runs):
            p = _panel(ds, selector)
            if p is None:
                continue
            male, female = p.sel(sex="male").values / div, p.sel(sex="female").values / div
            edges = np.append(p["age"].values, p["age"].values[-1] + 1) - 0.5
            if j == 0:
                suffix = f": {name}" if len(runs) > 1 else ""
                ax.stairs(-male, edges, orientation="horizontal", baseline=0, fill=True, color="0.72",
                          hatch=HATCHES[0], label=f"men{suffix}")
                ax.stairs(female, edges, orientation="horizontal", baseline=0, fill=True, color="0.9",
                          hatch=HATCHES[1], label=f"women{suffix}")
            else:
                ls = LINESTYLES[j % len(LINESTYLES)]
                ax.stairs(-male, edges, orientation="horizontal", baseline=None, color="black",
                          linestyle=ls, linewidth=1.2, label=name)
                ax.stairs(female, edges, orientation="horizontal", baseline=None, color="black",
                          linestyle=ls, linewidth=1.2)
        ax.axvline(0, color="black", linewidth=0.6)
        ticks = ax.get_xticks()
        ax.set_xticks(ticks)
        ax.set_xticklabels([f"{abs(t):g}" for t in ticks])
        finish_axis(ax, f"{unit} (men left, women right)", "age in completed years (100 = 100 and over)",
                    title=title)
    return fig, "population by single year of age and sex (base year at 31 December, later year at 1 July)"


def _labour(runs: Runs, scenarios: list):
    fig, axes = new_figure(2, width=9.0)
    panels = ([("labour force", "labour_force"), ("employed", "employed"),
               ("informal employed", "informal_employed")],
              [("enterprise employees", "enterprise_employees"), ("civil servants", "civil_servants")])
    for k, (ax, names, title) in enumerate(zip(axes, panels, ("All statuses", "Formal employees"))):
        series = [(label, lambda ds, n=n: year_total(ds, n)) for label, n in names]
        unit = plot_series(ax, runs, series, "persons", first_series=3 * k)
        finish_axis(ax, YEAR, f"{unit} at 1 July", title=title)
    return fig, "labour force and employment by status (labour module)"


def run_targets(scenarios: list) -> list:
    """Voluntary-scheme targets of the scenarios (the seed's 2021-2025 target by default)."""
    found = {t.label: t for s in (scenarios or [None]) for t in targets_for(s)}
    return [t for t in found.values() if t.scheme in ("voluntary", "all") and t.kind != "coverage_share"]


ZOOM_END = 2030


def stock_position(date_in_years: float) -> float:
    """Where an observed stock of a date (calendar year with its fraction) stands on the
    charts' year axis, which puts the stock at 31 December of year t at t: one year before
    the date's fractional year (31 Dec 2018, 2018.998, stands at 2018.0)."""
    return date_in_years - 1.0


def _voluntary_panel(ax, runs: Runs, scenarios: list, detail: bool) -> None:
    series = [("voluntary members (31 Dec)", lambda ds: year_total(ds, "active_members", scheme="voluntary")),
              ("new voluntary members in the year", lambda ds: year_total(ds, "new_members", scheme="voluntary"))]
    plot_series(ax, runs, series, "")
    multi = len(runs) > 1
    for j, (name, ds) in enumerate(runs):
        for i, (var, label) in enumerate((("voluntary_members_history", "members, back-cast (calibrated)"),
                                          ("voluntary_new_members_history", "new members, back-cast"))):
            if var in ds and "history_year" in ds[var].dims:
                kw = style(i, j, multi) | {"marker": ".", "linewidth": 1.0}
                ax.plot(ds["history_year"].values, ds[var].values, label=label if j == 0 else "_nolegend_", **kw)
    obs = voluntary_observations()
    fitted = [p for p in obs if p.use in ("calibration", "")]
    other = [p for p in obs if p not in fitted]
    ax.plot([stock_position(p.year) for p in fitted], [p.value for p in fitted], linestyle="none", marker="o",
            markersize=7,
            markerfacecolor="white", markeredgecolor="black", markeredgewidth=1.5,
            label="observed members (calibration)")
    if other:
        ax.plot([stock_position(p.year) for p in other], [p.value for p in other], linestyle="none", marker="s",
                markersize=6, markerfacecolor="white", markeredgecolor="0.4", markeredgewidth=1.2,
                label="derived starting point (not fitted)")
    for k, t in enumerate(run_targets(scenarios)):
        if t.kind == "new_members":
            n = t.last - t.first + 1
            ax.plot([t.first - 0.5, t.last + 0.5], [t.value / n] * 2, color="black", linewidth=2.5,
                    linestyle=LINESTYLES[(k + 1) % len(LINESTYLES)],
                    label=f"target: {describe_target(t)} ({t.value / n:,.0f} a year)")
        else:
            ax.plot([t.last + 0.99], [t.value], linestyle="none", marker="*", markersize=11, color="black",
                    label=f"target: {describe_target(t)}")
    if detail:
        for p in obs:
            ax.annotate(f"{p.value:,.0f}", (stock_position(p.year), p.value), textcoords="offset points",
                        xytext=(7, -3), fontsize=6.5)
    ax.set_ylim(bottom=0)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")


def _voluntary(runs: Runs, scenarios: list):
    fig, (left, right) = new_figure(2, width=9.5, height=4.4)
    last = max(int(ds["year"].values[-1]) for _, ds in runs)
    zoom_end = min(ZOOM_END, last)
    _voluntary_panel(left, [(n, ds.sel(year=slice(None, zoom_end))) for n, ds in runs], scenarios, True)
    left.set_xlim(2016.5, zoom_end + 1)
    finish_axis(left, YEAR, "persons", title=f"Observations and targets, to {zoom_end}")
    _voluntary_panel(right, runs, scenarios, False)
    finish_axis(right, YEAR, "persons", title="Whole projection", legend=False)
    return fig, "voluntary scheme membership; observations: membership_history.csv (Oxfam in Laos 2021, ILO)"


def interest_specs(runs: Runs, scenarios: list) -> list[str]:
    """Probit specifications to draw: each scenario's ``enrolment.probit_spec``, then the
    whole-sample specifications all_a, all_b, all_c for reference."""
    own = [getattr(getattr(s, "enrolment", None), "probit_spec", None) for s in scenarios or []]
    return list(dict.fromkeys([str(o) for o in own if o] + ["all_a", "all_b", "all_c"]))


def _interest(runs: Runs, scenarios: list):
    from engine.profile.interest import average_interest

    fig, axes = new_figure(2, sharey=True)
    ages = np.arange(15, 71)
    own = {str(getattr(getattr(s, "enrolment", None), "probit_spec", "")) for s in scenarios or []}
    ranges = [getattr(getattr(s, "enrolment", None), "probit_age_range", None) for s in scenarios or []]
    age_range = next((tuple(float(a) for a in r) for r in ranges if r), None)
    for i, spec in enumerate(interest_specs(runs, scenarios)):
        try:
            p = average_interest(spec, age_range=age_range)
        except ValueError:
            continue
        for ax, sex, label in zip(axes, (0, 1), ("men", "women")):
            used = " (used by the run)" if spec in own else ""
            ax.plot(ages, p[sex, ages], label=f"specification {spec}{used}", markevery=8, **style(i, 0, False))
    for ax, label in zip(axes, ("men", "women")):
        ax.set_ylim(0, 1)
        finish_axis(ax, "age in completed years", "probability of interest (0-1)", title=f"Informal {label}")
    clip = f"; ages outside {age_range[0]:g}-{age_range[1]:g} take the end values" if age_range else ""
    return fig, (OXFAM_T14 + "; mean over informal-worker cells at 2020 incomes" + clip)


def _nhi(runs: Runs, scenarios: list):
    fig, (ax,) = new_figure()
    sources = [str(s) for s in runs[0][1]["source"].values] if "source" in runs[0][1].coords else []
    series = [(f"income: {s.replace('_', ' ')}", lambda ds, s=s: year_total(ds, "nhi_income", source=s))
              for s in sources]
    series.append(("expenditure", lambda ds: year_total(ds, "nhi_expenditure")))
    unit = plot_series(ax, runs, series, "LAK")
    finish_axis(ax, YEAR, unit)
    return fig, "National Health Insurance account"


def _cost_share(ds: xr.Dataset, name: str, base: str) -> xr.DataArray | None:
    if name == "nhi_government":
        total = year_total(ds, "nhi_income", source="government_budget")
    else:
        total = year_total(ds, name)
    if total is None or base not in ds:
        return None
    return 100 * total / ds[base]


def _costs(runs: Runs, scenarios: list):
    fig, axes = new_figure(2, width=9.0)
    items = [("contribution subsidies", "subsidy_cost"), ("social protection floor (SPF)", "spf_cost"),
             ("government budget to NHI", "nhi_government")]
    for ax, base, label in zip(axes, ("gdp", "government_expenditure"),
                               ("% of GDP", "% of government expenditure")):
        series = [(lab, lambda ds, n=n, b=base: _cost_share(ds, n, b)) for lab, n in items]
        plot_series(ax, runs, series, "")
        finish_axis(ax, YEAR, label, title=f"Cost in {label}")
    return fig, "government cost of contribution subsidies, non-contributory (RAP-style) programmes and NHI"


FIGURES: list[FigureSpec] = [
    FigureSpec("differences", "Difference from the first scenario", "Key indicators: each scenario less the first",
               ("active_members", "gdp"), (), differences, several_runs=True),
    FigureSpec("pyramid", "Population", "Population pyramids", ("population",), (), _pyramid),
    FigureSpec("labour", "Labour market", "Labour force by status", ("labour_force",), (), _labour),
    FigureSpec("voluntary", "Membership", "Voluntary members against observations and targets",
               ("active_members",), (), _voluntary),
    FigureSpec("interest", "Membership", "Interest in joining the voluntary scheme by age (probit)",
               (), (), _interest),
    FigureSpec("funds", "Funds", "Contributions, benefits and reserves by sub-fund",
               (), ("contributions", "benefits", "reserve"), funds.accounts),
    FigureSpec("reserve_ratio", "Funds", "Reserve ratio by sub-fund", ("reserve", "benefits"), (),
               funds.reserve_ratios),
    FigureSpec("nhi", "Health insurance", "NHI income by source and expenditure", (),
               ("nhi_income", "nhi_expenditure"), _nhi),
    FigureSpec("nhi_groups", "Health insurance", "NHI covered persons and spending by population group",
               ("nhi_covered_by_group", "nhi_expenditure_by_group"), (), health.nhi_groups),
    FigureSpec("nhi_gap", "Health insurance", "NHI gap, how it closed, and care cost NHI does not pay",
               ("nhi_gap", "nhi_unmet_cost", "nhi_unpaid_care_cost"), (), health.nhi_gap),
    FigureSpec("cbhi", "Health insurance", "Community-based health insurance (CBHI) in Vientiane Capital",
               ("cbhi_members", "cbhi_contributions"), (), health.cbhi),
    FigureSpec("government_health", "Government cost",
               "Government health cost as % of GDP and of government expenditure",
               ("government_health_cost_pct_gdp", "government_health_cost_pct_government_expenditure"), (),
               health.government_health),
    FigureSpec("costs", "Government cost", "Government cost as % of GDP and of government expenditure",
               ("gdp", "government_expenditure"), ("subsidy_cost", "spf_cost"), _costs),
]


def figure_plan(runs: Runs, scenarios: list | None = None
                ) -> tuple[list[tuple[FigureSpec, list[int]]], list[tuple[FigureSpec, list[str]]]]:
    """Which figures can be drawn, in page order, each with the positions of the runs that
    hold what it needs; and the others with the names they lack. Draws nothing."""
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    drawable, missing = [], []
    for spec in FIGURES:
        if spec.several_runs and len(runs) < 2:
            continue
        usable = [i for i, run in enumerate(runs) if spec.available(run[1])]
        if usable:
            drawable.append((spec, usable))
        else:
            missing.append((spec, spec.missing(runs[0][1])))
    return drawable, missing


def render_figure(spec: FigureSpec, runs: Runs, scenarios: list | None = None) -> RenderedFigure:
    """Draw one figure of ``runs`` (each holding what ``spec`` needs) into a PNG."""
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    fig, extra = spec.draw(runs, scenarios)
    source = (f"Source: laosim {__version__} projection, scenario{'s' if len(runs) > 1 else ''} "
              f"{', '.join(repr(n) for n, _ in runs)}; {extra}.")
    return RenderedFigure(spec.key, spec.section, spec.title, to_png_base64(fig, spec.title, source),
                          source, spec.note, [n for n, _ in runs])


def render_figures(runs: Runs, scenarios: list | None = None
                   ) -> tuple[list[RenderedFigure], list[tuple[FigureSpec, list[str]]]]:
    """Draw every available figure; returns (figures, [(unavailable spec, missing names)]).

    ``scenarios`` (aligned with ``runs``, entries may be None) supply the probit
    specification and the enrolment targets.
    """
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    drawable, missing = figure_plan(runs, scenarios)
    done = [render_figure(spec, [runs[i] for i in usable], [scenarios[i] for i in usable])
            for spec, usable in drawable]
    return done, missing
