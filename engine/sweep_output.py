"""Files of a sweep: the draws, their quantile bands, depletion probabilities, sensitivity.

Everything is computed first and written afterwards into a temporary folder that replaces
the earlier set only when every file is complete, so a failed or interrupted sweep leaves
the folder as it was.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xarray as xr

from engine.finite import check_finite
from engine.output_set import check_out_dir, output_set, write_atomically
from engine.report.sweep import SweepResults, write_sweep_report
from engine.scenario.schema import Scenario
from engine.sweep import (
    Executor, depletion_probability, depletion_years, quantile_bands, sensitivity_sweep, stderr_progress,
    stochastic_sweep
)

COST_YEAR = 2050


def sensitivity_table(ds: xr.Dataset) -> pd.DataFrame:
    """One row per case: the parameter, its shock, depletion year by fund, indicators in 2050."""
    table = pd.DataFrame({"parameter": ds["parameter"].to_numpy(), "shock": ds["shock"].to_numpy()},
                         index=pd.Index(ds["case"].to_numpy(), name="case"))
    if "reserve" in ds:
        years = depletion_years(ds, "case")
        for fund in ds["fund"].to_numpy():
            table[f"depletion_year_{fund}"] = years.sel(fund=fund).to_numpy()
    year = min(COST_YEAR, int(ds["year"].max()))
    for name in ds.data_vars:
        if ds[name].dims == ("case", "year") and (name.endswith("_pct_gdp") or name in ("population", "gdp")):
            table[f"{name}_{year}"] = ds[name].sel(year=year).to_numpy()
    return table


def _long_quantiles(bands: xr.Dataset) -> pd.DataFrame:
    frames = []
    for name in bands.data_vars:
        frame = bands[name].to_dataframe(name="value").reset_index()
        frame.insert(0, "indicator", name)
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def _compute(scenario: Scenario, draws: int, out_dir: Path, seed: int | None, executor: Executor):
    """The sweep's results, as (path, writer) pairs not yet written."""
    pending: list[tuple[Path, object]] = []
    ds = probability = table = depletion = None
    if draws > 0:
        ds = stochastic_sweep(scenario, draws, executor, seed, progress=stderr_progress)
        check_finite(ds)
        bands = quantile_bands(ds)
        results = ds.copy()
        for name in bands.data_vars:
            results[f"{name}_quantiles"] = bands[name]
        if "reserve" in ds:
            probability = depletion_probability(ds)
            depletion = depletion_years(ds, "draw")
            results["depletion_probability"] = probability
            pending.append((out_dir / "depletion_probability.csv",
                            lambda p, pr=probability: pr.to_pandas().to_csv(p, float_format="%.6g")))
        renamed = results.rename({n: n.replace("/", "_") for n in results.data_vars if "/" in n})
        pending.append((out_dir / "results.nc", lambda p, r=renamed: r.to_netcdf(p, engine="netcdf4")))
        pending.append((out_dir / "quantiles.csv",
                        lambda p, b=bands: _long_quantiles(b).to_csv(p, index=False, float_format="%.10g")))
    if scenario.sensitivity:
        sens = sensitivity_sweep(scenario, executor, progress=stderr_progress)
        check_finite(sens)
        table = sensitivity_table(sens)
        pending.append((out_dir / "sensitivity.csv", lambda p, t=table: t.to_csv(p, float_format="%.10g")))
    report = SweepResults(scenario, ds, probability, depletion, table)
    pending.append((out_dir / "report.html", lambda p: write_sweep_report(p, report)))
    return pending


def run_and_write_sweep(scenario: Scenario, draws: int, out_dir: str | Path, seed: int | None = None,
                        scheduler: str | None = None, workers: int | None = None) -> list[Path]:
    """Run the stochastic draws and the sensitivity cases; write their files into ``out_dir``."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir)
    with Executor(scheduler, workers) as executor:
        pending = _compute(scenario, draws, out_dir, seed, executor)
    with output_set(out_dir) as staging:
        for path, write in pending:
            write_atomically(staging / path.name, write)
    return [path for path, _ in pending]
