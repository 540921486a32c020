"""Results as the explorer page draws them: headline, charts and a table of differences.

Everything is read from the summary table (:func:`engine.summary.summary_table`) of the
current run against the reference run, so the page shows exactly what ``summary.csv``
and ``engine.run`` give. Numbers travel raw (``data``) beside the text shown, so that a
test can compare them with ``engine.run`` to the last digit.
"""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import xarray as xr

from engine.report.headline import depletion_text, headline_year
from engine.summary import summary_table

TABLE_YEARS = (2025, 2030, 2050)
BILLION = 1e9


def _number(value: object) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return value if math.isfinite(value) else None


def _series(table: pd.DataFrame, column: str, years: np.ndarray, scale: float = 1.0) -> list[float | None]:
    if column not in table:
        return [None] * len(years)
    values = table[column].reindex(years).to_numpy(dtype=float) * scale
    return [_number(v) for v in values]


def _derived(table: pd.DataFrame) -> pd.DataFrame:
    """Columns the page draws that the summary holds only in parts."""
    out = table.copy()
    if {"voluntary_members", "informal_employed"} <= set(out):
        out["coverage_pct"] = 100 * out["voluntary_members"] / out["informal_employed"]
    if {"reserve_long_term", "gdp"} <= set(out):
        out["reserve_long_term_pct_gdp"] = 100 * out["reserve_long_term"] / out["gdp"]
    return out


CHARTS = (
    ("voluntary_members", "Voluntary members", "persons at 31 December", 1.0),
    ("coverage_pct", "Coverage of informal workers", "% of the informally employed", 1.0),
    ("policy_cost_pct_gdp", "Government cost of the policy blocks", "% of GDP", 1.0),
    ("reserve_long_term_pct_gdp", "Long-term fund reserve", "% of GDP", 1.0),
)
"""(summary column, title, unit, scale) of each chart."""

ROWS = (
    ("voluntary_members", "Voluntary members", "persons", 1.0, 0),
    ("coverage_pct", "Coverage of informal workers", "%", 1.0, 2),
    ("subsidy_cost", "Subsidy cost", "billion LAK", 1 / BILLION, 1),
    ("policy_cost_pct_gdp", "Policy cost", "% of GDP", 1.0, 4),
    ("policy_cost_pct_government_expenditure", "Policy cost", "% of government expenditure", 1.0, 3),
    ("nhi_government_cost_pct_gdp", "NHI cost to the budget", "% of GDP", 1.0, 4),
    ("contributions_pct_gdp", "Contributions", "% of GDP", 1.0, 3),
    ("benefits_pct_gdp", "Benefits", "% of GDP", 1.0, 3),
    ("reserve_long_term", "Long-term fund reserve", "billion LAK", 1 / BILLION, 0),
    ("reserve_ratio", "Reserve ratio", "years of expenditure", 1.0, 2),
)
"""(summary column, label, unit, scale, decimals) of each row of the differences table."""


def _at(table: pd.DataFrame, column: str, year: int) -> float | None:
    if column not in table or year not in table.index:
        return None
    return _number(table.at[year, column])


def _fmt(value: float | None, decimals: int = 0, sign: bool = False) -> str:
    """A number as shown: thousands separated, a true minus sign, no '-0.00'."""
    if value is None:
        return "n/a"
    if round(value, decimals) == 0:
        value = 0.0
    text = f"{value:+,.{decimals}f}" if sign else f"{value:,.{decimals}f}"
    return text.replace("-", "\u2212")


def _headline(cur: pd.DataFrame, ref: pd.DataFrame, ds: xr.Dataset, ref_ds: xr.Dataset, year: int) -> list[dict]:
    added = _at(cur, "additional_voluntary_members", year)
    members, ref_members = _at(cur, "voluntary_members", year), _at(ref, "voluntary_members", year)
    coverage, ref_coverage = _at(cur, "coverage_pct", year), _at(ref, "coverage_pct", year)
    subsidy = _at(cur, "subsidy_cost", year)
    subsidy_gdp = _at(cur, "subsidy_cost_pct_gdp", year)
    subsidy_ge = _at(cur, "subsidy_cost_pct_government_expenditure", year)
    cost_gdp, cost_ge = _at(cur, "policy_cost_pct_gdp", year), _at(cur, "policy_cost_pct_government_expenditure", year)
    nhi_gdp = _at(cur, "nhi_government_cost_pct_gdp", year)
    target = [c for c in cur if c.startswith("projected_new_members")]
    items = [
        {"id": "additional-members", "label": f"Additional voluntary members, end-{year}",
         "text": _fmt(added, 0, sign=True), "data": added,
         "note": f"{_fmt(members)} members against {_fmt(ref_members)} in the reference"},
        {"id": "coverage", "label": f"Coverage of informal workers, {year}",
         "text": f"{_fmt(coverage, 2)} %", "data": coverage,
         "note": f"reference {_fmt(ref_coverage, 2)} %; voluntary members / informally employed"},
        {"id": "subsidy-cost", "label": f"Subsidy cost, {year}",
         "text": f"{_fmt(None if subsidy is None else subsidy / BILLION, 1)} bn LAK", "data": subsidy,
         "note": f"{_fmt(subsidy_gdp, 4)} % of GDP; {_fmt(subsidy_ge, 3)} % of government expenditure"},
        {"id": "policy-cost", "label": f"Government cost, {year}",
         "text": f"{_fmt(cost_gdp, 4)} % of GDP", "data": cost_gdp,
         "note": f"policy blocks: {_fmt(cost_ge, 3)} % of government expenditure; "
                 f"NHI budget {_fmt(nhi_gdp, 3)} % of GDP"},
        {"id": "depletion", "label": "Reserve depletion year", "text": depletion_text(ds) or "n/a",
         "data": None, "note": f"reference: {depletion_text(ref_ds) or 'n/a'}"},
    ]
    if target:
        suffix = target[0].removeprefix("projected_")
        known = cur[target[0]].dropna()
        at = int(known.index[-1]) if len(known) else year  # a target's value stands at its last year
        projected, goal = _at(cur, target[0], at), _at(cur, f"target_{suffix}", at)
        verdict = "" if projected is None or goal is None else (" (met)" if projected >= goal else " (not met)")
        label = re.sub(r"(\d{4}) (\d{4})", "\\1\u2013\\2", suffix.replace("_", " "))
        items.append({"id": "target", "label": f"Target: {label}", "text": _fmt(projected),
                      "data": projected, "note": f"target {_fmt(goal)}{verdict}"})
    return items


def page_figures(ds: xr.Dataset, ref_ds: xr.Dataset, reference_label: str) -> dict:
    """The page's results of a run ``ds`` against the reference run ``ref_ds``."""
    cur = _derived(summary_table(ds, baseline=ref_ds))
    ref = _derived(summary_table(ref_ds))
    year = headline_year(ds)
    years = np.asarray(ds["year"].to_numpy())
    charts = [{"id": column, "title": title, "unit": unit, "years": [int(y) for y in years],
               "current": _series(cur, column, years, scale), "reference": _series(ref, column, years, scale)}
              for column, title, unit, scale in CHARTS]
    table_years = [y for y in TABLE_YEARS if y in cur.index]
    rows = []
    for column, label, unit, scale, decimals in ROWS:
        cells = []
        for y in table_years:
            a, b = _at(ref, column, y), _at(cur, column, y)
            a = None if a is None else a * scale
            b = None if b is None else b * scale
            diff = None if a is None or b is None else b - a
            cells.append({"reference": _fmt(a, decimals), "current": _fmt(b, decimals),
                          "difference": _fmt(diff, decimals, sign=True),
                          "changed": diff is not None and round(diff, decimals) != 0})
        rows.append({"label": label, "unit": unit, "cells": cells})
    return {"year": year, "reference": reference_label, "headline": _headline(cur, ref, ds, ref_ds, year),
            "charts": charts, "differences": {"years": table_years, "rows": rows}}
