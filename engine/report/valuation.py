"""The valuation table of a run (or runs side by side), for the report and the workbook.

Rows read the Dataset attributes of :mod:`engine.funds.valuation` and the yearly returns:
economic assumptions (real return, real wage growth and their gap), the general average
premium and actuarial balance by horizon and sub-fund, present values, the accrued-to-date
liability by scheme, the scaled premium, and the first deficit and depletion years.
"""

from __future__ import annotations

from dataclasses import dataclass

import xarray as xr

from engine.dims import FUNDS, SCHEMES

HORIZONS = (("25y", "25 years"), ("50y", "50 years"), ("75y", "75 years"), ("horizon", "to the horizon"))
FUND_NAMES = {"health": "health", "short_term": "short-term", "long_term": "long-term", "all": "all sub-funds"}
ECONOMY_YEARS = (2030, 2100)


@dataclass(frozen=True)
class Row:
    group: str
    indicator: str
    unit: str
    values: list[float | str | None]


def _percent(value) -> float | None:
    return None if value is None else 100.0 * float(value)


def _mean(ds: xr.Dataset, name: str) -> float | None:
    if name not in ds:
        return None
    years = ds["year"].to_numpy()
    keep = (years >= ECONOMY_YEARS[0]) & (years <= ECONOMY_YEARS[1])
    values = ds[name].to_numpy()[keep]
    return float((1 + values).prod() ** (1 / len(values)) - 1) if len(values) else None


def valuation_rows(runs: list[tuple[str, xr.Dataset]]) -> list[Row]:
    """The valuation table, one value per run (None where a run lacks it)."""
    def attr(key: str):
        return [ds.attrs.get(key) for _, ds in runs]

    rows: list[Row] = []
    period = f"{ECONOMY_YEARS[0]}-{ECONOMY_YEARS[1]}, a year"
    real_return = [_percent(_mean(ds, "real_investment_return")) for _, ds in runs]
    real_wages = [_percent(_mean(ds, "real_wage_growth")) for _, ds in runs]
    rows += [Row("Economic assumptions", f"real return on reserves ({period})", "%", real_return),
             Row("Economic assumptions", f"real wage growth ({period})", "%", real_wages),
             Row("Economic assumptions", "real return less real wage growth", "percentage points",
                 [None if a is None or b is None else a - b for a, b in zip(real_return, real_wages)])]
    for key, label in HORIZONS:
        for f in ("all", "long_term", "short_term"):
            rows.append(Row("General average premium", f"{FUND_NAMES[f]}, {label}", "% of insurable earnings",
                            [_percent(v) for v in attr(f"general_average_premium_{key}_{f}")]))
    for key, label in HORIZONS:
        for f in ("all", "long_term"):
            rows.append(Row("Actuarial balance", f"{FUND_NAMES[f]}, {label}", "% of insurable earnings",
                            [_percent(v) for v in attr(f"actuarial_balance_{key}_{f}")]))
    for key, label in HORIZONS:
        rows.append(Row("Present values (open group)", f"contributions, {label}", "billion LAK",
                        [None if v is None else v / 1e9 for v in attr(f"pv_contributions_{key}_all")]))
        rows.append(Row("Present values (open group)", f"expenditure, {label}", "billion LAK",
                        [None if v is None else v / 1e9 for v in attr(f"pv_expenditure_{key}_all")]))
    for s in SCHEMES + ("all",):
        label = s.replace("_", " ") if s != "all" else "all schemes"
        rows.append(Row("Accrued-to-date liability at the base year", label, "% of base-year GDP",
                        attr(f"accrued_liability_{s}_pct_gdp")))
    for f in ("long_term", "short_term"):
        target = attr("scaled_premium_target")[0] or ""
        rows.append(Row("Scaled premium", f"{FUND_NAMES[f]} ({target})", "% of insurable earnings",
                        [_percent(v) for v in attr(f"scaled_premium_{f}")]))
    for f in FUNDS:
        rows.append(Row("Deficit and depletion", f"{FUND_NAMES[f]}: first year contributions < benefits + "
                        "administration", "year", attr(f"first_deficit_year_{f}")))
        rows.append(Row("Deficit and depletion", f"{FUND_NAMES[f]}: depletion year (reserve spent)", "year",
                        attr(f"reserve_depletion_year_{f}")))
    return rows


def shown(value) -> str:
    """A value as the report prints it: two decimals for rates, whole numbers for LAK,
    years and words as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    value = float(value)
    if value != value:
        return ""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:,.2f}"
