"""Health financing: NHI groups, co-payments, CBHI, the back-cast checks and the levers."""

import numpy as np
import pytest

from engine.data.files import read_parameters
from engine.funds.health.cbhi import FLOWS, indexation, project_cbhi
from engine.funds.health.cost import copayment_per_paying_person
from engine.funds.health.groups import OUTSIDE, project_groups
from engine.funds.health.history import nssf_members
from engine.funds.health.projection import project_health
from engine.scenario.load import scenario_from_dict
from engine.scenario.schema_health import HEALTH_GROUPS
from tests.funds.helpers import stationary_inputs

REF = read_parameters("health_financing")


def _scenario(**sections):
    return scenario_from_dict({"name": "h", **sections})


def test_groups_partition_the_population_outside_the_nssf(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=4)
    members = np.full(4, 1000.0)
    nhi = default_scenario.nhi
    extension = np.array([0.0, 0.0, 0.5, 1.0])
    g = project_groups(default_scenario, inputs.population, inputs.asfr, members, extension, inputs.years)
    total = inputs.population.sum(axis=(1, 2))
    v, s, k = nhi.capital_population_share, nhi.nssf_capital_share, nhi.nssf_covered_per_member
    expected = (1 - v) * total - (1 - s) * k * members + extension * (v * total - s * k * members)
    np.testing.assert_allclose(g.eligible.sum(axis=(1, 2, 3)), expected, rtol=1e-12)
    np.testing.assert_allclose(g.nssf, k * members)
    # children under five are ages 0-4 only; monks men aged 10+; pregnant women women only
    under5 = g.eligible[:, OUTSIDE.index("children_under_five")]
    assert np.all(under5[:, :, 5:] == 0) and np.all(under5[:, :, :5] > 0)
    monks = g.eligible[:, OUTSIDE.index("monks")]
    assert np.all(monks[:, 1] == 0) and np.all(monks[:, 0, :10] == 0)
    q = expected / total
    np.testing.assert_allclose(monks[:, 0, 10:], nhi.exempt.monk_share * q[:, None] * inputs.population[:, 0, 10:])
    pregnant = g.eligible[:, OUTSIDE.index("pregnant_women")]
    births = (inputs.asfr * inputs.population[:, 1]).sum(axis=1) * q
    np.testing.assert_allclose(pregnant.sum(axis=(1, 2)), nhi.exempt.pregnancy_fraction * births, rtol=1e-12)
    poor, paying = (g.eligible[:, OUTSIDE.index(x)].sum(axis=(1, 2)) for x in ("poor", "paying"))
    h = nhi.exempt.poverty_share.values(inputs.years)
    np.testing.assert_allclose(poor / (poor + paying), h, rtol=1e-12)
    # coverage 1 by default: the capital is covered in proportion to the extension
    capital = g.capital_covered(extension)
    np.testing.assert_allclose(capital, s * k * members + extension * (v * total - s * k * members), rtol=1e-12)


def test_group_coverage_paths():
    scenario = _scenario(nhi={"coverage": 0.5, "group_coverage": {"poor": 1.0, "paying": {2024: 0.2, 2030: 0.4}}})
    inputs = stationary_inputs(scenario, n_years=10)
    g = project_groups(scenario, inputs.population, inputs.asfr, np.zeros(10), np.zeros(10), inputs.years)
    ratio = g.covered.sum(axis=(2, 3)) / g.eligible.sum(axis=(2, 3))
    np.testing.assert_allclose(ratio[:, OUTSIDE.index("poor")], 1.0)
    np.testing.assert_allclose(ratio[:, OUTSIDE.index("monks")], 0.5)
    np.testing.assert_allclose(ratio[:, OUTSIDE.index("paying")], np.where(inputs.years >= 2030, 0.4, 0.2))


def test_copayment_schedule():
    """Fees by facility level x paid visits: 4,450 LAK per paying person by default."""
    s = _scenario()
    assert copayment_per_paying_person(s, np.array([2030]))[0] == pytest.approx(4450.0)
    free = _scenario(nhi={"copayments": {"fees": {"health_centre": 0, "district_hospital": 0}}})
    assert copayment_per_paying_person(free, np.array([2030]))[0] == pytest.approx(4450.0 - 1500 - 1200)


def test_only_the_paying_group_pays(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=3)
    hp = project_health(default_scenario, inputs, np.zeros(3), np.full(3, 100.0))
    paying = hp.groups.covered_by_group()[:, HEALTH_GROUPS.index("paying")]
    np.testing.assert_allclose(hp.nhi.income[:, 2], paying * hp.copayment_per_paying, rtol=1e-12)


def _cbhi(scenario, n=12, absorbed=None, capital=5e5):
    years = np.arange(2019, 2019 + n)
    absorbed = np.zeros(n) if absorbed is None else absorbed
    return project_cbhi(scenario.cbhi, years, np.full(n, capital), np.full(n, 0.006),
                        1.03 ** (years - 2020), 50000 * 1.05 ** (years - 2019), absorbed)


def test_cbhi_calibration_reproduces_2019_and_2020(default_scenario):
    account = _cbhi(default_scenario)
    c = default_scenario.cbhi
    assert account.members[0] == pytest.approx(c.coverage_2019 * c.target_share * 5e5)
    assert account.members[1] == pytest.approx(REF["cbhi_members_2020"]["value"], rel=1e-12)
    assert 0 < account.enrolment_rate < 1
    np.testing.assert_allclose(account.households, account.members / 7.0)
    np.testing.assert_allclose(account.dual, c.dual_share * account.members)


def test_cbhi_account_identity_and_formulas(default_scenario):
    absorbed = np.r_[np.zeros(6), 0.5, 1.0, np.ones(4)]
    account = _cbhi(default_scenario, absorbed=absorbed)
    f = {name: account.flows[:, i] for i, name in enumerate(FLOWS)}
    change = np.diff(account.reserve)
    net = (f["contributions"] + f["government_match"] - f["treatment"] - f["death_benefits"]
           - f["admin_costs"] - f["transfer_to_nhi"])[1:]
    np.testing.assert_allclose(change, net, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(f["government_match"], 0.5 * f["contributions"])
    c = default_scenario.cbhi
    mean = np.r_[account.members[0], 0.5 * (account.members[:-1] + account.members[1:])]
    spending = 50000 * 1.05 ** (account.years - 2019)
    index = spending / spending[1]
    np.testing.assert_allclose(f["contributions"][1:], (4 * c.contribution * index * mean)[1:])
    np.testing.assert_allclose(f["treatment"][1:], (c.treatment_cost_ratio * spending * mean)[1:])
    # absorbed: half the members in year 6, none from year 7, the reserve passed to NHI
    assert account.members[6] == pytest.approx(0.5 * _cbhi(default_scenario).members[6])
    assert np.all(account.members[7:] == 0) and np.all(account.reserve[7:] == 0)
    # half the members leave in year 6 with half the reserve (or deficit), the rest in year 7
    assert f["transfer_to_nhi"][6] == pytest.approx(account.reserve[6]) and f["transfer_to_nhi"][6] != 0
    assert f["transfer_to_nhi"][:6].sum() == 0 and np.all(f["transfer_to_nhi"][8:] == 0)


def test_cbhi_indexation_rules():
    years = np.arange(2019, 2023)
    prices, spending = np.array([0.9, 1.0, 1.1, 1.2]), np.array([1.0, 2.0, 3.0, 4.0])
    np.testing.assert_allclose(indexation("prices", years, prices, spending), prices)
    np.testing.assert_allclose(indexation("none", years, prices, spending), 1.0)
    np.testing.assert_allclose(indexation("cost", years, prices, spending), spending / 2.0)


def test_baseline_reproduces_the_reported_figures(baseline_run):
    """Bands of the closing note: coverage 2019 within 1 point of 76 %, 2021 and 2023
    within 3 points of 94 % and 94.5 %; the 2019 budget within 5 % of 180 bn LAK; CBHI
    21,000 persons in 2020 (exact, calibrated)."""
    ds = baseline_run
    cov = ds["health_coverage_history"]
    years = list(ds["health_history_year"].values)
    assert years[0] == 2019
    assert abs(float(cov.sel(health_history_year=2019)) - REF["coverage_2019_total"]["value"]) < 0.01
    assert abs(float(cov.sel(health_history_year=2021)) - REF["coverage_2021_total"]["value"]) < 0.03
    assert abs(float(cov.sel(health_history_year=2023)) - REF["coverage_2023_total"]["value"]) < 0.03
    assert abs(float(ds["health_coverage_share"].isel(year=0)) - REF["coverage_2023_total"]["value"]) < 0.03
    budget = read_parameters("nhi_parameters")["government_budget_2019"]["value"]
    assert float(ds["nhi_budget_history"].sel(health_history_year=2019)) == pytest.approx(budget, rel=0.05)
    assert float(ds["cbhi_members_history"].sel(health_history_year=2020)) == pytest.approx(21000, rel=1e-9)
    assert nssf_members(np.array([2023.5]))[0] == pytest.approx(353962)


def test_results_identities(baseline_run):
    ds = baseline_run
    np.testing.assert_allclose(ds["nhi_covered_by_group"].sum("health_group"), ds["nhi_covered_persons"], rtol=1e-12)
    assert (ds["nhi_covered_by_group"] <= ds["nhi_eligible_by_group"] * (1 + 1e-12)).all()
    gov = ds["nhi_income"].sel(source="government_budget") + ds["cbhi_government_match"]
    np.testing.assert_allclose(ds["government_health_cost"], gov, rtol=1e-12)
    np.testing.assert_allclose(ds["government_health_cost_pct_government_expenditure"],
                               100 * gov / ds["government_expenditure"], rtol=1e-12)
    assert float(ds["nhi_extension_cost"].max()) == 0 and float(ds["nhi_health_quality_cost"].max()) == 0
    assert (ds["capital_nhi_covered"] <= ds["capital_population"] * (1 + 1e-12)).all()
    assert ds.attrs["government_health_share_reference_pct"] == pytest.approx(4.4)


def test_health_quality_carries_its_cost_in_the_nhi_account(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=6)
    block = {"type": "health_quality", "name": "hq", "start_year": inputs.years[2],
             "interest_multiplier": 1.2, "nhi_spending_increase": 0.25}
    s = scenario_from_dict({"name": "q", "policies": [block]})
    members = np.full(6, 100.0)
    base = project_health(default_scenario, inputs, np.zeros(6), members)
    more = project_health(s, inputs, np.zeros(6), members)
    np.testing.assert_allclose(more.nhi.expenditure[:2], base.nhi.expenditure[:2])
    np.testing.assert_allclose(more.nhi.expenditure[2:], 1.25 * base.nhi.expenditure[2:], rtol=1e-12)
    np.testing.assert_allclose(more.quality_cost, more.nhi.expenditure - base.nhi.expenditure, rtol=1e-9)
    np.testing.assert_allclose(more.government_cost - base.government_cost,
                               more.nhi.income[:, 0] - base.nhi.income[:, 0], rtol=1e-12)
