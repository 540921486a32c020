"""Stochastic and sensitivity variants: reproducibility, draws, failures, outputs."""

import subprocess
import sys

import numpy as np
import pytest

from engine.errors import InputError
from engine.scenario.load import scenario_from_dict
from engine.sweep import (
    CHUNK_VARIANTS, CHUNKS_PER_WORKER, Executor, chunk_sizes, depletion_probability, gather, quantile_bands,
    sensitivity_sweep, stochastic_sweep
)
from engine.sweep_executor import SweepError
from engine.uncertainty import apply_variant, draw_variants

SCENARIO = {
    "name": "sweep_test",
    "horizon": {"end_year": 2032},
    "uncertainty": {
        "seed": 7,
        "parameters": {
            "macro.real_gdp_growth": {"distribution": "normal", "sd": 0.01},
            "demography.mortality_multiplier": {"distribution": "lognormal", "sd": 0.1, "apply": "multiply"},
            "labour.unemployment_rate": {"distribution": "uniform", "low": -0.01, "high": 0.02},
        },
        "correlations": [{"first": "macro.real_gdp_growth", "second": "labour.unemployment_rate", "rho": -0.5}],
    },
    "sensitivity": {"demography.fertility_multiplier": {"apply": "multiply", "values": [0.8, 1.2]}},
}


@pytest.fixture(scope="module")
def scenario():
    return scenario_from_dict(SCENARIO)


@pytest.fixture(scope="module")
def two_workers():
    with Executor(workers=2) as ex:
        yield ex


def test_same_seed_same_results_with_one_and_two_workers(scenario, two_workers):
    with Executor(workers=1) as one:
        a = stochastic_sweep(scenario, 12, one)
    b = stochastic_sweep(scenario, 12, two_workers, chunks=5)
    assert set(a.data_vars) == set(b.data_vars)
    for name in a.data_vars:
        np.testing.assert_array_equal(a[name].to_numpy(), b[name].to_numpy(), err_msg=name)
    c = stochastic_sweep(scenario, 12, two_workers, seed=8)
    assert not np.array_equal(a["population"].to_numpy(), c["population"].to_numpy())


def test_draws_follow_their_distributions_and_correlation(scenario):
    draws = draw_variants(scenario, 40_000)
    growth = draws.shocks["macro.real_gdp_growth"]
    unemployment = draws.shocks["labour.unemployment_rate"]
    mortality = draws.shocks["demography.mortality_multiplier"]
    assert abs(growth.mean()) < 3 * 0.01 / np.sqrt(40_000) * 1.5
    assert np.isclose(growth.std(), 0.01, rtol=0.02)
    assert unemployment.min() >= -0.01 and unemployment.max() <= 0.02
    assert np.isclose(np.median(mortality), 1.0, atol=0.005)
    assert np.isclose(np.log(mortality).std(), 0.1, rtol=0.02)
    # the copula's normal scores carry the stated correlation; Spearman's rho = 6/pi asin(r/2)
    from scipy import stats

    rho = stats.spearmanr(growth, unemployment).statistic
    assert np.isclose(rho, 6 / np.pi * np.arcsin(-0.5 / 2), atol=0.02)


def test_variant_is_applied_and_truncated_at_bounds(scenario):
    variant = apply_variant(scenario, {"labour.unemployment_rate": ("add", -1.0),
                                       "demography.mortality_multiplier": ("multiply", 1.5),
                                       "macro.real_gdp_growth": ("add", 0.01)})
    assert variant.labour.unemployment_rate.to_plain() == 0.0           # truncated at its bound 0
    assert variant.demography.mortality_multiplier.to_plain() == 1.5
    years = np.array([2025, 2040])
    np.testing.assert_allclose(variant.macro.real_gdp_growth.values(years),
                               scenario.macro.real_gdp_growth.values(years) + 0.01)


def test_failed_chunk_is_reported_not_dropped(scenario, two_workers):
    good = ({}, None)
    bad = ({"macro.no_such_parameter": ("add", 1.0)}, None)
    with pytest.raises(SweepError, match=r"chunk 1 \(variants 2..3\)"):
        gather(two_workers, scenario, [[good, good], [good, bad]])


def test_sensitivity_cases_and_quantiles(scenario, two_workers):
    sens = sensitivity_sweep(scenario, two_workers)
    assert sens["case"].to_numpy().tolist() == ["base", "demography.fertility_multiplier 0.8 x",
                                                "demography.fertility_multiplier 1.2 x"]
    births = sens["births"].sel(year=2030).to_numpy()
    assert births[1] < births[0] < births[2]
    ds = stochastic_sweep(scenario, 10, two_workers)
    bands = quantile_bands(ds)
    q = bands["gdp"].sel(year=2032).to_numpy()
    assert np.all(np.diff(q) >= 0)


def test_depletion_probability_counts_draws_ever_negative():
    import xarray as xr

    reserve = xr.DataArray(np.array([[[1.0], [-1.0], [2.0]], [[1.0], [1.0], [1.0]]]),
                           dims=("draw", "year", "fund"), coords={"year": [2024, 2025, 2026], "fund": ["long_term"]})
    p = depletion_probability(xr.Dataset({"reserve": reserve}))
    assert p.sel(fund="long_term").to_numpy().tolist() == [0.0, 0.5, 0.5]


def test_unknown_varied_key_is_an_input_error():
    bad = dict(SCENARIO, uncertainty={"parameters": {"macro.inflaton": {"distribution": "normal", "sd": 0.1}}})
    with pytest.raises(InputError, match="did you mean 'inflation'"):
        scenario_from_dict(bad)
    bad = dict(SCENARIO, uncertainty={"parameters": {"macro.inflation": {"distribution": "normal"}}})
    with pytest.raises(InputError, match="needs sd"):
        scenario_from_dict(bad)


def test_an_existing_scheduler_gives_the_same_results(scenario, two_workers):
    """--scheduler ADDRESS: chunks go to a running cluster; the draws do not change."""
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:
        with Executor(scheduler=cluster.scheduler_address) as remote:
            a = stochastic_sweep(scenario, 4, remote)
    b = stochastic_sweep(scenario, 4, two_workers)
    for name in a.data_vars:
        np.testing.assert_array_equal(a[name].to_numpy(), b[name].to_numpy(), err_msg=name)


PROBE = """
import engine  # imported first, as by `laosim`: the workers' start re-imports this module
from engine.sweep import Executor


if __name__ == "__main__":
    with Executor(workers=2) as executor:
        executor.started()
        print(sorted(s.numba_threads for s in executor.worker_stats().values()))
"""


def test_local_workers_run_their_kernels_on_one_thread_each(tmp_path):
    """The workers fill the cores; a worker whose kernels also spread over every core
    slows the others down. numba reads its thread count once, when it is imported, and a
    worker imports it as it starts whenever the main module imports the engine."""
    script = tmp_path / "probe.py"
    script.write_text(PROBE)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[1, 1]"


def test_progress_in_a_log_is_a_line_per_chunk_or_per_tenth(capsys):
    from engine.sweep import stderr_progress

    for done in (1, 2, 3):
        stderr_progress(done, 3)
    assert capsys.readouterr().err == "".join(f"sweep: {d}/3 chunks\n" for d in (1, 2, 3))
    for done in range(1, 101):
        stderr_progress(done, 100)
    assert capsys.readouterr().err == "".join(f"sweep: {d}/100 chunks\n" for d in range(10, 101, 10))


def test_local_workers_and_a_dask_cluster_give_the_same_results(scenario, two_workers):
    """The local worker pool (no --scheduler) and dask.distributed run the same chunks."""
    with Executor(workers=2, local="dask") as dask_cluster:
        a = stochastic_sweep(scenario, 6, dask_cluster)
        sens_a = sensitivity_sweep(scenario, dask_cluster)
    b = stochastic_sweep(scenario, 6, two_workers)
    sens_b = sensitivity_sweep(scenario, two_workers)
    for x, y in ((a, b), (sens_a, sens_b)):
        assert set(x.data_vars) == set(y.data_vars)
        for name in x.data_vars:
            np.testing.assert_array_equal(x[name].to_numpy(), y[name].to_numpy(), err_msg=name)


def test_chunks_hold_a_fixed_number_of_variants_however_many_draws():
    for draws in (1, 3, 12, 1_000, 10_000, 100_000):
        for workers in (1, 2, 16):
            sizes = chunk_sizes(draws, workers)
            assert sum(sizes) == draws
            assert 1 <= min(sizes) and max(sizes) <= CHUNK_VARIANTS
            assert sizes == sorted(sizes, reverse=True)  # shrinking towards the end, for balance
            assert sizes[-workers:] == [1] * min(workers, len(sizes))
    assert len(chunk_sizes(12, 2)) >= CHUNKS_PER_WORKER * 2  # a small sweep: several chunks a worker


def test_default_local_workers_are_the_cores_available():
    import os

    with Executor() as executor:
        assert executor.worker_count() == len(os.sched_getaffinity(0))
