"""The schemes / benefits / funds / nhi scenario sections, their data files and initial conditions."""

import subprocess
import sys

import numpy as np
import pytest

from engine.data.files import read_parameters
from engine.data.schemas import STATUSES
from engine.dims import SCHEMES
from engine.errors import InputError
from engine.funds.earnings import insurable_earnings
from engine.funds.pensions import MAX_SERVICE, initial_insured, initial_pensioners
from engine.scenario.load import load_scenario, scenario_from_dict
from engine.scenario.schema_funds import Benefits, Funds, NHI, Schemes
from tests.funds.helpers import run_projected, BASELINE, ROOT, stationary_inputs
from tests.schema_walk import assert_documented, leaves

FILES = ["nssf_rules", "nssf_initial", "nhi_parameters"]


@pytest.mark.parametrize("name", FILES)
def test_data_entries_complete(name):
    for key, entry in read_parameters(name).items():
        for field in ("unit", "source", "status", "year"):
            assert entry.get(field) not in (None, ""), f"{name}.{key}: missing {field}"
        assert entry["status"] in STATUSES
        for status in (entry.get("status_by_scheme") or {}).values():
            assert status in STATUSES
        if entry["status"] in ("derived", "assumption"):
            assert entry.get("method") or entry.get("note"), f"{name}.{key}: explain it"
        assert "shared" not in entry["source"] and "reference/" not in entry["source"]


def test_sources_cite_original_publishers():
    text = " ".join(e["source"] for n in FILES for e in read_parameters(n).values())
    for publisher in ("ILO/WIEGO (2024)", "Oxfam in Laos (2021)", "ABND workshop minutes (2013)",
                      "WHO Global Health Expenditure Database"):
        assert publisher in text


@pytest.mark.parametrize("section", [Schemes, Benefits, Funds, NHI])
def test_every_leaf_documented(section):
    for key, field in leaves(section):
        assert_documented(key, field)


def test_confirmed_figures(default_scenario):
    s = default_scenario
    assert s.schemes.enterprise.employer_rate.values(np.array([2024]))[0] == 0.06
    assert s.schemes.enterprise.employee_rate.values(np.array([2024]))[0] == 0.055
    assert s.schemes.civil_servant.employer_rate.values(np.array([2024]))[0] == 0.085
    assert s.schemes.civil_servant.employee_rate.values(np.array([2024]))[0] == 0.08
    assert s.schemes.voluntary.employee_rate.values(np.array([2024]))[0] == 0.09
    assert s.schemes.voluntary.levels == 17 and s.schemes.voluntary.floor_share == 0.77
    assert s.benefits.death_grant.insured_months.values(np.array([2024]))[0] == 15
    assert s.benefits.death_grant.spouse_months.values(np.array([2024]))[0] == 6
    assert s.nhi.coverage.values(np.array([2019, 2024])).tolist() == [0.80, 1.0]
    assert s.cbhi.government_match.values(np.array([2024]))[0] == 0.5 and s.cbhi.members_2020 == 21000


@pytest.mark.parametrize("override, words", [
    ("schemes.voluntary.allocation.health=0.5", "summing to 1"),
    ("schemes.voluntary.level_shares=[0.5, 0.5]", "17 level shares"),
    ("benefits.old_age.accrual_rat.enterprise=0.02", "did you mean 'accrual_rate'"),
    ("benefits.old_age.accrual_rate.enterprise=-0.01", ">= 0"),
    ("funds.investment_return.basis=gross", "nominal"),
    ("funds.initial.insured_table=no/such/file.csv", "existing CSV file"),
    ("nhi.cost_curve={120: 2.0}", "ages between 0 and 100"),
    ("nhi.government_budget.rule=path", "nhi.government_budget.path"),
    ("schemes.insurable_earnings.ceiling.indexation_start_year=2200", "within the horizon"),
])
def test_bad_overrides_are_input_errors(override, words):
    with pytest.raises(InputError) as info:
        load_scenario(BASELINE, [override])
    assert words in str(info.value)


def test_cli_reports_status_2_without_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "engine", "validate", str(BASELINE), "--set",
                             "schemes.enterprise.allocation.long_term=0.9"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert "schemes.enterprise.allocation" in result.stderr and "Traceback" not in result.stderr


def test_scenario_pickles(baseline_scenario):
    """Variants travel to dask workers: the dynamically built section models must pickle."""
    import pickle

    again = pickle.loads(pickle.dumps(baseline_scenario))
    assert again == baseline_scenario


def test_initial_service_rule(default_scenario):
    inputs = stationary_inputs(default_scenario, n_years=3)
    ie = insurable_earnings(default_scenario, inputs)
    n0, e0, m0, f0 = initial_insured(default_scenario, inputs, ie.base)
    init = default_scenario.funds.initial
    for s, scheme in enumerate(SCHEMES):
        ratio = getattr(init.insured_per_contributor, scheme)
        cap = 2023 - getattr(init.service_since, scheme)
        below = np.arange(101) < 55
        np.testing.assert_allclose(n0[s].sum(axis=2), inputs.active[0, s], rtol=1e-12)
        np.testing.assert_allclose(m0[s, 1, below].sum(axis=1), inputs.active[0, s, 1, below] * (ratio - 1),
                                   rtol=1e-12, atol=1e-12)
        assert m0[s, 1, 55:].sum() == 0                          # the inactive retire at the pension age
        service = (n0[s] * np.arange(MAX_SERVICE + 1)).sum() / n0[s].sum()
        assert 1 <= service <= cap + 1
    with np.errstate(invalid="ignore"):
        average = e0.sum(axis=3) / (n0 * np.arange(MAX_SERVICE + 1)).sum(axis=3)
    np.testing.assert_allclose(average[n0.sum(axis=3) > 0], ie.base[n0.sum(axis=3) > 0], rtol=1e-12)
    p0, q0, l0 = initial_pensioners(default_scenario, inputs)
    for s, scheme in enumerate(SCHEMES):
        assert p0[s].sum() == pytest.approx(getattr(init.old_age_pensioners, scheme))
        assert p0[s, 1].sum() == pytest.approx(getattr(init.old_age_pensioners, scheme)
                                               * getattr(init.female_share_of_pensioners, scheme))
        assert p0[s, 0, :60].sum() == 0 and p0[s, 1, :55].sum() == 0
        years_paid = 2023 - getattr(init.first_pension_year, scheme) + 1
        assert p0[s, 0, 60 + max(int(years_paid), 1):].sum() == 0      # no pensioner older than the scheme's pensions
        share = getattr(default_scenario.funds.state_share.legacy_share_of_pensions_in_payment, scheme)
        np.testing.assert_allclose(l0[s], q0[s] * share)


def test_insured_table_replaces_the_rule(default_scenario, tmp_path):
    path = tmp_path / "insured.csv"
    path.write_text("# insured persons of the enterprise scheme at 31 Dec 2023\n"
                    "scheme,sex,age,service,persons,average_earnings\n"
                    "enterprise,male,40,12,1000,3000000\n"
                    "enterprise,female,30,60,10,2000000\n", encoding="utf-8")
    s = scenario_from_dict({"name": "t", "funds": {"initial": {"insured_table": str(path)}}})
    inputs = stationary_inputs(default_scenario, n_years=3)
    ie = insurable_earnings(s, inputs)
    n0, e0, m0, f0 = initial_insured(s, inputs, ie.base)
    ent = SCHEMES.index("enterprise")
    assert n0[ent].sum() == 1010 and m0[ent].sum() == 0
    assert n0[ent, 0, 40, 12] == 1000 and e0[ent, 0, 40, 12] == 1000 * 12 * 3e6
    assert n0[ent, 1, 30, MAX_SERVICE] == 10                    # 60 years: the open group
    base_rule = initial_insured(default_scenario, inputs, ie.base)
    np.testing.assert_array_equal(n0[0], base_rule[0][0])      # other schemes keep the rule


def test_actuary_replaces_insured_and_pensioner_tables_through_the_scenario(tmp_path):
    """The fund's own base-year tables (insured by status and service, pensioners by age)
    replace the defaults of the schemes they list, and the run starts from them."""
    import engine

    insured = tmp_path / "insured.csv"
    insured.write_text("scheme,sex,age,service,persons,status,average_earnings\n"
                       "enterprise,male,40,12,100000,active,3000000\n"
                       "enterprise,female,45,8,20000,inactive,2500000\n"
                       "enterprise,male,59,20,5000,inactive,2800000\n", encoding="utf-8")
    pensioners = tmp_path / "pensioners.csv"
    pensioners.write_text("# the fund's pensioners at 31 December 2023\n"
                          "scheme,sex,age,persons,average_pension\n"
                          "enterprise,male,62,3000,1000000\n"
                          "enterprise,female,58,1000,800000\n", encoding="utf-8")
    scenario = engine.load_scenario(BASELINE, overrides=[
        f"funds.initial.insured_table={insured}", f"funds.initial.pensioner_table={pensioners}",
        "horizon.end_year=2026"])
    ds = run_projected(scenario)
    first = ds.sel(year=2024, scheme="enterprise")
    # the 5,000 inactive aged 59 with 20 years reach 60 in 2024 and retire (protected: 15
    # years), less deaths and those resuming work
    assert float(first["new_pensioners"].sel(benefit="old_age")) >= 5000 * 0.9
    # the 20,000 inactive women aged 45 are still inactive (apart from deaths and returns),
    # joined by the table's active men aged 40 beyond the members the labour market gives
    assert float(first["inactive_insured"]) > 15000
    base = run_projected(engine.load_scenario(BASELINE, overrides=["horizon.end_year=2026"]))
    assert float(first["pensioners"].sel(benefit="old_age")) != pytest.approx(
        float(base.sel(year=2024, scheme="enterprise")["pensioners"].sel(benefit="old_age")), rel=0.01)
    np.testing.assert_allclose(ds.sel(scheme="civil_servant")["pensioners"].values,
                               base.sel(scheme="civil_servant")["pensioners"].values)


def test_bad_pensioner_table_is_a_data_error(default_scenario, tmp_path):
    from engine.errors import DataFileError
    from engine.funds.pensions import read_pensioner_table

    path = tmp_path / "bad.csv"
    path.write_text("scheme,sex,age,persons,average_pension\nenterprise,male,62,many,1e6\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="row 2"):
        read_pensioner_table(str(path))


def test_bad_insured_table_is_a_data_error(default_scenario, tmp_path):
    from engine.errors import DataFileError

    path = tmp_path / "bad.csv"
    path.write_text("scheme,sex,age,persons\nenterprise,male,40,1000\n", encoding="utf-8")
    s = scenario_from_dict({"name": "t", "funds": {"initial": {"insured_table": str(path)}}})
    inputs = stationary_inputs(default_scenario, n_years=3)
    with pytest.raises(DataFileError, match="service"):
        initial_insured(s, inputs, insurable_earnings(s, inputs).base)
