"""``retention``: a lower lapse rate for eligible members, at a cost per member."""

import numpy as np
import pytest

import engine
from tests.policies.helpers import run_projected, run, with_policies
from tests.policies.test_schema import _problems

BLOCK = {"type": "retention", "name": "r", "start_year": 2026, "measure": "reminders",
         "lapse_reduction": 0.3, "cost_per_member": 12000}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_a_stronger_retention_keeps_more_members():
    weak, strong = (run_projected(with_policies([{**BLOCK, "lapse_reduction": d}])) for d in (0.2, 0.6))
    assert voluntary(strong)[-1] > voluntary(weak)[-1] > voluntary(run())[-1]


def test_cost_is_members_in_reach_times_the_unit_cost():
    ds = run_projected(with_policies([{**BLOCK, "cost_indexation": "none", "fixed_annual_cost": 1e8}]))
    members = ds["active_members"].sel(scheme="voluntary")
    expected = np.where(ds["year"] >= 2026, members * 12000 + 1e8, 0.0)
    np.testing.assert_allclose(ds["retention_cost"], expected, rtol=1e-12)
    np.testing.assert_allclose(ds["policy_cost"], ds["retention_cost"], rtol=1e-12)
    assert "retention_cost" not in run()


@pytest.mark.parametrize("block, words", [
    ({**BLOCK, "measure": "sms"}, ["policies.0.measure", "reminders"]),
    ({**BLOCK, "lapse_reduction": 1.5}, ["policies.0.lapse_reduction", "<= 1"]),
    ({k: v for k, v in BLOCK.items() if k != "cost_per_member"}, ["policies.0.cost_per_member", "required"]),
    ({**BLOCK, "lapse_reductio": 0.3}, ["did you mean 'lapse_reduction'"]),
])
def test_invalid_retention_blocks_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)
