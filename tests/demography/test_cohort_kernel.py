"""The numba cohort kernel: agreement with the numpy reference and demographic invariants."""

import numpy as np

from engine.demography import one_year_survival
from engine.kernels.cohort import mid_year, project_cohorts

A = 101


def random_inputs(seed, batch, years, shared_rates=False, migration_scale=50.0):
    """``shared_rates``: True (every rate array has a batch of 1), False (none has), or a
    tuple of five booleans, one per rate array (survival and survival at birth go
    together, both being derived from the same death rates)."""
    rng = np.random.default_rng(seed)
    shared = (shared_rates,) * 5 if isinstance(shared_rates, bool) else shared_rates
    r = [1 if s else batch for s in shared]
    pop0 = rng.uniform(0, 5e4, (batch, 2, A))
    mx = rng.uniform(0.0, 0.3, (r[0], years, 2, A))
    survival, survival_birth = one_year_survival(mx)
    asfr = np.zeros((r[2], years, A))
    asfr[:, :, 15:50] = rng.uniform(0, 0.2, (r[2], years, 35))
    asfr[:, :, 0] = rng.uniform(0, 0.2, (r[2], years))  # no mother is 0: both sides skip it
    migration = rng.normal(0, migration_scale, (r[3], years, 2, A))
    male_share = rng.uniform(0.5, 0.53, (r[4], years))
    return pop0, survival, survival_birth, asfr, migration, male_share


"""Which rate arrays a batch shares (survival and survival at birth together)."""


def test_births_follow_fertility_and_sex_ratio():
    pop0 = np.zeros((1, 2, A))
    pop0[0, 1, 20:40] = 1000.0                    # 20,000 women aged 20-39
    survival, survival_birth = one_year_survival(np.zeros((1, 1, 2, A)))
    asfr = np.zeros((1, 1, A))
    asfr[0, 0, 21:41] = 0.1                       # they are 21-40 at year end
    srb = 1.05
    end, births = project_cohorts(pop0, survival, survival_birth, asfr, np.zeros((1, 1, 2, A)),
                                  np.full((1, 1), srb / (1 + srb)))
    # exposure at age a = (start[a] + end[a]) / 2: ages 21..39 full, age 20 and 40 half
    expected = 0.1 * (19 * 1000.0 + 0.5 * 1000.0)
    assert np.isclose(births.sum(), expected)
    assert np.isclose(births[0, 0, 0] / births[0, 0, 1], srb)
    assert np.allclose(end[0, 0, :, 0], births[0, 0])


def test_mid_year_is_mean_of_year_ends():
    pop0, *rest = random_inputs(1, 2, 5)
    end, _ = project_cohorts(pop0, *rest)
    mid = mid_year(pop0, end)
    np.testing.assert_allclose(mid[:, 0], 0.5 * (pop0 + end[:, 0]))
    np.testing.assert_allclose(mid[:, 4], 0.5 * (end[:, 3] + end[:, 4]))


def test_survival_ratios_from_constant_force():
    m = np.full(A, 0.1)
    survival, survival_birth = one_year_survival(m)
    # equal rates at every age: L(x+1)/L(x) = exp(-m) everywhere
    np.testing.assert_allclose(survival, np.exp(-0.1))
    assert np.isclose(survival_birth, (1 - np.exp(-0.1)) / 0.1)
    survival, survival_birth = one_year_survival(np.zeros(A))
    assert np.all(survival == 1.0) and survival_birth == 1.0
