"""The enrolment kernel's return rate by year, cell and pattern, and the awareness stock."""

import numpy as np
import pytest

from engine.enrolment.reference import awareness_step, project_enrolment_reference
from engine.kernels.enrolment import QUANTITIES, project_enrolment, rates_row
from tests.enrolment.test_dynamics import assert_close, random_problem

Q = {name: i for i, name in enumerate(QUANTITIES)}
N_PATTERNS = 2


def with_paths(seed, awareness=(0.3, 0.4, 0.05), inflow_level=0.2, n_years=7):
    """A random problem with two patterns, a return rate by year, cell and pattern, and the
    awareness stock on (``awareness`` = decay, word of mouth, initial share; None: off)."""
    cells, years, rates, members0, lapsed0 = random_problem(seed, n_years=n_years)
    rng = np.random.default_rng(seed + 100)
    n_cells, _, n_age = cells[1].shape
    shape = (n_years, n_cells, N_PATTERNS)
    pattern = (np.arange(n_age)[None, :] >= 40).astype(np.int64).repeat(2, axis=0)
    klass = rng.integers(0, 3, n_cells)
    per_reach = rng.uniform(0.05, 1.4, shape)
    scale = np.minimum(rng.uniform(0.0, 0.4, shape) * per_reach, 1.0)
    shift = rng.normal(0.0, 0.3, shape)
    lapse = rng.uniform(0.0, 0.3, shape)
    back = rng.uniform(0.0, 0.5, shape)
    inflow = rng.uniform(0.0, inflow_level, shape)
    income, _, pool, survival, transfers = years
    rates = rates_row(beta_below=-2e-7, beta_above=-1e-7, threshold=1.1e6, lapse=0.14, return_rate=0.2,
                      entry_age=14.0, exit_age=60.0, awareness=awareness)
    return ((cells[0], cells[1], cells[2], klass, pattern),
            (income, scale, pool, survival, transfers, shift, lapse, back, inflow, per_reach),
            rates, members0, lapsed0)


@pytest.mark.parametrize("parallel", [False, True])
@pytest.mark.parametrize("awareness", [None, (0.3, 0.4, 0.05), (1.0, 0.0, 0.0), (0.0, 1.0, 1.0)])
def test_kernel_matches_reference_with_return_paths_and_the_stock(parallel, awareness):
    args = with_paths(4, awareness)
    fast = project_enrolment(*args, n_groups=4, parallel=parallel, n_classes=3)
    slow = project_enrolment_reference(*args, n_groups=4, n_classes=3)
    for a, b in zip(fast, slow):
        assert_close(a, b)


def test_a_constant_return_path_gives_the_rate_of_the_rates_row():
    cells, years, rates, m0, x0 = random_problem(2)
    path = np.full(years[1].shape + (1,), 0.2)
    short = project_enrolment(cells, years, rates, m0, x0, n_groups=4)
    lapse = np.full(path.shape, 0.14)
    long = project_enrolment(cells, years + (np.zeros(path.shape), lapse, path), rates, m0, x0, n_groups=4)
    for a, b in zip(short, long):
        np.testing.assert_array_equal(a, b)


def test_a_return_rate_rising_from_a_year_leaves_the_years_before_unchanged():
    cells, years, rates, m0, x0 = random_problem(3, n_years=8)
    shape = years[1].shape + (1,)
    base = np.full(shape, 0.2)
    rising = base.copy()
    rising[4:] = 0.35
    extra = (np.zeros(shape), np.full(shape, 0.14))
    before = project_enrolment(cells, years + extra + (base,), rates, m0, x0, n_groups=4)[0]
    after = project_enrolment(cells, years + extra + (rising,), rates, m0, x0, n_groups=4)[0]
    np.testing.assert_array_equal(after[:4], before[:4])
    members = (after[:, Q["members"]].sum(axis=(1, 2, 3)), before[:, Q["members"]].sum(axis=(1, 2, 3)))
    assert np.all(members[0][4:] > members[1][4:])


def test_the_stock_stays_a_share():
    rng = np.random.default_rng(7)
    stock = rng.uniform(0, 1, 10_000)
    for _ in range(20):
        stock = awareness_step(stock, decay=rng.uniform(0, 1, stock.size), inflow=rng.uniform(0, 1, stock.size),
                               word_of_mouth=rng.uniform(0, 1, stock.size), member_share=rng.uniform(0, 1, stock.size))
        assert np.all(stock >= 0.0) and np.all(stock <= 1.0)
    assert np.array_equal(awareness_step(np.ones(3), 0.0, 1.0, 1.0, 1.0), np.ones(3))
    assert np.array_equal(awareness_step(np.zeros(3), 1.0, 0.0, 0.0, 0.0), np.zeros(3))


def test_without_outreach_or_word_of_mouth_the_stock_decays_geometrically():
    """One cell, everyone interested (Phi = 1), nobody lapsing: the hazard of year t is
    scale + r K0 (1 - d)^(t + 1), read off joins / non-members."""
    n_years, n_age, k0, decay, r, scale = 6, 101, 0.8, 0.3, 0.5, 0.01
    eta = np.full((2, 1, 2, n_age), 40.0)
    weight = np.ones((1, 2, n_age))
    pool = np.full((n_years, 2, n_age), 1000.0)
    years = (np.full((n_years, 1), 1e6), np.full((n_years, 1), scale), pool, np.ones((n_years, 2, n_age)),
             np.zeros((n_years, 2, n_age)), np.zeros((n_years, 1, 1)), np.zeros((n_years, 1, 1)),
             np.zeros((n_years, 1, 1)), np.zeros((n_years, 1, 1)), np.full((n_years, 1, 1), r))
    rates = rates_row(beta_below=0.0, beta_above=0.0, threshold=-np.inf, lapse=0.0, return_rate=0.0,
                      entry_age=0.0, exit_age=101.0, awareness=(decay, 0.0, k0))
    zero = np.zeros((1, 2, n_age))
    out = project_enrolment((eta, weight, np.zeros(1, dtype=np.int64)), years, rates, zero, zero, n_groups=1)[0]
    members = out[:, Q["members"], 0, 0]                                    # (T, A), sex 0
    joins = out[:, Q["joins"], 0, 0]
    before = np.vstack([np.zeros((1, n_age)), members[:-1]])
    aged = np.zeros_like(before)
    aged[:, 1:] = before[:, :-1]
    aged[:, -1] += before[:, -1]
    hazard = joins[:, 1:-1] / (1000.0 - aged[:, 1:-1])  # below the open age group, which fills up
    expected = scale + r * k0 * (1.0 - decay) ** (np.arange(n_years) + 1)
    np.testing.assert_allclose(hazard, np.broadcast_to(expected[:, None], hazard.shape), rtol=1e-12)


@pytest.mark.parametrize("seed", [5, 6])
def test_more_outreach_never_lowers_members(seed):
    args = with_paths(seed, (0.2, 0.5, 0.0), inflow_level=0.1)
    cells, years, rates, m0, x0 = args
    more = years[:8] + (np.minimum(years[8] * 1.5 + 0.02, 1.0),) + years[9:]
    low = project_enrolment(cells, years, rates, m0, x0, n_groups=4)[0][:, Q["members"]]
    high = project_enrolment(cells, more, rates, m0, x0, n_groups=4)[0][:, Q["members"]]
    assert np.all(high.sum(axis=(1, 2)) >= low.sum(axis=(1, 2)) * (1 - 1e-12))
    assert high.sum() > low.sum()


def test_a_memoryless_stock_is_the_flow_model():
    """Decay 1, no word of mouth, no initial stock: the stock is the year's outreach, and
    the hazard's scale min(scale + r o, min(r, 1)) that of reach + o."""
    cells, years, rates, m0, x0 = with_paths(8, (1.0, 0.0, 0.0))
    scale, inflow, per_reach = years[1], years[8], years[9]
    flow = np.minimum(scale + per_reach * inflow, np.minimum(per_reach, 1.0))
    off = rates_row(beta_below=-2e-7, beta_above=-1e-7, threshold=1.1e6, lapse=0.14, return_rate=0.2,
                    entry_age=14.0, exit_age=60.0)
    stock = project_enrolment(cells, years, rates, m0, x0, n_groups=4)
    as_flow = project_enrolment(cells, (years[0], flow) + years[2:], off, m0, x0, n_groups=4)
    for a, b in zip(stock, as_flow):
        assert_close(a, b, rtol=1e-12)
