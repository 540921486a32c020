"""A summary computed once over a Dataset with a variant dimension is each variant's own
summary table; variants that do not line up are refused; a chunk is made of such batches."""

from __future__ import annotations

import importlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from engine.model import project
from engine.results import VARIANT, build_dataset
from engine.scenario.load import load_scenario
from engine.summary import summary_columns, summary_table, summary_variables
from engine.sweep import run_chunk, summary_outputs, variant_scenario, variants_of
from engine.uncertainty import draw_variants

SCENARIOS = Path(__file__).parents[2] / "scenarios"


def _variants(name: str, count: int):
    scenario = load_scenario(SCENARIOS / f"{name}.yaml")
    if not scenario.uncertainty.parameters:  # the scenario varies nothing: vary real growth by hand
        return [project(variant_scenario(scenario, {"macro.real_gdp_growth": ("add", 0.01 * i)}, None))
                for i in range(count)]
    return [project(variant_scenario(scenario, *v)) for v in variants_of(draw_variants(scenario, count, 3), count)]


# stochastic draws; SPF programmes and outreach; enrolment targets
@pytest.mark.parametrize("name", ["uncertainty", "rap_combination", "target_2021_2025"])
def test_batch_summary_is_each_variants_own_summary(name):
    projections = _variants(name, 3)
    out = summary_outputs(projections)
    for i, projection in enumerate(projections):
        ds = projection.dataset()
        table = summary_table(ds)
        assert {f"summary/{c}" for c in table.columns} == {k for k in out if k.startswith("summary/")}
        for column in table.columns:
            np.testing.assert_array_equal(out[f"summary/{column}"][i], table[column].to_numpy(float))
        np.testing.assert_array_equal(out["reserve"][i], ds["reserve"].transpose("year", "fund").to_numpy())
    assert not np.array_equal(out["summary/gdp"][0], out["summary/gdp"][1])  # the variants differ


def test_summary_columns_keep_the_variant_dimension_first():
    projections = _variants("target_2021_2025", 2)
    first = projections[0]
    names = summary_variables() & first.arrays.keys()
    ds = build_dataset({n: np.stack([p.arrays[n] for p in projections]) for n in names}, first.years,
                       extra_coords=first.coords, variants=2)
    assert ds["population"].dims[0] == VARIANT
    columns = summary_columns(ds)
    assert all(v.shape == (2, first.years.size) for v in columns.values())
    targets = [c for c in columns if c.startswith("target_")]
    assert targets  # the scenario states targets: their columns carry the variant too


def test_variants_with_other_coordinates_are_refused():
    projections = _variants("rap_combination", 2)
    renamed = dict(projections[1].coords)
    renamed["programme"] = [f"other_{p}" for p in renamed["programme"]]
    with pytest.raises(ValueError, match="variant 1 has other"):
        summary_outputs([projections[0], replace(projections[1], coords=renamed)])


def test_a_variant_array_of_the_wrong_shape_is_refused():
    projection = _variants("uncertainty", 1)[0]
    gdp = np.stack([projection.arrays["gdp"]] * 3)
    with pytest.raises(ValueError, match="'gdp' has shape"):
        build_dataset({"gdp": gdp}, projection.years, variants=2)


def test_a_chunk_is_its_batches_in_order(monkeypatch):
    scenario = load_scenario(SCENARIOS / "uncertainty.yaml")
    variants = variants_of(draw_variants(scenario, 5, 11), 5)
    whole = run_chunk(scenario, variants)
    monkeypatch.setattr(importlib.import_module("engine.sweep"), "SUMMARY_BATCH", 2)  # batches of 2, 2 and 1
    batched = run_chunk(scenario, variants)
    assert whole.keys() == batched.keys()
    for key in whole:
        assert whole[key].shape[0] == 5
        np.testing.assert_array_equal(whole[key], batched[key])
