"""The self-contained HTML report: headline panel, figures, tables, assumptions.

One file, figures embedded as base64 PNG, no script and no network access, so it opens
from a USB stick. The same page serves a single run and a comparison of several runs
(figures overlaid, values side by side, a table of differences).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import pandas as pd
import xarray as xr

from engine import __version__
from engine.assumptions import ASSUMPTION, COLUMNS, assumptions_table
from engine.report.actuarial import actuarial_tables
from engine.report.differences import difference_blocks
from engine.report.fiscal import cost_tables, reach_table
from engine.report.headline import headlines
from engine.report.key_assumptions import key_assumption_rows
from engine.report.numbers import number
from engine.report.observations import achieved, describe_target, targets_for, voluntary_observations
from engine.report.style import year_total
from engine.report.valuation import shown, valuation_rows
from engine.summary import summary_indicators

TEMPLATES = Path(__file__).parent / "templates"


def environment() -> jinja2.Environment:
    """The report templates (run, compare and sweep share one style)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html", "j2"]),
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    return env


def _run_info(name: str, ds: xr.Dataset) -> dict:
    years = ds["year"].values
    return {"name": name, "description": str(ds.attrs.get("description", "")),
            "first_year": int(years[0]), "last_year": int(years[-1]),
            "engine_version": str(ds.attrs.get("engine_version", __version__))}


def assumption_rows(tables: list[pd.DataFrame], names: list[str]) -> tuple[list[dict], int]:
    """Rows for the assumptions table, a value per run; returns (rows, how many differ)."""
    if not tables:
        return [], 0
    base = tables[0].drop_duplicates("key").set_index("key")
    keys = list(base.index)
    for t in tables[1:]:
        keys += [k for k in t["key"] if k not in base.index and k not in keys]
    values = [t.drop_duplicates("key").set_index("key")["value"] for t in tables]
    rows, differing = [], 0
    for key in keys:
        meta = base.loc[key] if key in base.index else next(
            t.set_index("key").loc[key] for t in tables if key in set(t["key"]))
        vals = [str(v.get(key, "(not used)")) for v in values]
        differs = len(set(vals)) > 1
        differing += differs
        rows.append({**{c: str(meta[c]) for c in COLUMNS if c not in ("key", "value")},
                     "key": key, "values": vals, "differs": differs,
                     "flagged": str(meta["status"]) == ASSUMPTION})
    rows.sort(key=lambda r: not r["differs"])  # differing assumptions first
    return rows, differing


def calibration_rows(runs: list[tuple[str, xr.Dataset]]) -> list[dict]:
    """Observed voluntary membership, with the modelled value where the run covers the year."""
    rows = []
    for p in voluntary_observations():
        year = int(p.year)
        modelled = []
        for _, ds in runs:
            m = year_total(ds, "active_members", scheme="voluntary")
            history = ds.get("voluntary_members_history")
            if m is not None and year in m["year"].values:
                modelled.append(f"{float(m.sel(year=year)):,.0f}")
            elif history is not None and "history_year" in history.dims and year in history["history_year"].values:
                modelled.append(f"{float(history.sel(history_year=year)):,.0f} (back-cast, 31 Dec)")
            else:
                modelled.append("")
        rows.append({"label": p.label, "year": year, "value": f"{p.value:,.0f}", "use": p.use,
                     "source": p.source, "status": p.status, "modelled": modelled})
    return rows


def target_rows(runs: list[tuple[str, xr.Dataset]], scenarios: list) -> list[dict]:
    """Each scenario's enrolment targets and what each run delivers against them."""
    found = {}
    for sc in scenarios:
        for t in targets_for(sc):
            found.setdefault(t.label, t)
    rows = []
    for t in found.values():
        values = []
        for _, ds in runs:
            value, years = achieved(t, ds)
            statement = ds.attrs.get(f"target_met_{t.label}")
            if statement:  # when it is met, and whether before the projection starts
                values.append(str(statement))
            elif value is None:
                values.append("")
            else:
                shown = f"{100 * value:.1f} %" if t.kind == "coverage_share" else f"{value:,.0f}"
                values.append(f"{shown} ({years}; {'met' if value >= t.value else 'not met'})")
        rows.append({"label": t.label, "text": describe_target(t), "source": t.source, "values": values})
    return rows


def solution_rows(runs: list[tuple[str, xr.Dataset]]) -> list[dict]:
    """Levers solved for enrolment targets (``target_solution_<name>`` attributes of a run)."""
    rows = []
    for name, ds in runs:
        for key, value in ds.attrs.items():
            if not key.startswith("target_solution_") or key.endswith(("_lever", "_target", "_achieved", "_reason")):
                continue
            shown = f"{value:.6g}" if isinstance(value, float) else str(value)
            rows.append({"scenario": name, "block": key.removeprefix("target_solution_"),
                         "lever": str(ds.attrs.get(f"{key}_lever", "")), "value": shown,
                         "target": _format_number(ds.attrs.get(f"{key}_target")),
                         "achieved": _format_number(ds.attrs.get(f"{key}_achieved")),
                         "reason": str(ds.attrs.get(f"{key}_reason", ""))})
    return rows


DEADWEIGHT_YEARS = (2026, 2030, 2040, 2050)
"""Years of the subsidy deadweight table (those within the run)."""


def deadweight_rows(runs: list[tuple[str, xr.Dataset]]) -> list[dict]:
    """Per contribution_subsidy block and year: subsidised and additional members,
    deadweight share and cost per additional member (``subsidy_block_*`` results); per
    other enrolment block: additional members and cost (``enrolment_block_*``)."""
    rows = []
    for name, ds in runs:
        years = [y for y in DEADWEIGHT_YEARS if y in ds["year"].to_numpy()]
        for dim in ("subsidy_block", "enrolment_block"):
            if dim not in ds.dims or f"{dim}_additional_members" not in ds:
                continue
            for block in ds[dim].to_numpy():
                for year in years:
                    def at(q):
                        var = f"{dim}_{q}"
                        return float(ds[var].sel({dim: block, "year": year})) if var in ds else float("nan")
                    rows.append({"scenario": name, "block": str(block), "year": year,
                                 "subsidised": _format_number(at("subsidised_members")),
                                 "additional": _format_number(at("additional_members")),
                                 "deadweight": _format_number(at("deadweight_share")),
                                 "cost": _format_number(at("cost") / 1e6),
                                 "per_member": _format_number(at("cost_per_additional_member"))})
    return rows


def fit_rows(runs: list[tuple[str, xr.Dataset]], scenarios: list) -> list[dict]:
    """The calibration fit: each scenario's ``enrolment.calibration.fit`` and calibration attrs."""
    rows = []
    for (name, ds), sc in zip(runs, scenarios):
        calibration = getattr(getattr(sc, "enrolment", None), "calibration", None)
        for r in getattr(calibration, "fit", ()) or ():
            rows.append({"scenario": name, "item": str(r.observation), "observed": f"{r.observed:,.6g}",
                         "fitted": f"{r.fitted:,.6g}", "error": f"{100 * r.error:+.2f} %"})
        params = getattr(calibration, "fitted_parameters", ()) or ()
        if params:
            rows.append({"scenario": name, "item": "parameters fitted", "observed": "", "fitted": ", ".join(params),
                         "error": ""})
        for key, value in ds.attrs.items():
            if "calibrat" in key.lower() or key.lower().endswith("_fit"):
                rows.append({"scenario": name, "item": key, "observed": "", "fitted": str(value), "error": ""})
    return rows


def _format_number(value: object) -> str:
    """A number of a table without a stated unit: three significant figures, whole numbers
    from 1,000 on, never e-notation; words as they are; empty where missing."""
    if isinstance(value, float):
        return "" if value != value else number(value, "")
    return "" if value is None else str(value)


def render_report(runs: list[tuple[str, xr.Dataset]], scenarios: list | None = None,
                  differences: pd.DataFrame | None = None, files: list[str] | None = None,
                  assumptions: list[pd.DataFrame] | None = None, rendered: tuple | None = None) -> str:
    """The report page for one run or several (a comparison), as HTML text.

    ``scenarios`` (aligned with ``runs``; entries may be None) give the assumptions table,
    the enrolment targets, the probit specification and the calibration fit. ``rendered``:
    the figures already drawn, as :func:`engine.report.figures.render_figures` returns them
    (by default they are drawn here).
    """
    scenarios = list(scenarios) if scenarios is not None else [None] * len(runs)
    names = [n for n, _ in runs]
    if rendered is None:
        from engine.report.figures import render_figures

        rendered = render_figures(runs, scenarios)
    figures, missing = rendered
    sections: dict[str, list] = {}
    for f in figures:
        sections.setdefault(f.section, []).append(f)
    if assumptions is None:
        assumptions = [assumptions_table(sc) for sc in scenarios]
    rows, differing = assumption_rows(assumptions, names)
    diffs = difference_blocks(differences, names, summary_indicators())
    compare = len(runs) > 1
    title = (f"Comparison of scenarios {', '.join(names)}" if compare
             else f"Scenario '{names[0]}': projection report")
    return environment().get_template("report.html.j2").render(
        title=title, compare=compare, runs=[_run_info(n, ds) for n, ds in runs], names=names,
        headlines=headlines(runs, scenarios), sections=sections, figures=figures,
        missing=[{"title": s.title, "section": s.section, "needs": ", ".join(m)} for s, m in missing],
        assumptions=rows, key_assumptions=key_assumption_rows(rows), n_flagged=sum(r["flagged"] for r in rows), n_differing=differing,
        has_scenario=any(sc is not None for sc in scenarios),
        observations=calibration_rows(runs), targets=target_rows(runs, scenarios),
        fit=fit_rows(runs, scenarios), solutions=solution_rows(runs), deadweight=deadweight_rows(runs),
        differences=diffs, files=files or [], version=__version__,
        valuation=_valuation(runs), fiscal=_by_run(runs, _fiscal_tables), actuarial=_by_run(runs, actuarial_tables),
    )


def _fiscal_tables(ds: xr.Dataset) -> list:
    reach = reach_table(ds)
    return cost_tables(ds) + ([reach] if reach is not None else [])


def _by_run(runs: list[tuple[str, xr.Dataset]], tables) -> list[tuple[str, list]]:
    """``tables(ds)`` of every run that has any, with the run's name."""
    found = [(name, tables(ds)) for name, ds in runs]
    return [(name, t) for name, t in found if t]


def _valuation(runs: list[tuple[str, xr.Dataset]]) -> list[tuple[str, list[dict]]]:
    """The valuation table's groups of rows in order, values formatted; empty without
    valuation results."""
    if not any("general_average_premium_horizon_all" in ds.attrs for _, ds in runs):
        return []
    groups: dict[str, list[dict]] = {}
    for r in valuation_rows(runs):
        groups.setdefault(r.group, []).append(
            {"indicator": r.indicator, "unit": r.unit, "values": [shown(v) for v in r.values]})
    return list(groups.items())


def write_report(path: Path, runs: list[tuple[str, xr.Dataset]], scenarios: list | None = None,
                 differences: pd.DataFrame | None = None, files: list[str] | None = None,
                 assumptions: list[pd.DataFrame] | None = None, rendered: tuple | None = None) -> None:
    """Render the report and write it to ``path`` (the caller makes the write atomic)."""
    Path(path).write_text(render_report(runs, scenarios, differences, files, assumptions, rendered),
                          encoding="utf-8")
