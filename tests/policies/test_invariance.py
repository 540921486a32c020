"""A policy changes nothing before its start year, nor for a group it does not reach
(property tests: random blocks, compared bit for bit with the baseline)."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from tests.policies.helpers import assert_identical, run, run_projected, with_policies

BANDS = ["lt_1_1m", "1_1m_to_2_2m", "2_2m_to_3_3m", "3_3m_to_4_4m", "4_4m_to_5_5m", "gt_5_5m"]


@st.composite
def eligible_groups(draw, below_entry_age=False):
    group = {"sex": draw(st.sampled_from(["all", "male", "female"])),
             "location": draw(st.sampled_from(["all", "provincial_capital", "outside_provincial_capital"])),
             "marital_status": draw(st.sampled_from(["all", "married", "not_married"])),
             "collective_group": draw(st.sampled_from(["all", "member", "non_member"])),
             "income_frequency": draw(st.sampled_from(["all", "seasonal", "regular", "yearly", "after_work"]))}
    if draw(st.booleans()):
        group |= {"income": "bands", "income_bands": draw(st.lists(st.sampled_from(BANDS), min_size=1,
                                                                   max_size=3, unique=True))}
    else:
        group["income"] = draw(st.sampled_from(["all", "below_minimum_wage"]))
    if below_entry_age:  # nobody below the voluntary scheme's entry age (14) can join
        first = draw(st.integers(0, 13))
        group["age"] = [first, draw(st.integers(first, 13))]
    else:
        first = draw(st.integers(14, 50))
        group["age"] = [first, draw(st.integers(first, 100))]
    return group


@st.composite
def blocks(draw, below_entry_age=False, kinds=None):
    kind = draw(st.sampled_from(kinds or ["contribution_subsidy", "reduced_package", "outreach",
                                          "health_quality", "contribution_rules", "benefit_change",
                                          "spf_programme", "retention", "enforcement",
                                          "payment_frequency"]))
    block = {"type": kind, "name": "p", "start_year": draw(st.integers(2025, 2032)),
             "phase_in_years": draw(st.integers(0, 4))}
    eligible = draw(eligible_groups(below_entry_age))
    if kind == "contribution_subsidy":
        block |= {"share": draw(st.floats(0.05, 1.0)), "eligible": eligible}
        if draw(st.booleans()):
            block["taper"] = {"full_below": 1.0, "zero_above": draw(st.floats(1.5, 4.0))}
    elif kind == "reduced_package":
        block |= {"rate": draw(st.floats(0.02, 0.09)), "eligible": eligible,
                  "branches": draw(st.lists(st.sampled_from(["health", "short_term", "long_term"]),
                                            min_size=1, max_size=3, unique=True)),
                  "payment": draw(st.sampled_from(["monthly", "annual", "seasonal"]))}
    elif kind == "outreach":
        block |= {"added_reach": draw(st.floats(0.001, 0.05)), "eligible": eligible,
                  "fixed_annual_cost": draw(st.sampled_from([0.0, 1e9]))}
    elif kind == "payment_frequency":
        block |= {"monthly": draw(st.floats(0, 1)), "quarterly": draw(st.floats(0, 1)), "yearly": draw(st.floats(0.1, 1)),
                  "yearly_lapse_multiplier": draw(st.floats(0.1, 1.0)), "eligible": eligible}
    elif kind == "enforcement":
        block |= {"measure": draw(st.sampled_from(["licence_linkage", "inspections", "tax_incentives"])),
                  "compliance_gain": draw(st.floats(0.01, 0.5)), "cost_per_added_member": draw(st.floats(0, 1e6)),
                  "fixed_annual_cost": draw(st.sampled_from([0.0, 1e9]))}
    elif kind == "retention":
        block |= {"measure": draw(st.sampled_from(["claim_simplification", "reminders", "group_payment"])),
                  "lapse_reduction": draw(st.floats(0.05, 0.9)), "cost_per_member": draw(st.floats(0, 50000)),
                  "fixed_annual_cost": draw(st.sampled_from([0.0, 1e9])), "eligible": eligible}
    elif kind == "health_quality":
        block |= {"interest_shift": draw(st.floats(-0.5, 0.5)),
                  "interest_multiplier": draw(st.floats(0.5, 1.5)), "eligible": eligible}
    elif kind == "contribution_rules":
        block |= {"scheme": draw(st.sampled_from(["voluntary", "all"])),
                  "floor": {"rule": draw(st.sampled_from(["fixed", "prices", "earnings", "minimum_wage"])),
                            "amount": draw(st.sampled_from([None, 1.6e6])),
                            "multiple": draw(st.floats(0.5, 1.5))}}
    elif kind == "benefit_change":
        block |= {"scheme": draw(st.sampled_from(["voluntary", "enterprise", "all"])),
                  "accrual_rate": draw(st.floats(0.005, 0.03)),
                  "pension_age_male": draw(st.integers(55, 65)),
                  "employment_injury_incidence": draw(st.floats(0.0, 0.01))}
    else:
        block |= {"target": {"age": eligible["age"], "sex": eligible["sex"],
                             "share": 0.0 if below_entry_age else draw(st.floats(0.1, 1.0))},
                  "benefit": {"basis": draw(st.sampled_from(["lak_per_month", "poverty_line", "minimum_wage",
                                                             "gdp_per_capita"])),
                              "amount": draw(st.floats(0.1, 2.0))}}
    return block


SETTINGS = dict(max_examples=6, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


@settings(**SETTINGS)
@given(blocks())
def test_a_policy_changes_nothing_before_its_start_year(block):
    ds = run_projected(with_policies([block]))
    assert_identical(ds, run(), before=block["start_year"])


@settings(**SETTINGS)
@given(blocks(below_entry_age=True, kinds=["contribution_subsidy", "reduced_package", "outreach",
                                           "health_quality", "spf_programme", "retention",
                                           "payment_frequency"]))
def test_a_policy_for_a_group_nobody_belongs_to_changes_nothing(block):
    ds = run_projected(with_policies([block]))
    assert_identical(ds, run())
    for name in ("subsidy_cost", "outreach_cost", "spf_cost", "policy_cost", "subsidised_members",
                 "package_members"):
        assert float(abs(ds[name]).sum()) == 0.0, name


def test_policies_do_act_after_their_start_year():
    """The invariance above is not vacuous: each enrolment block moves enrolment after its start."""
    base = run()["active_members"].sel(scheme="voluntary", year=2034)
    for block in ({"type": "contribution_subsidy", "share": 0.5},
                  {"type": "reduced_package", "rate": 0.04},
                  {"type": "outreach", "added_reach": 0.01},
                  {"type": "health_quality", "interest_shift": 0.2},
                  {"type": "retention", "measure": "reminders", "lapse_reduction": 0.3, "cost_per_member": 0}):
        ds = run_projected(with_policies([{**block, "name": "p", "start_year": 2027}]))
        assert float(ds["active_members"].sel(scheme="voluntary", year=2034)) > float(base) * 1.001, block
