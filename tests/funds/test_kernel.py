"""The service-tracking kernel agrees with its numpy reference and keeps every person."""

import numpy as np
import pytest

from engine.funds.reference import project_service_reference
from engine.kernels.pensions import TOTALS, project_service
from tests.funds.helpers import random_unit_inputs

RTOL = 1e-10


def assert_agree(kernel_out, reference_out):
    """Relative agreement to 1e-10, relative to each output's largest magnitude (so that
    entrants = members - insured, a difference of near-equal numbers, is judged fairly)."""
    for got, want in zip(kernel_out, reference_out):
        if got.ndim == 3 and got.shape[-1] == len(TOTALS):
            scale = np.abs(want).max(axis=(0, 1), keepdims=True)
        else:
            scale = np.abs(want).max()
        scale = np.where(scale > 0, scale, 1.0)
        assert np.all(np.abs(got - want) <= RTOL * (np.abs(want) + scale)), \
            f"largest relative difference {np.max(np.abs(got - want) / scale):.3g}"


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("parallel", [False, True])
def test_kernel_matches_reference(seed, parallel):
    args = random_unit_inputs(np.random.default_rng(seed), n_units=5, n_years=25)
    assert_agree(project_service(*args, parallel=parallel), project_service_reference(*args))


def test_serial_and_parallel_identical(rng):
    args = random_unit_inputs(rng, n_units=20, n_years=15)
    serial = project_service(*args, parallel=False)
    parallel = project_service(*args, parallel=True)
    for a, b in zip(serial, parallel):
        np.testing.assert_array_equal(a, b)


def test_open_service_and_age_groups(rng):
    """Long careers reach the open service group; the open age group keeps its members."""
    n0, e0, p0, q0, survival, active, earnings, disability, rules = random_unit_inputs(
        rng, n_units=2, n_years=60)
    n0[:, 20:40, 48:] = 50.0
    e0 = n0 * np.arange(n0.shape[2]) * 2e6
    rules[..., 2] = 101                         # nobody retires: service keeps growing
    args = (n0, e0, p0, q0, survival, active, earnings, disability, rules)
    assert_agree(project_service(*args), project_service_reference(*args))


def test_every_person_accounted_for(rng):
    """Without deaths, insured + pensioners + lump sums + disabled = initial + entrants."""
    n0, e0, p0, q0, survival, active, earnings, disability, rules = random_unit_inputs(rng)
    survival[:] = 1.0
    insured, pensioners, _, totals = project_service(n0, e0, p0, q0, survival, active,
                                                     earnings, disability, rules)
    col = {name: totals[..., i] for i, name in enumerate(TOTALS)}
    start = n0.sum(axis=(1, 2)) + p0.sum(axis=1)
    inflow = np.cumsum(col["entrants"], axis=1)
    outflow = np.cumsum(col["lump_sums"] + col["disabled"], axis=1)
    stock = insured.sum(axis=2) + pensioners.sum(axis=2)
    np.testing.assert_allclose(stock + outflow, start[:, None] + inflow, rtol=1e-12)
    assert np.all(col["insured_deaths"] == 0) and np.all(col["pensioner_deaths"] == 0)


def test_pension_formula_single_cell():
    """One person aged 59 with 30 years of service and average earnings 2 m retires at 60."""
    _, pensioners, amounts, totals = retire_one_cell(persons=1.0, service=30, average=2e6, revaluation=1.1)
    # revalued average 2.2 m; min(0.015 x 30, 0.75) = 0.45
    assert pensioners[0, 0, 60] == 1.0
    assert amounts[0, 0, 60] == pytest.approx(0.45 * 2.2e6, rel=1e-13)
    assert totals[0, 0, TOTALS.index("new_pension_amount")] == pytest.approx(0.45 * 2.2e6, rel=1e-13)


def test_short_service_gets_lump_sum():
    _, pensioners, _, totals = retire_one_cell(persons=2.0, service=10, average=1.5e6, revaluation=1.0)
    assert pensioners.sum() == 0
    assert totals[0, 0, TOTALS.index("lump_sums")] == 2.0
    # 1.275 months x 10 years x 1.5 m, for two persons
    assert totals[0, 0, TOTALS.index("lump_sum_amount")] == pytest.approx(2 * 1.275 * 10 * 1.5e6)


def retire_one_cell(persons, service, average, revaluation):
    """One year of the kernel for ``persons`` aged 59 with ``service`` years and average
    earnings ``average`` (LAK/month), under a rule retiring at 60 with 15 years' minimum
    service, 1.5 % accrual a year capped at 75 %, and earnings revalued by ``revaluation``."""
    from engine.kernels.pensions import N_RULES

    n0 = np.zeros((1, 101, 51))
    n0[0, 59, service] = persons
    e0 = n0 * service * average
    zeros = np.zeros((1, 1, 101))
    rules = np.zeros((1, 1, N_RULES))
    rules[0, 0] = [revaluation, 1.0, 60, 15, 0.015, 0.75, 25, 0.01, 1.275, 5, 1]
    return project_service(n0, e0, np.zeros((1, 101)), np.zeros((1, 101)), np.ones((1, 1, 101)), zeros,
                           zeros, zeros, rules)


def test_contributors_past_the_pension_age_defer_retirement():
    """Two insured persons aged 61 (pension age 60) with 20 years: one still contributes and
    gains a year of service, the other retires on a pension."""
    from engine.kernels.pensions import N_RULES

    n0 = np.zeros((1, 101, 51))
    n0[0, 60, 20] = 2.0
    e0 = n0 * 20 * 1e6
    active = np.zeros((1, 1, 101))
    active[0, 0, 61] = 1.0
    earnings = np.full((1, 1, 101), 3e6)
    rules = np.zeros((1, 1, N_RULES))
    rules[0, 0] = [1.0, 1.0, 60, 15, 0.015, 0.75, 25, 0.0, 1.275, 5, 1]
    args = (n0, e0, np.zeros((1, 101)), np.zeros((1, 101)), np.ones((1, 1, 101)), active,
            earnings, np.zeros((1, 1, 101)), rules)
    insured, pensioners, amounts, totals = project_service(*args)
    assert insured[0, 0, 61] == 1.0 and pensioners[0, 0, 61] == 1.0
    assert amounts[0, 0, 61] == pytest.approx(0.3 * 1e6)
    assert totals[0, 0, TOTALS.index("contributors_over_pension_age")] == 1.0
    assert_agree(project_service(*args), project_service_reference(*args))
