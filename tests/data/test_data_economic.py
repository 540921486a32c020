import numpy as np
import pandas as pd
import pytest

from engine import demographic_inputs as d
from engine import economic_inputs as e
from engine.dims import N_AGES


# --------------------------------------------------------------------------- macro
def test_gdp_history_in_lak():
    gdp = e.gdp_nominal_history()
    assert sorted(gdp) == [2019, 2020, 2021, 2022, 2023]
    assert gdp[2023] == pytest.approx(280.25e12)
    np.testing.assert_allclose(e.gdp_nominal([2019, 2023]), [162.66e12, 280.25e12])
    assert e.entry("gdp_nominal")["status"] == "confirmed"


def test_growth_and_inflation_paths():
    years = np.arange(2019, 2061)
    g, pi = e.real_growth(years), e.inflation(years)
    assert g.shape == pi.shape == (years.size,)
    at = dict(zip(years.tolist(), g))
    assert at[2019] == pytest.approx(0.0546) and at[2024] == pytest.approx(0.0413)
    assert at[2025] == at[2026] == pytest.approx(0.045)
    assert all(at[y] == pytest.approx(0.06) for y in range(2027, 2031))
    assert at[2040] == pytest.approx(0.045) and at[2050] == pytest.approx(0.03)
    assert at[2060] == pytest.approx(0.03)
    assert np.all(np.diff(g[years >= 2030]) <= 1e-15)
    inf = dict(zip(years.tolist(), pi))
    assert inf[2023] == pytest.approx(0.3123) and inf[2025] == pytest.approx(0.15)
    assert inf[2026] == inf[2060] == pytest.approx(0.05)
    for name in ("real_gdp_growth_long_run", "cpi_inflation_target", "gdp_deflator_equals_cpi",
                 "government_expenditure_share_gdp_projection"):
        assert e.entry(name)["status"] == "assumption"
    with pytest.raises(ValueError, match="macro paths start in 2019"):
        e.real_growth([2010])


def test_nominal_gdp_projection_and_expenditure_share():
    y24, y25 = e.gdp_nominal([2024, 2025])
    assert y24 == pytest.approx(280.25e12 * 1.0413 * 1.2313)
    assert y25 == pytest.approx(y24 * 1.045 * 1.15)
    np.testing.assert_allclose(e.government_expenditure_share([2019, 2020, 2021, 2022, 2030, 2100]),
                               [0.205, 0.205, 0.135, 0.15, 0.15, 0.15])
    np.testing.assert_allclose(e.government_expenditure_share([2021])[0] * e.gdp_nominal_history()[2021], 24.7e12,
                               rtol=0.01)                          # the 2021 outturn, 24.7 trillion LAK
    ratio = e.gdp_plan_ratio([2023, 2024, 2050])
    np.testing.assert_allclose(ratio[:2] * e.gdp_nominal([2023, 2024]), [234.16e12, 293.79e12], rtol=1e-12)
    assert ratio[2] == ratio[1]


def test_cached_paths_cannot_be_corrupted():
    g = e.real_growth([2030])
    g[:] = 99.0
    assert e.real_growth([2030])[0] == pytest.approx(0.06)
    params = e.macro_parameters()
    params["gdp_nominal"]["value"][2023] = 0.0
    assert e.gdp_nominal_history()[2023] == pytest.approx(280.25e12)


# -------------------------------------------------------------------- minimum wage
def test_minimum_wage_changes_and_history():
    changes = e.minimum_wage_changes()
    assert changes["lak_per_month"].tolist() == [626_000, 900_000, 1_100_000, 1_200_000,
                                                1_300_000, 1_600_000, 2_500_000]
    assert changes["effective_date"].iloc[-1].isoformat() == "2024-10-01"
    avg = e.minimum_wage_history()
    assert isinstance(avg, pd.Series) and avg.index[0] == 2012 and avg.index[-1] == 2024
    assert avg[2013] == 626_000
    assert avg[2015] == pytest.approx((626_000 * 90 + 900_000 * 275) / 365)
    assert avg[2018] == pytest.approx((900_000 * 120 + 1_100_000 * 245) / 365)
    assert avg[2023] == pytest.approx((1_200_000 * 120 + 1_300_000 * 153 + 1_600_000 * 92) / 365)
    assert avg[2024] == pytest.approx((1_600_000 * 274 + 2_500_000 * 92) / 366)
    end = e.minimum_wage_end_of_year(last_year=2026)
    assert end[2022] == 1_200_000 and end[2023] == 1_600_000 and end[2026] == 2_500_000
    assert np.all(avg.values <= end.loc[avg.index].values)


# ------------------------------------------------------------------- labour market
def test_participation_rates_are_plausible():
    lfpr = e.participation_rates()
    assert lfpr.shape == (2, N_AGES)
    assert np.all(lfpr[:, :15] == 0) and np.all((lfpr >= 0) & (lfpr <= 1))
    prime = lfpr[:, 25:50].mean(axis=1)
    assert 0.55 < prime[1] < prime[0] < 0.8
    assert np.all(lfpr[:, 70] < 0.5 * lfpr[:, 45])
    assert e.entry("unemployment_rate")["status"] == "reported"


def test_participation_gives_lfs_2022_employment():
    """Employment implied by the assumed participation within 10 % of ~2.48 million."""
    pop = d.base_population()
    totals = d.wpp_population_totals()
    pop_2022 = pop * 0.5 * (totals[2021] + totals[2022]) / pop.sum()  # mid-2022 level
    employed = e.implied_employment(pop_2022)
    target = e.total_employment_2022()
    assert target == pytest.approx(2_476_852, abs=1)
    assert employed.sum() == pytest.approx(target, rel=0.10)
    assert employed[1] / employed.sum() == pytest.approx(0.45, abs=0.05)


def test_employment_split_consistent_with_insured_members():
    split = e.employment_split()
    assert sum(split.values()) == pytest.approx(1.0, abs=1e-12)
    assert split["informal"] == pytest.approx(0.864)
    documented = e.entry("employment_split")
    assert documented["status"] == "derived" and "method" in documented
    for key, value in documented["value"].items():
        assert split[key] == pytest.approx(value, abs=1e-6)
    lab = e.labour_market_parameters()
    members = lab["insured_members"]["value"]
    shares = lab["insured_members_scheme_share"]["value"]
    compulsory = members * (shares["civil_servant"] + shares["enterprise"])
    formal = (1 - split["informal"]) * e.total_employment_2022()
    assert compulsory / formal == pytest.approx(0.971, abs=0.005)
    gov = split["civil_servant"] / (split["civil_servant"] + split["enterprise"])
    assert gov == pytest.approx(0.493 / 0.924)
    assert e.informal_share("female") == 0.875 and e.informal_share("male") == 0.855
    assert e.unemployment_rate() == 0.024
    assert e.entry("total_employment")["value"] == round(e.total_employment_2022())
