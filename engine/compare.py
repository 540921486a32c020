"""Several scenarios side by side: ``laosim compare A.yaml B.yaml [...] [--out DIR]``.

Runs every scenario (all are validated first, so a wrong input stops before anything is
run or written), then writes into the output folder

* ``report.html``: the report's figures with the scenarios overlaid, the headline values
  side by side, a table of differences at selected years and the assumptions, those that
  differ first;
* ``compare.csv``: the table of differences: one row per summary indicator and year, the
  value under each scenario, and each scenario's difference from the first;
* ``compare.xlsx``: the same table in a workbook, numbers formatted by their unit.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd
import xarray as xr

from engine.errors import InputError

COMPARE_YEARS = (2025, 2030, 2050, 2100)
"""Years of the differences table, kept when every scenario projects them."""


def stderr_progress(message: str) -> None:
    print(f"laosim: {message}", file=sys.stderr, flush=True)


def unique_labels(names: Sequence[str]) -> list[str]:
    """Scenario names, with ``_2``, ``_3`` ... added to repeats."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}_{seen[name]}")
    return out


def default_out_dir(names: Sequence[str]) -> Path:
    """``reports/compare_<a>_<b>[_...]/``."""
    return Path("reports") / ("compare_" + "_".join(names))


def compare_years(runs: list[tuple[str, xr.Dataset]], wanted: Sequence[int] = COMPARE_YEARS) -> list[int]:
    """The wanted years every run projects, plus the last common year when not among them."""
    common = set(int(y) for y in runs[0][1]["year"].values)
    for _, ds in runs[1:]:
        common &= set(int(y) for y in ds["year"].values)
    years = [y for y in wanted if y in common]
    if common and max(common) not in years:
        years.append(max(common))
    return sorted(years)


def difference_table(runs: list[tuple[str, xr.Dataset]], years: Sequence[int] | None = None) -> pd.DataFrame:
    """Summary indicators by year under each scenario, and differences from the first.

    Columns: ``indicator``, ``units``, ``year``, one per scenario, then for each later
    scenario ``<name> - <first>`` and ``<name> vs <first> (%)``, the difference relative to
    the size of the first scenario's value (``100 (b - a) / |a|``: the sign follows the
    difference, so a deeper deficit reads as a fall; NaN where the first is 0).
    """
    from engine.summary import summary_table, summary_units

    years = compare_years(runs) if years is None else list(years)
    first = runs[0][1]
    # later scenarios are also measured against the first: additional members, cost per member
    tables = [summary_table(first)] + [summary_table(ds, baseline=first) for _, ds in runs[1:]]
    units = {}
    for t in tables:
        units.update({k: v for k, v in summary_units(t).items() if v})
    names = [n for n, _ in runs]
    indicators = [c for c in tables[0].columns if all(c in t.columns for t in tables[1:])]
    indicators += [c for c in tables[-1].columns if c not in tables[0].columns
                   and all(c in t.columns for t in tables[1:])]
    rows = []
    for indicator in indicators:
        for year in years:
            values = [float(t.at[year, indicator]) if indicator in t.columns else float("nan") for t in tables]
            row = {"indicator": indicator, "units": units.get(indicator, ""), "year": year}
            row.update(dict(zip(names, values)))
            for name, value in zip(names[1:], values[1:]):
                row[f"{name} - {names[0]}"] = value - values[0]
                row[f"{name} vs {names[0]} (%)"] = (100 * (value - values[0]) / abs(values[0]) if values[0]
                                                    else float("nan"))
            rows.append(row)
    return pd.DataFrame(rows)


def load_all(paths: Sequence[str | Path], overrides: list[str] | None = None) -> list:
    """Validate every scenario file and the tables it names; raises one InputError
    listing the problems of all."""
    from engine.data.files import check_user_tables
    from engine.scenario.load import load_scenario

    scenarios, problems = [], []
    for path in paths:
        try:
            scenarios.append(load_scenario(path, overrides))
            check_user_tables(scenarios[-1])
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return scenarios


def compare(paths: Sequence[str | Path], out: str | Path | None = None, overrides: list[str] | None = None,
            progress: Callable[[str], None] | None = stderr_progress) -> list[Path]:
    """Run the scenarios in ``paths`` and write the comparison; returns the paths written."""
    from engine.finite import check_finite
    from engine.model import run
    from engine.output_set import write_atomically
    from engine.output_set import check_out_dir, output_set
    from engine.report.excel import write_compare_workbook
    from engine.report.html import write_report

    say = progress or (lambda message: None)
    scenarios = load_all(paths, overrides)
    labels = unique_labels([s.name for s in scenarios])
    out_dir = Path(out) if out is not None else default_out_dir(labels)
    check_out_dir(out_dir)
    runs = []
    for i, (label, scenario) in enumerate(zip(labels, scenarios), start=1):
        start = time.perf_counter()
        say(f"[{i}/{len(scenarios)}] running '{label}' "
            f"({scenario.horizon.base_year + 1}-{scenario.horizon.end_year}) ...")
        runs.append((label, run(scenario)))
        check_finite(runs[-1][1])
        say(f"[{i}/{len(scenarios)}] '{label}' done in {time.perf_counter() - start:.1f} s")
    say("writing the comparison report ...")
    start = time.perf_counter()
    table = difference_table(runs)
    with output_set(out_dir) as staging:  # both files replace the folder's earlier set together
        write_atomically(staging / "compare.csv", lambda tmp: table.to_csv(tmp, index=False, float_format="%.10g"))
        write_atomically(staging / "compare.xlsx", lambda tmp: write_compare_workbook(tmp, table))
        write_atomically(staging / "report.html", lambda tmp: write_report(
            tmp, runs, scenarios, differences=table, files=["report.html", "compare.csv", "compare.xlsx"]))
    csv, workbook, page = out_dir / "compare.csv", out_dir / "compare.xlsx", out_dir / "report.html"
    say(f"report written in {time.perf_counter() - start:.1f} s")
    return [page, csv, workbook]
