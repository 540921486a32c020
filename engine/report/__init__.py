"""Reports of a run or a comparison: the HTML page with figures and the Excel workbook.

:func:`write_report_files` is what ``laosim run`` calls (through
:func:`engine.output.write_results`); ``laosim compare`` uses :mod:`engine.compare`.
"""

from __future__ import annotations

from pathlib import Path

import xarray as xr

__all__ = ["write_report_files"]


def write_report_files(ds: xr.Dataset, out_dir: str | Path, scenario=None) -> list[Path]:
    """Write ``results.xlsx`` and ``report.html`` into ``out_dir``, each atomically.

    ``scenario`` (the validated Scenario) fills the assumptions table; without it the
    table lists the embedded data only. Returns the paths written.
    """
    from engine.assumptions import assumptions_table
    from engine.output import write_atomically
    from engine.report.excel import write_workbook
    from engine.report.html import write_report

    out_dir = Path(out_dir)
    table = assumptions_table(scenario)
    name = str(ds.attrs.get("scenario", getattr(scenario, "name", "run")))
    xlsx, page = out_dir / "results.xlsx", out_dir / "report.html"
    write_atomically(xlsx, lambda tmp: write_workbook(tmp, ds, table))
    write_atomically(page, lambda tmp: write_report(
        tmp, [(name, ds)], [scenario], files=["results.nc", "summary.csv", "results.xlsx", "report.html"],
        assumptions=[table]))
    return [xlsx, page]
