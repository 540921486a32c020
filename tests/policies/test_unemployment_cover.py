"""``unemployment_cover``: unemployment benefits added to the voluntary scheme with the
contribution that pays for them, in the price of joining."""

import numpy as np
import pytest

from engine.policies.enrolment import enrolment_effects
from tests.policies.helpers import assert_identical, flat_levers, run, run_projected, with_policies
from tests.policies.test_schema import _problems

COVER = {"type": "unemployment_cover", "name": "u", "start_year": 2027, "contribution_rate": 0.004,
         "incidence_rate": 0.03, "months_per_claim": 4, "replacement_rate": 0.5}
MONTHS = 12.0


@pytest.fixture(scope="module")
def covered():
    return with_policies([COVER]), run_projected(with_policies([COVER]))


def test_nothing_moves_before_the_start_year(covered):
    _, ds = covered
    assert_identical(ds, run(), before=2027)


def test_contributions_and_benefits_of_the_cover(covered):
    """From 2027: the short-term sub-fund receives 0.4 % of the voluntary wage bill on top
    of its share of the 9 %, and pays 0.03 x 4 x 0.5 = 6 % of a month's insurable
    earnings per member a year in unemployment benefits."""
    s, ds = covered
    later = ds.sel(year=ds["year"] >= 2027)
    bill = later["insurable_earnings"].sel(scheme="voluntary")                 # LAK per year
    a = s.schemes.voluntary.allocation
    share = a.short_term / (a.health + a.short_term + a.long_term)
    np.testing.assert_allclose(later["contributions"].sel(scheme="voluntary", fund="short_term"),
                               bill * (0.09 * share + 0.004), rtol=1e-9)
    np.testing.assert_allclose(later["benefit_expenditure"].sel(scheme="voluntary", branch="unemployment"),
                               bill / MONTHS * 0.03 * 4 * 0.5, rtol=1e-9)
    np.testing.assert_allclose(ds["benefit_expenditure"].sel(scheme="enterprise"),
                               run()["benefit_expenditure"].sel(scheme="enterprise"), rtol=1e-9)


def test_the_higher_price_lowers_enrolment_and_is_reported_per_block(covered):
    _, ds = covered
    added = ds["enrolment_block_additional_members"].sel(enrolment_block="u")
    change = ds["active_members"].sel(scheme="voluntary") - run()["active_members"].sel(scheme="voluntary")
    np.testing.assert_allclose(added, change, atol=1e-6)
    assert float(added.sel(year=2030)) < 0.0 and float(added.sel(year=2026)) == 0.0


def test_the_added_rate_enters_the_lowest_contribution_of_members_on_no_package():
    s = with_policies([COVER, {"type": "reduced_package", "name": "p", "start_year": 2027, "rate": 0.05,
                               "branches": ["short_term"],
                               "eligible": {"income": "bands", "income_bands": ["lt_1_1m"]}}])
    years = np.arange(2025, 2030)
    levers = flat_levers(years, reach=0.1, lapse=0.1)
    effects = enrolment_effects(s, levers)
    rate = effects.full_contribution / 2.5e6
    on_package = effects.package >= 0
    np.testing.assert_allclose(rate[:2], 0.09)
    np.testing.assert_allclose(rate[2:][~on_package[2:]], 0.094)
    np.testing.assert_allclose(rate[2:][on_package[2:]], 0.05)


@pytest.mark.parametrize("policies, words", [
    ([{**COVER, "contribution_rate": -0.01}], ["policies.0.contribution_rate", ">= 0"]),
    ([{**COVER, "incidence_rate": 1.5}], ["policies.0.incidence_rate", "<= 1"]),
    ([{**COVER, "replacment_rate": 0.5}], ["policies.0", "did you mean 'replacement_rate'"]),
    ([COVER, {**COVER, "name": "v"}], ["policies.1.type", "second unemployment_cover block"]),
])
def test_invalid_unemployment_cover_is_refused_with_its_key(policies, words):
    text = _problems(policies)
    for word in words:
        assert word in text, (word, text)
