"""Enrolment dynamics: kernel against the numpy reference, conservation, monotonicity,
the back-cast carried into the projection, and the scenario section's validation."""

from functools import lru_cache

import numpy as np
import pytest

import engine
from engine.dims import SCHEMES
from engine.enrolment.affordability import affordability
from engine.enrolment.cell_setup import cell_setup, setup_for
from engine.enrolment.compulsory import cohort_inflows
from engine.enrolment.dynamics import (
    VoluntaryState, history_span, initial_state, project_membership, projection_span, run_history, run_span
)
from engine.enrolment.reference import project_enrolment_reference
from engine.enrolment.solver import LeverProjector
from engine.errors import InputError
from engine.kernels.enrolment import QUANTITIES, RATE_EXIT_AGE, RATE_LAPSE, project_enrolment, rates_row
from engine.labour import project_workforce
from engine.profile.interest import cell_interest
from engine.scenario.load import scenario_from_dict
from engine.scenario.params import YearPath

BASELINE = "scenarios/baseline.yaml"
Q = {name: i for i, name in enumerate(QUANTITIES)}


def random_problem(seed, n_cells=13, n_years=7, n_age=101, exit_age=60.0, split=True):
    """Random kernel inputs of plausible size and range."""
    rng = np.random.default_rng(seed)
    eta = rng.normal(0.0, 1.0, (2, n_cells, 2, n_age))
    weight = rng.random((n_cells, 2, n_age))
    weight /= weight.sum(axis=0, keepdims=True)
    group = rng.integers(0, 4, n_cells)
    income = rng.uniform(0.3e6, 3e6, (n_years, n_cells))
    scale = rng.uniform(0.0, 0.6, (n_years, n_cells))
    pool = rng.uniform(1e3, 5e4, (n_years, 2, n_age))
    survival = rng.uniform(0.9, 1.0, (n_years, 2, n_age))
    transfers = rng.uniform(0.0, 50.0, (n_years, 2, n_age))
    rates = rates_row(beta_below=-2e-7, beta_above=-1e-7, threshold=1.1e6 if split else -np.inf, lapse=0.14,
                      return_rate=0.2, entry_age=14.0, exit_age=exit_age)
    members0 = rng.uniform(0.0, 5.0, (n_cells, 2, n_age))
    lapsed0 = rng.uniform(0.0, 2.0, (n_cells, 2, n_age))
    return (eta, weight, group), (income, scale, pool, survival, transfers), rates, members0, lapsed0


def assert_close(a, b, rtol=1e-10):
    scale = max(float(np.max(np.abs(b))), 1e-300)
    assert float(np.max(np.abs(np.asarray(a) - np.asarray(b)))) <= rtol * scale


@lru_cache(maxsize=None)
def baseline():
    return engine.load_scenario(BASELINE, ["horizon.end_year=2030"])


@lru_cache(maxsize=None)
def stages():
    """Population and economy of the short baseline (computed once)."""
    s = baseline()
    runner = LeverProjector(s, s.horizon.end_year)
    return runner.population, runner.economy


def membership_with(**enrolment):
    s = baseline()
    e = s.enrolment.model_copy(update={k: YearPath.constant(v) for k, v in enrolment.items()})
    return project_membership(s.model_copy(update={"enrolment": e}), *stages())


# ------------------------------------------------------------------ kernel vs reference
@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("split,exit_age", [(True, 60.0), (False, 101.0), (True, 15.0)])
def test_kernel_matches_reference(parallel, split, exit_age):
    args = random_problem(1, split=split, exit_age=exit_age)
    fast = project_enrolment(*args, n_groups=4, parallel=parallel)
    slow = project_enrolment_reference(*args, n_groups=4)
    for a, b in zip(fast, slow):
        assert_close(a, b)


def test_kernel_matches_reference_on_the_back_cast():
    s = baseline()
    setup = cell_setup(s.enrolment.probit_spec, s.enrolment.probit_age_range)
    span = history_span(s)
    start = initial_state(setup, span, s)
    fast = run_span(setup, span, s, start)
    slow = run_span(setup, span, s, start, engine=project_enrolment_reference)
    for name in ("members", "new_members", "flows", "lapsed", "final_members", "final_lapsed"):
        assert_close(getattr(fast, name), getattr(slow, name))


def test_kernel_does_not_change_its_inputs():
    args = random_problem(2)
    copies = [np.array(a, copy=True) for a in (*args[0], *args[1], args[2], args[3], args[4])]
    project_enrolment(*args, n_groups=4)
    for before, after in zip(copies, (*args[0], *args[1], args[2], args[3], args[4])):
        np.testing.assert_array_equal(before, after)


# --------------------------------------------------------------------------- accounting
def test_flows_balance_the_stocks():
    """With survival 1: members(t) = members(t-1) + joins + transfers + returns - lapses -
    retirements, and lapsed(t) = lapsed(t-1) + lapses - returns - lapsed reaching exit."""
    cells, years, rates, m0, x0 = random_problem(3)
    years = (years[0], years[1], years[2], np.ones_like(years[3]), years[4])
    rates = rates.copy()
    rates[RATE_EXIT_AGE] = 101.0  # nobody exits: the open age group keeps everyone
    out, extra, m_end, x_end = project_enrolment(cells, years, rates, m0, x0, n_groups=4)
    totals = np.concatenate([out.sum(axis=(2, 3, 4)), extra.sum(axis=2)], axis=1)  # (T, 7) by QUANTITIES
    members = np.r_[m0.sum(), totals[:, Q["members"]]]
    lapsed = np.r_[x0.sum(), totals[:, Q["lapsed"]]]
    change = totals[:, Q["joins"]] + totals[:, Q["transfers"]] + totals[:, Q["returns"]] - totals[:, Q["lapses"]]
    np.testing.assert_allclose(np.diff(members), change, rtol=1e-10, atol=1e-8)
    np.testing.assert_allclose(np.diff(lapsed), totals[:, Q["lapses"]] - totals[:, Q["returns"]],
                               rtol=1e-10, atol=1e-8)
    np.testing.assert_allclose(m_end.sum(), members[-1], rtol=1e-12)


def test_members_and_non_members_make_up_the_cell_population():
    """No lapse, no exit, survival 1, cell populations constant along cohorts: members plus
    non-members equal the informal workers of every cell, and transfers never push members
    beyond the pool (large transfers fill each cell exactly)."""
    cells, years, rates, _, _ = random_problem(4)
    eta, weight, group = cells
    weight = np.repeat(weight[:, :, :1], 101, axis=2)  # cell shares that do not change with age
    cells = (eta, weight, group)
    n_years, n_cells = years[0].shape
    pool = np.full((n_years, 2, 101), 1000.0)
    transfers = np.zeros_like(pool)
    transfers[2:] = 1e9  # from the third year on, more leavers than room
    years = (years[0], years[1], pool, np.ones_like(pool), transfers)
    rates = rates.copy()
    rates[RATE_LAPSE], rates[RATE_EXIT_AGE] = 0.0, 101.0
    zero = np.zeros((n_cells, 2, 101))
    out, _, members, lapsed = project_enrolment(cells, years, rates, zero, zero, n_groups=4)
    cell_pool = pool[-1][None] * weight
    members, lapsed, cell_pool = members[..., :100], lapsed[..., :100], cell_pool[..., :100]  # not 100+:
    # the open age group gathers two cohorts, so it is not constant along a cohort
    non_members = np.maximum(cell_pool - members - lapsed, 0.0)
    np.testing.assert_allclose(members + lapsed + non_members, cell_pool, rtol=1e-12)
    eligible = np.arange(100) >= 14
    np.testing.assert_allclose(members[:, :, eligible], cell_pool[:, :, eligible], rtol=1e-12)
    assert np.all(members[:, :, ~eligible] == 0.0)
    np.testing.assert_allclose(out[-1, Q["members"], :, :, :100].sum(), members.sum(), rtol=1e-12)


def test_affordability_is_a_decreasing_share():
    income = np.array([5e5, 1e6, 2e6])
    low, high = affordability(50_000, income, 0.2, 0.5), affordability(150_000, income, 0.2, 0.5)
    assert np.all((0 < high) & (high < low) & (low < 1))
    assert np.all(affordability(0.0, income, 0.2, 0.5) == 1.0)
    assert affordability(0.2, 1.0, 0.2, 0.5) == pytest.approx(0.5)


def test_cohort_inflows_count_only_growth_beyond_survivors():
    survival = np.full((2, 2, 4), 0.5)
    before = np.array([[10.0, 10.0, 10.0, 10.0], [0.0, 0.0, 0.0, 0.0]])
    active = np.array([[[3.0, 5.0, 8.0, 4.0], [1.0, 0.0, 0.0, 0.0]],
                       [[3.0, 1.5, 2.5, 6.0], [1.0, 0.5, 0.0, 0.0]]])
    new = cohort_inflows(active, before, survival)
    # year 1: aged = [0, 5, 5, 10]; year 2: aged = [0, 1.5, 2.5, 6]
    np.testing.assert_allclose(new[0, 0], [3.0, 0.0, 3.0, 0.0])
    np.testing.assert_allclose(new[1, 0], [3.0, 0.0, 0.0, 0.0])
    np.testing.assert_allclose(new[0, 1], [1.0, 0.0, 0.0, 0.0])


# ------------------------------------------------------------------ back-cast and projection
def test_back_cast_ends_at_the_observed_members_and_starts_the_projection():
    s = baseline()
    history = run_history(s)
    assert history.years.tolist() == list(range(2018, 2024))
    assert history.total[-1] == pytest.approx(26_793, rel=0.01)
    assert history.total[0] == pytest.approx(8_007, rel=0.01)
    m = membership_with()
    np.testing.assert_array_equal(m.history.final_members, history.final_members)
    np.testing.assert_array_equal(m.history.final_lapsed, history.final_lapsed)


def test_voluntary_members_are_conserved_year_by_year():
    """Every projected year, from the end-2023 stock of the back-cast on:
    ``M_t = sum_a M_{t-1}(a) S_t(a) - retirements - lapses + returns + joins + transfers``
    (survival does not depend on the cell, so members by income group, sex and age are
    enough to age the stock)."""
    m = membership_with()
    population, _ = stages()
    survival = population.rates.survival                      # (T, 2, A), by age at the start
    before = np.concatenate([m.history.final_members.sum(axis=0)[None],
                             m.voluntary.members.sum(axis=1)[:-1]])  # (T, 2, A) at 31 Dec of t-1
    survivors = (before * survival).sum(axis=(1, 2))
    joins, transfers, returns, lapses, retirements = m.voluntary.flows.T
    np.testing.assert_allclose(m.voluntary.total, survivors - retirements - lapses + returns + joins + transfers,
                               rtol=1e-10)
    np.testing.assert_allclose(m.voluntary.new_total, joins + transfers, rtol=1e-12)


def test_membership_shapes_and_compulsory_schemes():
    m = membership_with()
    n_years = len(m.years)
    assert m.active.shape == (n_years, 3, 2, 101)
    assert m.new_members.shape == (n_years, 3)
    assert np.all(m.active >= 0) and np.all(m.new_members >= 0)
    np.testing.assert_allclose(m.active[:, SCHEMES.index("voluntary")], m.voluntary.members.sum(axis=1))
    np.testing.assert_allclose(m.new_members[:, 2], m.voluntary.new_total)
    workers = m.details.workers
    cs = baseline().coverage.civil_servant_coverage.values(m.years)
    np.testing.assert_allclose(m.active[:, 0].sum(axis=(1, 2)), workers[:, 0] * cs)
    assert np.all(m.active[:, 2, :, 60:] == 0.0)  # members leave at the exit age
    assert np.all(m.active[:, 2, :, :14] == 0.0)
    total_2024 = m.active[0].sum()
    assert total_2024 == pytest.approx(353_962 * 1.04, rel=0.05)


def test_run_returns_the_enrolment_results():
    ds = engine.run(baseline())
    for name in ("active_members", "new_members", "active_members_by_age", "voluntary_members_detail",
                 "voluntary_new_members_detail", "voluntary_flows", "voluntary_lapsed",
                 "voluntary_members_history", "target_value", "target_projected", "target_gap"):
        assert name in ds and ds[name].attrs["units"], name
    assert ds["active_members"].dims == ("year", "scheme")
    projected = ds.sel(year=ds["year"] > ds.attrs["base_year"])
    detail = projected["voluntary_members_detail"].sum(["sex", "age_band", "income_group"])
    np.testing.assert_allclose(detail, projected["active_members"].sel(scheme="voluntary"), rtol=1e-12)
    # the base year's members are the calibrated end-2023 stock
    assert float(ds["active_members"].sel(year=2023, scheme="voluntary")) == pytest.approx(26_793, abs=1)
    assert list(ds["age_band"].values) == ["<25", "25-34", "35-44", "45-54", "55-64", "65+"]
    assert ds["income_group"].size == 6


def _with(**fields):
    s = baseline()
    return project_membership(s.model_copy(update={"enrolment": s.enrolment.model_copy(update=fields)}), *stages())


@pytest.mark.parametrize("spec", ["all_b", "all_c", "below_a", "split_a", "split_b"])
def test_every_probit_specification_runs_as_its_reference(spec):
    """For each specification: the kernel's cell interest is the probit of
    :func:`engine.profile.interest.cell_interest`, and the projection the stage runs is
    the numpy reference's, year by year and flow by flow."""
    s = baseline()
    s = s.model_copy(update={"enrolment": s.enrolment.model_copy(update={"probit_spec": spec})})
    setup = setup_for(s)
    kernel_interest = np.moveaxis(setup.interest(1.0), 0, -1)  # (2, A, C)
    np.testing.assert_allclose(kernel_interest, cell_interest(spec, age_range=s.enrolment.probit_age_range),
                               rtol=1e-12)
    population, economy = stages()
    workforce = project_workforce(s, population)
    history = run_history(s, setup, workforce.default_base)
    span = projection_span(s, population, economy, workforce.year_end)
    start = VoluntaryState(history.final_members, history.final_lapsed)
    slow = run_span(setup, span, s, start, engine=project_enrolment_reference)
    m = project_membership(s, population, economy, workforce)
    for name in ("members", "new_members", "flows", "lapsed", "final_members", "final_lapsed"):
        assert_close(getattr(m.voluntary, name), getattr(slow, name))


def test_probit_coefficient_overrides_act_on_the_run():
    plain = _with()
    less_interest = _with(probit_coefficients={"all_a": {"constant": -3.0}})
    assert np.all(less_interest.voluntary.new_total < plain.voluntary.new_total)
    same = _with(probit_coefficients={"all_a": {"income": -5.89e-08}})  # the published value
    np.testing.assert_allclose(same.active, plain.active, rtol=1e-12)


# ------------------------------------------------------------------------- monotonicity


# --------------------------------------------------------------------------- validation
def _problems(raw):
    with pytest.raises(InputError) as info:
        scenario_from_dict({"name": "x", **raw})
    return " | ".join(str(p) for p in info.value.problems)


def test_unknown_enrolment_key_suggests_the_closest():
    text = _problems({"enrolment": {"reachh": 0.01}})
    assert "enrolment.reachh" in text and "did you mean 'reach'" in text


@pytest.mark.parametrize("raw, words", [
    ({"enrolment": {"probit_spec": "all_z"}}, ["enrolment.probit_spec", "split_a"]),
    ({"enrolment": {"lapse_rate": 1.5}}, ["enrolment.lapse_rate", "<= 1"]),
    ({"enrolment": {"reach": -0.1}}, ["enrolment.reach", ">= 0"]),
    ({"enrolment": {"entry_age": 60, "exit_age": 60}}, ["entry_age 60 must be below exit_age 60"]),
    ({"enrolment": {"history": {"reach_2019": 0.1}}}, ["enrolment.history.reach_2019", "reach_2018"]),
    ({"enrolment": {"probit_coefficients": {"all_z": {"age": 0.1}}}}, ["unknown specification 'all_z'"]),
    ({"enrolment": {"probit_coefficients": {"all_c": {"income": 0.1}}}}, ["unknown variable(s) income"]),
    ({"coverage": {"enterprise_compliance": 2}}, ["coverage.enterprise_compliance", "<= 1"]),
    ({"targets": [{"kind": "new_members", "start": 2021, "end": 2200, "value": 1}]},
     ["targets.0.end", "2200"]),
    ({"targets": [{"kind": "new_members", "start": 2010, "end": 2020, "value": 1}]},
     ["targets.0.start", ">= 2018"]),
    ({"targets": [{"kind": "new_members", "scheme": "enterprise", "start": 2021, "end": 2025, "value": 1}]},
     ["targets.0.start", "2024..2100"]),
    ({"targets": [{"kind": "new_members", "start": 2021, "value": 1}]}, ["needs both start and end"]),
    ({"targets": [{"kind": "coverage_share", "year": 2030, "value": 5}]}, ["between 0 and 1"]),
    ({"targets": [{"kind": "active_members", "start": 2024, "end": 2030, "value": 5}]}, ["needs year"]),
    ({"targets": [{"kind": "members", "year": 2030, "value": 5}]}, ["targets.0.kind", "new_members"]),
])
def test_bad_enrolment_input_is_reported(raw, words):
    text = _problems(raw)
    for word in words:
        assert word in text, text


def test_targets_reach_back_to_the_back_cast_and_within_the_horizon():
    s = scenario_from_dict({"name": "x", "horizon": {"end_year": 2040}, "targets": [
        {"kind": "new_members", "start": 2018, "end": 2040, "value": 1e5},
        {"kind": "coverage_share", "scheme": "all", "year": 2030, "value": 0.5, "name": "half"}]})
    assert [t.label for t in s.targets] == ["new_members_voluntary_2018_2040", "half"]
    text = _problems({"horizon": {"end_year": 2030}, "targets": [
        {"kind": "active_members", "year": 2035, "value": 1}]})
    assert "2018..2030" in text


def test_cli_reports_a_bad_enrolment_key_with_status_2(tmp_path, capsys):
    from engine.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text("name: bad\nenrolment:\n  lapse_rat: 0.2\n")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert f"{path}:3: enrolment.lapse_rat" in err and "lapse_rate" in err and "Traceback" not in err


def test_the_lapse_rate_is_a_year_path():
    """A lapse rate that rises from 2030 leaves every year before it as it was and loses
    members from 2030 on; the constant path equals the plain number of before."""
    import engine

    base = engine.load_scenario("scenarios/baseline.yaml", ["horizon.end_year=2040"])
    rising = engine.load_scenario("scenarios/baseline.yaml",
                                  ["horizon.end_year=2040", "enrolment.lapse_rate={2029: 0.14, 2030: 0.3}"])
    a = engine.run(base)["active_members"].sel(scheme="voluntary")
    b = engine.run(rising)["active_members"].sel(scheme="voluntary")
    assert float(base.enrolment.lapse_rate.values(np.array([2029]))[0]) == 0.14
    np.testing.assert_array_equal(a.sel(year=slice(None, 2029)), b.sel(year=slice(None, 2029)))
    assert (b.sel(year=slice(2030, None)) < a.sel(year=slice(2030, None))).all()
