"""The service-tracking kernel agrees with its numpy reference and keeps every person."""

import numpy as np
import pytest

from engine.funds.reference import project_service_reference
from engine.kernels.pension_columns import N_RULES, RULES, TOTALS
from engine.kernels.pensions import project_service
from tests.funds.helpers import random_unit_inputs

RTOL = 1e-10
N_AGE, N_SVC = 101, 51


def assert_agree(kernel_out, reference_out):
    """Relative agreement to 1e-10, relative to each output's largest magnitude (so that
    entrants = members - insured, a difference of near-equal numbers, is judged fairly)."""
    for name, want in reference_out.items():
        got = kernel_out[name]
        if name == "totals":
            scale = np.abs(want).max(axis=(0, 1), keepdims=True)
        else:
            scale = np.abs(want).max()
        scale = np.where(scale > 0, scale, 1.0)
        assert np.all(np.abs(got - want) <= RTOL * (np.abs(want) + scale)), \
            f"{name}: largest relative difference {np.max(np.abs(got - want) / scale):.3g}"


def total(out, name):
    return out["totals"][..., TOTALS.index(name)]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("parallel", [False, True])
def test_kernel_matches_reference(seed, parallel):
    args = random_unit_inputs(np.random.default_rng(seed), n_units=5, n_years=25)
    assert_agree(project_service(*args, parallel=parallel), project_service_reference(*args))


def test_serial_and_parallel_identical(rng):
    args = random_unit_inputs(rng, n_units=20, n_years=15)
    serial = project_service(*args, parallel=False)
    parallel = project_service(*args, parallel=True)
    for name in serial:
        np.testing.assert_array_equal(serial[name], parallel[name])


def test_open_service_and_age_groups(rng):
    """Long careers reach the open service group; the open age group keeps its members."""
    state, paths, rules = random_unit_inputs(rng, n_units=2, n_years=60)
    state["active"][:, 20:40, 48:] = 50.0
    state["active_earnings"] = state["active"] * np.arange(N_SVC) * 2e6
    rules[..., RULES.index("pension_age")] = 101             # nobody retires: service keeps growing
    assert_agree(project_service(state, paths, rules), project_service_reference(state, paths, rules))


def test_every_person_accounted_for(rng):
    """Without deaths, active + inactive + pensioners + lump sums + disabled = initial +
    entrants, in every year: lapses, returns and leavers only move people between states."""
    state, paths, rules = random_unit_inputs(rng)
    paths["survival"][:] = 1.0
    out = project_service(state, paths, rules)
    start = state["active"].sum(axis=(1, 2)) + state["inactive"].sum(axis=(1, 2)) + state["pensioners"].sum(axis=1)
    inflow = np.cumsum(total(out, "entrants"), axis=1)
    outflow = np.cumsum(total(out, "lump_sums") + total(out, "disabled"), axis=1)
    stock = out["insured"].sum(axis=2) + out["inactive"].sum(axis=2) + out["pensioners"].sum(axis=2)
    np.testing.assert_allclose(stock + outflow, start[:, None] + inflow, rtol=1e-12)
    assert total(out, "lapses").sum() > 0 and total(out, "returns").sum() > 0 and total(out, "leavers").sum() > 0
    assert np.all(total(out, "insured_deaths") == 0) and np.all(total(out, "pensioner_deaths") == 0)


def test_contributors_follow_the_members_exactly(rng):
    """Active insured at 31 December equal the contributing members at every age, whatever
    the lapses and returns asked (as long as the members are there)."""
    state, paths, rules = random_unit_inputs(rng, n_units=3, n_years=20)
    rules[..., RULES.index("pension_age")] = 101
    paths["disability"][:] = 0.0
    out = project_service(state, paths, rules)
    np.testing.assert_allclose(out["insured"][:, :, 1:], paths["active"][:, :, 1:], rtol=1e-12, atol=1e-9)


BASE_RULES = {"revaluation": 1.0, "indexation": 1.0, "pension_age": 60, "minimum_service": 23,
              "protected_minimum_service": 15, "accrual_rate": 0.015, "max_replacement": 0.75,
              "full_service": 25, "protected_full_service": 15, "reduction_per_missing_year": 0.0,
              "lump_sum_months": 1.275, "survivor_minimum_service": 5, "disability_minimum_service": 1,
              "density": 1.0, "minimum_pension": 0.0, "reentry_share": 0.0, "protect_entrants": 0.0,
              "legacy_years": 1e6}
"""Rules of the one-cell tests: retiring at 60 with 23 years' minimum service (15 for the
protected), 1.5 % accrual a year capped at 75 %, no reduction, minimum pension or legacy."""


def rules_for(n_years: int = 1, **changes) -> np.ndarray:
    """(1, T, len(RULES)) rules: :data:`BASE_RULES` with ``changes``, the same every year."""
    values = BASE_RULES | changes
    return np.array([[[values[name] for name in RULES]] * n_years], dtype=float)


def one_active_cell(age: int, service: int, persons: float, average: float) -> dict:
    """A state of ``persons`` active, protected insured aged ``age`` with ``service`` years
    and average earnings ``average`` (LAK per month), and nobody else."""
    cell = np.zeros((1, N_AGE, N_SVC))
    cell[0, age, service] = persons
    zeros = np.zeros_like(cell)
    return {"active": cell, "active_earnings": cell * service * average, "active_protected": cell,
            "inactive": zeros, "inactive_earnings": zeros, "inactive_protected": zeros,
            "pensioners": np.zeros((1, N_AGE)), "amounts": np.zeros((1, N_AGE)),
            "legacy_amounts": np.zeros((1, N_AGE))}


def one_cell(*, persons=1.0, service=30, average=2e6, inactive=True, protected=0.0, **rule_values):
    """One year of the kernel for ``persons`` aged 59 with ``service`` years and average
    earnings ``average`` (LAK/month), active or inactive, a share ``protected`` of them
    protected, under :data:`BASE_RULES` with ``rule_values`` changed; checked against the
    numpy reference."""
    cell = np.zeros((1, N_AGE, N_SVC))
    cell[0, 59, service] = persons
    zeros = np.zeros_like(cell)
    state = {"active": zeros, "active_earnings": zeros, "active_protected": zeros,
             "inactive": zeros, "inactive_earnings": zeros, "inactive_protected": zeros,
             "pensioners": np.zeros((1, N_AGE)), "amounts": np.zeros((1, N_AGE)),
             "legacy_amounts": np.zeros((1, N_AGE))}
    prefix = "inactive" if inactive else "active"
    state[prefix] = cell
    state[f"{prefix}_earnings"] = cell * service * average
    state[f"{prefix}_protected"] = cell * protected
    path = np.zeros((1, 1, N_AGE))
    paths = {"survival": np.ones_like(path), "active": path, "lapses": path, "returns": path,
             "earnings": np.full_like(path, 3e6), "disability": path}
    rules = rules_for(**rule_values)
    assert rules.shape[-1] == N_RULES
    out = project_service(state, paths, rules)
    assert_agree(out, project_service_reference(state, paths, rules))
    return out


def test_pension_formula_single_cell():
    """An inactive insured person aged 59 with 30 years and average earnings 2 m retires at 60."""
    out = one_cell(revaluation=1.1)
    # revalued average 2.2 m; min(0.015 x 30, 0.75) = 0.45
    assert out["pensioners"][0, 0, 60] == 1.0
    assert out["amounts"][0, 0, 60] == pytest.approx(0.45 * 2.2e6, rel=1e-13)
    assert total(out, "new_pension_amount")[0, 0] == pytest.approx(0.45 * 2.2e6, rel=1e-13)


def test_short_service_gets_lump_sum():
    out = one_cell(persons=2.0, service=10, average=1.5e6)
    assert out["pensioners"].sum() == 0
    assert total(out, "lump_sums")[0, 0] == 2.0
    # 1.275 months x 10 years x 1.5 m, for two persons
    assert total(out, "lump_sum_amount")[0, 0] == pytest.approx(2 * 1.275 * 10 * 1.5e6)


def test_protected_persons_keep_the_old_minimum_and_full_service():
    """20 years of service: the protected quarter (minimum 15, full 15) gets an unreduced
    pension; the rest (minimum 23) a lump sum."""
    out = one_cell(persons=4.0, service=20, protected=0.25, reduction_per_missing_year=0.01)
    assert out["pensioners"][0, 0, 60] == pytest.approx(1.0)
    assert out["amounts"][0, 0, 60] == pytest.approx(0.3 * 2e6)
    assert total(out, "lump_sums")[0, 0] == pytest.approx(3.0)
    out = one_cell(persons=1.0, service=24, reduction_per_missing_year=0.01)   # unprotected, 1 year short
    assert out["amounts"][0, 0, 60] == pytest.approx(0.36 * 0.99 * 2e6)


def test_minimum_pension_and_legacy_part():
    """A pension below the minimum is raised to it; of 30 years with 10 since the legacy
    date, two thirds of the pension are legacy."""
    out = one_cell(minimum_pension=1e6, legacy_years=10)
    assert out["amounts"][0, 0, 60] == pytest.approx(1e6)          # 0.45 x 2 m = 0.9 m < 1 m
    assert out["legacy"][0, 0, 60] == pytest.approx(1e6 * 20 / 30)
    assert total(out, "legacy_new_amount")[0, 0] == pytest.approx(1e6 * 20 / 30)


def test_contributors_past_the_pension_age_defer_retirement():
    """Two active insured aged 60 (pension age 60) with 20 years: one still contributes and
    gains a year of service, the other leaves, becomes inactive and retires on a pension."""
    out_state = one_cell(persons=2.0, service=20, average=1e6, inactive=False, protected=1.0,
                         pension_age=60)
    # without contributing members both leave and retire
    assert out_state["pensioners"][0, 0, 60] == pytest.approx(2.0)
    state = one_active_cell(60, 20, 2.0, 1e6)
    members = np.zeros((1, 1, N_AGE))
    members[0, 0, 61] = 1.0
    paths = {"survival": np.ones((1, 1, N_AGE)), "active": members, "lapses": np.zeros_like(members),
             "returns": np.zeros_like(members), "earnings": np.full((1, 1, N_AGE), 3e6),
             "disability": np.zeros_like(members)}
    rules = rules_for()
    out = project_service(state, paths, rules)
    assert out["insured"][0, 0, 61] == 1.0 and out["pensioners"][0, 0, 61] == 1.0
    assert out["amounts"][0, 0, 61] == pytest.approx(0.3 * 1e6)
    assert total(out, "contributors_over_pension_age")[0, 0] == 1.0
    assert_agree(out, project_service_reference(state, paths, rules))


def test_lapsed_keep_their_service_and_return_with_it():
    """Ten active insured aged 30 with 5 years: four lapse in year one (and keep 5 years and
    their revalued earnings), two return in year two and gain a year of service."""
    state = one_active_cell(30, 5, 10.0, 1e6)
    members, lapses, returns = (np.zeros((1, 2, N_AGE)) for _ in range(3))
    members[0, 0, 31], members[0, 1, 32] = 6.0, 8.0
    lapses[0, 0, 31] = 4.0
    returns[0, 1, 32] = 2.0
    rules = rules_for(2, revaluation=1.1)
    paths = {"survival": np.ones((1, 2, N_AGE)), "active": members, "lapses": lapses, "returns": returns,
             "earnings": np.full((1, 2, N_AGE), 3e6), "disability": np.zeros((1, 2, N_AGE))}
    out = project_service(state, paths, rules)
    assert_agree(out, project_service_reference(state, paths, rules))
    assert out["inactive"][0, 0, 31] == pytest.approx(4.0) and out["insured"][0, 0, 31] == pytest.approx(6.0)
    assert out["inactive"][0, 1, 32] == pytest.approx(2.0) and out["insured"][0, 1, 32] == pytest.approx(8.0)
    # service years at the end of year two: 6 with 7 years, 2 returned with 6, 2 inactive with 5
    assert total(out, "service_years")[0, 1] == pytest.approx(6 * 7 + 2 * 6 + 2 * 5)
