"""Calibration of the enrolment intensities: fit, the shipped values, ``laosim calibrate``."""

from functools import lru_cache

import numpy as np
import pytest
import yaml

import engine
from engine.cli import main
from engine.enrolment.calibration import FITTED, calibrate, fit_table, observations, survey_unaffordable_share
from engine.scenario.params import YearPath
from engine.scenario.schema_enrolment import default

BASELINE = "scenarios/baseline.yaml"


@lru_cache(maxsize=None)
def baseline():
    return engine.load_scenario(BASELINE)


@lru_cache(maxsize=None)
def fitted():
    return calibrate(baseline())


def _get(scenario, dotted):
    value = scenario
    for part in dotted.split("."):
        value = getattr(value, part)
    return value.values(np.array([2024]))[0] if hasattr(value, "values") else value


def test_calibration_reproduces_every_observation_within_10_percent():
    result = fitted()
    names = {row.observation for row in result.fit}
    for o in observations():
        assert o.name in names
    for row in result.fit:
        assert abs(row.error) < 0.10, row
        assert row.fitted == pytest.approx(row.observed, rel=0.10)
    stocks = [r for r in result.fit if r.observation.startswith("voluntary active members")]
    assert [r.observed for r in stocks] == [8007, 11492, 26793]


def test_calibrated_values_are_plausible():
    v = fitted().values
    assert set(v) == set(FITTED)
    for key in ("enrolment.history.reach_2018", "enrolment.history.reach_2020", "enrolment.history.reach_2023"):
        assert 0 < v[key] < 0.05
    assert 0 < v["enrolment.continuation_share"] < 1
    assert 0 < v["enrolment.affordability_threshold"] < 1
    assert v["enrolment.reach"] == v["enrolment.history.reach_2023"]
    for key in ("coverage.civil_servant_coverage", "coverage.enterprise_compliance"):
        assert 0.5 < v[key] <= 1


def test_shipped_baseline_and_defaults_carry_the_calibrated_values():
    result = fitted()
    s = baseline()
    for key, value in result.values.items():
        assert _get(s, key) == pytest.approx(value, rel=1e-3), key
        name = key.rpartition(".")[2]
        shipped = default(name)
        shipped = shipped[2023] if isinstance(shipped, dict) else shipped  # the compliance path's fitted end
        assert float(shipped) == pytest.approx(value, rel=1e-3), name


def test_recorded_fit_matches_the_shipped_values():
    s = baseline()
    recorded = {r.observation: r for r in s.enrolment.calibration.fit}
    assert set(s.enrolment.calibration.fitted_parameters) == set(FITTED)
    for row in fit_table(s):
        assert row.observation in recorded
        assert recorded[row.observation].fitted == pytest.approx(row.fitted, rel=1e-4, abs=1e-4)
        assert abs(row.error) < 0.10


def test_applying_the_fit_gives_the_fitted_scenario():
    result = fitted()
    s = result.apply(baseline().model_copy(update={"enrolment": baseline().enrolment.model_copy(
        update={"continuation_share": 0.5})}))
    assert s.enrolment.continuation_share == result.values["enrolment.continuation_share"]
    assert s.enrolment.calibration.fit == result.fit


def test_unaffordable_share_falls_with_the_threshold_and_rises_with_the_contribution():
    shares = [survey_unaffordable_share(t, 0.5) for t in (0.05, 0.1, 0.2, 0.4)]
    assert all(a > b for a, b in zip(shares, shares[1:]))
    assert survey_unaffordable_share(0.2, 0.5, 200_000) > survey_unaffordable_share(0.2, 0.5, 99_000)
    assert survey_unaffordable_share(0.2, 0.5, 0.0) == 0.0


def test_cli_calibrate_prints_a_yaml_block(capsys):
    assert main(["calibrate", BASELINE]) == 0
    captured = capsys.readouterr()
    block = yaml.safe_load(captured.out)
    assert set(block) == {"enrolment", "coverage"}
    assert block["enrolment"]["history"]["reach_2023"] == block["enrolment"]["reach"]
    rows = block["enrolment"]["calibration"]["fit"]
    assert all(set(r) == {"observation", "observed", "fitted", "error"} for r in rows)
    assert "observed" in captured.err and "fitted" in captured.err


def test_cli_calibrate_writes_a_runnable_scenario(tmp_path):
    out = tmp_path / "sub" / "calibrated.yaml"
    assert main(["calibrate", BASELINE, "--out", str(out), "--set", "enrolment.lapse_rate=0.2"]) == 0
    text = out.read_text()
    assert "extends:" in text and "name: baseline_calibrated" in text
    s = engine.load_scenario(out)
    assert s.name == "baseline_calibrated"
    assert s.enrolment.lapse_rate == YearPath.constant(0.2)
    assert s.macro == baseline().macro
    # with a higher lapse rate the fit still reproduces the observations
    assert all(abs(r.error) < 0.10 for r in s.enrolment.calibration.fit)
    assert s.enrolment.history.reach_2023 != baseline().enrolment.history.reach_2023


def test_cli_calibrate_rejects_a_bad_scenario(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nenrolment:\n  probit_spec: nope\n")
    assert main(["calibrate", str(bad), "--out", str(tmp_path / "x.yaml")]) == 2
    assert not (tmp_path / "x.yaml").exists()
    assert "enrolment.probit_spec" in capsys.readouterr().err


def test_enrolment_data_files_document_themselves():
    from engine.data.schemas import STATUSES
    from engine.data.files import data_dir, read_csv_table, read_parameters

    table = read_csv_table(data_dir() / "membership_history.csv")
    for key in ("title", "unit", "year", "source", "status", "method"):
        assert table.meta.get(key), key
    frame = table.frame
    assert set(frame["status"]) <= set(STATUSES)
    assert set(frame["use"]) <= {"calibration", "initial_state", "check"}
    assert frame["source"].str.len().min() > 20
    assert "shared" not in table.meta["source"] and "reference/" not in table.meta["source"]
    for key, entry in read_parameters("enrolment").items():
        for field in ("unit", "source", "status", "year"):
            assert entry.get(field) not in (None, ""), f"{key}: {field}"
        assert entry["status"] in STATUSES
        if entry["status"] in ("derived", "assumption"):
            assert entry.get("method") or entry.get("note"), key
    assert read_parameters("enrolment")["initial_members"]["value"] == pytest.approx(8007 / 1.425, abs=1)


def test_compliance_path_passes_the_2013_observation_exactly_and_holds_after_2023():
    s = baseline()
    path = s.coverage.enterprise_compliance
    fitted_end = fitted().values["coverage.enterprise_compliance"]
    assert path.values(np.array([2013]))[0] == 0.27
    np.testing.assert_allclose(path.values(np.array([2023, 2024, 2050])), fitted_end, rtol=1e-9)
    years = np.arange(2013, 2024)
    np.testing.assert_allclose(path.values(years), np.interp(years, [2013, 2023], [0.27, fitted_end]), atol=1e-6)
    # the default (no scenario key) is the same path
    assert engine.load_scenario(BASELINE).coverage.enterprise_compliance == default_coverage().enterprise_compliance


def default_coverage():
    from engine.scenario.schema_enrolment import Coverage

    return Coverage()


def test_calibrate_fits_the_2023_end_of_the_compliance_path_to_the_enterprise_members():
    from engine.enrolment.compulsory import compulsory_before
    from engine.labour import default_base_labour

    s = fitted().apply(baseline())
    base = default_base_labour(s)
    enterprise = compulsory_before(s, base)[1].sum()
    assert enterprise == pytest.approx(0.431 * 353962, rel=1e-3)
    # the target group: employees of firms of 10 or more workers, far more than the members
    assert base.compulsory_target.sum() == pytest.approx(enterprise / 0.59218, rel=1e-3)
    assert fitted().values["coverage.enterprise_compliance"] < 0.7


def test_a_larger_target_group_gives_a_lower_fitted_compliance_and_the_same_members():
    wide = calibrate(engine.load_scenario(BASELINE, ["coverage.target_group_share=0.5"]))
    narrow = fitted()
    key = "coverage.enterprise_compliance"
    assert wide.values[key] == pytest.approx(narrow.values[key] * 0.3645 / 0.5, rel=1e-3)
    for a, b in zip(wide.fit, narrow.fit):
        if a.observation.startswith(("all active", "enterprise share")):
            assert a.fitted == pytest.approx(b.fitted, rel=2e-3), a


def test_the_2018_total_is_reported_as_a_check():
    (row,) = fitted().checks
    assert row.observation == "all active members 2018-12-31 (check)"
    assert row.observed == 300409
    assert abs(row.error) < 0.15
    assert "checks (compared, not fitted)" in fitted().table()


def test_an_empty_target_group_cannot_be_calibrated(tmp_path, capsys):
    assert main(["calibrate", BASELINE, "--set", "coverage.target_group_share=0"]) == 2
    err = capsys.readouterr().err
    assert "coverage.target_group_share" in err and "target group is empty" in err and "Traceback" not in err
