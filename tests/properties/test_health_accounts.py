"""Property tests of health financing on random levers: covered persons never exceed the
population of their group, and the NHI and CBHI account identities hold to 1e-9."""

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.funds.health.projection import project_health
from engine.scenario.load import scenario_from_dict
from tests.funds.helpers import stationary_inputs

share = st.floats(0, 1, allow_nan=False)


@st.composite
def scenarios(draw):
    nhi = {
        "coverage": draw(share),
        "group_coverage": {"poor": draw(share), "paying": draw(share)},
        "capital_population_share": draw(share),
        "nssf_capital_share": draw(share),
        "nssf_covered_per_member": draw(st.floats(1, 20)),
        "payment_adequacy": draw(st.floats(0.05, 2)),
        "gap_closure": draw(st.sampled_from(["budget", "cut"])),
        "government_budget": draw(st.sampled_from([
            {"rule": "balance"}, {"rule": "share_of_gdp", "share_of_gdp": draw(st.floats(0, 0.01))},
            {"rule": "path", "path": draw(st.floats(0, 1e13))}])),
        "exempt": {"monk_share": draw(st.floats(0, 0.5)), "pregnancy_fraction": draw(share)},
    }
    cbhi = {"lapse_rate": draw(share), "target_share": draw(share), "treatment_cost_ratio": draw(st.floats(0, 10)),
            "indexation": draw(st.sampled_from(["cost", "prices", "none"]))}
    policies = []
    if draw(st.booleans()):
        policies.append({"type": "nhi_extension", "name": "x", "start_year": draw(st.integers(2024, 2030)),
                         "phase_in_years": draw(st.integers(0, 5)), "absorbed_share": draw(share)})
    if draw(st.booleans()):
        policies.append({"type": "health_quality", "name": "q", "start_year": draw(st.integers(2024, 2030)),
                         "nhi_spending_increase": draw(st.floats(-0.5, 5))})
    return scenario_from_dict({"name": "p", "nhi": nhi, "cbhi": cbhi, "policies": policies}), draw(
        st.floats(0, 5e4))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_health_invariants(case):
    scenario, members = case
    inputs = stationary_inputs(scenario, n_years=12)
    hp = project_health(scenario, inputs, np.full(12, 3e9), np.full(12, members))
    g = hp.groups
    assert np.all(g.covered <= g.eligible * (1 + 1e-12) + 1e-9)
    total = inputs.population.sum(axis=(1, 2))
    assert np.all(g.eligible.sum(axis=(1, 2, 3)) <= total * (1 + 1e-12))
    assert np.all(hp.capital_covered <= hp.capital_population * (1 + 1e-12) + 1e-6)
    nhi = hp.nhi
    scale = max(1.0, float(np.abs(nhi.income).max()), float(nhi.planned.max()))
    assert np.abs(nhi.income.sum(axis=1) - nhi.expenditure - nhi.balance).max() <= 1e-9 * scale
    assert np.abs(nhi.expenditure + nhi.unmet_cost - nhi.planned).max() <= 1e-9 * scale
    assert np.abs(nhi.expenditure_by_group.sum(axis=1) - nhi.expenditure).max() <= 1e-9 * scale
    assert np.all(nhi.gap >= 0) and np.all(nhi.unmet_cost >= 0)
    cbhi = hp.cbhi
    flows = cbhi.flows
    net = flows[:, 0] + flows[:, 1] - flows[:, 2:].sum(axis=1)
    previous = np.r_[hp.cbhi_history.reserve[-1], cbhi.reserve[:-1]]
    cscale = max(1.0, float(np.abs(flows).max()), float(np.abs(cbhi.reserve).max()))
    assert np.abs(cbhi.reserve - previous - net).max() <= 1e-9 * cscale
    assert np.all(cbhi.members >= 0)
    np.testing.assert_allclose(nhi.income[:, 3], flows[:, 5])
