"""The report of a sweep: fan charts, depletion probabilities and a tornado chart.

One self-contained HTML page (figures embedded as PNG), written beside the sweep's data
files. Fan charts shade the 5-95 % and 25-75 % bands over draws and draw the median;
bands are told apart by shade and the median by a solid black line, so they read in
greyscale. The tornado chart ranks the one-at-a-time cases by their effect on the
long-term fund's depletion year and on a cost share of GDP in 2050.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from engine import __version__
from engine.report.style import finish_axis, new_figure, scale_for, to_png_base64

FANS = (("voluntary_members", "persons", "Voluntary members at 31 December"),
        ("reserve_long_term", "LAK", "Long-term sub-fund reserve at 31 December"),
        ("reserve_short_term", "LAK", "Short-term sub-fund reserve at 31 December"),
        ("nhi_expenditure_pct_gdp", "% of GDP", "NHI expenditure"),
        ("benefits_pct_gdp", "% of GDP", "NSSF benefits"),
        ("subsidy_cost_pct_gdp", "% of GDP", "Government contribution subsidies"))


def _source(ds: xr.Dataset, what: str) -> str:
    return (f"Source: laosim {__version__}, scenario '{ds.attrs.get('scenario', '')}', "
            f"{ds.attrs.get('draws', '')} draws (seed {ds.attrs.get('seed', '')}); {what}.")


def fan_chart(ds: xr.Dataset, name: str, unit: str, title: str) -> str | None:
    """Median and 5-95 %, 25-75 % bands of ``ds[name]`` over draws, by year (base64 PNG)."""
    if name not in ds or "draw" not in ds[name].dims:
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


def tornado_chart(table: pd.DataFrame, column: str, label: str) -> str | None:
    """Low and high cases of each parameter as bars around the base case's value."""
    if column not in table or table[column].isna().all() or "base" not in table.index:
        return None
    base = table.loc["base", column]
    rows = []
    for parameter, group in table.drop(index="base").groupby("parameter", sort=False):
        values = group[column].to_numpy(dtype=float)
        if np.all(np.isnan(values)):
            continue
        low, high = np.nanmin(values), np.nanmax(values)
        rows.append((parameter, low, high, max(abs(low - base), abs(high - base))))
    if not rows or np.isnan(base):
        return None
    rows.sort(key=lambda r: r[3])
    fig, (ax,) = new_figure(1, width=7.5, height=1.6 + 0.45 * len(rows))
    for i, (parameter, low, high, _) in enumerate(rows):
        ax.barh(i, max(high - low, 1e-12), left=low, color="0.7", edgecolor="black", hatch="//", height=0.45)
        ax.annotate(parameter, (0.01, i + 0.3), xycoords=("axes fraction", "data"), fontsize=7, va="bottom")
    ax.axvline(base, color="black", linewidth=1.2)
    ax.set_yticks([])
    ax.set_ylim(-0.6, len(rows) - 0.1)
    if column.startswith("depletion_year"):
        from matplotlib.ticker import MaxNLocator

        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    finish_axis(ax, label, "", legend=False)
    return to_png_base64(fig, f"Sensitivity of {label}",
                         "Source: laosim sensitivity cases; bar = range over each parameter's low and high "
                         "values, line = base case.")


def write_sweep_report(path: Path, ds: xr.Dataset | None, probability: xr.DataArray | None,
                       sensitivity: pd.DataFrame | None, scenario_name: str) -> None:
    """Write the sweep's HTML page to ``path``."""
    figures: list[tuple[str, str]] = []
    if ds is not None:
        for name, unit, title in FANS:
            png = fan_chart(ds, name, unit, title)
            if png:
                figures.append((title, png))
    if probability is not None:
        figures.append(("Depletion probability", depletion_chart(probability)))
    if sensitivity is not None:
        cost = next((c for c in sensitivity.columns if c.endswith("_pct_gdp_2050")
                     and c.startswith("nhi_expenditure")), None)
        for column, label in (("depletion_year_long_term", "the long-term fund's depletion year"),
                              (cost, "NHI expenditure, % of GDP in 2050")):
            png = tornado_chart(sensitivity, column, label) if column else None
            if png:
                figures.append((f"Sensitivity: {label}", png))
    body = "".join(f'<figure><img alt="{html.escape(t)}" src="data:image/png;base64,{p}">'
                   f"<figcaption>{html.escape(t)}</figcaption></figure>" for t, p in figures)
    table = sensitivity.to_html(float_format=lambda v: f"{v:,.4g}", na_rep="none") if sensitivity is not None else ""
    page = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sweep of '
            f'{html.escape(scenario_name)}</title><style>body{{font-family:"DejaVu Sans",Arial,sans-serif;'
            f"max-width:1000px;margin:auto;padding:1em}}img{{max-width:100%;border:1px solid #ccc}}"
            f"table{{border-collapse:collapse;font-size:.8em}}td,th{{border:1px solid #999;padding:.2em .4em}}"
            f"</style></head><body><h1>Sweep of scenario '{html.escape(scenario_name)}'</h1>"
            f"<p>{'' if ds is None else str(ds.attrs.get('draws', '')) + ' stochastic draws; '}"
            f"laosim {__version__}.</p>{body}"
            f"{'<h2>Sensitivity cases</h2>' + table if table else ''}</body></html>")
    path.write_text(page, encoding="utf-8")
