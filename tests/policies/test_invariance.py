"""Every enrolment block does act after its start year, so that the invariance properties
(a policy changes nothing before its start year, nor for a group it does not reach:
:mod:`tests.properties.test_invariance_properties`) are not vacuous."""


import engine
from tests.policies.helpers import run, run_projected, with_policies


def test_policies_do_act_after_their_start_year():
    """Each enrolment block moves enrolment after its start."""
    base = run()["active_members"].sel(scheme="voluntary", year=2034)
    for block in ({"type": "contribution_subsidy", "share": 0.5},
                  {"type": "reduced_package", "rate": 0.04},
                  {"type": "outreach", "added_reach": 0.01},
                  {"type": "health_quality", "interest_shift": 0.2},
                  {"type": "retention", "measure": "reminders", "lapse_reduction": 0.3, "cost_per_member": 0}):
        ds = run_projected(with_policies([{**block, "name": "p", "start_year": 2027}]))
        assert float(ds["active_members"].sel(scheme="voluntary", year=2034)) > float(base) * 1.001, block
