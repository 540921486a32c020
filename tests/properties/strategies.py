"""Strategies shared by the property tests: random policy blocks and who they reach."""

from hypothesis import HealthCheck
from hypothesis import strategies as st

BANDS = ["lt_1_1m", "1_1m_to_2_2m", "2_2m_to_3_3m", "3_3m_to_4_4m", "4_4m_to_5_5m", "gt_5_5m"]

SETTINGS = dict(max_examples=6, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
"""Examples and limits for tests that run whole projections."""


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
