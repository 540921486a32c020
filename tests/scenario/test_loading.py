"""Loading, inheritance, overrides and the documentation of every parameter."""

import numpy as np
import pytest
from pydantic import ValidationError

from engine import load_scenario
from engine.errors import InputError
from engine.scenario.load import scenario_from_dict
from engine.scenario.params import YearPath
from engine.scenario.schema import Scenario
from tests.schema_walk import assert_documented, leaves


def write(path, text):
    path.write_text(text)
    return path


def test_extends_merges_mappings_and_child_name_wins(tmp_path):
    write(tmp_path / "base.yaml", "name: base\nlabour:\n  unemployment_rate: 0.05\n  formalisation_rate: 0.01\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    child = write(sub / "child.yaml", "name: child\nextends: ../base.yaml\nlabour:\n  unemployment_rate: 0.03\n")
    scenario = load_scenario(child)
    assert scenario.name == "child"
    assert scenario.labour.unemployment_rate == YearPath.constant(0.03)
    assert scenario.labour.formalisation_rate == YearPath.constant(0.01)


def test_error_in_parent_points_at_parent_line(tmp_path):
    write(tmp_path / "base.yaml", "name: base\nlabour:\n  unemployment_rate: 3\n")
    child = write(tmp_path / "child.yaml", "name: child\nextends: base.yaml\n")
    with pytest.raises(InputError) as info:
        load_scenario(child)
    assert "base.yaml:3: labour.unemployment_rate" in str(info.value)


def test_set_overrides_a_path_year_and_is_validated(tmp_path):
    path = write(tmp_path / "s.yaml", "name: s\nmacro:\n  inflation: {2025: 0.1, 2030: 0.04}\n")
    scenario = load_scenario(path, ["macro.inflation.2027=0.06", "horizon.end_year=2040"])
    values = scenario.macro.inflation.values(np.array([2025, 2026, 2027, 2029, 2030, 2040]))
    assert values.tolist() == [0.1, 0.1, 0.06, 0.06, 0.04, 0.04]
    assert scenario.horizon.end_year == 2040


def test_set_accepts_a_mapping_value(tmp_path):
    path = write(tmp_path / "s.yaml", "name: s\n")
    scenario = load_scenario(path, {"macro.real_gdp_growth": {2025: 0.05, 2030: 0.03}})
    assert scenario.macro.real_gdp_growth.to_plain() == {2025: 0.05, 2030: 0.03}


def test_year_path_steps_hold_until_the_next_year():
    path = YearPath(((2030, 2.0), (2025, 1.0)))  # unsorted input is sorted by validation
    validated = scenario_from_dict({"name": "x", "demography": {"fertility_multiplier": {2030: 2.0, 2025: 1.0}}})
    years = np.array([2024, 2025, 2029, 2030, 2099])
    assert validated.demography.fertility_multiplier.values(years).tolist() == [1.0, 1.0, 1.0, 2.0, 2.0]
    assert YearPath.constant(3.0).values(years).tolist() == [3.0] * 5
    assert path.years == (2030, 2025)


def test_scenario_is_frozen():
    scenario = scenario_from_dict({"name": "x"})
    with pytest.raises(ValidationError, match="Instance is frozen"):
        scenario.name = "y"
    with pytest.raises(ValidationError, match="Instance is frozen"):
        scenario.benefits.old_age.accrual_rate.enterprise = YearPath.constant(0.02)
    assert scenario.name == "x"


def test_every_leaf_parameter_documents_unit_status_and_description():
    found = list(leaves(Scenario))
    assert len(found) > 100
    for dotted, field in found:
        assert_documented(dotted, field)


def test_shipped_scenarios_validate():
    from pathlib import Path

    for path in sorted(Path(__file__).parents[2].joinpath("scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        assert scenario.name == path.stem, f"{path.name} should be named after its file"
