"""Fixtures for the report tests: short runs of the baseline.

Runs stop in 2040 to keep the tests fast.
"""

from pathlib import Path

import pytest

import engine
from engine.cli import main

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
BASELINE = ROOT / "scenarios" / "baseline.yaml"
HIGH_MIGRATION = HERE / "high_migration.yaml"
SHORT = ["horizon.end_year=2040"]


@pytest.fixture(scope="session")
def baseline_scenario():
    return engine.load_scenario(BASELINE, SHORT)


@pytest.fixture(scope="session")
def baseline_results(baseline_scenario):
    return engine.run(baseline_scenario)


@pytest.fixture(scope="session")
def run_dir(tmp_path_factory):
    """``laosim run`` of the baseline to 2040; returns (output folder, stdout, stderr)."""
    import contextlib
    import io

    out = tmp_path_factory.mktemp("run") / "baseline"
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main(["run", str(BASELINE), "--out", str(out), "--set", SHORT[0]])
    assert status == 0, stderr.getvalue()
    return out, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="session")
def compare_run(tmp_path_factory):
    """``laosim compare baseline high_migration`` to 2040 with the default output folder,
    from a temporary working directory; returns (cwd, stdout, stderr)."""
    import contextlib
    import io
    import os

    cwd = tmp_path_factory.mktemp("compare")
    stdout, stderr = io.StringIO(), io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            status = main(["compare", str(BASELINE), str(HIGH_MIGRATION), "--set", SHORT[0]])
    finally:
        os.chdir(here)
    assert status == 0, stderr.getvalue()
    return cwd, stdout.getvalue(), stderr.getvalue()


@pytest.fixture(scope="session")
def compare_dir(compare_run):
    return compare_run[0] / "reports" / "compare_baseline_high_migration"
