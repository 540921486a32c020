"""The funds results of a whole run: CONTRACT variables, identity, attributes, files."""

import numpy as np
import pytest
import xarray as xr

import engine
from engine.dims import FUNDS
from engine.output import _netcdf_ready
from engine.summary import summary_table
from tests.funds.helpers import run_projected, BASELINE, STRESS

CONTRACT = {
    "contributions": ("year", "scheme", "fund"), "investment_income": ("year", "fund"),
    "benefits": ("year", "fund"), "admin_costs": ("year", "fund"),
    "transfers_out": ("year", "fund"), "reserve": ("year", "fund"),
    "nhi_income": ("year", "source"), "nhi_expenditure": ("year",),
    "subsidy_cost": ("year",), "spf_cost": ("year", "programme"),
}
PCT = ["contributions", "benefits", "reserve", "subsidy_cost", "nhi_expenditure", "spf_cost"]


def identity_error(ds: xr.Dataset) -> float:
    """Largest relative residual of the CONTRACT identity over funds and years."""
    reserve = ds["reserve"].to_numpy()
    initial = np.array([ds.attrs[f"initial_reserve_{f}"] for f in ds["fund"].to_numpy()])
    previous = np.vstack([initial[None], reserve[:-1]])
    flows = (ds["contributions"].sum("scheme") + ds["investment_income"] - ds["benefits"]
             - ds["admin_costs"] - ds["transfers_out"] + ds["deficit_financing"]).to_numpy()
    scale = np.maximum.reduce([np.abs(previous), np.abs(reserve),
                               np.abs(ds["contributions"].sum("scheme").to_numpy()),
                               np.abs(ds["benefits"].to_numpy()), np.ones_like(reserve)])
    return float((np.abs(reserve - previous - flows) / scale).max())


def test_contract_variables_exist_with_units(baseline_run):
    ds = baseline_run
    for name, dims in CONTRACT.items():
        assert ds[name].dims == dims, name
        assert ds[name].attrs["units"], name
    assert list(ds["fund"].to_numpy()) == list(FUNDS)
    assert set(ds["source"].to_numpy()) >= {"government_budget", "nssf_transfer", "copayments"}
    assert ds.sizes["programme"] == 0
    for x in PCT:
        var = ds[f"{x}_pct_gdp"]
        assert var.dims == ("year",) and var.attrs["units"] == "percent of GDP"
        other = [d for d in ds[x].dims if d != "year"]
        np.testing.assert_allclose(var, 100 * ds[x].sum(other) / ds["gdp"], rtol=1e-12)


def test_identity_holds_for_every_fund_and_year(baseline_run):
    assert identity_error(baseline_run) < 1e-9


SCHEME_FLOWS = ("investment_income", "benefits", "admin_costs", "transfers_out", "deficit_financing", "reserve")


@pytest.mark.parametrize("accounts", ["separate", "pooled"])
def test_scheme_accounts_sum_to_the_sub_funds_and_balance(accounts, baseline_run):
    """Each scheme's account obeys the identity, and the schemes add up to the pooled
    variables to 1e-9 in every year and sub-fund, whether the schemes pool or not."""
    ds = baseline_run if accounts == "separate" else run_projected(
        engine.load_scenario(BASELINE, ["funds.scheme_accounts=pooled"]))
    assert ds.attrs["scheme_accounts"] == accounts
    for name in SCHEME_FLOWS:
        by_scheme = ds[f"{name}_by_scheme"].sum("scheme")
        scale = float(np.abs(ds[name]).max()) or 1.0
        assert float(np.abs(by_scheme - ds[name]).max()) <= 1e-9 * scale, name
    reserve = ds["reserve_by_scheme"].to_numpy()
    initial = np.array([[ds.attrs[f"initial_reserve_{f}"] * share for f in FUNDS]
                        for share in (0.0, 0.95, 0.05)])
    previous = np.concatenate([initial[None], reserve[:-1]])
    flows = (ds["contributions"] + ds["investment_income_by_scheme"] - ds["benefits_by_scheme"]
             - ds["admin_costs_by_scheme"] - ds["transfers_out_by_scheme"] + ds["deficit_financing_by_scheme"]).to_numpy()
    scale = np.maximum.reduce([np.abs(previous), np.abs(reserve), np.abs(ds["contributions"].to_numpy()),
                               np.abs(ds["benefits_by_scheme"].to_numpy()), np.ones_like(reserve)])
    assert float((np.abs(reserve - previous - flows) / scale).max()) < 1e-9
    # the state pays the civil servants' legacy pensions: their long-term account pays the rest
    paid = ds["benefits_by_scheme"].sel(scheme="civil_servant", fund="long_term")
    branches = ds["benefit_expenditure"].sel(scheme="civil_servant",
                                             branch=["old_age", "lump_sum", "disability", "survivors"]).sum("branch")
    np.testing.assert_allclose(paid, branches - ds["legacy_pension_cost"], rtol=1e-12)
    assert float(ds["legacy_pension_cost"].sel(year=2024)) > 0


def test_health_inflow_goes_to_nhi(baseline_run):
    ds = baseline_run
    health = ds.sel(fund="health")
    np.testing.assert_allclose(health["transfers_out"],
                               health["contributions"].sum("scheme") + health["investment_income"]
                               - health["benefits"] - health["admin_costs"], rtol=1e-12)
    np.testing.assert_allclose(ds["nhi_income"].sel(source="nssf_transfer"), health["transfers_out"])
    assert float(np.abs(health["reserve"]).max()) == 0.0


def test_depletion_attributes_are_netcdf_ready(baseline_run):
    attrs = baseline_run.attrs
    parts = dict(p.split(": ") for p in attrs["reserve_depletion_year"].split("; "))
    assert list(parts) == list(FUNDS)
    for fund, year in parts.items():
        per_fund = attrs[f"reserve_depletion_year_{fund}"]
        assert str(per_fund) == year
        assert per_fund == "none" or isinstance(per_fund, int)
    assert isinstance(attrs["general_average_premium"], float)
    assert 0 < attrs["general_average_premium"] < 1


def test_depletion_year_is_the_first_year_the_state_finances(baseline_run):
    """Under the state guarantee the reserve never falls below zero; the depletion year is
    the first year of deficit financing."""
    reserve = baseline_run["reserve"]
    assert float(reserve.min()) >= 0.0
    for fund in FUNDS:
        financed = baseline_run["deficit_financing"].sel(fund=fund) > 0
        expected = int(reserve["year"][financed].min()) if bool(financed.any()) else "none"
        assert baseline_run.attrs[f"reserve_depletion_year_{fund}"] == expected


@pytest.fixture(scope="module")
def stress_run():
    return run_projected(engine.load_scenario(STRESS))


def test_stress_scenario_depletes(stress_run, baseline_run):
    ds = stress_run
    year = ds.attrs["reserve_depletion_year_long_term"]
    assert isinstance(year, int), "the stress scenario must deplete the long-term sub-fund"
    reserve = ds["reserve"].sel(fund="long_term")
    first_negative = int(reserve["year"][reserve < 0].min())
    assert year == first_negative
    assert float(reserve.sel(year=year - 1)) >= 0 > float(reserve.sel(year=year))
    assert f"long_term: {year}" in ds.attrs["reserve_depletion_year"]
    assert float(np.abs(ds["investment_income"]).max()) == 0.0           # zero return
    assert identity_error(ds) < 1e-9
    base_year = baseline_run.attrs["reserve_depletion_year_long_term"]
    assert base_year == "none" or year <= base_year
    assert ds.attrs["general_average_premium"] > baseline_run.attrs["general_average_premium"]


def test_netcdf_and_summary(baseline_run, tmp_path):
    """results.nc keeps the attributes and the empty programme dimension (written as
    engine.output.write_results writes it); summary.csv gets the funds columns."""
    _netcdf_ready(baseline_run).to_netcdf(tmp_path / "results.nc", engine="netcdf4")
    with xr.open_dataset(tmp_path / "results.nc") as back:
        assert back.attrs["reserve_depletion_year"] == baseline_run.attrs["reserve_depletion_year"]
        np.testing.assert_allclose(back["reserve"], baseline_run["reserve"])
        assert back["spf_cost"].shape == (baseline_run.sizes["year"], 0)
    table = summary_table(baseline_run)
    for column in ("contributions", "benefits", "reserve_health", "reserve_short_term",
                   "reserve_long_term", "reserve_ratio", "payg_cost_rate", "contributions_pct_gdp",
                   "benefits_pct_gdp", "reserve_pct_gdp", "nhi_expenditure_pct_gdp"):
        assert column in table.columns
    total = baseline_run["reserve"].sum("fund") / (
        baseline_run["benefits"] + baseline_run["admin_costs"] + baseline_run["transfers_out"]).sum("fund")
    np.testing.assert_allclose(table["reserve_ratio"], total)


def test_pensions_and_branches(baseline_run):
    ds = baseline_run
    assert ds["benefit_expenditure"].attrs["units"] == "LAK"
    by_fund = ds["benefit_expenditure"].sum("scheme")
    long_term = by_fund.sel(branch=["old_age", "lump_sum", "disability", "survivors"]).sum("branch")
    np.testing.assert_allclose(ds["benefits"].sel(fund="long_term"), long_term - ds["legacy_pension_cost"],
                               rtol=1e-12)
    vol = ds["benefit_expenditure"].sel(scheme="voluntary")
    assert float(vol.sel(branch=["employment_injury", "unemployment"]).sum()) == 0.0
    assert (ds["pensions_in_payment"] >= 0).all()
    assert float(ds["pensions_in_payment"].sel(pension="old_age").isel(year=-1).sum()) > \
        float(ds["pensions_in_payment"].sel(pension="old_age").isel(year=0).sum())


def test_subsidy_cost(baseline_run):
    """Zero under current policy; with the enrolment stage's subsidy lever, the government's
    share of the lowest contribution for every voluntary member, a part of contributions."""
    assert float(np.abs(baseline_run["subsidy_cost"]).max()) == 0.0
    ds = run_projected(engine.load_scenario(BASELINE, ["enrolment.subsidy_share=0.5",
                                                    "horizon.end_year=2030"]))
    members = ds["active_members"].sel(scheme="voluntary")
    lowest = 0.09 * ds["minimum_wage"]
    np.testing.assert_allclose(ds["subsidy_cost"], 0.5 * lowest * 12 * members, rtol=1e-9)
    assert (ds["subsidy_cost"] < ds["contributions"].sel(scheme="voluntary").sum("fund")).all()


def test_results_start_at_the_base_year(baseline_full):
    """The first row of every result is the base year: its stocks at 31 December are the
    initial conditions, its flows NaN."""
    ds = baseline_full
    assert int(ds["year"][0]) == ds.attrs["base_year"] == 2023
    first = ds.sel(year=2023)
    for fund in FUNDS:
        assert float(first["reserve"].sel(fund=fund)) == ds.attrs[f"initial_reserve_{fund}"]
    assert float(first["active_members"].sum()) == pytest.approx(353_962, rel=0.001)
    assert float(first["active_members"].sel(scheme="voluntary")) == pytest.approx(26_793, abs=1)
    assert float(first["gdp"]) > 0 and float(first["population_year_end"].sum()) > 7e6
    assert np.isnan(first["contributions"]).all() and np.isnan(first["benefits"]).all()
    np.testing.assert_allclose(first["reserve_by_scheme"].sum("scheme"), first["reserve"])
    assert float(first["pensioners"].sel(benefit="old_age").sum()) == 45_000
    # the first projected year starts from it
    second = ds.sel(year=2024)
    assert np.isfinite(second["contributions"]).all()
