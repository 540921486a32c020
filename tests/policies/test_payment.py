"""``payment_frequency``: the mix of Table 12, its effect on lapse and on the cash flow."""

import math

import numpy as np
import pytest

import engine
from engine.policies.payment import mix_lapse_factor, prepaid_months
from tests.policies.helpers import run_projected, run, with_policies
from tests.policies.test_schema import _problems

BLOCK = {"type": "payment_frequency", "name": "p", "start_year": 2026}
ONLY = {"monthly": 0, "quarterly": 0, "six_monthly": 0, "yearly": 0}


def voluntary(ds):
    return ds["active_members"].sel(scheme="voluntary").to_numpy()


def test_table_12_mix_is_the_default_and_its_factors():
    block = with_policies([BLOCK]).policies[0]
    w = np.array([0.63, 0.27, 0.03, 0.08]) / 1.01
    e = math.log(0.5) / math.log(1 / 12)
    assert mix_lapse_factor(block) == pytest.approx(w @ [1, (4 / 12) ** e, (2 / 12) ** e, 0.5])
    assert prepaid_months(block) == pytest.approx(w @ [0, 1, 2.5, 5.5])


def test_all_monthly_changes_no_member():
    ds = run_projected(with_policies([{**BLOCK, **ONLY, "monthly": 1}]))
    np.testing.assert_array_equal(voluntary(ds), voluntary(run()))
    assert float(ds["advance_contributions"].sum()) == 0.0


def test_paying_ahead_lowers_lapse_and_holds_contributions():
    yearly = run_projected(with_policies([{**BLOCK, **ONLY, "yearly": 1}]))
    assert np.all(voluntary(yearly) >= voluntary(run())) and voluntary(yearly)[-1] > voluntary(run())[-1]
    # without a lapse effect members are the baseline's, and money held is in proportion to months ahead
    held = {f: run_projected(with_policies([{**BLOCK, **ONLY, f: 1, "yearly_lapse_multiplier": 1.0}]))
            for f in ("quarterly", "yearly")}
    np.testing.assert_array_equal(voluntary(held["yearly"]), voluntary(run()))
    after = held["yearly"]["year"] >= 2026
    np.testing.assert_allclose(held["yearly"]["advance_contributions"][after],
                               5.5 * held["quarterly"]["advance_contributions"][after], rtol=1e-12)


@pytest.mark.parametrize("block, words", [
    ({**BLOCK, **ONLY}, ["at least one of monthly"]),
    ({**BLOCK, "quarterly": 1.5}, ["policies.0.quarterly", "<= 1"]),
    ({**BLOCK, "quartely": 0.5}, ["did you mean 'quarterly'"]),
    ({**BLOCK, "yearly_lapse_multiplier": 2}, ["policies.0.yearly_lapse_multiplier"]),
])
def test_invalid_payment_blocks_are_reported_at_their_key(block, words):
    text = _problems([block])
    for word in words:
        assert word in text, (word, text)
