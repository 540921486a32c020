"""Probit coefficient draws, and `laosim sweep` from the command line."""

from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

from engine.cli import main
from engine.profile.probit import coefficients, standard_errors
from engine.profile.probit_draws import draw_coefficients, specifications_used, with_coefficients
from engine.scenario.load import scenario_from_dict
from tests.report.test_browser import check_layout

ROOT = Path(__file__).parents[2]


def test_probit_draws_have_the_published_means_and_standard_errors():
    scenario = scenario_from_dict({"name": "draws", "enrolment": {"probit_spec": "split_a"}})
    assert specifications_used("split_a") == ("below_a", "above_a")
    n = 40_000
    draws = draw_coefficients(scenario, n, np.random.default_rng(3))
    for spec in ("below_a", "above_a"):
        beta, se = coefficients(spec), standard_errors(spec)
        for name in beta:
            sample = draws[f"{spec}.{name}"]
            assert abs(sample.mean() - beta[name]) < 4 * se[name] / np.sqrt(n), (spec, name)
            assert np.isclose(sample.std(ddof=1), se[name], rtol=0.02), (spec, name)


def test_a_draw_replaces_the_coefficients_of_the_run():
    import engine

    scenario = scenario_from_dict({"name": "one_draw", "horizon": {"end_year": 2030}})
    drawn = with_coefficients(scenario, {"all_a.constant": -3.0})
    assert drawn.enrolment.probit_coefficients == {"all_a": {"constant": -3.0}}
    base = engine.run(scenario)["new_members"].sel(scheme="voluntary").sum()
    lower = engine.run(drawn)["new_members"].sel(scheme="voluntary").sum()
    assert float(lower) < float(base)   # a lower constant means less interest


def test_sweep_command_writes_its_files(tmp_path, capsys):
    scenario = tmp_path / "small.yaml"
    scenario.write_text(
        f"name: small\nextends: {ROOT / 'scenarios' / 'uncertainty.yaml'}\nhorizon: {{end_year: 2035}}\n"
        "sensitivity:\n  macro.inflation: {apply: add, values: [-0.01, 0.01]}\n")
    out = tmp_path / "out"
    assert main(["sweep", str(scenario), "--draws", "6", "--seed", "5", "--out", str(out)]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == ["depletion_probability.csv", "quantiles.csv", "report.html", "results.nc", "sensitivity.csv"]
    with xr.open_dataset(out / "results.nc") as ds:
        assert ds.sizes["draw"] == 6 and "voluntary_members_quantiles" in ds
        assert float(ds["depletion_probability"].min()) >= 0 and float(ds["depletion_probability"].max()) <= 1
    table = pd.read_csv(out / "sensitivity.csv", index_col="case")
    assert table.index.tolist()[0] == "base" and len(table) == 17   # base + 8 parameters of the parent x 2
    assert "wrote" in capsys.readouterr().out
    page = (out / "report.html").read_text(encoding="utf-8")
    for words in ("Long-term benefits (pensions) sub-fund runs out", "Distributions drawn", "macro.real_gdp_growth",
                  "lognormal, median 1, sd of the log 0.1", "Sensitivity cases", 'href="sensitivity.csv"'):
        assert words in page, words
    for width in (1400, 420):
        check_layout(out / "report.html", tmp_path, width)


def test_sweep_with_bad_override_writes_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["sweep", str(ROOT / "scenarios" / "uncertainty.yaml"), "--draws", "3", "--out", str(out),
                   "--set", "uncertainty.parameters.macro.inflation.sd=-1"])
    assert status == 2 and not out.exists()
    assert "Traceback" not in capsys.readouterr().err
