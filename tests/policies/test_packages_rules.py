"""Reduced packages, contribution rules, benefit changes and the enrolment-side arrays."""

import numpy as np
import pytest

import engine
from engine.funds.earnings import voluntary_level_shares
from engine.policies.eligibility import cell_attributes, patterns, sex_age_mask
from engine.policies.enrolment import enrolment_effects
from engine.rules import with_benefit_changes
from tests.policies.helpers import END, SCENARIOS, flat_levers, run_projected, run, scenario, with_policies

MONTHS = 12.0


def _keys(s):
    a = s.schemes.voluntary.allocation
    keys = np.array([a.health, a.short_term, a.long_term])
    return keys / keys.sum()


def test_package_contributions_follow_its_branches():
    s, ds, base = scenario("reduced_annual_package"), run("reduced_annual_package"), run()
    kh, ks, kl = _keys(s)
    years = ds["year"].to_numpy()
    members = ds["active_members"].sel(scheme="voluntary").to_numpy()
    package = ds["package_members"].to_numpy()
    band = ds["voluntary_members_detail"].sel(income_group="lt_1_1m").sum(["sex", "age_band"]).to_numpy()
    np.testing.assert_allclose(package, np.where(years >= 2026, band, 0.0), rtol=1e-10)
    w = base["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()   # regular members
    floor = ds["minimum_wage"].to_numpy()                                       # floor = minimum wage
    regular = (members - package) * w * 0.09 * MONTHS
    on_package = package * floor * 0.065 * MONTHS
    got = ds["contributions"].sel(scheme="voluntary")
    np.testing.assert_allclose(got.sel(fund="short_term").to_numpy(), regular * ks, rtol=1e-9)
    np.testing.assert_allclose(got.sel(fund="health").to_numpy(), regular * kh + on_package * kh / (kh + kl),
                               rtol=1e-9)
    np.testing.assert_allclose(got.sel(fund="long_term").to_numpy(), regular * kl + on_package * kl / (kh + kl),
                               rtol=1e-9)


def test_package_members_get_no_short_term_cash_benefits():
    s, ds, base = scenario("reduced_annual_package"), run("reduced_annual_package"), run()
    years = ds["year"].to_numpy()
    members = ds["active_members"].sel(scheme="voluntary").to_numpy()
    regular = members - ds["package_members"].to_numpy()
    w = base["average_insurable_earnings"].sel(scheme="voluntary").to_numpy()
    sick = s.benefits.sickness
    expected = regular * w / (365.0 / 12.0) * sick.days_per_member.values(years) * sick.replacement_rate.values(years)
    got = ds["benefit_expenditure"].sel(scheme="voluntary", branch="sickness").to_numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-9)


def test_annual_payment_lowers_the_lapse_of_seasonal_earners_only():
    s = with_policies([{"type": "reduced_package", "name": "p", "start_year": 2026, "rate": 0.05,
                        "payment": "annual", "eligible": {"income": "bands", "income_bands": ["lt_1_1m"]}}])
    cells = cell_attributes()
    years = np.arange(2024, 2030)
    levers = flat_levers(years, reach=0.01, lapse=0.14)
    fx = enrolment_effects(s, levers)
    low = cells.band == 0
    after = years >= 2026
    lapse = fx.lapse[:, :, 0]
    assert np.all(lapse[~after] == 0.14)
    np.testing.assert_allclose(lapse[np.ix_(after, low & cells.seasonal)], 0.07)
    assert np.all(lapse[np.ix_(after, low & ~cells.seasonal)] == 0.14)
    assert np.all(lapse[:, ~low] == 0.14)
    full = fx.full_contribution[:, :, 0]
    np.testing.assert_allclose(full[np.ix_(after, low)], 0.05 * 2.5e6)
    np.testing.assert_allclose(full[np.ix_(~after, low)], 0.09 * 2.5e6)


def test_sex_age_patterns_number_the_combinations():
    masks = [sex_age_mask("female", (25, 44)), sex_age_mask("all", (40, 60))]
    pattern, keys = patterns(masks)
    assert keys.shape == (4, 2)
    for s in range(2):
        for a in (10, 30, 42, 50):
            assert tuple(keys[pattern[s, a]]) == (bool(masks[0][s, a]), bool(masks[1][s, a]))
    one, keys1 = patterns([])
    assert np.all(one == 0) and keys1.shape == (1, 0)


def _voluntary_average(s, floor, ceiling):
    vol = s.schemes.voluntary
    levels = np.minimum(floor * (1.0 + vol.level_step * np.arange(vol.levels)), ceiling)
    return float(levels @ voluntary_level_shares(vol))


def test_delinked_floor_sets_the_voluntary_floor_and_indexes_it_to_prices():
    s = engine.load_scenario(SCENARIOS / "delinked_floor.yaml", [f"horizon.end_year={END}",
                                                                "enrolment.contract_years=1"])
    ds, base = run_projected(s), run()                     # s: levels chosen every year
    avg, avg_base = ds["average_insurable_earnings"], base["average_insurable_earnings"]
    compulsory = ["civil_servant", "enterprise"]          # they keep the minimum-wage floor
    np.testing.assert_array_equal(avg.sel(scheme=compulsory).to_numpy(), avg_base.sel(scheme=compulsory).to_numpy())
    prices = ds["price_index"]
    for year in (2026, 2027, 2030):
        floor = 1.6e6 * (prices.sel(year=year - 1) / prices.sel(year=2025)).item()
        expected = _voluntary_average(s, floor, np.inf)  # the 4.5 m LAK ceiling (indexed) does not bind
        assert avg.sel(scheme="voluntary", year=year).item() == pytest.approx(expected, rel=1e-9)
    assert avg.sel(scheme="voluntary", year=2026).item() < avg_base.sel(scheme="voluntary", year=2026).item()
    vol, vol_base = (d["active_members"].sel(scheme="voluntary") for d in (ds, base))
    assert float(vol.sel(year=2030)) > float(vol_base.sel(year=2030))
    early = slice(None, 2025)
    np.testing.assert_array_equal(vol.sel(year=early).to_numpy(), vol_base.sel(year=early).to_numpy())


def test_benefit_change_rewrites_the_paths_from_its_start_year_with_phase_in():
    s = with_policies([{"type": "benefit_change", "name": "b", "start_year": 2030, "phase_in_years": 2,
                        "scheme": "voluntary", "accrual_rate": 0.025, "employment_injury_incidence": 0.004}])
    changed = with_benefit_changes(s)
    years = np.array([2024, 2029, 2030, 2031, 2034])
    np.testing.assert_allclose(changed.benefits.old_age.accrual_rate.voluntary.values(years),
                               [0.015, 0.015, 0.02, 0.025, 0.025])
    np.testing.assert_allclose(changed.benefits.employment_injury.incidence_rate.voluntary.values(years),
                               [0.0, 0.0, 0.002, 0.004, 0.004])
    assert changed.benefits.old_age.accrual_rate.enterprise == s.benefits.old_age.accrual_rate.enterprise
    assert with_benefit_changes(scenario()) is scenario()
    ds = run_projected(s)
    injury = ds["benefit_expenditure"].sel(scheme="voluntary", branch="employment_injury")
    assert float(injury.sel(year=2029)) == 0.0 and float(injury.sel(year=2031)) > 0.0


def test_health_quality_raises_interest_from_its_start_year():
    s = with_policies([{"type": "health_quality", "name": "h", "start_year": 2028, "interest_shift": 0.3}])
    ds, base = run_projected(s), run()
    vol, vol_base = (d["active_members"].sel(scheme="voluntary") for d in (ds, base))
    assert float(vol.sel(year=2030)) > float(vol_base.sel(year=2030))
    lowered = run_projected(with_policies([{"type": "health_quality", "name": "h", "start_year": 2028,
                                         "interest_multiplier": 0.5}]))
    assert float(lowered["active_members"].sel(scheme="voluntary", year=2030)) < float(vol_base.sel(year=2030))
