"""Reports of a run or a comparison: the HTML page with figures and the Excel workbook.

:func:`write_report_files` is what ``laosim run`` calls (through
:func:`engine.output.write_results`); ``laosim compare`` uses :mod:`engine.compare`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import xarray as xr

__all__ = ["write_report_files"]


def write_report_files(ds: xr.Dataset, out_dir: str | Path, scenario=None,
                       first: Callable[[], list[Path]] | None = None) -> list[Path]:
    """Write ``results.xlsx`` and ``report.html`` into ``out_dir``, each atomically.

    ``scenario`` (the validated Scenario) fills the assumptions table; without it the
    table lists the embedded data only. ``first`` writes other files of the set (the
    NetCDF and CSV files of a run): it is called, and then the workbook written, while the
    figures are drawn (:mod:`engine.report.beside`). Returns the paths written, those of
    ``first`` first.
    """
    from engine.assumptions import assumptions_table
    from engine.output_set import write_atomically
    from engine.report.beside import figures_beside
    from engine.report.html import write_report

    out_dir = Path(out_dir)
    table = assumptions_table(scenario)
    name = str(ds.attrs.get("scenario", getattr(scenario, "name", "run")))
    xlsx, page = out_dir / "results.xlsx", out_dir / "report.html"

    def tables() -> list[Path]:
        from engine.report.excel import write_workbook

        written = first() if first is not None else []
        write_atomically(xlsx, lambda tmp: write_workbook(tmp, ds, table))
        return written + [xlsx]

    runs = [(name, ds)]
    written, rendered = figures_beside(runs, [scenario], tables)
    write_atomically(page, lambda tmp: write_report(
        tmp, runs, [scenario], files=["results.nc", "summary.csv", "results.xlsx", "report.html"],
        assumptions=[table], rendered=rendered))
    return written + [page]
