"""Insurable earnings within floor and ceiling rules, and contributions by sub-fund."""

import numpy as np
import pytest
from scipy import integrate, stats

from engine.dims import FUNDS, SCHEMES
from engine.funds.contributions import allocation_keys, contributions_by_fund, insurable_wage_bill
from engine.funds.earnings import (
    age_profile, expected_clipped_lognormal, insurable_earnings, voluntary_level_shares
)
from engine.macro import IndexSeries, MoneyIndices
from engine.rules import bound_path
from engine.scenario.load import scenario_from_dict
from tests.funds.helpers import stationary_inputs


@pytest.mark.parametrize("mean, sigma, floor, ceiling", [
    (2.5e6, 0.4, 1.6e6, 4.5e6), (1.0e6, 0.8, 1.6e6, 4.5e6), (9e6, 0.3, 1.6e6, 4.5e6),
    (2e6, 0.5, 0.0, np.inf), (2e6, 0.5, 1.0e6, np.inf), (2e6, 0.5, 0.0, 3e6)])
def test_clipped_lognormal_matches_integration(mean, sigma, floor, ceiling):
    m = np.log(mean) - 0.5 * sigma**2                    # X = exp(m + sigma Z), Z standard normal
    kinks = [(np.log(b) - m) / sigma for b in (floor, ceiling) if 0 < b < np.inf]
    want, _ = integrate.quad(lambda z: min(max(np.exp(m + sigma * z), floor), ceiling) * stats.norm.pdf(z),
                             -15, 15, points=kinks or None, limit=400, epsabs=0, epsrel=1e-11)
    got = expected_clipped_lognormal(mean, sigma, floor, ceiling)
    assert got == pytest.approx(want, rel=1e-7)


def test_clipped_lognormal_without_dispersion_is_a_clamp():
    got = expected_clipped_lognormal(np.array([1e6, 3e6, 6e6]), 0.0, 1.6e6, 4.5e6)
    np.testing.assert_array_equal(got, [1.6e6, 3e6, 4.5e6])


def test_age_profile_peaks_and_averages_one():
    profile = age_profile(0.03, 45)
    assert profile.argmax() == 45
    assert profile[20:60].mean() == pytest.approx(1.0, rel=1e-14)


def _series(value_by_year):
    years = np.array(sorted(value_by_year))
    return IndexSeries(years, np.array([value_by_year[y] for y in years], dtype=float))


def test_bound_rules():
    years = np.arange(2024, 2030)
    prices = _series({y: 1.05 ** (y - 2020) for y in range(2019, 2030)})
    earnings = _series({y: 1.08 ** (y - 2023) for y in range(2019, 2030)})
    wage = _series({y: 1e6 * (y - 2018) for y in range(2019, 2030)})
    common = dict(indices=MoneyIndices(prices=prices, earnings=earnings, minimum_wage=wage), first_projected=2024)
    s = scenario_from_dict({"name": "b", "schemes": {"insurable_earnings": {
        "floor": {"rule": "minimum_wage", "multiple": 1.5, "lag_years": 1},
        "ceiling": {"rule": "prices", "amount": 4.5e6, "indexation_start_year": 2026, "lag_years": 2}}}})
    bounds = s.schemes.insurable_earnings
    floor = bound_path(bounds.floor, years, kind="floor", **common)
    np.testing.assert_allclose(floor, 1.5 * 1e6 * (years - 1 - 2018))
    ceiling = bound_path(bounds.ceiling, years, kind="ceiling", **common)
    expected = np.where(years < 2026, 4.5e6, 4.5e6 * 1.05 ** (years - 2025))
    np.testing.assert_allclose(ceiling, expected, rtol=1e-14)
    fixed = scenario_from_dict({"name": "f", "schemes": {"insurable_earnings": {
        "ceiling": {"rule": "fixed", "amount": {2024: 4.5e6, 2027: 6e6}}}}})
    np.testing.assert_array_equal(
        bound_path(fixed.schemes.insurable_earnings.ceiling, years, kind="ceiling", **common),
        [4.5e6, 4.5e6, 4.5e6, 6e6, 6e6, 6e6])
    none = scenario_from_dict({"name": "n", "schemes": {"insurable_earnings": {"ceiling": {"rule": "none"}}}})
    unbounded = bound_path(none.schemes.insurable_earnings.ceiling, years, kind="ceiling", **common)
    assert np.isinf(unbounded).all()


def test_voluntary_levels_default_mean(default_scenario):
    """77 % at the floor, the rest evenly over levels 1..16 of floor x (1 + k/11)."""
    shares = voluntary_level_shares(default_scenario.schemes.voluntary)
    assert shares[0] == 0.77 and shares.sum() == pytest.approx(1.0, abs=1e-15)
    yearly = default_scenario.model_copy(
        update={"enrolment": default_scenario.enrolment.model_copy(update={"contract_years": 1})})
    inputs = stationary_inputs(yearly, n_years=3)
    ie = insurable_earnings(yearly, inputs)            # levels chosen every year
    floor = ie.floor[1]
    levels = np.minimum(floor * (1 + np.arange(17) / 11), ie.ceiling[1])
    expected = 0.77 * floor + 0.23 / 16 * levels[1:].sum()
    assert ie.projected[0, 2, 0, 30] == pytest.approx(expected, rel=1e-9)
    assert np.ptp(ie.projected[0, 2]) == 0.0           # same at every age and sex
    # today's two-year term: the higher levels are chosen at renewal, half of them a year ago
    renewal = insurable_earnings(default_scenario, stationary_inputs(default_scenario, n_years=3))
    before = np.minimum(ie.floor[0] * (1 + np.arange(17) / 11), ie.ceiling[0])
    held = (np.maximum(before[1:], floor) + levels[1:]) / 2
    assert renewal.projected[0, 2, 0, 30] == pytest.approx(0.77 * floor + 0.23 / 16 * held.sum(), rel=1e-9)


def test_ceiling_never_below_floor(default_scenario):
    s = scenario_from_dict({"name": "c", "schemes": {"insurable_earnings": {
        "ceiling": {"rule": "fixed", "amount": 1.0e6}}}})
    ie = insurable_earnings(s, stationary_inputs(default_scenario, n_years=5))
    assert np.all(ie.ceiling >= ie.floor)
    np.testing.assert_allclose(ie.by_age[:, :2], np.broadcast_to(ie.floor[:, None, None, None],
                                                                  ie.by_age[:, :2].shape))


def test_average_earnings_is_the_members_mean(default_scenario):
    """Without floor, ceiling or dispersion the members' average equals the parameter."""
    s = scenario_from_dict({"name": "m", "schemes": {
        "insurable_earnings": {"floor": {"rule": "none"}, "ceiling": {"rule": "none"}},
        "earnings_profile": {"dispersion": 0.0, "female_ratio": 0.8}}})
    inputs = stationary_inputs(default_scenario, n_years=2)
    ie = insurable_earnings(s, inputs)
    for k, scheme in enumerate(SCHEMES[:2]):
        members = inputs.active[0, k]
        average = (members * ie.base[k]).sum() / members.sum()
        assert average == pytest.approx(getattr(s.schemes, scheme).average_earnings, rel=1e-12)
    assert ie.base[0, 1, 40] / ie.base[0, 0, 40] == pytest.approx(0.8)


def test_voluntary_allocation_is_the_published_split(default_scenario):
    """9 % of insurable earnings: 1.25 health, 2.5 short-term, 5.25 long-term (ILO/WIEGO 2024)."""
    keys = allocation_keys(default_scenario)
    rate = 0.09
    np.testing.assert_allclose(keys[2] * rate, [0.0125, 0.025, 0.0525], rtol=1e-9)
    np.testing.assert_allclose(keys.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    # compulsory keys give health 1.25 points too (flagged assumption)
    np.testing.assert_allclose(keys[0, 0] * 0.165, 0.0125, rtol=1e-9)
    np.testing.assert_allclose(keys[1, 0] * 0.115, 0.0125, rtol=1e-9)


def test_contributions_formula():
    rng = np.random.default_rng(3)
    active = rng.random((4, 3, 2, 101)) * 100
    earnings = rng.uniform(1e6, 4e6, (4, 3, 2, 101))
    months = np.full((4, 3), 12.0)
    rates = np.tile([0.165, 0.115, 0.09], (4, 1))
    keys = np.array([[0.1, 0.3, 0.6]] * 3)
    bill = insurable_wage_bill(active, earnings, months)
    contributions = contributions_by_fund(bill, rates, keys)
    direct = np.einsum("tsxa,tsxa->ts", active, earnings) * 12 * rates
    np.testing.assert_allclose(contributions.sum(axis=2), direct, rtol=1e-13)
    np.testing.assert_allclose(contributions[:, :, FUNDS.index("long_term")], 0.6 * direct, rtol=1e-13)


def test_baseline_contributions_by_fund(baseline_run):
    """In the baseline run, each scheme's contributions = its insurable earnings x its rate,
    and the voluntary scheme's sub-fund split is 1.25 : 2.5 : 5.25."""
    c = baseline_run["contributions"]
    rates = {"civil_servant": 0.165, "enterprise": 0.115, "voluntary": 0.09}
    for scheme, rate in rates.items():
        np.testing.assert_allclose(c.sel(scheme=scheme).sum("fund"),
                                   rate * baseline_run["insurable_earnings"].sel(scheme=scheme), rtol=1e-12)
    vol = c.sel(scheme="voluntary")
    np.testing.assert_allclose(vol.sel(fund="long_term") / vol.sel(fund="health"), 5.25 / 1.25, rtol=1e-9)
    np.testing.assert_allclose(vol.sel(fund="short_term") / vol.sel(fund="health"), 2.5 / 1.25, rtol=1e-9)
