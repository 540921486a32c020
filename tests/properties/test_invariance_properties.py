"""A policy changes nothing before its start year, nor for a group it does not reach: random
blocks, each run compared bit for bit with the baseline (Hypothesis)."""

from hypothesis import given, settings

from tests.policies.helpers import assert_identical, run, run_projected, with_policies
from tests.properties.strategies import SETTINGS, blocks


@settings(**SETTINGS)
@given(blocks())
def test_a_policy_changes_nothing_before_its_start_year(block):
    ds = run_projected(with_policies([block]))
    assert_identical(ds, run(), before=block["start_year"])


@settings(**SETTINGS)
@given(blocks(below_entry_age=True, kinds=["contribution_subsidy", "reduced_package", "outreach",
                                           "health_quality", "spf_programme", "retention",
                                           "payment_frequency"]))
def test_a_policy_for_a_group_nobody_belongs_to_changes_nothing(block):
    ds = run_projected(with_policies([block]))
    assert_identical(ds, run())
    for name in ("subsidy_cost", "outreach_cost", "spf_cost", "policy_cost", "subsidised_members",
                 "package_members"):
        assert float(abs(ds[name]).sum()) == 0.0, name
