"""Each stage of a run returns its own variables; two stages may not return one name."""

import numpy as np
import pytest

from engine.funds.stage import project_funds
from engine.results import OverlappingResults, StageResults, build_dataset, merge_stages
from tests.funds.helpers import stationary_inputs


def test_two_stages_returning_one_variable_is_an_internal_error():
    years = np.array([2024, 2025])
    funds = StageResults("funds", {"subsidy_cost": np.zeros(2)})
    policies = StageResults("policies", {"subsidy_cost": np.ones(2)})
    with pytest.raises(OverlappingResults, match="'subsidy_cost' is returned by both the funds stage and the "
                                                  "policies stage"):
        merge_stages([funds, policies])
    with pytest.raises(OverlappingResults, match="internal error: result variable 'subsidy_cost'"):
        build_dataset([funds, policies], years)


def test_stage_results_are_read_only_and_merge_in_order():
    years = np.array([2024, 2025])
    economy = StageResults("economy", {"gdp": np.ones(2)}, attrs={"a": 1})
    funds = StageResults("funds", {"subsidy_cost": np.zeros(2)}, attrs={"b": 2})
    with pytest.raises(TypeError):
        funds.variables["gdp"] = np.ones(2)
    ds = build_dataset([economy, funds], years)
    assert list(ds.data_vars) == ["gdp", "subsidy_cost"] and ds.attrs == {"a": 1, "b": 2}


def test_the_funds_stage_leaves_policy_costs_to_the_policy_stage(default_scenario):
    result = project_funds(default_scenario, stationary_inputs(default_scenario, n_years=5))
    assert "subsidy_cost" in result.arrays
    assert not {"spf_cost", "spf_cost_pct_gdp", "policy_cost"} & set(result.arrays)
    assert "programme" not in result.results.coords
    with pytest.raises(TypeError):
        result.arrays["spf_cost"] = np.zeros((5, 0))
