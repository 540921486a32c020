"""The command line from a user's point of view."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from engine.cli import main

ROOT = Path(__file__).parents[2]
BASELINE = ROOT / "scenarios" / "baseline.yaml"


def test_run_writes_complete_results_with_units(tmp_path, capsys):
    out = tmp_path / "base"
    assert main(["run", str(BASELINE), "--out", str(out), "--set", "horizon.end_year=2035"]) == 0
    assert "wrote" in capsys.readouterr().out
    with xr.open_dataset(out / "results.nc") as ds:
        for name in ("population", "labour_force", "informal_employed", "gdp", "government_expenditure"):
            assert name in ds and ds[name].attrs.get("units"), name
        assert ds["population"].dims == ("year", "sex", "age")
        assert list(ds["sex"].values) == ["male", "female"]
        assert ds["age"].values.tolist() == list(range(101))
        assert ds["year"].values.tolist() == list(range(2023, 2036))      # from the base year
        assert float(ds["informal_employed"].sum()) < float(ds["labour_force"].sum())
    summary = pd.read_csv(out / "summary.csv", index_col="year")
    assert summary.index.tolist() == list(range(2023, 2036))
    assert not any(p.name.endswith(".part") for p in out.iterdir()), "no temporary file left behind"


def test_rerun_replaces_files(tmp_path):
    out = tmp_path / "base"
    assert main(["run", str(BASELINE), "--out", str(out), "--set", "horizon.end_year=2030"]) == 0
    assert main(["run", str(BASELINE), "--out", str(out), "--set", "horizon.end_year=2032"]) == 0
    assert pd.read_csv(out / "summary.csv").year.max() == 2032


def test_python_dash_m_engine_is_the_same_program(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "engine", "validate", str(BASELINE)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "is valid" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "engine", "validate", str(BASELINE),
                           "--set", "labour.unemployment_rate=2"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_overrides_change_the_results(tmp_path):
    import engine

    base = engine.run(engine.load_scenario(BASELINE, ["horizon.end_year=2030"]))
    more_unemployed = engine.run(engine.load_scenario(
        BASELINE, ["horizon.end_year=2030", "labour.unemployment_rate=0.1"]))
    ratio = more_unemployed["informal_employed"].sum() / base["informal_employed"].sum()
    assert np.isclose(float(ratio), 0.9 / (1 - 0.024))
