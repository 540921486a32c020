"""Writing a run's files so that the set appears complete or not at all.

Every file is first written under a temporary name, then renamed over its final name
(``os.replace`` is atomic within one file system); the files of a run are written together
into a temporary folder, which :func:`engine.output_set.output_set` moves into place only
when all are complete. Results that are not finite where a value is expected are refused
before anything is written (:func:`engine.finite.check_finite`).
"""

from __future__ import annotations

from pathlib import Path

import xarray as xr

from engine.finite import check_finite
from engine.output_set import output_set, write_atomically
from engine.summary import summary_table


def _netcdf_ready(ds: xr.Dataset) -> xr.Dataset:
    """NetCDF attributes must be numbers, text or arrays: render anything else as text."""
    out = ds.copy()
    out.attrs = {k: (v if isinstance(v, (int, float, str)) else str(v)) for k, v in ds.attrs.items()}
    return out


def write_results(ds: xr.Dataset, out_dir: str | Path, scenario=None) -> list[Path]:
    """Write ``results.nc``, ``summary.csv``, ``results.xlsx`` and ``report.html`` into
    ``out_dir``; returns the paths written. ``scenario`` (the validated Scenario) fills the
    report's assumptions table. The four files replace the folder's earlier set together."""
    check_finite(ds)
    out_dir = Path(out_dir)
    with output_set(out_dir) as staging:
        names = [p.name for p in _write_run_files(ds, staging, scenario)]
    return [out_dir / name for name in names]


def write_data_files(ds: xr.Dataset, out_dir: Path) -> list[Path]:
    """Write ``results.nc`` and ``summary.csv`` into ``out_dir``, each atomically."""
    nc = out_dir / "results.nc"
    write_atomically(nc, lambda tmp: _netcdf_ready(ds).to_netcdf(tmp, engine="netcdf4"))
    csv = out_dir / "summary.csv"
    table = summary_table(ds)
    write_atomically(csv, lambda tmp: table.to_csv(tmp, float_format="%.10g"))
    return [nc, csv]


def _write_run_files(ds: xr.Dataset, out_dir: Path, scenario) -> list[Path]:
    from engine.report.run_files import write_report_files  # results.xlsx and report.html, each atomically

    # the data files are written while the report's figures are drawn
    return write_report_files(ds, out_dir, scenario, first=lambda: write_data_files(ds, out_dir))
