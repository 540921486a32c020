"""Drawing helpers shared by the report's figures: greyscale-safe styles, scales, PNG output.

Series are told apart by line style and marker as well as colour, so every figure reads
when printed in black and white. With several scenarios overlaid, the line style names
the scenario and the marker (and colour) names the series.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import xarray as xr

YEAR = "calendar year"
"""The label of every time axis."""
DPI = 120
"""Pixels per inch of the figures: sharp in print and on high-density screens."""
COLOURS = ("#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7F7F7F")
LINESTYLES = ("-", "--", ":", "-.", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2)))
MARKERS = ("o", "s", "^", "D", "v", "x", "P", "*")
HATCHES = ("////", "....", "\\\\\\\\", "xxxx", "----", "oo")

Runs = list[tuple[str, xr.Dataset]]
"""Scenarios to draw: (label, results Dataset) pairs; one pair for a single run."""


def style(series: int, run: int, multi: bool) -> dict:
    """Line keywords: series differ by colour, marker (and line style when alone)."""
    return {
        "color": COLOURS[series % len(COLOURS)],
        "linestyle": LINESTYLES[(run if multi else series) % len(LINESTYLES)],
        "marker": MARKERS[series % len(MARKERS)],
        "markersize": 4,
        "linewidth": 1.4,
    }


def scale_for(values: list[np.ndarray], unit: str) -> tuple[float, str]:
    """A divisor and label so that the largest absolute value reads as a short number."""
    top = max((float(np.nanmax(np.abs(v))) for v in values if np.size(v)), default=0.0)
    if unit == "LAK":
        for div, name in ((1e12, "trillion LAK"), (1e9, "billion LAK"), (1e6, "million LAK")):
            if top >= div:
                return div, f"{name}, nominal"
        return 1.0, "LAK, nominal"
    if unit == "persons":
        for div, name in ((1e6, "million persons"), (1e3, "thousand persons")):
            if top >= 10 * div:
                return div, name
        return 1.0, "persons"
    return 1.0, unit


def year_total(ds: xr.Dataset, name: str, **sel) -> xr.DataArray | None:
    """``ds[name]`` (optionally selected) summed over every dimension except year."""
    if name not in ds:
        return None
    da = ds[name]
    for dim, value in sel.items():
        if dim not in da.dims or value not in da[dim].values:
            return None
        da = da.sel({dim: value})
    return da.sum([d for d in da.dims if d != "year"])


def at_base_prices(da: xr.DataArray, ds: xr.Dataset) -> xr.DataArray:
    """Money of the year (LAK) in constant prices of the price index's base year (2020):
    divided by the run's ``price_index``."""
    return da / ds["price_index"].sel(year=da["year"])


def plot_series(ax, runs: Runs, series: list[tuple[str, object]], unit: str, first_series: int = 0) -> str:
    """Plot year series for each run; ``series`` is (label, fn(ds) -> DataArray | None).
    Money (``unit`` "LAK") is drawn in constant 2020 prices where the run has its price
    index, so that a long horizon reads without the price level's growth.

    Returns the axis unit label (after scaling).
    """
    multi = len(runs) > 1
    drawn = []
    real = unit == "LAK" and all("price_index" in ds for _, ds in runs)
    for j, (name, ds) in enumerate(runs):
        for i, (label, fn) in enumerate(series):
            da = fn(ds)
            if da is not None:
                drawn.append((first_series + i, j, name, label, at_base_prices(da, ds) if real else da))
    div, unit_label = scale_for([d[4].values for d in drawn], unit)
    if real:
        unit_label = unit_label.replace("nominal", "2020 prices")
    for i, j, name, label, da in drawn:
        years = da["year"].values
        ax.plot(years, da.values / div, label=label if j == 0 else "_nolegend_",
                markevery=max(1, len(years) // 8), **style(i, j, multi))
    if multi:
        scenario_legend(ax, runs)
    return unit_label


def scenario_legend(ax, runs: Runs) -> None:
    """With several scenarios, legend entries name the series (marker) once, and each
    scenario once by its line style."""
    labels = ax.get_legend_handles_labels()[1]
    for j, (name, _) in enumerate(runs):
        if f"scenario: {name}" not in labels:
            ax.plot([], [], color="black", linestyle=LINESTYLES[j % len(LINESTYLES)], linewidth=1.4,
                    label=f"scenario: {name}")


def new_figure(ncols: int = 1, width: float = 8.0, height: float = 3.8, **kw):
    """A figure of ``ncols`` axes side by side, drawn by Agg. The figure is not registered
    with pyplot (nothing to close, and pyplot itself is not imported); matplotlib is
    imported here, by the first figure, so that commands without figures never load it."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, squeeze=False, **kw)
    return fig, list(axes[0])


def finish_axis(ax, xlabel: str, ylabel: str, title: str | None = None, legend: bool = True) -> None:
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_ylabel(ylabel, fontsize=8)
    if title:
        ax.set_title(title, fontsize=9)
    ax.tick_params(labelsize=7)
    ax.grid(True, color="0.88", linewidth=0.6)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=7.5, frameon=False, loc="best")


def to_png_base64(fig, title: str, source: str) -> str:
    """Render a figure with its title and source line; returns base64 PNG text."""
    fig.suptitle(title, fontsize=10.5, fontweight="bold")
    fig.text(0.01, 0.01, source, fontsize=6.5, color="0.25", ha="left", va="bottom", wrap=True)
    width, height = fig.get_size_inches()
    # fixed margins (in inches) rather than tight_layout: much faster, and the same look everywhere
    fig.subplots_adjust(left=0.75 / width, right=1 - 0.2 / width, top=1 - 0.6 / height,
                        bottom=0.85 / height, wspace=0.32)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return base64.b64encode(buffer.getvalue()).decode("ascii")
