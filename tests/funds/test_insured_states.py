"""Insured persons in three states under whole runs: the voluntary scheme's inactive insured
follow the enrolment stage's lapses and returns, and the pension headline holds together."""

import numpy as np
import pytest

import engine
from engine.kernels.pension_columns import TOTALS
from tests.funds.helpers import run_projected, BASELINE

SHORT = "horizon.end_year=2050"


@pytest.fixture(scope="module")
def no_lapse_run():
    return run_projected(engine.load_scenario(BASELINE, ["enrolment.lapse_rate=0", SHORT]))


def test_no_lapse_leaves_no_inactive_voluntary_insured(no_lapse_run):
    ds = no_lapse_run
    assert float(ds["voluntary_lapsed"].max()) == 0.0
    inactive = ds["inactive_insured"].sel(scheme="voluntary")
    assert float(np.abs(inactive).max()) < 1e-6 * float(ds["active_members"].sel(scheme="voluntary").max())


def test_voluntary_inactive_insured_follow_lapses_and_returns(baseline_run):
    ds = baseline_run.sel(year=slice(None, 2050))
    inactive = ds["inactive_insured"].sel(scheme="voluntary")
    assert bool((inactive > 0).all())
    # the stock of the enrolment stage, which drops the lapsed at the exit age 60, and the
    # insured, who stay inactive until the pension age (55 for women), agree within a sixth
    lapsed = ds["voluntary_lapsed"]
    assert float(np.abs(inactive / lapsed - 1).max()) < 1 / 6
    more = run_projected(engine.load_scenario(BASELINE, ["enrolment.lapse_rate=0.2", SHORT]))
    assert bool((more["inactive_insured"].sel(scheme="voluntary") > inactive).all())


def test_every_old_age_rule_holds_in_the_baseline(baseline_run):
    """2024-2050: compulsory schemes award old-age pensions every year; no scheme's average
    pension exceeds its maximum replacement of its average insurable earnings."""
    ds = baseline_run
    scenario = engine.load_scenario(BASELINE)
    new = ds["new_pensioners"].sel(benefit="old_age", year=slice(2024, 2050))
    for scheme in ("civil_servant", "enterprise"):
        assert bool((new.sel(scheme=scheme) > 0).all()), scheme
    for scheme in ds["scheme"].to_numpy():
        maximum = getattr(scenario.benefits.old_age.max_replacement, scheme).values(ds["year"].to_numpy())
        ratio = ds["average_pension"].sel(scheme=scheme) / ds["average_insurable_earnings"].sel(scheme=scheme)
        assert bool((ratio.fillna(0) <= maximum).all()), scheme


def test_state_share_is_a_government_cost(baseline_run):
    ds = baseline_run
    parts = ("government_employer_contributions", "legacy_pension_cost", "retiree_allowances",
             "deficit_financing_total")
    np.testing.assert_allclose(ds["government_social_security_cost"], sum(ds[p] for p in parts), rtol=1e-12)
    np.testing.assert_allclose(ds["government_employer_contributions"],
                               0.085 * ds["insurable_earnings"].sel(scheme="civil_servant"), rtol=1e-12)
    np.testing.assert_allclose(ds["government_social_security_cost_pct_gdp"],
                               100 * ds["government_social_security_cost"] / ds["gdp"], rtol=1e-12)
    np.testing.assert_allclose(ds["government_social_security_cost_pct_government_expenditure"],
                               100 * ds["government_social_security_cost"] / ds["government_expenditure"],
                               rtol=1e-12)
    assert float(ds["retiree_allowances"].sel(year=2024)) == 0.0 < float(ds["retiree_allowances"].sel(year=2025))
    fund_pays = run_projected(engine.load_scenario(BASELINE, ["funds.state_share.legacy_financing=fund", SHORT]))
    assert float(np.abs(fund_pays["legacy_pension_cost"]).max()) == 0.0
    np.testing.assert_allclose(fund_pays["legacy_pensions"], ds["legacy_pensions"].sel(year=slice(None, 2050)))
    # the fund paying the legacy itself depletes sooner
    assert fund_pays.attrs["reserve_depletion_year_long_term"] < ds.attrs["reserve_depletion_year_long_term"]


def test_tables_totals_are_named():
    assert {"lapses", "returns", "leavers", "legacy_new_amount"} <= set(TOTALS)


def test_dates_of_rules_may_precede_the_horizon(baseline_run):
    """The legacy date and the transition year date rules, so they may lie before 2024: an
    earlier legacy date leaves less of the civil servants' pensions to the state."""
    earlier = run_projected(engine.load_scenario(BASELINE, ["funds.state_share.legacy_start_year=2010", SHORT]))
    later = baseline_run.sel(year=slice(None, 2050))
    assert float(earlier["legacy_pension_cost"].sel(year=2040)) < float(later["legacy_pension_cost"].sel(year=2040))
