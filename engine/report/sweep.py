"""The report of a sweep, in the design of the run and compare reports: headline cards,
contents, fan charts, depletion probabilities, a tornado chart, the distributions drawn
and the sensitivity cases as formatted tables.

The headline gives, for each sub-fund, the median depletion year over the draws and its
90 % interval (the 5th and 95th percentiles; a draw whose reserve lasts the horizon counts
as later than any year, so a median of "none" means most draws last). Fan charts shade
the 5-95 % and 25-75 % bands and draw the median in black, so they read in greyscale;
indicators that are zero in every draw are left out. The tornado chart shows, for each
parameter, the outcome at its low and at its high value as two bars from the base case,
each end labelled with the parameter's value and the outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from engine import __version__
from engine.report.html import environment
from engine.report.numbers import number
from engine.report.style import finish_axis, new_figure, scale_for, to_png_base64
from engine.summary import summary_units

FANS = (("voluntary_members", "persons", "Voluntary members at 31 December"),
        ("reserve_long_term", "LAK", "Long-term sub-fund reserve at 31 December"),
        ("reserve_short_term", "LAK", "Short-term sub-fund reserve at 31 December"),
        ("nhi_expenditure_pct_gdp", "% of GDP", "NHI expenditure"),
        ("benefits_pct_gdp", "% of GDP", "NSSF benefits"),
        ("subsidy_cost_pct_gdp", "% of GDP", "Government contribution subsidies"))
FUND_NAMES = {"health": "Health care", "short_term": "Short-term benefits", "long_term": "Long-term benefits (pensions)"}
TORNADO_LOW, TORNADO_HIGH = "0.75", "0.25"  # greys of the low- and high-value bars


@dataclass(frozen=True)
class SweepResults:
    """What the sweep report reads: the draws (``ds``, with a ``draw`` dimension), the
    depletion probability by fund and year, each draw's depletion year by fund (NaN: not
    within the horizon), the sensitivity table, and the scenario (its name, description
    and the ``uncertainty`` section drawn from)."""

    scenario: object
    ds: xr.Dataset | None = None
    probability: xr.DataArray | None = None
    depletion: xr.DataArray | None = None
    sensitivity: pd.DataFrame | None = None


def _source(ds: xr.Dataset, what: str) -> str:
    return (f"Source: laosim {__version__}, scenario '{ds.attrs.get('scenario', '')}', "
            f"{ds.attrs.get('draws', '')} draws (seed {ds.attrs.get('seed', '')}); {what}.")


def depletion_cards(depletion: xr.DataArray | None, last_year: int) -> list[dict]:
    """Per sub-fund: the median depletion year over draws, its 90 % interval and the share
    of draws depleted within the horizon."""
    if depletion is None:
        return []
    cards = []
    for fund in depletion["fund"].to_numpy():
        years = depletion.sel(fund=fund).to_numpy().astype(float)
        lasting = np.where(np.isnan(years), np.inf, years)
        low, median, high = np.quantile(lasting, [0.05, 0.5, 0.95], method="inverted_cdf")

        def shown(y):
            return f"none by {last_year}" if np.isinf(y) else f"{y:.0f}"
        cards.append({"label": f"{FUND_NAMES.get(str(fund), str(fund))} sub-fund runs out",
                      "value": shown(median).replace(f" by {last_year}", ""), "unit": "median year" if np.isfinite(median) else "",
                      "when": (f"the reserve lasts to {last_year} in at least 95 % of draws" if np.isinf(low)
                               else f"90 % of draws: {shown(low)} to {shown(high)}"),
                      "context": f"{100 * np.isfinite(lasting).mean():.0f} % of draws depleted by {last_year}"})
    return cards


def indicator_cards(ds: xr.Dataset | None, year: int = 2030) -> list[dict]:
    """Median and 90 % interval of voluntary members in ``year``."""
    if ds is None or "voluntary_members" not in ds or year not in ds["year"].to_numpy():
        return []
    values = ds["voluntary_members"].sel(year=year).to_numpy()
    low, median, high = np.quantile(values, [0.05, 0.5, 0.95])
    return [{"label": "Voluntary members", "value": number(median, "persons"), "unit": "persons (median)",
             "when": f"31 December {year}", "context": f"90 % of draws: {number(low, 'persons')} to "
                                                     f"{number(high, 'persons')}"}]


def fan_chart(ds: xr.Dataset, name: str, unit: str, title: str) -> str | None:
    """Median and 5-95 %, 25-75 % bands of ``ds[name]`` over draws, by year (base64 PNG);
    None when the run lacks it or it is zero in every draw."""
    if name not in ds or "draw" not in ds[name].dims or not np.any(ds[name].to_numpy()):
        return None
    q = ds[name].quantile([0.05, 0.25, 0.5, 0.75, 0.95], dim="draw").to_numpy()
    years = ds["year"].to_numpy()
    div, label = scale_for([q], unit)
    fig, (ax,) = new_figure(1, width=7.0, height=3.4)
    ax.fill_between(years, q[0] / div, q[4] / div, color="0.82", label="5-95 % of draws")
    ax.fill_between(years, q[1] / div, q[3] / div, color="0.6", label="25-75 % of draws")
    ax.plot(years, q[2] / div, color="black", linewidth=1.6, label="median")
    if unit == "LAK":
        ax.axhline(0, color="black", linewidth=0.6, linestyle=":")
    finish_axis(ax, "calendar year", label, legend=True)
    return to_png_base64(fig, title, _source(ds, f"{name}, quantiles over draws"))


def depletion_chart(probability: xr.DataArray) -> str:
    """Probability that each sub-fund's reserve has turned negative by each year."""
    fig, (ax,) = new_figure(1, width=7.0, height=3.2)
    styles = ("-", "--", ":")
    for i, fund in enumerate(probability["fund"].to_numpy()):
        ax.plot(probability["year"], probability.sel(fund=fund), color="black", linestyle=styles[i % 3],
                linewidth=1.5, label=str(fund))
    ax.set_ylim(-0.02, 1.02)
    finish_axis(ax, "calendar year", "probability (share of draws)")
    return to_png_base64(fig, "Probability that a sub-fund is depleted by each year",
                         "Source: laosim sweep; a draw counts once its reserve has been below zero.")


def tornado_rows(table: pd.DataFrame, column: str, last_year: int) -> tuple[float, list[tuple]]:
    """(base outcome, rows): per parameter its (name, low shock, outcome, high shock,
    outcome, largest effect), largest effect last; a depletion year that does not come
    within the horizon counts as ``last_year + 1``."""
    fill = last_year + 1 if column.startswith("depletion_year") else np.nan
    values = table[column].astype(float).fillna(fill)
    base = float(values.loc["base"])
    rows = []
    for parameter, group in table.drop(index="base").groupby("parameter", sort=False):
        shocks = group["shock"].to_numpy(dtype=float)
        outcomes = values.loc[group.index].to_numpy()
        if np.isnan(outcomes).all():
            continue
        lo, hi = int(np.argmin(shocks)), int(np.argmax(shocks))
        effect = float(np.nanmax(np.abs(outcomes - base)))
        rows.append((str(parameter), shocks[lo], outcomes[lo], shocks[hi], outcomes[hi], effect))
    rows.sort(key=lambda r: r[5])
    return base, rows


def _shock_label(shock: float, multiply: bool) -> str:
    return f"×{shock:g}" if multiply else f"{shock:+g}"


def _outcome_label(value: float, column: str, last_year: int) -> str:
    if column.startswith("depletion_year"):
        return "none" if value > last_year else f"{value:.0f}"
    return number(value, "")


def tornado_chart(table: pd.DataFrame, column: str, label: str, last_year: int,
                  multiplied: frozenset[str] = frozenset()) -> str | None:
    """For each parameter (named above its bars), a bar from the base case to the outcome
    at its low value and one to the outcome at its high value, each end labelled "shift
    or factor: outcome"; ``multiplied`` names the parameters varied by a factor."""
    if column not in table or "base" not in table.index:
        return None
    if table[column].isna().all() and not column.startswith("depletion_year"):
        return None
    base, rows = tornado_rows(table, column, last_year)
    if not rows or np.isnan(base):
        return None
    from matplotlib.patches import Patch

    span = max([abs(r[2] - base) for r in rows] + [abs(r[4] - base) for r in rows] + [1e-9])
    fig, (ax,) = new_figure(1, width=7.5, height=1.9 + 0.62 * len(rows))
    for i, (parameter, low_shock, low, high_shock, high, _) in enumerate(rows):
        ax.annotate(parameter, (0.005, i + 0.3), xycoords=("axes fraction", "data"), fontsize=7, va="bottom")
        for shock, outcome, grey, y in ((low_shock, low, TORNADO_LOW, i + 0.1), (high_shock, high, TORNADO_HIGH, i - 0.16)):
            width = outcome - base
            shown = width if abs(width) > 0.004 * span else 0.004 * span * (1 if width >= 0 else -1)
            ax.barh(y, shown, left=base, height=0.22, color=grey, edgecolor="black", linewidth=0.6)
            text = f"{_shock_label(shock, parameter in multiplied)}: {_outcome_label(outcome, column, last_year)}"
            ax.annotate(text, (base + shown, y), xytext=(3 if width >= 0 else -3, 0), textcoords="offset points",
                        fontsize=6.5, va="center", ha="left" if width >= 0 else "right")
    ax.axvline(base, color="black", linewidth=1.2)
    ax.set_yticks([])
    ax.set_ylim(-0.5, len(rows) - 0.2)
    ax.set_xlim(base - 1.4 * span, base + 1.4 * span)
    if column.startswith("depletion_year"):
        ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0f}")
    finish_axis(ax, label, "", legend=False)
    ax.legend(handles=[Patch(facecolor=TORNADO_LOW, edgecolor="black", label="parameter at its low value"),
                       Patch(facecolor=TORNADO_HIGH, edgecolor="black", label="parameter at its high value")],
              fontsize=6.5, frameon=True, loc="lower right")
    return to_png_base64(fig, f"Sensitivity of {label}",
                         f"Source: laosim sensitivity cases; bars run from the base case (line, "
                         f"{_outcome_label(base, column, last_year)}) to the outcome with the parameter at its low "
                         "and at its high value; labels: shift (+) or factor (×): outcome.")


def _shape(d) -> str:
    """A distribution in words: its family and parameters."""
    if d.distribution == "normal":
        mean = d.mean if d.mean is not None else (0 if d.apply == "add" else 1)
        return f"normal, mean {mean:g}, sd {d.sd:g}"
    if d.distribution == "lognormal":
        return f"lognormal, median 1, sd of the log {d.sd:g}"
    if d.distribution == "uniform":
        return f"uniform {d.low:g} to {d.high:g}"
    return f"triangular {d.low:g} / {d.mode:g} / {d.high:g} (low / mode / high)"


def distribution_rows(scenario) -> list[dict]:
    """The distributions a stochastic sweep drew from, with their correlations."""
    uncertainty = getattr(scenario, "uncertainty", None)
    if uncertainty is None:
        return []
    rows = []
    for key, d in uncertainty.parameters.items():
        shape = _shape(d)
        rho = [f"{c.second if c.first == key else c.first}: {c.rho:g}" for c in uncertainty.correlations
               if key in (c.first, c.second)]
        rows.append({"parameter": key, "distribution": shape,
                     "applied": "added to the path" if d.apply == "add" else "multiplies the path",
                     "correlations": ", ".join(rho)})
    if uncertainty.probit_coefficients:
        rows.append({"parameter": "probit coefficients (Table 14)", "distribution": "independent normals, "
                     "standard errors from the published p-values", "applied": "replace the coefficients",
                     "correlations": ""})
    return rows


def _multiplied(scenario) -> frozenset[str]:
    """The sensitivity parameters varied by a factor rather than a shift."""
    items = getattr(scenario, "sensitivity", None) or {}
    return frozenset(k for k, item in items.items() if getattr(item, "apply", "add") == "multiply")


def _unit_of(column: str) -> str:
    """The unit of a sensitivity column: a depletion year, or a summary indicator in a year
    (``<indicator>_<year>``), whose unit the summary table states."""
    if column.startswith("depletion_year"):
        return "year"
    indicator = column.rsplit("_", 1)[0]
    return summary_units([indicator]).get(indicator, "")


def sensitivity_rows(table: pd.DataFrame | None) -> tuple[list[str], list[list[str]]]:
    """The sensitivity table formatted: readable headers, years as years, no e-notation."""
    if table is None:
        return [], []
    columns = [c for c in table.columns if c not in ("parameter", "shock")]
    headers = ["case", "parameter", "shift or factor"] + [
        c.replace("depletion_year_", "depletion year, ").replace("_pct_gdp_", " (% of GDP), ").replace("_", " ")
        for c in columns]
    rows = []
    for case, r in table.iterrows():
        cells = [str(case), str(r["parameter"]) if r["parameter"] == r["parameter"] and r["parameter"] else "–",
                 f"{float(r['shock']):+g}" if r["shock"] == r["shock"] else "–"]
        for c in columns:
            unit, value = _unit_of(c), float(r[c])
            cells.append(("none" if value != value else f"{value:.0f}") if unit == "year" else number(value, unit))
        rows.append(cells)
    return headers, rows


def render_sweep_report(results: SweepResults) -> str:
    """The sweep's page as HTML text."""
    ds, scenario = results.ds, results.scenario
    years = ds["year"].to_numpy() if ds is not None else None
    last_year = int(years[-1]) if years is not None else int(scenario.horizon.end_year)
    figures = []
    if ds is not None:
        figures += [(f"fan-{name}", title, fan_chart(ds, name, unit, title)) for name, unit, title in FANS]
    if results.probability is not None:
        figures.append(("depletion", "Probability that a sub-fund is depleted", depletion_chart(results.probability)))
    table = results.sensitivity
    if table is not None:
        cost = next((c for c in table.columns if c.startswith("nhi_expenditure") and "_pct_gdp_" in c), None)
        for column, label in (("depletion_year_long_term", "the long-term sub-fund's depletion year"),
                              (cost, "NHI expenditure, % of GDP in 2050")):
            if column:
                figures.append((f"tornado-{column}", f"Sensitivity of {label}",
                                tornado_chart(table, column, label, last_year, _multiplied(scenario))))
    headers, rows = sensitivity_rows(table)
    return environment().get_template("sweep.html.j2").render(
        title=f"Sweep of scenario '{scenario.name}'", name=scenario.name,
        description=getattr(scenario, "description", "") or "", version=__version__,
        draws=ds.attrs.get("draws", "") if ds is not None else 0, seed=ds.attrs.get("seed", "") if ds is not None else "",
        first_year=int(years[0]) if years is not None else "", last_year=last_year,
        cards=depletion_cards(results.depletion, last_year) + indicator_cards(ds),
        figures=[{"key": k, "title": t, "png": p} for k, t, p in figures if p],
        distributions=distribution_rows(scenario), sensitivity_headers=headers, sensitivity_rows=rows)


def write_sweep_report(path: Path, results: SweepResults) -> None:
    """Write the sweep's HTML page to ``path`` (the caller makes the write atomic)."""
    Path(path).write_text(render_sweep_report(results), encoding="utf-8")
