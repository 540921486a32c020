"""Property test: the accounting identity holds for every fund and year of random scenarios
made by `--set`-style overrides of the funds parameters."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from engine.scenario.load import load_scenario
from tests.funds.helpers import run_projected, BASELINE
from tests.funds.test_run_results import identity_error


def number(lo, hi):
    return st.floats(lo, hi, allow_nan=False).map(lambda v: np.format_float_positional(v, trim="0"))


OVERRIDES = {
    "horizon.end_year": st.integers(2030, 2060).map(str),
    "funds.investment_return.basis": st.sampled_from(["nominal", "real"]),
    "funds.investment_return.rate": number(-0.05, 0.2),
    "funds.admin_cost.basis": st.sampled_from(["contributions", "income"]),
    "funds.admin_cost.rate.long_term": number(0, 0.3),
    "funds.admin_cost.rate.health": number(0, 0.2),
    "funds.health_transfer_share": number(0, 1),
    "funds.initial.reserves.long_term": number(-2e12, 2e13),
    "funds.initial.reserves.health": number(0, 1e12),
    "funds.initial.old_age_pensioners.enterprise": number(0, 1e5),
    "benefits.old_age.accrual_rate.enterprise": number(0, 0.05),
    "benefits.old_age.accrual_rate.civil_servant": number(0, 0.05),
    "benefits.old_age.minimum_service.enterprise": st.integers(1, 30).map(str),
    "benefits.old_age.protected_minimum_service.voluntary": st.integers(1, 30).map(str),
    "benefits.old_age.transition_year": st.integers(2024, 2060).map(str),
    "benefits.old_age.minimum_pension.civil_servant": number(0, 2),
    "benefits.old_age.revaluation.voluntary": st.sampled_from(["earnings", "prices", "minimum_wage", "none"]),
    "funds.scheme_accounts": st.sampled_from(["separate", "pooled"]),
    "funds.state_share.legacy_financing": st.sampled_from(["state", "fund"]),
    "funds.reentry_share.enterprise": number(0, 1),
    "enrolment.lapse_rate": number(0, 0.5),
    "benefits.old_age.pension_age_male.civil_servant": st.integers(50, 70).map(str),
    "benefits.old_age.indexation": st.sampled_from(["prices", "earnings", "none"]),
    "benefits.disability.incidence_rate": number(0, 0.02),
    "benefits.survivors.probability": number(0, 1),
    "schemes.enterprise.employer_rate": number(0, 0.2),
    "schemes.voluntary.floor_share": number(0, 1),
    "schemes.insurable_earnings.ceiling.rule": st.sampled_from(
        ["fixed", "minimum_wage", "prices", "earnings", "none"]),
    "schemes.earnings_profile.dispersion": number(0, 1),
    "nhi.government_budget.rule": st.sampled_from(["balance", "share_of_gdp"]),
    "nhi.coverage": number(0, 1),
}


@st.composite
def overrides(draw):
    keys = draw(st.lists(st.sampled_from(sorted(OVERRIDES)), min_size=1, max_size=8, unique=True))
    return [f"{key}={draw(OVERRIDES[key])}" for key in keys]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(overrides())
def test_identity_holds_under_random_overrides(sets):
    ds = run_projected(load_scenario(BASELINE, sets))
    assert identity_error(ds) < 1e-9, sets
    for fund in ds["fund"].to_numpy():
        reserve = ds["reserve"].sel(fund=fund)
        short = (reserve < 0) | (ds["deficit_financing"].sel(fund=fund) > 0)
        first = int(reserve["year"][short].min()) if bool(short.any()) else "none"
        assert ds.attrs[f"reserve_depletion_year_{fund}"] == first
    assert np.isfinite(ds["contributions"]).all() and np.isfinite(ds["benefits"]).all()
    assert (ds["transfers_out"] >= 0).all() and (ds["benefits"] >= 0).all()
    for name in ("inactive_insured", "pensioners", "new_pensioners", "lump_sums", "insured_persons"):
        assert (ds[name] >= -1e-6).all(), name
    scale = float(np.abs(ds["reserve"]).max()) or 1.0
    assert float(np.abs(ds["reserve_by_scheme"].sum("scheme") - ds["reserve"]).max()) <= 1e-9 * scale
