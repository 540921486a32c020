"""The comparison's difference chart: for the key indicators, each later scenario's value
less the first scenario's, by year. One colour (and marker) per scenario, so the
scenarios read apart in colour and in black and white; a zero line marks the first.

Money is in % of GDP, so that the long horizon reads without the price level's growth.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from engine.report.style import COLOURS, YEAR, Runs, finish_axis, new_figure, year_total

MARKERS = ("o", "s", "^", "D", "v", "P")


def _pct_gdp(name: str, **sel):
    def read(ds: xr.Dataset) -> xr.DataArray | None:
        total = year_total(ds, name, **sel)
        return None if total is None or "gdp" not in ds else 100 * total / ds["gdp"]
    return read


KEY_INDICATORS = (
    ("Voluntary members at 31 December", "persons", lambda ds: year_total(ds, "active_members", scheme="voluntary")),
    ("Cost of the policies", "% of GDP", _pct_gdp("policy_cost")),
    ("Government social security cost", "% of GDP", _pct_gdp("government_social_security_cost")),
    ("Long-term sub-fund reserve", "% of GDP", _pct_gdp("reserve", fund="long_term")),
)


def differences(runs: Runs, scenarios: list):
    """Four panels, one per key indicator: later scenarios less the first."""
    fig, axes = new_figure(4, width=11.0, height=3.6)
    first_name, first = runs[0]
    for ax, (title, unit, read) in zip(axes, KEY_INDICATORS):
        base = read(first)
        for j, (name, ds) in enumerate(runs[1:], start=1):
            other = read(ds)
            if base is None or other is None:
                continue
            years = np.intersect1d(base["year"].values, other["year"].values)
            delta = other.sel(year=years).values - base.sel(year=years).values
            ax.plot(years, delta, color=COLOURS[j % len(COLOURS)], marker=MARKERS[(j - 1) % len(MARKERS)],
                    markevery=max(1, len(years) // 8), linewidth=1.5, label=f"{name} − {first_name}")
        ax.axhline(0, color="black", linewidth=0.8)
        finish_axis(ax, YEAR, f"difference, {unit}", title=title, legend=ax is axes[0])
    return fig, f"each scenario less '{first_name}'"
