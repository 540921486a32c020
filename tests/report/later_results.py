"""Made-up results with the CONTRACT's names, dims and units, for the variables still to come.

:func:`add_later_results` adds membership, fund, NHI and cost variables to a real run, so
that every figure, headline item and workbook sheet is exercised before those stages land.
"""

import numpy as np
import xarray as xr


def add_later_results(ds: xr.Dataset, scale: float = 1.0) -> xr.Dataset:
    """A copy of ``ds`` with made-up membership, fund, NHI and cost results."""
    years = ds["year"].values
    t = (years - years[0]).astype(float)
    gdp = ds["gdp"].values
    replaced = {"active_members", "new_members", "contributions", "benefits", "admin_costs", "transfers_out",
                "investment_income", "reserve", "nhi_income", "nhi_expenditure", "subsidy_cost", "spf_cost"}
    replaced |= {f"{n}_pct_gdp" for n in replaced}
    replaced |= {n for n, v in ds.variables.items() if {"source", "programme"} & set(v.dims)}
    out = ds.drop_vars(sorted(replaced & set(ds.variables)))
    grow = lambda rate: (1 + rate) ** t  # noqa: E731
    members = np.stack([175e3 * grow(0.01), 150e3 * grow(0.02), 27e3 * scale * grow(0.08)], axis=1)
    out["active_members"] = (("year", "scheme"), members, {"units": "persons"})
    out["new_members"] = (("year", "scheme"), 0.1 * members, {"units": "persons"})
    contrib = gdp[:, None, None] * 0.004 * np.array([1.0, 0.9, 0.1])[None, :, None] \
        * np.array([0.14, 0.28, 0.58])[None, None, :]
    out["contributions"] = (("year", "scheme", "fund"), contrib, {"units": "LAK"})
    flows = contrib.sum(1)
    benefits = flows * np.array([0.1, 0.8, 0.5])[None, :] * grow(0.06)[:, None]
    out["benefits"] = (("year", "fund"), benefits, {"units": "LAK"})
    out["admin_costs"] = (("year", "fund"), 0.03 * flows, {"units": "LAK"})
    transfers = np.zeros_like(flows)
    transfers[:, 0] = 0.85 * flows[:, 0]
    out["transfers_out"] = (("year", "fund"), transfers, {"units": "LAK"})
    out["investment_income"] = (("year", "fund"), 0.02 * flows, {"units": "LAK"})
    net = flows + 0.02 * flows - benefits - 0.03 * flows - transfers
    out["reserve"] = (("year", "fund"), 3 * flows[:1] + np.cumsum(net, axis=0), {"units": "LAK"})
    out = out.assign_coords(source=["government_budget", "nssf_transfer", "copayments", "cbhi_transfer"],
                            programme=["old_age_pension", "child_benefit"])
    nhi = gdp[:, None] * np.array([0.004, 0.001, 0.0005, 0.00001])[None, :]
    out["nhi_income"] = (("year", "source"), nhi, {"units": "LAK"})
    out["nhi_expenditure"] = (("year",), nhi.sum(1) * 1.05, {"units": "LAK"})
    out["subsidy_cost"] = (("year",), gdp * 0.0002 * scale * grow(0.03), {"units": "LAK"})
    out["spf_cost"] = (("year", "programme"), gdp[:, None] * np.array([0.004, 0.002]), {"units": "LAK"})
    for name in ("subsidy_cost", "spf_cost", "nhi_expenditure"):
        total = out[name].sum([d for d in out[name].dims if d != "year"])
        out[f"{name}_pct_gdp"] = (("year",), 100 * total.values / gdp, {"units": "% of GDP"})
    out.attrs.update({"reserve_depletion_year": "health: none; short_term: none; long_term: 2037",
                      "general_average_premium": 0.153, "general_average_premium_horizon": "2024-2100",
                      "calibration_fit": "RMSE 410 persons over 3 observations"})
    return out
