import numpy as np
import pytest

from engine import demographic_inputs as d
from engine.data.files import read_parameters, read_table
from engine.dims import N_AGES


# ----------------------------------------------------------------- base population
def test_base_population_shape_and_totals():
    pop = d.base_population()
    assert pop.shape == (2, N_AGES) and pop.dtype == np.float64
    assert np.all(pop > 0)
    by_sex = d.population_end_2023_by_sex()
    np.testing.assert_allclose(pop.sum(axis=1), by_sex, rtol=1e-9)
    totals = d.wpp_population_totals()
    assert totals[2024] == pytest.approx(7_821_964.0, abs=1e-6)
    assert totals[2023] == pytest.approx(7_821_964.0 - 104_290.0, abs=1e-6)
    assert pop.sum() == pytest.approx(totals[2023], rel=1e-9)
    assert d.BASE_YEAR == read_parameters("demography")["base_year"]["value"] == 2023


def test_end_2023_split_is_consistent_with_end_2024_by_sex():
    annual = read_table("wpp2024_annual_indicators").frame.set_index("year").loc[2024]
    change = np.array([annual.population_end_male_k, annual.population_end_female_k]) * 1e3 \
        - d.population_end_2023_by_sex()
    assert change.sum() == pytest.approx(annual.population_change_k * 1e3, rel=1e-12)
    # both sexes grow by about half the total change; males slightly less (more deaths)
    assert 0.45 < change[0] / change.sum() < 0.55
    assert change[0] < change[1]


def test_base_population_keeps_compiled_group_structure():
    pop = d.base_population()
    groups = np.concatenate([pop[:, :100].reshape(2, 20, 5).sum(axis=2), pop[:, 100:]], axis=1)
    both = read_table("population_2023_age5_bothsexes_wpp2022").frame["both_sexes_k"].to_numpy()
    w19 = read_table("population_2020_age5_sex_wpp2019").frame
    share = (w19.male_k / (w19.male_k + w19.female_k)).to_numpy()
    compiled = np.stack([both * share, both * (1 - share)])
    ratio = groups / compiled  # one scale factor per sex
    np.testing.assert_allclose(ratio, np.broadcast_to(ratio[:, :1], ratio.shape), rtol=1e-9)
    assert np.all(np.abs(ratio - 1000.0) < 0.02 * 1000.0)  # thousands -> persons, ~1 % level shift


def test_wpp_comparison_series():
    totals = d.wpp_population_totals()
    assert min(totals) <= 2010 and max(totals) == 2024
    mid_2023 = read_parameters("demography")["population_mid_2023"]["value"] * 1e3
    assert (totals[2022] + totals[2023]) / 2 == pytest.approx(mid_2023, abs=50.0)
    assert d.wpp_life_expectancy()[2023] == pytest.approx((66.7793, 71.2504))
    assert d.wpp_total_fertility()[2023] == pytest.approx(2.420934)
    assert d.wpp_net_migration()[2024] == pytest.approx(-10_284.0)


def test_results_are_copies():
    pop = d.base_population()
    pop[:] = -1.0
    assert np.all(d.base_population() > 0)
    mx = d.mortality_rates([2024])
    mx[:] = 0.0
    assert np.all(d.mortality_rates([2024]) > 0)


# ------------------------------------------------------------------------ mortality
def test_mortality_shape_and_extrapolation():
    years = [1990, 2000, 2024, 2098, 2150, 2200]
    mx = d.mortality_rates(years)
    assert mx.shape == (6, 2, N_AGES)
    assert np.all(mx > 0) and np.all(mx[:, :, 100] < 1.0)
    np.testing.assert_allclose(mx[-1], mx[-3])  # constant after the last midpoint (1 Jan 2098)
    np.testing.assert_allclose(d.mortality_rates([1940])[0], d.mortality_rates([1952])[0])
    assert np.all(mx[1][:, :95] > mx[2][:, :95])  # mortality falls over time below 95
    assert np.all(np.diff(mx[2][:, 40:]) > 0)  # and rises with age after 40


def test_single_age_mortality_preserves_group_survival():
    frame = read_table("mortality_mx_age5_sex_wpp2024").frame
    mx5 = np.stack([frame.loc[frame.sex == s, "2020-2025"].to_numpy() for s in ("male", "female")])
    single = d._mx_single_age(mx5)
    np.testing.assert_allclose(single[:, 0], mx5[:, 0])
    np.testing.assert_allclose(single[:, 1:5], np.repeat(mx5[:, 1:2], 4, axis=1))
    np.testing.assert_allclose(single[:, 5:100].reshape(2, 19, 5).mean(axis=2), mx5[:, 2:21], rtol=1e-12)
    np.testing.assert_allclose(single[:, 100], mx5[:, 21])


def test_life_expectancy_matches_wpp_annual():
    """Within 0.5 years of WPP2024 annual e0, 2022-2100.

    2020-2021 are left out: the annual WPP series carries the COVID-19 shock
    (e0 female 71.05 in 2020, 70.07 in 2021), which five-year-period rates smooth out.
    """
    wpp = d.wpp_life_expectancy()
    years = np.arange(2022, 2101)
    for year, mx in zip(years, d.mortality_rates(years)):
        e0 = d.life_expectancy_at_birth(mx)
        assert e0 == pytest.approx(wpp[int(year)], abs=0.5), year
    e0_2022 = d.life_expectancy_at_birth(d.mortality_rates([2022])[0])
    assert e0_2022 == pytest.approx((66.5, 71.0), abs=0.2)


def test_life_expectancy_helper_on_constant_force():
    mx = np.full((2, N_AGES), 0.02)
    e0 = d.life_expectancy_at_birth(mx)
    np.testing.assert_allclose(e0, 1 / 0.02, rtol=1e-12)  # exponential survival: e0 = 1/m


# ------------------------------------------------------------------------ fertility
def test_fertility_sums_to_tfr():
    years = np.arange(2000, 2151)
    f = d.fertility_rates(years)
    assert f.shape == (years.size, N_AGES)
    assert np.all(f >= 0) and np.all(f[:, :10] == 0) and np.all(f[:, 55:] == 0)
    wpp = d.wpp_total_fertility()
    for year, row in zip(years, f):
        target = wpp[int(min(max(year, 2015), 2100))]
        assert row.sum() == pytest.approx(target, rel=1e-9)
    np.testing.assert_allclose(d.total_fertility([2023]), [2.420934], rtol=1e-9)
    mean_age = (f[23] * (np.arange(N_AGES) + 0.5)).sum() / f[23].sum()
    assert 26.0 < mean_age < 31.0


def test_fertility_keeps_group_shape_and_sex_ratio():
    f = d.fertility_rates([2023])[0]
    frame = read_table("fertility_asfr_age5_wpp2024").frame.set_index("year").loc[2023]
    groups = f[10:55].reshape(9, 5).sum(axis=1)
    np.testing.assert_allclose(groups / groups.sum(), frame.to_numpy() / frame.sum(), rtol=1e-9)
    assert d.sex_ratio_at_birth() == 1.053


# ------------------------------------------------------------------------ migration
def test_migration_unit_and_annual_totals():
    """Model annual totals within 8 % of WPP2024 annual net migration, 2020-2100."""
    years = np.arange(2020, 2101)
    mig = d.net_migration(years)
    assert mig.shape == (years.size, 2, N_AGES)
    totals = mig.sum(axis=(1, 2))
    wpp = np.array([d.wpp_net_migration()[int(y)] for y in years])
    np.testing.assert_allclose(totals, wpp, rtol=0.08)
    assert abs(totals.sum() / wpp.sum() - 1.0) < 0.005
    assert -12_000 < totals[years == 2024][0] < -9_000  # about -10 k a year, not -50 k


def test_migration_reproduces_period_totals():
    """A period (1 July t to 30 June t+5) gives P/5 to each of the years t+1..t+4 and
    half of that to the years t and t+5, which share two periods."""
    frame = read_table("migration_net_age5_sex_wpp2024").frame
    years = np.arange(2020, 2101)
    mig = d.net_migration(years).sum(axis=(1, 2))
    per_year = {s: frame[f"{s}-{s + 5}"].sum() * 1000.0 / 5 for s in range(2020, 2100, 5)}
    for start, rate in per_year.items():
        inside = (years > start) & (years < start + 5)
        np.testing.assert_allclose(mig[inside], rate, rtol=1e-12)
        if start + 5 in per_year:
            shared = mig[years == start + 5][0]
            assert shared == pytest.approx(0.5 * (rate + per_year[start + 5]), rel=1e-12)


def test_migration_even_within_groups_and_constant_after_2100():
    mig = d.net_migration([2030, 2101, 2140, 2300])
    np.testing.assert_allclose(mig[0, :, 20:25], mig[0, :, 20:21].repeat(5, axis=1))
    np.testing.assert_allclose(mig[1], mig[2])
    np.testing.assert_allclose(mig[2], mig[3])
